"""/api/v1/manage/accounts: a facility admin adds and removes staff sign-in accounts; staff work
bookings but do not change the profile, staff or accounts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from backend.context import Resources
from backend.models import Account
from backend.security import verify_password
from tests.backend.accounts.factories import (
    clear_login_counters,
    make_password_account,
    token_for,
    unique_username,
    valid_id_number,
)
from tests.conftest import bearer
from tests.factories import make_account, make_facility, make_parent

ACCOUNTS = "/api/v1/manage/accounts"
LOGIN = "/api/v1/auth/login"


@pytest.fixture(autouse=True)
async def fresh_address(res: Resources) -> AsyncIterator[None]:
    yield
    await clear_login_counters(res)


async def test_the_admin_adds_a_staff_account_that_signs_in(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    admin = await make_password_account("facility_admin", facility)
    token = await token_for(res, admin)
    username = unique_username("Staff")
    response = await api.post(
        ACCOUNTS,
        json={"username": username, "password": "s3cret-pass", "display_name": "李老师"},
        headers=bearer(token),
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["role"] == "facility_staff"
    assert body["facility_id"] == str(facility.id)
    assert body["username"] == username.lower()
    assert body["display_name"] == "李老师"
    assert body["is_active"] is True
    assert "password" not in response.text and "s3cret-pass" not in response.text

    stored = await Account.get(id=body["id"])
    assert stored.password_hash is not None and stored.password_hash.startswith("$argon2")
    assert verify_password(stored.password_hash, "s3cret-pass")

    login = await api.post(LOGIN, json={"username": username, "password": "s3cret-pass"})
    assert login.status_code == 200, login.text
    assert login.json()["user"] == {
        "id": body["id"],
        "role": "facility_staff",
        "role_label": "机构员工",
        "facility_id": str(facility.id),
    }

    listed = await api.get(ACCOUNTS, headers=bearer(token))
    assert listed.status_code == 200
    ids = [item["id"] for item in listed.json()["items"]]
    assert ids == [str(admin.id), body["id"]]


async def test_staff_may_read_but_not_change(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    staff_token = await token_for(res, await make_password_account("facility_staff", facility))
    assert (await api.get("/api/v1/manage/facility", headers=bearer(staff_token))).status_code == 200
    assert (await api.get("/api/v1/manage/staff", headers=bearer(staff_token))).status_code == 200
    refused = [
        await api.patch(
            "/api/v1/manage/facility", json={"prices": {"full_day": 1}}, headers=bearer(staff_token)
        ),
        await api.post(
            "/api/v1/manage/staff",
            json={"name": "赵", "id_number": valid_id_number(), "role": "cook"},
            headers=bearer(staff_token),
        ),
        await api.get(ACCOUNTS, headers=bearer(staff_token)),
        await api.post(
            ACCOUNTS,
            json={"username": unique_username(), "password": "password1"},
            headers=bearer(staff_token),
        ),
    ]
    for response in refused:
        assert response.status_code == 403, response.text
        assert response.json()["error"]["code"] == "forbidden"


async def test_wrong_callers_are_refused(api: httpx.AsyncClient, res: Resources) -> None:
    _, parent_token = await make_parent(res)
    _, regulator_token = await make_account(res, "regulator")
    body = {"username": unique_username(), "password": "password1"}
    assert (await api.get(ACCOUNTS)).status_code == 401
    assert (await api.post(ACCOUNTS, json=body)).status_code == 401
    for token in (parent_token, regulator_token):
        assert (await api.get(ACCOUNTS, headers=bearer(token))).status_code == 403
        assert (await api.post(ACCOUNTS, json=body, headers=bearer(token))).status_code == 403
    assert not await Account.filter(username=body["username"]).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "ab", "password": "password1"}, "username"),
        ({"username": "has space", "password": "password1"}, "username"),
        ({"username": "中文用户名", "password": "password1"}, "username"),
        ({"username": "u" * 51, "password": "password1"}, "username"),
        ({"username": "valid.name", "password": "short"}, "password"),
        ({"username": "valid.name", "password": "p" * 129}, "password"),
        ({"username": "valid.name", "password": "password1", "display_name": "名" * 51}, "display_name"),
        ({"username": "valid.name", "password": "password1", "role": "facility_admin"}, "role"),
        ({"password": "password1"}, "username"),
    ],
)
async def test_invalid_accounts_answer_422(
    api: httpx.AsyncClient, res: Resources, body: dict[str, Any], field: str
) -> None:
    token = await token_for(res, await make_password_account("facility_admin", await make_facility(res)))
    response = await api.post(ACCOUNTS, json=body, headers=bearer(token))
    assert response.status_code == 422, response.text
    assert field in response.json()["error"]["details"]["fields"]


async def test_a_taken_username_is_a_conflict(api: httpx.AsyncClient, res: Resources) -> None:
    token = await token_for(res, await make_password_account("facility_admin", await make_facility(res)))
    existing = await make_password_account("regulator")
    assert existing.username is not None
    response = await api.post(
        ACCOUNTS, json={"username": existing.username.upper(), "password": "password1"}, headers=bearer(token)
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


async def test_removing_a_staff_account_ends_its_sessions(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    admin_token = await token_for(res, await make_password_account("facility_admin", facility))
    username = unique_username("leaver")
    created = (
        await api.post(
            ACCOUNTS, json={"username": username, "password": "password1"}, headers=bearer(admin_token)
        )
    ).json()
    staff_token = (await api.post(LOGIN, json={"username": username, "password": "password1"})).json()[
        "token"
    ]
    assert (await api.get("/api/v1/manage/facility", headers=bearer(staff_token))).status_code == 200

    response = await api.delete(f"{ACCOUNTS}/{created['id']}", headers=bearer(admin_token))
    assert response.status_code == 204
    assert (await api.get("/api/v1/manage/facility", headers=bearer(staff_token))).status_code == 401
    assert (await Account.get(id=created["id"])).is_active is False
    login = await api.post(LOGIN, json={"username": username, "password": "password1"})
    assert login.status_code == 401
    listed = (await api.get(ACCOUNTS, headers=bearer(admin_token))).json()["items"]
    assert next(item for item in listed if item["id"] == created["id"])["is_active"] is False


async def test_only_own_staff_accounts_can_be_removed(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    admin = await make_password_account("facility_admin", facility)
    admin_token = await token_for(res, admin)
    staff = await make_password_account("facility_staff", facility)
    staff_token = await token_for(res, staff)
    other_staff = await make_password_account("facility_staff", await make_facility(res))
    regulator = await make_password_account("regulator")

    assert (await api.delete(f"{ACCOUNTS}/{staff.id}")).status_code == 401
    assert (await api.delete(f"{ACCOUNTS}/{staff.id}", headers=bearer(staff_token))).status_code == 403
    for stranger in (other_staff, regulator):
        response = await api.delete(f"{ACCOUNTS}/{stranger.id}", headers=bearer(admin_token))
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
        assert (await Account.get(id=stranger.id)).is_active is True
    itself = await api.delete(f"{ACCOUNTS}/{admin.id}", headers=bearer(admin_token))
    assert itself.status_code == 409
    assert (await Account.get(id=admin.id)).is_active is True
