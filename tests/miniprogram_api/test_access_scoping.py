"""Every route of the parents', facilities' and bureau's APIs tried by the wrong caller (DESIGN.md
section 8): no token 401; a role the route is not for 403; another parent's or another facility's
object 404, with none of its data in the answer and nothing changed."""

from __future__ import annotations

import httpx
import pytest

from backend.context import Resources
from backend.models import Account, Booking, Child, Closure, FacilityClass, StaffMember
from tests.miniprogram_api.callers import World, the_world

PARENT = ("parent",)
FACILITY = ("admin", "staff")
ADMIN = ("admin",)
REGULATOR = ("regulator",)
CALLERS = ("parent", "admin", "staff", "regulator")

# (method, path, the callers it is for); {ids} are the world's objects.
ROUTES: list[tuple[str, str, tuple[str, ...]]] = [
    ("POST", "/api/v1/auth/logout", CALLERS),
    ("GET", "/api/v1/me", CALLERS),
    ("POST", "/api/v1/children", PARENT),
    ("GET", "/api/v1/children", PARENT),
    ("GET", "/api/v1/children/{child_id}", PARENT),
    ("PATCH", "/api/v1/children/{child_id}", PARENT),
    ("DELETE", "/api/v1/children/{child_id}", PARENT),
    ("POST", "/api/v1/subscriptions", PARENT),
    ("GET", "/api/v1/subscriptions", PARENT),
    ("POST", "/api/v1/bookings", PARENT),
    ("GET", "/api/v1/bookings", PARENT),
    ("GET", "/api/v1/bookings/{booking_id}", PARENT),
    ("POST", "/api/v1/bookings/{booking_id}/cancel", PARENT),
    ("POST", "/api/v1/children/{child_id}/health-checks", PARENT),
    ("GET", "/api/v1/children/{child_id}/health-checks", PARENT),
    ("GET", "/api/v1/children/{child_id}/pickup-persons", PARENT),
    ("POST", "/api/v1/children/{child_id}/pickup-persons", PARENT),
    ("DELETE", "/api/v1/children/{child_id}/pickup-persons/{staff_member_id}", PARENT),
    ("POST", "/api/v1/bookings/{booking_id}/pickup-codes", PARENT),
    ("GET", "/api/v1/manage/bookings/{booking_id}/pickup-persons", FACILITY),
    ("POST", "/api/v1/bookings/{booking_id}/absences", PARENT),
    ("GET", "/api/v1/manage/facility", FACILITY),
    ("PATCH", "/api/v1/manage/facility", ADMIN),
    ("GET", "/api/v1/manage/staff", FACILITY),
    ("POST", "/api/v1/manage/staff", ADMIN),
    ("DELETE", "/api/v1/manage/staff/{staff_member_id}", ADMIN),
    ("GET", "/api/v1/manage/accounts", ADMIN),
    ("POST", "/api/v1/manage/accounts", ADMIN),
    ("DELETE", "/api/v1/manage/accounts/{staff_account_id}", ADMIN),
    ("GET", "/api/v1/manage/classes", FACILITY),
    ("POST", "/api/v1/manage/classes", ADMIN),
    ("PATCH", "/api/v1/manage/classes/{class_id}", ADMIN),
    ("DELETE", "/api/v1/manage/classes/{class_id}", ADMIN),
    ("GET", "/api/v1/manage/closures", FACILITY),
    ("POST", "/api/v1/manage/closures", FACILITY),
    ("DELETE", "/api/v1/manage/closures/{closure_id}", FACILITY),
    ("GET", "/api/v1/manage/bookings", FACILITY),
    ("POST", "/api/v1/manage/bookings/{booking_id}/confirm", FACILITY),
    ("POST", "/api/v1/manage/bookings/{booking_id}/reject", FACILITY),
    ("POST", "/api/v1/manage/bookings/{booking_id}/check-in", FACILITY),
    ("POST", "/api/v1/manage/bookings/{booking_id}/check-out", FACILITY),
    ("POST", "/api/v1/manage/bookings/{booking_id}/no-show", FACILITY),
    ("GET", "/api/v1/manage/occupancy", FACILITY),
    ("POST", "/api/v1/admin/facilities", REGULATOR),
    ("GET", "/api/v1/admin/facilities", REGULATOR),
    ("GET", "/api/v1/admin/facilities/{facility_id}", REGULATOR),
    ("PATCH", "/api/v1/admin/facilities/{facility_id}", REGULATOR),
    ("POST", "/api/v1/admin/banlist", REGULATOR),
    ("GET", "/api/v1/admin/banlist", REGULATOR),
    ("GET", "/api/v1/admin/ban-alerts", REGULATOR),
    ("POST", "/api/v1/admin/ban-alerts/{booking_id}/resolve", REGULATOR),
    ("GET", "/api/v1/admin/audit", REGULATOR),
    ("POST", "/api/v1/admin/inspections/draw", REGULATOR),
    ("GET", "/api/v1/admin/inspections/draws/{booking_id}/replay", REGULATOR),
    ("GET", "/api/v1/admin/inspections", REGULATOR),
    ("GET", "/api/v1/admin/inspections/{booking_id}", REGULATOR),
    ("POST", "/api/v1/admin/inspections/{booking_id}/result", REGULATOR),
    ("POST", "/api/v1/admin/policies", REGULATOR),
    ("GET", "/api/v1/admin/policies", REGULATOR),
    ("GET", "/api/v1/admin/policies/{booking_id}", REGULATOR),
    ("PATCH", "/api/v1/admin/policies/{booking_id}", REGULATOR),
    ("POST", "/api/v1/admin/policies/{booking_id}/publish", REGULATOR),
    ("POST", "/api/v1/admin/nursing-rooms", REGULATOR),
    ("GET", "/api/v1/admin/nursing-rooms", REGULATOR),
    ("POST", "/api/v1/admin/nursing-rooms/import", REGULATOR),
    ("GET", "/api/v1/admin/nursing-rooms/{booking_id}", REGULATOR),
    ("PATCH", "/api/v1/admin/nursing-rooms/{booking_id}", REGULATOR),
    ("DELETE", "/api/v1/admin/nursing-rooms/{booking_id}", REGULATOR),
    ("GET", "/api/v1/admin/stats", REGULATOR),
]

