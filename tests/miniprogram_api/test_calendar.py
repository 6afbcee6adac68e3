"""The district calendar: GET /calendar, PUT /admin/calendar/{year}, and what it does to open days,
availability, search, booking and the bureau's stats (API.md "The district calendar")."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from backend.bookings import service
from backend.calendar import national_arrangement, today_local
from backend.context import Resources
from backend.errors import ValidationFailed
from backend.models import Booking, CalendarYear, OutgoingMessage
from tests.backend.bookings.helpers import (
    assert_ledger_true,
    new_key,
    open_day_on_or_after,
    parent_with_child,
    request_for,
)
from tests.backend.geo.helpers import Spot, facility_at
from tests.conftest import bearer
from tests.factories import make_account, make_facility
from tests.miniprogram_api.calendar_helpers import national_body


def assert_validation(response: httpx.Response, field: str) -> None:
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert field in error["details"]["fields"], error


async def availability_day(api: httpx.AsyncClient, facility_id: str, day: date) -> dict[str, Any]:
    response = await api.get(
        f"/api/v1/facilities/{facility_id}/availability",
        params={"care_type": "full_day", "from": day.isoformat(), "to": day.isoformat()},
    )
    assert response.status_code == 200, response.text
    days: list[dict[str, Any]] = response.json()["days"]
    return days[0]


async def test_a_year_the_package_covers_is_national_with_chinese_names(api: httpx.AsyncClient) -> None:
    response = await api.get("/api/v1/calendar", params={"year": 2026})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["year"], body["source"]) == (2026, "national")
    assert {"date": "2026-10-01", "name": "国庆节"} in body["holidays"]
    assert body["workdays"] and all(item["date"].startswith("2026-") for item in body["workdays"])


async def test_a_year_nobody_arranged_is_provisional(api: httpx.AsyncClient, res: Resources) -> None:
    response = await api.get("/api/v1/calendar", params={"year": 2099})
    assert response.status_code == 200, response.text
    assert response.json() == {"year": 2099, "source": "provisional", "holidays": [], "workdays": []}
    facility = await make_facility(res)
    assert (await availability_day(api, str(facility.id), date(2099, 10, 1)))["provisional"] is True
    assert (await availability_day(api, str(facility.id), date(2026, 12, 10)))["provisional"] is False


async def test_calendar_query_needs_a_year(api: httpx.AsyncClient) -> None:
    assert_validation(await api.get("/api/v1/calendar"), "year")
    assert_validation(await api.get("/api/v1/calendar", params={"year": 99999}), "year")


async def test_only_the_bureau_puts_an_arrangement(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    _, admin = await make_account(res, "facility_admin", facility)
    response = await api.put("/api/v1/admin/calendar/2027", json={}, headers=bearer(admin))
    assert response.status_code == 403, response.text
    response = await api.put("/api/v1/admin/calendar/2027", json={})
    assert response.status_code == 401, response.text
    assert await CalendarYear.filter(year=2027).count() == 0


async def test_the_bureaus_2027_arrangement_closes_its_holidays_at_once(
    api: httpx.AsyncClient, res: Resources, bureau: dict[str, Any]
) -> None:
    facility = await make_facility(res)
    national_day = date(2027, 10, 1)
    before = await availability_day(api, str(facility.id), national_day)
    assert (before["open"], before["provisional"]) == (True, True)
    body = {
        "holidays": [{"date": f"2027-10-0{d}", "name": "国庆节"} for d in range(1, 8)],
        "workdays": [{"date": "2027-09-26", "name": "国庆节调休"}],
    }
    response = await api.put("/api/v1/admin/calendar/2027", json=body, headers=bureau)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert (answer["year"], answer["source"], answer["affected_bookings"]) == (2027, "district", 0)
    assert answer["holidays"] == body["holidays"] and answer["workdays"] == body["workdays"]
    stored = await CalendarYear.get(year=2027)
    assert [item["date"] for item in stored.holidays] == [f"2027-10-0{d}" for d in range(1, 8)]

    public = (await api.get("/api/v1/calendar", params={"year": 2027})).json()
    assert (public["source"], public["holidays"], public["workdays"]) == (
        "district",
        body["holidays"],
        body["workdays"],
    )
    after = await availability_day(api, str(facility.id), national_day)
    assert (after["open"], after["provisional"], after["remaining"]) == (False, False, 0)
    # A weekday facility opens on the make-up Sunday.
    weekdays = await make_facility(res, open_weekdays=[1, 2, 3, 4, 5])
    assert (await availability_day(api, str(weekdays.id), date(2027, 9, 26)))["open"] is True

    _, _, child, caller = await parent_with_child(res, 18, national_day)
    with pytest.raises(ValidationFailed) as refused:
        await service.create_booking(
            res, caller, request_for(facility, child, "full_day", national_day), new_key()
        )
    assert "start_date" in refused.value.details["fields"]


async def test_a_new_holiday_closes_the_day_for_its_bookings_and_search(
    api: httpx.AsyncClient, res: Resources, bureau: dict[str, Any]
) -> None:
    today = today_local()
    day = open_day_on_or_after(today + timedelta(days=3))
    if day.year != today.year or national_arrangement(day.year) is None:
        pytest.skip("needs a day of a year the package covers within the search window")
    spot = Spot.random()
    facility = await facility_at(res, spot)
    _, _, child, caller = await parent_with_child(res, 18, day)
    booked = await service.create_booking(
        res, caller, request_for(facility, child, "full_day", day), new_key()
    )
    search = {"date": day.isoformat(), "care_type": "full_day"}
    before = (await api.get("/api/v1/facilities/nearby", params=spot.query(**search))).json()["items"]
    assert [(item["id"], item["available"]) for item in before] == [(str(facility.id), True)]

    # The database is shared with other tests: theirs on that day count too.
    holding = [
        b
        for b in await Booking.filter(status__in=["pending", "confirmed", "checked_in"], start_date__lte=day)
        if day.isoformat() in (b.slots or {})
    ]
    response = await api.put(
        f"/api/v1/admin/calendar/{day.year}", json=national_body(day.year, extra_holiday=day), headers=bureau
    )
    assert response.status_code == 200, response.text
    assert response.json()["affected_bookings"] == len(holding) >= 1
    assert not [
        b
        for b in await Booking.filter(status__in=["pending", "confirmed"], start_date__lte=day)
        if day.isoformat() in (b.slots or {})
    ]
    booking = await Booking.get(id=booked.id)
    assert booking.status == "cancelled"
    assert [m.event for m in await OutgoingMessage.filter(booking_id=booking.id)] == ["cancelled"]
    await assert_ledger_true(facility)
    assert (await availability_day(api, str(facility.id), day))["open"] is False
    after = (await api.get("/api/v1/facilities/nearby", params=spot.query(**search))).json()["items"]
    assert [(item["id"], item["available"]) for item in after] == [(str(facility.id), False)]

    # Taken back: the day opens again for search at once.
    response = await api.put(
        f"/api/v1/admin/calendar/{day.year}", json=national_body(day.year), headers=bureau
    )
    assert response.status_code == 200, response.text
    assert (await availability_day(api, str(facility.id), day))["open"] is True
    again = (await api.get("/api/v1/facilities/nearby", params=spot.query(**search))).json()["items"]
    assert [(item["id"], item["available"]) for item in again] == [(str(facility.id), True)]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"holidays": [{"date": "2028-01-01", "name": "元旦"}]}, "holidays.0.date"),
        (
            {
                "holidays": [
                    {"date": "2027-05-01", "name": "劳动节"},
                    {"date": "2027-05-01", "name": "劳动节"},
                ]
            },
            "holidays.1.date",
        ),
        (
            {
                "holidays": [{"date": "2027-05-01", "name": "劳动节"}],
                "workdays": [{"date": "2027-05-01", "name": "调休"}],
            },
            "workdays.0.date",
        ),
        ({"workdays": [{"date": "2027-13-01", "name": "调休"}]}, "workdays.0.date"),
        ({"holidays": [{"date": "2027-05-01", "name": ""}]}, "holidays.0.name"),
    ],
)
async def test_bad_arrangements_are_refused_naming_the_field(
    api: httpx.AsyncClient, bureau: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    assert_validation(await api.put("/api/v1/admin/calendar/2027", json=body, headers=bureau), field)
    assert await CalendarYear.filter(year=2027).count() == 0


async def test_stats_carry_the_calendar_coverage_and_warn_before_it_ends(
    api: httpx.AsyncClient, res: Resources, bureau: dict[str, Any]
) -> None:
    stats = (await api.get("/api/v1/admin/stats", headers=bureau)).json()
    covered = date.fromisoformat(stats["calendar_covered_until"])
    assert covered == date(max(2026, covered.year), 12, 31)
    near_end = covered - today_local() <= timedelta(days=60)
    assert [w["code"] for w in stats["warnings"]] == (["calendar_ending"] if near_end else [])

    next_year = covered.year + 1
    response = await api.put(f"/api/v1/admin/calendar/{next_year}", json={}, headers=bureau)
    assert response.status_code == 200, response.text
    stats = (await api.get("/api/v1/admin/stats", headers=bureau)).json()
    assert stats["calendar_covered_until"] == f"{next_year}-12-31"
    assert stats["warnings"] == []
