"""Reminders to parents as subscribe messages: the evening before a booking starts, and one hour
before hourly care. Run by the worker's cron; idempotent through the messages' dedup keys, so
however often it runs (and on however many workers) each reminder is recorded once."""

from __future__ import annotations

from datetime import datetime, timedelta

from backend.calendar import SERVICE_TZ
from backend.context import Resources
from backend.db.uow import UnitOfWork
from backend.models import Booking, OutgoingMessage
from backend.push.delivery import QUEUED, WITHDRAWN
from backend.push.outbox import booking_payload, queue_message
from backend.rules import BookingStatus, CareType

DAY_BEFORE_EVENT = "reminder_day_before"
HOUR_BEFORE_EVENT = "reminder_hour_before"
# The day-before reminder goes out from this hour of the evening before (a booking made later
# that evening is reminded on the next run).
DAY_BEFORE_FROM_HOUR = 18
HOUR_BEFORE = timedelta(hours=1)
REMINDED_STATUSES = (BookingStatus.confirmed.value,)


def reminder_dedup_key(booking_id: str, event: str) -> str:
    return f"booking:{booking_id}:{event}"


async def _due(now: datetime) -> list[tuple[Booking, str]]:
    due: list[tuple[Booking, str]] = []
    if now.hour >= DAY_BEFORE_FROM_HOUR:
        tomorrow = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), SERVICE_TZ)
        day_before = await Booking.filter(
            status__in=REMINDED_STATUSES,
            first_hour_at__gte=tomorrow,
            first_hour_at__lt=tomorrow + timedelta(days=1),
            # Care starting within the hour (just after midnight) gets the hour-before reminder
            # only: two reminders of one booking a few minutes apart would spend two grants.
            first_hour_at__gt=now + HOUR_BEFORE,
        ).select_related("parent", "facility")
        due += [(booking, DAY_BEFORE_EVENT) for booking in day_before]
    hour_before = await Booking.filter(
        status__in=REMINDED_STATUSES,
        care_type=CareType.hourly.value,
        first_hour_at__gt=now,
        first_hour_at__lte=now + HOUR_BEFORE,
    ).select_related("parent", "facility")
    due += [(booking, HOUR_BEFORE_EVENT) for booking in hour_before]
    return due


async def withdraw_reminders(booking_ids: list[str]) -> int:
    """Reminders of these bookings not sent yet never go out (call inside the transaction that
    cancels them); answers how many were withdrawn."""
    if not booking_ids:
        return 0
    return await OutgoingMessage.filter(
        booking_id__in=booking_ids, event__in=(DAY_BEFORE_EVENT, HOUR_BEFORE_EVENT), state=QUEUED
    ).update(state=WITHDRAWN, last_error="the booking was cancelled before its reminder went out")


async def queue_reminders(res: Resources, now: datetime) -> int:
    """Records (and queues) the reminders due at `now`; answers how many were new."""
    now = now.astimezone(SERVICE_TZ)
    due = [(b, e) for b, e in await _due(now) if b.parent.openid]
    if not due:
        return 0
    keys = [reminder_dedup_key(str(booking.id), event) for booking, event in due]
    existing = await OutgoingMessage.filter(dedup_key__in=keys).values_list("dedup_key", flat=True)
    recorded = {str(key) for key in existing}
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
