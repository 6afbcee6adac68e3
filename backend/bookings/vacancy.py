"""Vacancy: what one more booking could get, for a facility's page and for search.

API.md "Vacancy as shown": an hour's remaining is the most free places any one fitting class has
at that hour; a day's remaining is the most any one fitting class has free for every hour the care
type covers that day (hourly: the best single hour; half_day: the session asked).

Search reads a copy kept in Redis as a base plus exceptions, so a country's facilities fit in it
(DESIGN.md section 7) and nothing needs rewriting as days roll over:

- base, hash `vacancy_base_key(res)`, field facility id = `weekdays;care|kind=n@until;...`: the
  facility's open ISO weekdays (digits) and, per care type and class kind, the remaining of a day
  with nothing booked (`@until`, only when n > 0: the last minute of the day, since its midnight,
  a booking could still get it; BookingWindow.deadline). Only bookable facilities have one.
- calendar, hash `vacancy_calendar_key(res)`, field ISO date = `h` (statutory holiday) or `w`
  (make-up workday) for the years the calendar arranges; any other day follows the weekdays.
- overrides, hash `vacancy_key(res, day)`, field facility id = `care|kind=n@until;...`: the day's
  remaining per care type in the best class of each kind (half_day: the better of am and pm; 0 on
  a closed day), `@until` as in the base; the base's entries without its weekdays. Written only
  for the facility-days with places taken or a closure, whole: one present replaces the base.

A day's figures are therefore: the facility's override when present, else its base when the
calendar keeps it open that day, else none (backend/geo/scripts.py reads all three in the search's
one round trip, one field of each a facility; shown_vacancy below reads them the same way).
"Now" is the time of asking. The database stays the truth: losing Redis loses nothing but speed.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from redis.exceptions import RedisError

from backend.bookings import engine, ledger, repository
from backend.bookings.engine import ClassSeat
from backend.bookings.plan import FacilityHours, deadline_minute
from backend.calendar import SERVICE_TZ, Calendar, district_calendar, now_local, today_local
from backend.context import Resources
from backend.geo.keys import search_key, vacancy_base_key, vacancy_calendar_key, vacancy_key
from backend.rules import CareType, ClassKind, Session, class_capacity

if TYPE_CHECKING:
    from backend.models import Facility

log = logging.getLogger(__name__)

WINDOW_DAYS = 31
FIELD_SEPARATOR = "|"
BUILD_CHUNK = 500
# A full refresh of one facility clears its overrides this far ahead: beyond the window, a booking
# placed months ahead keeps its override there until the day rolls in.
OVERRIDE_HORIZON_DAYS = 800
# The calendar hash field saying up to which year it holds the arranged days.
CALENDAR_COVERED_FIELD = "covered"
# The columns of a facility its base depends on.
BASE_COLUMNS = ("id", "care_types", "open_weekdays", "full_day_hours", "am_hours", "pm_hours")

Taken = Mapping[tuple[str, date, int], int]


def _built_marker_key(res: Resources) -> str:
    # v2: overrides became one field a facility-day; a Redis built before holds the old fields,
    # so it is built again (the old fields left behind are never read and expire with their day).
    return search_key(res, "vacancy-built:v2")


def figure_name(care_type: str, class_kind: str) -> str:
    """The name of one figure in a base or an override: `care|kind`."""
    return f"{care_type}{FIELD_SEPARATOR}{class_kind}"


def figure_entry(name: str, remaining: int, until: int) -> str:
    """One figure as bases and overrides hold it: `name=n@until`, `@until` (the last minute of
    the day, since its midnight, a booking could still get one; BookingWindow.deadline) only when
    n > 0."""
    return f"{name}={remaining}@{until}" if remaining > 0 else f"{name}={remaining}"


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


def _facility_overrides(
    facility: Facility,
    seats: Sequence[ClassSeat],
    taken: Taken,
    days: Iterable[date],
    open_days: Collection[date],
    busy_days: Collection[date] | None = None,
) -> dict[date, dict[str, str]]:
    """The override of a facility for each day (facility id -> its figures; nothing for a facility
    without a class or a care type); `busy_days` are the days with places taken (computed from
    `taken` when not given)."""
    facility_id = str(facility.id)
    hours = FacilityHours.of(facility)
    offered = [CareType(c) for c in facility.care_types or [] if c in CareType.__members__]
    kinds = sorted({seat.kind for seat in seats})
    if busy_days is None:
        seat_ids = {seat.id for seat in seats}
        busy_days = {day for (class_id, day, _) in taken if class_id in seat_ids}

    def override_of(day: date, *, is_open: bool) -> dict[str, str]:
        entries: list[str] = []
        for kind in kinds:
            of_kind = [seat for seat in seats if seat.kind is kind]
            for care_type in offered:
                value = search_remaining(of_kind, taken, day, care_type, hours) if is_open else 0
                # Search compares `until` with the time of asking, so the figure needs no
                # rewrite as the day's hours begin.
                until = _deadline(of_kind, taken, day, care_type, hours) if value > 0 else 0
                entries.append(figure_entry(figure_name(care_type.value, kind.value), value, until))
        return {facility_id: ";".join(entries)} if entries else {}

    # Most days of most facilities have nothing booked yet: those share one answer per open/closed.
    quiet: dict[bool, dict[str, str]] = {}
    answer: dict[date, dict[str, str]] = {}
    for day in days:
        is_open = day in open_days
        if day in busy_days and is_open:
            answer[day] = override_of(day, is_open=True)
        else:
            if is_open not in quiet:
                quiet[is_open] = override_of(day, is_open=is_open)
            answer[day] = quiet[is_open]
    return answer


def _offered(facility: Any) -> list[CareType]:
    return [CareType(c) for c in facility.care_types or [] if c in CareType.__members__]


def _weekday_digits(weekdays: Collection[int]) -> str:
    return "".join(str(day) for day in sorted(set(weekdays)) if 1 <= day <= 7)


QuietMemo = dict[tuple[CareType, FacilityHours, int], tuple[int, int]]
# A quiet day's figures are a pure function of their key, and facilities share a handful of
# shapes: every refresh after a booking recomputed its facility's base from scratch without it.
_QUIET_FIGURES: QuietMemo = {}
_QUIET_FIGURES_MAX = 4096


def base_value(facility: Any, seats: Sequence[ClassSeat], today: date, memo: QuietMemo | None = None) -> str:
    """The facility's base: its weekdays and the remaining of a day with nothing booked.

    `facility` is a Facility or a row with its care_types, open_weekdays and hours columns.
    The figures of a quiet day do not depend on which day it is (deadlines count from the day's
    own midnight), so one string serves every open day of the facility.
    """
    if memo is None:
        if len(_QUIET_FIGURES) >= _QUIET_FIGURES_MAX:
            _QUIET_FIGURES.clear()
        memo = _QUIET_FIGURES
    hours = FacilityHours.of(facility)
    entries: list[str] = []
    for kind in sorted({seat.kind for seat in seats}):
        of_kind = [seat for seat in seats if seat.kind is kind]
        # With nothing taken every hour of a class has its whole capacity free, so a quiet day's
        # figures depend on the care type, the hours and the kind's largest capacity alone.
        most = max(seat.capacity for seat in of_kind)
        for care_type in _offered(facility):
            memo_key = (care_type, hours, most)
            if memo_key not in memo:
                value = search_remaining(of_kind, {}, today, care_type, hours)
                until = _deadline(of_kind, {}, today, care_type, hours) if value > 0 else 0
                memo[memo_key] = (value, until)
            value, until = memo[memo_key]
            entries.append(figure_entry(figure_name(care_type.value, kind.value), value, until))
    return ";".join([_weekday_digits(facility.open_weekdays or []), *entries])


def parse_base(raw: str) -> tuple[str, dict[str, tuple[int, int | None]]]:
    """A base's weekdays and its `care|kind` -> (remaining, until or None)."""
    weekdays, *entries = raw.split(";")
    figures: dict[str, tuple[int, int | None]] = {}
    for entry in entries:
        name, _, rest = entry.partition("=")
        count, _, until = rest.partition("@")
        figures[name] = (int(count), int(until) if until else None)
    return weekdays, figures


