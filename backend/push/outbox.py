"""Producers of outgoing WeChat messages.

A message is written as an OutgoingMessage row inside the transaction that caused it (so it exists
exactly when the cause committed), and handed to the queue only after that commit (`dispatch`).
The worker (bot/worker.py) sends it, records WeChat's answer and never sends it twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from backend.context import Resources
from backend.infra.faults import note_fault
from backend.push import repository
from backend.push.queues import push_queue_name
from backend.push.repository import NewMessage

if TYPE_CHECKING:
    from backend.models import Booking

log = logging.getLogger(__name__)

SEND_JOB = "push.send"
DISPATCH_CONCURRENCY = 32


def send_job_id(message_id: str) -> str:
    # arq refuses a second job with the same id while the first is queued or kept, so a message
    # dispatched twice (a retry of the request, a replay) is still queued once.
    return f"{SEND_JOB}:{message_id}"


async def queue_message(
    *,
    kind: str,
    dedup_key: str,
    recipient_openid: str,
    template_id: str | None,
    event: str,
    payload: dict[str, Any],
    account_id: str | None = None,
    booking_id: str | None = None,
    policy_id: str | None = None,
) -> str:
    """Records one message to send (inside the caller's transaction); idempotent on dedup_key."""
    return await repository.record_message(
        NewMessage(
            kind=kind,
            dedup_key=dedup_key,
            recipient_openid=recipient_openid,
            template_id=template_id,
            event=event,
            payload=payload,
            account_id=account_id,
            booking_id=booking_id,
            policy_id=policy_id,
        )
    )


async def booking_payload(booking: Booking, reason: str | None = None) -> dict[str, Any]:
    """What a booking message needs, frozen when it is queued (bot/templates.py formats it)."""
    await repository.load_facility(booking)
    return {
        "booking_id": str(booking.id),
        "facility_name": booking.facility.name,
        "care_type": booking.care_type,
        "start_date": booking.start_date.isoformat(),
        "end_date": booking.end_date.isoformat(),
        "start_time": booking.start_time,
        "end_time": booking.end_time,
        "session": booking.session,
        "status": booking.status,
        "reason": reason or "",
        "first_hour_at": booking.first_hour_at.isoformat(),
    }


async def queue_booking_notice(
    res: Resources, booking: Booking, event: str, reason: str | None = None
) -> str | None:
    """Records the subscribe message telling a parent about a booking event (inside the transaction).

    Answers None when the parent has no mini-program openid to send to. The event stays visible in
    the mini program through the booking's status history either way.
    """
    parent = await repository.parent_of(booking)
    if not parent.openid:
        return None
    sequence = await repository.booking_notice_count(booking.id, event)
    payload = await booking_payload(booking, reason)
    return await queue_message(
        kind="subscribe",
        dedup_key=f"booking:{booking.id}:{event}:{sequence}",
        recipient_openid=parent.openid,
        template_id=res.settings.wechat_template_booking,
        event=event,
        payload=payload,
        account_id=str(parent.id),
        booking_id=str(booking.id),
    )


async def dispatch(res: Resources, message_ids: Iterable[str | None]) -> None:
    """Hands committed messages to the queue. Call only after the transaction committed.

    A message whose job cannot be queued now (Redis down) stays `queued` in the outbox; the
    worker's sweep finds it and queues it again, so a lost dispatch delays a message, never drops it.
    """
    if res.queue is None:
        log.warning("no job queue configured; messages stay queued in the outbox")
        return
    queue = res.queue
    queue_name = push_queue_name(res.settings)
    pending = [message_id for message_id in message_ids if message_id is not None]
    # A fan-out of thousands is queued a few dozen at a time rather than one round trip after another.
    gate = asyncio.Semaphore(DISPATCH_CONCURRENCY)

    async def enqueue(message_id: str) -> None:
        async with gate:
            try:
                await queue.enqueue_job(
                    SEND_JOB, message_id, _job_id=send_job_id(message_id), _queue_name=queue_name
                )
            except Exception as exc:  # the outbox row is the durable record; the sweep re-dispatches it
                if not note_fault(exc, "queueing messages (the sweep will)"):
                    log.warning("could not queue message %s; the sweep will", message_id, exc_info=True)

    if len(pending) == 1:
        await enqueue(pending[0])
    elif pending:
        await asyncio.gather(*(enqueue(message_id) for message_id in pending))