# The objects of one parent or one facility, tried by another parent or another facility's admin.
FOREIGN: list[tuple[str, str, str]] = [
    ("other_parent", "GET", "/api/v1/children/{child_id}"),
    ("other_parent", "PATCH", "/api/v1/children/{child_id}"),
    ("other_parent", "DELETE", "/api/v1/children/{child_id}"),
    ("other_parent", "GET", "/api/v1/bookings/{booking_id}"),
    ("other_parent", "POST", "/api/v1/bookings/{booking_id}/cancel"),
    ("other_parent", "GET", "/api/v1/children/{child_id}/health-checks"),
    ("other_parent", "POST", "/api/v1/children/{child_id}/health-checks"),
    ("other_parent", "GET", "/api/v1/children/{child_id}/pickup-persons"),
    ("other_parent", "POST", "/api/v1/children/{child_id}/pickup-persons"),
    ("other_parent", "POST", "/api/v1/bookings/{booking_id}/pickup-codes"),
    ("other_admin", "GET", "/api/v1/manage/bookings/{booking_id}/pickup-persons"),
    ("other_parent", "POST", "/api/v1/bookings/{booking_id}/absences"),
    ("other_admin", "DELETE", "/api/v1/manage/staff/{staff_member_id}"),
    ("other_admin", "DELETE", "/api/v1/manage/accounts/{staff_account_id}"),
    ("other_admin", "PATCH", "/api/v1/manage/classes/{class_id}"),
    ("other_admin", "DELETE", "/api/v1/manage/classes/{class_id}"),
    ("other_admin", "DELETE", "/api/v1/manage/closures/{closure_id}"),
    ("other_admin", "POST", "/api/v1/manage/bookings/{booking_id}/confirm"),
    ("other_admin", "POST", "/api/v1/manage/bookings/{booking_id}/reject"),
    ("other_admin", "POST", "/api/v1/manage/bookings/{booking_id}/check-in"),
    ("other_admin", "POST", "/api/v1/manage/bookings/{booking_id}/check-out"),
    ("other_admin", "POST", "/api/v1/manage/bookings/{booking_id}/no-show"),
]
# What each foreign probe sends: enough to pass parsing, so only the scope can refuse it.
FOREIGN_BODIES = {
    "/api/v1/children/{child_id}": {"name": "改名"},
    "/api/v1/manage/classes/{class_id}": {"places": 1},
    "/api/v1/manage/bookings/{booking_id}/reject": {"reason": "不收"},
    "/api/v1/children/{child_id}/health-checks": {
        "checked_on": "2025-06-01",
        "institution": "妇幼保健院",
        "result": "fit",
    },
    "/api/v1/children/{child_id}/pickup-persons": {
        "name": "王奶奶",
        "relation": "祖母",
        "phone": "13861234567",
    },
    "/api/v1/bookings/{booking_id}/pickup-codes": {"date": "2099-01-05", "person_name": "王奶奶"},
    "/api/v1/manage/bookings/{booking_id}/check-in": {
        "health_check": {"temperature_c": 36.6, "result": "normal"}
    },
    "/api/v1/bookings/{booking_id}/absences": {"dates": ["2025-01-06"], "reason": "sick"},
}


