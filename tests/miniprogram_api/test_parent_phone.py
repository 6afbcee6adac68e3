"""PATCH /api/v1/me: a parent gives a phone number through WeChat's getPhoneNumber code, exchanged
at WECHAT_API_BASE (the fake WeChat), stored encrypted and shown masked."""

from __future__ import annotations

import uuid

import httpx

from backend.context import Resources
from backend.models import Account
from backend.security import decrypt
from tests.conftest import bearer
from tests.factories import make_account, make_parent
from tests.fakes.wechat import FakeWechat


async def test_a_parent_gives_a_phone_number(
    api: httpx.AsyncClient, res: Resources, wechat: FakeWechat
) -> None:
    parent, token = await make_parent(res)
    code = f"phone-{uuid.uuid4().hex}"
    wechat.add_phone_code(code, "13912345678")
    answer = await api.patch("/api/v1/me", json={"phone_code": code}, headers=bearer(token))
    assert answer.status_code == 200, answer.text
    assert answer.json()["phone"] == "139****5678"
    stored = await Account.get(id=parent.id)
    assert stored.phone_last4 == "5678"
    assert stored.phone_enc and "13912345678" not in stored.phone_enc
    assert decrypt(res.settings.secret_key, stored.phone_enc) == "13912345678"
    assert (await api.get("/api/v1/me", headers=bearer(token))).json()["phone"] == "139****5678"
    # The code is used once.
    again = await api.patch("/api/v1/me", json={"phone_code": code}, headers=bearer(token))
    assert again.status_code == 400 and again.json()["error"]["code"] == "invalid_code"


async def test_only_parents_give_a_phone_here(api: httpx.AsyncClient, res: Resources) -> None:
    _, staff = await make_account(res, "regulator")
    assert (await api.patch("/api/v1/me", json={"phone_code": "x"}, headers=bearer(staff))).status_code == 403
    assert (await api.patch("/api/v1/me", json={"phone_code": "x"})).status_code == 401
    _, token = await make_parent(res)
    missing = await api.patch("/api/v1/me", json={}, headers=bearer(token))
    assert missing.status_code == 422
    assert missing.json()["error"]["details"]["fields"] == {"phone_code": "必填"}