def _calendar_fields(calendar: Calendar, years: Iterable[int]) -> dict[str, str]:
    # A day closed even for a facility open every day is a holiday; one open even for a facility
    # open on no weekday is a make-up workday; every other day follows the facility's weekdays.
    every_day = frozenset(range(1, 8))
    fields: dict[str, str] = {}
    for year in years:
        if calendar.arrangement(year) is None:
            continue
        day = date(year, 1, 1)
        while day.year == year:
            if not calendar.is_open(day, every_day):
                fields[day.isoformat()] = "h"
            elif calendar.is_open(day, frozenset()):
                fields[day.isoformat()] = "w"
            day += timedelta(days=1)
    return fields


def _calendar_years(today: date) -> list[int]:
    # Last year too: the day keys are kept through the next day, and a booking spans New Year.
    return [today.year - 1, today.year, today.year + 1]


async def write_calendar(res: Resources, calendar: Calendar | None = None) -> None:
    """Writes the arranged days search reads at once (after a change of the calendar)."""
    calendar = calendar or await district_calendar(res)
    years = _calendar_years(today_local())
    fields: dict[str, str] = {**_calendar_fields(calendar, years), CALENDAR_COVERED_FIELD: str(years[-1])}
    async with res.redis.pipeline(transaction=True) as pipe:
        pipe.delete(vacancy_calendar_key(res))
        pipe.hset(vacancy_calendar_key(res), mapping=fields)
        await pipe.execute()


