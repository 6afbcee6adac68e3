"""WeChat login over HTTP against the fake WeChat server, logout and the bad-code limit."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from backend import ratelimit
from backend.context import Resources
from backend.models import Account
from backend.parents.service import WX_LOGIN_BAD_CODE_SCOPE
from backend.security import decrypt
from tests.conftest import bearer
from tests.fakes.wechat import FakeWechat

LOGIN = "/api/v1/auth/wx-login"
FAKE_SESSION_KEY = "c2Vzc2lvbi1rZXktZm9yLXRlc3Q="
CLIENT = "127.0.0.1"  # the test client's address as the server sees it


@pytest.fixture(autouse=True)
async def fresh_bad_code_count(res: Resources) -> AsyncIterator[None]:
    # Every test talks from the same address; each starts with no bad codes counted against it.
    await ratelimit.reset(res, WX_LOGIN_BAD_CODE_SCOPE, CLIENT)
    yield
    await ratelimit.reset(res, WX_LOGIN_BAD_CODE_SCOPE, CLIENT)


def new_code(wechat: FakeWechat, openid: str, unionid: str | None = None) -> str:
    code = f"code-{uuid.uuid4().hex}"
    wechat.add_code(code, openid, unionid)
    return code


def jscode2session_calls(wechat: FakeWechat) -> int:
    with wechat.state.lock:
        return sum(1 for _, path in wechat.state.requests if path.endswith("/sns/jscode2session"))


async def test_first_login_creates_the_parent_and_the_second_finds_it(
    api: httpx.AsyncClient, wechat: FakeWechat, res: Resources
) -> None:
    openid, unionid = f"o-{uuid.uuid4().hex}", f"u-{uuid.uuid4().hex}"

    first = await api.post(LOGIN, json={"code": new_code(wechat, openid, unionid)})
    assert first.status_code == 200, first.text
    body = first.json()
    assert set(body) == {"token", "expires_in", "user"}
    assert body["user"]["role"] == "parent"
    assert body["expires_in"] == res.settings.token_ttl_seconds
    assert "session_key" not in first.text and FAKE_SESSION_KEY not in first.text

    account = await Account.get(openid=openid)
    assert str(account.id) == body["user"]["id"]
    assert account.role == "parent"
    assert account.unionid == unionid
    # The session key is on the server, encrypted: the database holds ciphertext, not the key.
    assert account.session_key_enc is not None
    assert FAKE_SESSION_KEY not in account.session_key_enc
    assert decrypt(res.settings.secret_key, account.session_key_enc) == FAKE_SESSION_KEY

    second = await api.post(LOGIN, json={"code": new_code(wechat, openid)})
    assert second.status_code == 200, second.text
    assert second.json()["user"]["id"] == body["user"]["id"]
    assert second.json()["token"] != body["token"]
    assert await Account.filter(openid=openid).count() == 1
    # A later answer without unionid does not forget the one we know.
    assert (await Account.get(openid=openid)).unionid == unionid

    me = await api.get("/api/v1/me", headers=bearer(second.json()["token"]))
    assert me.status_code == 200
    assert me.json()["id"] == body["user"]["id"]


async def test_a_known_unionid_links_a_new_openid_to_the_same_parent(
    api: httpx.AsyncClient, wechat: FakeWechat
) -> None:
    unionid = f"u-{uuid.uuid4().hex}"
    old_openid, new_openid = f"o-{uuid.uuid4().hex}", f"o-{uuid.uuid4().hex}"
    first = await api.post(LOGIN, json={"code": new_code(wechat, old_openid, unionid)})
    second = await api.post(LOGIN, json={"code": new_code(wechat, new_openid, unionid)})
    assert first.status_code == second.status_code == 200
    assert first.json()["user"]["id"] == second.json()["user"]["id"]
    account = await Account.get(id=first.json()["user"]["id"])
    assert account.openid == new_openid
    assert await Account.filter(unionid=unionid).count() == 1


async def test_an_unknown_code_is_invalid(api: httpx.AsyncClient) -> None:
    response = await api.post(LOGIN, json={"code": f"never-issued-{uuid.uuid4().hex}"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_code"


async def test_a_used_code_is_invalid(api: httpx.AsyncClient, wechat: FakeWechat) -> None:
    code = new_code(wechat, f"o-{uuid.uuid4().hex}")
    assert (await api.post(LOGIN, json={"code": code})).status_code == 200
    again = await api.post(LOGIN, json={"code": code})
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "invalid_code"


async def test_wechat_error_codes_for_used_code_and_frequency(
    api: httpx.AsyncClient, wechat: FakeWechat
) -> None:
    wechat.fail_next("/sns/jscode2session", 40163)
    used = await api.post(LOGIN, json={"code": new_code(wechat, f"o-{uuid.uuid4().hex}")})
    assert used.status_code == 400
    assert used.json()["error"]["code"] == "invalid_code"

    wechat.fail_next("/sns/jscode2session", 45011)
    frequent = await api.post(LOGIN, json={"code": new_code(wechat, f"o-{uuid.uuid4().hex}")})
    assert frequent.status_code == 429
    assert frequent.json()["error"]["code"] == "rate_limited"

    wechat.fail_next("/sns/jscode2session", -1)
    busy = await api.post(LOGIN, json={"code": new_code(wechat, f"o-{uuid.uuid4().hex}")})
    assert busy.status_code == 503
    assert busy.json()["error"]["code"] == "wechat_unavailable"


async def test_wechat_down_answers_503(api: httpx.AsyncClient, wechat: FakeWechat) -> None:
    openid = f"o-{uuid.uuid4().hex}"
    code = new_code(wechat, openid)
    with wechat.state.lock:
        wechat.state.down = True
    try:
        response = await api.post(LOGIN, json={"code": code})
    finally:
        with wechat.state.lock:
            wechat.state.down = False
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "wechat_unavailable"
    assert not await Account.filter(openid=openid).exists()
    # The code was never spent, so the same one works once WeChat is back.
    assert (await api.post(LOGIN, json={"code": code})).status_code == 200


async def test_wechat_http_error_answers_503(api: httpx.AsyncClient, wechat: FakeWechat) -> None:
    wechat.fail_next("/sns/jscode2session", 500)
    response = await api.post(LOGIN, json={"code": new_code(wechat, f"o-{uuid.uuid4().hex}")})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "wechat_unavailable"


async def test_wechat_slower_than_the_timeout_answers_503(api: httpx.AsyncClient, wechat: FakeWechat) -> None:
    # WECHAT_TIMEOUT_SECONDS is 2 in tests; the fake sleeps 3 s before answering.
    wechat.fail_next("/sns/jscode2session", ("sleep", 3))
    response = await api.post(LOGIN, json={"code": new_code(wechat, f"o-{uuid.uuid4().hex}")})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "wechat_unavailable"


async def test_repeated_bad_codes_are_rate_limited_before_asking_wechat(
    api: httpx.AsyncClient, wechat: FakeWechat, res: Resources
) -> None:
    limit = res.settings.wx_login_bad_code_limit
    for _ in range(limit):
        response = await api.post(LOGIN, json={"code": f"bad-{uuid.uuid4().hex}"})
        assert response.status_code == 400
    calls_before = jscode2session_calls(wechat)

    blocked = await api.post(LOGIN, json={"code": f"bad-{uuid.uuid4().hex}"})
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "rate_limited"
    # Even a good code waits out the window, and WeChat is not asked at all meanwhile.
    good = await api.post(LOGIN, json={"code": new_code(wechat, f"o-{uuid.uuid4().hex}")})
    assert good.status_code == 429
    assert jscode2session_calls(wechat) == calls_before


@pytest.mark.parametrize(
    "body",
    [{}, {"code": ""}, {"code": "x" * 129}, {"code": 12345}, {"code": "has space"}, {"code": "ok", "x": 1}],
)
async def test_malformed_login_bodies_are_422(api: httpx.AsyncClient, body: dict[str, object]) -> None:
    response = await api.post(LOGIN, json=body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert error["details"]["fields"]


async def test_a_128_character_code_is_accepted_for_checking(api: httpx.AsyncClient) -> None:
    response = await api.post(LOGIN, json={"code": "x" * 128})
    assert response.status_code == 400  # reached WeChat, which does not know it


async def test_logout_ends_only_that_session(api: httpx.AsyncClient, wechat: FakeWechat) -> None:
    openid = f"o-{uuid.uuid4().hex}"
    phone_token = (await api.post(LOGIN, json={"code": new_code(wechat, openid)})).json()["token"]
    tablet_token = (await api.post(LOGIN, json={"code": new_code(wechat, openid)})).json()["token"]

    response = await api.post("/api/v1/auth/logout", headers=bearer(phone_token))
    assert response.status_code == 204

    gone = await api.get("/api/v1/me", headers=bearer(phone_token))
    assert gone.status_code == 401
    assert gone.json()["error"]["code"] == "unauthorized"
    assert (await api.post("/api/v1/auth/logout", headers=bearer(phone_token))).status_code == 401
    assert (await api.get("/api/v1/me", headers=bearer(tablet_token))).status_code == 200


async def test_logout_needs_a_token(api: httpx.AsyncClient) -> None:
    response = await api.post("/api/v1/auth/logout")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
