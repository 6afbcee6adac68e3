"""The waitlist: joining it, the parent's entries, withdrawing, accepting or declining an offer,
the facility's ordered list, and the cron that ends offers not taken in time.

Offers are made by offers.places_freed inside the transaction that freed the places; an offer's
expiry is also settled on every read and accept, so a stopped worker never keeps a place held.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar, cast

from backend.accounts.repository import uuid_or_not_found
from backend.accounts.scope import own_facility
from backend.audit import record_child_reads
from backend.bookings import engine, ledger
from backend.bookings import repository as bookings_repository
from backend.bookings.availability import check_bookable
from backend.bookings.days import create_days
from backend.bookings.plan import at, cancellable_until, slots_from_json
from backend.bookings.repository import fk
from backend.bookings.schemas import BookingDetailAnswer, BookingRequest
from backend.bookings.service import (
    AUTO_CONFIRM_REASON,
    SYSTEM,
    Actor,
    booking_detail,
)
from backend.calendar import district_calendar, now_local
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import Conflict, Forbidden, OfferExpired, ValidationFailed
from backend.facilities.repository import names_of
from backend.paging import Page
from backend.rules import BookingStatus, CareType, Role, age_in_months
from backend.waitlist import offers, repository
from backend.waitlist.offers import plan_for, release_hold
from backend.waitlist.repository import (
    ACCEPTED,
    EXPIRED,
    HELD,
    LIVE_STATUSES,
    OFFERED,
    WAITING,
    WITHDRAWN,
)
from backend.waitlist.schemas import (
    EntryStatus,
    FacilityWaitlistEntryAnswer,
    WaitingChild,
    WaitlistEntryAnswer,
    WaitlistListQuery,
)

if TYPE_CHECKING:
    from backend.models import Booking, WaitlistEntry, WaitlistOffer

STATUS_LABELS = {
    WAITING: "候补中",
    OFFERED: "名额已保留",
    ACCEPTED: "已预约",
    EXPIRED: "已过期",
    WITHDRAWN: "已退出",
}
DECLINED = "declined"
# The optional "about to expire" notice goes out this long before the hold ends.
EXPIRING_NOTICE_BEFORE = timedelta(minutes=10)


EntryAnswerT = TypeVar("EntryAnswerT", bound=WaitlistEntryAnswer)


def entry_answer(
    entry: WaitlistEntry,
    offer: WaitlistOffer | None,
    position: int | None,
    *,
    facility_name: str | None = None,
) -> WaitlistEntryAnswer:
    return _entry_answer(WaitlistEntryAnswer, entry, offer, position, facility_name)


def _entry_answer(
    model: type[EntryAnswerT],
    entry: WaitlistEntry,
    offer: WaitlistOffer | None,
    position: int | None,
    facility_name: str | None,
    **more: Any,
) -> EntryAnswerT:
    # One builder for the parent's answer and the facility's, which adds the child (`more`).
    return model(
        id=str(entry.id),
        # A plain column, written only with the repository's statuses.
        status=cast(EntryStatus, entry.status),
        status_label=STATUS_LABELS.get(entry.status, entry.status),
        position=position,
        facility_id=fk(entry, "facility"),
        facility_name=facility_name,
        child_id=fk(entry, "child"),
        care_type=entry.care_type,
        start_date=entry.start_date,
        end_date=entry.end_date,
        session=entry.session,
        start_time=entry.start_time,
        end_time=entry.end_time,
        note=entry.note,
        offer_expires_at=offer.expires_at if offer is not None else None,
        offer_state=offer.state if offer is not None else None,
        class_kind=offer.class_kind if offer is not None else None,
        booking_id=str(entry.booking_id) if entry.booking_id else None,  # type: ignore[attr-defined]
        created_at=entry.created_at,
        **more,
    )


async def _answer(entry: WaitlistEntry) -> WaitlistEntryAnswer:
    offer = await repository.offer_of(str(entry.id))
    names = await names_of([fk(entry, "facility")])
    return entry_answer(
        entry, offer, await repository.position_of(entry), facility_name=names.get(fk(entry, "facility"))
    )


def request_key(request: BookingRequest) -> str:
    """The request an entry waits for, hashed (the note aside): one live entry per child and it."""
    canonical = request.model_dump(mode="json", exclude={"note", "child_id"})
    canonical["end_date"] = canonical["end_date"] or canonical["start_date"]
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


# ---------------------------------------------------------------------------------------------
# Joining and leaving


async def join(res: Resources, caller: Caller, request: BookingRequest) -> WaitlistEntryAnswer:
    """POST /waitlist: queues a request that cannot be booked now (409 conflict when it can)."""
    if caller.role != Role.parent:
        raise Forbidden("只有家长可以候补。")
    now = now_local()
    async with UnitOfWork(res) as uow:
        conn = uow.connection
        # The child's row lock serialises two entries (or an entry and a booking) of one child.
        child = await bookings_repository.get_child_for_parent(request.child_id, caller.account_id, lock=True)
        facility_id = str(uuid_or_not_found(request.facility_id, "facility"))
        classes = await engine.read_classes(conn, facility_id, res.settings.mixed_class_ratio, lock="share")
        facility = await bookings_repository.get_facility(facility_id)
        check_bookable(facility, request.care_type)
        end = request.end_date or request.start_date
        closed = await bookings_repository.closed_dates(
            facility_id, request.start_date, max(end, request.start_date)
        )
        plan = plan_for(
            offers.request_of_booking(request), facility, closed, now, await district_calendar(res)
        )
        age = age_in_months(child.birth_date, plan.first_day)
        candidates = engine.fitting_classes(classes, age, facility.age_min_months, facility.age_max_months)
        if not candidates:
            raise ValidationFailed.field(
                "child_id", f"孩子在{plan.first_day.isoformat()}时{age}个月，本机构没有适合该年龄的班级"
            )
        wanted = {(day, hour) for day in plan.days for hour in plan.hours}
        for other in await bookings_repository.active_bookings_of_child(
            str(child.id), plan.days[0], plan.days[-1]
        ):
            held = slots_from_json(other.slots)
            if any((day, hour) in wanted for day, hours in held.items() for hour in hours):
                raise Conflict("孩子在这些时段已有预约。", {"bookings": [str(other.id)]})
        key = request_key(request)
        existing = await repository.live_entry_with_key(str(child.id), key)
        if existing is not None:
            raise Conflict("这个孩子已在候补同一预约，请勿重复候补。", {"entry_id": str(existing.id)})
        taken = await ledger.taken_between(conn, [s.id for s in candidates], plan.days[0], plan.days[-1])
        if any(engine.room_in(seat, taken, plan.slots) > 0 for seat in candidates):
            raise Conflict("现在就有名额，请直接预约。", {"bookable": True})
        entry = await repository.create_entry(
            parent_id=caller.account_id,
            child_id=child.id,
            facility_id=facility.id,
            care_type=plan.care_type.value,
            start_date=plan.start_date,
            end_date=plan.end_date,
            session=plan.session.value if plan.session else None,
            start_time=plan.start_time,
            end_time=plan.end_time,
            note=request.note or "",
            request_key=key,
            status=WAITING,
        )
    return entry_answer(entry, None, await repository.position_of(entry), facility_name=facility.name)


async def list_entries(res: Resources, caller: Caller, query: WaitlistListQuery) -> Page[WaitlistEntryAnswer]:
    """GET /waitlist: the parent's entries, newest first, each with its position now."""
    await settle_due_offers(res, parent_id=caller.account_id)
    rows, next_cursor = await repository.page_of_parent_entries(
        caller.account_id, secret_key=res.settings.secret_key, limit=query.limit, cursor=query.cursor
    )
    offers_by_entry = await repository.offers_of([str(e.id) for e in rows])
    names = await names_of([fk(e, "facility") for e in rows])
    items = [
        entry_answer(
            e,
            offers_by_entry.get(str(e.id)),
            await repository.position_of(e),
            facility_name=names.get(fk(e, "facility")),
        )
        for e in rows
    ]
    return Page[WaitlistEntryAnswer](items=items, next_cursor=next_cursor)


