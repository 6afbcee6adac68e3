"""The attendance routes over HTTP: the parent's child history, the bureau's counts, the day list."""

from __future__ import annotations

from backend.calendar import today_local
from backend.models import Child
from tests.conftest import bearer
from tests.factories import make_account, make_facility
from tests.miniprogram_api.test_manage_bookings import MORNING_CHECK, booking_covering_today


async def test_check_in_shows_in_every_view(res, api):
    town = "视图镇"
    facility = await make_facility(res, town=town)
    _, staff = await make_account(res, "facility_staff", facility)
    _, regulator = await make_account(res, "regulator")
    booking_id = await booking_covering_today(res, facility)
    response = await api.post(
        f"/api/v1/manage/bookings/{booking_id}/check-in",
        json={"health_check": MORNING_CHECK},
        headers=bearer(staff),
    )
    assert response.status_code == 200, response.text
    today = today_local().isoformat()

    listed = await api.get("/api/v1/manage/bookings", params={"date": today}, headers=bearer(staff))
    (item,) = [i for i in listed.json()["items"] if i["id"] == booking_id]
    assert item["day_status"] == "present"
    assert {"allergies", "emergency_contact"} <= item.keys()

    params = {"date": today, "town": town}
    counts = await api.get("/api/v1/admin/attendance", params=params, headers=bearer(regulator))
    assert counts.status_code == 200, counts.text
    assert [(i["expected"], i["present"]) for i in counts.json()["items"]] == [(1, 1)]
    refused = await api.get("/api/v1/admin/attendance", headers=bearer(staff))
    assert refused.status_code == 403

    child = await Child.get(bookings__id=booking_id).prefetch_related("parent")
    _, parent_token = await make_account(res, "parent")
    refused = await api.get(f"/api/v1/children/{child.id}/attendance", headers=bearer(parent_token))
    assert refused.status_code == 404
    bad = await api.get(
        f"/api/v1/children/{child.id}/attendance", params={"from": "2026-13-01"}, headers=bearer(parent_token)
    )
    assert bad.status_code == 422
