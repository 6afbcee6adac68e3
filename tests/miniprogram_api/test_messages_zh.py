"""What a person reads when a request is refused: a Chinese message naming the field in Chinese,
the stable English code, and `details.fields` keyed by the field names with Chinese problems."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from backend.context import Resources
from tests.miniprogram_api.callers import World, the_world
from tests.prose import english_in


@pytest.fixture(name="world")
async def _world(res: Resources) -> World:
    return await the_world(res)


# (who, method, path, request keywords, status, code, field, words the message holds)
PROBES: list[tuple[str, str, str, dict[str, Any], int, str, str | None, str]] = [
    (
        "parent",
        "POST",
        "/api/v1/children",
        {"json": {"name": "小明", "birth_date": "2025-01-01", "gender": "x"}},
        422,
        "validation_failed",
        "gender",
        "性别",
    ),
    (
        "parent",
        "POST",
        "/api/v1/children",
        {"json": {"name": "小明", "gender": "f"}},
        422,
        "validation_failed",
        "birth_date",
        "出生日期",
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/nearby",
        {"params": {"lat": "x", "lng": "120"}},
        422,
        "validation_failed",
        "lat",
        "纬度",
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "toddler", "name": "a", "places": 99, "caregivers": 9}},
        422,
        "validation_failed",
        "places",
        "学位数",
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/banlist",
        {"json": {"id_number": "123", "name": "张三", "reason": "x"}},
        422,
        "validation_failed",
        "id_number",
        "身份证号",
    ),
    (
        "anyone",
        "POST",
        "/api/v1/auth/login",
        {"json": {"username": "nobody-here", "password": "wrong-password-1"}},
        401,
        "unauthorized",
        None,
        "用户名或密码错误",
    ),
    ("parent", "GET", "/api/v1/manage/facility", {}, 403, "forbidden", None, "需要以下角色"),
    (
        "parent",
        "GET",
        "/api/v1/children/00000000-0000-0000-0000-000000000000",
        {},
        404,
        "not_found",
        None,
        "孩子",
    ),
    ("anyone", "GET", "/api/v1/no-such-route", {}, 404, "not_found", None, "没有找到"),
]


@pytest.mark.parametrize(("who", "method", "path", "request_kw", "status", "code", "field", "words"), PROBES)
async def test_a_refusal_is_worded_in_chinese(
    api: httpx.AsyncClient,
    world: World,
    who: str,
    method: str,
    path: str,
    request_kw: dict[str, Any],
    status: int,
    code: str,
    field: str | None,
    words: str,
) -> None:
    response = await api.request(method, path, headers=world.headers(who), **request_kw)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert words in error["message"], error["message"]
    if field is not None:
        assert field in error["details"]["fields"]
    assert not english_in(error), error