async def withdraw(res: Resources, caller: Caller, entry_id: str) -> None:
    """DELETE /waitlist/{id}: leaves the line; a held offer's places pass to the next in line."""
    now = now_local()
    async with UnitOfWork(res) as uow:
        entry = await repository.get_entry_for_parent(entry_id, caller.account_id, lock=True)
        if entry.status not in LIVE_STATUSES:
            raise Conflict("这条候补已结束，无需退出。", {"status": entry.status})
        if entry.status == OFFERED:
            offer = await repository.offer_of(str(entry.id), lock=True)
            if offer is not None and offer.state == HELD:
                freed = await release_hold(uow, offer, WITHDRAWN)
                await repository.end_entry(entry, WITHDRAWN)
                await offers.places_freed(uow, fk(entry, "facility"), freed, now=now)
        if entry.status != WITHDRAWN:
            await repository.end_entry(entry, WITHDRAWN)


# ---------------------------------------------------------------------------------------------
# Offers: accept, decline, expire


async def accept(res: Resources, caller: Caller, entry_id: str) -> BookingDetailAnswer:
    """POST /waitlist/{id}/accept: the held places become a booking (the usual status and price)."""
    now = now_local()
    expired = False
    booking: Booking | None = None
    async with UnitOfWork(res) as uow:
        entry = await repository.get_entry_for_parent(entry_id, caller.account_id, lock=True)
        if entry.status == EXPIRED:
            expired = True
        elif entry.status != OFFERED:
            raise Conflict("这条候补没有待接受的名额。", {"status": entry.status})
        else:
            offer = await repository.offer_of(str(entry.id), lock=True)
            if offer is None or offer.state != HELD:
                raise Conflict("这条候补没有待接受的名额。", {"status": entry.status})
            if offer.expires_at <= now:
                await offers.expire_offer(uow, offer, now)
                expired = True
            else:
                # The held places pass to the booking: the ledger, and so search vacancy, stay.
                booking, _ = await _book_from_offer(caller, entry, offer, now)
    if expired:
        raise OfferExpired("候补名额的保留时间已过，名额已让给下一位。", {"status": EXPIRED})
    assert booking is not None
    # Validating keeps this answer a model whether booking_detail answers a dict or the model itself.
    return await booking_detail(booking)


