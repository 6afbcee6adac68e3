"""What happens on the days of a booking (API.md "Days of care"): check-in with the morning check,
check-out, no-show, a parent's absences and the days a forced closure removes.

Every change locks the booking first, then its days, in one transaction with the places it frees,
the price it lowers and the parent's notice; the booking's own status follows its days (settle).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from backend.accounts.scope import own_facility, require_regulator
from backend.bookings import engine, ledger, repository
from backend.bookings.days import day_answer
from backend.bookings.plan import at, slots_as_json, slots_from_json
from backend.bookings.repository import fk
from backend.bookings.schemas import (
    MAX_ATTENDANCE_DAYS,
    REASON_MAX_LENGTH,
    AbsenceRequest,
    AffectedBookingAnswer,
    AttendanceCounts,
    AttendanceDayAnswer,
    AttendanceQuery,
    BookingDetailAnswer,
    CheckInRequest,
    CheckOutRequest,
    ChildAttendanceAnswer,
    DayRequest,
    DistrictAttendanceAnswer,
    DistrictAttendanceQuery,
    FacilityAttendance,
    HealthCheck,
)
from backend.bookings.service import Actor, _record_move, booking_detail
from backend.calendar import iso_local, now_local
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import Conflict, Forbidden, NotAdmitted, ValidationFailed
from backend.facilities.repository import names_of
from backend.push.outbox import queue_booking_notice
from backend.push.reminders import withdraw_reminders
from backend.rules import (
    ACTIVE_BOOKING_STATUSES,
    FEVER_TEMPERATURE_C,
    FINISHED_DAY_STATUSES,
    NOT_ADMITTED_EVENT,
    PARENT_ABSENCE_REASONS,
    AbsenceReason,
    BookingStatus,
    DayStatus,
    HealthCheckResult,
    Role,
)
from backend.safeguarding import service as safeguarding
from backend.waitlist.offers import places_freed, whole_days

if TYPE_CHECKING:
    from backend.models import Booking, BookingDay

# The parent's message when closed days come out of a booking that goes on.
DAY_CLOSED_EVENT = "day_closed"
DAY_CLOSED_LABEL = "闭园"
ABSENCE_LABEL = "请假"
ALL_DAYS_OFF_REASON = "所有日期均已请假或闭园"
DAY_STATUS_LABELS: Mapping[str, str] = {
    DayStatus.expected: "待入园",
    DayStatus.present: "已入园",
    DayStatus.left: "已离园",
    DayStatus.absent: "请假",
    DayStatus.no_show: "未到",
    DayStatus.closed: "闭园",
}


# ---------------------------------------------------------------------------------------------
# Shared steps


def _day_of(rows: Sequence[BookingDay], day: date) -> BookingDay:
    for row in rows:
        if row.date == day:
            return row
    raise Conflict(f"该预约不包含 {day.isoformat()} 这一天。", {"date": day.isoformat()})


def _day_begins(booking: Booking, day: date) -> datetime | None:
    """When the booking's first hour of that day begins (None: it holds no hour of it any more)."""
    hours = slots_from_json(booking.slots).get(day, [])
    return at(day, min(hours)) if hours else None


async def _set_day(row: BookingDay, expected: DayStatus, **changes: Any) -> None:
    # Conditional on the status read, so a change made meanwhile is never overwritten.
    if not await repository.move_day(row.id, expected, updated_at=now_local(), **changes):
        raise Conflict("这一天的状态已被修改，请刷新。", {"date": row.date.isoformat()})
    for name, value in changes.items():
        setattr(row, name, value)


async def _free_day(
    uow: UnitOfWork, booking: Booking, row: BookingDay, now: datetime, *, lower_price: bool
) -> set[date]:
    """Gives back the places of the day's hours not begun; with `lower_price` (absence, closure) the
    day's price comes off the booking when none of its hours had begun. Answers the days touched
    (their vacancy is refreshed after the commit)."""
    slots = slots_from_json(booking.slots)
    day = row.date
    begun, ahead = engine.split_at({day: slots.get(day, [])}, now)
    if not ahead:
        return set()
    await ledger.release_places(
        uow.connection, {fk(booking, "klass"): Counter({(day, h): 1 for h in ahead[day]})}
    )
    uow.refresh_vacancy(fk(booking, "facility"), [day])
    if begun:
        slots[day] = begun[day]
    else:
        slots.pop(day, None)
        if lower_price:
            booking.price_fen = max(0, booking.price_fen - row.price_fen)
    booking.slots = slots_as_json(slots)
    changes: dict[str, Any] = {"slots": booking.slots, "price_fen": booking.price_fen}
    if slots:
        first_day, last_day = min(slots), max(slots)
        booking.first_hour_at = at(first_day, min(slots[first_day]))
        booking.last_hour_end_at = at(last_day, max(slots[last_day]) + 1)
        changes |= {"first_hour_at": booking.first_hour_at, "last_hour_end_at": booking.last_hour_end_at}
    await repository.update_booking(booking.id, updated_at=now_local(), **changes)
    return {day}


