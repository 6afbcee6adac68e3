"""/api/v1/admin/banlist and /admin/ban-alerts: the lifetime ban list (污点禁入), kept only as keyed
hashes, flagging staff already employed and showing refused hires to the bureau."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from backend.context import Resources
from backend.models import AuditEntry, BanAlert, BanEntry, Facility, StaffMember
from backend.security import keyed_hash
from backend.validators import mask_id_number
from tests.backend.accounts.factories import (
    make_password_account,
    token_for,
    valid_id_number,
    with_wrong_check_char,
)
from tests.conftest import bearer
from tests.factories import make_account, make_facility, make_parent

BANLIST = "/api/v1/admin/banlist"
ALERTS = "/api/v1/admin/ban-alerts"


@pytest.fixture
async def regulator_token(res: Resources) -> str:
    _, token = await make_account(res, "regulator")
    return token


async def hire(api: httpx.AsyncClient, res: Resources, facility: Facility, id_number: str, name: str) -> str:
    token = await token_for(res, await make_password_account("facility_admin", facility))
    response = await api.post(
        "/api/v1/manage/staff",
        json={"name": name, "id_number": id_number, "role": "caregiver"},
        headers=bearer(token),
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def test_an_entry_keeps_only_a_keyed_hash(
    api: httpx.AsyncClient, res: Resources, regulator_token: str
) -> None:
    number = valid_id_number()
    response = await api.post(
        BANLIST,
        json={"id_number": number, "name": "张某", "reason": "虐待儿童，终身禁入"},
        headers=bearer(regulator_token),
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == {"id", "name", "reason", "created_at", "employed_matches"}
    assert body["employed_matches"] == 0
    assert number not in response.text

    entry = await BanEntry.get(id=body["id"])
    assert entry.id_number_hash == keyed_hash(res.settings.secret_key, number)
    row = (await BanEntry.filter(id=entry.id).values())[0]
    for column, value in row.items():
        assert number not in str(value), column
        assert number[:17] not in str(value), column

    audit = await AuditEntry.get(action="banlist.add", object_id=body["id"])
    assert audit.actor_role == "regulator"
    assert number not in str(audit.details)
    assert entry.id_number_hash not in str(audit.details)


async def test_the_list_shows_names_and_reasons_never_hashes(
    api: httpx.AsyncClient, res: Resources, regulator_token: str
) -> None:
    names = [f"禁入人员{uuid.uuid4().hex[:4]}" for _ in range(3)]
    for name in names:
        response = await api.post(
            BANLIST,
            json={"id_number": valid_id_number(), "name": name, "reason": "理由"},
            headers=bearer(regulator_token),
        )
        assert response.status_code == 201
    first_page = await api.get(BANLIST, params={"limit": 2}, headers=bearer(regulator_token))
    assert first_page.status_code == 200
    page = first_page.json()
    assert [item["name"] for item in page["items"]] == [names[2], names[1]]
    assert set(page["items"][0]) == {"id", "name", "reason", "created_at"}
    second = await api.get(
        BANLIST, params={"limit": 2, "cursor": page["next_cursor"]}, headers=bearer(regulator_token)
    )
    assert second.json()["items"][0]["name"] == names[0]
    hashes = [e.id_number_hash for e in await BanEntry.all()]
    for text in (first_page.text, second.text):
        assert not any(h in text for h in hashes)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"id_number": "WRONG", "name": "张某", "reason": "理由"}, "id_number"),
        ({"id_number": "123", "name": "张某", "reason": "理由"}, "id_number"),
        ({"id_number": "VALID", "name": "", "reason": "理由"}, "name"),
        ({"id_number": "VALID", "name": "张某", "reason": ""}, "reason"),
        ({"id_number": "VALID", "name": "张某", "reason": "理" * 501}, "reason"),
        ({"id_number": "VALID", "name": "张某"}, "reason"),
        ({"id_number": "VALID", "name": "张某", "reason": "理由", "id_hash": "x"}, "id_hash"),
    ],
)
async def test_invalid_entries_answer_422(
    api: httpx.AsyncClient, res: Resources, regulator_token: str, body: dict[str, Any], field: str
) -> None:
    body = dict(body)
    if body["id_number"] == "WRONG":
        body["id_number"] = with_wrong_check_char(valid_id_number())
    elif body["id_number"] == "VALID":
        body["id_number"] = valid_id_number()
    response = await api.post(BANLIST, json=body, headers=bearer(regulator_token))
    assert response.status_code == 422, response.text
    assert field in response.json()["error"]["details"]["fields"]
    assert not await BanEntry.filter(
        id_number_hash=keyed_hash(res.settings.secret_key, body["id_number"])
    ).exists()


async def test_a_person_listed_twice_is_a_conflict(
    api: httpx.AsyncClient, res: Resources, regulator_token: str
) -> None:
    number = valid_id_number()
    while not number.endswith("X"):
        number = valid_id_number()
    first = await api.post(
        BANLIST, json={"id_number": number, "name": "李某", "reason": "a"}, headers=bearer(regulator_token)
    )
    assert first.status_code == 201
    again = await api.post(
        BANLIST,
        json={"id_number": number.lower(), "name": "李某", "reason": "b"},
        headers=bearer(regulator_token),
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"


async def test_only_regulators_see_or_change_the_list(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    _, parent_token = await make_parent(res)
    admin_token = await token_for(res, await make_password_account("facility_admin", facility))
    staff_token = await token_for(res, await make_password_account("facility_staff", facility))
    body = {"id_number": valid_id_number(), "name": "某", "reason": "理由"}
    calls = [
        ("POST", BANLIST, body),
        ("GET", BANLIST, None),
        ("GET", ALERTS, None),
        ("POST", f"{ALERTS}/{uuid.uuid4()}/resolve", None),
    ]
    for method, url, json in calls:
        assert (await api.request(method, url, json=json)).status_code == 401
        for token in (parent_token, admin_token, staff_token):
            response = await api.request(method, url, json=json, headers=bearer(token))
            assert response.status_code == 403, (method, url)
            assert response.json()["error"]["code"] == "forbidden"
    assert not await BanEntry.filter(
        id_number_hash=keyed_hash(res.settings.secret_key, body["id_number"])
    ).exists()


async def test_staff_already_employed_are_flagged_at_once(
    api: httpx.AsyncClient, res: Resources, regulator_token: str
) -> None:
    number = valid_id_number()
    first, second, former = [await make_facility(res) for _ in range(3)]
    first_staff = await hire(api, res, first, number, "王某")
    second_staff = await hire(api, res, second, number, "王某")
    former_staff = await hire(api, res, former, number, "王某")
    await StaffMember.filter(id=former_staff).update(is_active=False)
    bystander = await hire(api, res, first, valid_id_number(), "赵某")

    response = await api.post(
        BANLIST,
        json={"id_number": number, "name": "王某", "reason": "猥亵儿童"},
        headers=bearer(regulator_token),
    )
    assert response.status_code == 201, response.text
    assert response.json()["employed_matches"] == 2

    for staff_id, flagged in (
        (first_staff, True),
        (second_staff, True),
        (former_staff, False),
        (bystander, False),
    ):
        assert (await StaffMember.get(id=staff_id)).banned_match is flagged, staff_id
    alerts = await BanAlert.filter(ban_entry_id=response.json()["id"]).order_by("created_at")
    assert {a.kind for a in alerts} == {"employed_match"}
    assert {str(a.staff_id) for a in alerts} == {first_staff, second_staff}  # type: ignore[attr-defined]

    # The facility sees its flagged member in its own list, still masked.
    admin_token = await token_for(res, await make_password_account("facility_admin", first))
    listed = (await api.get("/api/v1/manage/staff", headers=bearer(admin_token))).json()["items"]
    assert next(item for item in listed if item["id"] == first_staff)["banned_match"] is True

    shown = await api.get(
        ALERTS, params={"kind": "employed_match", "limit": 50}, headers=bearer(regulator_token)
    )
    assert shown.status_code == 200
    mine = [item for item in shown.json()["items"] if item["ban_entry"]["id"] == response.json()["id"]]
    assert {item["facility_name"] for item in mine} == {first.name, second.name}
    for item in mine:
        assert item["staff_id_number_masked"] == mask_id_number(number)
        assert item["resolved"] is False
        assert item["kind"] == "employed_match"
    assert number not in shown.text


async def test_alerts_are_resolved_and_the_change_audited(
    api: httpx.AsyncClient, res: Resources, regulator_token: str
) -> None:
    number = valid_id_number()
    facility = await make_facility(res)
    admin_token = await token_for(res, await make_password_account("facility_admin", facility))
    await api.post(
        BANLIST, json={"id_number": number, "name": "孙某", "reason": "r"}, headers=bearer(regulator_token)
    )
    refused = await api.post(
        "/api/v1/manage/staff",
        json={"name": "孙某", "id_number": number, "role": "cook"},
        headers=bearer(admin_token),
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "banned_person"

    open_alerts = await api.get(
        ALERTS, params={"resolved": "false", "limit": 50}, headers=bearer(regulator_token)
    )
    alert = next(item for item in open_alerts.json()["items"] if item["facility_id"] == str(facility.id))
    assert alert["kind"] == "hire_refused"
    assert alert["staff_id"] is None
    assert alert["name"] == "孙某"

    resolved = await api.post(f"{ALERTS}/{alert['id']}/resolve", headers=bearer(regulator_token))
    assert resolved.status_code == 200, resolved.text
    assert resolved.json()["resolved"] is True
    assert await AuditEntry.filter(action="ban_alert.resolve", object_id=alert["id"]).exists()
    still_open = await api.get(
        ALERTS, params={"resolved": "false", "limit": 50}, headers=bearer(regulator_token)
    )
    assert alert["id"] not in [item["id"] for item in still_open.json()["items"]]

    missing = await api.post(f"{ALERTS}/{uuid.uuid4()}/resolve", headers=bearer(regulator_token))
    assert missing.status_code == 404
    bad_filter = await api.get(ALERTS, params={"kind": "gossip"}, headers=bearer(regulator_token))
    assert bad_filter.status_code == 422
