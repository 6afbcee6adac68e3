"""Every query of the push domain: the outbox's messages and their delivery, the parents'
subscribe grants as delivery spends them, the official account's followers, and the bookings
that are due a reminder.

The delivery claim's statements are written here one function per statement, so that the claim
(backend/push/delivery.py) keeps its exact round trips: each conditional UPDATE answers whether
it took the row, and the claim decides what follows.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from backend.db.paging import page_by_creation
from backend.errors import NotFound
from backend.models import Account, Booking, Follower, OutgoingMessage, Policy, SubscribeGrant
from backend.push.states import QUEUED, SENDING, SENT, UNKNOWN, WITHDRAWN
from backend.rules import CareType

# An id is a UUID or a string of one, as the models hand them out and as jobs carry them.
Id = str | uuid.UUID


@dataclass(frozen=True)
class NewMessage:
    """One message to record in the outbox, as its producer composed it."""

    kind: str
    dedup_key: str
    recipient_openid: str
    template_id: str | None
    event: str
    payload: dict[str, Any]
    account_id: Id | None = None
    booking_id: Id | None = None
    policy_id: Id | None = None


def _row(new: NewMessage) -> dict[str, Any]:
    return {
        "kind": new.kind,
        "dedup_key": new.dedup_key,
        "recipient_openid": new.recipient_openid,
        "template_id": new.template_id,
        "event": new.event,
        "payload": new.payload,
        "account_id": new.account_id,
        "booking_id": new.booking_id,
        "policy_id": new.policy_id,
    }


# -- recording messages ------------------------------------------------------------------------


async def record_message(new: NewMessage) -> str:
    """Records the message unless one with its dedup key exists; answers the id of the one kept.

    Runs in the caller's transaction. Two producers racing on one key both miss the first read;
    the loser's unique violation is answered with the winner's row."""
    existing = await OutgoingMessage.get_or_none(dedup_key=new.dedup_key)
    if existing is not None:
        return str(existing.id)
    try:
        message = await OutgoingMessage.create(**_row(new))
    except IntegrityError:
        message = await OutgoingMessage.get(dedup_key=new.dedup_key)
    return str(message.id)


async def record_messages(news: Sequence[NewMessage], batch_size: int) -> None:
    """Records many messages in batched INSERTs; one whose dedup key is already taken (a producer
    racing this one recorded it) is kept once, as the other wrote it."""
    await OutgoingMessage.bulk_create(
        [OutgoingMessage(**_row(new)) for new in news], batch_size=batch_size, ignore_conflicts=True
    )


async def recorded_dedup_keys(keys: Sequence[str]) -> set[str]:
    """Which of these dedup keys already have a message."""
    existing = await OutgoingMessage.filter(dedup_key__in=keys).values_list("dedup_key", flat=True)
    return {str(key) for key in existing}


async def booking_notice_count(booking_id: Id, event: str) -> int:
    """How many messages of this event the booking has had (each notice of it gets its own key)."""
    return await OutgoingMessage.filter(booking_id=booking_id, event=event).count()


async def parent_of(booking: Booking) -> Account:
    """The account that made the booking."""
    return await Account.get(id=booking.parent_id)  # type: ignore[attr-defined]


async def load_facility(booking: Booking) -> None:
    """Loads the booking's facility onto it, for `booking.facility`."""
    await booking.fetch_related("facility")


async def find_policy(policy_id: str) -> Policy | None:
    """The policy, published or not (its producer decides what a draft gets)."""
    return await Policy.get_or_none(id=policy_id)


async def policy_news_openids() -> list[str]:
    """The followers who follow the account and asked for policy news."""
    openids = await Follower.filter(policy_news=True, following=True).values_list("openid", flat=True)
    return [str(openid) for openid in openids]


async def policy_recipients(policy_id: Id) -> set[str]:
    """Whom the policy's messages were already recorded for."""
    openids = await OutgoingMessage.filter(policy_id=policy_id).values_list("recipient_openid", flat=True)
    return {str(openid) for openid in openids}


