"""The Redis vacancy search reads: each facility's base, and per-day overrides (one field a
facility-day, its `care|kind=n` figures) only where places are taken or the facility closes."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from backend.bookings import service, vacancy
from backend.bookings.engine import ClassSeat
from backend.bookings.plan import FacilityHours
from backend.bookings.vacancy import (
    WINDOW_DAYS,
    ensure_vacancy,
    refresh_vacancy,
    shown_vacancy,
)
from backend.geo.keys import search_key, vacancy_base_key, vacancy_key
from backend.models import Closure
from backend.rules import CareType, ClassKind
from tests.backend.bookings.helpers import frozen_at, new_key, parent_with_child, request_for, shanghai
from tests.factories import make_facility

MONDAY = date(2026, 3, 2)
TUESDAY = MONDAY + timedelta(days=1)


async def _fields(res, day: date, facility) -> dict[str, int]:
    return {name: count for name, (count, _) in (await shown_vacancy(res, str(facility.id), day)).items()}


async def _deadlines(res, day: date, facility) -> dict[str, int]:
    shown = await shown_vacancy(res, str(facility.id), day)
    return {name: until for name, (_, until) in shown.items() if until is not None}


async def test_refresh_keeps_the_days_remaining_per_care_type_and_kind(res):
    facility = await make_facility(
        res,
        care_types=["full_day", "half_day", "hourly"],
        classes=[
            {"kind": "toddler", "name": "托小", "places": 2, "caregivers": 1},
            {"kind": "mixed", "name": "混合", "places": 3, "caregivers": 1},
        ],
    )
    await Closure.create(facility=facility, date=MONDAY + timedelta(days=2), reason="消杀")
    with frozen_at(shanghai(2026, 3, 2, 9)):
        for age, care_type, fields in (
            (14, "full_day", {}),
            (14, "hourly", {"start_time": "09:00", "end_time": "11:00"}),
            (14, "half_day", {"session": "pm"}),
        ):
            _, _, child, caller = await parent_with_child(res, age, TUESDAY)
            await service.create_booking(
                res, caller, request_for(facility, child, care_type, TUESDAY, **fields), new_key()
            )
        # The service refreshed after each booking; a full refresh answers the same.
        await refresh_vacancy(res, str(facility.id))
        tuesday = await _fields(res, TUESDAY, facility)
        deadlines = await _deadlines(res, TUESDAY, facility)
        closed = await _fields(res, MONDAY + timedelta(days=2), facility)
        quiet = await _fields(res, MONDAY + timedelta(days=3), facility)
    # toddler: full_day holds one place all day, hourly the 09:00 and 10:00 hours, pm one more.
    assert tuesday == {
        "full_day|toddler": 0,
        "half_day|toddler": 0,
        "hourly|toddler": 1,
        "full_day|mixed": 3,
        "half_day|mixed": 3,
        "hourly|mixed": 3,
    }
    # The last minute of Tuesday a booking could still get each free figure: hourly care an hour
    # before the last free hour (toddler 12:00, mixed 16:00), day care before the day begins.
    assert deadlines == {
        "hourly|toddler": 11 * 60,
        "full_day|mixed": -1,
        "half_day|mixed": -1,
        "hourly|mixed": 15 * 60,
    }
    assert set(closed.values()) == {0} and len(closed) == 6
    assert quiet["full_day|toddler"] == 2 and quiet["full_day|mixed"] == 3


async def test_unbookable_facilities_leave_search(res):
    facility = await make_facility(res)
    with frozen_at(shanghai(2026, 3, 2, 9)):
        await refresh_vacancy(res, str(facility.id))
        assert await _fields(res, TUESDAY, facility)
        facility.suspended = True
        await facility.save()
        await refresh_vacancy(res, str(facility.id))
        assert await _fields(res, TUESDAY, facility) == {}
        assert await _fields(res, MONDAY + timedelta(days=WINDOW_DAYS - 1), facility) == {}


async def test_only_days_with_bookings_or_closures_are_written_out(res):
    facility = await make_facility(res)
    await Closure.create(facility=facility, date=MONDAY + timedelta(days=2), reason="消杀")
    with frozen_at(shanghai(2026, 3, 2, 9)):
        _, _, child, caller = await parent_with_child(res, 14, TUESDAY)
        request = request_for(facility, child, "full_day", TUESDAY)
        await service.create_booking(res, caller, request, new_key())
        await refresh_vacancy(res, str(facility.id))
        written = []
        for offset in range(WINDOW_DAYS):
            raw = await res.redis.hgetall(vacancy_key(res, MONDAY + timedelta(days=offset)))
            if str(facility.id) in raw:
                written.append(MONDAY + timedelta(days=offset))
        # Saturday, Sunday and the quiet weekdays come from the base.
        assert written == [TUESDAY, MONDAY + timedelta(days=2)]
        assert await res.redis.hget(vacancy_base_key(res), str(facility.id))


async def test_ensure_builds_once(res):
    # A window of its own (2024), so other tests' facilities do not interfere.
    with frozen_at(shanghai(2024, 5, 6, 9)):
        facility = await make_facility(res)
        day = date(2024, 5, 7)
        await res.redis.delete(search_key(res, "vacancy-built:v2"))
        await ensure_vacancy(res)
        assert (await _fields(res, day, facility))["full_day|toddler"] == 10
        assert await _fields(res, date(2024, 5, 6) + timedelta(days=WINDOW_DAYS - 1), facility)
        # Built is not rebuilt (the marker says so) ...
        await res.redis.hdel(vacancy_base_key(res), str(facility.id))
        await ensure_vacancy(res)
        assert await _fields(res, day, facility) == {}
        # ... until the marker goes.
        await res.redis.delete(search_key(res, "vacancy-built:v2"))
        await ensure_vacancy(res)
        assert (await _fields(res, day, facility))["full_day|toddler"] == 10
        # The base has no expiry: days rolling over need no rewrite.
        assert await res.redis.ttl(vacancy_base_key(res)) == -1
    with frozen_at(shanghai(2024, 6, 20, 9)):
        assert (await _fields(res, date(2024, 6, 21), facility))["full_day|toddler"] == 10


_QUIET_SHAPE = SimpleNamespace(
    care_types=["full_day", "half_day", "hourly", "temporary"],
    open_weekdays=[1, 2, 3, 4, 5],
    full_day_hours="08:00-17:00",
    am_hours="08:00-12:00",
    pm_hours="13:00-17:00",
)


def _quiet_base(today: date, places: int) -> str:
    seats = [ClassSeat("c1", ClassKind.toddler, "托小", places, 1, places)]
    return vacancy.base_value(_QUIET_SHAPE, seats, today)


def test_a_base_is_the_same_whatever_the_day_and_the_remembered_figures_are_bounded(monkeypatch):
    monkeypatch.setattr(vacancy, "_QUIET_FIGURES", {})
    monkeypatch.setattr(vacancy, "_QUIET_FIGURES_MAX", 3)
    first = _quiet_base(MONDAY, 5)
    assert _quiet_base(MONDAY + timedelta(days=45), 5) == first
    assert "full_day|toddler=5" in first and _quiet_base(MONDAY, 4) != first
    for places in range(6, 12):
        _quiet_base(MONDAY, places)
        # Cleared once full, before a base adds its (at most four: one a care type) figures.
        assert len(vacancy._QUIET_FIGURES) <= 3 - 1 + 4
    assert (CareType.full_day, FacilityHours.of(_QUIET_SHAPE), 11) in vacancy._QUIET_FIGURES
