"""Odd input on every route of the parents', facilities' and bureau's APIs: a 4xx in the shape of
API.md ({"error": {"code", "message", "details"}}), never a 500.

The probes reach the services with real ids (a parent's own child and booking, the facility's own
class), so what is tested is the parsing and the rules, not only "not found".
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest

from backend.calendar import today_local
from backend.context import Resources
from backend.validators.id_number import id_number_check_char
from tests.backend.bookings.helpers import open_day_on_or_after
from tests.miniprogram_api.callers import World, the_world


@pytest.fixture(name="world")
async def _world(res: Resources) -> World:
    return await the_world(res)


def assert_client_error(response: httpx.Response) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    error = response.json()["error"]
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str)
    assert isinstance(error["details"], dict)


# (who, method, path) of every route taking a JSON body; {ids} are filled from the world.
JSON_ROUTES: list[tuple[str, str, str]] = [
    ("anyone", "POST", "/api/v1/auth/wx-login"),
    ("anyone", "POST", "/api/v1/auth/login"),
    ("parent", "POST", "/api/v1/children"),
    ("parent", "PATCH", "/api/v1/children/{child_id}"),
    ("parent", "POST", "/api/v1/subscriptions"),
    ("parent", "POST", "/api/v1/bookings"),
    ("parent", "POST", "/api/v1/bookings/{booking_id}/cancel"),
    ("admin", "PATCH", "/api/v1/manage/facility"),
    ("admin", "POST", "/api/v1/manage/staff"),
    ("admin", "POST", "/api/v1/manage/accounts"),
    ("admin", "POST", "/api/v1/manage/classes"),
    ("admin", "PATCH", "/api/v1/manage/classes/{class_id}"),
    ("admin", "POST", "/api/v1/manage/closures"),
    ("admin", "POST", "/api/v1/manage/bookings/{booking_id}/reject"),
    ("regulator", "POST", "/api/v1/admin/facilities"),
    ("regulator", "PATCH", "/api/v1/admin/facilities/{facility_id}"),
    ("regulator", "POST", "/api/v1/admin/banlist"),
    ("regulator", "POST", "/api/v1/admin/inspections/draw"),
    ("regulator", "POST", "/api/v1/admin/policies"),
    ("regulator", "POST", "/api/v1/admin/nursing-rooms"),
]

# Bodies no route takes: not JSON, not an object, wrong types everywhere.
ODD_BODIES: list[bytes] = [
    b"{",
    b"[]",
    b'[{"a": 1}]',
    b'"text"',
    b"42",
    b"null",
    b"true",
    b"\xff\xfe\x00",
    b'{"unknown_field": 1}',
    b'{"name": [], "date": {}, "kind": 1e400, "places": -1, "care_type": null}',
    b'{"name": NaN, "lat": Infinity, "lng": -Infinity, "count": 1e30}',
    b'{"a": ' * 50 + b"1" + b"}" * 50,
]


def _headers(world: World, who: str) -> dict[str, Any]:
    return {"Content-Type": "application/json", "Idempotency-Key": uuid.uuid4().hex, **world.headers(who)}


@pytest.mark.parametrize("body", ODD_BODIES, ids=range(len(ODD_BODIES)))
@pytest.mark.parametrize(("who", "method", "path"), JSON_ROUTES)
async def test_odd_bodies_are_refused_in_the_error_shape(
    api: httpx.AsyncClient, world: World, who: str, method: str, path: str, body: bytes
) -> None:
    response = await api.request(method, world.path(path), content=body, headers=_headers(world, who))
    assert_client_error(response)


NUL = "a\u0000b"


def id_number(serial: int) -> str:
    """A valid resident ID number of its own, so one probe's hire never blocks another's."""
    first17 = f"11010519900101{serial:03d}"
    return first17 + id_number_check_char(first17)


def nul_gap(*probe: Any) -> Any:
    """A probe with a NUL character in text the route stores or filters on (PostgreSQL cannot hold
    NUL in text): refused centrally by miniprogram_api/validation.py with a 422."""
    return pytest.param(*probe)


HUGE = 10**30
# (who, method, path, request keywords) of one bad field or parameter each.
FIELD_PROBES: list[Any] = [
    # children
    (
        "parent",
        "POST",
        "/api/v1/children",
        {"json": {"name": "小明", "birth_date": "2025-02-30", "gender": "m"}},
    ),
    (
        "parent",
        "POST",
        "/api/v1/children",
        {"json": {"name": "小明", "birth_date": "0000-01-01", "gender": "m"}},
    ),
    (
        "parent",
        "POST",
        "/api/v1/children",
        {"json": {"name": "小明", "birth_date": 1700000000, "gender": "m"}},
    ),
    (
        "parent",
        "POST",
        "/api/v1/children",
        {"json": {"name": NUL, "birth_date": "2025-01-01", "gender": "m"}},
    ),
    (
        "parent",
        "POST",
        "/api/v1/children",
        {"json": {"name": "x" * 10_000, "birth_date": "2025-01-01", "gender": "m"}},
    ),
    (
        "parent",
        "POST",
        "/api/v1/children",
        {"json": {"name": "小明", "birth_date": "2025-01-01", "gender": "x"}},
    ),
    ("parent", "PATCH", "/api/v1/children/{child_id}", {"json": {"birth_date": "9999-12-31"}}),
    ("parent", "PATCH", "/api/v1/children/{child_id}", {"json": {"allergies": NUL}}),
    ("parent", "PATCH", "/api/v1/children/{child_id}", {"json": {"name": None}}),
    ("parent", "GET", "/api/v1/children", {"params": {"limit": "0"}}),
    ("parent", "GET", "/api/v1/children", {"params": {"limit": str(HUGE)}}),
    ("parent", "GET", "/api/v1/children", {"params": {"limit": "abc"}}),
    ("parent", "GET", "/api/v1/children", {"params": {"cursor": "garbage"}}),
    ("parent", "GET", "/api/v1/children", {"params": {"cursor": "a.b.c"}}),
    ("parent", "GET", "/api/v1/children", {"params": {"limit": ["1", "2"]}}),
    ("parent", "GET", "/api/v1/children/not-a-uuid", {}),
    ("parent", "GET", "/api/v1/children/孩子", {}),
    ("parent", "GET", "/api/v1/children/" + "9" * 2000, {}),
    ("parent", "DELETE", "/api/v1/children/00000000-0000-0000-0000-00000000000g", {}),
    ("parent", "POST", "/api/v1/subscriptions", {"json": {"template_ids": []}}),
    ("parent", "POST", "/api/v1/subscriptions", {"json": {"template_ids": [NUL]}}),
    ("parent", "POST", "/api/v1/subscriptions", {"json": {"template_ids": "abc"}}),
    ("anyone", "POST", "/api/v1/auth/wx-login", {"json": {"code": NUL}}),
    ("anyone", "POST", "/api/v1/auth/login", {"json": {"username": NUL, "password": NUL}}),
    ("anyone", "POST", "/api/v1/auth/login", {"json": {"username": "x", "password": "y" * 10_000}}),
    ("anyone", "GET", "/api/v1/me", {}),
    ("anyone", "GET", "/api/v1/me", {"headers": {"Authorization": "Bearer"}}),
    ("anyone", "GET", "/api/v1/me", {"headers": {"Authorization": "Bearer " + "x" * 5000}}),
    ("anyone", "GET", "/api/v1/me", {"headers": {"Authorization": "Basic abc"}}),
    # bookings
    ("parent", "POST", "/api/v1/bookings", {"booking": {"start_date": "2026-02-30"}}),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"start_date": "9999-12-31"}}),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"start_date": "0001-01-01"}}),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"start_date": "2026-1-5"}}),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"end_date": "9999-12-31"}}),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"care_type": "temporary", "end_date": "9999-12-31"}}),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"care_type": "weekly"}}),
    (
        "parent",
        "POST",
        "/api/v1/bookings",
        {"booking": {"care_type": "hourly", "start_time": "25:00", "end_time": "26:00"}},
    ),
    (
        "parent",
        "POST",
        "/api/v1/bookings",
        {"booking": {"care_type": "hourly", "start_time": "08:30", "end_time": "10:00"}},
    ),
    (
        "parent",
        "POST",
        "/api/v1/bookings",
        {"booking": {"care_type": "hourly", "start_time": "09:00", "end_time": "24:00"}},
    ),
    (
        "parent",
        "POST",
        "/api/v1/bookings",
        {"booking": {"care_type": "hourly", "start_time": "9:00", "end_time": "10:00"}},
    ),
    (
        "parent",
        "POST",
        "/api/v1/bookings",
        {"booking": {"care_type": "hourly", "start_time": 9, "end_time": 10}},
    ),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"care_type": "half_day", "session": "evening"}}),
    nul_gap("parent", "POST", "/api/v1/bookings", {"booking": {"note": NUL}}),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"note": "x" * 10_000}}),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"facility_id": "not-a-uuid"}}),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"facility_id": NUL}}),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"child_id": 12345}}),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"child_id": str(uuid.uuid4())}}),
    ("parent", "POST", "/api/v1/bookings", {"booking": {}, "headers": {"Idempotency-Key": ""}}),
    ("parent", "POST", "/api/v1/bookings", {"booking": {}, "headers": {"Idempotency-Key": "k" * 500}}),
    ("parent", "GET", "/api/v1/bookings", {"params": {"status": "bogus"}}),
    ("parent", "GET", "/api/v1/bookings", {"params": {"limit": "-1"}}),
    ("parent", "GET", "/api/v1/bookings", {"params": {"cursor": "garbage.sig"}}),
    ("parent", "GET", "/api/v1/bookings/not-a-uuid", {}),
    ("parent", "GET", "/api/v1/bookings/%00", {}),
    ("parent", "POST", "/api/v1/bookings/not-a-uuid/cancel", {"json": {}}),
    ("parent", "POST", "/api/v1/bookings/{booking_id}/cancel", {"json": {"reason": NUL}}),
    ("parent", "POST", "/api/v1/bookings/{booking_id}/cancel", {"json": {"reason": 5}}),
    # availability (no login needed)
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"from": "2026-03-02", "to": "2026-03-03"}},
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"care_type": "full_day", "from": "2026-02-30", "to": "2026-03-03"}},
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"care_type": "full_day", "from": "2026-03-03", "to": "2026-03-01"}},
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"care_type": "full_day", "from": "2026-01-01", "to": "2026-12-31"}},
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"care_type": "full_day", "from": "2026-03-02", "to": "2026-03-03", "age_months": "-1"}},
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {
            "params": {
                "care_type": "full_day",
                "from": "2026-03-02",
                "to": "2026-03-03",
                "age_months": str(HUGE),
            }
        },
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"care_type": "half_day", "from": "2026-03-02", "to": "2026-03-03", "session": "noon"}},
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"care_type": ["full_day", "hourly"], "from": "2026-03-02", "to": "2026-03-03"}},
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/not-a-uuid/availability",
        {"params": {"care_type": "full_day", "from": "2026-03-02", "to": "2026-03-03"}},
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"care_type": "full_day", "from": "9999-12-31", "to": "9999-12-31", "bogus": "1"}},
    ),
    # the facility's profile, staff and accounts
    (
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"full_day_hours": {"start": "25:00", "end": "26:00"}}},
    ),
    (
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"full_day_hours": {"start": "08:30", "end": "17:00"}}},
    ),
    (
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"full_day_hours": {"start": "17:00", "end": "08:00"}}},
    ),
    ("admin", "PATCH", "/api/v1/manage/facility", {"json": {"am_hours": {"start": "06:00", "end": "07:00"}}}),
    ("admin", "PATCH", "/api/v1/manage/facility", {"json": {"prices": {"weekly": 1}}}),
    ("admin", "PATCH", "/api/v1/manage/facility", {"json": {"prices": {"full_day": -1}}}),
    ("admin", "PATCH", "/api/v1/manage/facility", {"json": {"prices": {"full_day": HUGE}}}),
    ("admin", "PATCH", "/api/v1/manage/facility", {"json": {"open_weekdays": [0, 8]}}),
    ("admin", "PATCH", "/api/v1/manage/facility", {"json": {"care_types": []}}),
    ("admin", "PATCH", "/api/v1/manage/facility", {"json": {"disclosure": {"gossip": "x"}}}),
    nul_gap("admin", "PATCH", "/api/v1/manage/facility", {"json": {"disclosure": {"fees": NUL}}}),
    nul_gap("admin", "PATCH", "/api/v1/manage/facility", {"json": {"description": NUL}}),
    nul_gap("admin", "PATCH", "/api/v1/manage/facility", {"json": {"name": NUL}}),
    nul_gap("admin", "PATCH", "/api/v1/manage/facility", {"json": {"address": NUL}}),
    ("admin", "PATCH", "/api/v1/manage/facility", {"json": {"age_min_months": 40}}),
    ("admin", "PATCH", "/api/v1/manage/facility", {"json": {"age_min_months": 30, "age_max_months": 12}}),
    ("admin", "PATCH", "/api/v1/manage/facility", {"json": {"cancel_before_hours": HUGE}}),
    ("admin", "PATCH", "/api/v1/manage/facility", {"json": {"auto_confirm": None}}),
    ("admin", "PATCH", "/api/v1/manage/facility", {"json": {"filing_status": "filed"}}),
    ("staff", "PATCH", "/api/v1/manage/facility", {"json": {"name": "改名"}}),
    (
        "admin",
        "POST",
        "/api/v1/manage/staff",
        {"json": {"name": "张三", "id_number": "123", "role": "caregiver"}},
    ),
    nul_gap(
        "admin",
        "POST",
        "/api/v1/manage/staff",
        {"json": {"name": NUL, "id_number": id_number(1), "role": "caregiver"}},
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/staff",
        {"json": {"name": "张三", "id_number": NUL, "role": "caregiver"}},
    ),
    nul_gap(
        "admin",
        "POST",
        "/api/v1/manage/staff",
        {
            "json": {
                "name": "张三",
                "id_number": id_number(2),
                "role": "caregiver",
                "certificates": [NUL],
            }
        },
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/staff",
        {
            "json": {
                "name": "张三",
                "id_number": id_number(3),
                "role": "caregiver",
                "last_record_check": "2025-02-30",
            }
        },
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/staff",
        {
            "json": {
                "name": "张三",
                "id_number": id_number(4),
                "role": "caregiver",
                "last_record_check": HUGE,
            }
        },
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/staff",
        {"json": {"name": "张三", "id_number": id_number(5), "role": "chef"}},
    ),
    ("admin", "GET", "/api/v1/manage/staff", {"params": {"limit": "100"}}),
    ("admin", "GET", "/api/v1/manage/staff", {"params": {"cursor": NUL}}),
    ("admin", "DELETE", "/api/v1/manage/staff/not-a-uuid", {}),
    ("admin", "DELETE", f"/api/v1/manage/staff/{uuid.uuid4()}", {}),
    ("admin", "POST", "/api/v1/manage/accounts", {"json": {"username": "ab", "password": "long enough"}}),
    (
        "admin",
        "POST",
        "/api/v1/manage/accounts",
        {"json": {"username": "名字名字", "password": "long enough"}},
    ),
    ("admin", "POST", "/api/v1/manage/accounts", {"json": {"username": "abcdef", "password": "short"}}),
    nul_gap(
        "admin",
        "POST",
        "/api/v1/manage/accounts",
        {"json": {"username": "abcdef", "password": "long enough", "display_name": NUL}},
    ),
    ("admin", "DELETE", "/api/v1/manage/accounts/not-a-uuid", {}),
    # classes, closures, the day's bookings, moves, occupancy
    (
        "admin",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "toddler", "name": "一班", "places": 0, "caregivers": 1}},
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "toddler", "name": "一班", "places": HUGE, "caregivers": 1}},
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "toddler", "name": "一班", "places": 16, "caregivers": 3}},
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "giant", "name": "一班", "places": 5, "caregivers": 1}},
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "family", "name": "一班", "places": 5, "caregivers": 1}},
    ),
    nul_gap(
        "admin",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "toddler", "name": NUL, "places": 5, "caregivers": 1}},
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "toddler", "name": "一班", "places": 5.5, "caregivers": 1}},
    ),
    (
        "staff",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "toddler", "name": "一班", "places": 5, "caregivers": 1}},
    ),
    ("admin", "PATCH", "/api/v1/manage/classes/{class_id}", {"json": {"places": -3}}),
    ("admin", "PATCH", "/api/v1/manage/classes/{class_id}", {"json": {"places": 99}}),
    ("admin", "PATCH", "/api/v1/manage/classes/not-a-uuid", {"json": {"places": 5}}),
    ("admin", "DELETE", "/api/v1/manage/classes/not-a-uuid", {}),
    ("admin", "POST", "/api/v1/manage/closures", {"json": {"date": "2026-02-30"}}),
    ("admin", "POST", "/api/v1/manage/closures", {"json": {"date": "2001-01-01"}}),
    ("admin", "POST", "/api/v1/manage/closures", {"json": {"date": "2099-01-05"}}),
    nul_gap("admin", "POST", "/api/v1/manage/closures", {"json": {"date": "2099-01-06", "reason": NUL}}),
    ("admin", "POST", "/api/v1/manage/closures", {"json": {"date": "2099-01-06", "force": "maybe"}}),
    ("admin", "DELETE", "/api/v1/manage/closures/not-a-uuid", {}),
    ("admin", "GET", "/api/v1/manage/bookings", {"params": {"date": "2026-02-30"}}),
    ("admin", "GET", "/api/v1/manage/bookings", {"params": {"status": "bogus"}}),
    ("admin", "GET", "/api/v1/manage/occupancy", {"params": {"date": "25:00"}}),
    ("admin", "POST", "/api/v1/manage/bookings/not-a-uuid/confirm", {}),
    ("admin", "POST", "/api/v1/manage/bookings/{booking_id}/confirm", {}),
    ("admin", "POST", "/api/v1/manage/bookings/{booking_id}/check-in", {}),
    ("admin", "POST", "/api/v1/manage/bookings/{booking_id}/reject", {"json": {"reason": ""}}),
    ("admin", "POST", "/api/v1/manage/bookings/{booking_id}/reject", {"json": {"reason": NUL}}),
    # the bureau
    ("regulator", "POST", "/api/v1/admin/facilities", {"facility": {"lat": 1000}}),
    ("regulator", "POST", "/api/v1/admin/facilities", {"facility": {"credit_code": "91371002MA3C8X1234"}}),
    ("regulator", "POST", "/api/v1/admin/facilities", {"facility": {"nature": "castle"}}),
    ("regulator", "POST", "/api/v1/admin/facilities", {"facility": {"name": NUL}}),
    ("regulator", "POST", "/api/v1/admin/facilities", {"facility": {"town": NUL}}),
    (
        "regulator",
        "POST",
        "/api/v1/admin/facilities",
        {"facility": {"age_min_months": 30, "age_max_months": 6}},
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/facilities",
        {"facility": {"admin": {"username": NUL, "password": "long enough"}}},
    ),
    ("regulator", "POST", "/api/v1/admin/facilities", {"facility": {"admin": []}}),
    ("regulator", "PATCH", "/api/v1/admin/facilities/{facility_id}", {"json": {"filing_status": "approved"}}),
    ("regulator", "PATCH", "/api/v1/admin/facilities/{facility_id}", {"json": {"suspended": "perhaps"}}),
    nul_gap("regulator", "PATCH", "/api/v1/admin/facilities/{facility_id}", {"json": {"filing_number": NUL}}),
    ("regulator", "PATCH", "/api/v1/admin/facilities/{facility_id}", {"json": {"suspended": True}}),
    ("regulator", "PATCH", "/api/v1/admin/facilities/not-a-uuid", {"json": {}}),
    ("regulator", "GET", "/api/v1/admin/facilities/not-a-uuid", {}),
    nul_gap("regulator", "GET", "/api/v1/admin/facilities", {"params": {"town": NUL}}),
    ("regulator", "GET", "/api/v1/admin/facilities", {"params": {"filing_status": "bogus"}}),
    (
        "regulator",
        "POST",
        "/api/v1/admin/banlist",
        {"json": {"id_number": "123", "name": "x", "reason": "y"}},
    ),
    nul_gap(
        "regulator",
        "POST",
        "/api/v1/admin/banlist",
        {"json": {"id_number": id_number(6), "name": NUL, "reason": "y"}},
    ),
    ("regulator", "GET", "/api/v1/admin/ban-alerts", {"params": {"resolved": "maybe"}}),
    ("regulator", "GET", "/api/v1/admin/ban-alerts", {"params": {"kind": "bogus"}}),
    ("regulator", "POST", f"/api/v1/admin/ban-alerts/{uuid.uuid4()}/resolve", {}),
    ("regulator", "GET", "/api/v1/admin/audit", {"params": {"facility_id": "not-a-uuid"}}),
    nul_gap("regulator", "GET", "/api/v1/admin/audit", {"params": {"action": NUL}}),
    ("regulator", "GET", "/api/v1/admin/audit", {"params": {"cursor": "e30.bad"}}),
    ("regulator", "POST", "/api/v1/admin/inspections/draw", {"json": {"count": 0, "inspector_ids": []}}),
    (
        "regulator",
        "POST",
        "/api/v1/admin/inspections/draw",
        {"json": {"count": HUGE, "inspector_ids": ["x"]}},
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/inspections/draw",
        {"json": {"count": 1, "inspector_ids": ["not-a-uuid"]}},
    ),
    ("regulator", "POST", "/api/v1/admin/inspections/draw", {"json": {"count": 1, "inspector_ids": [NUL]}}),
    (
        "regulator",
        "POST",
        "/api/v1/admin/inspections/draw",
        {"json": {"count": 1, "inspector_ids": [str(uuid.uuid4())], "seed": NUL}},
    ),
    ("regulator", "GET", "/api/v1/admin/inspections/draws/not-a-uuid/replay", {}),
    ("regulator", "GET", "/api/v1/admin/inspections/not-a-uuid", {}),
    ("regulator", "GET", "/api/v1/admin/inspections", {"params": {"status": "bogus"}}),
    ("regulator", "POST", "/api/v1/admin/inspections/not-a-uuid/result", {"json": {"result": "pass"}}),
    ("regulator", "POST", f"/api/v1/admin/inspections/{uuid.uuid4()}/result", {"json": {"result": "great"}}),
    (
        "regulator",
        "POST",
        "/api/v1/admin/policies",
        {"json": {"title": "t", "body": "b", "published_at": "2026-02-30"}},
    ),
    nul_gap("regulator", "POST", "/api/v1/admin/policies", {"json": {"title": NUL, "body": "b"}}),
    nul_gap("regulator", "POST", "/api/v1/admin/policies", {"json": {"title": "t", "body": NUL}}),
    nul_gap(
        "regulator", "POST", "/api/v1/admin/policies", {"json": {"title": "t", "body": "b", "tags": [NUL]}}
    ),
    ("regulator", "POST", "/api/v1/admin/policies", {"json": {"title": "t", "body": "b", "tags": [1, {}]}}),
    ("regulator", "PATCH", "/api/v1/admin/policies/not-a-uuid", {"json": {"title": "t"}}),
    ("regulator", "POST", "/api/v1/admin/policies/not-a-uuid/publish", {"json": {"push": True}}),
    ("regulator", "GET", "/api/v1/admin/policies", {"params": {"published": "maybe"}}),
    ("regulator", "POST", "/api/v1/admin/nursing-rooms", {"room": {"lat": "north"}}),
    nul_gap("regulator", "POST", "/api/v1/admin/nursing-rooms", {"room": {"name": NUL}}),
    nul_gap("regulator", "POST", "/api/v1/admin/nursing-rooms", {"room": {"floor": NUL}}),
    ("regulator", "POST", "/api/v1/admin/nursing-rooms", {"room": {"amenities": ["jacuzzi"]}}),
    ("regulator", "POST", "/api/v1/admin/nursing-rooms", {"room": {"venue_type": "moon"}}),
    ("regulator", "PATCH", "/api/v1/admin/nursing-rooms/not-a-uuid", {"json": {"name": "x"}}),
    ("regulator", "DELETE", "/api/v1/admin/nursing-rooms/not-a-uuid", {}),
    nul_gap("regulator", "GET", "/api/v1/admin/nursing-rooms", {"params": {"town": NUL}}),
    (
        "regulator",
        "POST",
        "/api/v1/admin/nursing-rooms/import",
        {"content": b"a,b\n1,2", "headers": {"Content-Type": "image/png"}},
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/nursing-rooms/import",
        {"content": b"\xff\xfe\x00", "headers": {"Content-Type": "text/csv"}},
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/nursing-rooms/import",
        {"content": b"", "headers": {"Content-Type": "text/csv"}},
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/nursing-rooms/import",
        {"content": b"just,a,header\n", "headers": {"Content-Type": "text/csv"}},
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/nursing-rooms/import",
        {"content": b"--x\r\n\r\n", "headers": {"Content-Type": "multipart/form-data; boundary=x"}},
    ),
    ("regulator", "GET", "/api/v1/admin/stats", {"params": {"from": "2026-02-30"}}),
    ("regulator", "GET", "/api/v1/admin/stats", {"params": {"from": "2026-03-05", "to": "2026-03-01"}}),
    ("regulator", "GET", "/api/v1/admin/stats", {"params": {"from": str(HUGE)}}),
    ("regulator", "GET", "/api/v1/admin/stats", {"params": {"from": "0001-01-01", "to": "9999-12-31"}}),
]

ROOM_LINE = "name,address,venue_type,floor,opening_hours,amenities,lat,lng"


def _request_keywords(world: World, probe: dict[str, Any]) -> dict[str, Any]:
    keywords = dict(probe)
    if "booking" in keywords:
        keywords["json"] = {
            "facility_id": world.facility_id,
            "child_id": world.child_id,
            "care_type": "full_day",
            # Bookable as far as the window goes, so each probe meets the rule it tests.
            "start_date": open_day_on_or_after(today_local() + timedelta(days=3)).isoformat(),
            **keywords.pop("booking"),
        }
    if "facility" in keywords:
        keywords["json"] = {
            "name": "托育园",
            "credit_code": "91371002MA3C8X1234",
            "address": "威海市环翠区测试路1号",
            "town": "竹岛街道",
            "lat": 37.5,
            "lng": 122.1,
            "nature": "public",
            "admin": {"username": f"adm-{uuid.uuid4().hex[:8]}", "password": "long enough"},
            **keywords.pop("facility"),
        }
    if "room" in keywords:
        keywords["json"] = {
            "name": "母婴室",
            "address": "威海市环翠区新威路1号",
            "venue_type": "mall",
            "lat": 37.5,
            "lng": 122.1,
            **keywords.pop("room"),
        }
    return keywords


def _probe_id(index: int, probe: Any) -> str:
    _, method, path, _ = getattr(probe, "values", probe)
    return f"{method} {path} #{index}"


@pytest.mark.parametrize(
    ("who", "method", "path", "probe"),
    FIELD_PROBES,
    ids=[_probe_id(i, p) for i, p in enumerate(FIELD_PROBES)],
)
async def test_bad_fields_are_refused_in_the_error_shape(
    api: httpx.AsyncClient, world: World, who: str, method: str, path: str, probe: dict[str, Any]
) -> None:
    keywords = _request_keywords(world, probe)
    headers = {**_headers(world, who), **keywords.pop("headers", {})}
    if "content" not in keywords:
        headers.pop("Content-Type")
    response = await api.request(method, world.path(path), headers=headers, **keywords)
    assert_client_error(response)
