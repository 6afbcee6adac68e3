"""The bureau's 抽查 page over HTTP: inspectors picked from the regulator accounts, and a rectify
result followed up (复查) with its due date and overdue state."""

from __future__ import annotations

from datetime import timedelta

from backend.calendar import today_local
from backend.models import AuditEntry, Inspection
from tests.miniprogram_api.console.conftest import Console, make_person


async def _rectify_result(facility, inspector_id: str, deadline_in_days: int) -> Inspection:
    # A result recorded earlier: written directly, since a deadline in the past cannot be entered.
    return await Inspection.create(
        facility=facility,
        inspector_ids=[inspector_id],
        status="done",
        result="rectify",
        findings="消防通道堆放杂物",
        rectify_deadline=today_local() + timedelta(days=deadline_in_days),
        completed_at=None,
    )


def _row(text: str, inspection_id: str) -> str:
    start = text.index(f'data-inspection-id="{inspection_id}"')
    end = text.find("</tr>", start)
    return text[start:end]


async def test_the_draw_form_offers_the_other_regulators_by_name(console: Console, regulator, res):
    other = await make_person(res, "regulator")
    await console.login(regulator)
    page = await console.get("/console/bureau/inspections")
    picker = page.text[page.text.index('id="inspector-picker"') : page.text.index("</fieldset>")]
    assert f'name="inspector_ids" value="{other.account_id}"' in picker and other.username in picker
    # The officer themself is the 我参加检查 box, not a second time in the list.
    assert f'value="{regulator.account_id}"' not in picker


async def test_a_draw_by_picked_inspectors_only(console: Console, regulator, res, facility):
    other = await make_person(res, "regulator")
    await console.login(regulator)
    await console.get("/console/bureau/inspections")
    drawn = await console.post(
        "/console/bureau/inspections/draw", {"count": "1", "inspector_ids": other.account_id}
    )
    assert drawn.status_code == 201, drawn.text
    mine = [i for i in await Inspection.filter(status="scheduled") if other.account_id in i.inspector_ids]
    assert len(mine) == 1 and mine[0].inspector_ids == [other.account_id]


async def test_a_draw_with_no_inspector_is_refused_in_chinese(console: Console, regulator):
    await console.login(regulator)
    await console.get("/console/bureau/inspections")
    answer = await console.post("/console/bureau/inspections/draw", {"count": "1"})
    assert answer.status_code == 422
    assert "检查人员" in answer.text and "至少选择一项" in answer.text


async def test_a_rectify_result_is_followed_up_by_its_inspectors_due_by_its_deadline(
    console: Console, regulator, facility
):
    original = await _rectify_result(facility, regulator.account_id, 10)
    await console.login(regulator)
    page = await console.get("/console/bureau/inspections")
    assert f'action="/console/bureau/inspections/{original.id}/follow-up"' in page.text
    answer = await console.post(f"/console/bureau/inspections/{original.id}/follow-up")
    assert answer.status_code == 303, answer.text
    follow = await Inspection.get(follows_up_id=original.id)
    assert follow.status == "scheduled" and follow.due_on == original.rectify_deadline
    assert follow.inspector_ids == [regulator.account_id]
    assert await AuditEntry.exists(action="inspection.follow_up", object_id=str(follow.id))
    page = await console.get("/console/bureau/inspections")
    row = _row(page.text, str(original.id))
    assert f'data-follow-up="{follow.id}"' in row and original.rectify_deadline.isoformat() in row
    assert "/follow-up" not in row and "已逾期" not in row
    follow_row = _row(page.text, str(follow.id))
    assert f'data-due-on="{follow.due_on.isoformat()}"' in follow_row and "data-overdue" not in follow_row


async def test_a_follow_up_past_its_deadline_shows_overdue(console: Console, regulator, facility):
    original = await _rectify_result(facility, regulator.account_id, -2)
    await console.login(regulator)
    await console.get("/console/bureau/inspections")
    answer = await console.post(f"/console/bureau/inspections/{original.id}/follow-up")
    assert answer.status_code == 303, answer.text
    follow = await Inspection.get(follows_up_id=original.id)
    page = await console.get("/console/bureau/inspections")
    assert "data-overdue" in _row(page.text, str(follow.id))
    assert "已逾期" in _row(page.text, str(original.id))


async def test_a_follow_up_by_another_picked_inspector(console: Console, regulator, res, facility):
    other = await make_person(res, "regulator")
    original = await _rectify_result(facility, regulator.account_id, 10)
    await console.login(regulator)
    await console.get("/console/bureau/inspections")
    answer = await console.post(
        f"/console/bureau/inspections/{original.id}/follow-up", {"inspector_ids": other.account_id}
    )
    assert answer.status_code == 303, answer.text
    assert (await Inspection.get(follows_up_id=original.id)).inspector_ids == [other.account_id]


async def test_a_second_follow_up_is_refused_in_chinese(console: Console, regulator, facility):
    original = await _rectify_result(facility, regulator.account_id, 10)
    await console.login(regulator)
    await console.get("/console/bureau/inspections")
    assert (await console.post(f"/console/bureau/inspections/{original.id}/follow-up")).status_code == 303
    await console.get("/console/bureau/inspections")
    again = await console.post(f"/console/bureau/inspections/{original.id}/follow-up")
    assert again.status_code == 409
    assert "该检查已安排复查。" in again.text
    assert await Inspection.filter(follows_up_id=original.id).count() == 1


async def test_a_pass_result_is_not_followed_up(console: Console, regulator, facility):
    passed = await Inspection.create(
        facility=facility, inspector_ids=[regulator.account_id], status="done", result="pass"
    )
    await console.login(regulator)
    page = await console.get("/console/bureau/inspections")
    assert "/follow-up" not in _row(page.text, str(passed.id))
    answer = await console.post(f"/console/bureau/inspections/{passed.id}/follow-up")
    assert answer.status_code == 409
    assert "只有限期整改的检查结果需要复查。" in answer.text
