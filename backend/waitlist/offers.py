"""Offers: freed places go to the first waiting entry they fit, held in the occupancy ledger.

`places_freed` is the one hook every change that frees places calls inside its own transaction
(a cancellation, a rejection, an absence, a class that grows, a reopened day, an offer that ends).
A hold is a WaitlistOffer row whose slots took their places through the place engine's take path,
exactly as a booking's do; it is occupancy with an expiry, never a second counter, so nobody else
can book those places and a recount of the ledger counts it like a booking.

This module imports nothing of bookings/service.py, which calls it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from backend.bookings import engine, ledger
from backend.bookings import repository as bookings_repository
from backend.bookings.plan import (
    BookingPlan,
    BookingRequestData,
    FacilityHours,
    at,
    plan_booking,
    slots_as_json,
    slots_from_json,
)
from backend.calendar import district_calendar, now_local
from backend.context import Resources
from backend.db.uow import UnitOfWork
from backend.errors import NotFound, ServiceError
from backend.facilities.repository import get_facility
from backend.push.outbox import queue_message
from backend.rules import CareType, Session, age_in_months
from backend.waitlist import repository
from backend.waitlist.repository import EXPIRED, HELD, LIVE_STATUSES, OFFERED

if TYPE_CHECKING:
    from tortoise.backends.base.client import BaseDBAsyncClient

    from backend.models import Facility, WaitlistEntry, WaitlistOffer

log = logging.getLogger(__name__)

OFFER_EVENT = "waitlist_offered"
EXPIRING_EVENT = "waitlist_offer_expiring"
EXPIRED_EVENT = "waitlist_offer_expired"
DEFAULT_HOLD_MINUTES = 30
EVERY_HOUR = tuple(range(24))


def whole_days(days: Iterable[date]) -> dict[date, tuple[int, ...]]:
    """Days freed as a whole (a reopened day, a cancellation's days): every hour of them."""
    return {day: EVERY_HOUR for day in days}


def request_of(entry: WaitlistEntry) -> BookingRequestData:
    return BookingRequestData(
        care_type=CareType(entry.care_type),
        start_date=entry.start_date,
        end_date=entry.end_date,
        session=Session(entry.session) if entry.session else None,
        start_time=entry.start_time,
        end_time=entry.end_time,
    )


def plan_for(
    request: BookingRequestData, facility: Facility, closed: Sequence[date], now: datetime, calendar: Any
) -> BookingPlan:
    prices = facility.prices or {}
    return plan_booking(
        request,
        hours=FacilityHours.of(facility),
        open_weekdays=facility.open_weekdays or [],
        closed_dates=closed,
        price_per_unit_fen=int(prices.get(request.care_type.value, 0)),
        now=now,
        calendar=calendar,
    )


# ---------------------------------------------------------------------------------------------
# Notices (booking-like subscribe messages; rules.notice_class says which are essential)


async def queue_entry_notice(
    res: Resources, entry: WaitlistEntry, event: str, offer: WaitlistOffer | None, reason: str
) -> str | None:
    """Records the subscribe message about an entry's offer (inside the caller's transaction)."""
    parent = await repository.parent_of(entry)
    if not parent.openid:
        return None
    facility = await get_facility(entry.facility_id)  # type: ignore[attr-defined]
    slots = slots_from_json(offer.slots) if offer is not None else {}
    first_day = min(slots) if slots else entry.start_date
    first_hour = min(slots[first_day]) if slots else 0
    sequence = await repository.entry_notice_count(entry.id, event)
    payload = {
        "entry_id": str(entry.id),
        "facility_name": facility.name,
        "care_type": entry.care_type,
        "start_date": entry.start_date.isoformat(),
        "end_date": entry.end_date.isoformat(),
        "start_time": entry.start_time,
        "end_time": entry.end_time,
        "session": entry.session,
        "status": entry.status,
        "reason": reason,
        "first_hour_at": at(first_day, first_hour).isoformat(),
        "offer_expires_at": offer.expires_at.isoformat() if offer is not None else None,
    }
    return await queue_message(
        kind="subscribe",
        dedup_key=f"waitlist:{entry.id}:{event}:{sequence}",
        recipient_openid=parent.openid,
        template_id=res.settings.wechat_template_booking,
        event=event,
        payload=payload,
        account_id=str(parent.id),
    )


def _until_label(moment: datetime) -> str:
    local = moment.astimezone(now_local().tzinfo)
    return f"名额保留至{local.month}月{local.day}日{local:%H:%M}"


# ---------------------------------------------------------------------------------------------
# Making offers


async def places_freed(
    uow: UnitOfWork,
    facility_id: str,
    freed: Mapping[date, Iterable[int]] | None,
    *,
    now: datetime | None = None,
) -> None:
    """Offers places just freed in a facility to the waiting entries they fit, in entry order.

    Call inside the unit that freed them, after the places are back in the ledger. `freed` is the
    dates and hours freed (None: anything may have changed, as when a class grows); only entries
    touching them are tried. The parents' notices and the held days' vacancy follow the commit.
    """
    res, conn = uow.res, uow.connection
    moment = now or now_local()
    try:
        facility = await get_facility(facility_id)
    except NotFound:
        return  # deleted meanwhile: nobody can be offered a place there
    if not facility.bookable:
        return
    wanted: dict[date, set[int]] | None = None
    overlapping: tuple[date, date] | None = None
    if freed is not None:
        wanted = {day: set(hours) for day, hours in freed.items() if hours}
        if not wanted:
            return
        overlapping = (min(wanted), max(wanted))
    entries = await repository.waiting_entries_of_facility(facility_id, overlapping=overlapping)
    if not entries:
        return
    classes = await engine.read_classes(conn, facility_id, res.settings.mixed_class_ratio)
    calendar = await district_calendar(res)
    first = min(e.start_date for e in entries)
    last = max(e.end_date for e in entries)
    closed = await bookings_repository.closed_dates(facility_id, first, last)
    taken: Counter[tuple[str, date, int]] = Counter(
        await ledger.taken_between(conn, [seat.id for seat in classes], first, last)
    )
    for entry in entries:
        if wanted is not None and not _room_left(classes, taken, wanted):
            break  # every place freed is held again: the rest of the line waits on
        offer = await _try_offer(facility, entry, classes, closed, calendar, taken, wanted, moment)
        if offer is None:
            continue
        held = slots_from_json(offer.slots)
        for day, hours in held.items():
            for hour in hours:
                taken[(str(offer.klass_id), day, hour)] += 1  # type: ignore[attr-defined]
        uow.refresh_vacancy(facility_id, held)
        uow.dispatch(
            [await queue_entry_notice(res, entry, OFFER_EVENT, offer, _until_label(offer.expires_at))]
        )


def _room_left(
    classes: Sequence[engine.ClassSeat],
    taken: Mapping[tuple[str, date, int], int],
    wanted: Mapping[date, set[int]],
) -> bool:
    """Whether any class still has a free place at any of the hours freed."""
    return any(
        taken.get((seat.id, day, hour), 0) < seat.capacity
        for seat in classes
        for day, hours in wanted.items()
        for hour in hours
    )


async def _try_offer(
    facility: Facility,
    entry: WaitlistEntry,
    classes: Sequence[engine.ClassSeat],
    closed: Sequence[date],
    calendar: Any,
    taken: Mapping[tuple[str, date, int], int],
    wanted: Mapping[date, set[int]] | None,
    now: datetime,
) -> WaitlistOffer | None:
    """Holds the entry's places when they are free now, or answers None and changes nothing."""
    try:
        plan = plan_for(request_of(entry), facility, closed, now, calendar)
    except ServiceError:
        return None  # its window has passed, or no open day is left: it can no longer be booked
    slots = plan.slots
    if wanted is not None and not any(
        hour in wanted.get(day, ()) for day, hours in slots.items() for hour in hours
    ):
        return None  # nothing freed touches it: it did not fit before and still does not
    age = age_in_months(entry.child.birth_date, plan.first_day)
    candidates = engine.fitting_classes(classes, age, facility.age_min_months, facility.age_max_months)
    if not any(engine.room_in(seat, taken, slots) > 0 for seat in candidates):
        return None
    if await _child_busy(str(entry.child_id), plan, exclude_entry=str(entry.id)):  # type: ignore[attr-defined]
        return None
    hold_minutes = facility.waitlist_hold_minutes or DEFAULT_HOLD_MINUTES

    async def take(attempt: BaseDBAsyncClient) -> engine.ClassSeat:
        return await engine.take_places(attempt, candidates, slots)

    # The repository runs the entry's move, the take and the hold in one savepoint: a take that
    # fails (or an entry offered meanwhile) leaves nothing behind and the entry waits on.
    return await repository.offer_entry(
        entry,
        take,
        facility_id=facility.id,
        slots=slots_as_json(slots),
        price_fen=plan.price_fen,
        expires_at=now + timedelta(minutes=hold_minutes),
    )


async def _child_busy(child_id: str, plan: BookingPlan, *, exclude_entry: str) -> bool:
    """Whether the child already has a booking or another held offer at some of these hours."""
    wanted = {(day, hour) for day in plan.days for hour in plan.hours}
    for other in await bookings_repository.active_bookings_of_child(child_id, plan.days[0], plan.days[-1]):
        held = slots_from_json(other.slots)
        if any((day, hour) in wanted for day, hours in held.items() for hour in hours):
            return True
    for offer in await repository.held_offers_of_child(child_id, excluding_entry=exclude_entry):
        held = slots_from_json(offer.slots)
        if any((day, hour) in wanted for day, hours in held.items() for hour in hours):
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Ending holds


async def release_hold(uow: UnitOfWork, offer: WaitlistOffer, state: str) -> dict[date, list[int]]:
    """Ends a held offer (state accepted never comes here): gives its places back and answers them."""
    slots = slots_from_json(offer.slots)
    per_slot: Counter[ledger.Slot] = Counter(
        {(day, hour): 1 for day, hours in slots.items() for hour in hours}
    )
    await ledger.release_places(uow.connection, {str(offer.klass_id): per_slot})  # type: ignore[attr-defined]
    uow.refresh_vacancy(str(offer.facility_id), slots)  # type: ignore[attr-defined]
    await repository.end_offer(offer, state)
    return slots


async def expire_offer(uow: UnitOfWork, offer: WaitlistOffer, now: datetime) -> None:
    """An offer past its time: the entry expires, the parent is told (optional) and the places
    pass to the next in line, all in the caller's unit. The offer must be locked."""
    if offer.state != HELD:
        return
    entry = await repository.get_entry(offer.entry_id)  # type: ignore[attr-defined]
    freed = await release_hold(uow, offer, EXPIRED)
    await _end_entry(uow, entry, offer, "候补名额已过期")
    await places_freed(uow, str(offer.facility_id), freed, now=now)  # type: ignore[attr-defined]


async def _end_entry(
    uow: UnitOfWork,
    entry: WaitlistEntry,
    offer: WaitlistOffer | None,
    reason: str,
    *,
    only_from: Sequence[str] | None = None,
) -> bool:
    """The entry ends without a booking: it expires and the parent is told why. With `only_from`,
    only while its status is one of those; answers whether it ended."""
    if not await repository.end_entry(entry, EXPIRED, only_from=only_from):
        return False
    uow.dispatch([await queue_entry_notice(uow.res, entry, EXPIRED_EVENT, offer, reason)])
    return True


async def facility_unbookable(uow: UnitOfWork, facility_id: str, reason: str) -> int:
    """The facility can take no booking any more (suspended, its filing revoked or withdrawn):
    its line ends, held places are given back and each waiting parent is told why. Answers how
    many entries ended."""
    ended = 0
    for entry in await repository.live_entries_of_facility(facility_id):
        offer = await repository.offer_of(str(entry.id), lock=True) if entry.status == OFFERED else None
        if offer is not None and offer.state == HELD:
            await release_hold(uow, offer, EXPIRED)
        # Not if ended meanwhile by the parent or an expiry.
        ended += await _end_entry(uow, entry, offer, reason, only_from=LIVE_STATUSES)
    return ended


async def day_closed(uow: UnitOfWork, facility_id: str, day: date, now: datetime | None = None) -> None:
    """A forced closure of `day` (its Closure row already written): held offers lose that day as
    bookings do (an offer left with none expires), and places its cancellations freed on other
    days are offered on."""
    moment = now or now_local()
    await _drop_day_from_holds(uow, facility_id, day)
    await places_freed(uow, facility_id, None, now=moment)


async def days_changed(
    uow: UnitOfWork,
    closed: Iterable[tuple[str, date]],
    reopened: Iterable[tuple[str, date]] = (),
) -> None:
    """The bureau closed or reopened days of many facilities (district closures, a calendar):
    what day_closed does, and reopened days offered on, for the facilities with a live line only."""
    moment = now_local()
    closed, reopened = list(closed), list(reopened)
    touched = {fid for fid, _ in closed} | {fid for fid, _ in reopened}
    if not touched:
        return
    with_line = await repository.facilities_with_live_entries(sorted(touched))
    for facility_id in sorted(with_line):
        for fid, day in sorted(closed):
            if fid == facility_id:
                await _drop_day_from_holds(uow, facility_id, day)
        await places_freed(uow, facility_id, None, now=moment)


async def holidays_added(uow: UnitOfWork, days: Iterable[date]) -> None:
    """New holidays of the bureau's calendar close every facility: held offers lose those days, as
    bookings do, wherever a line is live."""
    closed_days = sorted(set(days))
    if not closed_days:
        return
    facilities = await repository.facilities_with_a_live_line()
    await days_changed(uow, [(fid, day) for fid in sorted(facilities) for day in closed_days])


async def _drop_day_from_holds(uow: UnitOfWork, facility_id: str, day: date) -> None:
    conn = uow.connection
    for offer in await repository.held_offers_on(facility_id, day):
        locked = await repository.lock_offer(offer.id)
        if locked is None or locked.state != HELD:
            continue
        slots = slots_from_json(locked.slots)
        hours = slots.pop(day, [])
        uow.refresh_vacancy(facility_id, [day])
        if not slots:
            entry = await repository.get_entry(locked.entry_id)  # type: ignore[attr-defined]
            await release_hold(uow, locked, EXPIRED)
            await _end_entry(uow, entry, locked, "机构闭园")
            continue
        await ledger.release_places(
            conn,
            {str(locked.klass_id): Counter({(day, h): 1 for h in hours})},  # type: ignore[attr-defined]
        )
        held_days = len(slots) + 1
        price = locked.price_fen
        if locked.class_kind and hours:
            entry = await repository.get_entry(locked.entry_id)  # type: ignore[attr-defined]
            if entry.care_type != CareType.hourly:
                price -= price // held_days
        await repository.shrink_offer(locked.id, slots_as_json(slots), price)


def request_of_booking(request: Any) -> BookingRequestData:
    """The fields of a booking request (bookings.schemas.BookingRequest) the plan depends on."""
    return BookingRequestData(
        care_type=request.care_type,
        start_date=request.start_date,
        end_date=request.end_date,
        session=request.session,
        start_time=request.start_time,
        end_time=request.end_time,
    )


async def holds_over_capacity(class_id: str, capacity: int, now: datetime) -> list[str]:
    """Entries whose held places sit in hours to come that a class of this capacity could not
    hold (a class change must then wait for those offers to end)."""
    over = {
        (day, hour)
        for day, hour in await ledger.hours_over(class_id, capacity, now.date())
        if at(day, hour + 1) > now
    }
    if not over:
        return []
    holding = []
    for offer in await repository.held_offers_of_class(class_id):
        slots = slots_from_json(offer.slots)
        if any((day, hour) in over for day, hours in slots.items() for hour in hours):
            holding.append(str(offer.entry_id))  # type: ignore[attr-defined]
    return sorted(holding)
