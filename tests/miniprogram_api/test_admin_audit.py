"""GET /api/v1/admin/audit: every bureau change and every read of a child's record, newest first,
with who did it."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from backend.audit import record_child_reads
from backend.context import Caller, Resources
from backend.models import AuditEntry
from tests.backend.accounts.factories import (
    make_password_account,
    token_for,
    unique_username,
    valid_id_number,
)
from tests.conftest import bearer
from tests.factories import make_account, make_facility, make_parent, unique_credit_code

AUDIT = "/api/v1/admin/audit"


async def test_bureau_changes_are_listed_newest_first_with_the_actor(
    api: httpx.AsyncClient, res: Resources
) -> None:
    regulator, token = await make_account(res, "regulator")
    registered = await api.post(
        "/api/v1/admin/facilities",
        json={
            "name": "审计测试托育园",
            "credit_code": unique_credit_code(),
            "address": "威海市环翠区审计路1号",
            "town": "环翠楼街道",
            "lat": 37.5,
            "lng": 122.1,
            "nature": "public",
            "admin": {"username": unique_username("audit"), "password": "password-1"},
        },
        headers=bearer(token),
    )
    assert registered.status_code == 201, registered.text
    facility_id = registered.json()["id"]
    patched = await api.patch(
        f"/api/v1/admin/facilities/{facility_id}",
        json={"filing_status": "filed", "filing_number": "环卫托备〔2026〕120号"},
        headers=bearer(token),
    )
    assert patched.status_code == 200, patched.text
    banned = await api.post(
        "/api/v1/admin/banlist",
        json={"id_number": valid_id_number(), "name": "审计某", "reason": "r"},
        headers=bearer(token),
    )
    assert banned.status_code == 201

    response = await api.get(AUDIT, params={"limit": 3}, headers=bearer(token))
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [item["action"] for item in items] == ["banlist.add", "facility.update", "facility.register"]
    for item in items:
        assert item["actor_id"] == str(regulator.id)
        assert item["actor_role"] == "regulator"
        assert item["actor"]["username"] == regulator.username
        assert set(item) == {
            "id",
            "actor_id",
            "actor_role",
            "actor",
            "action",
            "object_type",
            "object_id",
            "facility_id",
            "details",
            "created_at",
        }
    assert items[1]["facility_id"] == facility_id
    assert items[1]["details"]["changes"]["filing_status"] == {"from": "unfiled", "to": "filed"}
    assert items[2]["object_id"] == facility_id

    by_facility = await api.get(AUDIT, params={"facility_id": facility_id}, headers=bearer(token))
    assert [item["action"] for item in by_facility.json()["items"]] == [
        "facility.update",
        "facility.register",
    ]
    by_action = await api.get(
        AUDIT, params={"action": "facility.register", "limit": 50}, headers=bearer(token)
    )
    assert {item["action"] for item in by_action.json()["items"]} == {"facility.register"}
    assert facility_id in [item["object_id"] for item in by_action.json()["items"]]


async def test_reads_of_a_childs_record_are_listed(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    staff = await make_password_account("facility_staff", facility)
    child_id = str(uuid.uuid4())
    await record_child_reads(
        Caller(account_id=str(staff.id), role="facility_staff", facility_id=str(facility.id)),
        [child_id],
        str(facility.id),
    )
    _, token = await make_account(res, "regulator")
    response = await api.get(
        AUDIT, params={"action": "child.read", "facility_id": str(facility.id)}, headers=bearer(token)
    )
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["object_type"] == "child"
    assert item["object_id"] == child_id
    assert item["actor_id"] == str(staff.id)
    assert item["actor_role"] == "facility_staff"


async def test_the_log_pages_without_repeats(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    caller = Caller(account_id=str(uuid.uuid4()), role="regulator")
    for n in range(5):
        await AuditEntry.create(
            actor_id=None,
            actor_role=caller.role,
            action="test.paging",
            object_type="facility",
            object_id=str(n),
            facility_id=facility.id,
        )
    _, token = await make_account(res, "regulator")
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"facility_id": str(facility.id), "limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = (await api.get(AUDIT, params=params, headers=bearer(token))).json()
        seen += [item["object_id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["4", "3", "2", "1", "0"]


async def test_a_refused_change_leaves_no_entry(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res, filing_status="unfiled", filing_number=None)
    _, token = await make_account(res, "regulator")
    refused = await api.patch(
        f"/api/v1/admin/facilities/{facility.id}", json={"filing_status": "filed"}, headers=bearer(token)
    )
    assert refused.status_code == 422
    assert not await AuditEntry.filter(facility_id=facility.id).exists()


async def test_only_regulators_read_the_log(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    _, parent_token = await make_parent(res)
    admin_token = await token_for(res, await make_password_account("facility_admin", facility))
    staff_token = await token_for(res, await make_password_account("facility_staff", facility))
    assert (await api.get(AUDIT)).status_code == 401
    for token in (parent_token, admin_token, staff_token):
        response = await api.get(AUDIT, headers=bearer(token))
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"facility_id": "not-a-uuid"}, "facility_id"),
        ({"limit": 0}, "limit"),
        ({"limit": 51}, "limit"),
        ({"cursor": "forged.cursor"}, "cursor"),
        ({"action": "x" * 51}, "action"),
        ({"actor": "me"}, "actor"),
    ],
)
async def test_bad_queries_answer_422(
    api: httpx.AsyncClient, res: Resources, params: dict[str, Any], field: str
) -> None:
    _, token = await make_account(res, "regulator")
    response = await api.get(AUDIT, params=params, headers=bearer(token))
    assert response.status_code == 422, response.text
    assert field in response.json()["error"]["details"]["fields"]
