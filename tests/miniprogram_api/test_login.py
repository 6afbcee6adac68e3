"""POST /api/v1/auth/login: staff and regulators sign in; failures never say which part was wrong,
and repeated failures lock the username (and slow the address)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from backend.context import Resources
from backend.security import hash_password
from tests.backend.accounts.factories import (
    PASSWORD,
    clear_login_counters,
    make_password_account,
    unique_username,
)
from tests.conftest import bearer
from tests.factories import make_facility, make_parent

LOGIN = "/api/v1/auth/login"


@pytest.fixture(autouse=True)
async def fresh_address(res: Resources) -> AsyncIterator[None]:
    await clear_login_counters(res)
    yield
    await clear_login_counters(res)


async def test_a_regulator_signs_in_and_the_token_works(api: httpx.AsyncClient, res: Resources) -> None:
    regulator = await make_password_account("regulator")
    response = await api.post(LOGIN, json={"username": regulator.username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"token", "expires_in", "user"}
    assert body["expires_in"] == res.settings.token_ttl_seconds
    assert body["user"]["id"] == str(regulator.id)
    assert body["user"]["role"] == "regulator"
    assert body["user"]["facility_id"] is None

    me = await api.get("/api/v1/me", headers=bearer(body["token"]))
    assert me.status_code == 200
    assert me.json()["id"] == str(regulator.id)
    assert (await api.get("/api/v1/admin/banlist", headers=bearer(body["token"]))).status_code == 200


async def test_a_facility_admin_signs_in_to_their_facility(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    admin = await make_password_account("facility_admin", facility)
    response = await api.post(LOGIN, json={"username": admin.username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["user"] == {
        "id": str(admin.id),
        "role": "facility_admin",
        "role_label": "机构管理员",
        "facility_id": str(facility.id),
    }
    profile = await api.get("/api/v1/manage/facility", headers=bearer(body["token"]))
    assert profile.status_code == 200
    assert profile.json()["id"] == str(facility.id)


async def test_usernames_are_case_insensitive(api: httpx.AsyncClient, res: Resources) -> None:
    regulator = await make_password_account("regulator")
    assert regulator.username is not None
    response = await api.post(LOGIN, json={"username": regulator.username.upper(), "password": PASSWORD})
    assert response.status_code == 200, response.text


async def test_wrong_password_and_unknown_username_answer_alike(
    api: httpx.AsyncClient, res: Resources
) -> None:
    regulator = await make_password_account("regulator")
    wrong_password = await api.post(LOGIN, json={"username": regulator.username, "password": "not-it-at-all"})
    unknown_user = await api.post(LOGIN, json={"username": unique_username("nobody"), "password": PASSWORD})
    malformed_user = await api.post(LOGIN, json={"username": "no spaces allowed!", "password": PASSWORD})
    for response in (wrong_password, unknown_user, malformed_user):
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"
    assert wrong_password.json() == unknown_user.json() == malformed_user.json()


async def test_inactive_accounts_and_parents_cannot_sign_in(api: httpx.AsyncClient, res: Resources) -> None:
    inactive = await make_password_account("facility_staff", await make_facility(res), is_active=False)
    parent, _ = await make_parent(res)
    # Even a parent row that somehow has a password may not use this door.
    parent.username = unique_username("parent")
    parent.password_hash = hash_password(PASSWORD)
    await parent.save()
    unknown = await api.post(LOGIN, json={"username": unique_username("nobody"), "password": PASSWORD})
    for username in (inactive.username, parent.username):
        response = await api.post(LOGIN, json={"username": username, "password": PASSWORD})
        assert response.status_code == 401
        assert response.json() == unknown.json()


async def test_repeated_failures_lock_the_username(api: httpx.AsyncClient, res: Resources) -> None:
    victim = await make_password_account("regulator")
    bystander = await make_password_account("regulator")
    limit = res.settings.login_max_failures
    for _ in range(limit):
        failed = await api.post(LOGIN, json={"username": victim.username, "password": "guess-guess"})
        assert failed.status_code == 401
    locked = await api.post(LOGIN, json={"username": victim.username, "password": PASSWORD})
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "rate_limited"
    # Other usernames are not affected.
    other = await api.post(LOGIN, json={"username": bystander.username, "password": PASSWORD})
    assert other.status_code == 200
    await clear_login_counters(res, victim.username or "")


async def test_a_success_clears_the_failures(api: httpx.AsyncClient, res: Resources) -> None:
    account = await make_password_account("regulator")
    limit = res.settings.login_max_failures
    for _round in range(2):
        for _ in range(limit - 1):
            failed = await api.post(LOGIN, json={"username": account.username, "password": "typo-typo"})
            assert failed.status_code == 401
        success = await api.post(LOGIN, json={"username": account.username, "password": PASSWORD})
        assert success.status_code == 200


async def test_failures_across_usernames_slow_the_address(api: httpx.AsyncClient, res: Resources) -> None:
    from backend.accounts.service import ADDRESS_FAILURES_PER_USERNAME_LIMIT

    limit = res.settings.login_max_failures
    address_limit = limit * ADDRESS_FAILURES_PER_USERNAME_LIMIT
    guessed = [unique_username("guess") for _ in range(ADDRESS_FAILURES_PER_USERNAME_LIMIT + 1)]
    failures = 0
    for username in guessed:
        for _ in range(limit - 1):  # below each username's own limit
            if failures == address_limit:
                break
            response = await api.post(LOGIN, json={"username": username, "password": "guess-guess"})
            assert response.status_code == 401
            failures += 1
    assert failures == address_limit
    account = await make_password_account("regulator")
    slowed = await api.post(LOGIN, json={"username": account.username, "password": PASSWORD})
    assert slowed.status_code == 429
    assert slowed.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(slowed.headers["Retry-After"]) <= res.settings.login_address_delay_seconds
    await clear_login_counters(res, *guessed)


async def _spam_the_address(api: httpx.AsyncClient, res: Resources) -> list[str]:
    from backend.accounts.service import ADDRESS_FAILURES_PER_USERNAME_LIMIT

    limit = res.settings.login_max_failures
    guessed = [unique_username("spam") for _ in range(ADDRESS_FAILURES_PER_USERNAME_LIMIT * 2)]
    failures = 0
    for username in guessed:
        for _ in range(limit - 2):
            if failures == limit * ADDRESS_FAILURES_PER_USERNAME_LIMIT:
                return guessed
            response = await api.post(LOGIN, json={"username": username, "password": "guess-guess"})
            assert response.status_code == 401
            failures += 1
    return guessed


async def test_a_spamming_address_is_slowed_not_locked_out(api: httpx.AsyncClient, res: Resources) -> None:
    import asyncio

    guessed = await _spam_the_address(api, res)
    account = await make_password_account("regulator")
    slowed = await api.post(LOGIN, json={"username": account.username, "password": PASSWORD})
    assert slowed.status_code == 429
    assert slowed.json()["error"]["code"] == "rate_limited"
    wait = int(slowed.headers["Retry-After"])
    assert 1 <= wait <= res.settings.login_address_delay_seconds
    await asyncio.sleep(wait + 0.2)
    # The user is not locked: once the address's pause is over, the right password works.
    allowed = await api.post(LOGIN, json={"username": account.username, "password": PASSWORD})
    assert allowed.status_code == 200, allowed.text
    assert allowed.json()["token"]
    await clear_login_counters(res, *guessed)


async def test_a_slowed_address_gets_one_guess_per_pause(api: httpx.AsyncClient, res: Resources) -> None:
    import asyncio

    guessed = await _spam_the_address(api, res)
    victim = await make_password_account("regulator")
    blocked = await api.post(LOGIN, json={"username": victim.username, "password": "guess-guess"})
    assert blocked.status_code == 429
    await asyncio.sleep(int(blocked.headers["Retry-After"]) + 0.2)
    one_guess = await api.post(LOGIN, json={"username": victim.username, "password": "guess-guess"})
    assert one_guess.status_code == 401
    # That failure started a new pause at once.
    again = await api.post(LOGIN, json={"username": victim.username, "password": PASSWORD})
    assert again.status_code == 429
    assert "Retry-After" in again.headers
    await clear_login_counters(res, victim.username or "", *guessed)


async def test_a_locked_username_says_when_to_try_again(api: httpx.AsyncClient, res: Resources) -> None:
    victim = await make_password_account("regulator")
    for _ in range(res.settings.login_max_failures):
        await api.post(LOGIN, json={"username": victim.username, "password": "guess-guess"})
    locked = await api.post(LOGIN, json={"username": victim.username, "password": PASSWORD})
    assert locked.status_code == 429
    assert 1 <= int(locked.headers["Retry-After"]) <= res.settings.login_lockout_seconds
    await clear_login_counters(res, victim.username or "")


@pytest.mark.parametrize(
    "body",
    [{}, {"username": "someone"}, {"password": "x" * 10}, {"username": "a", "password": "b", "extra": 1}],
)
async def test_malformed_bodies_answer_422(api: httpx.AsyncClient, body: dict[str, object]) -> None:
    response = await api.post(LOGIN, json=body)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_failed"
