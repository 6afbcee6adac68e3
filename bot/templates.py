"""Outgoing messages' data, shaped for WeChat's templates and within WeChat's value limits.

The booking subscribe message (WECHAT_TEMPLATE_BOOKING, a mini-program subscribe template) is
assumed to have these fields, which is how the template must be chosen in the WeChat console:
    thing1            机构名称 the facility                     thing: at most 20 characters
    time2             入托时间 when the care starts             time: `2026年12月1日 08:00`
    phrase3           预约状态 the status or reminder           phrase: at most 5 Chinese characters
    thing4            备注     the reason, or the care booked   thing: at most 20 characters
The policy news template message (WECHAT_TEMPLATE_POLICY, an official-account template) is assumed
to have:
    thing1            政策名称 the title                        thing: at most 20 characters
    thing2            文号     the document number              thing: at most 20 characters
    time3             发布日期 the publication date             time: `2026年12月1日`
    thing4            发布单位 the issuer                        thing: at most 20 characters
WeChat refuses a whole message whose value breaks a limit (47003), so values are cut here, with
an ellipsis, rather than risked.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from backend.calendar import SERVICE_TZ, today_local

THING_MAX = 20
PHRASE_MAX = 5
BOOKING_PAGE = "pages/bookings/detail"
WAITLIST_PAGE = "pages/waitlist/detail"
DEFAULT_ISSUER = "环翠区卫生健康局"

# The phrase shown for each booking event (a status move, or a reminder).
EVENT_PHRASES = {
    "pending": "待确认",
    "confirmed": "已确认",
    "rejected": "已拒绝",
    "cancelled": "已取消",
    "day_closed": "闭园",
    "checked_in": "已入托",
    "checked_out": "已离托",
    "no_show": "未到",
    "picked_up": "已接走",
    "expired": "已过期",
    "reminder_day_before": "明日入托",
    "reminder_hour_before": "即将开始",
    "rescheduled": "已改期",
    "waitlist_offered": "候补到位",
    "waitlist_offer_expiring": "即将过期",
    "waitlist_offer_expired": "候补过期",
}
CARE_TYPE_LABELS = {"full_day": "全日托", "half_day": "半日托", "hourly": "计时托", "temporary": "临时托"}
SESSION_LABELS = {"am": "上午", "pm": "下午"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_NOT_CHINESE = re.compile(r"[^\u4e00-\u9fff]")


def thing(value: Any, fallback: str = "无") -> str:
    text = _CONTROL.sub(" ", str(value or "")).strip() or fallback
    return text if len(text) <= THING_MAX else text[: THING_MAX - 1] + "…"


def phrase(value: str) -> str:
    # A phrase holds Chinese characters only.
    return _NOT_CHINESE.sub("", value)[:PHRASE_MAX] or "更新"


def time_value(moment: datetime) -> str:
    local = moment.astimezone(SERVICE_TZ) if moment.tzinfo else moment
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def date_value(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _short_date(raw: Any) -> str:
    try:
        day = date.fromisoformat(str(raw))
    except ValueError:
        return ""
    return f"{day.month}月{day.day}日"


def _care_summary(payload: dict[str, Any]) -> str:
    care = CARE_TYPE_LABELS.get(str(payload.get("care_type")), "托育")
    if payload.get("care_type") == "half_day" and payload.get("session") in SESSION_LABELS:
        care += SESSION_LABELS[str(payload["session"])]
    start, end = _short_date(payload.get("start_date")), _short_date(payload.get("end_date"))
    if payload.get("care_type") == "hourly" and payload.get("start_time") and payload.get("end_time"):
        return f"{care}{start} {payload['start_time']}-{payload['end_time']}"
    if start and end and start != end:
        return f"{care} {start}至{end}"
    return f"{care} {start}".strip()


def _start_time(payload: dict[str, Any]) -> str:
    raw = payload.get("first_hour_at")
    try:
        return time_value(datetime.fromisoformat(str(raw)))
    except ValueError:
        start = payload.get("start_date")
        return f"{date_value(date.fromisoformat(str(start)))} 00:00" if start else "待定"


def booking_event_data(event: str, payload: dict[str, Any]) -> dict[str, dict[str, str]]:
    status_phrase = EVENT_PHRASES.get(event) or EVENT_PHRASES.get(str(payload.get("status")), "状态更新")
    note = payload.get("reason") or _care_summary(payload)
    return {
        "thing1": {"value": thing(payload.get("facility_name"), "托育机构")},
        "time2": {"value": _start_time(payload)},
        "phrase3": {"value": phrase(status_phrase)},
        "thing4": {"value": thing(note)},
    }


def booking_page(payload: dict[str, Any]) -> str | None:
    booking_id = payload.get("booking_id")
    if not booking_id and payload.get("entry_id"):
        return f"{WAITLIST_PAGE}?id={payload['entry_id']}"
    return f"{BOOKING_PAGE}?id={booking_id}" if booking_id else None


def policy_news_data(payload: dict[str, Any]) -> dict[str, dict[str, str]]:
    published = payload.get("published_at")
    try:
        when = date_value(date.fromisoformat(str(published))) if published else None
    except ValueError:
        when = None
    return {
        "thing1": {"value": thing(payload.get("title"), "新政策")},
        "thing2": {"value": thing(payload.get("doc_number"))},
        "time3": {"value": when or date_value(today_local())},
        "thing4": {"value": thing(payload.get("issuer"), DEFAULT_ISSUER)},
    }
