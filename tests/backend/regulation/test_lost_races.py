"""A registration or a ban-list addition that loses a race to a concurrent one (the unique value
was taken between the service's check and its insert) answers the same 409 as the check, and
leaves nothing of itself behind."""

from __future__ import annotations

import uuid

import pytest

from backend.accounts import repository as account_repository
from backend.context import Caller, Resources
from backend.errors import Conflict
from backend.facilities import repository as facility_repository
from backend.models import AuditEntry, BanEntry, Facility
from backend.regulation.banlist import BAN_ADD, BanEntryBody, add_ban_entry
from backend.regulation.registration import RegistrationBody, register_facility
from backend.staff import repository as staff_repository
from tests.backend.accounts.factories import PASSWORD, unique_username, valid_id_number
from tests.factories import make_account, make_facility, unique_credit_code

# Away from the district centre, where other tests look for the demo facilities nearby.
AWAY = {"lat": 36.0671, "lng": 120.3826}


async def _regulator(res: Resources) -> Caller:
    account, _ = await make_account(res, "regulator")
    return Caller(account_id=str(account.id), role="regulator")


def _registration(credit_code: str, username: str) -> RegistrationBody:
    return RegistrationBody.model_validate(
        {
            "name": f"竞态托育园{uuid.uuid4().hex[:6]}",
            "credit_code": credit_code,
            "address": "威海市环翠区竞态路1号",
            "town": "竞态镇",
            **AWAY,
            "nature": "private_nonprofit",
            "admin": {"username": username, "password": PASSWORD},
        }
    )


async def _never_taken(_: str) -> bool:
    return False  # the check ran before the concurrent insert


async def test_a_username_taken_after_the_check_answers_taken(
    res: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    caller = await _regulator(res)
    username = unique_username("admin")
    await account_repository.create_account(
        role="facility_admin", username=username, password_hash="x", facility_id=None, display_name="先到"
    )
    credit_code = unique_credit_code()
    monkeypatch.setattr(account_repository, "username_taken", _never_taken)

    with pytest.raises(Conflict) as raised:
        await register_facility(res, caller, _registration(credit_code, username))

    assert raised.value.details == {"fields": {"admin.username": "taken"}}
    assert not await Facility.filter(credit_code=credit_code).exists()


async def test_a_credit_code_taken_after_the_check_answers_registered(
    res: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    caller = await _regulator(res)
    taken = await make_facility(res, **AWAY)
    checked_code = facility_repository.credit_code_taken
    checks = 0

    async def taken_only_after_the_insert(credit_code: str) -> bool:
        nonlocal checks
        checks += 1
        return checks > 1 and await checked_code(credit_code)

    monkeypatch.setattr(facility_repository, "credit_code_taken", taken_only_after_the_insert)
    username = unique_username("admin")

    with pytest.raises(Conflict) as raised:
        await register_facility(res, caller, _registration(taken.credit_code, username))

    assert raised.value.details == {"fields": {"credit_code": "registered"}}
    assert await account_repository.get_by_username(username) is None


async def test_a_person_listed_after_the_check_answers_already_listed(
    res: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    caller = await _regulator(res)
    body = BanEntryBody(id_number=valid_id_number(), name=f"竞态{uuid.uuid4().hex[:6]}", reason="判决")
    await add_ban_entry(res, caller, body)

    async def not_listed_yet(_: str) -> BanEntry | None:
        return None

    monkeypatch.setattr(staff_repository, "ban_entry_for", not_listed_yet)

    with pytest.raises(Conflict) as raised:
        await add_ban_entry(res, caller, body)

    assert raised.value.details == {"fields": {"id_number": "already listed"}}
    assert await BanEntry.filter(name=body.name).count() == 1
    additions = await AuditEntry.filter(action=BAN_ADD, actor_id=caller.account_id).count()
    assert additions == 1
