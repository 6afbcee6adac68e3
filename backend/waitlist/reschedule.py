"""Rescheduling: a pending or confirmed booking moves to other days or hours in one transaction.

The new places are taken before the old are given back, so the parent never ends with neither:
when the new hours overlap the old in the booking's class, only the hours not yet held are taken
there; otherwise the whole new request is placed (best fitting class) and then every old hour
freed. No room: 409 no_capacity and nothing changed. What the old hours free goes to the waitlist
in the same transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date, datetime
from typing import TYPE_CHECKING

from backend.bookings import engine, ledger
from backend.bookings import repository as bookings_repository
from backend.bookings.availability import check_bookable
from backend.bookings.days import replace_days
from backend.bookings.plan import BookingRequestData, cancellable_until, slots_as_json, slots_from_json
from backend.bookings.repository import fk
from backend.bookings.schemas import REASON_MAX_LENGTH
from backend.bookings.service import Actor, booking_detail, check_idempotency_key
from backend.calendar import district_calendar, iso_local, now_local
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import Conflict, Forbidden, ValidationFailed
from backend.push.outbox import queue_booking_notice
from backend.push.reminders import withdraw_reminders
from backend.rules import FACILITY_ROLES, BookingStatus, CareType, Role, age_in_months
from backend.waitlist import repository
from backend.waitlist.offers import places_freed, plan_for
from backend.waitlist.schemas import RescheduledBookingAnswer, RescheduleRequest

if TYPE_CHECKING:
    from tortoise.backends.base.client import BaseDBAsyncClient

    from backend.models import Booking, IdempotencyKey

MAX_RESCHEDULES = 3
RESCHEDULED_EVENT = "rescheduled"


class _KeyTaken(Exception):
    """Another request with the same Idempotency-Key committed first."""


def _request_hash(booking_id: str, body: RescheduleRequest) -> str:
    canonical = body.model_dump(mode="json")
    canonical["end_date"] = canonical["end_date"] or canonical["start_date"]
    canonical["reschedule"] = booking_id
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


async def _load(caller: Caller, booking_id: str, *, lock: bool) -> Booking:
    if caller.role == Role.parent:
        return await bookings_repository.get_booking_for_parent(booking_id, caller.account_id, lock=lock)
    if caller.role in FACILITY_ROLES and caller.facility_id:
        return await bookings_repository.get_booking_for_facility(booking_id, caller.facility_id, lock=lock)
    raise Forbidden("只有家长或预约所在机构可以改期。")


async def _replayed(
    caller: Caller, booking_id: str, stored: IdempotencyKey, request_hash: str
) -> RescheduledBookingAnswer:
    if stored.request_hash != request_hash:
        raise Conflict(
            "这个 Idempotency-Key 已用于另一个请求，请换一个新的。",
            {"fields": {"Idempotency-Key": "已用于另一个请求"}},
        )
    return await _answer(await _load(caller, booking_id, lock=False))


async def _answer(booking: Booking) -> RescheduledBookingAnswer:
    detail = await booking_detail(booking)
    return RescheduledBookingAnswer(
        **dict(detail),
        reschedules_left=MAX_RESCHEDULES - await repository.reschedule_count(str(booking.id)),
    )


async def reschedule_booking(
    res: Resources, caller: Caller, booking_id: str, body: RescheduleRequest, idempotency_key: str | None
) -> RescheduledBookingAnswer:
    """POST /bookings/{id}/reschedule (and the facility's own): 200 the booking with its new days."""
    key = check_idempotency_key(idempotency_key)
    request_hash = _request_hash(booking_id, body)
    stored = await bookings_repository.find_idempotency_key(caller.account_id, key)
    if stored is not None:
        return await _replayed(caller, booking_id, stored, request_hash)
    now = now_local()
    try:
        async with UnitOfWork(res) as uow:
            # Inserted first, as a booking's key is: a concurrent retry waits on the unique index.
            idempotency = await bookings_repository.claim_idempotency_key(
                caller.account_id, key, request_hash
            )
            if idempotency is None:
                raise _KeyTaken()
            booking = await _load(caller, booking_id, lock=True)
            await _move(uow, caller, booking, body, now)
            await bookings_repository.link_idempotency_key(idempotency.id, str(booking.id))
    except _KeyTaken:
        stored = await bookings_repository.find_idempotency_key(caller.account_id, key)
        if stored is None:
            raise Conflict("使用这个 Idempotency-Key 的请求仍在处理中，请稍后再试。") from None
        return await _replayed(caller, booking_id, stored, request_hash)
    return await _answer(booking)


async def _move(
    uow: UnitOfWork, caller: Caller, booking: Booking, body: RescheduleRequest, now: datetime
) -> None:
    res, conn = uow.res, uow.connection
    status = BookingStatus(booking.status)
    if status not in (BookingStatus.pending, BookingStatus.confirmed):
        raise Conflict("只有待确认或已确认的预约可以改期。", {"status": status.value})
    if now >= booking.first_hour_at:
        raise Conflict("预约已经开始，不能改期。", {"first_hour_at": iso_local(booking.first_hour_at)})
    deadline = booking.cancellable_until
    if deadline is not None and now > deadline:
        raise Conflict("已过可取消（改期）的截止时间。", {"cancel_before": iso_local(deadline)})
    done = await repository.reschedule_count(str(booking.id))
    if done >= MAX_RESCHEDULES:
        raise Conflict(f"每个预约最多改期{MAX_RESCHEDULES}次。", {"reschedules": done})

    facility_id = fk(booking, "facility")
    classes = await engine.read_classes(conn, facility_id, res.settings.mixed_class_ratio, lock="share")
    facility = await bookings_repository.get_facility(facility_id)
    care_type = CareType(booking.care_type)
    check_bookable(facility, care_type)
    end = body.end_date or body.start_date
    closed = await bookings_repository.closed_dates(facility_id, body.start_date, max(end, body.start_date))
    request = BookingRequestData(
        care_type=care_type,
        start_date=body.start_date,
        end_date=body.end_date,
        session=body.session,
        start_time=body.start_time,
        end_time=body.end_time,
    )
    plan = plan_for(request, facility, closed, now, await district_calendar(res))
    child = await bookings_repository.get_child_for_parent(
        fk(booking, "child"), fk(booking, "parent"), lock=True
    )
    age = age_in_months(child.birth_date, plan.first_day)
    candidates = engine.fitting_classes(classes, age, facility.age_min_months, facility.age_max_months)
    if not candidates:
        raise ValidationFailed.field(
            "start_date", f"孩子在{plan.first_day.isoformat()}时{age}个月，本机构没有适合该年龄的班级"
        )
    wanted = {(day, hour) for day in plan.days for hour in plan.hours}
    for other in await bookings_repository.active_bookings_of_child(
        str(child.id), plan.days[0], plan.days[-1]
    ):
        if str(other.id) == str(booking.id):
            continue
        held = slots_from_json(other.slots)
        if any((day, hour) in wanted for day, hours in held.items() for hour in hours):
            raise Conflict("孩子在这些时段已有其他预约。", {"bookings": [str(other.id)]})

    old_class = fk(booking, "klass")
    old_slots = slots_from_json(booking.slots)
    old_set = {(day, hour) for day, hours in old_slots.items() for hour in hours}
    seat = await _take_new(conn, candidates, old_class, old_set, plan.slots)
    # Only now are the old places given back: those the booking no longer holds in its class.
    keep = wanted if seat.id == old_class else set()
    freed: dict[date, list[int]] = {}
    for day, hour in sorted(old_set - keep):
        freed.setdefault(day, []).append(hour)
    await ledger.release_places(
        conn, {old_class: Counter({(d, h): 1 for d, hs in freed.items() for h in hs})}
    )

    from_slots = booking.slots
    booking.klass_id = seat.id
    booking.class_kind = seat.kind
    booking.start_date = plan.start_date
    booking.end_date = plan.end_date
    booking.session = plan.session  # type: ignore[assignment]  # a nullable enum column
    booking.start_time = plan.start_time
    booking.end_time = plan.end_time
    booking.slots = slots_as_json(plan.slots)
    booking.first_hour_at = plan.first_hour_at
    booking.last_hour_end_at = plan.last_hour_end_at
    booking.cancellable_until = cancellable_until(plan.first_hour_at, facility.cancel_before_hours, now)
    booking.price_fen = plan.price_fen
    await repository.save_moved_booking(booking)
    await replace_days(booking, sorted(plan.slots))
    when = f"{plan.start_date.isoformat()}" + (
        f" {plan.start_time}-{plan.end_time}" if plan.start_time else ""
    )
    reason = f"改期至{when}"[:REASON_MAX_LENGTH]
    same = booking.status
    await bookings_repository.add_events([Actor.of(caller).event(booking.id, same, same, reason)])
    await repository.record_reschedule(booking.id, caller.account_id, caller.role, from_slots, booking.slots)
    # Reminders queued for the old times must not go out; the reminder cron queues the new ones.
    await withdraw_reminders([str(booking.id)])
    uow.refresh_vacancy(facility_id, set(old_slots) | set(plan.slots))
    if caller.role in FACILITY_ROLES:
        uow.dispatch([await queue_booking_notice(res, booking, RESCHEDULED_EVENT, reason)])
    await places_freed(uow, facility_id, freed, now=now)


async def _take_new(
    conn: BaseDBAsyncClient,
    candidates: list[engine.ClassSeat],
    old_class: str,
    old_set: set[tuple[date, int]],
    new_slots: dict[date, list[int]],
) -> engine.ClassSeat:
    """Takes the new places while the old are still held; answers the class that has them."""
    same = next((seat for seat in candidates if seat.id == old_class), None)
    if same is not None:
        extra: dict[date, list[int]] = {}
        for day, hours in new_slots.items():
            for hour in hours:
                if (day, hour) not in old_set:
                    extra.setdefault(day, []).append(hour)
        if not extra:
            return same
        # In a savepoint: a failed take leaves nothing behind, and the whole request is placed anew.
        if await ledger.take_in_class(conn, same.id, same.capacity, extra, savepoint=True):
            return same
    return await engine.take_places(conn, candidates, new_slots)
