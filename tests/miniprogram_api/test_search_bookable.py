"""Search's `available` counts only what a booking made at the moment of asking could get
(API.md "What can still be booked"), derived at query time from the same BookingWindow."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from backend.bookings.plan import BookingWindow, FacilityHours
from backend.bookings.vacancy import refresh_vacancy
from backend.calendar import now_local, today_local
from backend.context import Resources
from backend.rules import CareType
from tests.backend.bookings.helpers import open_day_on_or_after
from tests.backend.geo.helpers import Spot, facility_at

NEARBY = "/api/v1/facilities/nearby"


async def available(api: httpx.AsyncClient, spot: Spot, **params: Any) -> bool | None:
    response = await api.get(NEARBY, params=spot.query(**params))
    assert response.status_code == 200, response.text
    [item] = response.json()["items"]
    value: bool | None = item["available"]
    return value


async def test_search_says_full_day_care_today_is_not_available(
    api: httpx.AsyncClient, res: Resources
) -> None:
    spot = Spot.random()
    facility = await facility_at(res, spot)
    await refresh_vacancy(res, str(facility.id))
    today = today_local()
    assert await available(api, spot, date=today.isoformat(), care_type="full_day") is False
    assert await available(api, spot, date=today.isoformat(), care_type="half_day") is False
    tomorrow = open_day_on_or_after(today + timedelta(days=1))
    assert await available(api, spot, date=tomorrow.isoformat(), care_type="full_day") is True


async def test_hourly_and_temporary_today_follow_the_time_of_asking(
    api: httpx.AsyncClient, res: Resources
) -> None:
    spot = Spot.random()
    facility = await facility_at(res, spot)
    await refresh_vacancy(res, str(facility.id))
    today = today_local()
    hours = FacilityHours.of(facility)
    for care_type in (CareType.hourly, CareType.temporary):
        before = BookingWindow(now_local())
        answer = await available(api, spot, date=today.isoformat(), care_type=care_type.value)
        after = BookingWindow(now_local())
        expected = {bool(w.bookable_hours(care_type, today, hours.full_day)) for w in (before, after)}
        if len(expected) == 1:  # not asked just as an hour's deadline passed
            assert answer is expected.pop(), care_type


async def test_hourly_care_beyond_its_window_is_not_available(api: httpx.AsyncClient, res: Resources) -> None:
    spot = Spot.random()
    facility = await facility_at(res, spot)
    await refresh_vacancy(res, str(facility.id))
    day = open_day_on_or_after(today_local() + timedelta(days=20))
    assert await available(api, spot, date=day.isoformat(), care_type="hourly") is False
    assert await available(api, spot, date=day.isoformat(), care_type="full_day") is True
    # Without a care type, the care types bookable that day decide.
    assert await available(api, spot, date=day.isoformat()) is True
