"""The bureau's console pages over HTTP: each page renders, each form reaches its service, and
a refusal comes back in Chinese on the page."""

from __future__ import annotations

import json
import re
import uuid
from datetime import timedelta

import pytest

from backend.calendar import today_local
from backend.models import (
    BanEntry,
    DistrictClosure,
    Facility,
    Inspection,
    NursingRoom,
    OutgoingMessage,
    Policy,
)
from tests.backend.accounts.factories import valid_id_number
from tests.factories import make_facility, unique_credit_code
from tests.miniprogram_api.callers import AWAY
from tests.miniprogram_api.console.conftest import Console
from tests.miniprogram_api.test_admin_outbox import _message
from tests.miniprogram_api.test_admin_rooms import csv_line
from tests.miniprogram_api.test_manage_bookings import book, day_ahead


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/console/bureau/overview", "全区概览"),
        ("/console/bureau/facilities", "机构"),
        ("/console/bureau/inspections", "双随机抽查"),
        ("/console/bureau/banlist", "从业禁止名单"),
        ("/console/bureau/policies", "政策"),
        ("/console/bureau/rooms", "母婴室"),
        ("/console/bureau/calendar", "年节假日安排"),
        ("/console/bureau/outbox", "消息发送"),
        ("/console/bureau/audit", "审计日志"),
    ],
)
async def test_each_bureau_page_renders(console: Console, regulator, path, heading):
    await console.login(regulator)
    page = await console.get(path)
    assert page.status_code == 200, page.text
    assert heading in page.text