async def _settle(
    booking: Booking, rows: Sequence[BookingDay], actor: Actor, reason: str | None
) -> BookingStatus | None:
    """Moves the booking once none of its days is to come: checked_out after a check-in, no_show
    when a confirmed child never came, cancelled when every day was taken off. Answers the move."""
    statuses = {DayStatus(r.status) for r in rows}
    if any(s not in FINISHED_DAY_STATUSES for s in statuses):
        return None
    current = BookingStatus(booking.status)
    if current is BookingStatus.checked_in:
        target = BookingStatus.checked_out
    elif current is BookingStatus.confirmed and DayStatus.no_show in statuses:
        target = BookingStatus.no_show
    elif current in (BookingStatus.pending, BookingStatus.confirmed):
        target = BookingStatus.cancelled
    else:
        return None
    await _record_move(booking, target, actor, reason)
    await withdraw_reminders([str(booking.id)])
    return target


async def _note_days(booking: Booking, actor: Actor, reason: str) -> None:
    # A change of days that leaves the booking's status as it is still goes into its history.
    await repository.add_events(
        [actor.event(booking.id, booking.status, booking.status, reason[:REASON_MAX_LENGTH])]
    )


def _target_day(body: DayRequest | CheckInRequest, now: datetime) -> date:
    return body.date or now.date()


async def _facility_booking(caller: Caller, booking_id: str) -> tuple[str, Booking, list[BookingDay]]:
    facility_id = own_facility(caller)
    booking = await repository.get_booking_for_facility(booking_id, facility_id, lock=True)
    return facility_id, booking, await repository.lock_days(str(booking.id))


def _check_attending(booking: Booking) -> None:
    if booking.status not in (BookingStatus.confirmed, BookingStatus.checked_in):
        raise Conflict(f"{booking.status} 状态的预约不能记录出勤。", {"status": booking.status})


# ---------------------------------------------------------------------------------------------
# The facility: check-in, check-out, no-show


def admits(check: HealthCheck) -> bool:
    """Whether the morning check lets the child in: below 37.3 °C and nothing abnormal."""
    return check.temperature_c < FEVER_TEMPERATURE_C and check.result is HealthCheckResult.normal


def health_check_json(check: HealthCheck, caller: Caller, now: datetime) -> dict[str, Any]:
    return {
        "temperature_c": check.temperature_c,
        "result": check.result.value,
        "notes": check.notes or None,
        **check.items(),
        "admitted": admits(check),
        "checked_at": iso_local(now),
        "checked_by": caller.account_id,
    }


async def _record_refusal(
    res: Resources, booking: Booking, row: BookingDay, check: dict[str, Any]
) -> str | None:
    """Keeps a check that did not admit the child on the day (which stays expected: the child may
    come back later, checked again) and tells the parent once per day (essential)."""
    told_before = isinstance(row.health_check, dict) and row.health_check.get("admitted") is False
    await _set_day(row, DayStatus.expected, health_check=check)
    if told_before:
        return None
    reason = f"晨检未通过：体温 {check['temperature_c']} °C"
    if check["notes"]:
        reason += f"，{check['notes']}"
    return await queue_booking_notice(res, booking, NOT_ADMITTED_EVENT, reason[:REASON_MAX_LENGTH])


