"""The facility's console pages over HTTP: each page renders, each form reaches its service, and
a refusal comes back in Chinese on the page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from backend.calendar import today_local
from backend.models import Booking, Closure, Facility, FacilityClass, StaffMember
from tests.backend.accounts.factories import valid_id_number
from tests.miniprogram_api.console.conftest import Console
from tests.miniprogram_api.test_manage_bookings import book, booking_covering_today, day_ahead
from tests.miniprogram_api.test_manage_staff import ban


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/console/facility/today", "今日预约"),
        ("/console/facility/occupancy", "学位占用"),
        ("/console/facility/classes", "班级"),
        ("/console/facility/staff", "员工"),
        ("/console/facility/closures", "停托"),
        ("/console/facility/profile", "机构资料"),
    ],
)
async def test_each_facility_page_renders(console: Console, admin, path, heading):
    await console.login(admin)
    page = await console.get(path)
    assert page.status_code == 200, page.text
    assert f"<h1>{heading}</h1>" in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")


async def test_an_unreal_date_is_shown_in_chinese_not_a_500(console: Console, admin):
    await console.login(admin)
    page = await console.get("/console/facility/occupancy?date=2026-02-31")
    assert page.status_code == 422
    assert "日期" in page.text


async def test_today_lists_the_booking_with_its_actions(console: Console, admin, res, facility):
    booking_id = await booking_covering_today(res, facility, status="pending")
    await console.login(admin)
    page = await console.get("/console/facility/today")
    assert f'data-booking-id="{booking_id}"' in page.text
    assert ">确认</button>" in page.text and ">拒绝</button>" in page.text


async def test_confirm_through_htmx_answers_the_list_fragment(console: Console, admin, res, facility):
    day = day_ahead()
    booking_id, _ = await book(res, facility, day)
    await console.login(admin)
    await console.get(f"/console/facility/today?date={day.isoformat()}")
    answer = await console.post(
        f"/console/facility/bookings/{booking_id}/confirm",
        {"date": day.isoformat()},
        headers={"HX-Request": "true"},
    )
    assert answer.status_code == 200
    assert "<html" not in answer.text
    assert "已确认" in answer.text
    assert (await Booking.get(id=booking_id)).status == "confirmed"


async def test_a_refused_move_is_shown_in_chinese(console: Console, admin, res, facility):
    booking_id = await booking_covering_today(res, facility, status="pending")
    await console.login(admin)
    await console.get("/console/facility/today")
    answer = await console.post(
        f"/console/facility/bookings/{booking_id}/check-out", headers={"HX-Request": "true"}
    )
    assert answer.status_code == 200
    assert 'role="alert"' in answer.text and "不能离园" in answer.text
    assert (await Booking.get(id=booking_id)).status == "pending"


async def test_reject_needs_a_reason(console: Console, admin, res, facility):
    booking_id = await booking_covering_today(res, facility, status="pending")
    await console.login(admin)
    await console.get("/console/facility/today")
    answer = await console.post(f"/console/facility/bookings/{booking_id}/reject", {"reason": ""})
    assert answer.status_code == 422
    assert "原因" in answer.text
    assert (await Booking.get(id=booking_id)).status == "pending"


async def test_add_edit_and_delete_a_class(console: Console, admin, facility):
    await console.login(admin)
    await console.get("/console/facility/classes")
    added = await console.post(
        "/console/facility/classes",
        {"name": "托大一班", "kind": "preschool", "places": "20", "caregivers": "3"},
    )
    assert added.status_code == 303
    klass = await FacilityClass.get(facility_id=facility.id, name="托大一班")
    assert (klass.kind, klass.places, klass.caregivers) == ("preschool", 20, 3)
    await console.get("/console/facility/classes")
    edited = await console.post(f"/console/facility/classes/{klass.id}", {"places": "15", "caregivers": ""})
    assert edited.status_code == 303
    assert (await FacilityClass.get(id=klass.id)).places == 15
    await console.get("/console/facility/classes")
    deleted = await console.post(f"/console/facility/classes/{klass.id}/delete")
    assert deleted.status_code == 303
    assert not await FacilityClass.filter(id=klass.id, is_active=True).exists()


async def test_a_class_over_the_national_size_is_refused_in_chinese(console: Console, admin, facility):
    await console.login(admin)
    await console.get("/console/facility/classes")
    answer = await console.post(
        "/console/facility/classes", {"name": "超大班", "kind": "infant", "places": "0", "caregivers": "1"}
    )
    assert answer.status_code == 422
    assert "学位数" in answer.text and "数值过小" in answer.text
    assert not await FacilityClass.exists(facility_id=facility.id, name="超大班")


async def test_staff_cannot_change_classes(console: Console, res, facility):
    from tests.miniprogram_api.console.conftest import make_person

    staff = await make_person(res, "facility_staff", facility)
    await console.login(staff)
    await console.get("/console/facility/classes")
    answer = await console.post(
        "/console/facility/classes", {"name": "员工班", "kind": "toddler", "places": "10", "caregivers": "2"}
    )
    assert answer.status_code == 403
    assert "只有机构管理员" in answer.text


async def test_add_and_delete_a_closure(console: Console, admin, facility):
    day = (today_local() + timedelta(days=30)).isoformat()
    await console.login(admin)
    await console.get("/console/facility/closures")
    added = await console.post("/console/facility/closures", {"date": day, "reason": "设备检修"})
    assert added.status_code == 303
    closure = await Closure.get(facility_id=facility.id, date=day)
    page = await console.get("/console/facility/closures")
    assert f'data-closure-id="{closure.id}"' in page.text
    deleted = await console.post(f"/console/facility/closures/{closure.id}/delete")
    assert deleted.status_code == 303
    assert not await Closure.exists(id=closure.id)


async def test_closing_a_booked_day_lists_the_bookings_before_forcing(console: Console, admin, res, facility):
    booking_id = await booking_covering_today(res, facility, status="confirmed")
    await console.login(admin)
    await console.get("/console/facility/closures")
    today = today_local().isoformat()
    asked = await console.post("/console/facility/closures", {"date": today, "reason": "停电"})
    assert asked.status_code == 409
    assert booking_id in asked.text and "仍然停托" in asked.text
    forced = await console.post("/console/facility/closures", {"date": today, "reason": "停电", "force": "1"})
    assert forced.status_code == 303
    assert (await Booking.get(id=booking_id)).status == "cancelled"


async def test_profile_prices_are_typed_in_yuan_and_stored_in_fen(console: Console, admin, facility):
    await console.login(admin)
    await console.get("/console/facility/profile")
    form = {
        "name": "环翠测试托育园",
        "address": "威海市环翠区测试路2号",
        "phone": "0631-5200001",
        "description": "",
        "care_types": "full_day",
        "price_full_day": "88.50",
        "open_weekdays": "1",
        "full_day_hours_start": "08:00",
        "full_day_hours_end": "17:00",
        "cancel_before_hours": "12",
    }
    answer = await console.post("/console/facility/profile", form)
    assert answer.status_code == 303, answer.text
    saved = await Facility.get(id=facility.id)
    assert saved.name == "环翠测试托育园"
    assert saved.prices["full_day"] == 8850
    assert saved.care_types == ["full_day"]
    assert saved.cancel_before_hours == 12


async def test_a_staff_member_with_a_bad_id_number_is_refused_in_chinese(console: Console, admin):
    await console.login(admin)
    await console.get("/console/facility/staff")
    answer = await console.post(
        "/console/facility/staff", {"name": "王老师", "id_number": "123", "role": "caregiver"}
    )
    assert answer.status_code == 422
    assert "身份证号" in answer.text


async def test_hiring_a_banned_person_is_refused_in_words(console: Console, admin, res, facility):
    id_number = valid_id_number()
    await ban(res, id_number)
    await console.login(admin)
    await console.get("/console/facility/staff")
    answer = await console.post(
        "/console/facility/staff", {"name": "张某", "id_number": id_number, "role": "caregiver"}
    )
    assert answer.status_code == 422
    assert "从业禁止名单" in answer.text
    assert not await StaffMember.exists(facility_id=facility.id, name="张某")


async def test_a_staff_member_is_added_with_an_overdue_record_check_in_red(console: Console, admin, facility):
    await console.login(admin)
    await console.get("/console/facility/staff")
    answer = await console.post(
        "/console/facility/staff",
        {
            "name": "李老师",
            "id_number": valid_id_number(),
            "role": "caregiver",
            "last_record_check": "2020-01-06",
        },
    )
    assert answer.status_code == 303, answer.text
    page = await console.get("/console/facility/staff")
    assert "（已逾期）" in page.text and 'class="bad"' in page.text
    assert await StaffMember.exists(facility_id=facility.id, name="李老师")


async def test_remove_a_staff_member(console: Console, admin, facility):
    await console.login(admin)
    await console.get("/console/facility/staff")
    await console.post(
        "/console/facility/staff", {"name": "赵老师", "id_number": valid_id_number(), "role": "cook"}
    )
    member = await StaffMember.get(facility_id=facility.id, name="赵老师")
    await console.get("/console/facility/staff")
    removed = await console.post(f"/console/facility/staff/{member.id}/delete")
    assert removed.status_code == 303
    assert not (await StaffMember.get(id=member.id)).is_active
