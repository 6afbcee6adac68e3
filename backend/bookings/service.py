"""Bookings: placing them, their status moves, and freeing their places.

Every change runs in one transaction that also records the status move (BookingEvent) and the
subscribe message for the parent (outbox row); the message is handed to the queue and the search
vacancy refreshed only after the commit.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from backend import ratelimit
from backend.accounts.repository import uuid_or_not_found
from backend.accounts.scope import own_facility
from backend.bookings import days, engine, ledger, repository
from backend.bookings.availability import check_bookable
from backend.bookings.plan import (
    BookingPlan,
    BookingRequestData,
    FacilityHours,
    cancellable_until,
    plan_booking,
    slots_as_json,
    slots_from_json,
)
from backend.bookings.repository import fk
from backend.bookings.schemas import (
    IDEMPOTENCY_KEY_MAX_LENGTH,
    BookingAnswer,
    BookingDetailAnswer,
    BookingEventAnswer,
    BookingListQuery,
    BookingRequest,
    CareDayAnswer,
)
from backend.bookings.vacancy import CommittedState
from backend.calendar import Calendar, district_calendar, iso_local, now_local
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import Conflict, Forbidden, RateLimited, ValidationFailed
from backend.facilities.repository import names_of
from backend.paging import Page
from backend.push.outbox import queue_booking_notice
from backend.push.reminders import withdraw_reminders
from backend.rules import (
    ACTIVE_BOOKING_STATUSES,
    BookingStatus,
    Role,
    age_in_months,
    can_transition,
)
from backend.waitlist.offers import places_freed, whole_days

if TYPE_CHECKING:
    from backend.models import Booking, BookingDay, BookingEvent, Facility, IdempotencyKey

log = logging.getLogger(__name__)

IDEMPOTENCY_HEADER = "Idempotency-Key"
EXPIRED_REASON = "未在开始前确认"
AUTO_CONFIRM_REASON = "机构自动确认"
SYSTEM_ROLE = "system"
RATE_WINDOW_S = 60


@dataclass(frozen=True, slots=True)
class Actor:
    """Who made a status move: an account with its role, or the system (account None)."""

    account_id: str | None
    role: str

    @classmethod
    def of(cls, caller: Caller) -> Actor:
        return cls(caller.account_id, caller.role)

    def event(
        self,
        booking_id: object,
        from_status: BookingStatus | str | None,
        to_status: BookingStatus | str,
        reason: str | None,
    ) -> dict[str, Any]:
        """A line of the booking's history: this actor moved it (or changed its days)."""
        return {
            "booking_id": booking_id,
            "from_status": from_status,
            "to_status": to_status,
            "actor_id": self.account_id,
            "actor_role": self.role,
            "reason": reason,
        }


SYSTEM = Actor(None, SYSTEM_ROLE)


# ---------------------------------------------------------------------------------------------
# Serialisation


AnswerT = TypeVar("AnswerT", bound=BookingAnswer)


def booking_answer(
    model: type[AnswerT],
    booking: Booking,
    days: list[CareDayAnswer],
    *,
    facility_name: str | None,
    **more: Any,
) -> AnswerT:
    """The booking as its routes show it, as `model`: BookingAnswer, or an answer extending it
    with the fields of `more`."""
    return model(
        id=str(booking.id),
        status=booking.status,
        facility_id=fk(booking, "facility"),
        facility_name=facility_name,
        child_id=fk(booking, "child"),
        care_type=booking.care_type,
        start_date=booking.start_date,
        end_date=booking.end_date,
        session=booking.session,
        start_time=booking.start_time,
        end_time=booking.end_time,
        class_kind=booking.class_kind,
        price_fen=booking.price_fen,
        note=booking.note,
        status_reason=booking.status_reason,
        first_hour_at=booking.first_hour_at,
        cancellable_until=booking.cancellable_until,
        last_hour_end_at=booking.last_hour_end_at,
        created_at=booking.created_at,
        days=days,
        **more,
    )


def event_answer(event: BookingEvent) -> BookingEventAnswer:
    return BookingEventAnswer(
        from_status=event.from_status,
        to_status=event.to_status,
        actor_role=event.actor_role,
        reason=event.reason,
        at=event.created_at,
    )


# ---------------------------------------------------------------------------------------------
# Status moves and freeing places (shared by parents, facilities, the bureau and the cron)