async def check_in(
    res: Resources, caller: Caller, booking_id: str, body: CheckInRequest
) -> BookingDetailAnswer:
    """The child arrives on one day: expected -> present; the booking is checked_in from the first.

    The morning check comes with it: a fever (37.3 °C or more) or an abnormal result keeps the child
    out (409 not_admitted) with the check kept on the day and the parent told.
    """
    now = now_local()
    day = _target_day(body, now)
    async with UnitOfWork(res) as uow:
        _, booking, rows = await _facility_booking(caller, booking_id)
        _check_attending(booking)
        row = _day_of(rows, day)
        if row.status != DayStatus.expected:
            raise Conflict(
                f"这一天的状态是「{DAY_STATUS_LABELS[row.status]}」，不能入园。",
                {"date": day.isoformat(), "day_status": row.status},
            )
        if day > now.date():
            raise Conflict("还没到这一天，不能入园。", {"date": day.isoformat()})
        hours = slots_from_json(booking.slots).get(day, [])
        if day == now.date() and hours and now >= at(day, max(hours) + 1):
            raise Conflict("这一天预约的时段已结束。", {"ended_at": iso_local(at(day, max(hours) + 1))})
        await safeguarding.require_admission_check(booking, day)
        check = health_check_json(body.health_check, caller, now)
        if not check["admitted"]:
            # Committed, not rolled back: the check and the parent's notice are the record.
            uow.dispatch([await _record_refusal(res, booking, row, check)])
        else:
            await _set_day(
                row,
                DayStatus.expected,
                status=DayStatus.present,
                check_in_at=now,
                checked_in_by_id=caller.account_id,
                health_check=check,
            )
            if booking.status == BookingStatus.confirmed:
                await _record_move(booking, BookingStatus.checked_in, Actor.of(caller), None)
            uow.dispatch([await queue_booking_notice(res, booking, BookingStatus.checked_in, None)])
    if not check["admitted"]:
        raise NotAdmitted(
            "晨检未通过（体温 37.3 °C 及以上或结果异常），幼儿不能入园；已通知家长。",
            {"date": day.isoformat(), "health_check": check},
        )
    return await booking_detail(booking)


async def check_out(
    res: Resources, caller: Caller, booking_id: str, body: CheckOutRequest
) -> BookingDetailAnswer:
    """The child leaves on one day: present -> left; the day's hours to come are free again.

    Only with a person of the child's pickup list or the bearer of the parent's code for the day.
    """
    now = now_local()
    day = _target_day(body, now)
    async with safeguarding.counting_wrong_codes(), UnitOfWork(res) as uow:
        _, booking, rows = await _facility_booking(caller, booking_id)
        if booking.status != BookingStatus.checked_in:
            raise Conflict(f"{booking.status} 状态的预约不能离园。", {"status": booking.status})
        row = _day_of(rows, day)
        if row.status != DayStatus.present:
            raise Conflict(
                f"这一天的状态是「{DAY_STATUS_LABELS[row.status]}」，不能离园。",
                {"date": day.isoformat(), "day_status": row.status},
            )
        collected_by, pickup_notice = await safeguarding.hand_over(res, booking, body, day, now)
        await _set_day(
            row,
            DayStatus.present,
            status=DayStatus.left,
            check_out_at=now,
            checked_out_by_id=caller.account_id,
            picked_up_by=collected_by,
        )
        await _free_day(uow, booking, row, now, lower_price=False)
        await _settle(booking, rows, Actor.of(caller), None)
        # A pickup by code tells the parent who took the child (essential); that says it all.
        uow.dispatch(
            [pickup_notice or await queue_booking_notice(res, booking, BookingStatus.checked_out, None)]
        )
    return await booking_detail(booking)


async def no_show(res: Resources, caller: Caller, booking_id: str, body: DayRequest) -> BookingDetailAnswer:
    """A child who did not come on a day begun: expected -> no_show; its hours to come are freed."""
    now = now_local()
    day = _target_day(body, now)
    async with UnitOfWork(res) as uow:
        facility_id, booking, rows = await _facility_booking(caller, booking_id)
        _check_attending(booking)
        row = _day_of(rows, day)
        if row.status != DayStatus.expected:
            raise Conflict(
                f"这一天的状态是「{DAY_STATUS_LABELS[row.status]}」，不能记为未到。",
                {"date": day.isoformat(), "day_status": row.status},
            )
        begins = _day_begins(booking, day)
        if begins is not None and now < begins:
            raise Conflict("这一天的预约还没开始，不能记为未到。", {"first_hour_at": iso_local(begins)})
        await _set_day(row, DayStatus.expected, status=DayStatus.no_show)
        touched = await _free_day(uow, booking, row, now, lower_price=False)
        moved = await _settle(booking, rows, Actor.of(caller), None)
        if moved is None:
            await _note_days(booking, Actor.of(caller), f"{day.isoformat()} 未到")
        uow.dispatch([await queue_booking_notice(res, booking, BookingStatus.no_show, None)])
        await places_freed(uow, facility_id, whole_days(touched), now=now)
    return await booking_detail(booking)


