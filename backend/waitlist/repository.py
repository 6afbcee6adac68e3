"""Every query of the waitlist domain; access-scoped getters answer "not yours" as "missing".

It also holds the writes this domain makes on the bookings tables (the booking an accepted offer
becomes, a reschedule's update, their events and idempotency keys): bookings/repository.py has
getters for those rows but not these writes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from backend.accounts.repository import uuid_or_not_found
from backend.calendar import now_local
from backend.db.paging import page_by_creation
from backend.errors import NoCapacity, NotFound
from backend.models import (
    Account,
    Booking,
    BookingReschedule,
    OutgoingMessage,
    WaitlistEntry,
    WaitlistOffer,
)

if TYPE_CHECKING:
    from backend.bookings.engine import ClassSeat

WAITING = "waiting"
OFFERED = "offered"
ACCEPTED = "accepted"
EXPIRED = "expired"
WITHDRAWN = "withdrawn"
LIVE_STATUSES: tuple[str, ...] = (WAITING, OFFERED)

HELD = "held"


async def get_entry_for_parent(entry_id: str, parent_id: str, *, lock: bool = False) -> WaitlistEntry:
    query = WaitlistEntry.filter(id=uuid_or_not_found(entry_id, "waitlist entry"), parent_id=parent_id)
    if lock:
        query = query.select_for_update()
    entry = await query.first()
    if entry is None:
        raise NotFound("没有这条候补记录。")
    return entry


async def live_entry_with_key(child_id: str, request_key: str) -> WaitlistEntry | None:
    return await WaitlistEntry.filter(
        child_id=child_id, request_key=request_key, status__in=LIVE_STATUSES
    ).first()


async def waiting_entries_of_facility(
    facility_id: str, *, overlapping: tuple[date, date] | None = None
) -> list[WaitlistEntry]:
    """The facility's waiting entries in entry order (optionally only those touching the dates)."""
    query = WaitlistEntry.filter(facility_id=facility_id, status=WAITING)
    if overlapping is not None:
        query = query.filter(start_date__lte=overlapping[1], end_date__gte=overlapping[0])
    return list(await query.order_by("created_at", "id").select_related("child"))


async def live_entries_of_facility(facility_id: str) -> list[WaitlistEntry]:
    return list(
        await WaitlistEntry.filter(facility_id=facility_id, status__in=LIVE_STATUSES)
        .order_by("created_at", "id")
        .select_related("child")
    )


async def position_of(entry: WaitlistEntry) -> int | None:
    """Where a live entry stands in its facility's line now (1 = next), counted afresh each time."""
    if entry.status not in LIVE_STATUSES:
        return None
    ahead = await WaitlistEntry.filter(
        facility_id=entry.facility_id,  # type: ignore[attr-defined]
        status__in=LIVE_STATUSES,
        created_at__lt=entry.created_at,
    ).count()
    same_moment = await WaitlistEntry.filter(
        facility_id=entry.facility_id,  # type: ignore[attr-defined]
        status__in=LIVE_STATUSES,
        created_at=entry.created_at,
        id__lt=entry.id,
    ).count()
    return ahead + same_moment + 1


async def page_of_parent_entries(
    parent_id: str, *, secret_key: str, limit: int, cursor: str | None
) -> tuple[list[WaitlistEntry], str | None]:
    return await page_by_creation(
        WaitlistEntry.filter(parent_id=parent_id),
        secret_key=secret_key,
        limit=limit,
        cursor=cursor,
        newest_first=True,
    )


async def offer_of(entry_id: str, *, lock: bool = False) -> WaitlistOffer | None:
    query = WaitlistOffer.filter(entry_id=entry_id)
    if lock:
        query = query.select_for_update()
    return await query.first()


async def offers_of(entry_ids: Sequence[str]) -> dict[str, WaitlistOffer]:
    if not entry_ids:
        return {}
    offers = await WaitlistOffer.filter(entry_id__in=list(entry_ids))
    return {str(o.entry_id): o for o in offers}  # type: ignore[attr-defined]


async def held_offers_due(by: datetime, facility_id: str | None = None) -> list[WaitlistOffer]:
    query = WaitlistOffer.filter(state=HELD, expires_at__lte=by)
    if facility_id is not None:
        query = query.filter(facility_id=facility_id)
    return list(await query.order_by("expires_at", "id"))


async def held_offers_expiring_before(by: datetime) -> list[WaitlistOffer]:
    return list(await WaitlistOffer.filter(state=HELD, reminded=False, expires_at__lte=by).order_by("id"))


async def held_offers_on(facility_id: str, day: date) -> list[WaitlistOffer]:
    offers = await WaitlistOffer.filter(facility_id=facility_id, state=HELD).order_by("id")
    return [o for o in offers if day.isoformat() in (o.slots or {})]


async def lock_offer(offer_id: int) -> WaitlistOffer | None:
    return await WaitlistOffer.filter(id=offer_id).select_for_update().first()


async def reschedule_count(booking_id: str) -> int:
    return await BookingReschedule.filter(booking_id=booking_id).count()


async def facilities_with_a_live_line() -> set[str]:
    """Every facility where someone waits or holds an offer (few: lines form at full classes)."""
    rows = (
        await WaitlistEntry.filter(status__in=LIVE_STATUSES).distinct().values_list("facility_id", flat=True)
    )
    return {str(r) for r in rows}


async def facilities_with_live_entries(facility_ids: Sequence[str]) -> set[str]:
    if not facility_ids:
        return set()
    rows = await WaitlistEntry.filter(
        facility_id__in=list(facility_ids), status__in=LIVE_STATUSES
    ).values_list("facility_id", flat=True)
    return {str(r) for r in rows}


# --- entries: reads ----------------------------------------------------------------------------