async def _record_move(booking: Booking, target: BookingStatus, actor: Actor, reason: str | None) -> None:
    current = BookingStatus(booking.status)
    if not can_transition(current, target):
        raise Conflict(
            f"A {current.value} booking cannot become {target.value}.",
            {"status": current.value, "wanted": target.value},
        )
    if not await repository.move_status(booking.id, current, target, reason, now_local()):
        raise Conflict("The booking changed meanwhile; reload it.", {"status": current.value})
    await repository.add_events([actor.event(booking.id, current, target, reason)])
    booking.status = target
    booking.status_reason = reason


async def _free_hours_ahead(uow: UnitOfWork, bookings: Sequence[Booking], now: datetime) -> set[date]:
    """Gives back every place these bookings hold for hours not begun; answers the days touched
    (their vacancy is refreshed after the commit).

    A booking's slots are what it holds in the ledger, so they shrink to the hours already begun.
    """
    releases: dict[str, Counter[ledger.Slot]] = {}
    touched: set[date] = set()
    for booking in bookings:
        begun, ahead = engine.split_at(slots_from_json(booking.slots), now)
        if not ahead:
            continue
        per_class = releases.setdefault(fk(booking, "klass"), Counter())
        for day, hours in ahead.items():
            touched.add(day)
            for hour in hours:
                per_class[(day, hour)] += 1
        booking.slots = slots_as_json(begun)
        await repository.update_booking(booking.id, slots=booking.slots)
        uow.refresh_vacancy(fk(booking, "facility"), ahead)
    await ledger.release_places(uow.connection, releases)
    return touched


async def _apply_move(
    uow: UnitOfWork,
    bookings: Sequence[Booking],
    target: BookingStatus,
    actor: Actor,
    reason: str | None,
    *,
    notify: bool,
    now: datetime,
) -> set[date]:
    """Moves locked bookings to `target`, frees what leaving the active statuses frees, and queues
    the parents' messages. Answers the days whose places were freed."""
    leaving: list[Booking] = []
    for booking in bookings:
        was_active = BookingStatus(booking.status) in ACTIVE_BOOKING_STATUSES
        await _record_move(booking, target, actor, reason)
        if was_active and target not in ACTIVE_BOOKING_STATUSES:
            leaving.append(booking)
    touched = await _free_hours_ahead(uow, leaving, now) if leaving else set()
    if leaving:
        await withdraw_reminders([str(b.id) for b in leaving])
    if notify:
        for booking in bookings:
            uow.dispatch([await queue_booking_notice(uow.res, booking, target.value, reason)])
    return touched


# ---------------------------------------------------------------------------------------------
# Placing a booking


def _request_hash(request: BookingRequest) -> str:
    canonical = request.model_dump(mode="json")
    canonical["end_date"] = canonical["end_date"] or canonical["start_date"]
    canonical["note"] = canonical["note"] or ""
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def check_idempotency_key(raw: str | None) -> str:
    key = (raw or "").strip()
    if not key:
        raise ValidationFailed.field(IDEMPOTENCY_HEADER, "required: a unique key per booking attempt")
    if len(key) > IDEMPOTENCY_KEY_MAX_LENGTH or not key.isprintable():
        raise ValidationFailed.field(
            IDEMPOTENCY_HEADER, f"at most {IDEMPOTENCY_KEY_MAX_LENGTH} printable characters"
        )
    return key


class _KeyTaken(Exception):
    """Another request with the same Idempotency-Key committed first."""


async def _replay(res: Resources, stored: IdempotencyKey, request_hash: str) -> BookingAnswer | None:
    """The first answer for a retried key, or None when the stored key has expired (and is dropped)."""
    ttl = timedelta(hours=res.settings.idempotency_ttl_hours)
    if stored.created_at < now_local() - ttl:
        await repository.drop_idempotency_key(stored.id)
        return None
    if stored.request_hash != request_hash:
        raise Conflict(
            f"This {IDEMPOTENCY_HEADER} was used for a different booking request.",
            {"fields": {IDEMPOTENCY_HEADER: "already used with another body"}},
        )
    booking_id = getattr(stored, "booking_id", None)
    booking = await repository.get_booking(str(booking_id)) if booking_id else None
    if booking is None:
        raise Conflict("The first request with this key did not complete; use a new key.")
    names = await names_of([fk(booking, "facility")])
    return await _answer(booking, names.get(fk(booking, "facility")))