async def queued_policy_message_ids(policy_id: str, after: str | None, limit: int) -> list[str]:
    """A chunk of the policy's still-queued messages, in id order after the message `after`."""
    query = OutgoingMessage.filter(policy_id=policy_id, state=QUEUED)
    if after is not None:
        query = query.filter(id__gt=uuid.UUID(after))
    ids = await query.order_by("id").limit(limit).values_list("id", flat=True)
    return [str(i) for i in ids]


# -- the delivery claim and its outcome --------------------------------------------------------


async def find_message(message_id: Id) -> OutgoingMessage | None:
    return await OutgoingMessage.get_or_none(id=message_id)


async def claim_queued(
    message_id: str, attempts: int, now: datetime, payload: dict[str, Any] | None = None
) -> bool:
    """Moves the message `queued` → `sending`, counting a try, if it is still `queued` with the
    attempts the claimer read (one conditional UPDATE); answers whether it took the row.

    `payload`, when given, is written with the claim (the grant-spent mark)."""
    changes: dict[str, Any] = {"state": SENDING, "attempts": F("attempts") + 1}
    if payload is not None:
        changes["payload"] = payload
    changes["updated_at"] = now
    row = OutgoingMessage.filter(id=message_id, state=QUEUED, attempts=attempts)
    return bool(await row.update(**changes))


def _grants(account_id: Id, template_id: str | None) -> QuerySet[SubscribeGrant]:
    return SubscribeGrant.filter(account_id=account_id, template_id=template_id)


async def spend_grant(account_id: Id, template_id: str, keep: int) -> bool:
    """Spends one of the parent's permissions for the template if more than `keep` are left (an
    atomic conditional decrement, so two senders never spend one permission); answers whether
    one was spent."""
    grants = _grants(account_id, template_id)
    return bool(await grants.filter(remaining__gt=keep).update(remaining=F("remaining") - 1))


async def grant_left(account_id: Id, template_id: str) -> bool:
    """Whether the parent holds any permission for the template."""
    return await _grants(account_id, template_id).filter(remaining__gt=0).exists()


async def no_grant_left(account_id: Id, template_id: str | None) -> None:
    """The parent holds no permission for the template (WeChat said so: our count was ahead)."""
    await _grants(account_id, template_id).update(remaining=0)


async def record_skip(
    message_id: str, state: str, *, payload: dict[str, Any], reason: str, now: datetime
) -> None:
    """Ends a claimed message unsent in `state`, putting back the payload it had before the claim."""
    await OutgoingMessage.filter(id=message_id).update(
        state=state, payload=payload, last_error=reason, updated_at=now
    )


async def settle_lost_send(message_id: Id, attempts: int, reason: str, now: datetime) -> int:
    """A message still `sending` on the try its sender claimed goes to `unknown` (its sender is
    gone); answers 1 when it did, 0 when anything changed the row meanwhile."""
    return await OutgoingMessage.filter(id=message_id, state=SENDING, attempts=attempts).update(
        state=UNKNOWN, last_error=reason, updated_at=now
    )


async def record_sent(message_id: str, wechat_msgid: str | None, now: datetime) -> None:
    await OutgoingMessage.filter(id=message_id, state=SENDING).update(
        state=SENT, wechat_msgid=wechat_msgid, sent_at=now, last_errcode=None, last_error=None, updated_at=now
    )


async def record_failed_try(
    message_id: str, state: str, errcode: int | None, error: str, now: datetime
) -> None:
    """Ends the `sending` try of the message in `state`, with WeChat's answer."""
    await OutgoingMessage.filter(id=message_id, state=SENDING).update(
        state=state, last_errcode=errcode, last_error=error, updated_at=now
    )


