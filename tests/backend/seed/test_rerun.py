"""`tuoyu seed-demo` again (every `make run`): what users changed through the API survives, what they
deleted stays deleted, and `reset` restores the demo.

Each test edits a different demo object through the real API as the demo's own users, and puts the
demo back (with `reset`) when it is done, so tests sharing the session's demo data see it whole.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from backend.context import Resources
from backend.models import Account, Facility, FacilityClass, NursingRoom, Policy
from backend.seed.demo_data import demo_data
from backend.seed.loader import (
    FACILITY_ADMIN_PASSWORD,
    REGULATOR_PASSWORD,
    STAFF_USERNAME_SUFFIX,
    seed_demo,
)
from backend.seed.schemas import FacilitySeed
from tests.backend.geo.demo import demo_seeded
from tests.conftest import bearer


@pytest.fixture(name="seeded")
async def _seeded(res: Resources) -> AsyncIterator[None]:
    await demo_seeded(res)
    yield
    await seed_demo(res, reset=True)


async def _login(api: httpx.AsyncClient, username: str, password: str) -> dict[str, str]:
    response = await api.post("/api/v1/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return bearer(response.json()["token"])


def _seed_facility(index: int) -> FacilitySeed:
    return demo_data().facilities[index]


async def test_a_facilitys_profile_and_class_edits_survive_a_second_run(
    api: httpx.AsyncClient, res: Resources, seeded: None
) -> None:
    seed = _seed_facility(-1)
    admin = await _login(api, seed.admin_username, FACILITY_ADMIN_PASSWORD)
    edited = await api.patch(
        "/api/v1/manage/facility",
        json={"description": "我们自己写的介绍", "auto_confirm": True},
        headers=admin,
    )
    assert edited.status_code == 200, edited.text
    klass = (await api.get("/api/v1/manage/classes", headers=admin)).json()["items"][0]
    places = klass["places"] - 1
    changed = await api.patch(f"/api/v1/manage/classes/{klass['id']}", json={"places": places}, headers=admin)
    assert changed.status_code == 200, changed.text

    report = await seed_demo(res)

    assert report.facilities.created == report.facilities.updated == 0
    profile = (await api.get("/api/v1/manage/facility", headers=admin)).json()
    assert profile["description"] == "我们自己写的介绍" and profile["auto_confirm"] is True
    stored = await FacilityClass.get(id=klass["id"])
    assert stored.places == places


async def test_a_class_the_admin_closed_stays_closed(
    api: httpx.AsyncClient, res: Resources, seeded: None
) -> None:
    seed = _seed_facility(-2)
    admin = await _login(api, seed.admin_username, FACILITY_ADMIN_PASSWORD)
    klass = (await api.get("/api/v1/manage/classes", headers=admin)).json()["items"][-1]
    closed = await api.delete(f"/api/v1/manage/classes/{klass['id']}", headers=admin)
    assert closed.status_code == 204, closed.text

    await seed_demo(res)

    assert (await FacilityClass.get(id=klass["id"])).is_active is False
    facility = await Facility.get(credit_code=seed.credit_code)
    assert await FacilityClass.filter(facility_id=facility.id).count() == len(seed.classes)


async def test_a_staff_account_the_admin_removed_is_not_made_again(
    api: httpx.AsyncClient, res: Resources, seeded: None
) -> None:
    seed = next(seed for seed in demo_data().facilities if seed.demonstration)
    admin = await _login(api, seed.admin_username, FACILITY_ADMIN_PASSWORD)
    staff_username = seed.admin_username + STAFF_USERNAME_SUFFIX
    account = await Account.get(username=staff_username)
    removed = await api.delete(f"/api/v1/manage/accounts/{account.id}", headers=admin)
    assert removed.status_code == 204, removed.text
    state_after_removal = await Account.filter(username=staff_username).values_list("is_active", flat=True)

    report = await seed_demo(res)

    assert report.accounts.created == 0
    assert await Account.filter(username=staff_username).values_list("is_active", flat=True) == (
        state_after_removal
    )


async def test_a_policy_the_bureau_edited_or_renamed_keeps_its_edit_and_comes_back_once(
    api: httpx.AsyncClient, res: Resources, seeded: None
) -> None:
    regulator = await _login(api, "regulator", REGULATOR_PASSWORD)
    edited_seed, renamed_seed = demo_data().policies[-1], demo_data().policies[-2]
    edited = await Policy.get(title=edited_seed.title, doc_number=edited_seed.doc_number)
    renamed = await Policy.get(title=renamed_seed.title, doc_number=renamed_seed.doc_number)
    for policy, change in ((edited, {"summary": "局里改过的摘要"}), (renamed, {"title": "局里改过的标题"})):
        response = await api.patch(f"/api/v1/admin/policies/{policy.id}", json=change, headers=regulator)
        assert response.status_code == 200, response.text

    try:
        report = await seed_demo(res)

        assert report.policies.created == 0
        assert (await Policy.get(id=edited.id)).summary == "局里改过的摘要"
        assert (await Policy.get(id=renamed.id)).title == "局里改过的标题"
        assert await Policy.filter(title=renamed_seed.title).count() == 0
    finally:
        # Named back, so the reset after the test finds it rather than making a second one.
        await Policy.filter(id=renamed.id).update(title=renamed_seed.title)


async def test_a_room_the_bureau_deleted_stays_deleted(
    api: httpx.AsyncClient, res: Resources, seeded: None
) -> None:
    regulator = await _login(api, "regulator", REGULATOR_PASSWORD)
    seed = demo_data().rooms[-1]
    room = await NursingRoom.get(name=seed.name, address=seed.address)
    deleted = await api.delete(f"/api/v1/admin/nursing-rooms/{room.id}", headers=regulator)
    assert deleted.status_code == 204, deleted.text

    report = await seed_demo(res)

    assert report.rooms.created == 0 and report.rooms.kept == len(demo_data().rooms) - 1
    assert not await NursingRoom.exists(name=seed.name, address=seed.address)


async def test_reset_restores_the_demo(api: httpx.AsyncClient, res: Resources, seeded: None) -> None:
    seed = _seed_facility(-3)
    admin = await _login(api, seed.admin_username, FACILITY_ADMIN_PASSWORD)
    edited = await api.patch("/api/v1/manage/facility", json={"description": "改过"}, headers=admin)
    assert edited.status_code == 200, edited.text
    regulator = await _login(api, "regulator", REGULATOR_PASSWORD)
    room_seed = demo_data().rooms[-2]
    room = await NursingRoom.get(name=room_seed.name, address=room_seed.address)
    assert (await api.delete(f"/api/v1/admin/nursing-rooms/{room.id}", headers=regulator)).status_code == 204

    report = await seed_demo(res, reset=True)

    assert report.facilities.updated == len(demo_data().facilities)
    profile = (await api.get("/api/v1/manage/facility", headers=admin)).json()
    assert profile["description"] == seed.profile.description
    assert await NursingRoom.exists(name=room_seed.name, address=room_seed.address)