# ---------------------------------------------------------------------------------------------
# The parent: absences


async def report_absence(
    res: Resources, caller: Caller, booking_id: str, body: AbsenceRequest
) -> BookingDetailAnswer:
    """POST /bookings/{id}/absences: days not begun become absent, their places free at once and
    their price comes off; anything else about a day named is 422, and nothing is half done."""
    if caller.role != Role.parent:
        raise Forbidden("只有家长可以请假。")
    if body.reason not in PARENT_ABSENCE_REASONS:
        raise ValidationFailed.field("reason", "请假原因须为 sick、personal 或 other")
    now = now_local()
    async with UnitOfWork(res) as uow:
        # The booking row lock serialises two absences of one booking: the second sees the first's.
        booking = await repository.get_booking_for_parent(booking_id, caller.account_id, lock=True)
        if booking.status not in ACTIVE_BOOKING_STATUSES:
            raise Conflict(f"{booking.status} 状态的预约不能请假。", {"status": booking.status})
        rows = await repository.lock_days(str(booking.id))
        by_date = {r.date: r for r in rows}
        chosen: list[BookingDay] = []
        for index, day in enumerate(body.dates):
            field = f"dates.{index}"
            row = by_date.get(day)
            if row is None or row.status == DayStatus.closed:
                raise ValidationFailed.field(field, f"{day.isoformat()} 不是该预约的托育日")
            if row in chosen or row.status == DayStatus.absent:
                raise ValidationFailed.field(field, f"{day.isoformat()} 已经请过假")
            begins = _day_begins(booking, day)
            if row.status != DayStatus.expected or begins is None or now >= begins:
                raise ValidationFailed.field(field, f"{day.isoformat()} 已经开始，不能再请假")
            chosen.append(row)
        touched: set[date] = set()
        for row in chosen:
            await _set_day(
                row,
                DayStatus.expected,
                status=DayStatus.absent,
                absence_reason=body.reason.value,
                absence_note=body.note or None,
            )
            touched |= await _free_day(uow, booking, row, now, lower_price=True)
        actor = Actor.of(caller)
        dates = "、".join(r.date.isoformat() for r in chosen)
        if await _settle(booking, rows, actor, ALL_DAYS_OFF_REASON) is None:
            await _note_days(booking, actor, f"{dates} {ABSENCE_LABEL}（{body.reason.value}）")
        # The days given back go to the waitlist in this same transaction.
        await places_freed(uow, fk(booking, "facility"), whole_days(touched), now=now)
    return await booking_detail(booking)


# ---------------------------------------------------------------------------------------------
# Forced closures (a facility's, the district's, a new holiday)


async def close_days_for_bookings(
    uow: UnitOfWork,
    closing: Mapping[str, Sequence[date]],
    reason: str,
    actor: Actor,
    now: datetime,
) -> list[AffectedBookingAnswer]:
    """Removes the closed days from each booking (booking id -> days), inside the caller's
    unit (API.md "Closures remove days, not bookings"): each day not begun becomes `closed`, its
    places are freed and its price comes off; a booking left with no day to come is cancelled (or,
    once checked in, checked out); the parents are told. Answers, per booking changed, what was
    done."""
    affected: list[AffectedBookingAnswer] = []
    for booking in await repository.lock_bookings(sorted(closing)):
        if booking.status not in ACTIVE_BOOKING_STATUSES:
            continue
        rows = await repository.lock_days(str(booking.id))
        wanted = set(closing[str(booking.id)])
        removed: list[date] = []
        for row in rows:
            # A day the child is in care (or has left) keeps what happened on it.
            if row.date not in wanted or row.status != DayStatus.expected:
                continue
            await _set_day(
                row,
                DayStatus.expected,
                status=DayStatus.closed,
                absence_reason=AbsenceReason.closed,
            )
            await _free_day(uow, booking, row, now, lower_price=True)
            removed.append(row.date)
        if not removed:
            continue
        moved = await _settle(booking, rows, actor, reason)
        cancelled = moved is BookingStatus.cancelled
        event = BookingStatus.cancelled if cancelled else DAY_CLOSED_EVENT
        if not cancelled:
            dates = "、".join(d.isoformat() for d in removed)
            await _note_days(booking, actor, f"{dates} {DAY_CLOSED_LABEL}：{reason}")
        uow.dispatch([await queue_booking_notice(uow.res, booking, event, reason)])
        affected.append(
            AffectedBookingAnswer(
                booking_id=str(booking.id),
                action="cancelled" if cancelled else "days_removed",
                removed_dates=removed,
                price_fen=booking.price_fen,
                cancelled=cancelled,
            )
        )
    return affected


