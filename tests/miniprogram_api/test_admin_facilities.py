"""/api/v1/admin/facilities: the bureau registers facilities, records filings and suspends them;
suspension or revocation hides a facility from search and cancels its future bookings."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from backend.bookings import service as booking_service
from backend.calendar import today_local
from backend.context import Caller, Resources
from backend.models import Account, AuditEntry, Booking, Facility
from tests.backend.accounts.factories import (
    clear_login_counters,
    make_password_account,
    token_for,
    unique_username,
)
from tests.backend.bookings.helpers import months_before, new_key, open_day_on_or_after, request_for
from tests.backend.geo.helpers import Spot, facility_at
from tests.conftest import bearer
from tests.factories import make_account, make_child, make_facility, make_parent, unique_credit_code

FACILITIES = "/api/v1/admin/facilities"


@pytest.fixture
async def regulator_token(res: Resources) -> str:
    _, token = await make_account(res, "regulator")
    return token


@pytest.fixture(autouse=True)
async def fresh_address(res: Resources) -> AsyncIterator[None]:
    yield
    await clear_login_counters(res)


def registration(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "环翠区阳光托育中心",
        "credit_code": unique_credit_code(),
        "address": "威海市环翠区青岛中路100号",
        "town": "鲸园街道",
        "lat": 37.5091,
        "lng": 122.1205,
        "phone": "0631-5888888",
        "nature": "private_nonprofit",
        "inclusive": True,
        "age_min_months": 12,
        "age_max_months": 36,
        "admin": {"username": unique_username("admin"), "password": "admin-pass-1"},
    }
    body.update(overrides)
    return body


async def test_the_bureau_registers_a_facility_with_its_admin(
    api: httpx.AsyncClient, res: Resources, regulator_token: str
) -> None:
    body = registration()
    response = await api.post(FACILITIES, json=body, headers=bearer(regulator_token))
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["filing_status"] == "unfiled"
    assert created["filed"] is False
    assert created["suspended"] is False
    assert created["credit_code"] == body["credit_code"]
    for field in ("name", "address", "town", "lat", "lng", "phone", "nature", "inclusive"):
        assert created[field] == body[field], field
    assert created["admin"]["username"] == body["admin"]["username"]
    assert created["admin"]["role"] == "facility_admin"
    assert "admin-pass-1" not in response.text

    facility = await Facility.get(id=created["id"])
    admin = await Account.get(id=created["admin"]["id"])
    assert admin.facility_id == facility.id  # type: ignore[attr-defined]
    login = await api.post(
        "/api/v1/auth/login", json={"username": body["admin"]["username"], "password": "admin-pass-1"}
    )
    assert login.status_code == 200, login.text
    assert login.json()["user"]["facility_id"] == created["id"]

    entry = await AuditEntry.get(action="facility.register", object_id=created["id"])
    assert entry.actor_role == "regulator"
    assert str(entry.facility_id) == created["id"]

    shown = await api.get(f"{FACILITIES}/{created['id']}", headers=bearer(regulator_token))
    assert shown.status_code == 200
    assert shown.json()["name"] == body["name"]


async def test_credit_codes_are_normalised(
    api: httpx.AsyncClient, res: Resources, regulator_token: str
) -> None:
    code = unique_credit_code()
    typed = " " + code.lower() + " "
    response = await api.post(
        FACILITIES, json=registration(credit_code=typed), headers=bearer(regulator_token)
    )
    assert response.status_code == 201, response.text
    assert response.json()["credit_code"] == code


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"credit_code": "WRONG"}, "credit_code"),
        ({"credit_code": "91371002MA3C00000"}, "credit_code"),
        ({"name": ""}, "name"),
        ({"address": ""}, "address"),
        ({"town": ""}, "town"),
        ({"lat": 60.0}, "lat"),
        ({"lat": 2.0}, "lat"),
        ({"lng": 70.0}, "lng"),
        ({"lng": 140.0}, "lng"),
        ({"lat": "north"}, "lat"),
        ({"nature": "charity"}, "nature"),
        ({"age_min_months": -1}, "age_min_months"),
        ({"age_max_months": 37}, "age_max_months"),
        ({"age_min_months": 30, "age_max_months": 12}, "age_max_months"),
        ({"phone": "call me"}, "phone"),
        ({"admin": {"username": "x", "password": "admin-pass-1"}}, "admin.username"),
        ({"admin": {"username": "okname", "password": "short"}}, "admin.password"),
        ({"admin": {"username": "okname"}}, "admin.password"),
        ({"filing_status": "filed"}, "filing_status"),
    ],
)
async def test_invalid_registrations_answer_422(
    api: httpx.AsyncClient, res: Resources, regulator_token: str, overrides: dict[str, Any], field: str
) -> None:
    body = registration(**overrides)
    if field == "credit_code" and overrides["credit_code"] != "WRONG":
        valid = unique_credit_code()
        body["credit_code"] = valid[:-1] + ("0" if valid[-1] != "0" else "1")
    response = await api.post(FACILITIES, json=body, headers=bearer(regulator_token))
    assert response.status_code == 422, response.text
    assert field in response.json()["error"]["details"]["fields"]
    assert not await Facility.filter(name=body["name"], credit_code=body["credit_code"]).exists()


async def test_duplicates_are_conflicts_and_leave_nothing_behind(
    api: httpx.AsyncClient, res: Resources, regulator_token: str
) -> None:
    first = registration()
    assert (await api.post(FACILITIES, json=first, headers=bearer(regulator_token))).status_code == 201

    same_code = registration(credit_code=first["credit_code"])
    response = await api.post(FACILITIES, json=same_code, headers=bearer(regulator_token))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert not await Account.filter(username=same_code["admin"]["username"]).exists()

    same_username = registration(admin=first["admin"])
    response = await api.post(FACILITIES, json=same_username, headers=bearer(regulator_token))
    assert response.status_code == 409
    assert not await Facility.filter(credit_code=same_username["credit_code"]).exists()


async def test_only_regulators_use_the_register(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    _, parent_token = await make_parent(res)
    admin_token = await token_for(res, await make_password_account("facility_admin", facility))
    staff_token = await token_for(res, await make_password_account("facility_staff", facility))
    path = f"{FACILITIES}/{facility.id}"
    calls = [
        ("POST", FACILITIES, registration()),
        ("GET", FACILITIES, None),
        ("GET", path, None),
        ("PATCH", path, {"suspended": True, "suspension_reason": "x"}),
    ]
    for method, url, body in calls:
        assert (await api.request(method, url, json=body)).status_code == 401
        for token in (parent_token, admin_token, staff_token):
            response = await api.request(method, url, json=body, headers=bearer(token))
            assert response.status_code == 403, (method, url)
            assert response.json()["error"]["code"] == "forbidden"
    await facility.refresh_from_db()
    assert facility.suspended is False


async def test_listing_filters_and_pages(
    api: httpx.AsyncClient, res: Resources, regulator_token: str
) -> None:
    town = f"测试镇{uuid.uuid4().hex[:6]}"
    filed = [await make_facility(res, town=town) for _ in range(3)]
    unfiled = await make_facility(res, town=town, filing_status="unfiled", filing_number=None)
    everything = await api.get(FACILITIES, params={"town": town}, headers=bearer(regulator_token))
    assert everything.status_code == 200
    assert [item["id"] for item in everything.json()["items"]] == [
        str(f.id) for f in [unfiled, *reversed(filed)]
    ]
    only_unfiled = await api.get(
        FACILITIES, params={"town": town, "filing_status": "unfiled"}, headers=bearer(regulator_token)
    )
    assert [item["id"] for item in only_unfiled.json()["items"]] == [str(unfiled.id)]

    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"town": town, "limit": 1, **({"cursor": cursor} if cursor else {})}
        page = (await api.get(FACILITIES, params=params, headers=bearer(regulator_token))).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 4

    bad = await api.get(FACILITIES, params={"filing_status": "pending"}, headers=bearer(regulator_token))
    assert bad.status_code == 422
    missing = await api.get(f"{FACILITIES}/{uuid.uuid4()}", headers=bearer(regulator_token))
    assert missing.status_code == 404
    assert (await api.get(f"{FACILITIES}/not-an-id", headers=bearer(regulator_token))).status_code == 404


async def test_filing_needs_a_number_and_puts_the_facility_in_search(
    api: httpx.AsyncClient, res: Resources, regulator_token: str
) -> None:
    spot = Spot.random()
    facility = await facility_at(res, spot, filing_status="unfiled", filing_number=None)
    path = f"{FACILITIES}/{facility.id}"

    async def found() -> bool:
        response = await api.get("/api/v1/facilities/nearby", params=spot.query(radius_m=500))
        assert response.status_code == 200, response.text
        return str(facility.id) in [item["id"] for item in response.json()["items"]]

    assert not await found()
    refused = await api.patch(path, json={"filing_status": "filed"}, headers=bearer(regulator_token))
    assert refused.status_code == 422
    assert "filing_number" in refused.json()["error"]["details"]["fields"]

    response = await api.patch(
        path,
        json={"filing_status": "filed", "filing_number": "环卫托备〔2026〕088号", "demonstration": True},
        headers=bearer(regulator_token),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["filing_status"] == "filed"
    assert body["filing_number"] == "环卫托备〔2026〕088号"
    assert body["demonstration"] is True
    assert body["cancelled_bookings"] == 0
    assert await found()

    entry = await AuditEntry.filter(action="facility.update", object_id=str(facility.id)).first()
    assert entry is not None
    assert entry.details["changes"]["filing_status"] == {"from": "unfiled", "to": "filed"}
    assert entry.details["changes"]["demonstration"] == {"from": False, "to": True}

    cleared = await api.patch(path, json={"filing_number": None}, headers=bearer(regulator_token))
    assert cleared.status_code == 422


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"filing_status": "pending"}, "filing_status"),
        ({"filing_status": None}, "filing_status"),
        ({"suspended": None}, "suspended"),
        ({"suspended": True}, "suspension_reason"),
        ({"suspended": True, "suspension_reason": ""}, "suspension_reason"),
        ({"suspension_reason": "x" * 501}, "suspension_reason"),
        ({"filing_number": "号" * 61}, "filing_number"),
        ({"demonstration": "maybe"}, "demonstration"),
        ({"name": "改名"}, "name"),
    ],
)
async def test_invalid_record_changes_answer_422(
    api: httpx.AsyncClient, res: Resources, regulator_token: str, changes: dict[str, Any], field: str
) -> None:
    facility = await make_facility(res)
    response = await api.patch(f"{FACILITIES}/{facility.id}", json=changes, headers=bearer(regulator_token))
    assert response.status_code == 422, response.text
    assert field in response.json()["error"]["details"]["fields"]
    stored = await Facility.get(id=facility.id)
    assert stored.suspended is False and stored.filing_status == "filed"


async def book_a_future_day(res: Resources, facility: Facility) -> Booking:
    day = open_day_on_or_after(today_local() + timedelta(days=3))
    parent, _ = await make_parent(res)
    child = await make_child(parent, months_before(day, 18))
    caller = Caller(account_id=str(parent.id), role="parent")
    answer = await booking_service.create_booking(
        res, caller, request_for(facility, child, "full_day", day), new_key()
    )
    return await Booking.get(id=answer.id)


@pytest.mark.parametrize(
    "changes",
    [
        {"suspended": True, "suspension_reason": "消防检查不合格"},
        {"filing_status": "revoked"},
        {"filing_status": "unfiled", "filing_number": None},
    ],
)
async def test_suspending_or_revoking_hides_the_facility_and_cancels_its_bookings(
    api: httpx.AsyncClient, res: Resources, regulator_token: str, changes: dict[str, Any]
) -> None:
    spot = Spot.random()
    facility = await facility_at(res, spot)
    booking = await book_a_future_day(res, facility)
    assert booking.status in ("pending", "confirmed")

    response = await api.patch(f"{FACILITIES}/{facility.id}", json=changes, headers=bearer(regulator_token))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["bookable"] is False
    assert body["cancelled_bookings"] == 1
    await booking.refresh_from_db()
    assert booking.status == "cancelled"

    nearby = await api.get("/api/v1/facilities/nearby", params=spot.query(radius_m=500))
    assert nearby.status_code == 200
    assert str(facility.id) not in [item["id"] for item in nearby.json()["items"]]

    again = await api.patch(f"{FACILITIES}/{facility.id}", json=changes, headers=bearer(regulator_token))
    assert again.status_code == 200
    assert again.json()["cancelled_bookings"] == 0


async def test_lifting_a_suspension_clears_its_reason(
    api: httpx.AsyncClient, res: Resources, regulator_token: str
) -> None:
    spot = Spot.random()
    facility = await facility_at(res, spot, suspended=True, suspension_reason="整改中", index=False)
    response = await api.patch(
        f"{FACILITIES}/{facility.id}", json={"suspended": False}, headers=bearer(regulator_token)
    )
    assert response.status_code == 200, response.text
    assert response.json()["suspension_reason"] is None
    assert response.json()["bookable"] is True
    nearby = await api.get("/api/v1/facilities/nearby", params=spot.query(radius_m=500))
    assert str(facility.id) in [item["id"] for item in nearby.json()["items"]]


async def test_patching_a_missing_facility_is_not_found(
    api: httpx.AsyncClient, res: Resources, regulator_token: str
) -> None:
    response = await api.patch(
        f"{FACILITIES}/{uuid.uuid4()}", json={"demonstration": True}, headers=bearer(regulator_token)
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