async def shown_vacancy(res: Resources, facility_id: str, day: date) -> dict[str, tuple[int, int | None]]:
    """What the index holds for a facility-day, read as the search script reads it:
    `care|kind` -> (remaining, until or None). Empty for a facility without a base or override."""
    async with res.redis.pipeline(transaction=False) as pipe:
        pipe.hget(vacancy_base_key(res), facility_id)
        pipe.hget(vacancy_calendar_key(res), day.isoformat())
        pipe.hget(vacancy_key(res, day), facility_id)
        raw_base, status, override = await pipe.execute()
    if override is not None:
        return parse_base(";" + _text(override))[1]
    if raw_base is None:
        return {}
    weekdays, base = parse_base(_text(raw_base))
    status_text = _text(status) if status is not None else ""
    is_open = status_text == "w" or (status_text != "h" and str(day.isoweekday()) in weekdays)
    return dict(base) if is_open else {}


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _override_days(taken: Taken, seats: Sequence[ClassSeat], closed: Collection[date]) -> set[date]:
    seat_ids = {seat.id for seat in seats}
    return {day for (class_id, day, _) in taken if class_id in seat_ids} | set(closed)


def _stale(overrides: Mapping[str, str], facility_ids: Sequence[str]) -> list[str]:
    return [facility_id for facility_id in facility_ids if facility_id not in overrides]


async def _write(
    res: Resources,
    facility_ids: Sequence[str],
    overrides_by_day: Mapping[date, Mapping[str, str]],
    bases: Mapping[str, str | None] | None = None,
) -> None:
    """Writes these days' overrides of the facilities (one of them without an override that day
    has its old one cleared) and their bases (None removes one), in one round trip."""
    async with res.redis.pipeline(transaction=False) as pipe:
        for facility_id, base in (bases or {}).items():
            if base is None:
                pipe.hdel(vacancy_base_key(res), facility_id)
            else:
                pipe.hset(vacancy_base_key(res), facility_id, base)
        for day, overrides in overrides_by_day.items():
            key = vacancy_key(res, day)
            stale = _stale(overrides, facility_ids)
            if stale:
                pipe.hdel(key, *stale)
            if overrides:
                pipe.hset(key, mapping=dict(overrides))
                pipe.expire(key, _ttl_s(day))
        pipe.hget(vacancy_calendar_key(res), CALENDAR_COVERED_FIELD)
        covered = (await pipe.execute())[-1]
    # Search needs the arranged days too; a Redis that lost them (or a new year) gets them here.
    if covered is None or int(_text(covered)) < _calendar_years(today_local())[-1]:
        await write_calendar(res)


async def refresh_vacancy(res: Resources, facility_id: str, days: Iterable[date] | None = None) -> None:
    """Recomputes a facility's search vacancy: its base and the overrides of these days (default:
    every day from today on).

    Call after every commit that changes its places, classes, hours, care types, closures or
    bookability. Past days are ignored.
    """
    facility = await repository.facility_or_none(facility_id)
    await refresh_facility_vacancy(res, facility_id, facility, days)


@dataclass(frozen=True)
class CommittedState:
    """What a write read of its facility under lock and committed unchanged: its classes, its
    closures from `first` to `last`, and the calendar in force.

    A refresh right after that commit starts from it instead of reading it again; only the places
    taken are read anew, since other bookings of the facility commit beside this one. A class,
    closure or calendar change is serialised with the write (it locks the same class rows) and runs
    its own refresh after its commit, from what it reads then.
    """

    seats: Sequence[ClassSeat]
    closed: Collection[date]
    first: date
    last: date
    calendar: Calendar

    def covers(self, days: Sequence[date]) -> bool:
        return bool(days) and self.first <= days[0] and days[-1] <= self.last


