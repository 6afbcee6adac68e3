"""GET /api/v1/me for every role: who the caller is, phone masked."""

from __future__ import annotations

from datetime import datetime

import httpx
import pytest

from backend.calendar import today_local
from backend.context import Resources
from backend.models import SubscribeGrant
from backend.security import encrypt
from tests.conftest import bearer
from tests.factories import make_account, make_facility, make_parent

ME = "/api/v1/me"
FIELDS = {
    "id", "role", "role_label", "facility_id", "display_name", "username", "phone", "child_data_consent_at",
    "grants",
}  # fmt: skip


async def test_me_for_a_parent(api: httpx.AsyncClient, res: Resources) -> None:
    parent, token = await make_parent(res)
    response = await api.get(ME, headers=bearer(token))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == FIELDS
    assert body["id"] == str(parent.id)
    assert body["role"] == "parent"
    assert body["facility_id"] is None
    assert body["username"] is None
    assert body["phone"] is None
    assert body["child_data_consent_at"] is None
    assert body["display_name"] == parent.display_name
    assert body["grants"] == {}


async def test_me_shows_the_parents_grants_per_template(api: httpx.AsyncClient, res: Resources) -> None:
    parent, token = await make_parent(res)
    await SubscribeGrant.create(account=parent, template_id="tmpl-booking", remaining=3, granted_total=5)
    await SubscribeGrant.create(account=parent, template_id="tmpl-other", remaining=0, granted_total=1)
    body = (await api.get(ME, headers=bearer(token))).json()
    assert body["grants"] == {"tmpl-booking": 3, "tmpl-other": 0}


async def test_me_masks_the_phone_and_shows_consent(api: httpx.AsyncClient, res: Resources) -> None:
    parent, token = await make_parent(res)
    parent.phone_enc = encrypt(res.settings.secret_key, "13812341234")
    parent.phone_last4 = "1234"
    await parent.save()
    consent = await api.post(
        "/api/v1/children",
        json={"name": "小红", "birth_date": today_local().isoformat(), "gender": "f", "consent": True},
        headers=bearer(token),
    )
    assert consent.status_code == 201, consent.text

    body = (await api.get(ME, headers=bearer(token))).json()
    assert body["phone"] == "138****1234"
    assert "13812341234" not in str(body)
    consent_at = datetime.fromisoformat(body["child_data_consent_at"])
    assert consent_at.utcoffset() is not None and consent_at.utcoffset().total_seconds() == 8 * 3600


async def test_me_without_decryptable_phone_falls_back_to_last_four(
    api: httpx.AsyncClient, res: Resources
) -> None:
    parent, token = await make_parent(res)
    parent.phone_enc = encrypt("another-secret-key-0123456789", "13812341234")
    parent.phone_last4 = "1234"
    await parent.save()
    body = (await api.get(ME, headers=bearer(token))).json()
    assert body["phone"] == "*******1234"


@pytest.mark.parametrize("role", ["facility_admin", "facility_staff"])
async def test_me_for_facility_people(api: httpx.AsyncClient, res: Resources, role: str) -> None:
    facility = await make_facility(res)
    account, token = await make_account(res, role, facility)
    body = (await api.get(ME, headers=bearer(token))).json()
    assert set(body) == FIELDS
    assert body["role"] == role
    assert body["facility_id"] == str(facility.id)
    assert body["username"] == account.username
    assert body["phone"] is None
    assert body["grants"] is None


async def test_me_for_a_regulator(api: httpx.AsyncClient, res: Resources) -> None:
    account, token = await make_account(res, "regulator")
    body = (await api.get(ME, headers=bearer(token))).json()
    assert body["role"] == "regulator"
    assert body["facility_id"] is None
    assert body["username"] == account.username


async def test_me_of_a_disabled_account_is_unauthorized(api: httpx.AsyncClient, res: Resources) -> None:
    account, token = await make_account(res, "facility_staff", await make_facility(res))
    account.is_active = False
    await account.save()
    assert (await api.get(ME, headers=bearer(token))).status_code == 401


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic x"}])
async def test_me_needs_a_valid_token(api: httpx.AsyncClient, headers: dict[str, str]) -> None:
    response = await api.get(ME, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


async def test_parent_routes_are_documented(api: httpx.AsyncClient) -> None:
    document = (await api.get("/docs/openapi.json")).json()
    paths = document["paths"]
    expected = {
        "/api/v1/auth/wx-login": {"post"},
        "/api/v1/auth/logout": {"post"},
        "/api/v1/me": {"get"},
        "/api/v1/children": {"get", "post"},
        "/api/v1/children/{child_id}": {"get", "patch", "delete"},
        "/api/v1/subscriptions": {"get", "post"},
    }
    for path, methods in expected.items():
        assert methods <= set(paths[path]), path
    login_body = paths["/api/v1/auth/wx-login"]["post"]["requestBody"]["content"]["application/json"]
    assert login_body["schema"]
    assert paths["/api/v1/children"]["post"]["requestBody"]["content"]["application/json"]["schema"]