async def test_the_overview_carries_the_chart_numbers(console: Console, regulator):
    await console.login(regulator)
    page = await console.get("/console/bureau/overview")
    raw = re.search(r'data-charts="([^"]*)"', page.text)
    assert raw is not None
    charts = json.loads(raw.group(1).replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&"))
    assert charts["target"] == 4.5
    assert set(charts) >= {"towns", "places", "per_1000", "care_types"}


async def test_the_overview_charts_facilities_by_nature_in_chinese(console: Console, regulator, res):
    await make_facility(res, **AWAY, nature="family")
    await console.login(regulator)
    page = await console.get("/console/bureau/overview")
    raw = re.search(r'data-charts="([^"]*)"', page.text)
    assert raw is not None
    charts = json.loads(raw.group(1).replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&"))
    natures = {entry["name"]: entry["value"] for entry in charts["natures"]}
    assert natures["家庭托育点"] >= 1
    assert set(charts["rectifications"]) == {"outstanding", "overdue"}
    assert all(entry["value"] >= 1 for entry in charts["overdue_checks"])


async def test_a_bad_filter_in_the_address_is_shown_in_chinese(console: Console, regulator):
    await console.login(regulator)
    page = await console.get("/console/bureau/outbox?state=lost")
    assert page.status_code == 200
    assert "填写的内容有误" in page.text


async def test_register_and_file_a_facility(console: Console, regulator):
    await console.login(regulator)
    await console.get("/console/bureau/facilities")
    name = f"控制台登记园{uuid.uuid4().hex[:6]}"
    answer = await console.post(
        "/console/bureau/facilities",
        {
            "name": name,
            "credit_code": unique_credit_code(),
            "address": "威海市环翠区新路1号",
            "town": "竹岛街道",
            "lat": "36.0671",
            "lng": "120.3826",
            "nature": "private_nonprofit",
            "admin_username": f"adm{uuid.uuid4().hex[:8]}",
            "admin_password": "a-good-password-2026",
        },
    )
    assert answer.status_code == 303, answer.text
    facility = await Facility.get(name=name)
    assert facility.filing_status == "unfiled"
    await console.get("/console/bureau/facilities")
    filed = await console.post(
        f"/console/bureau/facilities/{facility.id}/record",
        {"action": "file", "filing_number": "环卫托备〔2026〕099号"},
    )
    assert filed.status_code == 303
    facility = await Facility.get(id=facility.id)
    assert (facility.filing_status, facility.filing_number) == ("filed", "环卫托备〔2026〕099号")


async def test_a_wrong_credit_code_is_refused_next_to_its_field(console: Console, regulator):
    await console.login(regulator)
    await console.get("/console/bureau/facilities")
    answer = await console.post(
        "/console/bureau/facilities",
        {
            "name": "错码园",
            "credit_code": "91371002MA00000000",
            "address": "威海市环翠区新路2号",
            "town": "竹岛街道",
            "lat": "36.0671",
            "lng": "120.3826",
            "nature": "public",
            "admin_username": f"adm{uuid.uuid4().hex[:8]}",
            "admin_password": "a-good-password-2026",
        },
    )
    assert answer.status_code == 422
    assert "统一社会信用代码" in answer.text
    assert not await Facility.exists(name="错码园")


async def test_suspending_needs_a_reason(console: Console, regulator, facility):
    await console.login(regulator)
    await console.get("/console/bureau/facilities")
    answer = await console.post(f"/console/bureau/facilities/{facility.id}/record", {"action": "suspend"})
    assert answer.status_code == 422
    assert "暂停原因" in answer.text
    assert not (await Facility.get(id=facility.id)).suspended


async def test_draw_an_inspection_and_record_its_result(console: Console, regulator, facility):
    await console.login(regulator)
    await console.get("/console/bureau/inspections")
    drawn = await console.post("/console/bureau/inspections/draw", {"count": "1", "include_me": "1"})
    assert drawn.status_code == 201, drawn.text
    assert "随机种子" in drawn.text
    # A fresh regulator: the one scheduled inspection naming them is this draw's.
    inspection = next(
        i for i in await Inspection.filter(status="scheduled") if regulator.account_id in i.inspector_ids
    )
    answer = await console.post(f"/console/bureau/inspections/{inspection.id}/result", {"result": "pass"})
    assert answer.status_code == 303, answer.text
    assert (await Inspection.get(id=inspection.id)).result == "pass"


async def test_write_and_publish_a_policy_with_push(console: Console, regulator):
    await console.login(regulator)
    await console.get("/console/bureau/policies")
    title = f"托育补贴通知{uuid.uuid4().hex[:6]}"
    written = await console.post("/console/bureau/policies", {"title": title, "body": "第一段。\n第二段。"})
    assert written.status_code == 303
    policy = await Policy.get(title=title)
    assert not policy.is_published
    preview = await console.get(f"/console/bureau/policies/{policy.id}")
    assert "草稿（预览）" in preview.text and "第二段。" in preview.text
    await console.get("/console/bureau/policies")
    published = await console.post(f"/console/bureau/policies/{policy.id}/publish", {"push": "1"})
    assert published.status_code == 303
    assert (await Policy.get(id=policy.id)).is_published


async def test_rooms_csv_import_shows_each_bad_line(console: Console, regulator):
    await console.login(regulator)
    await console.get("/console/bureau/rooms")
    tag = uuid.uuid4().hex[:6]
    header = "name,address,venue_type,floor,opening_hours,amenities,lat,lng"
    data = "\n".join(
        [
            header,
            csv_line(f"控制台母婴室{tag}", "环翠区某商场", 37.4, 122.0),
            csv_line(f"坏行{tag}", "某地", 999, 122.0),
        ]
    )
    answer = await console.client.post(
        "/console/bureau/rooms/import",
        data={"csrf_token": console.csrf},
        files={"file": ("rooms.csv", data.encode(), "text/csv")},
    )
    assert answer.status_code == 200, answer.text
    assert "新增 1" in answer.text and 'data-line="3"' in answer.text and "第 3 行" in answer.text
    assert await NursingRoom.exists(name=f"控制台母婴室{tag}")


async def test_a_ban_entry_with_a_bad_id_number_is_refused(console: Console, regulator):
    await console.login(regulator)
    await console.get("/console/bureau/banlist")
    answer = await console.post(
        "/console/bureau/banlist", {"name": "张某", "id_number": "1", "reason": "虐童"}
    )
    assert answer.status_code == 422
    assert "身份证号" in answer.text


async def test_retrying_a_message_that_is_not_dead_is_refused_in_chinese(console: Console, regulator):
    await console.login(regulator)
    await console.get("/console/bureau/outbox")
    answer = await console.post(f"/console/bureau/outbox/{uuid.uuid4()}/retry")
    assert answer.status_code == 404
    assert "找不到" in answer.text


async def test_add_and_reopen_a_district_closure(console: Console, regulator, res):
    await console.login(regulator)
    await console.get("/console/bureau/calendar")
    reason = f"台风{uuid.uuid4().hex[:6]}"
    # A town of its own: no other test's facility closes.
    town = f"测试镇{uuid.uuid4().hex[:6]}"
    await make_facility(res, town=town, **AWAY)
    day = (today_local() + timedelta(days=60)).isoformat()
    added = await console.post(
        "/console/bureau/closures", {"from": day, "to": day, "towns": town, "reason": reason}
    )
    assert added.status_code == 303, added.text
    closure = await DistrictClosure.get(reason=reason)
    page = await console.get("/console/bureau/calendar")
    assert f'data-district-closure-id="{closure.id}"' in page.text
    reopened = await console.post(f"/console/bureau/closures/{closure.id}/delete")
    assert reopened.status_code == 303
    assert not await DistrictClosure.exists(id=closure.id)


async def test_a_district_closure_ending_before_it_starts_is_refused(console: Console, regulator):
    await console.login(regulator)
    await console.get("/console/bureau/calendar")
    answer = await console.post(
        "/console/bureau/closures",
        {"from": "2099-01-10", "to": "2099-01-01", "towns": "无此镇", "reason": "倒序"},
    )
    assert answer.status_code == 422
    assert not await DistrictClosure.exists(reason="倒序")


async def test_the_audit_shows_who_read_a_childs_record(console: Console, regulator, res, facility, admin):
    await book(res, facility, day_ahead())
    staff_side = Console(console.client)
    await staff_side.login(admin)
    await staff_side.get("/console/facility/today")  # today may list nothing; the future day does
    await staff_side.get(f"/console/facility/today?date={day_ahead().isoformat()}")
    await staff_side.post("/console/logout")
    await console.login(regulator)
    page = await console.get(f"/console/bureau/audit?action=child.read&facility_id={facility.id}")
    assert page.status_code == 200
    assert "child.read" in page.text


async def test_edit_and_delete_a_room(console: Console, regulator, res):
    room = await NursingRoom.create(
        name=f"编辑母婴室{uuid.uuid4().hex[:6]}", address="环翠区某馆", venue_type="mall", lat=37.4, lng=122.0
    )
    await console.login(regulator)
    await console.get("/console/bureau/rooms")
    edited = await console.post(
        f"/console/bureau/rooms/{room.id}", {"name": room.name, "floor": "2F", "opening_hours": "9:00-21:00"}
    )
    assert edited.status_code == 303, edited.text
    saved = await NursingRoom.get(id=room.id)
    assert (saved.floor, saved.opening_hours) == ("2F", "9:00-21:00")
    await console.get("/console/bureau/rooms")
    deleted = await console.post(f"/console/bureau/rooms/{room.id}/delete")
    assert deleted.status_code == 303
    assert not await NursingRoom.exists(id=room.id)


async def test_edit_a_policy_and_an_empty_body_is_refused(console: Console, regulator):
    await console.login(regulator)
    await console.get("/console/bureau/policies")
    title = f"待修改政策{uuid.uuid4().hex[:6]}"
    await console.post("/console/bureau/policies", {"title": title, "body": "原文。"})
    policy = await Policy.get(title=title)
    await console.get(f"/console/bureau/policies/{policy.id}")
    edited = await console.post(
        f"/console/bureau/policies/{policy.id}", {"title": title, "body": "修改后的正文。"}
    )
    assert edited.status_code == 303, edited.text
    assert (await Policy.get(id=policy.id)).body == "修改后的正文。"
    await console.get(f"/console/bureau/policies/{policy.id}")
    refused = await console.post(f"/console/bureau/policies/{policy.id}", {"title": title, "body": ""})
    assert refused.status_code == 422
    assert "正文" in refused.text
    assert (await Policy.get(id=policy.id)).body == "修改后的正文。"


async def test_a_dead_letter_is_listed_and_retried(console: Console, regulator):
    dead = await _message("dead", last_errcode=45009)
    await console.login(regulator)
    page = await console.get("/console/bureau/outbox?state=dead")
    assert f'data-message-id="{dead.id}"' in page.text and "死信" in page.text
    retried = await console.post(f"/console/bureau/outbox/{dead.id}/retry", {"state": "dead"})
    assert retried.status_code == 303
    assert retried.headers["location"] == "/console/bureau/outbox?state=dead"
    assert (await OutgoingMessage.get(id=dead.id)).state != "dead"


async def test_a_person_is_put_on_the_ban_list(console: Console, regulator):
    await console.login(regulator)
    await console.get("/console/bureau/banlist")
    name = f"禁{uuid.uuid4().hex[:4]}"
    added = await console.post(
        "/console/bureau/banlist", {"name": name, "id_number": valid_id_number(), "reason": "虐童"}
    )
    assert added.status_code == 303, added.text
    page = await console.get("/console/bureau/banlist")
    assert name in page.text
    assert await BanEntry.exists(name=name)


async def test_facilities_are_searched_by_name_or_address(console: Console, regulator, res):
    named = await make_facility(res, name="紫藤湾托育中心", address="威海市环翠区海棠路3号")
    other = await make_facility(res, name="木棉托育园", address="威海市环翠区紫荆路9号")
    await console.login(regulator)
    by_name = await console.get("/console/bureau/facilities", params={"q": "紫藤湾"})
    assert by_name.status_code == 200, by_name.text
    assert f'data-facility-id="{named.id}"' in by_name.text
    assert f'data-facility-id="{other.id}"' not in by_name.text
    assert 'name="q" value="紫藤湾"' in by_name.text
    by_address = await console.get("/console/bureau/facilities", params={"q": "海棠路"})
    assert f'data-facility-id="{named.id}"' in by_address.text
    assert f'data-facility-id="{other.id}"' not in by_address.text


async def test_an_overlong_facility_search_is_refused_in_chinese(console: Console, regulator):
    await console.login(regulator)
    page = await console.get("/console/bureau/facilities", params={"q": "托" * 51})
    assert page.status_code == 200
    assert "名称或地址" in page.text and "内容过长" in page.text