async def refresh_facility_vacancy(
    res: Resources,
    facility_id: str,
    facility: Facility | None,
    days: Iterable[date] | None = None,
    committed: CommittedState | None = None,
) -> None:
    """refresh_vacancy with the facility already loaded (None: it is gone), and, for a write that
    read them under lock, its classes, closures and calendar (`committed`)."""
    today = today_local()
    if days is None:
        wanted = [today + timedelta(days=i) for i in range(OVERRIDE_HORIZON_DAYS)]
    else:
        wanted = sorted({d for d in days if d >= today})
    if facility is None or not facility.bookable:
        await _write(res, [facility_id], {day: {} for day in wanted}, {facility_id: None})
        return
    conn = ledger.default_connection()
    if committed is not None and days is not None and committed.covers(wanted):
        seats: Sequence[ClassSeat] = committed.seats
    else:
        committed = None
        seats = await engine.read_classes(conn, str(facility.id), res.settings.mixed_class_ratio)
    base = base_value(facility, seats, today)
    if not wanted:
        await _write(res, [str(facility.id)], {}, {str(facility.id): base})
        return
    # A full refresh reads every booked day from today on, however far ahead.
    last = wanted[-1] if days is not None else date.max
    if committed is not None:
        closed: Collection[date] = [d for d in committed.closed if wanted[0] <= d <= last]
        calendar = committed.calendar
    else:
        closed = await repository.closed_dates(str(facility.id), wanted[0], last)
        calendar = await district_calendar(res)
    taken = await ledger.taken_between(conn, [s.id for s in seats], wanted[0], last)
    exceptional = sorted(_override_days(taken, seats, closed))
    open_set = _open_set(calendar, exceptional, facility.open_weekdays or [], closed, {})
    per_day: dict[date, dict[str, str]] = {day: {} for day in wanted}
    per_day.update(_facility_overrides(facility, seats, taken, exceptional, open_set))
    await _write(res, [str(facility.id)], per_day, {str(facility.id): base})


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
    """Builds the search vacancy when Redis does not hold it (one marker read when it does).

    Call it at worker start, daily and after loading data. Days rolling over need nothing: a day
    entering the window is read from the bases, and its bookings' overrides were written when they
    were made. The calendar hash is extended when a new year comes within reach.
    """
    async with res.redis.pipeline(transaction=False) as pipe:
        pipe.get(_built_marker_key(res))
        pipe.hget(vacancy_calendar_key(res), CALENDAR_COVERED_FIELD)
        marker, covered = await pipe.execute()
    if not marker:
        await _build_all(res)
        await res.redis.set(_built_marker_key(res), "1")
        log.info("vacancy built")
    elif covered is None or int(_text(covered)) < _calendar_years(today_local())[-1]:
        await write_calendar(res)


async def rebuild_vacancy(res: Resources, days: Iterable[date]) -> None:
    """Recomputes every bookable facility's overrides for these days (today on) and the calendar
    search reads: after a change of the district's calendar or a district closure."""
    today = today_local()
    wanted = sorted({d for d in days if d >= today})
    try:
        await write_calendar(res)
        if wanted:
            await _build_overrides(res, wanted, replace=True)
    except (RedisError, OSError):
        # The change is committed; search catches up with the next build.
        log.warning("could not rebuild search vacancy for %d days", len(wanted), exc_info=True)