async def _answer(booking: Booking, facility_name: str | None) -> BookingAnswer:
    found = await days.days_of([str(booking.id)])
    return booking_answer(BookingAnswer, booking, found[str(booking.id)], facility_name=facility_name)


def _plan(
    request: BookingRequest, facility: Facility, closed: Sequence[date], now: datetime, calendar: Calendar
) -> BookingPlan:
    prices = facility.prices or {}
    return plan_booking(
        BookingRequestData(
            care_type=request.care_type,
            start_date=request.start_date,
            end_date=request.end_date,
            session=request.session,
            start_time=request.start_time,
            end_time=request.end_time,
        ),
        hours=FacilityHours.of(facility),
        open_weekdays=facility.open_weekdays or [],
        closed_dates=closed,
        price_per_unit_fen=int(prices.get(request.care_type.value, 0)),
        now=now,
        calendar=calendar,
    )


async def _check_child_free(child_id: str, plan: BookingPlan) -> None:
    wanted = {(day, hour) for day in plan.days for hour in plan.hours}
    for other in await repository.active_bookings_of_child(child_id, plan.days[0], plan.days[-1]):
        held = slots_from_json(other.slots)
        if any((day, hour) in wanted for day, hours in held.items() for hour in hours):
            raise Conflict(
                "This child already has a booking at some of these hours.",
                {"bookings": [str(other.id)]},
            )


async def create_booking(
    res: Resources, caller: Caller, request: BookingRequest, idempotency_key: str | None
) -> BookingAnswer:
    """Places a booking (API.md POST /bookings); the same key and body answer the first booking."""
    if caller.role != Role.parent:
        raise Forbidden("Only parents book places.")
    key = check_idempotency_key(idempotency_key)
    request_hash = _request_hash(request)
    # A new key is the common case, so the key is claimed first and looked up only when taken.
    # An expired key is dropped by the look-up, which lets one more claim of it through.
    for _ in range(2):
        try:
            booking, facility, placed_days = await _claim_and_place(res, caller, request, key, request_hash)
            break
        except _KeyTaken:
            stored = await repository.find_idempotency_key(caller.account_id, key)
            if stored is None:
                raise Conflict("A request with this key is still in progress; retry shortly.") from None
            replayed = await _replay(res, stored, request_hash)
            if replayed is not None:
                return replayed
    else:
        raise Conflict("A request with this key is still in progress; retry shortly.")
    # The days were written in this request, so the answer is built from them, not read back.
    shown = [days.day_answer(CareDayAnswer, day) for day in placed_days]
    return booking_answer(BookingAnswer, booking, shown, facility_name=facility.name)


async def _claim_and_place(
    res: Resources, caller: Caller, request: BookingRequest, key: str, request_hash: str
) -> tuple[Booking, Facility, list[BookingDay]]:
    async with UnitOfWork(res) as uow:
        # Inserted first: with PostgreSQL a concurrent retry waits here on the unique index
        # until this transaction ends, then fails and answers what this one made; with
        # SQLite writers are serial anyway. The unique constraint decides, nothing else.
        idempotency = await repository.claim_idempotency_key(caller.account_id, key, request_hash)
        if idempotency is None:
            raise _KeyTaken()
        # Counted only for an attempt that will be judged (a replay is not one); over the limit,
        # the rollback takes the key back, so the same key works once the minute is over.
        attempts = await ratelimit.hit(res, "booking", caller.account_id, RATE_WINDOW_S)
        if attempts > res.settings.booking_rate_per_minute:
            raise RateLimited("Too many booking attempts; wait a minute.", {"retry_after_s": RATE_WINDOW_S})
        return await _place(uow, caller, request, now_local(), idempotency.id)


