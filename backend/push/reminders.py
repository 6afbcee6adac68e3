"""Reminders to parents as subscribe messages: the evening before a booking starts, and one hour
before hourly care. Run by the worker's cron; idempotent through the messages' dedup keys, so
however often it runs (and on however many workers) each reminder is recorded once."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from backend.calendar import SERVICE_TZ
from backend.context import Resources
from backend.db.uow import UnitOfWork
from backend.push import repository
from backend.push.outbox import booking_payload, queue_message
from backend.rules import BookingStatus

if TYPE_CHECKING:
    from backend.models import Booking

DAY_BEFORE_EVENT = "reminder_day_before"
HOUR_BEFORE_EVENT = "reminder_hour_before"
# The day-before reminder goes out from this hour of the evening before (a booking made later
# that evening is reminded on the next run).
DAY_BEFORE_FROM_HOUR = 18
HOUR_BEFORE = timedelta(hours=1)
REMINDED_STATUSES = (BookingStatus.confirmed,)


def reminder_dedup_key(booking_id: str, event: str) -> str:
    return f"booking:{booking_id}:{event}"


async def _due(now: datetime) -> list[tuple[Booking, str]]:
    due: list[tuple[Booking, str]] = []
    if now.hour >= DAY_BEFORE_FROM_HOUR:
        tomorrow = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), SERVICE_TZ)
        day_before = await repository.bookings_starting_between(
            tomorrow,
            tomorrow + timedelta(days=1),
            # Care starting within the hour (just after midnight) gets the hour-before reminder
            # only: two reminders of one booking a few minutes apart would spend two grants.
            later_than=now + HOUR_BEFORE,
            statuses=REMINDED_STATUSES,
        )
        due += [(booking, DAY_BEFORE_EVENT) for booking in day_before]
    hour_before = await repository.hourly_bookings_starting(
        now, now + HOUR_BEFORE, statuses=REMINDED_STATUSES
    )
    due += [(booking, HOUR_BEFORE_EVENT) for booking in hour_before]
    return due


async def withdraw_reminders(booking_ids: list[str]) -> int:
    """Reminders of these bookings not sent yet never go out (call inside the transaction that
    cancels them); answers how many were withdrawn."""
    if not booking_ids:
        return 0
    return await repository.withdraw_queued(
        booking_ids,
        (DAY_BEFORE_EVENT, HOUR_BEFORE_EVENT),
        "the booking was cancelled before its reminder went out",
    )


async def queue_reminders(res: Resources, now: datetime) -> int:
    """Records (and queues) the reminders due at `now`; answers how many were new."""
    now = now.astimezone(SERVICE_TZ)
    due = [(b, e) for b, e in await _due(now) if b.parent.openid]
    if not due:
        return 0
    keys = [reminder_dedup_key(str(booking.id), event) for booking, event in due]
    recorded = await repository.recorded_dedup_keys(keys)
    new = 0
    async with UnitOfWork(res) as uow:
        for (booking, event), key in zip(due, keys, strict=True):
            if key in recorded:
                continue
            message_id = await queue_message(
                kind="subscribe",
                dedup_key=key,
                recipient_openid=str(booking.parent.openid),
                template_id=res.settings.wechat_template_booking,
                event=event,
                payload=await booking_payload(booking),
                account_id=str(booking.parent.id),
                booking_id=str(booking.id),
            )
            uow.dispatch([message_id])
            new += 1
    return new