async def _book_from_offer(
    caller: Caller, entry: WaitlistEntry, offer: WaitlistOffer, now: datetime
) -> tuple[Booking, str]:
    """Turns a locked, held offer into a booking: the hold's places pass to it unchanged."""
    child = await bookings_repository.get_child_for_parent(fk(entry, "child"), caller.account_id, lock=True)
    facility = await bookings_repository.get_facility(fk(entry, "facility"))
    # Suspended or unfiled since the offer was made: no booking, whatever is held.
    check_bookable(facility, CareType(entry.care_type))
    slots = slots_from_json(offer.slots)
    wanted = {(day, hour) for day, hours in slots.items() for hour in hours}
    for other in await bookings_repository.active_bookings_of_child(str(child.id), min(slots), max(slots)):
        held = slots_from_json(other.slots)
        if any((day, hour) in wanted for day, hours in held.items() for hour in hours):
            raise Conflict("孩子在这些时段已有其他预约。", {"bookings": [str(other.id)]})
    first_day, last_day = min(slots), max(slots)
    first_hour_at = at(first_day, min(slots[first_day]))
    status = BookingStatus.confirmed if facility.auto_confirm else BookingStatus.pending
    booking = await bookings_repository.create_booking(
        parent_id=caller.account_id,
        child_id=child.id,
        facility_id=facility.id,
        klass_id=offer.klass_id,  # type: ignore[attr-defined]
        class_kind=offer.class_kind,
        care_type=entry.care_type,
        start_date=entry.start_date,
        end_date=entry.end_date,
        session=entry.session,
        start_time=entry.start_time,
        end_time=entry.end_time,
        slots=offer.slots,
        first_hour_at=first_hour_at,
        cancellable_until=cancellable_until(first_hour_at, facility.cancel_before_hours, now),
        last_hour_end_at=at(last_day, max(slots[last_day]) + 1),
        price_fen=offer.price_fen,
        status=status.value,
        note=entry.note,
    )
    await create_days(booking, sorted(slots))
    events = [Actor.of(caller).event(booking.id, None, BookingStatus.pending, "候补转预约")]
    if status is BookingStatus.confirmed:
        events.append(SYSTEM.event(booking.id, BookingStatus.pending, status, AUTO_CONFIRM_REASON))
    await bookings_repository.add_events(events)
    # The places pass from the hold to the booking: the ledger does not move.
    await repository.end_offer(offer, ACCEPTED)
    await repository.end_entry(entry, ACCEPTED, booking_id=str(booking.id))
    return booking, facility.name


