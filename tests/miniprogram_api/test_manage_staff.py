"""/api/v1/manage/staff: the staff register, ID numbers verified, hashed, encrypted and masked, and
every hire checked against the ban list."""

from __future__ import annotations

import unicodedata
from datetime import timedelta
from typing import Any

import httpx
import pytest

from backend.context import Resources
from backend.models import BanAlert, BanEntry, Facility, StaffMember
from backend.security import decrypt, keyed_hash
from backend.validators import mask_id_number
from tests.backend.accounts.factories import (
    make_password_account,
    token_for,
    valid_id_number,
    with_wrong_check_char,
)
from tests.conftest import bearer
from tests.factories import make_account, make_facility, make_parent

STAFF = "/api/v1/manage/staff"


async def admin_token(res: Resources, facility: Facility) -> str:
    return await token_for(res, await make_password_account("facility_admin", facility))


def new_staff(id_number: str | None = None, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "王老师",
        "id_number": id_number if id_number is not None else valid_id_number(),
        "role": "caregiver",
        "certificates": ["保育师证", "健康证"],
        "last_record_check": "2026-01-05",
    }
    body.update(overrides)
    return body


async def ban(res: Resources, id_number: str, name: str = "张某") -> BanEntry:
    return await BanEntry.create(
        id_number_hash=keyed_hash(res.settings.secret_key, id_number), name=name, reason="虐童，终身禁入"
    )


async def test_the_admin_adds_a_staff_member_stored_safely(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    token = await admin_token(res, facility)
    id_number = valid_id_number()
    response = await api.post(STAFF, json=new_staff(id_number), headers=bearer(token))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["name"] == "王老师"
    assert body["role"] == "caregiver"
    assert body["certificates"] == ["保育师证", "健康证"]
    assert body["last_record_check"] == "2026-01-05"
    assert body["banned_match"] is False
    assert body["id_number_masked"] == id_number[:4] + "*" * 10 + id_number[-4:]
    assert id_number not in response.text

    stored = await StaffMember.get(id=body["id"])
    assert stored.id_number_hash == keyed_hash(res.settings.secret_key, id_number)
    assert decrypt(res.settings.secret_key, stored.id_number_enc) == id_number
    # No column holds the number in the clear.
    row = (await StaffMember.filter(id=stored.id).values())[0]
    for column, value in row.items():
        assert id_number not in str(value), column
        assert id_number[6:14] + id_number[14:17] not in str(value), column


async def test_the_list_shows_masked_numbers_to_admin_and_staff(
    api: httpx.AsyncClient, res: Resources
) -> None:
    facility = await make_facility(res)
    token = await admin_token(res, facility)
    numbers = [valid_id_number() for _ in range(3)]
    for number in numbers:
        assert (await api.post(STAFF, json=new_staff(number), headers=bearer(token))).status_code == 201
    staff_token = await token_for(res, await make_password_account("facility_staff", facility))
    for reader in (token, staff_token):
        response = await api.get(STAFF, headers=bearer(reader))
        assert response.status_code == 200, response.text
        items = response.json()["items"]
        assert [item["id_number_masked"] for item in items] == [mask_id_number(n) for n in numbers]
        for number in numbers:
            assert number not in response.text


async def test_the_list_pages(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    token = await admin_token(res, facility)
    for _ in range(5):
        assert (await api.post(STAFF, json=new_staff(), headers=bearer(token))).status_code == 201
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = (await api.get(STAFF, params=params, headers=bearer(token))).json()
        assert len(page["items"]) <= 2
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 5
    bad = await api.get(STAFF, params={"cursor": "forged.cursor"}, headers=bearer(token))
    assert bad.status_code == 422
    too_many = await api.get(STAFF, params={"limit": 51}, headers=bearer(token))
    assert too_many.status_code == 422


async def test_wrong_callers_are_refused(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    staff_token = await token_for(res, await make_password_account("facility_staff", facility))
    _, parent_token = await make_parent(res)
    _, regulator_token = await make_account(res, "regulator")

    assert (await api.get(STAFF)).status_code == 401
    assert (await api.post(STAFF, json=new_staff())).status_code == 401
    for token in (parent_token, regulator_token):
        assert (await api.get(STAFF, headers=bearer(token))).status_code == 403
    for token in (parent_token, regulator_token, staff_token):
        response = await api.post(STAFF, json=new_staff(), headers=bearer(token))
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"
    assert await StaffMember.filter(facility=facility).count() == 0


async def test_removing_staff(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    other_facility = await make_facility(res)
    token = await admin_token(res, facility)
    other_token = await admin_token(res, other_facility)
    staff_token = await token_for(res, await make_password_account("facility_staff", facility))
    member = (await api.post(STAFF, json=new_staff(), headers=bearer(token))).json()
    path = f"{STAFF}/{member['id']}"

    assert (await api.delete(path)).status_code == 401
    assert (await api.delete(path, headers=bearer(staff_token))).status_code == 403
    # Another facility's admin cannot tell it exists.
    foreign = await api.delete(path, headers=bearer(other_token))
    assert foreign.status_code == 404
    assert foreign.json()["error"]["code"] == "not_found"

    assert (await api.delete(path, headers=bearer(token))).status_code == 204
    listed = (await api.get(STAFF, headers=bearer(token))).json()["items"]
    assert member["id"] not in [item["id"] for item in listed]
    stored = await StaffMember.get(id=member["id"])
    assert stored.is_active is False
    assert (await api.delete(path, headers=bearer(token))).status_code == 404
    assert (await api.delete(f"{STAFF}/not-a-uuid", headers=bearer(token))).status_code == 404
    assert (
        await api.delete(f"{STAFF}/00000000-0000-4000-8000-000000000000", headers=bearer(token))
    ).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"id_number": "wrong-check"}, "id_number"),
        ({"id_number": "37100219900101123"}, "id_number"),
        ({"id_number": ""}, "id_number"),
        ({"name": ""}, "name"),
        ({"name": "名" * 51}, "name"),
        ({"role": "principal"}, "role"),
        ({"certificates": [f"证书{i}" for i in range(11)]}, "certificates"),
        ({"certificates": ["证" * 51]}, "certificates"),
        ({"certificates": [""]}, "certificates"),
        ({"last_record_check": "2999-01-01"}, "last_record_check"),
        ({"last_record_check": "yesterday"}, "last_record_check"),
        ({"salary": 5000}, "salary"),
    ],
)
async def test_invalid_staff_answer_422_naming_the_field(
    api: httpx.AsyncClient, res: Resources, overrides: dict[str, Any], field: str
) -> None:
    facility = await make_facility(res)
    token = await admin_token(res, facility)
    body = new_staff(**overrides)
    if overrides.get("id_number") == "wrong-check":
        body["id_number"] = with_wrong_check_char(valid_id_number())
    response = await api.post(STAFF, json=body, headers=bearer(token))
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert any(name == field or name.startswith(field + ".") for name in error["details"]["fields"])
    assert await StaffMember.filter(facility=facility).count() == 0