async def get_entry(entry_id: object) -> WaitlistEntry:
    """The entry an offer belongs to (the offer's foreign key guarantees it exists)."""
    return await WaitlistEntry.get(id=entry_id)


async def offered_entry_ids_of_parent(parent_id: str) -> set[str]:
    rows = await WaitlistEntry.filter(parent_id=parent_id, status=OFFERED).values_list("id", flat=True)
    return {str(r) for r in rows}


async def parent_of(entry: WaitlistEntry) -> Account:
    """The account that made the entry."""
    return await Account.get(id=entry.parent_id)  # type: ignore[attr-defined]


async def entry_notice_count(entry_id: object, event: str) -> int:
    """How many messages of this event the entry has had (each notice of it gets its own key)."""
    return await OutgoingMessage.filter(dedup_key__startswith=f"waitlist:{entry_id}:{event}:").count()


# --- entries: writes ---------------------------------------------------------------------------


async def create_entry(**values: Any) -> WaitlistEntry:
    return await WaitlistEntry.create(**values)


async def end_entry(
    entry: WaitlistEntry,
    status: str,
    *,
    booking_id: str | None = None,
    only_from: Sequence[str] | None = None,
) -> bool:
    """Moves the entry to `status` (with the booking it became, if any) and mirrors that on the
    instance; with `only_from`, only while its status is one of those (another transaction may
    have ended it meanwhile). Answers whether it moved."""
    fields: dict[str, Any] = {"status": status, "updated_at": now_local()}
    if booking_id is not None:
        fields["booking_id"] = booking_id
    query = WaitlistEntry.filter(id=entry.id)
    if only_from is not None:
        query = query.filter(status__in=list(only_from))
    moved = await query.update(**fields)
    if only_from is not None and moved != 1:
        return False
    entry.status = status
    if booking_id is not None:
        entry.booking_id = booking_id
    return True


class _Taken(Exception):
    """The entry was offered meanwhile by another transaction (its status moved)."""


async def offer_entry(
    entry: WaitlistEntry,
    take: Callable[[BaseDBAsyncClient], Awaitable[ClassSeat]],
    *,
    facility_id: object,
    slots: dict[str, Any],
    price_fen: int,
    expires_at: datetime,
) -> WaitlistOffer | None:
    """Moves a waiting entry to offered, takes its places with `take` (the place engine, on the
    connection given) and records the hold in that class. None, and nothing changed, when the
    entry was offered meanwhile or `take` finds no room (NoCapacity).

    All in a savepoint of its own: a take that fails leaves no partial increment in the caller's
    transaction, and the entry stays waiting."""
    try:
        async with in_transaction() as attempt:
            moved = await WaitlistEntry.filter(id=entry.id, status=WAITING).update(
                status=OFFERED, updated_at=now_local()
            )
            if moved != 1:
                raise _Taken()
            seat = await take(attempt)
            offer = await WaitlistOffer.create(
                entry_id=entry.id,
                facility_id=facility_id,
                klass_id=seat.id,
                class_kind=seat.kind.value,
                slots=slots,
                price_fen=price_fen,
                expires_at=expires_at,
                state=HELD,
            )
    except (NoCapacity, _Taken):
        return None
    entry.status = OFFERED
    return offer


# --- offers ------------------------------------------------------------------------------------


async def held_offers_of_child(child_id: str, *, excluding_entry: str) -> list[WaitlistOffer]:
    """The child's held offers, but for the one of this entry."""
    return list(
        await WaitlistOffer.filter(entry__child_id=child_id, state=HELD).exclude(entry_id=excluding_entry)
    )


async def held_offers_of_class(class_id: str) -> list[WaitlistOffer]:
    return list(await WaitlistOffer.filter(klass_id=class_id, state=HELD))


async def end_offer(offer: WaitlistOffer, state: str) -> None:
    """The offer ends in `state` and holds nothing any more (the instance is updated too)."""
    await WaitlistOffer.filter(id=offer.id).update(slots={}, state=state, ended_at=now_local())
    offer.slots = {}
    offer.state = state


async def mark_reminded(offer_id: int) -> bool:
    """Marks a held offer's "about to expire" notice as sent; False when it already was (or the
    offer ended), so that notice goes out once."""
    moved = await WaitlistOffer.filter(id=offer_id, state=HELD, reminded=False).update(reminded=True)
    return moved == 1


async def shrink_offer(offer_id: int, slots: dict[str, Any], price_fen: int) -> None:
    """A held offer keeps fewer places (a day of it closed), at this price."""
    await WaitlistOffer.filter(id=offer_id).update(slots=slots, price_fen=price_fen)


# --- bookings an offer becomes or a reschedule moves -------------------------------------------


async def save_moved_booking(booking: Booking) -> None:
    """Writes the fields a reschedule sets on the booking (the instance holds the new values)."""
    await Booking.filter(id=booking.id).update(
        klass_id=booking.klass_id,  # type: ignore[attr-defined]
        class_kind=booking.class_kind,
        start_date=booking.start_date,
        end_date=booking.end_date,
        session=booking.session,
        start_time=booking.start_time,
        end_time=booking.end_time,
        slots=booking.slots,
        first_hour_at=booking.first_hour_at,
        last_hour_end_at=booking.last_hour_end_at,
        cancellable_until=booking.cancellable_until,
        price_fen=booking.price_fen,
        updated_at=now_local(),
    )


async def record_reschedule(
    booking_id: object, actor_id: str, actor_role: str, from_slots: Any, to_slots: Any
) -> None:
    await BookingReschedule.create(
        booking_id=booking_id,
        actor_id=actor_id,
        actor_role=actor_role,
        from_slots=from_slots,
        to_slots=to_slots,
    )
