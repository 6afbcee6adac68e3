"""The service clock and the days a facility is open: the one place that decides open days.

A year's holidays and make-up working days (调休) come, in this order, from the bureau's own
arrangement of that year (stored in the database, PUT /admin/calendar/{year}), from the
`chinese-calendar` package (the State Council's announced years), or from nowhere: then the year is
provisional and only the facility's weekdays apply. Holidays are closed and make-up working days
open whatever the facility's weekdays.

Every worker reads the bureau's arrangements through `district_calendar(res)`: one Redis GET of a
version key per call, and a reload from the database only when another worker (or this one)
changed an arrangement and bumped the version, so no worker ever answers from a stale copy.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

import chinese_calendar
from redis.exceptions import RedisError

if TYPE_CHECKING:
    from backend.context import Resources

logger = logging.getLogger(__name__)

SERVICE_TZ = ZoneInfo("Asia/Shanghai")
# The dates the service plans for: a date outside them in a request is a typo or a probe, and far
# dates overflow date arithmetic (9999-12-31 + 1 day), so every request's dates are checked
# against them (miniprogram_api/validation.py).
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(SERVICE_TZ)


class FixedClock:
    """A clock that stands still until moved, for tests of booking windows and check-in times."""

    def __init__(self, at: datetime) -> None:
        self._at = _require_aware(at)

    def now(self) -> datetime:
        return self._at

    def set(self, at: datetime) -> None:
        self._at = _require_aware(at)

    def advance(self, delta: timedelta) -> None:
        self._at += delta


def _require_aware(moment: datetime) -> datetime:
    # A naive datetime would silently mean whatever the host's zone is; the service runs on Shanghai time.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("clock times must be timezone-aware")
    return moment


clock: Clock = SystemClock()


def set_clock(new_clock: Clock) -> Clock:
    """Replace the service clock; returns the previous one so a test can put it back."""
    global clock
    previous = clock
    clock = new_clock
    return previous


def now_local() -> datetime:
    """Now on the service clock, in Asia/Shanghai."""
    return clock.now().astimezone(SERVICE_TZ)


def today_local() -> date:
    return now_local().date()


# Only to keep the fallback warning to one line per year per process; nothing depends on it.
_years_warned: set[int] = set()
_years_warned_lock = threading.Lock()


def _warn_outside_official_calendar(year: int) -> None:
    with _years_warned_lock:
        if year in _years_warned:
            return
        _years_warned.add(year)
    logger.warning(
        "no calendar for %d (neither the bureau's arrangement nor chinese-calendar): open days that "
        "year follow the facility's weekdays only and are shown as provisional",
        year,
    )


SOURCE_DISTRICT = "district"
SOURCE_NATIONAL = "national"
SOURCE_PROVISIONAL = "provisional"

# The package names its holidays in English; people read them in Chinese.
_NATIONAL_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
NATIONAL_YEARS = frozenset(d.year for d in chinese_calendar.holidays)


@dataclass(frozen=True, slots=True)
class YearArrangement:
    """One year's holidays and make-up working days, each with its name."""

    year: int
    holidays: Mapping[date, str] = field(default_factory=dict)
    workdays: Mapping[date, str] = field(default_factory=dict)


def _national_arrangement(year: int) -> YearArrangement | None:
    if year not in NATIONAL_YEARS:
        return None
    return YearArrangement(
        year,
        {d: _NATIONAL_NAMES.get(n, n) for d, n in chinese_calendar.holidays.items() if d.year == year},
        {d: _NATIONAL_NAMES.get(n, n) for d, n in chinese_calendar.workdays.items() if d.year == year},
    )


_national_cache: dict[int, YearArrangement | None] = {}


def national_arrangement(year: int) -> YearArrangement | None:
    # The package's data never changes while the process runs, so it is safe to keep here.
    if year not in _national_cache:
        _national_cache[year] = _national_arrangement(year)
    return _national_cache[year]


