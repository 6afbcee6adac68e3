"""The service clock and the days a facility is open.

Open days follow the State Council's calendar through the `chinese-calendar` package: statutory
holidays are closed and make-up working days (调休) are open. The package only knows the years the
State Council has announced, so beyond them we fall back to the facility's weekdays and say so in
the log.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

import chinese_calendar

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
        "chinese-calendar has no holiday data for %d; open days that year follow the facility's weekdays "
        "only (statutory holidays and 调休 working days are not applied). Upgrade chinesecalendar.",
        year,
    )


def is_statutory_open_day(d: date, open_weekdays: Collection[int]) -> bool:
    """Whether a facility open on these ISO weekdays (Monday = 1) is open on a date.

    Statutory holidays (including the weekend days folded into them) are closed, make-up working
    days are open whatever the facility's weekdays, and every other day follows the weekdays.
    """
    try:
        # A name means the State Council ruled on the day: a holiday (closed) or a make-up
        # working day (open); an unnamed day is an ordinary weekday or weekend.
        is_rest_day, ruling_name = chinese_calendar.get_holiday_detail(d)
    except NotImplementedError:
        _warn_outside_official_calendar(d.year)
        return d.isoweekday() in open_weekdays
    if ruling_name is not None:
        return not is_rest_day
    return d.isoweekday() in open_weekdays


def open_days(
    start: date,
    end: date,
    open_weekdays: Collection[int],
    closed_dates: Collection[date],
) -> list[date]:
    """The open days from start to end inclusive, minus the facility's own closures."""
    # A set, because callers pass lists of closures and the loop may span three months.
    closed = frozenset(closed_dates)
    days: list[date] = []
    day = start
    while day <= end:
        if day not in closed and is_statutory_open_day(day, open_weekdays):
            days.append(day)
        day += timedelta(days=1)
    return days


def iso_local(moment: datetime | None) -> str | None:
    """A timestamp as the API shows it: ISO 8601 with the service's offset."""
    if moment is None:
        return None
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=SERVICE_TZ)
    return aware.astimezone(SERVICE_TZ).isoformat()