async def _place(
    uow: UnitOfWork, caller: Caller, request: BookingRequest, now: datetime, key_id: int
) -> tuple[Booking, Facility, list[BookingDay]]:
    res, conn = uow.res, uow.connection
    child = await repository.lock_child_for_booking(request.child_id, caller.account_id)
    facility_id = str(uuid_or_not_found(request.facility_id, "facility"))
    # Class rows are share-locked before anything that depends on them is read, the facility
    # itself included: a class change, a closure or a suspension's cancellations (which lock them
    # for update) then wait for this booking and see it, or it waits for them and sees their change.
    classes = await engine.read_classes(conn, facility_id, res.settings.mixed_class_ratio, lock="share")
    end = request.end_date or request.start_date
    last = max(end, request.start_date)
    facility, closed = await repository.get_facility_for_booking(facility_id, request.start_date, last)
    check_bookable(facility, request.care_type)
    calendar = await district_calendar(res)
    plan = _plan(request, facility, closed, now, calendar)
    age = age_in_months(child.birth_date, plan.first_day)
    candidates = engine.fitting_classes(classes, age, facility.age_min_months, facility.age_max_months)
    if not candidates:
        raise ValidationFailed.field(
            "child_id",
            f"the child will be {age} months old on {plan.first_day.isoformat()}; "
            "no class of this facility takes that age",
        )
    await _check_child_free(child.id, plan)
    seat = await engine.take_places(conn, candidates, plan.slots)
    uow.refresh_vacancy(
        facility_id,
        plan.slots,
        facility=facility,
        committed=CommittedState(classes, closed, request.start_date, last, calendar),
    )

    status = BookingStatus.confirmed if facility.auto_confirm else BookingStatus.pending
    booking = repository.new_booking(
        parent_id=caller.account_id,
        child_id=child.id,
        facility_id=facility.id,
        klass_id=seat.id,
        class_kind=seat.kind.value,
        care_type=plan.care_type.value,
        start_date=plan.start_date,
        end_date=plan.end_date,
        session=plan.session.value if plan.session else None,
        start_time=plan.start_time,
        end_time=plan.end_time,
        slots=slots_as_json(plan.slots),
        first_hour_at=plan.first_hour_at,
        cancellable_until=cancellable_until(plan.first_hour_at, facility.cancel_before_hours, now),
        last_hour_end_at=plan.last_hour_end_at,
        price_fen=plan.price_fen,
        status=status.value,
        note=request.note or "",
    )
    events = [Actor.of(caller).event(booking.id, None, BookingStatus.pending, None)]
    if status is BookingStatus.confirmed:
        events.append(SYSTEM.event(booking.id, BookingStatus.pending, status, AUTO_CONFIRM_REASON))
        booking.status_reason = None
    placed_days = await repository.record_new_booking(
        booking, days.day_rows(booking, plan.days), events, key_id
    )
    # An auto-confirmed booking says so in the answer the parent is reading: no notice spends a
    # grant on telling it again.
    return booking, facility, placed_days


# ---------------------------------------------------------------------------------------------
# The parent's bookings


async def list_bookings(res: Resources, caller: Caller, query: BookingListQuery) -> Page[BookingAnswer]:
    rows, next_cursor = await repository.page_of_parent_bookings(
        caller.account_id,
        query.status,
        secret_key=res.settings.secret_key,
        limit=query.limit,
        cursor=query.cursor,
    )
    names = await names_of([fk(b, "facility") for b in rows])
    found = await days.days_of([str(b.id) for b in rows])
    items = [
        booking_answer(BookingAnswer, b, found[str(b.id)], facility_name=names.get(fk(b, "facility")))
        for b in rows
    ]
    return Page[BookingAnswer](items=items, next_cursor=next_cursor)


async def get_booking(res: Resources, caller: Caller, booking_id: str) -> BookingDetailAnswer:
    booking = await repository.get_booking_for_parent(booking_id, caller.account_id)
    return await booking_detail(booking)


async def booking_detail(booking: Booking) -> BookingDetailAnswer:
    names = await names_of([fk(booking, "facility")])
    found = await days.days_of([str(booking.id)])
    return booking_answer(
        BookingDetailAnswer,
        booking,
        found[str(booking.id)],
        facility_name=names.get(fk(booking, "facility")),
        history=[event_answer(e) for e in await repository.events_of(booking)],
    )


async def cancel_booking(
    res: Resources, caller: Caller, booking_id: str, reason: str | None
) -> BookingDetailAnswer:
    """The parent cancels (API.md POST /bookings/{id}/cancel); the places are free at once."""
    now = now_local()
    async with UnitOfWork(res) as uow:
        booking = await repository.get_booking_for_parent(booking_id, caller.account_id, lock=True)
        status = BookingStatus(booking.status)
        if status not in (BookingStatus.pending, BookingStatus.confirmed):
            raise Conflict(f"A {status.value} booking cannot be cancelled.", {"status": status.value})
        facility = await repository.get_facility(fk(booking, "facility"))
        deadline = booking.cancellable_until or (
            booking.first_hour_at - timedelta(hours=facility.cancel_before_hours)
        )
        if now > deadline:
            raise Conflict(
                f"Bookings here can be cancelled until {facility.cancel_before_hours} hours "
                "before they start (and always within 15 minutes of booking).",
                {"cancel_before": iso_local(deadline)},
            )
        touched = await _apply_move(
            uow, [booking], BookingStatus.cancelled, Actor.of(caller), reason or None, notify=False, now=now
        )
        # The freed places go to the waitlist in this same transaction.
        await places_freed(uow, fk(booking, "facility"), whole_days(touched), now=now)
    return await booking_detail(booking)


