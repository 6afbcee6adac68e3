"""GET /facilities/{id}/availability, exactly per API.md "Vacancy as shown"."""

from __future__ import annotations

import uuid
from datetime import timedelta

from backend.bookings import service
from backend.bookings.plan import at
from backend.calendar import now_local, today_local
from backend.models import Closure
from backend.rules import HOURLY_MIN_LEAD
from tests.backend.bookings.helpers import new_key, open_day_on_or_after, parent_with_child, request_for
from tests.factories import make_facility


async def _scene(res):
    """Toddler class of 2 and mixed class of 3; one day with a few bookings, the next day closed."""
    facility = await make_facility(
        res,
        classes=[
            {"kind": "toddler", "name": "托小", "places": 2, "caregivers": 1},
            {"kind": "mixed", "name": "混合", "places": 3, "caregivers": 1},
        ],
    )
    day = open_day_on_or_after(today_local() + timedelta(days=2))
    for age, care_type, fields in (
        (14, "full_day", {}),
        (14, "hourly", {"start_time": "09:00", "end_time": "11:00"}),
        (30, "half_day", {"session": "am"}),
    ):
        _, _, child, caller = await parent_with_child(res, age, day)
        answer = await service.create_booking(
            res, caller, request_for(facility, child, care_type, day, **fields), new_key()
        )
        assert answer.class_kind == ("toddler" if age == 14 else "mixed")
    await Closure.create(facility=facility, date=day + timedelta(days=1), reason="消杀")
    return facility, day


async def _days(api, facility, day, **params):
    query = {"from": day.isoformat(), "to": (day + timedelta(days=1)).isoformat(), **params}
    response = await api.get(f"/api/v1/facilities/{facility.id}/availability", params=query)
    assert response.status_code == 200, response.text
    return response.json()["days"]


def hours_of(day_answer):
    return {h["start"]: h["remaining"] for h in day_answer["hours"]}


async def test_vacancy_as_shown(res, api):
    facility, day = await _scene(res)

    days = await _days(api, facility, day, care_type="full_day")
    assert [d["date"] for d in days] == [day.isoformat(), (day + timedelta(days=1)).isoformat()]
    open_day, closed_day = days
    assert closed_day == {
        "date": closed_day["date"],
        "open": False,
        "bookable": False,
        "remaining": 0,
        "hours": [],
        "provisional": False,
    }
    assert (open_day["open"], open_day["bookable"]) == (True, True)
    # Any class counts without an age: the mixed class has 2 free all day.
    assert hours_of(open_day) == {
        "08:00": 2,
        "09:00": 2,
        "10:00": 2,
        "11:00": 2,
        "12:00": 3,
        "13:00": 3,
        "14:00": 3,
        "15:00": 3,
        "16:00": 3,
    }
    assert open_day["remaining"] == 2

    toddler = (await _days(api, facility, day, care_type="full_day", age_months=14))[0]
    assert hours_of(toddler) == {
        "08:00": 1,
        "09:00": 0,
        "10:00": 0,
        "11:00": 1,
        "12:00": 1,
        "13:00": 1,
        "14:00": 1,
        "15:00": 1,
        "16:00": 1,
    }
    assert toddler["remaining"] == 0

    assert (await _days(api, facility, day, care_type="hourly", age_months=14))[0]["remaining"] == 1
    am = (await _days(api, facility, day, care_type="half_day", age_months=14))[0]
    assert hours_of(am) == {"08:00": 1, "09:00": 0, "10:00": 0, "11:00": 1} and am["remaining"] == 0
    pm = (await _days(api, facility, day, care_type="half_day", age_months=14, session="pm"))[0]
    assert hours_of(pm) == {"13:00": 1, "14:00": 1, "15:00": 1, "16:00": 1} and pm["remaining"] == 1

    mixed = (await _days(api, facility, day, care_type="full_day", age_months=30))[0]
    assert mixed["remaining"] == 2 and hours_of(mixed)["12:00"] == 3
    assert (await _days(api, facility, day, care_type="half_day", age_months=30, session="pm"))[0][
        "remaining"
    ] == 3

    infant = (await _days(api, facility, day, care_type="full_day", age_months=8))[0]
    assert infant["remaining"] == 0 and set(hours_of(infant).values()) == {0}


