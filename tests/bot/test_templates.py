"""Booking and policy data within WeChat's value limits."""

from __future__ import annotations

from bot.templates import (
    booking_event_data,
    booking_page,
    phrase,
    policy_news_data,
    thing,
)

PAYLOAD = {
    "booking_id": "b-1",
    "facility_name": "环翠区竹岛街道阳光宝贝普惠托育服务中心（示范）",
    "care_type": "half_day",
    "session": "pm",
    "start_date": "2026-12-01",
    "end_date": "2026-12-05",
    "start_time": None,
    "end_time": None,
    "status": "confirmed",
    "reason": "",
    "first_hour_at": "2026-12-01T13:00:00+08:00",
}


def test_booking_fields_respect_the_limits():
    data = booking_event_data("confirmed", PAYLOAD)
    assert set(data) == {"thing1", "time2", "phrase3", "thing4"}
    assert len(data["thing1"]["value"]) <= 20
    assert data["thing1"]["value"].endswith("…")
    assert data["time2"]["value"] == "2026年12月1日 13:00"
    assert data["phrase3"]["value"] == "已确认"
    assert data["thing4"]["value"] == "半日托下午 12月1日至12月5日"


def test_a_reason_is_the_note_and_reminders_have_their_phrase():
    data = booking_event_data(
        "rejected", {**PAYLOAD, "reason": "该时段已满员，请改约其他日期或其他机构，谢谢理解"}
    )
    assert data["phrase3"]["value"] == "已拒绝"
    assert len(data["thing4"]["value"]) == 20
    assert booking_event_data("reminder_hour_before", PAYLOAD)["phrase3"]["value"] == "即将开始"
    assert (
        booking_event_data("something_new", {**PAYLOAD, "status": "checked_in"})["phrase3"]["value"]
        == "已入托"
    )


def test_hourly_care_shows_its_hours():
    hourly = {
        **PAYLOAD,
        "care_type": "hourly",
        "start_time": "09:00",
        "end_time": "11:00",
        "end_date": "2026-12-01",
    }
    assert booking_event_data("confirmed", hourly)["thing4"]["value"] == "计时托12月1日 09:00-11:00"


def test_value_helpers():
    assert thing("") == "无"
    assert thing("a\nb") == "a b"
    assert len(thing("托" * 50)) == 20
    assert phrase("已确认OK") == "已确认"
    assert len(phrase("一二三四五六七")) == 5
    assert booking_page(PAYLOAD) == "pages/bookings/detail?id=b-1"


def test_policy_news_fields():
    data = policy_news_data(
        {
            "title": "关于促进3岁以下婴幼儿照护服务发展的指导意见",
            "doc_number": "国办发〔2019〕15号",
            "issuer": "",
            "published_at": "2019-04-17",
        }
    )
    assert len(data["thing1"]["value"]) <= 20
    assert data["thing2"]["value"] == "国办发〔2019〕15号"
    assert data["time3"]["value"] == "2019年4月17日"
    assert data["thing4"]["value"] == "环翠区卫生健康局"
