"""POST /bookings/{id}/absences over real HTTP (API.md "Days of care"): the freed place goes to
exactly one other family, and an absence sent twice at once frees one place."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from datetime import timedelta

import httpx

from backend.bookings import ledger
from backend.calendar import today_local
from backend.models import Booking, BookingDay
from tests.backend.bookings.helpers import (
    assert_ledger_true,
    class_ids_of,
    open_days_from,
    parent_with_child,
)
from tests.conftest import bearer
from tests.factories import make_facility

RACERS = 50
ONE_PLACE = [{"kind": "toddler", "name": "托小", "places": 1, "caregivers": 1}]


async def _three_days(api: httpx.AsyncClient, res, facility):
    days = open_days_from(today_local() + timedelta(days=2), 3)
    _, token, child, _ = await parent_with_child(res, 18, days[0])
    response = await api.post(
        "/api/v1/bookings",
        json={
            "facility_id": str(facility.id),
            "child_id": str(child.id),
            "care_type": "full_day",
            "start_date": days[0].isoformat(),
            "end_date": days[-1].isoformat(),
        },
        headers={**bearer(token), "Idempotency-Key": uuid.uuid4().hex},
    )
    assert response.status_code == 201, response.text
    return response.json(), token, days


async def _remaining(api: httpx.AsyncClient, facility, day) -> int:
    response = await api.get(
        f"/api/v1/facilities/{facility.id}/availability",
        params={"care_type": "full_day", "from": day.isoformat(), "to": day.isoformat()},
    )
    assert response.status_code == 200, response.text
    return int(response.json()["days"][0]["remaining"])


async def test_a_booking_shows_its_days_and_an_absence_frees_day_two(api, res):
    facility = await make_facility(res, auto_confirm=True, classes=ONE_PLACE)
    booked, token, days = await _three_days(api, res, facility)
    assert [d["date"] for d in booked["days"]] == [d.isoformat() for d in days]
    assert await _remaining(api, facility, days[1]) == 0
    response = await api.post(
        f"/api/v1/bookings/{booked['id']}/absences",
        json={"dates": [days[1].isoformat()], "reason": "sick", "note": "发烧"},
        headers=bearer(token),
    )
    assert response.status_code == 200, response.text
    answer = response.json()
    assert [d["status"] for d in answer["days"]] == ["expected", "absent", "expected"]
    assert answer["price_fen"] == booked["price_fen"] - booked["price_fen"] // 3
    assert await _remaining(api, facility, days[1]) == 1
    shown = (await api.get(f"/api/v1/bookings/{booked['id']}", headers=bearer(token))).json()
    assert shown["days"] == answer["days"]
    day = await BookingDay.get(booking_id=booked["id"], date=days[1])
    assert (day.absence_reason, day.absence_note) == ("sick", "发烧")


async def test_bad_absences_are_422(api, res):
    facility = await make_facility(res, auto_confirm=True)
    booked, token, days = await _three_days(api, res, facility)
    url = f"/api/v1/bookings/{booked['id']}/absences"
    for body in (
        {"dates": [(days[-1] + timedelta(days=1)).isoformat()], "reason": "sick"},
        {"dates": [days[0].isoformat()], "reason": "holiday"},
        {"dates": [], "reason": "sick"},
        {"dates": [days[0].isoformat(), days[0].isoformat()], "reason": "sick"},
    ):
        response = await api.post(url, json=body, headers=bearer(token))
        assert response.status_code == 422, (body, response.text)
        assert response.json()["error"]["code"] == "validation_failed"
    assert (await Booking.get(id=booked["id"])).price_fen == booked["price_fen"]


async def test_an_absence_sent_ten_times_at_once_frees_one_place(api, res):
    facility = await make_facility(
        res, auto_confirm=True, classes=[{"kind": "toddler", "name": "托小", "places": 3, "caregivers": 1}]
    )
    booked, token, days = await _three_days(api, res, facility)
    url = f"/api/v1/bookings/{booked['id']}/absences"
    body = {"dates": [days[1].isoformat()], "reason": "personal"}
    responses = await asyncio.gather(*(api.post(url, json=body, headers=bearer(token)) for _ in range(10)))
    assert Counter(r.status_code for r in responses) == {200: 1, 422: 9}, [r.text for r in responses][:2]
    booking = await Booking.get(id=booked["id"])
    assert booking.price_fen == booked["price_fen"] - booked["price_fen"] // 3
    taken = await ledger.taken_counts(await class_ids_of(facility))
    assert not [slot for slot in taken if slot[1] == days[1]]
    assert sum(taken.values()) == 2 * 9
    await assert_ledger_true(facility)


async def test_fifty_parents_racing_for_the_place_an_absence_freed_get_one_booking(api, res, stack):
    facility = await make_facility(res, auto_confirm=True, classes=ONE_PLACE)
    booked, token, days = await _three_days(api, res, facility)
    response = await api.post(
        f"/api/v1/bookings/{booked['id']}/absences",
        json={"dates": [days[1].isoformat()], "reason": "sick"},
        headers=bearer(token),
    )
    assert response.status_code == 200, response.text
    racers = [await parent_with_child(res, 18, days[1]) for _ in range(RACERS)]
    limits = httpx.Limits(max_connections=RACERS, max_keepalive_connections=RACERS)
    async with httpx.AsyncClient(base_url=stack.base_url, timeout=120, limits=limits) as client:
        responses = await asyncio.gather(
            *(
                client.post(
                    "/api/v1/bookings",
                    json={
                        "facility_id": str(facility.id),
                        "child_id": str(child.id),
                        "care_type": "full_day",
                        "start_date": days[1].isoformat(),
                    },
                    headers={**bearer(racer_token), "Idempotency-Key": uuid.uuid4().hex},
                )
                for _, racer_token, child, _ in racers
            )
        )
    assert Counter(r.status_code for r in responses) == {201: 1, 409: RACERS - 1}
    assert await Booking.filter(facility_id=facility.id).count() == 2
    await assert_ledger_true(facility)
