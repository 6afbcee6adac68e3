"""Chinese labels for every code a person reads, in one table beside backend/rules.py.

Answers keep the stable English codes; a `<name>_label` companion (and every Chinese error message)
takes its text from here, so one code never reads two ways in two places.
"""

from __future__ import annotations

from typing import Any

CODE_LABELS: dict[str, dict[str, str]] = {
    "care_type": {"full_day": "全日托", "half_day": "半日托", "hourly": "计时托", "temporary": "临时托"},
    "session": {"am": "上午", "pm": "下午"},
    "class_kind": {
        "infant": "乳儿班",
        "toddler": "托小班",
        "preschool": "托大班",
        "mixed": "混合班",
        "family": "家庭托育点",
    },
    "nature": {
        "public": "公办",
        "private_nonprofit": "民办非营利",
        "private_for_profit": "民办营利",
        "employer": "用人单位办",
        "kindergarten": "幼儿园托班",
        "family": "家庭托育点",
    },
    "filing_status": {"unfiled": "未备案", "filed": "已备案", "revoked": "备案已撤销"},
    "role": {
        "parent": "家长",
        "facility_admin": "机构管理员",
        "facility_staff": "机构员工",
        "regulator": "监管人员",
    },
    "status": {
        "pending": "待确认",
        "confirmed": "已确认",
        "rejected": "已拒绝",
        "cancelled": "已取消",
        "checked_in": "已入园",
        "checked_out": "已离园",
        "no_show": "未到",
    },
    "inspection_status": {"scheduled": "待检查", "done": "已检查"},
    "result": {"pass": "合格", "rectify": "限期整改", "fail": "不合格"},
    "venue_type": {
        "station": "交通站点",
        "hospital": "医院",
        "mall": "商场",
        "service_hall": "政务服务大厅",
        "employer": "用人单位",
        "scenic": "景区",
        "other": "其他场所",
    },
    "amenity": {
        "changing_table": "护理台",
        "sink_hot_water": "洗手池（热水）",
        "power_outlet": "电源插座",
        "call_button": "呼叫按钮",
        "lockable_door": "可锁门",
        "seat": "哺乳椅",
        "fridge": "冰箱",
        "sofa": "沙发",
    },
    "outbox_state": {
        "queued": "待发送",
        "sending": "发送中",
        "sent": "已发送",
        "failed": "发送失败",
        "dead": "已放弃",
        "skipped_no_grant": "未发送（家长未授权）",
        "skipped_reserved": "未发送（保留授权）",
        "withdrawn": "已撤回",
        "unknown": "结果未知",
    },
    "gender": {"f": "女", "m": "男"},
    "staff_role": {
        "director": "负责人",
        "caregiver": "保育人员",
        "health": "保健人员",
        "cook": "炊事人员",
        "security": "安保人员",
        "other": "其他人员",
    },
}

# The fields of answers that hold a code, and the tables their codes come from (first that knows it).
FIELD_TABLES: dict[str, tuple[str, ...]] = {
    "care_type": ("care_type",),
    "care_types": ("care_type",),
    "session": ("session",),
    "class_kind": ("class_kind",),
    "kind": ("class_kind",),
    "nature": ("nature",),
    "filing_status": ("filing_status",),
    "role": ("role", "staff_role"),
    "status": ("status", "inspection_status"),
    "result": ("result",),
    "venue_type": ("venue_type",),
    "amenities": ("amenity",),
    "state": ("outbox_state",),
    "gender": ("gender",),
}

# Every code of every table, for reading a code met in a message without knowing its kind.
_ANY_CODE: dict[str, str] = {}
for _table in ("amenity", "venue_type", "outbox_state", "result", "filing_status", "nature"):
    _ANY_CODE.update(CODE_LABELS[_table])
for _table in ("gender", "role", "class_kind", "session", "status", "care_type"):
    _ANY_CODE.update(CODE_LABELS[_table])


def label(kind: str, code: str | None) -> str | None:
    """The Chinese label of `code` in table `kind`; the code itself when the table lacks it."""
    if code is None:
        return None
    return CODE_LABELS.get(kind, {}).get(code, code)


def any_label(code: str) -> str:
    """The label of a code of any table (used by messages naming a status or care type)."""
    return _ANY_CODE.get(code, code)


def labelled(kind: str, codes: list[str] | None) -> list[str]:
    return [label(kind, code) or code for code in codes or []]


def with_labels(view: dict[str, Any], **kinds: str) -> dict[str, Any]:
    """`view` with a `<field>_label` beside each named field (field=table); lists get a list."""
    for field, kind in kinds.items():
        value = view.get(field)
        if isinstance(value, list):
            view[f"{field}_label"] = labelled(kind, value)
        elif isinstance(value, str) or value is None:
            view[f"{field}_label"] = label(kind, value)
    return view


def _known(tables: tuple[str, ...], code: str) -> str | None:
    for table in tables:
        found = CODE_LABELS[table].get(code)
        if found is not None:
            return found
    return None


def add_labels(data: Any) -> Any:
    """`data` with a `<field>_label` beside every code field a person reads (FIELD_TABLES), in place.

    Applied where answers are serialised, so every answer carries its labels without each service
    naming them; a field that already has its label, or holds a code no table knows, is left alone.
    """
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, list):
            pending.extend(item for item in value if isinstance(item, dict | list))
            continue
        if not isinstance(value, dict):
            continue
        additions: dict[str, Any] = {}
        for field, item in value.items():
            tables = FIELD_TABLES.get(field) if isinstance(field, str) else None
            if tables is not None and f"{field}_label" not in value:
                if isinstance(item, str):
                    shown = _known(tables, item)
                    if shown is not None:
                        additions[f"{field}_label"] = shown
                elif isinstance(item, list) and item and all(isinstance(code, str) for code in item):
                    additions[f"{field}_label"] = [_known(tables, code) or code for code in item]
            elif isinstance(item, dict | list):
                pending.append(item)
        value.update(additions)
    return data