async def test_full_width_and_lower_case_numbers_are_normalised(
    api: httpx.AsyncClient, res: Resources
) -> None:
    facility = await make_facility(res)
    token = await admin_token(res, facility)
    number = valid_id_number()
    while not number.endswith("X"):
        number = valid_id_number()
    typed = unicodedata.normalize("NFKC", number).lower().replace("3", "３")
    response = await api.post(STAFF, json=new_staff(typed), headers=bearer(token))
    assert response.status_code == 201, response.text
    stored = await StaffMember.get(id=response.json()["id"])
    assert stored.id_number_hash == keyed_hash(res.settings.secret_key, number)
    # The same person again is a duplicate, however it is typed.
    again = await api.post(STAFF, json=new_staff(number), headers=bearer(token))
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"


async def test_a_banned_person_is_refused_and_the_bureau_sees_it(
    api: httpx.AsyncClient, res: Resources
) -> None:
    facility = await make_facility(res)
    token = await admin_token(res, facility)
    number = valid_id_number()
    entry = await ban(res, number)
    response = await api.post(STAFF, json=new_staff(number, name="张某某"), headers=bearer(token))
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "banned_person"
    assert await StaffMember.filter(facility=facility).count() == 0

    alerts = await BanAlert.filter(facility=facility)
    assert len(alerts) == 1
    assert alerts[0].kind == "hire_refused"
    assert alerts[0].ban_entry_id == entry.id  # type: ignore[attr-defined]
    assert alerts[0].name == "张某某"

    _, regulator_token = await make_account(res, "regulator")
    listed = await api.get(
        "/api/v1/admin/ban-alerts",
        params={"kind": "hire_refused", "limit": 50},
        headers=bearer(regulator_token),
    )
    assert listed.status_code == 200
    mine = [item for item in listed.json()["items"] if item["facility_id"] == str(facility.id)]
    assert len(mine) == 1
    assert mine[0]["facility_name"] == facility.name
    assert mine[0]["kind"] == "hire_refused"
    assert mine[0]["resolved"] is False


async def test_record_checks_fall_due_after_a_year(api: httpx.AsyncClient, res: Resources) -> None:
    from backend.calendar import today_local

    facility = await make_facility(res)
    token = await admin_token(res, facility)
    recent = (today_local() - timedelta(days=30)).isoformat()
    old = (today_local() - timedelta(days=400)).isoformat()
    fresh = await api.post(STAFF, json=new_staff(last_record_check=recent), headers=bearer(token))
    stale = await api.post(STAFF, json=new_staff(last_record_check=old), headers=bearer(token))
    never = await api.post(STAFF, json=new_staff(last_record_check=None), headers=bearer(token))
    assert fresh.json()["record_check_due"] is False
    assert stale.json()["record_check_due"] is True
    assert never.json()["record_check_due"] is True