# ---------------------------------------------------------------------------------------------
# Views: the parent's history of a child, the bureau's counts

ATTENDANCE_DEFAULT_SPAN = timedelta(days=30)
# A day of a booking that never happened (rejected, or cancelled before it) is no attendance.
_NOT_HELD = frozenset({BookingStatus.rejected, BookingStatus.cancelled})


def _held(day_status: str, booking_status: str) -> bool:
    return not (booking_status in _NOT_HELD and day_status == DayStatus.expected)


async def child_attendance(
    res: Resources, caller: Caller, child_id: str, query: AttendanceQuery
) -> ChildAttendanceAnswer:
    """GET /children/{id}/attendance: the parent's child's days, with their morning checks."""
    if caller.role != Role.parent:
        raise Forbidden("只有家长可以查看孩子的出勤。")
    child = await repository.get_child_for_parent(child_id, caller.account_id)
    today = now_local().date()
    start = query.from_date or today - ATTENDANCE_DEFAULT_SPAN
    end = query.to_date or max(start, today) + ATTENDANCE_DEFAULT_SPAN
    if end < start:
        raise ValidationFailed.field("to", "结束日期不能早于开始日期")
    if (end - start).days + 1 > MAX_ATTENDANCE_DAYS:
        raise ValidationFailed.field("to", f"一次最多查询 {MAX_ATTENDANCE_DAYS} 天")
    rows = await repository.days_of_child(str(child.id), caller.account_id, start, end)
    held = [r for r in rows if _held(r.status, r.booking.status)]
    names = await names_of(sorted({fk(r.booking, "facility") for r in held}))
    items = [
        day_answer(
            AttendanceDayAnswer,
            row,
            booking_id=str(row.booking.id),
            booking_status=row.booking.status,
            care_type=row.booking.care_type,
            facility_id=fk(row.booking, "facility"),
            facility_name=names.get(fk(row.booking, "facility")),
        )
        for row in held
    ]
    # `from` and `to` are the fields' names in the answer, and no Python keyword can say them.
    return ChildAttendanceAnswer(child_id=str(child.id), items=items, **{"from": start, "to": end})


async def district_attendance(
    res: Resources, caller: Caller, query: DistrictAttendanceQuery
) -> DistrictAttendanceAnswer:
    """GET /admin/attendance: per facility on a day, children expected, present, absent, no-show.

    `expected` counts every child booked that day whom no closure took out; `present` those
    checked in (still there or left since). Counts only: the bureau sees no child.
    """
    require_regulator(caller, "只有区教育局可以查看全区出勤。")
    day = query.date or now_local().date()
    places: dict[str, tuple[str, str]] = {}
    counts: dict[str, Counter[str]] = {}
    for facility_id, name, town, status, booking_status in await repository.days_on(day, query.town):
        if not _held(status, booking_status) or status == DayStatus.closed:
            continue
        places[facility_id] = (name, town)
        tally = counts.setdefault(facility_id, Counter())
        tally["expected"] += 1
        if status in (DayStatus.present, DayStatus.left):
            tally["present"] += 1
        elif status == DayStatus.absent:
            tally["absent"] += 1
        elif status == DayStatus.no_show:
            tally["no_show"] += 1
    items = sorted(
        (
            FacilityAttendance(
                facility_id=facility_id,
                facility_name=places[facility_id][0],
                town=places[facility_id][1],
                expected=tally["expected"],
                present=tally["present"],
                absent=tally["absent"],
                no_show=tally["no_show"],
            )
            for facility_id, tally in counts.items()
        ),
        key=lambda c: (c.town, c.facility_name, c.facility_id),
    )
    totals = AttendanceCounts(
        expected=sum(c.expected for c in items),
        present=sum(c.present for c in items),
        absent=sum(c.absent for c in items),
        no_show=sum(c.no_show for c in items),
    )
    return DistrictAttendanceAnswer(date=day, town=query.town, items=items, totals=totals)
