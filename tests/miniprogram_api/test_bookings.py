"""Parents book, list, read and cancel over HTTP (API.md "Mini program: parents")."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
import pytest

from backend.calendar import today_local
from backend.models import Booking
from tests.backend.bookings.helpers import open_day_on_or_after, parent_with_child
from tests.conftest import bearer
from tests.factories import make_account, make_facility


def day_ahead(days: int = 2):
    return open_day_on_or_after(today_local() + timedelta(days=days))


def headers(token: str, key: str | None = None) -> dict:
    return {**bearer(token), "Idempotency-Key": key or uuid.uuid4().hex}


def body_for(facility, child, care_type: str = "full_day", **fields) -> dict:
    return {
        "facility_id": str(facility.id),
        "child_id": str(child.id),
        "care_type": care_type,
        "start_date": day_ahead().isoformat(),
        **fields,
    }


def assert_fields_error(response: httpx.Response, field: str) -> None:
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert field in error["details"]["fields"], error


async def test_booking_answers_the_contract_fields(res, api):
    facility = await make_facility(res)
    _, token, child, _ = await parent_with_child(res, 18)
    response = await api.post("/api/v1/bookings", json=body_for(facility, child), headers=headers(token))
    assert response.status_code == 201, response.text
    booking = response.json()
    for name in (
        "id",
        "status",
        "facility_id",
        "child_id",
        "care_type",
        "start_date",
        "end_date",
        "session",
        "start_time",
        "end_time",
        "class_kind",
        "price_fen",
        "created_at",
    ):
        assert name in booking
    assert booking["status"] == "pending"
    assert booking["end_date"] == booking["start_date"] == day_ahead().isoformat()
    assert booking["class_kind"] == "toddler" and booking["price_fen"] == 10000
    assert booking["created_at"].endswith("+08:00")


async def test_each_care_type_books_over_http(res, api):
    facility = await make_facility(res)
    day = day_ahead()
    for care_type, fields, price in (
        ("half_day", {"session": "am"}, 6000),
        ("hourly", {"start_time": "13:00", "end_time": "16:00"}, 3 * 3000),
    ):
        _, token, child, _ = await parent_with_child(res, 18)
        response = await api.post(
            "/api/v1/bookings",
            json=body_for(facility, child, care_type, start_date=day.isoformat(), **fields),
            headers=headers(token),
        )
        assert response.status_code == 201, response.text
        assert response.json()["price_fen"] == price
    _, token, child, _ = await parent_with_child(res, 18)
    tomorrow = open_day_on_or_after(today_local() + timedelta(days=1))
    response = await api.post(
        "/api/v1/bookings",
        json=body_for(
            facility,
            child,
            "temporary",
            start_date=tomorrow.isoformat(),
            end_date=(tomorrow + timedelta(days=1)).isoformat(),
        ),
        headers=headers(token),
    )
    assert response.status_code == 201, response.text


async def test_no_token_is_unauthorized(api):
    for method, path in (
        ("POST", "/api/v1/bookings"),
        ("GET", "/api/v1/bookings"),
        ("GET", f"/api/v1/bookings/{uuid.uuid4()}"),
        ("POST", f"/api/v1/bookings/{uuid.uuid4()}/cancel"),
    ):
        response = await api.request(method, path, json={} if method == "POST" else None)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"


async def test_only_parents_book(res, api):
    facility = await make_facility(res)
    _, staff_token = await make_account(res, "facility_admin", facility)
    _, _, child, _ = await parent_with_child(res, 18)
    response = await api.post(
        "/api/v1/bookings", json=body_for(facility, child), headers=headers(staff_token)
    )
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"


async def test_idempotency_key_is_required_and_bounded(res, api):
    facility = await make_facility(res)
    _, token, child, _ = await parent_with_child(res, 18)
    for key_headers in (
        bearer(token),
        {**bearer(token), "Idempotency-Key": ""},
        {**bearer(token), "Idempotency-Key": "k" * 101},
    ):
        response = await api.post("/api/v1/bookings", json=body_for(facility, child), headers=key_headers)
        assert_fields_error(response, "Idempotency-Key")
    assert await Booking.filter(child_id=child.id).count() == 0


async def test_same_key_and_body_answer_the_first_booking(res, api):
    facility = await make_facility(res)
    _, token, child, _ = await parent_with_child(res, 18)
    sent = headers(token)
    first = await api.post("/api/v1/bookings", json=body_for(facility, child), headers=sent)
    again = await api.post("/api/v1/bookings", json=body_for(facility, child), headers=sent)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    other = await api.post(
        "/api/v1/bookings", json=body_for(facility, child, "half_day", session="pm"), headers=sent
    )
    assert other.status_code == 409 and other.json()["error"]["code"] == "conflict"
    assert await Booking.filter(child_id=child.id).count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"care_type": "overnight"}, "care_type"),
        ({"care_type": "half_day", "session": "noon"}, "session"),
        ({"care_type": "half_day"}, "session"),
        ({"start_date": "2026-13-01"}, "start_date"),
        ({"start_date": "2026/12/01"}, "start_date"),
        ({"start_date": 20261201}, "start_date"),
        ({"end_date": "not-a-date"}, "end_date"),
        ({"care_type": "hourly", "start_time": "9:00", "end_time": "11:00"}, "start_time"),
        ({"care_type": "hourly", "start_time": "09:30", "end_time": "11:00"}, "start_time"),
        ({"care_type": "hourly", "start_time": "09:00", "end_time": "25:00"}, "end_time"),
        ({"care_type": "hourly", "start_time": "11:00", "end_time": "10:00"}, "end_time"),
        ({"care_type": "hourly", "start_time": "09:00"}, "end_time"),
        ({"care_type": "full_day", "start_time": "09:00"}, "start_time"),
        ({"care_type": "full_day", "session": "am"}, "session"),
        ({"note": "备" * 501}, "note"),
        ({"surprise": True}, "surprise"),
        ({"facility_id": ""}, "facility_id"),
        ({"child_id": None}, "child_id"),
    ],
)
async def test_bad_fields_are_refused_by_name(res, api, change, field):
    facility = await make_facility(res)
    _, token, child, _ = await parent_with_child(res, 18)
    response = await api.post(
        "/api/v1/bookings", json={**body_for(facility, child), **change}, headers=headers(token)
    )
    assert_fields_error(response, field)


async def test_dates_in_the_wrong_order_or_window_are_refused(res, api):
    facility = await make_facility(res)
    _, token, child, _ = await parent_with_child(res, 18)
    day = day_ahead()
    cases = [
        ({"end_date": (day - timedelta(days=1)).isoformat()}, "end_date"),
        ({"start_date": today_local().isoformat()}, "start_date"),
        ({"end_date": (day + timedelta(days=100)).isoformat()}, "end_date"),
        (
            {
                "care_type": "hourly",
                "start_date": (today_local() + timedelta(days=15)).isoformat(),
                "start_time": "09:00",
                "end_time": "10:00",
            },
            "start_date",
        ),
        (
            {"care_type": "temporary", "start_date": (today_local() + timedelta(days=8)).isoformat()},
            "start_date",
        ),
    ]
    for change, field in cases:
        response = await api.post(
            "/api/v1/bookings", json={**body_for(facility, child), **change}, headers=headers(token)
        )
        assert_fields_error(response, field)


async def test_body_that_is_not_json_is_refused(res, api):
    _, token, _, _ = await parent_with_child(res, 18)
    response = await api.post(
        "/api/v1/bookings", content=b"{nope", headers={**headers(token), "Content-Type": "application/json"}
    )
    assert_fields_error(response, "body")


async def test_a_child_no_class_takes_is_refused_naming_child_id(res, api):
    facility = await make_facility(res)  # toddler class only
    _, token, child, _ = await parent_with_child(res, 8)
    response = await api.post("/api/v1/bookings", json=body_for(facility, child), headers=headers(token))
    assert_fields_error(response, "child_id")


async def test_facilities_not_bookable(res, api):
    _, token, child, _ = await parent_with_child(res, 18)
    for fields in ({"filing_status": "unfiled"}, {"suspended": True}, {"care_types": ["half_day"]}):
        facility = await make_facility(res, **fields)
        response = await api.post("/api/v1/bookings", json=body_for(facility, child), headers=headers(token))
        assert response.status_code == 409 and response.json()["error"]["code"] == "not_bookable"
    response = await api.post(
        "/api/v1/bookings",
        json={**body_for(facility, child), "facility_id": str(uuid.uuid4())},
        headers=headers(token),
    )
    assert response.status_code == 404


async def test_full_answers_no_capacity(res, api):
    facility = await make_facility(
        res, classes=[{"kind": "toddler", "name": "小班", "places": 1, "caregivers": 1}]
    )
    _, token, child, _ = await parent_with_child(res, 18)
    assert (
        await api.post("/api/v1/bookings", json=body_for(facility, child), headers=headers(token))
    ).status_code == 201
    _, token, child, _ = await parent_with_child(res, 18)
    response = await api.post("/api/v1/bookings", json=body_for(facility, child), headers=headers(token))
    assert response.status_code == 409 and response.json()["error"]["code"] == "no_capacity"


async def test_a_child_in_two_places_at_one_hour_is_a_conflict(res, api):
    first, second = await make_facility(res), await make_facility(res)
    _, token, child, _ = await parent_with_child(res, 18)
    assert (
        await api.post("/api/v1/bookings", json=body_for(first, child), headers=headers(token))
    ).status_code == 201
    response = await api.post(
        "/api/v1/bookings",
        json=body_for(second, child, "hourly", start_time="10:00", end_time="11:00"),
        headers=headers(token),
    )
    assert response.status_code == 409 and response.json()["error"]["code"] == "conflict"


async def test_another_parents_child_and_booking_are_not_found(res, api):
    facility = await make_facility(res)
    _, token, child, _ = await parent_with_child(res, 18)
    _, other_token, _, _ = await parent_with_child(res, 18)
    response = await api.post(
        "/api/v1/bookings", json=body_for(facility, child), headers=headers(other_token)
    )
    assert response.status_code == 404
    booking = (
        await api.post("/api/v1/bookings", json=body_for(facility, child), headers=headers(token))
    ).json()
    for method, path in (
        ("GET", f"/api/v1/bookings/{booking['id']}"),
        ("POST", f"/api/v1/bookings/{booking['id']}/cancel"),
    ):
        response = await api.request(
            method, path, headers=bearer(other_token), json={} if method == "POST" else None
        )
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    response = await api.get("/api/v1/bookings/not-an-id", headers=bearer(token))
    assert response.status_code == 404
    listed = await api.get("/api/v1/bookings", headers=bearer(other_token))
    assert listed.json()["items"] == []


async def test_list_read_and_cancel_own_bookings(res, api):
    facility = await make_facility(res)
    _, token, child, _ = await parent_with_child(res, 18)
    made = []
    for days in (2, 3, 4):
        day = day_ahead(days)
        response = await api.post(
            "/api/v1/bookings",
            json=body_for(facility, child, start_date=day.isoformat()),
            headers=headers(token),
        )
        assert response.status_code == 201, response.text
        made.append(response.json()["id"])
    page = await api.get("/api/v1/bookings", params={"limit": 2}, headers=bearer(token))
    assert page.status_code == 200
    assert [b["id"] for b in page.json()["items"]] == [made[2], made[1]]
    rest = await api.get(
        "/api/v1/bookings", params={"limit": 2, "cursor": page.json()["next_cursor"]}, headers=bearer(token)
    )
    assert [b["id"] for b in rest.json()["items"]] == [made[0]] and rest.json()["next_cursor"] is None

    cancelled = await api.post(
        f"/api/v1/bookings/{made[0]}/cancel", json={"reason": "行程变化"}, headers=bearer(token)
    )
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    again = await api.post(f"/api/v1/bookings/{made[0]}/cancel", headers=bearer(token))
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"

    detail = await api.get(f"/api/v1/bookings/{made[0]}", headers=bearer(token))
    assert [(h["from_status"], h["to_status"]) for h in detail.json()["history"]] == [
        (None, "pending"),
        ("pending", "cancelled"),
    ]
    assert detail.json()["history"][1]["reason"] == "行程变化"
    only = await api.get("/api/v1/bookings", params={"status": "cancelled"}, headers=bearer(token))
    assert [b["id"] for b in only.json()["items"]] == [made[0]]
    for params, field in (
        ({"status": "lost"}, "status"),
        ({"limit": 51}, "limit"),
        ({"limit": 0}, "limit"),
        ({"cursor": "forged.sig"}, "cursor"),
    ):
        assert_fields_error(await api.get("/api/v1/bookings", params=params, headers=bearer(token)), field)
    assert_fields_error(
        await api.post(
            f"/api/v1/bookings/{made[1]}/cancel", json={"reason": "x" * 501}, headers=bearer(token)
        ),
        "reason",
    )


async def test_openapi_lists_the_booking_routes(api):
    document = (await api.get("/docs/openapi.json")).json()
    paths = document["paths"]
    for path, method in (
        ("/api/v1/bookings", "post"),
        ("/api/v1/bookings", "get"),
        ("/api/v1/bookings/{booking_id}", "get"),
        ("/api/v1/bookings/{booking_id}/cancel", "post"),
        ("/api/v1/facilities/{facility_id}/availability", "get"),
        ("/api/v1/manage/classes", "post"),
        ("/api/v1/manage/classes/{class_id}", "patch"),
        ("/api/v1/manage/closures", "post"),
        ("/api/v1/manage/bookings", "get"),
        ("/api/v1/manage/bookings/{booking_id}/reject", "post"),
        ("/api/v1/manage/occupancy", "get"),
    ):
        assert method in paths.get(path, {}), (path, method, sorted(paths))
    booking_body = paths["/api/v1/bookings"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert "care_type" in str(booking_body) or "$ref" in str(booking_body)


async def test_booking_attempts_are_rate_limited_per_parent(res, api, stack):
    facility = await make_facility(res)
    _, token, child, _ = await parent_with_child(res, 18)
    limit = stack.settings.booking_rate_per_minute
    codes = [
        (
            await api.post("/api/v1/bookings", json=body_for(facility, child), headers=headers(token))
        ).status_code
        for _ in range(limit)
    ]
    assert codes[0] == 201 and set(codes[1:]) == {409}  # the same child at the same hours
    limited = await api.post("/api/v1/bookings", json=body_for(facility, child), headers=headers(token))
    assert limited.status_code == 429 and limited.json()["error"]["code"] == "rate_limited"
    _, other_token, other_child, _ = await parent_with_child(res, 18)
    response = await api.post(
        "/api/v1/bookings", json=body_for(facility, other_child), headers=headers(other_token)
    )
    assert response.status_code == 201
