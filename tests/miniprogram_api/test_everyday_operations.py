"""The everyday operations of API.md v1.1: a staff member's record check, one's own password, the
bureau's accounts list, finding facilities by name or address, taking a person off the ban list,
following up a rectify result, and audit entries that name the actor. Each route's wrong callers
get 403 (another role) or 404 (another facility's object)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from backend.calendar import today_local
from backend.context import Resources
from backend.models import Account, AuditEntry, BanAlert, BanEntry, Booking, Facility, Inspection, StaffMember
from backend.security import keyed_hash
from tests.backend.accounts.factories import PASSWORD, make_password_account, token_for, valid_id_number
from tests.conftest import bearer
from tests.factories import make_facility, make_parent

STAFF = "/api/v1/manage/staff"


async def _admin(res: Resources, facility: Facility) -> dict[str, Any]:
    return bearer(await token_for(res, await make_password_account("facility_admin", facility)))


async def _regulator(res: Resources) -> tuple[Account, dict[str, Any]]:
    account = await make_password_account("regulator")
    return account, bearer(await token_for(res, account))


async def _hire(api: httpx.AsyncClient, headers: dict[str, Any], **body: Any) -> dict[str, Any]:
    answer = await api.post(
        STAFF,
        json={"name": "李老师", "id_number": valid_id_number(), "role": "caregiver", **body},
        headers=headers,
    )
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


# --- PATCH /manage/staff/{id} ---


async def test_recording_the_record_check_clears_the_overdue_flag(
    api: httpx.AsyncClient, res: Resources
) -> None:
    facility = await make_facility(res)
    admin = await _admin(res, facility)
    hired = await _hire(api, admin, last_record_check=(today_local() - timedelta(days=800)).isoformat())
    assert hired["record_check_due"] is True
    checked = today_local().isoformat()
    answer = await api.patch(
        f"{STAFF}/{hired['id']}",
        json={"record_checked_on": checked, "role": "health", "certificates": ["健康证"]},
        headers=admin,
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["record_check_due"] is False
    assert body["record_checked_on"] == checked
    assert body["role"] == "health" and body["certificates"] == ["健康证"]
    stored = await StaffMember.get(id=hired["id"])
    assert stored.last_record_check == today_local() and stored.role == "health"


async def test_a_record_check_in_the_future_is_refused(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    admin = await _admin(res, facility)
    hired = await _hire(api, admin)
    tomorrow = (today_local() + timedelta(days=1)).isoformat()
    answer = await api.patch(f"{STAFF}/{hired['id']}", json={"record_checked_on": tomorrow}, headers=admin)
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "validation_failed"
    assert error["details"]["fields"] == {"record_checked_on": "不能晚于今天"}
    assert "背景核查日期" in error["message"]


async def test_another_facility_or_its_staff_cannot_change_a_staff_member(
    api: httpx.AsyncClient, res: Resources
) -> None:
    facility = await make_facility(res)
    hired = await _hire(api, await _admin(res, facility))
    other_admin = await _admin(res, await make_facility(res))
    staff = bearer(await token_for(res, await make_password_account("facility_staff", facility)))
    _, regulator = await _regulator(res)
    path = f"{STAFF}/{hired['id']}"
    assert (await api.patch(path, json={"role": "cook"}, headers=other_admin)).status_code == 404
    assert (await api.patch(path, json={"role": "cook"}, headers=staff)).status_code == 403
    assert (await api.patch(path, json={"role": "cook"}, headers=regulator)).status_code == 403
    assert (await StaffMember.get(id=hired["id"])).role == "caregiver"


# --- POST /auth/password ---


async def _login(api: httpx.AsyncClient, username: str, password: str) -> httpx.Response:
    return await api.post("/api/v1/auth/login", json={"username": username, "password": password})


async def test_a_password_change_ends_the_other_sessions(api: httpx.AsyncClient, res: Resources) -> None:
    account = await make_password_account("facility_admin", await make_facility(res))
    assert account.username is not None
    this = bearer((await _login(api, account.username, PASSWORD)).json()["token"])
    other = bearer((await _login(api, account.username, PASSWORD)).json()["token"])
    answer = await api.post(
        "/api/v1/auth/password",
        json={"old_password": PASSWORD, "new_password": "a new long passphrase"},
        headers=this,
    )
    assert answer.status_code == 200, answer.text
    assert (await api.get("/api/v1/me", headers=this)).status_code == 200
    assert (await api.get("/api/v1/me", headers=other)).status_code == 401
    assert (await _login(api, account.username, PASSWORD)).status_code == 401
    assert (await _login(api, account.username, "a new long passphrase")).status_code == 200


async def test_a_wrong_old_password_is_refused(api: httpx.AsyncClient, res: Resources) -> None:
    account, headers = await _regulator(res)
    answer = await api.post(
        "/api/v1/auth/password",
        json={"old_password": "not the password", "new_password": "a new long passphrase"},
        headers=headers,
    )
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "validation_failed"
    assert error["details"]["fields"] == {"old_password": "原密码不正确"}
    assert (await Account.get(id=account.id)).password_hash == account.password_hash


async def test_a_weak_new_password_is_refused(api: httpx.AsyncClient, res: Resources) -> None:
    account, headers = await _regulator(res)
    for weak, problem in (("short1", "至少 10 个字符"), (account.username, "不能与用户名相同")):
        answer = await api.post(
            "/api/v1/auth/password", json={"old_password": PASSWORD, "new_password": weak}, headers=headers
        )
        assert answer.status_code == 422, answer.text
        assert answer.json()["error"]["details"]["fields"] == {"new_password": problem}


async def test_a_parent_has_no_password_to_change(api: httpx.AsyncClient, res: Resources) -> None:
    _, token = await make_parent(res)
    answer = await api.post(
        "/api/v1/auth/password", json={"old_password": "x", "new_password": "y" * 12}, headers=bearer(token)
    )
    assert answer.status_code == 403
    assert (await api.post("/api/v1/auth/password", json={})).status_code == 401


# --- GET /admin/accounts ---


async def test_regulators_list_the_inspectors_to_draw(api: httpx.AsyncClient, res: Resources) -> None:
    inspector, headers = await _regulator(res)
    await make_password_account("facility_admin", await make_facility(res))
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        params = {"role": "regulator", "limit": "50", **({"cursor": cursor} if cursor else {})}
        page = (await api.get("/api/v1/admin/accounts", params=params, headers=headers)).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert {item["role"] for item in items} == {"regulator"}
    mine = next(item for item in items if item["id"] == str(inspector.id))
    assert mine["username"] == inspector.username and mine["role_label"] == "监管人员"


async def test_only_regulators_list_accounts(api: httpx.AsyncClient, res: Resources) -> None:
    admin = await _admin(res, await make_facility(res))
    assert (await api.get("/api/v1/admin/accounts", headers=admin)).status_code == 403
    assert (await api.get("/api/v1/admin/accounts")).status_code == 401
    _, headers = await _regulator(res)
    answer = await api.get("/api/v1/admin/accounts", params={"role": "boss"}, headers=headers)
    assert answer.status_code == 422 and "role" in answer.json()["error"]["details"]["fields"]


# --- GET /facilities?q= and q on /admin/facilities ---


async def test_facilities_are_found_by_name_or_address(api: httpx.AsyncClient, res: Resources) -> None:
    named = await make_facility(res, name="蓝鲸湾托育中心", address="威海市环翠区鲸园路7号", town="鲸园街道")
    elsewhere = await make_facility(
        res, name="向日葵托育园", address="威海市环翠区鲸园路8号", town="竹岛街道"
    )
    unfiled = await make_facility(res, name="蓝鲸湾托育分园", filing_status="unfiled")
    by_name = (await api.get("/api/v1/facilities", params={"q": "蓝鲸湾 托育"})).json()["items"]
    assert [item["id"] for item in by_name] == [str(named.id)]
    assert by_name[0]["care_types_label"] and by_name[0]["nature_label"]
    by_address = (await api.get("/api/v1/facilities", params={"q": "鲸园路", "town": "鲸园街道"})).json()
    # The demo's facilities on 鲸园路 in 鲸园街道 may be there too; of this test's, only the one.
    ours = {str(named.id), str(elsewhere.id), str(unfiled.id)}
    assert {item["id"] for item in by_address["items"]} & ours == {str(named.id)}
    _, headers = await _regulator(res)
    register = await api.get("/api/v1/admin/facilities", params={"q": "蓝鲸湾"}, headers=headers)
    assert {item["id"] for item in register.json()["items"]} == {str(named.id), str(unfiled.id)}


async def test_a_facility_search_refuses_an_overlong_query(api: httpx.AsyncClient) -> None:
    answer = await api.get("/api/v1/facilities", params={"q": "托" * 51})
    assert answer.status_code == 422
    assert set(answer.json()["error"]["details"]["fields"]) == {"q"}


# --- DELETE /admin/banlist/{id} ---


async def test_a_reversed_ban_is_removed_and_audited(api: httpx.AsyncClient, res: Resources) -> None:
    regulator, headers = await _regulator(res)
    facility = await make_facility(res)
    id_number = valid_id_number()
    staff = await StaffMember.create(
        facility=facility,
        name="赵某",
        role="caregiver",
        id_number_hash=keyed_hash(res.settings.secret_key, id_number),
        id_number_enc="x",
        id_number_masked="x",
    )
    added = await api.post(
        "/api/v1/admin/banlist",
        json={"id_number": id_number, "name": "赵某", "reason": "判决"},
        headers=headers,
    )
    assert added.status_code == 201, added.text
    assert (await StaffMember.get(id=staff.id)).banned_match is True
    entry_id = added.json()["id"]
    answer = await api.request(
        "DELETE", f"/api/v1/admin/banlist/{entry_id}", json={"reason": "二审改判无罪"}, headers=headers
    )
    assert answer.status_code == 204, answer.text
    assert not await BanEntry.filter(id=entry_id).exists()
    assert not await BanAlert.filter(ban_entry_id=entry_id).exists()
    assert (await StaffMember.get(id=staff.id)).banned_match is False
    entry = await AuditEntry.get(action="banlist.remove", object_id=entry_id)
    assert entry.details["reason"] == "二审改判无罪" and entry.details["name"] == "赵某"
    assert entry.actor_id == regulator.id  # type: ignore[attr-defined]
    again = await api.request(
        "DELETE", f"/api/v1/admin/banlist/{entry_id}", json={"reason": "再次"}, headers=headers
    )
    assert again.status_code == 404


async def test_removing_a_ban_needs_a_reason_and_the_bureau(api: httpx.AsyncClient, res: Resources) -> None:
    _, headers = await _regulator(res)
    entry = await BanEntry.create(id_number_hash=f"h-{valid_id_number()}", name="钱某", reason="r")
    path = f"/api/v1/admin/banlist/{entry.id}"
    missing = await api.request("DELETE", path, json={}, headers=headers)
    assert missing.status_code == 422 and set(missing.json()["error"]["details"]["fields"]) == {"reason"}
    admin = await _admin(res, await make_facility(res))
    assert (await api.request("DELETE", path, json={"reason": "x"}, headers=admin)).status_code == 403
    assert await BanEntry.filter(id=entry.id).exists()


# --- POST /admin/inspections/{id}/follow-up ---


async def test_a_rectify_result_is_followed_up_by_its_deadline(
    api: httpx.AsyncClient, res: Resources
) -> None:
    regulator, headers = await _regulator(res)
    facility = await make_facility(res)
    deadline = today_local() + timedelta(days=30)
    original = await Inspection.create(
        facility=facility,
        inspector_ids=[str(regulator.id)],
        status="done",
        result="rectify",
        findings="消防通道堵塞",
        rectify_deadline=deadline,
    )
    answer = await api.post(f"/api/v1/admin/inspections/{original.id}/follow-up", json={}, headers=headers)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["follows_up_id"] == str(original.id)
    assert body["due_on"] == deadline.isoformat()
    assert body["status"] == "scheduled" and body["inspector_ids"] == [str(regulator.id)]
    assert body["overdue"] is False
    stored = await Inspection.get(id=body["id"])
    assert stored.follows_up_id == original.id  # type: ignore[attr-defined]
    assert await AuditEntry.filter(action="inspection.follow_up", object_id=body["id"]).exists()
    again = await api.post(f"/api/v1/admin/inspections/{original.id}/follow-up", json={}, headers=headers)
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"


async def test_only_a_rectify_result_is_followed_up(api: httpx.AsyncClient, res: Resources) -> None:
    regulator, headers = await _regulator(res)
    facility = await make_facility(res)
    passed = await Inspection.create(
        facility=facility, inspector_ids=[str(regulator.id)], status="done", result="pass"
    )
    answer = await api.post(f"/api/v1/admin/inspections/{passed.id}/follow-up", json={}, headers=headers)
    assert answer.status_code == 409
    assert "限期整改" in answer.json()["error"]["message"]
    admin = await _admin(res, facility)
    refused = await api.post(f"/api/v1/admin/inspections/{passed.id}/follow-up", json={}, headers=admin)
    assert refused.status_code == 403
    unknown = await api.post(
        "/api/v1/admin/inspections/00000000-0000-0000-0000-000000000000/follow-up", json={}, headers=headers
    )
    assert unknown.status_code == 404


# --- audit entries name the actor ---


async def test_audit_entries_name_the_actor(api: httpx.AsyncClient, res: Resources) -> None:
    regulator, headers = await _regulator(res)
    await BanEntry.create(id_number_hash=f"h-{valid_id_number()}", name="孙某", reason="r")
    added = await api.post(
        "/api/v1/admin/banlist",
        json={"id_number": valid_id_number(), "name": "周某", "reason": "判决"},
        headers=headers,
    )
    assert added.status_code == 201
    page = (await api.get("/api/v1/admin/audit", params={"action": "banlist.add"}, headers=headers)).json()
    mine = next(item for item in page["items"] if item["object_id"] == added.json()["id"])
    assert mine["actor"] == {
        "id": str(regulator.id),
        "username": regulator.username,
        "display_name": regulator.display_name,
        "role": "regulator",
        "role_label": "监管人员",
    }


# --- the stats name the staff whose record check is overdue ---


async def test_stats_name_the_overdue_staff_per_facility(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    admin = await _admin(res, facility)
    late = await _hire(
        api, admin, name="周老师", last_record_check=(today_local() - timedelta(days=400)).isoformat()
    )
    await _hire(api, admin, name="吴老师", last_record_check=today_local().isoformat())
    _, headers = await _regulator(res)

    async def overdue_here() -> dict[str, Any] | None:
        answer = await api.get("/api/v1/admin/stats", headers=headers)
        assert answer.status_code == 200, answer.text
        entries = answer.json()["staff"]["record_check_overdue_by_facility"]
        return next((entry for entry in entries if entry["facility_id"] == str(facility.id)), None)

    entry = await overdue_here()
    assert entry is not None
    assert entry["facility_name"] == facility.name and entry["count"] == 1
    assert [person["name"] for person in entry["staff"]] == ["周老师"]
    patched = await api.patch(
        f"{STAFF}/{late['id']}", json={"record_checked_on": today_local().isoformat()}, headers=admin
    )
    assert patched.status_code == 200
    assert await overdue_here() is None


# --- the day's list names the facility and shows the parent's phone masked ---


async def test_the_days_list_names_the_facility_and_masks_the_phone(
    api: httpx.AsyncClient, res: Resources
) -> None:
    from backend.security import encrypt
    from tests.miniprogram_api.test_manage_bookings import booking_covering_today

    facility = await make_facility(res)
    admin = await _admin(res, facility)
    booking_id = await booking_covering_today(res, facility)
    booking = await Booking.get(id=booking_id).prefetch_related("parent")
    parent = booking.parent
    parent.phone_enc = encrypt(res.settings.secret_key, "13812345678")
    parent.phone_last4 = "5678"
    await parent.save(update_fields=["phone_enc", "phone_last4"])
    answer = await api.get("/api/v1/manage/bookings", headers=admin)
    assert answer.status_code == 200, answer.text
    [item] = [item for item in answer.json()["items"] if item["id"] == booking_id]
    assert item["facility_name"] == facility.name
    assert item["parent"] == {"phone": "138****5678"}
    assert item["child"]["age_months"] == 18
    assert item["status_label"] == "已确认" and item["care_type_label"] == "全日托"