class Calendar:
    """The arrangements in force: the bureau's years over the package's, the rest provisional."""

    def __init__(self, district: Mapping[int, YearArrangement] | None = None) -> None:
        self._district = dict(district or {})

    def arrangement(self, year: int) -> YearArrangement | None:
        return self._district.get(year) or national_arrangement(year)

    def source(self, year: int) -> str:
        if year in self._district:
            return SOURCE_DISTRICT
        if national_arrangement(year) is not None:
            return SOURCE_NATIONAL
        return SOURCE_PROVISIONAL

    def provisional(self, year: int) -> bool:
        return self.source(year) == SOURCE_PROVISIONAL

    def is_open(self, d: date, open_weekdays: Collection[int]) -> bool:
        """Whether a facility open on these ISO weekdays (Monday = 1) is open on a date."""
        arrangement = self.arrangement(d.year)
        if arrangement is None:
            _warn_outside_official_calendar(d.year)
            return d.isoweekday() in open_weekdays
        if d in arrangement.holidays:
            return False
        if d in arrangement.workdays:
            return True
        return d.isoweekday() in open_weekdays

    def closed_reason(self, d: date, open_weekdays: Collection[int]) -> str | None:
        """Why a facility is closed on a date by the calendar (None: the calendar keeps it open)."""
        arrangement = self.arrangement(d.year)
        if arrangement is not None:
            if d in arrangement.holidays:
                return "holiday"
            if d in arrangement.workdays:
                return None
        return None if d.isoweekday() in open_weekdays else "weekend"

    def open_days(
        self, start: date, end: date, open_weekdays: Collection[int], closed_dates: Collection[date]
    ) -> list[date]:
        """The open days from start to end inclusive, minus the facility's own closures."""
        # A set, because callers pass lists of closures and the loop may span three months.
        closed = frozenset(closed_dates)
        days: list[date] = []
        day = start
        while day <= end:
            if day not in closed and self.is_open(day, open_weekdays):
                days.append(day)
            day += timedelta(days=1)
        return days

    def covered_until(self) -> date | None:
        """The last day of the last year whose calendar is not provisional."""
        years = set(self._district) | NATIONAL_YEARS
        return date(max(years), 12, 31) if years else None


# The package alone: for code that has no Resources (tests, benchmarks) and for the years the
# bureau has not arranged.
NATIONAL = Calendar()


def is_statutory_open_day(d: date, open_weekdays: Collection[int]) -> bool:
    """Whether a facility is open on a date under the package's calendar alone (no bureau years)."""
    return NATIONAL.is_open(d, open_weekdays)


def open_days(
    start: date,
    end: date,
    open_weekdays: Collection[int],
    closed_dates: Collection[date],
    calendar: Calendar = NATIONAL,
) -> list[date]:
    """The open days from start to end inclusive, minus the facility's own closures."""
    return calendar.open_days(start, end, open_weekdays, closed_dates)


# The arrangements as last read by this worker, with the version they were read at.
_loaded: tuple[str, Calendar] | None = None
_loaded_lock = threading.Lock()


def _version_key(res: Resources) -> str:
    return res.key("calendar", "version")


async def _current_version(res: Resources) -> str:
    key = _version_key(res)
    version = await res.redis.get(key)
    if version is None:
        # A fresh (or flushed) Redis: a new random version makes every worker reload once, so a
        # copy read before the flush is never taken for current.
        await res.redis.set(key, uuid.uuid4().hex, nx=True)
        version = await res.redis.get(key)
    return version.decode() if isinstance(version, bytes) else str(version)


async def district_calendar(res: Resources) -> Calendar:
    """The calendar in force, with the bureau's arrangements as the database holds them now."""
    global _loaded
    from backend.district import repository  # the repository imports the models, loaded late

    try:
        version = await _current_version(res)
    except (RedisError, OSError):
        # Without Redis no copy can be trusted as current: read the database this once.
        logger.warning("calendar version unreadable; reading the arrangements from the database")
        return Calendar(await repository.arrangements())
    loaded = _loaded
    if loaded is not None and loaded[0] == version:
        return loaded[1]
    calendar = Calendar(await repository.arrangements())
    with _loaded_lock:
        _loaded = (version, calendar)
    return calendar


async def calendar_changed(res: Resources) -> None:
    """Tells every worker to read the arrangements again (call after the change is committed)."""
    await res.redis.set(_version_key(res), uuid.uuid4().hex)


def iso_local(moment: datetime | None) -> str | None:
    """A timestamp as the API shows it: ISO 8601 with the service's offset."""
    if moment is None:
        return None
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=SERVICE_TZ)
    return aware.astimezone(SERVICE_TZ).isoformat()
