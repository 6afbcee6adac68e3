"""The console's Chinese: labels of the domain's values and the words for a service's errors.

The services speak English in `message` (the API's clients show their own words by `code`); the
console is read by facility staff and bureau officers, so it turns each error into Chinese here,
by its code and, for the refusals people meet most, by its message.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from backend.bookings.attendance import DAY_STATUS_LABELS
from backend.errors import ServiceError

STATUS = {
    "pending": "待确认",
    "confirmed": "已确认",
    "rejected": "已拒绝",
    "cancelled": "已取消",
    "checked_in": "已入园",
    "checked_out": "已离园",
    "no_show": "未到",
    "expired": "已过期",
}
DAY_STATUS = DAY_STATUS_LABELS
CARE_TYPE = {"full_day": "全日托", "half_day": "半日托", "hourly": "计时托", "temporary": "临时托"}
CLASS_KIND = {
    "infant": "乳儿班",
    "toddler": "托小班",
    "preschool": "托大班",
    "mixed": "混合班",
    "family": "家庭托育点",
}
STAFF_ROLE = {
    "director": "园长",
    "caregiver": "保育人员",
    "health": "保健人员",
    "cook": "炊事人员",
    "security": "安保人员",
    "other": "其他",
}
NATURE = {
    "public": "公办",
    "private_nonprofit": "民办非营利",
    "private_for_profit": "民办营利",
    "employer": "用人单位办",
    "kindergarten": "幼儿园托班",
    "family": "家庭托育点",
}
FILING = {"unfiled": "未备案", "filed": "已备案", "revoked": "已撤销"}
OUTBOX_STATE = {
    "queued": "排队中",
    "sending": "发送中",
    "sent": "已发送",
    "failed": "失败",
    "dead": "死信",
    "skipped_no_grant": "未授权跳过",
    "unknown": "状态不明",
}
INSPECTION_RESULT = {"pass": "合格", "rectify": "限期整改", "fail": "不合格"}
INSPECTION_STATUS = {"scheduled": "待检查", "done": "已完成"}
SESSION = {"am": "上午", "pm": "下午"}
WEEKDAYS = {1: "周一", 2: "周二", 3: "周三", 4: "周四", 5: "周五", 6: "周六", 7: "周日"}

FIELD = {
    "username": "用户名",
    "password": "密码",
    "date": "日期",
    "reason": "原因",
    "kind": "班级类型",
    "name": "名称",
    "places": "学位数",
    "caregivers": "保育人员数",
    "id_number": "身份证号",
    "role": "岗位",
    "last_record_check": "最近无犯罪记录查询日期",
    "certificates": "证书",
    "phone": "电话",
    "address": "地址",
    "description": "简介",
    "care_types": "托育类型",
    "prices": "价格",
    "full_day_hours": "全日托时段",
    "am_hours": "上午时段",
    "pm_hours": "下午时段",
    "open_weekdays": "开放日",
    "cancel_before_hours": "取消截止（小时）",
    "age_min_months": "最小月龄",
    "age_max_months": "最大月龄",
    "credit_code": "统一社会信用代码",
    "town": "镇街",
    "lat": "纬度",
    "lng": "经度",
    "nature": "机构性质",
    "filing_number": "备案号",
    "suspension_reason": "暂停原因",
    "count": "抽取数量",
    "inspector_ids": "检查人员",
    "seed": "随机种子",
    "q": "名称或地址",
    "result": "检查结果",
    "findings": "检查发现",
    "rectify_deadline": "整改期限",
    "title": "标题",
    "body": "正文",
    "file": "文件",
    "from": "开始日期",
    "to": "结束日期",
    "towns": "镇街",
    "year": "年份",
    "holidays": "节假日",
    "workdays": "调休上班日",
}

CODE = {
    "unauthorized": "请先登录。",
    "forbidden": "您的账号无权进行此操作。",
    "not_found": "找不到该记录，可能已被删除。",
    "validation_failed": "填写的内容有误，请检查标红的项目。",
    "banned_person": "此人已被列入本区从业禁止名单，不得从事托育工作。",
    "conflict": "当前状态不允许此操作。",
    "no_capacity": "学位不足。",
    "not_bookable": "机构暂不接受此预约。",
    "rate_limited": "尝试次数过多，请稍后再试。",
    "unavailable": "后台服务暂时无法访问，请稍后再试。",
    "payload_too_large": "文件过大。",
}

# The refusals people meet most, word for word as the services raise them.
MESSAGE = {
    "The username or password is wrong.": "用户名或密码错误。",
    "This day is already closed.": "这一天已经停托。",
    "Children are in care now; check them out before closing the day.": "还有幼儿在园，请先办理离园再停托。",
    "Too many failed sign-ins for this username; try again later.": "该用户名登录失败次数过多，请稍后再试。",
    "Too many failed sign-ins from this network; wait a moment and try again.": (
        "此网络登录失败次数过多，请稍候再试。"
    ),
    "Only the facility's administrator changes its classes.": "只有机构管理员可以修改班级。",
    "Only the facility's administrator changes its staff register.": "只有机构管理员可以修改员工名册。",
    "Only the facility's administrator may do this.": "只有机构管理员可以进行此操作。",
    "The booking began before it was confirmed.": "预约开始前未确认，现在不能再确认。",
    "The booking does not cover today.": "该预约不包含今天。",
    "Today's booked hours are over.": "今天预约的时段已经结束。",
    "A no-show can be recorded only after the booking began.": "预约开始后才能记录未到。",
    "This inspection is already followed up.": "该检查已安排复查。",
    "Only a rectify result is followed up.": "只有限期整改的检查结果需要复查。",
    "Every inspector must be an active regulator account.": "检查人员必须是在用的监管账号。",
}

PROBLEM = {
    "missing": "必填",
    "string_too_short": "不能为空",
    "string_too_long": "内容过长",
    "too_long": "项目过多",
    "too_short": "至少选择一项",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "int_parsing": "请填写整数",
    "float_parsing": "请填写数字",
    "bool_parsing": "请选择是或否",
    "enum": "请从列表中选择",
    "literal_error": "请从列表中选择",
    "date_from_datetime_parsing": "请填写日期",
    "date_parsing": "请填写日期",
    "value_error": "格式不正确",
    "string_pattern_mismatch": "格式不正确",
    "extra_forbidden": "不应填写此项",
}


def label(field: str) -> str:
    return FIELD.get(field.split(".", 1)[0], field)


class FormErrors:
    """What the console shows for a refused form: one message on top and one per field."""

    def __init__(self, message: str, fields: dict[str, str] | None = None, details: Any = None) -> None:
        self.message = message
        self.fields = fields or {}
        self.details = details

    def __bool__(self) -> bool:
        return True


def from_validation(exc: ValidationError) -> FormErrors:
    fields: dict[str, str] = {}
    for error in exc.errors():
        location = [str(part) for part in error["loc"] if part != "[key]"]
        field = location[0] if location else "body"
        fields.setdefault(field, PROBLEM.get(error["type"], "格式不正确"))
    return FormErrors(CODE["validation_failed"], fields)


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def from_service(exc: ServiceError) -> FormErrors:
    # Some services already word their refusals in Chinese; those are shown as they are.
    message = (
        exc.message
        if _is_chinese(exc.message)
        else MESSAGE.get(exc.message) or CODE.get(exc.code, "操作未能完成。")
    )
    fields: dict[str, str] = {}
    raw_fields = exc.details.get("fields") if isinstance(exc.details, dict) else None
    if isinstance(raw_fields, dict):
        for name, problem in raw_fields.items():
            # An English reason is replaced: the console names the field and says it is refused.
            problem_text = str(problem)
            fields[str(name).split(".", 1)[0]] = problem_text if _is_chinese(problem_text) else "不符合要求"
    if exc.code == "validation_failed" and not fields:
        message = "填写的内容不符合要求。"
    return FormErrors(message, fields, exc.details)
