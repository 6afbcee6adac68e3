"""District closures: POST/GET/DELETE /admin/closures (API.md "The district calendar and district
closures"): each facility's days close as under its own forced closure, parents are told."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx

from backend.bookings import service
from backend.calendar import today_local
from backend.context import Resources
from backend.models import Booking, Closure, DistrictClosure, Facility, OutgoingMessage
from tests.backend.bookings.helpers import (
    assert_ledger_true,
    new_key,
    open_days_from,
    parent_with_child,
    request_for,
)
from tests.conftest import bearer
from tests.factories import make_account, make_facility

CLOSURES = "/api/v1/admin/closures"


def a_town() -> str:
    return f"测试镇{uuid.uuid4().hex[:8]}"


async def regulator(res: Resources) -> dict[str, Any]:
    _, token = await make_account(res, "regulator")
    return bearer(token)


async def is_open(api: httpx.AsyncClient, facility: Facility, day: date) -> bool:
    response = await api.get(
        f"/api/v1/facilities/{facility.id}/availability",
        params={"care_type": "full_day", "from": day.isoformat(), "to": day.isoformat()},
    )
    assert response.status_code == 200, response.text
    return bool(response.json()["days"][0]["open"])


async def test_a_town_closure_closes_its_facilities_tells_parents_and_reopens(
    api: httpx.AsyncClient, res: Resources
) -> None:
    town = a_town()
    facility = await make_facility(res, town=town)
    elsewhere = await make_facility(res, town=a_town())
    days = open_days_from(today_local() + timedelta(days=3), 3)
    _, _, child, caller = await parent_with_child(res, 18, days[0])
    booked = await service.create_booking(
        res, caller, request_for(facility, child, "full_day", days[0], end_date=days[-1]), new_key()
    )
    headers = await regulator(res)
    body = {"from": days[1].isoformat(), "to": days[1].isoformat(), "towns": [town], "reason": "台风"}
    response = await api.post(CLOSURES, json=body, headers=headers)
    assert response.status_code == 201, response.text
    answer = response.json()
    assert {k: answer[k] for k in ("from", "to", "towns", "reason", "facilities", "affected_bookings")} == {
        "from": days[1].isoformat(),
        "to": days[1].isoformat(),
        "towns": [town],
        "reason": "台风",
        "facilities": 1,
        "affected_bookings": 1,
    }
    closures = await Closure.filter(facility_id=facility.id)
    assert [(c.date, c.reason, str(c.district_closure_id)) for c in closures] == [
        (days[1], "台风", answer["id"])
    ]
    assert await Closure.filter(facility_id=elsewhere.id).count() == 0
    booking = await Booking.get(id=booked.id)
    # Only the closed day comes out of the three-day booking (API.md "Closures remove days").
    assert booking.status == booked.status
    assert sorted(booking.slots) == [days[0].isoformat(), days[2].isoformat()]
    assert booking.price_fen == booked.price_fen * 2 // 3
    assert answer["affected"] == [
        {
            "booking_id": booked.id,
            "action": "days_removed",
            "removed_dates": [days[1].isoformat()],
            "price_fen": booking.price_fen,
            "cancelled": False,
        }
    ]
    assert [m.event for m in await OutgoingMessage.filter(booking_id=booking.id)] == ["day_closed"]
    await assert_ledger_true(facility)
    assert not await is_open(api, facility, days[1])
    assert await is_open(api, elsewhere, days[1])

    listed = (await api.get(CLOSURES, headers=headers)).json()["items"]
    mine = [item for item in listed if item["id"] == answer["id"]]
    assert [(item["facilities"], item["towns"]) for item in mine] == [(1, [town])]

    response = await api.delete(f"{CLOSURES}/{answer['id']}", headers=headers)
    assert response.status_code == 204, response.text
    assert await Closure.filter(facility_id=facility.id).count() == 0
    assert not await DistrictClosure.exists(id=answer["id"])
    assert await is_open(api, facility, days[1])
    assert (await Booking.get(id=booked.id)).status == booking.status


async def test_a_closure_of_every_facility(api: httpx.AsyncClient, res: Resources) -> None:
    await make_facility(res, town=a_town())
    day = today_local() + timedelta(days=29)
    headers = await regulator(res)
    response = await api.post(
        CLOSURES, json={"from": day.isoformat(), "to": day.isoformat(), "reason": "疫情"}, headers=headers
    )
    assert response.status_code == 201, response.text
    answer = response.json()
    try:
        assert answer["towns"] is None
        assert answer["facilities"] == await Facility.all().count()
        closed = await Closure.filter(date=day).values_list("facility_id", flat=True)
        assert {str(f) for f in closed} == {str(f.id) for f in await Facility.all()}
    finally:
        assert (await api.delete(f"{CLOSURES}/{answer['id']}", headers=headers)).status_code == 204
    assert await Closure.filter(date=day, district_closure_id=answer["id"]).count() == 0


async def test_a_day_a_facility_closed_itself_stays_its_own(api: httpx.AsyncClient, res: Resources) -> None:
    town = a_town()
    facility = await make_facility(res, town=town)
    day = today_local() + timedelta(days=4)
    own = await Closure.create(facility=facility, date=day, reason="消杀")
    headers = await regulator(res)
    body = {
        "from": day.isoformat(),
        "to": (day + timedelta(days=1)).isoformat(),
        "towns": [town],
        "reason": "台风",
    }
    response = await api.post(CLOSURES, json=body, headers=headers)
    assert response.status_code == 201, response.text
    assert (await api.delete(f"{CLOSURES}/{response.json()['id']}", headers=headers)).status_code == 204
    assert [c.id for c in await Closure.filter(facility_id=facility.id)] == [own.id]


async def test_bad_closures_are_refused_naming_the_field(api: httpx.AsyncClient, res: Resources) -> None:
    town = a_town()
    await make_facility(res, town=town)
    headers = await regulator(res)
    start = today_local() + timedelta(days=2)
    before = await DistrictClosure.all().count()
    for body, field in (
        ({"from": start.isoformat(), "to": (start + timedelta(days=31)).isoformat()}, "to"),
        ({"from": start.isoformat(), "to": (start - timedelta(days=1)).isoformat()}, "to"),
        ({"from": (today_local() - timedelta(days=1)).isoformat(), "to": start.isoformat()}, "from"),
        ({"from": start.isoformat(), "to": start.isoformat(), "towns": [town, "没有这个镇"]}, "towns"),
        ({"from": "tomorrow", "to": start.isoformat()}, "from"),
        ({"from": start.isoformat(), "to": start.isoformat(), "reason": ""}, "reason"),
    ):
        response = await api.post(CLOSURES, json={"reason": "台风", **body}, headers=headers)
        assert response.status_code == 422, (body, response.text)
        assert field in response.json()["error"]["details"]["fields"], (body, response.text)
    assert await DistrictClosure.all().count() == before
    assert await Closure.filter(facility__town=town).count() == 0


async def test_only_the_bureau_closes_the_district(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res, town=a_town())
    _, admin = await make_account(res, "facility_admin", facility)
    day = (today_local() + timedelta(days=2)).isoformat()
    response = await api.post(
        CLOSURES, json={"from": day, "to": day, "reason": "台风"}, headers=bearer(admin)
    )
    assert response.status_code == 403, response.text
    assert (await api.get(CLOSURES, headers=bearer(admin))).status_code == 403
    assert await Closure.filter(facility_id=facility.id).count() == 0