async def test_bad_queries_are_refused_by_name(res, api):
    facility = await make_facility(res)
    day = today_local()
    base = {"care_type": "full_day", "from": day.isoformat(), "to": day.isoformat()}
    for change, field in (
        ({"to": (day + timedelta(days=31)).isoformat()}, "to"),
        ({"to": (day - timedelta(days=1)).isoformat()}, "to"),
        ({"from": "2026-02-30"}, "from"),
        ({"care_type": "weekly"}, "care_type"),
        ({"session": "evening"}, "session"),
        ({"age_months": "abc"}, "age_months"),
        ({"age_months": -1}, "age_months"),
        ({"colour": "red"}, "colour"),
    ):
        response = await api.get(f"/api/v1/facilities/{facility.id}/availability", params={**base, **change})
        assert response.status_code == 422, (change, response.text)
        assert field in response.json()["error"]["details"]["fields"]
    response = await api.get(
        f"/api/v1/facilities/{facility.id}/availability",
        params={"from": day.isoformat(), "to": day.isoformat()},
    )
    assert response.status_code == 422 and "care_type" in response.json()["error"]["details"]["fields"]
    thirty_one = await api.get(
        f"/api/v1/facilities/{facility.id}/availability",
        params={**base, "to": (day + timedelta(days=30)).isoformat()},
    )
    assert thirty_one.status_code == 200 and len(thirty_one.json()["days"]) == 31


async def test_unknown_and_unbookable_facilities(res, api):
    day = today_local().isoformat()
    params = {"care_type": "full_day", "from": day, "to": day}
    for facility_id in (uuid.uuid4(), "nope"):
        response = await api.get(f"/api/v1/facilities/{facility_id}/availability", params=params)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    for fields in (
        {"filing_status": "unfiled"},
        {"suspended": True},
        {"care_types": ["half_day"]},
        {"prices": {"half_day": 5000}},
    ):
        facility = await make_facility(res, **fields)
        response = await api.get(f"/api/v1/facilities/{facility.id}/availability", params=params)
        assert response.status_code == 409 and response.json()["error"]["code"] == "not_bookable"


async def _today(api, facility, care_type, **params):
    today = today_local().isoformat()
    query = {"from": today, "to": today, "care_type": care_type, **params}
    response = await api.get(f"/api/v1/facilities/{facility.id}/availability", params=query)
    assert response.status_code == 200, response.text
    return response.json()["days"][0]


async def test_full_day_care_today_can_no_longer_be_booked(res, api):
    facility = await make_facility(res)
    for care_type, params in (("full_day", {}), ("half_day", {"session": "pm"})):
        today = await _today(api, facility, care_type, **params)
        assert today["open"] is True
        assert (today["bookable"], today["remaining"]) == (False, 0)
        assert {h["remaining"] for h in today["hours"]} == {0}


async def test_hours_of_today_that_have_begun_or_start_within_the_hour_count_nothing(res, api):
    facility = await make_facility(res)
    before = now_local()
    today = await _today(api, facility, "hourly")
    after = now_local()
    day = before.date()
    if after.date() != day:
        return  # asked across midnight: nothing to compare
    for hour in today["hours"]:
        starts = at(day, int(hour["start"][:2]))
        if starts - HOURLY_MIN_LEAD < before:
            assert hour["remaining"] == 0, hour
        elif starts - HOURLY_MIN_LEAD > after:
            assert hour["remaining"] > 0, hour
    free = [h for h in today["hours"] if h["remaining"] > 0]
    assert today["bookable"] is bool(free)  # nothing booked: every bookable hour is free
    assert today["remaining"] == max((h["remaining"] for h in free), default=0)