async def _build_all(res: Resources) -> None:
    today = today_local()
    # Plain rows, as for the classes: only what a base needs.
    facilities = [SimpleNamespace(**row) for row in await repository.bookable_facility_rows(BASE_COLUMNS)]
    seats_of = await _seats_of(res)
    # Under a temporary key, renamed at once: a facility no longer bookable loses its base.
    temporary = search_key(res, "vacancy-base-building", uuid.uuid4().hex)
    memo: QuietMemo = {}
    bases: dict[str, str] = {}
    try:
        for start in range(0, len(facilities), BUILD_CHUNK * 4):
            chunk = facilities[start : start + BUILD_CHUNK * 4]
            mapping: dict[str, str] = {}
            for facility in chunk:
                facility_id = str(facility.id)
                seats = seats_of.get(facility_id, [])
                # Thousands of facilities share a shape (offer, week, hours, classes): one base each.
                shape = repr(
                    (
                        facility.care_types,
                        facility.open_weekdays,
                        facility.full_day_hours,
                        facility.am_hours,
                        facility.pm_hours,
                        sorted((seat.kind.value, seat.capacity) for seat in seats),
                    )
                )
                if shape not in bases:
                    bases[shape] = base_value(facility, seats, today, memo)
                mapping[facility_id] = bases[shape]
            if mapping:
                async with res.redis.pipeline(transaction=False) as pipe:
                    pipe.hset(temporary, mapping=mapping)
                    pipe.expire(temporary, 3600)
                    await pipe.execute()
        async with res.redis.pipeline(transaction=True) as pipe:
            if facilities:
                pipe.rename(temporary, vacancy_base_key(res))
                pipe.persist(vacancy_base_key(res))
            else:
                pipe.delete(vacancy_base_key(res))
            await pipe.execute()
    finally:
        await res.redis.delete(temporary)
    await write_calendar(res)
    await _build_overrides(res, None, replace=True)


async def _seats_of(
    res: Resources, facility_ids: Collection[str] | None = None
) -> dict[str, list[ClassSeat]]:
    """The active classes of every facility (or of these), by facility id, in id order."""
    ratio = res.settings.mixed_class_ratio
    # Plain rows: a model instance per class costs more than the whole rest of the build.
    rows = await repository.active_class_rows(facility_ids)
    seats_of: dict[str, list[ClassSeat]] = {}
    kinds = {kind.value: kind for kind in ClassKind}
    for facility_id, class_id, raw_kind, name, places, caregivers in rows:
        kind = kinds[str(raw_kind)]
        seat = ClassSeat(
            id=str(class_id),
            kind=kind,
            name=name,
            places=int(places),
            caregivers=int(caregivers),
            capacity=class_capacity(kind, int(places), int(caregivers), ratio),
        )
        seats_of.setdefault(str(facility_id), []).append(seat)
    return seats_of


async def _build_overrides(res: Resources, days: Sequence[date] | None, *, replace: bool) -> None:
    """Writes the overrides of every bookable facility on these days (None: every day from today
    with places taken or a closure); `replace` drops what the days held before."""
    today = today_local()
    taken: dict[tuple[str, date, int], int] = {}
    busy_classes: set[str] = set()
    for class_id, day, hour, count in await repository.taken_rows_from(today, days):
        taken[(str(class_id), _to_date(day), int(hour))] = int(count)
        busy_classes.add(str(class_id))
    closed_of: dict[str, list[date]] = {}
    for facility_id, day in await repository.closure_rows_from(today, days):
        closed_of.setdefault(str(facility_id), []).append(_to_date(day))
    concerned = set(closed_of) | set(await repository.facility_ids_of_classes(busy_classes))
    seats_of = await _seats_of(res, concerned)
    facilities = await repository.bookable_facilities_among(concerned)
    calendar = await district_calendar(res)
    memo: dict[tuple[date, frozenset[int]], bool] = {}
    merged: dict[date, dict[str, str]] = {day: {} for day in days or []}
    for facility in facilities:
        facility_id = str(facility.id)
        seats = seats_of.get(facility_id, [])
        closed = closed_of.get(facility_id, [])
        exceptional = sorted(_override_days(taken, seats, closed))
        open_set = _open_set(calendar, exceptional, facility.open_weekdays or [], closed, memo)
        for day, overrides in _facility_overrides(facility, seats, taken, exceptional, open_set).items():
            merged.setdefault(day, {}).update(overrides)
    if replace and days is None:
        # Everything from yesterday (kept through today) to the last day written is rebuilt.
        last = max(merged, default=today)
        merged.update({d: {} for d in _days_between(today - timedelta(days=1), last) if d not in merged})
    # One MULTI per chunk of days: a search sees a day's old overrides or its new ones.
    items = sorted(merged.items())
    for start in range(0, len(items), 16):
        async with res.redis.pipeline(transaction=True) as pipe:
            for day, overrides in items[start : start + 16]:
                key = vacancy_key(res, day)
                if replace:
                    pipe.delete(key)
                if overrides:
                    pipe.hset(key, mapping=overrides)
                    pipe.expire(key, _ttl_s(day))
            await pipe.execute()


def _days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _to_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