async def queued_since_before(cutoff: datetime, limit: int) -> list[str]:
    """Messages still `queued` and unchanged since before `cutoff` (their dispatch may be lost)."""
    ids = (
        await OutgoingMessage.filter(state=QUEUED, updated_at__lt=cutoff)
        .limit(limit)
        .values_list("id", flat=True)
    )
    return [str(i) for i in ids]


async def sending_since_before(cutoff: datetime, limit: int) -> list[OutgoingMessage]:
    """Messages `sending` and unchanged since before `cutoff` (their sender may be gone)."""
    return await OutgoingMessage.filter(state=SENDING, updated_at__lt=cutoff).limit(limit)


# -- the outbox as the bureau sees it ----------------------------------------------------------


def _message_key(message_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(message_id)
    except ValueError as exc:
        raise NotFound("No such message.") from exc


async def get_message(message_id: str) -> OutgoingMessage:
    """The message; an id that is not a UUID is as missing as an unknown one."""
    message = await OutgoingMessage.get_or_none(id=_message_key(message_id))
    if message is None:
        raise NotFound("No such message.")
    return message


async def page_of_messages(
    state: str | None, *, secret_key: str, limit: int, cursor: str | None
) -> tuple[list[OutgoingMessage], str | None]:
    """One page of messages newest first, optionally in one state, and the next page's cursor."""
    query = OutgoingMessage.all()
    if state is not None:
        query = query.filter(state=state)
    return await page_by_creation(query, secret_key=secret_key, limit=limit, cursor=cursor, newest_first=True)


async def requeue_for_replay(message_id: Id, from_state: str, payload: dict[str, Any], now: datetime) -> bool:
    """Queues the message again with a fresh set of tries, if it is still in `from_state`;
    answers whether it was."""
    replayed = await OutgoingMessage.filter(id=message_id, state=from_state).update(
        state=QUEUED, attempts=0, payload=payload, updated_at=now
    )
    return bool(replayed)


async def reload_message(message: OutgoingMessage) -> None:
    await message.refresh_from_db()


# -- reminders -----------------------------------------------------------------------------------


async def bookings_starting_between(
    start: datetime, end: datetime, *, later_than: datetime, statuses: Sequence[str]
) -> list[Booking]:
    """Bookings in these statuses whose first hour is in [start, end) and after `later_than`,
    with their parent and facility."""
    return await Booking.filter(
        status__in=statuses,
        first_hour_at__gte=start,
        first_hour_at__lt=end,
        first_hour_at__gt=later_than,
    ).select_related("parent", "facility")


async def hourly_bookings_starting(
    after: datetime, by: datetime, *, statuses: Sequence[str]
) -> list[Booking]:
    """Hourly-care bookings in these statuses whose first hour is in (after, by], with their
    parent and facility."""
    return await Booking.filter(
        status__in=statuses,
        care_type=CareType.hourly,
        first_hour_at__gt=after,
        first_hour_at__lte=by,
    ).select_related("parent", "facility")


async def withdraw_queued(booking_ids: Sequence[str], events: Sequence[str], reason: str) -> int:
    """The bookings' messages of these events not sent yet never go out; answers how many."""
    return await OutgoingMessage.filter(booking_id__in=booking_ids, event__in=events, state=QUEUED).update(
        state=WITHDRAWN, last_error=reason
    )


# -- followers -----------------------------------------------------------------------------------


async def follower_for(openid: str, now: datetime) -> Follower:
    """The follower with this openid, created (following since `now`) at its first event."""
    follower = await Follower.get_or_none(openid=openid)
    if follower is not None:
        return follower
    try:
        async with in_transaction():
            return await Follower.create(openid=openid, following=True, followed_at=now)
    except IntegrityError:
        # Two events of a new follower at once: the other one created the row.
        return await Follower.get(openid=openid)


async def save_follower(follower: Follower) -> None:
    await follower.save()


async def end_following(openid: str, now: datetime) -> None:
    """The follower follows no more and asks for nothing (a follower never seen is left unknown)."""
    await Follower.filter(openid=openid).update(following=False, policy_news=False, unfollowed_at=now)
