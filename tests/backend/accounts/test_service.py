"""backend.accounts.service: create_user's rules, and sign-in limits under parallel guessing."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from backend.accounts import repository
from backend.accounts.schemas import AccountAnswer
from backend.accounts.service import create_user, login
from backend.context import Resources
from backend.errors import Conflict, RateLimited, Unauthorized, ValidationFailed
from backend.models import Account
from backend.security import verify_password
from tests.backend.accounts.factories import PASSWORD, make_password_account, unique_username
from tests.factories import make_facility


def field_of(exc: pytest.ExceptionInfo[ValidationFailed]) -> str:
    return next(iter(exc.value.details["fields"]))


async def test_creates_a_regulator(res: Resources) -> None:
    username = unique_username("Reg")
    created = await create_user(res, role="regulator", username=username, password="password-1")
    assert created.role == "regulator"
    assert created.username == username.lower()
    assert created.facility_id is None
    assert created.is_active is True
    stored = await Account.get(id=created.id)
    assert stored.password_hash is not None
    assert stored.password_hash.startswith("$argon2id$")
    assert verify_password(stored.password_hash, "password-1")


async def test_facility_roles_need_an_existing_facility(res: Resources) -> None:
    facility = await make_facility(res)
    for role in ("facility_admin", "facility_staff"):
        created = await create_user(
            res, role=role, username=unique_username(), password="password-1", facility_id=str(facility.id)
        )
        assert created.facility_id == str(facility.id)
        for missing in (None, "", str(uuid.uuid4()), "not-a-uuid"):
            with pytest.raises(ValidationFailed) as exc:
                await create_user(
                    res, role=role, username=unique_username(), password="password-1", facility_id=missing
                )
            assert field_of(exc) == "facility"


async def test_regulators_belong_to_no_facility(res: Resources) -> None:
    facility = await make_facility(res)
    with pytest.raises(ValidationFailed) as exc:
        await create_user(
            res,
            role="regulator",
            username=unique_username(),
            password="password-1",
            facility_id=str(facility.id),
        )
    assert field_of(exc) == "facility"


@pytest.mark.parametrize(
    ("role", "username", "password", "field"),
    [
        ("parent", "valid.name", "password-1", "role"),
        ("superuser", "valid.name", "password-1", "role"),
        ("regulator", "ab", "password-1", "username"),
        ("regulator", "a" * 51, "password-1", "username"),
        ("regulator", "bad name", "password-1", "username"),
        ("regulator", "bad/name", "password-1", "username"),
        ("regulator", "名字名字", "password-1", "username"),
        ("regulator", "valid.name", "seven77", "password"),
        ("regulator", "valid.name", "p" * 129, "password"),
    ],
)
async def test_rules_for_role_username_and_password(
    res: Resources, role: str, username: str, password: str, field: str
) -> None:
    with pytest.raises(ValidationFailed) as exc:
        await create_user(res, role=role, username=username, password=password)
    assert field_of(exc) == field


async def test_usernames_are_unique_whatever_the_case(res: Resources) -> None:
    username = unique_username("dup")
    await create_user(res, role="regulator", username=username, password="password-1")
    with pytest.raises(Conflict):
        await create_user(res, role="regulator", username=username.upper(), password="password-1")


async def test_a_race_for_one_username_makes_one_account(res: Resources) -> None:
    username = unique_username("race")
    results = await asyncio.gather(
        *(create_user(res, role="regulator", username=username, password="password-1") for _ in range(4)),
        return_exceptions=True,
    )
    assert sum(isinstance(r, AccountAnswer) for r in results) == 1
    assert all(isinstance(r, AccountAnswer | Conflict) for r in results), results
    assert await Account.filter(username=username).count() == 1


async def _never_taken(_: str) -> bool:
    return False  # the check ran before the concurrent insert


async def test_a_username_taken_after_the_check_answers_taken(
    res: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    username = unique_username("late")
    await create_user(res, role="regulator", username=username, password="password-1")
    monkeypatch.setattr(repository, "username_taken", _never_taken)

    with pytest.raises(Conflict) as raised:
        await create_user(res, role="regulator", username=username, password="password-2")

    assert raised.value.details == {"fields": {"username": "taken"}}
    assert await Account.filter(username=username).count() == 1


async def test_parallel_guesses_get_no_more_tries_than_patient_ones(res: Resources) -> None:
    account = await make_password_account("regulator")
    address = f"198.51.100.{uuid.uuid4().int % 250}"
    results = await asyncio.gather(
        *(
            login(res, username=account.username or "", password="wrong-guess", client_address=address)
            for _ in range(12)
        ),
        return_exceptions=True,
    )
    unauthorized = sum(isinstance(r, Unauthorized) for r in results)
    limited = sum(isinstance(r, RateLimited) for r in results)
    assert unauthorized == res.settings.login_max_failures
    assert limited == 12 - unauthorized
    with pytest.raises(RateLimited):
        await login(res, username=account.username or "", password=PASSWORD, client_address=address)
    await res.redis.delete(
        res.key("rl", "login-address", address), res.key("rl", "login-user", account.username)
    )