async def decline(res: Resources, caller: Caller, entry_id: str) -> WaitlistEntryAnswer:
    """POST /waitlist/{id}/decline: the parent lets the offer go; it passes to the next in line."""
    now = now_local()
    async with UnitOfWork(res) as uow:
        entry = await repository.get_entry_for_parent(entry_id, caller.account_id, lock=True)
        if entry.status != OFFERED:
            raise Conflict("这条候补没有待处理的名额。", {"status": entry.status})
        offer = await repository.offer_of(str(entry.id), lock=True)
        if offer is None or offer.state != HELD:
            raise Conflict("这条候补没有待处理的名额。", {"status": entry.status})
        freed = await release_hold(uow, offer, DECLINED)
        await repository.end_entry(entry, WITHDRAWN)
        await offers.places_freed(uow, fk(entry, "facility"), freed, now=now)
    return await _answer(entry)


async def settle_due_offers(
    res: Resources, *, parent_id: str | None = None, facility_id: str | None = None
) -> int:
    """Expires held offers past their time (the cron, and every read: a stopped worker must not
    keep places held); each passes its places on. Answers how many expired."""
    now = now_local()
    due = await repository.held_offers_due(now, facility_id)
    if parent_id is not None:
        mine = await repository.offered_entry_ids_of_parent(parent_id)
        due = [o for o in due if str(o.entry_id) in mine]  # type: ignore[attr-defined]
    return await _expire(res, due, now)


async def _expire(res: Resources, due: Sequence[WaitlistOffer], now: datetime) -> int:
    count = 0
    for offer in due:
        async with UnitOfWork(res) as uow:
            locked = await repository.lock_offer(offer.id)
            if locked is None or locked.state != HELD or locked.expires_at > now:
                continue
            await offers.expire_offer(uow, locked, now)
            count += 1
    return count


async def expire_offers(res: Resources) -> int:
    """The cron job `waitlist.expire_offers`: warns of offers about to end (optional notice) and
    expires those past their time."""
    now = now_local()
    for offer in await repository.held_offers_expiring_before(now + EXPIRING_NOTICE_BEFORE):
        if offer.expires_at <= now:
            continue
        async with UnitOfWork(res) as uow:
            if await repository.mark_reminded(offer.id):
                entry = await repository.get_entry(offer.entry_id)  # type: ignore[attr-defined]
                uow.dispatch(
                    [
                        await offers.queue_entry_notice(
                            res, entry, offers.EXPIRING_EVENT, offer, "候补名额即将过期，请尽快确认"
                        )
                    ]
                )
    return await settle_due_offers(res)


# ---------------------------------------------------------------------------------------------
# The facility's line


async def facility_list(res: Resources, caller: Caller) -> Page[FacilityWaitlistEntryAnswer]:
    """GET /manage/waitlist: the facility's live entries in the order they will be offered."""
    facility_id = own_facility(caller)
    await settle_due_offers(res, facility_id=facility_id)
    entries = await repository.live_entries_of_facility(facility_id)
    offers_by_entry = await repository.offers_of([str(e.id) for e in entries])
    items = [
        _entry_answer(
            FacilityWaitlistEntryAnswer,
            entry,
            offers_by_entry.get(str(entry.id)),
            position,
            None,
            child=WaitingChild(
                id=str(entry.child.id),
                name=entry.child.name,
                age_months=age_in_months(entry.child.birth_date, entry.start_date),
            ),
        )
        for position, entry in enumerate(entries, start=1)
    ]
    await record_child_reads(caller, [item.child.id for item in items], facility_id)
    return Page[FacilityWaitlistEntryAnswer](items=items, next_cursor=None)
