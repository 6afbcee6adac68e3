"""Services check their caller too, not only the routes in front of them (DESIGN.md section 8)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import pytest

from backend.accounts.scope import own_facility, require_regulator
from backend.context import Caller, Resources
from backend.errors import Forbidden
from backend.nursing_rooms import admin as rooms
from backend.nursing_rooms.csv_import import import_rooms_csv
from backend.policies import admin as policies
from backend.regulation import inspections, stats

FACILITY_ID = str(uuid.uuid4())
PARENT = Caller(account_id=str(uuid.uuid4()), role="parent")
ADMIN = Caller(account_id=str(uuid.uuid4()), role="facility_admin", facility_id=FACILITY_ID)
STAFF = Caller(account_id=str(uuid.uuid4()), role="facility_staff", facility_id=FACILITY_ID)
REGULATOR = Caller(account_id=str(uuid.uuid4()), role="regulator")
HOMELESS_ADMIN = Caller(account_id=str(uuid.uuid4()), role="facility_admin", facility_id=None)


def test_own_facility() -> None:
    assert own_facility(ADMIN) == own_facility(STAFF) == FACILITY_ID
    assert own_facility(ADMIN, admin_only=True) == FACILITY_ID
    for caller in (PARENT, REGULATOR, HOMELESS_ADMIN):
        with pytest.raises(Forbidden):
            own_facility(caller)
    with pytest.raises(Forbidden, match="only the timetable"):
        own_facility(STAFF, admin_only=True, refusal="only the timetable")


def test_require_regulator() -> None:
    require_regulator(REGULATOR)
    for caller in (PARENT, ADMIN, STAFF):
        with pytest.raises(Forbidden):
            require_regulator(caller)


ANY_ID = str(uuid.uuid4())
BUREAU_SERVICES: list[Callable[[Resources, Caller], Awaitable[Any]]] = [
    lambda res, c: inspections.draw_inspections(res, c, inspections.DrawIn(count=1, inspector_ids=[ANY_ID])),
    lambda res, c: inspections.replay_draw(res, c, ANY_ID),
    lambda res, c: inspections.list_inspections(res, c, inspections.InspectionListQuery()),
    lambda res, c: inspections.get_inspection(res, c, ANY_ID),
    lambda res, c: inspections.record_result(
        res, c, ANY_ID, inspections.ResultIn(result=inspections.InspectionResult.passed)
    ),
    lambda res, c: policies.create_policy(res, c, policies.PolicyIn(title="t", body="b")),
    lambda res, c: policies.update_policy(res, c, ANY_ID, policies.PolicyPatch(title="t")),
    lambda res, c: policies.get_policy(res, c, ANY_ID),
    lambda res, c: policies.list_policies(res, c, policies.PolicyListQuery()),
    lambda res, c: policies.publish_policy(res, c, ANY_ID, policies.PublishIn(push=True)),
    lambda res, c: rooms.create_room(
        res, c, rooms.RoomIn(name="n", address="a", venue_type="mall", lat=37.5, lng=122.1)
    ),
    lambda res, c: rooms.update_room(res, c, ANY_ID, rooms.RoomPatch(name="n")),
    lambda res, c: rooms.delete_room(res, c, ANY_ID),
    lambda res, c: rooms.get_room(res, c, ANY_ID),
    lambda res, c: rooms.list_rooms(res, c, rooms.RoomListQuery()),
    lambda res, c: import_rooms_csv(res, c, b"name\n"),
    lambda res, c: stats.district_stats(res, c, stats.StatsQuery(to=date(2026, 3, 1))),
]


@pytest.mark.parametrize("call", BUREAU_SERVICES, ids=range(len(BUREAU_SERVICES)))
async def test_the_bureaus_services_refuse_everyone_else(res: Resources, call: Any) -> None:
    for caller in (PARENT, ADMIN, STAFF):
        with pytest.raises(Forbidden):
            await call(res, caller)
