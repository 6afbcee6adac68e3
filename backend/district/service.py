"""The bureau's calendar arrangements and district closures (API.md "The district calendar and
district closures").

A change that closes days someone booked closes them for those bookings through the same code
path as a facility's forced closure (bookings.attendance.close_days_for_bookings), in the one
transaction that records the change: it fails whole or applies whole.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, cast

from backend.accounts.scope import require_regulator
from backend.bookings import attendance, engine, service
from backend.bookings.repository import fk
from backend.bookings.schemas import AffectedBookingAnswer
from backend.calendar import (
    YearArrangement,
    district_calendar,
    now_local,
    today_local,
)
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.district import repository
from backend.district.schemas import (
    CalendarBody,
    CalendarChangedAnswer,
    CalendarDay,
    CalendarSource,
    CalendarYearAnswer,
    DistrictClosureAnswer,
    DistrictClosureCreate,
    DistrictClosureCreatedAnswer,
)
from backend.errors import ValidationFailed
from backend.paging import Page
from backend.waitlist.offers import days_changed as waitlist_days_changed
from backend.waitlist.offers import holidays_added as waitlist_holidays_added

if TYPE_CHECKING:
    from backend.models import Booking, DistrictClosure

log = logging.getLogger(__name__)

MAX_CLOSURE_DAYS = 31
# How long before the last arranged day the bureau is told to publish the next year.
COVERAGE_WARNING_DAYS = 60
HOLIDAY_CLOSURE_REASON = "法定节假日"


def _days_json(days: Iterable[tuple[date, str]]) -> list[dict[str, str]]:
    return [{"date": day.isoformat(), "name": name} for day, name in sorted(days)]


def _days(days: Iterable[tuple[date, str]]) -> list[CalendarDay]:
    return [CalendarDay(date=day, name=name) for day, name in sorted(days)]


def year_json(year: int, source: str, arrangement: YearArrangement | None) -> CalendarYearAnswer:
    return CalendarYearAnswer(
        year=year,
        # backend.calendar names its sources as plain strings; the model refuses any other.
        source=cast(CalendarSource, source),
        holidays=_days(arrangement.holidays.items()) if arrangement else [],
        workdays=_days(arrangement.workdays.items()) if arrangement else [],
    )


async def calendar_of_year(res: Resources, year: int) -> CalendarYearAnswer:
    """GET /calendar?year= (public)."""
    calendar = await district_calendar(res)
    return year_json(year, calendar.source(year), calendar.arrangement(year))


def _checked_days(year: int, name: str, days: Sequence[CalendarDay]) -> dict[date, str]:
    seen: dict[date, str] = {}
    for index, item in enumerate(days):
        field = f"{name}.{index}.date"
        if item.date.year != year:
            raise ValidationFailed.field(field, f"日期 {item.date.isoformat()} 不在 {year} 年内")
        if item.date in seen:
            raise ValidationFailed.field(field, f"日期 {item.date.isoformat()} 重复")
        seen[item.date] = item.name
    return seen


def checked_arrangement(year: int, body: CalendarBody) -> YearArrangement:
    if not 1900 <= year <= 2100:
        raise ValidationFailed.field("year", "年份须在 1900 到 2100 之间")
    holidays = _checked_days(year, "holidays", body.holidays)
    workdays = _checked_days(year, "workdays", body.workdays)
    for index, item in enumerate(body.workdays):
        if item.date in holidays:
            raise ValidationFailed.field(
                f"workdays.{index}.date", f"日期 {item.date.isoformat()} 不能既是节假日又是调休工作日"
            )
    return YearArrangement(year, holidays, workdays)


async def _close_days(
    uow: UnitOfWork, held: dict[date, list[Booking]], reason: str, caller: Caller
) -> list[AffectedBookingAnswer]:
    """Takes the closed days out of the bookings holding them, facility by facility, as a forced
    closure does. Answers what was done per booking.
    """
    now = now_local()
    actor = service.Actor.of(caller)
    by_facility: dict[str, dict[str, list[date]]] = {}
    for day, bookings in held.items():
        for booking in bookings:
            by_facility.setdefault(fk(booking, "facility"), {}).setdefault(str(booking.id), []).append(day)
    affected: list[AffectedBookingAnswer] = []
    # Facilities in id order, so two changes of the bureau never lock classes crosswise.
    for facility_id in sorted(by_facility):
        # Locking the classes waits out bookings being placed, as a facility's own closure does.
        await engine.read_classes(
            uow.connection, facility_id, uow.res.settings.mixed_class_ratio, lock="update"
        )
        closed = await attendance.close_days_for_bookings(uow, by_facility[facility_id], reason, actor, now)
        affected += closed
    return affected


async def put_calendar(
    res: Resources, caller: Caller, year: int, body: CalendarBody
) -> CalendarChangedAnswer:
    """PUT /admin/calendar/{year}: replaces the year's arrangement; takes effect at once."""
    require_regulator(caller, "只有区教育局可以设置节假日安排。")
    arrangement = checked_arrangement(year, body)
    previous = (await district_calendar(res)).arrangement(year)
    today = today_local()
    ahead = [day for day in arrangement.holidays if day >= today]
    # Days that were holidays or make-up days under the arrangement replaced change too.
    changed = set(arrangement.holidays) | set(arrangement.workdays)
    if previous is not None:
        changed |= set(previous.holidays) | set(previous.workdays)
    async with UnitOfWork(res) as uow:
        # A new holiday concerns every facility: hold every booking back until it is in.
        await repository.lock_classes(uow.connection, None)
        await repository.save_year(
            year, _days_json(arrangement.holidays.items()), _days_json(arrangement.workdays.items())
        )
        held = await repository.active_bookings_holding(ahead)
        affected = await _close_days(uow, held, HOLIDAY_CLOSURE_REASON, caller)
        await waitlist_holidays_added(uow, ahead)
        uow.calendar_changed()
        uow.refresh_vacancy_everywhere(changed)
    changed_year = year_json(year, "district", arrangement)
    return CalendarChangedAnswer(
        year=changed_year.year,
        source=changed_year.source,
        holidays=changed_year.holidays,
        workdays=changed_year.workdays,
        affected_bookings=len(affected),
        affected=affected,
    )


