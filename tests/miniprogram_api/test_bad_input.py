"""Odd input on every route of the parents', facilities' and bureau's APIs: the one 4xx each deserves,
in the shape of API.md ({"error": {"code", "message", "details"}}), with its code and the fields
it names in `details.fields`, never a 500.

The probes reach the services with real ids (a parent's own child and booking, the facility's own
class), so what is tested is the parsing and the rules, not only "not found". Messages are for
people and may be reworded (but are Chinese); status, code and field names are the contract.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest

from backend.calendar import today_local
from backend.context import Resources
from backend.validators.id_number import id_number_check_char
from tests.backend.bookings.helpers import open_day_on_or_after
from tests.factories import NO_SUCH_ID
from tests.miniprogram_api.callers import World, the_world
from tests.prose import english_in


@pytest.fixture(name="world")
async def _world(res: Resources) -> World:
    return await the_world(res)


@dataclass(frozen=True)
class Refusal:
    """The answer a probe must get: its status, its code and the fields `details.fields` names."""

    status: int
    code: str
    fields: frozenset[str] = frozenset()


def invalid(*fields: str) -> Refusal:
    return Refusal(422, "validation_failed", frozenset(fields))


def bureau_only(*fields: str) -> Refusal:
    return Refusal(403, "forbidden", frozenset(fields))


NOT_FOUND = Refusal(404, "not_found")
UNAUTHORIZED = Refusal(401, "unauthorized")
FORBIDDEN = Refusal(403, "forbidden")
CONFLICT = Refusal(409, "conflict")


def assert_refused(response: httpx.Response, expected: Refusal) -> None:
    assert response.status_code == expected.status, (response.status_code, response.text)
    error = response.json()["error"]
    assert error["code"] == expected.code, response.text
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["details"], dict)
    assert set(error["details"].get("fields", {})) == expected.fields, response.text
    # People read the message and the fields' problems: Chinese, never English prose.
    assert not english_in(error), response.text


# (who, method, path) of every route taking a JSON body; {ids} are filled from the world.
JSON_ROUTES: list[tuple[str, str, str]] = [
    ("anyone", "POST", "/api/v1/auth/wx-login"),
    ("anyone", "POST", "/api/v1/auth/login"),
    ("parent", "PATCH", "/api/v1/me"),
    ("parent", "POST", "/api/v1/children"),
    ("parent", "PATCH", "/api/v1/children/{child_id}"),
    ("parent", "POST", "/api/v1/subscriptions"),
    ("parent", "POST", "/api/v1/bookings"),
    ("parent", "POST", "/api/v1/bookings/{booking_id}/cancel"),
    ("parent", "POST", "/api/v1/bookings/{booking_id}/absences"),
    ("admin", "PATCH", "/api/v1/manage/facility"),
    ("admin", "POST", "/api/v1/manage/staff"),
    ("admin", "PATCH", "/api/v1/manage/staff/{staff_member_id}"),
    ("admin", "POST", "/api/v1/auth/password"),
    ("admin", "POST", "/api/v1/manage/accounts"),
    ("admin", "POST", "/api/v1/manage/classes"),
    ("admin", "PATCH", "/api/v1/manage/classes/{class_id}"),
    ("admin", "POST", "/api/v1/manage/closures"),
    ("admin", "POST", "/api/v1/manage/bookings/{booking_id}/reject"),
    ("admin", "POST", "/api/v1/manage/bookings/{booking_id}/check-in"),
    ("regulator", "POST", "/api/v1/admin/facilities"),
    ("regulator", "PATCH", "/api/v1/admin/facilities/{facility_id}"),
    ("regulator", "POST", "/api/v1/admin/banlist"),
    ("regulator", "DELETE", "/api/v1/admin/banlist/{facility_id}"),
    ("regulator", "POST", "/api/v1/admin/inspections/draw"),
    ("regulator", "POST", "/api/v1/admin/inspections/{facility_id}/follow-up"),
    ("regulator", "POST", "/api/v1/admin/policies"),
    ("regulator", "POST", "/api/v1/admin/nursing-rooms"),
]

# Bodies no route takes, each with the field it must be refused for: not JSON or not an object
# ("body"), then objects with a field no route takes in that form (along with the route's own
# required fields, which these bodies lack).
ODD_BODIES: list[tuple[bytes, str]] = [
    (b"{", "body"),
    (b"[]", "body"),
    (b'[{"a": 1}]', "body"),
    (b'"text"', "body"),
    (b"42", "body"),
    (b"null", "body"),
    (b"true", "body"),
    (b"\xff\xfe\x00", "body"),
    (b'{"unknown_field": 1}', "unknown_field"),
    (b'{"name": [], "date": {}, "kind": 1e400, "places": -1, "care_type": null}', "name"),
    (b'{"name": NaN, "lat": Infinity, "lng": -Infinity, "count": 1e30}', "name"),
    (b'{"a": ' * 50 + b"1" + b"}" * 50, "a"),
]


def _headers(world: World, who: str) -> dict[str, Any]:
    return {"Content-Type": "application/json", "Idempotency-Key": uuid.uuid4().hex, **world.headers(who)}


@pytest.mark.parametrize(("body", "field"), ODD_BODIES, ids=range(len(ODD_BODIES)))
@pytest.mark.parametrize(("who", "method", "path"), JSON_ROUTES)
async def test_odd_bodies_are_refused_naming_the_field(
    api: httpx.AsyncClient, world: World, who: str, method: str, path: str, body: bytes, field: str
) -> None:
    response = await api.request(method, world.path(path), content=body, headers=_headers(world, who))
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    fields = set(error["details"]["fields"])
    assert field in fields, response.text
    assert not english_in(error), response.text
    if field == "body":
        assert fields == {"body"}


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
# (who, method, path, request keywords, the refusal) of one bad field or parameter each.
FIELD_PROBES: list[Any] = [
    # children
    (
        "parent",
        "POST",
        "/api/v1/children",
        {"json": {"name": "小明", "birth_date": "2025-02-30", "gender": "m"}},
        invalid("birth_date"),
    ),
    (
        "parent",
        "POST",
        "/api/v1/children",
        {"json": {"name": "小明", "birth_date": "0000-01-01", "gender": "m"}},
        invalid("birth_date"),
    ),
    (
        "parent",
        "POST",
        "/api/v1/children",
        {"json": {"name": "小明", "birth_date": 1700000000, "gender": "m"}},
        invalid("birth_date"),
    ),
    (
        "parent",
        "POST",
        "/api/v1/children",
        {"json": {"name": NUL, "birth_date": "2025-01-01", "gender": "m"}},
        invalid("name"),
    ),
    (
        "parent",
        "POST",
        "/api/v1/children",
        {"json": {"name": "x" * 10_000, "birth_date": "2025-01-01", "gender": "m"}},
        invalid("name"),
    ),
    (
        "parent",
        "POST",
        "/api/v1/children",
        {"json": {"name": "小明", "birth_date": "2025-01-01", "gender": "x"}},
        invalid("gender"),
    ),
    (
        "parent",
        "PATCH",
        "/api/v1/children/{child_id}",
        {"json": {"birth_date": "9999-12-31"}},
        invalid("birth_date"),
    ),
    ("parent", "PATCH", "/api/v1/children/{child_id}", {"json": {"allergies": NUL}}, invalid("allergies")),
    ("parent", "PATCH", "/api/v1/children/{child_id}", {"json": {"name": None}}, invalid("name")),
    ("parent", "GET", "/api/v1/children", {"params": {"limit": "0"}}, invalid("limit")),
    ("parent", "GET", "/api/v1/children", {"params": {"limit": str(HUGE)}}, invalid("limit")),
    ("parent", "GET", "/api/v1/children", {"params": {"limit": "abc"}}, invalid("limit")),
    ("parent", "GET", "/api/v1/children", {"params": {"cursor": "garbage"}}, invalid("cursor")),
    ("parent", "GET", "/api/v1/children", {"params": {"cursor": "a.b.c"}}, invalid("cursor")),
    ("parent", "GET", "/api/v1/children", {"params": {"limit": ["1", "2"]}}, invalid("limit")),
    ("parent", "GET", "/api/v1/children/not-a-uuid", {}, NOT_FOUND),
    ("parent", "GET", "/api/v1/children/孩子", {}, NOT_FOUND),
    ("parent", "GET", "/api/v1/children/" + "9" * 2000, {}, NOT_FOUND),
    ("parent", "DELETE", "/api/v1/children/00000000-0000-0000-0000-00000000000g", {}, NOT_FOUND),
    ("parent", "POST", "/api/v1/subscriptions", {"json": {"template_ids": []}}, invalid("template_ids")),
    ("parent", "POST", "/api/v1/subscriptions", {"json": {"template_ids": [NUL]}}, invalid("template_ids.0")),
    ("parent", "POST", "/api/v1/subscriptions", {"json": {"template_ids": "abc"}}, invalid("template_ids")),
    ("anyone", "POST", "/api/v1/auth/wx-login", {"json": {"code": NUL}}, invalid("code")),
    (
        "anyone",
        "POST",
        "/api/v1/auth/login",
        {"json": {"username": NUL, "password": NUL}},
        invalid("password", "username"),
    ),
    (
        "anyone",
        "POST",
        "/api/v1/auth/login",
        {"json": {"username": "x", "password": "y" * 10_000}},
        invalid("password"),
    ),
    ("anyone", "GET", "/api/v1/me", {}, UNAUTHORIZED),
    ("anyone", "GET", "/api/v1/me", {"headers": {"Authorization": "Bearer"}}, UNAUTHORIZED),
    ("anyone", "GET", "/api/v1/me", {"headers": {"Authorization": "Bearer " + "x" * 5000}}, UNAUTHORIZED),
    ("anyone", "GET", "/api/v1/me", {"headers": {"Authorization": "Basic abc"}}, UNAUTHORIZED),
    # bookings
    ("parent", "POST", "/api/v1/bookings", {"booking": {"start_date": "2026-02-30"}}, invalid("start_date")),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"start_date": "9999-12-31"}}, invalid("start_date")),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"start_date": "0001-01-01"}}, invalid("start_date")),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"start_date": "2026-1-5"}}, invalid("start_date")),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"end_date": "9999-12-31"}}, invalid("end_date")),
    (
        "parent",
        "POST",
        "/api/v1/bookings",
        {"booking": {"care_type": "temporary", "end_date": "9999-12-31"}},
        invalid("end_date"),
    ),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"care_type": "weekly"}}, invalid("care_type")),
    (
        "parent",
        "POST",
        "/api/v1/bookings",
        {"booking": {"care_type": "hourly", "start_time": "25:00", "end_time": "26:00"}},
        invalid("end_time", "start_time"),
    ),
    (
        "parent",
        "POST",
        "/api/v1/bookings",
        {"booking": {"care_type": "hourly", "start_time": "08:30", "end_time": "10:00"}},
        invalid("start_time"),
    ),
    (
        "parent",
        "POST",
        "/api/v1/bookings",
        {"booking": {"care_type": "hourly", "start_time": "09:00", "end_time": "24:00"}},
        invalid("end_time"),
    ),
    (
        "parent",
        "POST",
        "/api/v1/bookings",
        {"booking": {"care_type": "hourly", "start_time": "9:00", "end_time": "10:00"}},
        invalid("start_time"),
    ),
    (
        "parent",
        "POST",
        "/api/v1/bookings",
        {"booking": {"care_type": "hourly", "start_time": 9, "end_time": 10}},
        invalid("end_time", "start_time"),
    ),
    (
        "parent",
        "POST",
        "/api/v1/bookings",
        {"booking": {"care_type": "half_day", "session": "evening"}},
        invalid("session"),
    ),
    nul_gap("parent", "POST", "/api/v1/bookings", {"booking": {"note": NUL}}, invalid("note")),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"note": "x" * 10_000}}, invalid("note")),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"facility_id": "not-a-uuid"}}, NOT_FOUND),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"facility_id": NUL}}, invalid("facility_id")),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"child_id": 12345}}, invalid("child_id")),
    ("parent", "POST", "/api/v1/bookings", {"booking": {"child_id": NO_SUCH_ID}}, NOT_FOUND),
    (
        "parent",
        "POST",
        "/api/v1/bookings",
        {"booking": {}, "headers": {"Idempotency-Key": ""}},
        invalid("Idempotency-Key"),
    ),
    (
        "parent",
        "POST",
        "/api/v1/bookings",
        {"booking": {}, "headers": {"Idempotency-Key": "k" * 500}},
        invalid("Idempotency-Key"),
    ),
    ("parent", "GET", "/api/v1/bookings", {"params": {"status": "bogus"}}, invalid("status")),
    ("parent", "GET", "/api/v1/bookings", {"params": {"limit": "-1"}}, invalid("limit")),
    ("parent", "GET", "/api/v1/bookings", {"params": {"cursor": "garbage.sig"}}, invalid("cursor")),
    ("parent", "GET", "/api/v1/bookings/not-a-uuid", {}, NOT_FOUND),
    ("parent", "GET", "/api/v1/bookings/%00", {}, NOT_FOUND),
    ("parent", "POST", "/api/v1/bookings/not-a-uuid/cancel", {"json": {}}, NOT_FOUND),
    ("parent", "POST", "/api/v1/bookings/{booking_id}/cancel", {"json": {"reason": NUL}}, invalid("reason")),
    ("parent", "POST", "/api/v1/bookings/{booking_id}/cancel", {"json": {"reason": 5}}, invalid("reason")),
    # availability (no login needed)
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"from": "2026-03-02", "to": "2026-03-03"}},
        invalid("care_type"),
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"care_type": "full_day", "from": "2026-02-30", "to": "2026-03-03"}},
        invalid("from"),
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"care_type": "full_day", "from": "2026-03-03", "to": "2026-03-01"}},
        invalid("to"),
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"care_type": "full_day", "from": "2026-01-01", "to": "2026-12-31"}},
        invalid("to"),
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"care_type": "full_day", "from": "2026-03-02", "to": "2026-03-03", "age_months": "-1"}},
        invalid("age_months"),
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
        invalid("age_months"),
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"care_type": "half_day", "from": "2026-03-02", "to": "2026-03-03", "session": "noon"}},
        invalid("session"),
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"care_type": ["full_day", "hourly"], "from": "2026-03-02", "to": "2026-03-03"}},
        invalid("care_type"),
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/not-a-uuid/availability",
        {"params": {"care_type": "full_day", "from": "2026-03-02", "to": "2026-03-03"}},
        NOT_FOUND,
    ),
    (
        "anyone",
        "GET",
        "/api/v1/facilities/{facility_id}/availability",
        {"params": {"care_type": "full_day", "from": "9999-12-31", "to": "9999-12-31", "bogus": "1"}},
        invalid("bogus"),
    ),
    # the facility's profile, staff and accounts
    (
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"full_day_hours": {"start": "25:00", "end": "26:00"}}},
        invalid("full_day_hours.end", "full_day_hours.start"),
    ),
    (
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"full_day_hours": {"start": "08:30", "end": "17:00"}}},
        invalid("full_day_hours.start"),
    ),
    (
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"full_day_hours": {"start": "17:00", "end": "08:00"}}},
        invalid("full_day_hours"),
    ),
    (
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"am_hours": {"start": "06:00", "end": "07:00"}}},
        invalid("am_hours"),
    ),
    (
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"prices": {"weekly": 1}}},
        invalid("prices.weekly"),
    ),
    (
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"prices": {"full_day": -1}}},
        invalid("prices.full_day"),
    ),
    (
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"prices": {"full_day": HUGE}}},
        invalid("prices.full_day"),
    ),
    (
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"open_weekdays": [0, 8]}},
        invalid("open_weekdays.0", "open_weekdays.1"),
    ),
    ("admin", "PATCH", "/api/v1/manage/facility", {"json": {"care_types": []}}, invalid("care_types")),
    (
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"disclosure": {"gossip": "x"}}},
        invalid("disclosure"),
    ),
    nul_gap(
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"disclosure": {"fees": NUL}}},
        invalid("disclosure.fees"),
    ),
    nul_gap(
        "admin", "PATCH", "/api/v1/manage/facility", {"json": {"description": NUL}}, invalid("description")
    ),
    nul_gap("admin", "PATCH", "/api/v1/manage/facility", {"json": {"name": NUL}}, invalid("name")),
    nul_gap("admin", "PATCH", "/api/v1/manage/facility", {"json": {"address": NUL}}, invalid("address")),
    (
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"age_min_months": 40}},
        invalid("age_min_months"),
    ),
    (
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"age_min_months": 30, "age_max_months": 12}},
        invalid("age_max_months"),
    ),
    (
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"cancel_before_hours": HUGE}},
        invalid("cancel_before_hours"),
    ),
    ("admin", "PATCH", "/api/v1/manage/facility", {"json": {"auto_confirm": None}}, invalid("auto_confirm")),
    (
        "admin",
        "PATCH",
        "/api/v1/manage/facility",
        {"json": {"filing_status": "filed"}},
        bureau_only("filing_status"),
    ),
    ("staff", "PATCH", "/api/v1/manage/facility", {"json": {"name": "改名"}}, FORBIDDEN),
    (
        "admin",
        "POST",
        "/api/v1/manage/staff",
        {"json": {"name": "张三", "id_number": "123", "role": "caregiver"}},
        invalid("id_number"),
    ),
    nul_gap(
        "admin",
        "POST",
        "/api/v1/manage/staff",
        {"json": {"name": NUL, "id_number": id_number(1), "role": "caregiver"}},
        invalid("name"),
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/staff",
        {"json": {"name": "张三", "id_number": NUL, "role": "caregiver"}},
        invalid("id_number"),
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
        invalid("certificates.0"),
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
        invalid("last_record_check"),
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
        invalid("last_record_check"),
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/staff",
        {"json": {"name": "张三", "id_number": id_number(5), "role": "chef"}},
        invalid("role"),
    ),
    ("admin", "GET", "/api/v1/manage/staff", {"params": {"limit": "100"}}, invalid("limit")),
    ("admin", "GET", "/api/v1/manage/staff", {"params": {"cursor": NUL}}, invalid("cursor")),
    ("admin", "DELETE", "/api/v1/manage/staff/not-a-uuid", {}, NOT_FOUND),
    ("admin", "DELETE", f"/api/v1/manage/staff/{NO_SUCH_ID}", {}, NOT_FOUND),
    (
        "admin",
        "POST",
        "/api/v1/manage/accounts",
        {"json": {"username": "ab", "password": "long enough"}},
        invalid("username"),
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/accounts",
        {"json": {"username": "名字名字", "password": "long enough"}},
        invalid("username"),
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/accounts",
        {"json": {"username": "abcdef", "password": "short"}},
        invalid("password"),
    ),
    nul_gap(
        "admin",
        "POST",
        "/api/v1/manage/accounts",
        {"json": {"username": "abcdef", "password": "long enough", "display_name": NUL}},
        invalid("display_name"),
    ),
    ("admin", "DELETE", "/api/v1/manage/accounts/not-a-uuid", {}, NOT_FOUND),
    # classes, closures, the day's bookings, moves, occupancy
    (
        "admin",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "toddler", "name": "一班", "places": 0, "caregivers": 1}},
        invalid("places"),
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "toddler", "name": "一班", "places": HUGE, "caregivers": 1}},
        invalid("places"),
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "toddler", "name": "一班", "places": 16, "caregivers": 3}},
        invalid("places"),
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "giant", "name": "一班", "places": 5, "caregivers": 1}},
        invalid("kind"),
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "family", "name": "一班", "places": 5, "caregivers": 1}},
        invalid("kind"),
    ),
    nul_gap(
        "admin",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "toddler", "name": NUL, "places": 5, "caregivers": 1}},
        invalid("name"),
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "toddler", "name": "一班", "places": 5.5, "caregivers": 1}},
        invalid("places"),
    ),
    (
        "staff",
        "POST",
        "/api/v1/manage/classes",
        {"json": {"kind": "toddler", "name": "一班", "places": 5, "caregivers": 1}},
        FORBIDDEN,
    ),
    ("admin", "PATCH", "/api/v1/manage/classes/{class_id}", {"json": {"places": -3}}, invalid("places")),
    ("admin", "PATCH", "/api/v1/manage/classes/{class_id}", {"json": {"places": 99}}, invalid("places")),
    ("admin", "PATCH", "/api/v1/manage/classes/not-a-uuid", {"json": {"places": 5}}, NOT_FOUND),
    ("admin", "DELETE", "/api/v1/manage/classes/not-a-uuid", {}, NOT_FOUND),
    ("admin", "POST", "/api/v1/manage/closures", {"json": {"date": "2026-02-30"}}, invalid("date")),
    ("admin", "POST", "/api/v1/manage/closures", {"json": {"date": "2001-01-01"}}, invalid("date")),
    ("admin", "POST", "/api/v1/manage/closures", {"json": {"date": "2099-01-05"}}, CONFLICT),
    nul_gap(
        "admin",
        "POST",
        "/api/v1/manage/closures",
        {"json": {"date": "2099-01-06", "reason": NUL}},
        invalid("reason"),
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/closures",
        {"json": {"date": "2099-01-06", "force": "maybe"}},
        invalid("force"),
    ),
    ("admin", "DELETE", "/api/v1/manage/closures/not-a-uuid", {}, NOT_FOUND),
    ("admin", "GET", "/api/v1/manage/bookings", {"params": {"date": "2026-02-30"}}, invalid("date")),
    ("admin", "GET", "/api/v1/manage/bookings", {"params": {"status": "bogus"}}, invalid("status")),
    ("admin", "GET", "/api/v1/manage/occupancy", {"params": {"date": "25:00"}}, invalid("date")),
    ("admin", "POST", "/api/v1/manage/bookings/not-a-uuid/confirm", {}, NOT_FOUND),
    ("admin", "POST", "/api/v1/manage/bookings/{booking_id}/confirm", {}, CONFLICT),
    (
        "admin",
        "POST",
        "/api/v1/manage/bookings/{booking_id}/check-in",
        {"json": {"health_check": {"temperature_c": 36.6, "result": "normal"}}},
        CONFLICT,
    ),
    ("admin", "POST", "/api/v1/manage/bookings/{booking_id}/check-in", {}, invalid("health_check")),
    (
        "admin",
        "POST",
        "/api/v1/manage/bookings/{booking_id}/check-in",
        {"json": {"health_check": {"temperature_c": 43.5, "result": "normal"}}},
        invalid("health_check.temperature_c"),
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/bookings/{booking_id}/check-in",
        {"json": {"health_check": {"temperature_c": 33.9, "result": "fine"}}},
        invalid("health_check.temperature_c", "health_check.result"),
    ),
    (
        "admin",
        "POST",
        "/api/v1/bookings/{booking_id}/absences",
        {"json": {"dates": ["2025-01-06"], "reason": "sick"}},
        FORBIDDEN,
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/bookings/{booking_id}/reject",
        {"json": {"reason": ""}},
        invalid("reason"),
    ),
    (
        "admin",
        "POST",
        "/api/v1/manage/bookings/{booking_id}/reject",
        {"json": {"reason": NUL}},
        invalid("reason"),
    ),
    # the bureau
    ("regulator", "POST", "/api/v1/admin/facilities", {"facility": {"lat": 1000}}, invalid("lat")),
    (
        "regulator",
        "POST",
        "/api/v1/admin/facilities",
        {"facility": {"credit_code": "91371002MA3C8X1234"}},
        invalid("credit_code"),
    ),
    ("regulator", "POST", "/api/v1/admin/facilities", {"facility": {"nature": "castle"}}, invalid("nature")),
    ("regulator", "POST", "/api/v1/admin/facilities", {"facility": {"name": NUL}}, invalid("name")),
    ("regulator", "POST", "/api/v1/admin/facilities", {"facility": {"town": NUL}}, invalid("town")),
    (
        "regulator",
        "POST",
        "/api/v1/admin/facilities",
        {"facility": {"age_min_months": 30, "age_max_months": 6}},
        invalid("credit_code"),
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/facilities",
        {"facility": {"admin": {"username": NUL, "password": "long enough"}}},
        invalid("admin.username"),
    ),
    ("regulator", "POST", "/api/v1/admin/facilities", {"facility": {"admin": []}}, invalid("admin")),
    (
        "regulator",
        "PATCH",
        "/api/v1/admin/facilities/{facility_id}",
        {"json": {"filing_status": "approved"}},
        invalid("filing_status"),
    ),
    (
        "regulator",
        "PATCH",
        "/api/v1/admin/facilities/{facility_id}",
        {"json": {"suspended": "perhaps"}},
        invalid("suspended"),
    ),
    nul_gap(
        "regulator",
        "PATCH",
        "/api/v1/admin/facilities/{facility_id}",
        {"json": {"filing_number": NUL}},
        invalid("filing_number"),
    ),
    (
        "regulator",
        "PATCH",
        "/api/v1/admin/facilities/{facility_id}",
        {"json": {"suspended": True}},
        invalid("suspension_reason"),
    ),
    ("regulator", "PATCH", "/api/v1/admin/facilities/not-a-uuid", {"json": {}}, NOT_FOUND),
    ("regulator", "GET", "/api/v1/admin/facilities/not-a-uuid", {}, NOT_FOUND),
    nul_gap("regulator", "GET", "/api/v1/admin/facilities", {"params": {"town": NUL}}, invalid("town")),
    (
        "regulator",
        "GET",
        "/api/v1/admin/facilities",
        {"params": {"filing_status": "bogus"}},
        invalid("filing_status"),
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/banlist",
        {"json": {"id_number": "123", "name": "x", "reason": "y"}},
        invalid("id_number"),
    ),
    nul_gap(
        "regulator",
        "POST",
        "/api/v1/admin/banlist",
        {"json": {"id_number": id_number(6), "name": NUL, "reason": "y"}},
        invalid("name"),
    ),
    ("regulator", "GET", "/api/v1/admin/ban-alerts", {"params": {"resolved": "maybe"}}, invalid("resolved")),
    ("regulator", "GET", "/api/v1/admin/ban-alerts", {"params": {"kind": "bogus"}}, invalid("kind")),
    ("regulator", "POST", f"/api/v1/admin/ban-alerts/{NO_SUCH_ID}/resolve", {}, NOT_FOUND),
    (
        "regulator",
        "GET",
        "/api/v1/admin/audit",
        {"params": {"facility_id": "not-a-uuid"}},
        invalid("facility_id"),
    ),
    nul_gap("regulator", "GET", "/api/v1/admin/audit", {"params": {"action": NUL}}, invalid("action")),
    ("regulator", "GET", "/api/v1/admin/audit", {"params": {"cursor": "e30.bad"}}, invalid("cursor")),
    (
        "regulator",
        "POST",
        "/api/v1/admin/inspections/draw",
        {"json": {"count": 0, "inspector_ids": []}},
        invalid("count", "inspector_ids"),
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/inspections/draw",
        {"json": {"count": HUGE, "inspector_ids": ["x"]}},
        invalid("count", "inspector_ids"),
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/inspections/draw",
        {"json": {"count": 1, "inspector_ids": ["not-a-uuid"]}},
        invalid("inspector_ids"),
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/inspections/draw",
        {"json": {"count": 1, "inspector_ids": [NUL]}},
        invalid("inspector_ids.0"),
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/inspections/draw",
        {"json": {"count": 1, "inspector_ids": [NO_SUCH_ID], "seed": NUL}},
        invalid("seed"),
    ),
    ("regulator", "GET", "/api/v1/admin/inspections/draws/not-a-uuid/replay", {}, NOT_FOUND),
    ("regulator", "GET", "/api/v1/admin/inspections/not-a-uuid", {}, NOT_FOUND),
    ("regulator", "GET", "/api/v1/admin/inspections", {"params": {"status": "bogus"}}, invalid("status")),
    (
        "regulator",
        "POST",
        "/api/v1/admin/inspections/not-a-uuid/result",
        {"json": {"result": "pass"}},
        NOT_FOUND,
    ),
    (
        "regulator",
        "POST",
        f"/api/v1/admin/inspections/{NO_SUCH_ID}/result",
        {"json": {"result": "great"}},
        invalid("result"),
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/policies",
        {"json": {"title": "t", "body": "b", "published_at": "2026-02-30"}},
        invalid("published_at"),
    ),
    nul_gap(
        "regulator", "POST", "/api/v1/admin/policies", {"json": {"title": NUL, "body": "b"}}, invalid("title")
    ),
    nul_gap(
        "regulator", "POST", "/api/v1/admin/policies", {"json": {"title": "t", "body": NUL}}, invalid("body")
    ),
    nul_gap(
        "regulator",
        "POST",
        "/api/v1/admin/policies",
        {"json": {"title": "t", "body": "b", "tags": [NUL]}},
        invalid("tags.0"),
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/policies",
        {"json": {"title": "t", "body": "b", "tags": [1, {}]}},
        invalid("tags.0", "tags.1"),
    ),
    ("regulator", "PATCH", "/api/v1/admin/policies/not-a-uuid", {"json": {"title": "t"}}, NOT_FOUND),
    ("regulator", "POST", "/api/v1/admin/policies/not-a-uuid/publish", {"json": {"push": True}}, NOT_FOUND),
    ("regulator", "GET", "/api/v1/admin/policies", {"params": {"published": "maybe"}}, invalid("published")),
    ("regulator", "POST", "/api/v1/admin/nursing-rooms", {"room": {"lat": "north"}}, invalid("lat")),
    nul_gap("regulator", "POST", "/api/v1/admin/nursing-rooms", {"room": {"name": NUL}}, invalid("name")),
    nul_gap("regulator", "POST", "/api/v1/admin/nursing-rooms", {"room": {"floor": NUL}}, invalid("floor")),
    (
        "regulator",
        "POST",
        "/api/v1/admin/nursing-rooms",
        {"room": {"amenities": ["jacuzzi"]}},
        invalid("amenities"),
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/nursing-rooms",
        {"room": {"venue_type": "moon"}},
        invalid("venue_type"),
    ),
    ("regulator", "PATCH", "/api/v1/admin/nursing-rooms/not-a-uuid", {"json": {"name": "x"}}, NOT_FOUND),
    ("regulator", "DELETE", "/api/v1/admin/nursing-rooms/not-a-uuid", {}, NOT_FOUND),
    nul_gap("regulator", "GET", "/api/v1/admin/nursing-rooms", {"params": {"town": NUL}}, invalid("town")),
    (
        "regulator",
        "POST",
        "/api/v1/admin/nursing-rooms/import",
        {"content": b"a,b\n1,2", "headers": {"Content-Type": "image/png"}},
        invalid("content_type"),
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/nursing-rooms/import",
        {"content": b"\xff\xfe\x00", "headers": {"Content-Type": "text/csv"}},
        invalid("file"),
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/nursing-rooms/import",
        {"content": b"", "headers": {"Content-Type": "text/csv"}},
        invalid("header"),
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/nursing-rooms/import",
        {"content": b"just,a,header\n", "headers": {"Content-Type": "text/csv"}},
        invalid("header"),
    ),
    (
        "regulator",
        "POST",
        "/api/v1/admin/nursing-rooms/import",
        {"content": b"--x\r\n\r\n", "headers": {"Content-Type": "multipart/form-data; boundary=x"}},
        invalid("file"),
    ),
    ("regulator", "GET", "/api/v1/admin/stats", {"params": {"from": "2026-02-30"}}, invalid("from")),
    (
        "regulator",
        "GET",
        "/api/v1/admin/stats",
        {"params": {"from": "2026-03-05", "to": "2026-03-01"}},
        invalid("from"),
    ),
    ("regulator", "GET", "/api/v1/admin/stats", {"params": {"from": str(HUGE)}}, invalid("from")),
    (
        "regulator",
        "GET",
        "/api/v1/admin/stats",
        {"params": {"from": "0001-01-01", "to": "9999-12-31"}},
        invalid("from", "to"),
    ),
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
    _, method, path, _, _ = getattr(probe, "values", probe)
    return f"{method} {path} #{index}"


@pytest.mark.parametrize(
    ("who", "method", "path", "probe", "expected"),
    FIELD_PROBES,
    ids=[_probe_id(i, p) for i, p in enumerate(FIELD_PROBES)],
)
async def test_bad_fields_get_their_status_code_and_field(
    api: httpx.AsyncClient,
    world: World,
    who: str,
    method: str,
    path: str,
    probe: dict[str, Any],
    expected: Refusal,
) -> None:
    keywords = _request_keywords(world, probe)
    headers = {**_headers(world, who), **keywords.pop("headers", {})}
    if "content" not in keywords:
        headers.pop("Content-Type")
    response = await api.request(method, world.path(path), headers=headers, **keywords)
    assert_refused(response, expected)