@pytest.fixture(name="world")
async def _world(res: Resources) -> World:
    return await the_world(res)


def assert_error(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, (response.status_code, response.text)
    error = response.json()["error"]
    assert error["code"] == code and isinstance(error["message"], str)
    return error


async def assert_world_unchanged(world: World) -> None:
    child = await Child.get(id=world.child_id)
    assert child.name != "改名" and child.deleted_at is None
    assert (await Booking.get(id=world.booking_id)).status == "checked_out"
    klass = await FacilityClass.get(id=world.class_id)
    assert klass.is_active and klass.places != 1
    assert await Closure.exists(id=world.closure_id)
    assert (await StaffMember.get(id=world.staff_member_id)).is_active
    assert (await Account.get(id=world.staff_account_id)).is_active


@pytest.mark.parametrize(("method", "path", "allowed"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
async def test_no_token_is_401(api: httpx.AsyncClient, world: World, method: str, path: str, allowed) -> None:
    assert_error(await api.request(method, world.path(path), json={}), 401, "unauthorized")


@pytest.mark.parametrize(("method", "path", "allowed"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
async def test_a_role_the_route_is_not_for_is_403(
    api: httpx.AsyncClient, world: World, method: str, path: str, allowed: tuple[str, ...]
) -> None:
    for who in CALLERS:
        if who in allowed:
            continue
        response = await api.request(method, world.path(path), json={}, headers=world.headers(who))
        assert_error(response, 403, "forbidden")
    await assert_world_unchanged(world)


@pytest.mark.parametrize(("who", "method", "path"), FOREIGN, ids=[f"{w} {m} {p}" for w, m, p in FOREIGN])
async def test_another_parents_or_facilitys_object_is_not_found(
    api: httpx.AsyncClient, world: World, who: str, method: str, path: str
) -> None:
    response = await api.request(
        method, world.path(path), json=FOREIGN_BODIES.get(path, {}), headers=world.headers(who)
    )
    assert_error(response, 404, "not_found")
    for object_id in (world.child_id, world.booking_id, world.class_id, world.closure_id):
        assert object_id not in response.text
    await assert_world_unchanged(world)


async def test_facility_lists_show_only_the_callers_facility(api: httpx.AsyncClient, world: World) -> None:
    for path in (
        "/api/v1/manage/staff",
        "/api/v1/manage/accounts",
        "/api/v1/manage/classes",
        "/api/v1/manage/closures",
        "/api/v1/manage/bookings?date=2025-01-06",
        "/api/v1/manage/occupancy?date=2025-01-06",
    ):
        response = await api.get(path, headers=world.headers("other_admin"))
        assert response.status_code == 200, response.text
        for object_id in (
            world.staff_member_id,
            world.staff_account_id,
            world.class_id,
            world.closure_id,
            world.booking_id,
            world.child_id,
        ):
            assert object_id not in response.text, path
    for path in ("/api/v1/children", "/api/v1/bookings"):
        response = await api.get(path, headers=world.headers("other_parent"))
        assert response.status_code == 200, response.text
        assert world.child_id not in response.text and world.booking_id not in response.text, path