async def coverage(res: Resources) -> dict[str, Any]:
    """What /admin/stats says about the calendar: its last covered day, and a warning near it."""
    calendar = await district_calendar(res)
    covered = calendar.covered_until()
    today = today_local()
    warnings: list[dict[str, str]] = []
    if covered is None or covered - today <= timedelta(days=COVERAGE_WARNING_DAYS):
        until = covered.isoformat() if covered else "无"
        warnings.append(
            {
                "code": "calendar_ending",
                "message": f"节假日安排只到 {until}：请尽快在「日历」中录入下一年的节假日安排，"
                "否则此后的日期只按星期开放（临时安排）。",
            }
        )
    return {"calendar_covered_until": covered.isoformat() if covered else None, "warnings": warnings}


async def log_coverage_warning(res: Resources) -> bool:
    """Logs the coverage warning (a daily cron); answers whether there was one."""
    answer = await coverage(res)
    if answer["warnings"]:
        log.warning(
            "the calendar is covered only until %s: the bureau should put the next year",
            answer["calendar_covered_until"],
        )
        return True
    return False


# ---------------------------------------------------------------------------------------------
# District closures


def _closure_days(body: DistrictClosureCreate) -> list[date]:
    if body.to_date < body.from_date:
        raise ValidationFailed.field("to", "结束日期不能早于开始日期")
    if (body.to_date - body.from_date).days + 1 > MAX_CLOSURE_DAYS:
        raise ValidationFailed.field("to", f"一次停托最多 {MAX_CLOSURE_DAYS} 天")
    if body.from_date < today_local():
        raise ValidationFailed.field("from", "开始日期不能早于今天")
    return [body.from_date + timedelta(days=i) for i in range((body.to_date - body.from_date).days + 1)]


def district_closure_json(closure: DistrictClosure, facilities: int) -> DistrictClosureAnswer:
    return DistrictClosureAnswer(
        id=str(closure.id),
        from_date=closure.from_date,
        to_date=closure.to_date,
        towns=closure.towns,
        reason=closure.reason,
        facilities=facilities,
        created_at=closure.created_at,
    )


async def create_district_closure(
    res: Resources, caller: Caller, body: DistrictClosureCreate
) -> DistrictClosureCreatedAnswer:
    """POST /admin/closures: each facility's days close as under its own forced closure."""
    require_regulator(caller, "只有区教育局可以发布区级停托。")
    days = _closure_days(body)
    towns = sorted(set(body.towns)) if body.towns is not None else None
    if towns is not None:
        known = await repository.known_towns()
        unknown = [town for town in towns if town not in known]
        if unknown:
            raise ValidationFailed.field("towns", f"没有这些镇街的托育机构：{'、'.join(unknown)}")
    facility_ids = await repository.facility_ids_in(towns)
    async with UnitOfWork(res) as uow:
        await repository.lock_classes(uow.connection, facility_ids)
        closure = await repository.create_district_closure(
            body.from_date, body.to_date, towns, body.reason, caller.account_id
        )
        # A day a facility had closed already stays its own closure.
        already = await repository.closed_days_of(facility_ids, days[0], days[-1])
        rows = [(fid, day) for fid in facility_ids for day in days if (fid, day) not in already]
        closing = set(rows)
        held: dict[date, list[Booking]] = {}
        for booking in await repository.active_bookings_of_between(facility_ids, days[0], days[-1]):
            for day in days:
                if day.isoformat() in (booking.slots or {}) and (fk(booking, "facility"), day) in closing:
                    held.setdefault(day, []).append(booking)
        affected = await _close_days(uow, held, body.reason, caller)
        await repository.add_closures(closure, rows, body.reason)
        # Waitlist holds lose the closed days too; places freed on other days are offered on.
        await waitlist_days_changed(uow, [(str(fid), day) for fid, day in rows])
        uow.refresh_vacancy_everywhere(days)
    listed = district_closure_json(closure, len(facility_ids))
    return DistrictClosureCreatedAnswer(
        **{name: getattr(listed, name) for name in DistrictClosureAnswer.model_fields},
        affected_bookings=len(affected),
        affected=affected,
    )


async def list_district_closures(res: Resources, caller: Caller) -> Page[DistrictClosureAnswer]:
    require_regulator(caller)
    closures = await repository.district_closures()
    made = await repository.closures_made_by([c.id for c in closures])
    items = [district_closure_json(c, len({fid for fid, _ in made.get(str(c.id), [])})) for c in closures]
    return Page[DistrictClosureAnswer](items=items, next_cursor=None)


async def delete_district_closure(res: Resources, caller: Caller, closure_id: str) -> None:
    """DELETE /admin/closures/{id}: the days open again; cancelled bookings stay cancelled."""
    require_regulator(caller)
    closure = await repository.get_district_closure(closure_id)
    made = (await repository.closures_made_by([closure.id])).get(str(closure.id), [])
    days = {day for _, day in made}
    async with UnitOfWork(res) as uow:
        await repository.delete_district_closure(closure)
        # Reopened days have room for the waitlist.
        await waitlist_days_changed(uow, [], [(str(fid), day) for fid, day in made])
        uow.refresh_vacancy_everywhere(days)