# ---------------------------------------------------------------------------------------------
# The facility works its bookings


MANAGE_MOVES: dict[str, BookingStatus] = {
    "confirm": BookingStatus.confirmed,
    "reject": BookingStatus.rejected,
}


def _check_move_time(booking: Booking, target: BookingStatus, now: datetime) -> None:
    if not can_transition(BookingStatus(booking.status), target):
        return  # _record_move names the status problem
    if target is BookingStatus.confirmed and now >= booking.first_hour_at:
        raise Conflict(
            "The booking began before it was confirmed.", {"first_hour_at": iso_local(booking.first_hour_at)}
        )


async def move_booking(
    res: Resources, caller: Caller, booking_id: str, action: str, reason: str | None = None
) -> BookingDetailAnswer:
    """confirm or reject by the booking's facility; told to the parent (days: attendance.py)."""
    facility_id = own_facility(caller)
    target = MANAGE_MOVES[action]
    now = now_local()
    async with UnitOfWork(res) as uow:
        booking = await repository.get_booking_for_facility(booking_id, facility_id, lock=True)
        _check_move_time(booking, target, now)
        touched = await _apply_move(uow, [booking], target, Actor.of(caller), reason, notify=True, now=now)
        if touched:  # a rejection (or a no-show) frees places for the waitlist
            await places_freed(uow, facility_id, whole_days(touched), now=now)
    return await booking_detail(booking)


async def cancel_bookings(
    uow: UnitOfWork,
    booking_ids: Sequence[str],
    reason: str,
    actor: Actor,
    now: datetime,
    *,
    still: Callable[[Booking], bool] | None = None,
) -> tuple[list[Booking], set[date]]:
    """Cancels these bookings (locked in id order) where still pending or confirmed; answers
    them and the days freed."""
    locked = await repository.lock_bookings(booking_ids)
    cancellable = [
        b
        for b in locked
        if b.status in (BookingStatus.pending, BookingStatus.confirmed) and (still is None or still(b))
    ]
    touched = await _apply_move(
        uow, cancellable, BookingStatus.cancelled, actor, reason, notify=True, now=now
    )
    return cancellable, touched


async def cancel_future_bookings_of_facility(
    uow: UnitOfWork, facility_id: str, reason: str, actor: Caller
) -> list[str]:
    """Cancels every pending or confirmed booking of a facility not yet over (suspension, revocation),
    frees its places and tells each parent, in the caller's unit. Answers the ids cancelled."""
    now = now_local()
    # Locking the classes waits out bookings being placed right now, so none slips past.
    await engine.read_classes(uow.connection, facility_id, uow.res.settings.mixed_class_ratio, lock="update")
    ids = await repository.active_booking_ids_of_facility(facility_id, ending_after=now)
    cancelled, _ = await cancel_bookings(
        uow, ids, reason, Actor.of(actor), now, still=lambda b: b.last_hour_end_at > now
    )
    return [str(b.id) for b in cancelled]


async def expire_unconfirmed_bookings(res: Resources) -> int:
    """Cancels pending bookings whose first hour has begun (cron); frees places, tells the parents."""
    now = now_local()
    ids = await repository.pending_booking_ids_begun(now)
    if not ids:
        return 0
    async with UnitOfWork(res) as uow:
        cancelled, _ = await cancel_bookings(
            uow,
            ids,
            EXPIRED_REASON,
            SYSTEM,
            now,
            still=lambda b: b.status == BookingStatus.pending and b.first_hour_at <= now,
        )
        for facility_id in sorted({fk(b, "facility") for b in cancelled}):
            await places_freed(uow, facility_id, None, now=now)
    return len(cancelled)


async def purge_expired_idempotency_keys(res: Resources) -> int:
    """Drops keys older than IDEMPOTENCY_TTL_HOURS (cron); a retry after that is a new booking."""
    ttl = timedelta(hours=res.settings.idempotency_ttl_hours)
    return await repository.purge_idempotency_keys_before(now_local() - ttl)
