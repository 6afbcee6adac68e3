"""Hostile input on the real server: deep JSON, a token that is not one, and far dates all get a
4xx in the error shape (issue 13), never a 500."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from backend.context import Resources
from tests.miniprogram_api.callers import World, the_world

DEPTH_LIMIT = 64


@pytest.fixture(name="world")
async def _world(res: Resources) -> World:
    return await the_world(res)


def nested(depth: int) -> bytes:
    """A login body whose username is `depth - 1` arrays deep (the object itself is level 1)."""
    inner = b"[" * (depth - 1) + b"]" * (depth - 1)
    return b'{"username": ' + inner + b', "password": "x"}'


@pytest.mark.parametrize("depth", [DEPTH_LIMIT + 1, 600, 1000, 100_000])
async def test_a_body_deeper_than_the_limit_is_refused_before_parsing(
    api: httpx.AsyncClient, depth: int
) -> None:
    response = await api.post("/api/v1/auth/login", content=nested(depth))
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert "64" in error["details"]["fields"]["body"]


async def test_a_body_at_the_limit_reaches_the_field_checks(api: httpx.AsyncClient) -> None:
    response = await api.post("/api/v1/auth/login", content=nested(DEPTH_LIMIT))
    assert response.status_code == 422, response.text
    fields = response.json()["error"]["details"]["fields"]
    assert "username" in fields and "body" not in fields


async def test_brackets_inside_strings_do_not_count_as_nesting(api: httpx.AsyncClient) -> None:
    body = b'{"username": "' + b"[{" * 45 + b'", "password": "\\"[[[[[[[[["}'
    response = await api.post("/api/v1/auth/login", content=body)
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "unauthorized"


async def test_deep_unclosed_brackets_are_refused(api: httpx.AsyncClient) -> None:
    response = await api.post("/api/v1/auth/login", content=b'{"a":' + b"[" * 5000)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "validation_failed"


@pytest.mark.parametrize(
    "authorization",
    [
        b"Bearer \xff\xfe\xfd-not-utf8-token-value",
        b"Bearer caf\xc3\xa9-0123456789abcdef",
        b"Bearer " + b"a" * 300,
        b"Bearer short",
        b"Bearer abc:def/ghi+jkl=0123456789",
    ],
    ids=["latin1", "utf8", "long", "short", "not-urlsafe"],
)
async def test_a_token_of_the_wrong_shape_is_a_401(api: httpx.AsyncClient, authorization: bytes) -> None:
    for path in ("/api/v1/me", "/api/v1/children", "/api/v1/manage/facility", "/api/v1/admin/stats"):
        response = await api.get(path, headers={"Authorization": authorization})
        assert response.status_code == 401, (path, response.text)
        assert response.json()["error"]["code"] == "unauthorized"


FAR = "9999-12-31"
JUST_BEYOND = "2101-01-01"

# (who, method, path, request keywords, the field named) of every way a date comes in.
FAR_DATES: list[tuple[str, str, str, dict[str, Any], str]] = [
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"care_type": "full_day", "from": FAR, "to": FAR}},
        "from",
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"care_type": "full_day", "from": "2026-03-02", "to": JUST_BEYOND}},
        "to",
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/nearby",
        {"params": {"lat": 37.5, "lng": 122.1, "date": FAR}},
        "date",
    ),
    (
        "parent",
        "POST",
        "/api/v1/bookings",
        {"json": {"care_type": "full_day", "start_date": JUST_BEYOND}, "booking": True},
        "start_date",
    ),
    (
        "parent",
        "POST",
        "/api/v1/children",
        {"json": {"name": "小明", "birth_date": FAR, "gender": "m", "consent": True}},
        "birth_date",
    ),
    ("parent", "PATCH", "/api/v1/children/{child_id}", {"json": {"birth_date": FAR}}, "birth_date"),
    ("admin", "POST", "/api/v1/manage/closures", {"json": {"date": JUST_BEYOND}}, "date"),
    ("admin", "GET", "/api/v1/manage/bookings", {"params": {"date": FAR}}, "date"),
    ("admin", "GET", "/api/v1/manage/occupancy", {"params": {"date": FAR}}, "date"),
    ("regulator", "GET", "/api/v1/admin/stats", {"params": {"from": "2026-01-01", "to": FAR}}, "to"),
]


@pytest.mark.parametrize(
    ("who", "method", "path", "keywords", "field"),
    FAR_DATES,
    ids=[f"{m} {p} {f}" for _, m, p, _, f in FAR_DATES],
)
async def test_dates_beyond_2100_are_a_422_naming_the_field(
    api: httpx.AsyncClient,
    world: World,
    who: str,
    method: str,
    path: str,
    keywords: dict[str, Any],
    field: str,
) -> None:
    keywords = dict(keywords)
    if keywords.pop("booking", False):
        keywords["json"] = {"facility_id": world.facility_id, "child_id": world.child_id, **keywords["json"]}
    headers = {"Idempotency-Key": uuid.uuid4().hex, **world.headers(who)}
    response = await api.request(method, world.path(path), headers=headers, **keywords)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert field in error["details"]["fields"], error
