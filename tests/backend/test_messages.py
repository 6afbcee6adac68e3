"""The catalogue of messages people read (backend/messages.py): every English text a service
raises has its Chinese, fields are named in Chinese, and pydantic's errors are worded from their type."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pydantic import BaseModel, Field, ValidationError

from backend.labels import CODE_LABELS, add_labels, label, with_labels
from backend.messages import CODE_MESSAGES, field_label, localise, problem_zh, pydantic_problem
from tests.prose import ENGLISH_PROSE

ROOT = Path(__file__).resolve().parents[2]
ERRORS = {
    "Unauthorized": "unauthorized",
    "Forbidden": "forbidden",
    "NotFound": "not_found",
    "Conflict": "conflict",
    "NotBookable": "not_bookable",
    "RateLimited": "rate_limited",
    "WechatUnavailable": "wechat_unavailable",
    "DrawImpossible": "conflict",
}


def _raised_texts() -> list[tuple[str, str, str]]:
    """(where, code, English text) of every constant message and field problem in the source."""
    found: list[tuple[str, str, str]] = []
    for path in sorted(
        [*ROOT.glob("backend/**/*.py"), *ROOT.glob("bot/**/*.py"), *ROOT.glob("miniprogram_api/**/*.py")]
    ):
        if "migrations" in path.parts or path.name == "messages.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name in ERRORS and texts:
                found.append((where, ERRORS[name], texts[0]))
            elif name == "field" and len(texts) == 2:
                found.append((where, "problem", texts[1]))
    return found


RAISED = _raised_texts()


def test_the_source_raises_enough_texts_to_be_checked() -> None:
    assert len(RAISED) > 80


@pytest.mark.parametrize(("where", "code", "text"), RAISED, ids=[r[0] for r in RAISED])
def test_every_raised_text_has_its_own_chinese(where: str, code: str, text: str) -> None:
    if code == "problem":
        shown = problem_zh(text)
        assert shown != "填写有误，请检查", (where, text)
    else:
        shown, _ = localise(code, text, {})
        assert shown != CODE_MESSAGES[code] or "No such" in text, (where, text)
    assert not ENGLISH_PROSE.search(shown), (where, shown)


def test_a_validation_message_names_the_field_in_chinese() -> None:
    message, details = localise(
        "validation_failed",
        "birth_date: must not be in the future",
        {"fields": {"birth_date": "must not be in the future"}},
    )
    assert message == "请检查出生日期（不能晚于今天）。"
    assert details == {"fields": {"birth_date": "不能晚于今天"}}


def test_several_fields_are_listed_in_one_message() -> None:
    message, _ = localise(
        "validation_failed", "Some fields are not valid: a, b", {"fields": {"name": "必填", "gender": "必填"}}
    )
    assert "名称（必填）" in message and "性别（必填）" in message


def test_a_message_already_chinese_passes_unchanged() -> None:
    assert localise("not_found", "没有这次区级停托。", {})[0] == "没有这次区级停托。"


def test_an_unknown_english_message_falls_back_to_its_code() -> None:
    assert localise("conflict", "Something nobody catalogued.", {})[0] == CODE_MESSAGES["conflict"]


def test_codes_in_a_message_read_as_their_labels() -> None:
    message, _ = localise("conflict", "A confirmed booking cannot become checked_out.", {})
    assert message == "「已确认」的预约不能改为「已离园」。"


def test_nested_field_paths_read_in_chinese() -> None:
    assert field_label("workdays.0.date") == "调休工作日第1项的日期"
    assert field_label("prices.full_day") == "价格（全日托）"
    assert field_label("admin.username") == "机构管理员账号的用户名"


class _Child(BaseModel):
    gender: str = Field(pattern="^[fm]$")
    name: str = Field(max_length=5)
    age: int = Field(ge=0)


def test_pydantic_errors_are_worded_from_their_type_and_context() -> None:
    with pytest.raises(ValidationError) as caught:
        _Child.model_validate({"gender": "x", "name": "x" * 9, "age": -1})
    problems = [pydantic_problem(error) for error in caught.value.errors()]
    assert problems == ["格式不正确", "最多 5 个字符", "不能小于 0"]


def test_a_literal_lists_its_choices_with_labels() -> None:
    problem = pydantic_problem({"type": "literal_error", "ctx": {"expected": "'full_day' or 'hourly'"}})
    assert problem == "须为以下之一：full_day（全日托）、hourly（计时托）"


def test_every_code_table_is_chinese() -> None:
    for table in CODE_LABELS.values():
        assert all(not ENGLISH_PROSE.search(text) for text in table.values())
    assert label("care_type", "half_day") == "半日托"
    assert with_labels(
        {"care_types": ["hourly"], "nature": "public"}, care_types="care_type", nature="nature"
    ) == {
        "care_types": ["hourly"],
        "care_types_label": ["计时托"],
        "nature": "public",
        "nature_label": "公办",
    }


def test_answers_get_labels_beside_their_codes() -> None:
    answer = add_labels(
        {
            "items": [{"status": "confirmed", "care_type": "hourly", "class_kind": "toddler"}],
            "facility": {"nature": "public", "care_types": ["full_day"], "role": "caregiver"},
            "room": {"venue_type": "mall", "amenities": ["sofa", "unknown"]},
            "alert": {"kind": "hire_refused", "status": "scheduled"},
        }
    )
    assert answer["items"][0] == {
        "status": "confirmed",
        "status_label": "已确认",
        "care_type": "hourly",
        "care_type_label": "计时托",
        "class_kind": "toddler",
        "class_kind_label": "托小班",
    }
    assert answer["facility"]["nature_label"] == "公办"
    assert answer["facility"]["care_types_label"] == ["全日托"]
    assert answer["facility"]["role_label"] == "保育人员"
    assert answer["room"]["amenities_label"] == ["沙发", "unknown"]
    assert "kind_label" not in answer["alert"]
    assert answer["alert"]["status_label"] == "待检查"
