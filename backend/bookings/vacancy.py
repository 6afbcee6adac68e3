"""Vacancy: what one more booking could get, for a facility's page and for search.

API.md "Vacancy as shown": an hour's remaining is the most free places any one fitting class has
at that hour; a day's remaining is the most any one fitting class has free for every hour the care
type covers that day (hourly: the best single hour; half_day: the session asked).

Search reads a copy kept in Redis for the next WINDOW_DAYS days (the contract with the search
engineer, fixed): hash `res.key("vacancy", day.isoformat())`, field
`f"{facility_id}|{care_type}|{class_kind}"` = the day's remaining for that care type in the best
class of that kind (half_day: the better of am and pm; 0 on a closed day). Only bookable
facilities have fields. The database stays the truth: losing Redis loses nothing but speed.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from redis.exceptions import RedisError
from tortoise import connections

from backend.accounts.repository import uuid_or_not_found
from backend.bookings import engine, repository
from backend.bookings.engine import ClassSeat
from backend.bookings.plan import FacilityHours, deadline_minute
from backend.calendar import SERVICE_TZ, Calendar, district_calendar, now_local, today_local
from backend.context import Resources
from backend.models import Closure, Facility, FacilityClass, Occupancy
from backend.rules import CareType, ClassKind, Session

log = logging.getLogger(__name__)

WINDOW_DAYS = 31
FIELD_SEPARATOR = "|"
BUILD_CHUNK = 500

Taken = Mapping[tuple[str, date, int], int]


def vacancy_key(res: Resources, day: date) -> str:
    return res.key("vacancy", day.isoformat())


def _built_marker_key(res: Resources, day: date) -> str:
    return res.key("vacancy-built", day.isoformat())


def vacancy_field(facility_id: str, care_type: str, class_kind: str) -> str:
    return FIELD_SEPARATOR.join((facility_id, care_type, class_kind))


def deadline_field(field: str) -> str:
    """The companion of a vacancy field: the last minute of the day (since its midnight, may be
    negative) a booking made then could still get one of those places (BookingWindow.deadline)."""
    return field + FIELD_SEPARATOR + "until"


def _every_field(facility_id: str) -> list[str]:
    fields = [vacancy_field(facility_id, c.value, k.value) for c in CareType for k in ClassKind]
    return fields + [deadline_field(f) for f in fields]


def window(today: date) -> list[date]:
    return [today + timedelta(days=i) for i in range(WINDOW_DAYS)]


def _ttl_s(day: date) -> int:
    # Kept through the next day, so a search just after midnight still finds yesterday's answer.
    # Counted on the service clock (not Redis's), which is the clock that chose the day.
    ends = datetime.combine(day + timedelta(days=2), time(0), tzinfo=SERVICE_TZ)
    return max(60, int((ends - now_local()).total_seconds()))


def free_at(seat: ClassSeat, taken: Taken, day: date, hour: int) -> int:
    return max(0, seat.capacity - taken.get((seat.id, day, hour), 0))


def hour_remaining(seats: Sequence[ClassSeat], taken: Taken, day: date, hour: int) -> int:
    return max((free_at(seat, taken, day, hour) for seat in seats), default=0)


def day_remaining(
    seats: Sequence[ClassSeat],
    taken: Taken,
    day: date,
    care_type: CareType,
    session: Session | None,
    hours: FacilityHours,
) -> int:
    span = hours.covered(care_type, session).hours
    if not span:
        return 0
    if care_type is CareType.hourly:
        return max((hour_remaining(seats, taken, day, hour) for hour in span), default=0)
    return max((min(free_at(seat, taken, day, hour) for hour in span) for seat in seats), default=0)


def search_remaining(
    seats: Sequence[ClassSeat], taken: Taken, day: date, care_type: CareType, hours: FacilityHours
) -> int:
    """The figure search keeps: for half_day the better of the two sessions."""
    if care_type is CareType.half_day:
        return max(
            day_remaining(seats, taken, day, care_type, Session.am, hours),
            day_remaining(seats, taken, day, care_type, Session.pm, hours),
        )
    return day_remaining(seats, taken, day, care_type, None, hours)


def _deadline(
    seats: Sequence[ClassSeat], taken: Taken, day: date, care_type: CareType, hours: FacilityHours
) -> int:
    """The last minute of the day a booking could still get a free place of the care type."""
    if care_type is CareType.hourly:
        free_hours = [h for h in hours.full_day.hours if hour_remaining(seats, taken, day, h) > 0]
        return max((deadline_minute(care_type, day, h) for h in free_hours), default=-(10**6))
    if care_type is CareType.half_day:
        return max(
            deadline_minute(care_type, day, hours.am.start), deadline_minute(care_type, day, hours.pm.start)
        )
    return deadline_minute(care_type, day, hours.covered(care_type).start)


def _facility_fields(
    facility: Facility,
    seats: Sequence[ClassSeat],
    taken: Taken,
    days: Iterable[date],
    open_days: Collection[date],
    busy_days: Collection[date] | None = None,
) -> dict[date, dict[str, int]]:
    """The search fields of a facility for each day; `busy_days` are the days with places taken
    (computed from `taken` when not given)."""
    facility_id = str(facility.id)
    hours = FacilityHours.of(facility)
    offered = [CareType(c) for c in facility.care_types or [] if c in CareType.__members__]
    kinds = sorted({seat.kind for seat in seats})
    if busy_days is None:
        seat_ids = {seat.id for seat in seats}
        busy_days = {day for (class_id, day, _) in taken if class_id in seat_ids}

    def fields_of(day: date, *, is_open: bool) -> dict[str, int]:
        fields: dict[str, int] = {}
        for kind in kinds:
            of_kind = [seat for seat in seats if seat.kind is kind]
            for care_type in offered:
                value = search_remaining(of_kind, taken, day, care_type, hours) if is_open else 0
                field = vacancy_field(facility_id, care_type.value, kind.value)
                fields[field] = value
                if value > 0:
                    # Search compares it with the time of asking, so the figure needs no rewrite
                    # as the day's hours begin.
                    fields[deadline_field(field)] = _deadline(of_kind, taken, day, care_type, hours)
        return fields

    # Most days of most facilities have nothing booked yet: those share one answer per open/closed.
    quiet: dict[bool, dict[str, int]] = {}
    answer: dict[date, dict[str, int]] = {}
    for day in days:
        is_open = day in open_days
        if day in busy_days and is_open:
            answer[day] = fields_of(day, is_open=True)
        else:
            if is_open not in quiet:
                quiet[is_open] = fields_of(day, is_open=is_open)
            answer[day] = quiet[is_open]
    return answer


async def _write(
    res: Resources, facility_ids: Sequence[str], fields_by_day: Mapping[date, Mapping[str, int]]
) -> None:
    async with res.redis.pipeline(transaction=False) as pipe:
        for day, fields in fields_by_day.items():
            key = vacancy_key(res, day)
            stale = [f for facility_id in facility_ids for f in _every_field(facility_id) if f not in fields]
            if stale:
                pipe.hdel(key, *stale)
            if fields:
                pipe.hset(key, mapping=dict(fields))
            pipe.expire(key, _ttl_s(day))
        await pipe.execute()


async def refresh_vacancy(res: Resources, facility_id: str, days: Iterable[date] | None = None) -> None:
    """Recomputes a facility's search vacancy for these days (default: the whole window).

    Call after every commit that changes its places, classes, hours, care types, closures or
    bookability. Days outside the window are ignored.
    """
    facility = await Facility.get_or_none(id=uuid_or_not_found(facility_id, "facility"))
    await refresh_facility_vacancy(res, facility_id, facility, days)


async def refresh_facility_vacancy(
    res: Resources, facility_id: str, facility: Facility | None, days: Iterable[date] | None = None
) -> None:
    """refresh_vacancy with the facility already loaded (None: it is gone)."""
    the_window = window(today_local())
    wanted = the_window if days is None else sorted({d for d in days if the_window[0] <= d <= the_window[-1]})
    if not wanted:
        return
    if facility is None or not facility.bookable:
        await _write(res, [facility_id], {day: {} for day in wanted})
        return
    conn = connections.get("default")
    seats = await engine.read_classes(conn, str(facility.id), res.settings.mixed_class_ratio)
    closed = await repository.closed_dates(str(facility.id), wanted[0], wanted[-1])
    taken = await engine.taken_between(conn, [s.id for s in seats], wanted[0], wanted[-1])
    calendar = await district_calendar(res)
    open_set = _open_set(calendar, wanted, facility.open_weekdays or [], closed, {})
    await _write(res, [str(facility.id)], _facility_fields(facility, seats, taken, wanted, open_set))


def _open_set(
    calendar: Calendar,
    days: Sequence[date],
    weekdays: Collection[int],
    closed: Collection[date],
    memo: dict[tuple[date, frozenset[int]], bool],
) -> set[date]:
    # The statutory calendar answer depends only on the day and the weekday set, and thousands of
    # facilities share a few weekday sets, so one answer serves them all.
    week = frozenset(weekdays)
    closed_set = set(closed)
    answer: set[date] = set()
    for day in days:
        memo_key = (day, week)
        if memo_key not in memo:
            memo[memo_key] = calendar.is_open(day, week)
        if memo[memo_key] and day not in closed_set:
            answer.add(day)
    return answer


async def ensure_vacancy(res: Resources) -> None:
    """Builds the days of the window not built yet, for every bookable facility.

    Cheap when already built (one MGET of markers); call it at worker start, daily (a new day
    enters the window) and after loading data.
    """
    days = window(today_local())
    markers = await res.redis.mget([_built_marker_key(res, day) for day in days])
    missing = [day for day, marker in zip(days, markers, strict=True) if not marker]
    if not missing:
        return
    await _build_days(res, missing)
    async with res.redis.pipeline(transaction=False) as pipe:
        for day in missing:
            pipe.set(_built_marker_key(res, day), "1", ex=_ttl_s(day))
        await pipe.execute()
    log.info("vacancy built for %d days", len(missing))


async def rebuild_vacancy(res: Resources, days: Iterable[date]) -> None:
    """Recomputes every bookable facility's search vacancy for these days (those in the window):
    after a change of the district's calendar or a district closure."""
    the_window = window(today_local())
    wanted = sorted({d for d in days if the_window[0] <= d <= the_window[-1]})
    if not wanted:
        return
    try:
        await _build_days(res, wanted)
    except (RedisError, OSError):
        # The change is committed; search catches up with the next build of the window.
        log.warning("could not rebuild search vacancy for %d days", len(wanted), exc_info=True)


