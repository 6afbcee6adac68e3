import logging
from datetime import UTC, date, datetime, timedelta

import pytest

from backend import calendar as service_calendar
from backend.calendar import (
    SERVICE_TZ,
    FixedClock,
    SystemClock,
    is_statutory_open_day,
    now_local,
    open_days,
    set_clock,
    today_local,
)

MON_TO_FRI = frozenset({1, 2, 3, 4, 5})
MON_TO_SAT = frozenset({1, 2, 3, 4, 5, 6})
EVERY_DAY = frozenset(range(1, 8))


def test_national_day_is_closed():
    assert date(2026, 10, 1).isoweekday() == 4
    assert not is_statutory_open_day(date(2026, 10, 1), MON_TO_FRI)
    assert not is_statutory_open_day(date(2026, 10, 1), EVERY_DAY)


@pytest.mark.parametrize("make_up_day", [date(2026, 9, 20), date(2026, 10, 10)])
def test_make_up_working_days_are_open_even_on_a_weekend(make_up_day):
    # 2026's National Day holiday is paid for by working Sunday 20 September and Saturday 10 October.
    assert make_up_day.isoweekday() in (6, 7)
    assert is_statutory_open_day(make_up_day, MON_TO_FRI)


def test_a_plain_saturday_follows_the_facility_weekdays():
    plain_saturday = date(2026, 10, 17)
    assert plain_saturday.isoweekday() == 6
    assert not is_statutory_open_day(plain_saturday, MON_TO_FRI)
    assert is_statutory_open_day(plain_saturday, MON_TO_SAT)


def test_a_weekend_day_inside_a_holiday_is_closed_even_for_weekend_facilities():
    new_year_saturday = date(2026, 1, 3)
    assert new_year_saturday.isoweekday() == 6
    assert not is_statutory_open_day(new_year_saturday, MON_TO_SAT)


def test_a_plain_weekday_follows_the_facility_weekdays():
    plain_wednesday = date(2026, 10, 14)
    assert is_statutory_open_day(plain_wednesday, MON_TO_FRI)
    assert not is_statutory_open_day(plain_wednesday, frozenset({1, 2}))


def test_beyond_the_calendar_data_falls_back_to_weekdays_and_warns_once_a_year(caplog, monkeypatch):
    monkeypatch.setattr(service_calendar, "_years_warned", set())
    caplog.set_level(logging.WARNING, logger="backend.calendar")
    # 2099-10-01 is a Thursday; no holiday data exists, so the weekday decides.
    assert is_statutory_open_day(date(2099, 10, 1), MON_TO_FRI)
    assert not is_statutory_open_day(date(2099, 10, 3), MON_TO_FRI)
    assert is_statutory_open_day(date(2099, 10, 3), MON_TO_SAT)
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "2099" in warnings[0].getMessage()

    is_statutory_open_day(date(2098, 5, 1), MON_TO_FRI)
    assert sum(record.levelno == logging.WARNING for record in caplog.records) == 2


def test_open_days_across_national_day():
    days = open_days(date(2026, 9, 28), date(2026, 10, 11), MON_TO_FRI, closed_dates=[date(2026, 9, 29)])
    assert days == [
        date(2026, 9, 28),
        # 29 September: the facility's own closure.
        date(2026, 9, 30),
        # 1-7 October: National Day.
        date(2026, 10, 8),
        date(2026, 10, 9),
        date(2026, 10, 10),  # the make-up Saturday
    ]


def test_open_days_of_an_empty_range():
    assert open_days(date(2026, 3, 2), date(2026, 3, 1), MON_TO_FRI, closed_dates=()) == []


@pytest.fixture
def fixed_clock():
    clock = FixedClock(datetime(2026, 3, 2, 23, 30, tzinfo=SERVICE_TZ))
    previous = set_clock(clock)
    yield clock
    set_clock(previous)


def test_now_local_follows_the_replaceable_clock(fixed_clock):
    assert now_local() == datetime(2026, 3, 2, 23, 30, tzinfo=SERVICE_TZ)
    fixed_clock.advance(timedelta(hours=1))
    assert today_local() == date(2026, 3, 3)


def test_now_local_is_always_shanghai_time(fixed_clock):
    fixed_clock.set(datetime(2026, 3, 2, 16, 30, tzinfo=UTC))
    assert now_local().utcoffset() == timedelta(hours=8)
    assert today_local() == date(2026, 3, 3)


def test_fixed_clock_refuses_naive_times():
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 3, 2, 8, 0))


def test_system_clock_tells_the_real_time_in_shanghai():
    now = SystemClock().now()
    assert now.tzinfo is SERVICE_TZ
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=5)