async def _build_days(res: Resources, days: Sequence[date]) -> None:
    first, last = days[0], days[-1]
    facilities = list(await Facility.filter(filing_status="filed", suspended=False))
    if not facilities:
        return
    ratio = res.settings.mixed_class_ratio
    seats_of: dict[str, list[ClassSeat]] = {}
    for klass in await FacilityClass.filter(is_active=True):
        seats_of.setdefault(repository.fk(klass, "facility"), []).append(engine.seat_of(klass, ratio))
    closed_of: dict[str, list[date]] = {}
    for facility_id, day in await Closure.filter(date__gte=first, date__lte=last).values_list(
        "facility_id", "date"
    ):
        closed_of.setdefault(str(facility_id), []).append(_to_date(day))
    taken: dict[tuple[str, date, int], int] = {}
    busy_by_class: dict[str, set[date]] = {}
    rows = await Occupancy.filter(date__gte=first, date__lte=last, taken__gt=0).values_list(
        "klass_id", "date", "hour", "taken"
    )
    for class_id, day, hour, count in rows:
        taken[(str(class_id), _to_date(day), int(hour))] = int(count)
        busy_by_class.setdefault(str(class_id), set()).add(_to_date(day))
    memo: dict[tuple[date, frozenset[int]], bool] = {}
    calendar = await district_calendar(res)
    for start in range(0, len(facilities), BUILD_CHUNK):
        chunk = facilities[start : start + BUILD_CHUNK]
        merged: dict[date, dict[str, int]] = {day: {} for day in days}
        for facility in chunk:
            facility_id = str(facility.id)
            open_set = _open_set(
                calendar, days, facility.open_weekdays or [], closed_of.get(facility_id, []), memo
            )
            seats = seats_of.get(facility_id, [])
            busy = {day for seat in seats for day in busy_by_class.get(seat.id, ())}
            per_day = _facility_fields(facility, seats, taken, days, open_set, busy)
            for day, fields in per_day.items():
                merged[day].update(fields)
        await _write(res, [str(f.id) for f in chunk], merged)


def _to_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
