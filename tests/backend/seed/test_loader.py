"""The demo loader: what it makes, that running it again changes nothing, and the issue's
"done when": a parent near the district centre finds facilities of many towns, nearest first."""

from __future__ import annotations

import httpx

from backend.context import Resources
from backend.models import Account, Facility, FacilityClass, NursingRoom, Policy, StaffMember
from backend.security import keyed_hash, verify_password
from backend.seed.demo_data import demo_data
from backend.seed.loader import (
    FACILITY_ADMIN_PASSWORD,
    FACILITY_STAFF_PASSWORD,
    REGULATOR_PASSWORD,
    seed_demo,
)
from backend.validators import mask_id_number
from tests.backend.geo.demo import demo_seeded

FACILITIES = demo_data().facilities
NURSING_ROOMS = demo_data().rooms
POLICIES = demo_data().policies
SEED_CODES = [seed.credit_code for seed in FACILITIES]


async def _counts() -> dict[str, int]:
    seeded = Facility.filter(credit_code__in=SEED_CODES)
    facility_ids = await seeded.values_list("id", flat=True)
    return {
        "facilities": await seeded.count(),
        "classes": await FacilityClass.filter(facility_id__in=facility_ids).count(),
        "staff": await StaffMember.filter(facility_id__in=facility_ids).count(),
        "rooms": await NursingRoom.all().count(),
        "policies": await Policy.all().count(),
        "accounts": await Account.all().count(),
    }


async def test_seed_loads_everything_and_again_changes_nothing(res: Resources) -> None:
    first = await demo_seeded(res)
    after_first = await _counts()
    assert after_first["facilities"] == len(FACILITIES)
    assert after_first["classes"] == sum(len(seed.classes) for seed in FACILITIES)
    assert after_first["staff"] == sum(len(seed.staff) for seed in FACILITIES)
    assert first.facilities.total == len(FACILITIES)
    assert first.rooms.total == len(NURSING_ROOMS)
    assert first.policies.total == len(POLICIES)

    again = await seed_demo(res)
    assert await _counts() == after_first
    assert again.facilities.created == again.facilities.updated == 0
    assert again.facilities.kept == len(FACILITIES)
    assert again.classes.created == again.staff.created == again.rooms.created == 0
    assert again.policies.created == again.accounts.created == 0

    text = again.describe()
    for username in ("regulator", "inspector2", FACILITIES[0].admin_username):
        assert username in text
    for password in (REGULATOR_PASSWORD, FACILITY_ADMIN_PASSWORD, FACILITY_STAFF_PASSWORD):
        assert password in text


async def test_seeded_records(res: Resources) -> None:
    await demo_seeded(res)
    secret = res.settings.secret_key
    for username in ("regulator", "inspector2"):
        account = await Account.get(username=username)
        assert account.role == "regulator" and account.facility_id is None  # type: ignore[attr-defined]
        assert verify_password(account.password_hash or "", REGULATOR_PASSWORD)
    for seed in FACILITIES:
        facility = await Facility.get(credit_code=seed.credit_code)
        admin = await Account.get(username=seed.admin_username)
        assert admin.role == "facility_admin"
        assert admin.facility_id == facility.id  # type: ignore[attr-defined]
        person = seed.staff[0]
        stored = await StaffMember.get(
            facility_id=facility.id, id_number_hash=keyed_hash(secret, person.id_number)
        )
        assert stored.name == person.name
        assert stored.id_number_masked == mask_id_number(person.id_number)
        assert person.id_number not in stored.id_number_enc
        assert set(facility.disclosure) == {"fees", "care", "meals", "health_care", "safety"}
    demo = [seed for seed in FACILITIES if seed.demonstration]
    staff_accounts = await Account.filter(
        role="facility_staff", username__in=[seed.admin_username + "-staff" for seed in demo]
    )
    assert len(staff_accounts) == len(demo) >= 1
    assert verify_password(staff_accounts[0].password_hash or "", FACILITY_STAFF_PASSWORD)
    assert await Policy.filter(is_published=False, title__in=[p.title for p in POLICIES]).count() == 0


async def test_done_when_a_parent_near_the_centre_sees_the_district(
    api: httpx.AsyncClient, res: Resources
) -> None:
    await demo_seeded(res)
    seeded_ids = {
        str(fid) for fid in await Facility.filter(credit_code__in=SEED_CODES).values_list("id", flat=True)
    }
    params = {"lat": "37.5131", "lng": "122.1201", "radius_m": "20000", "limit": "50"}
    response = await api.get("/api/v1/facilities/nearby", params=params)
    assert response.status_code == 200
    page = response.json()
    items = page["items"]
    # Other tests of the session put facilities right at the centre too, so follow every page;
    # on the demo data alone the first page already holds what is checked below.
    while page["next_cursor"]:
        page = (
            await api.get("/api/v1/facilities/nearby", params={**params, "cursor": page["next_cursor"]})
        ).json()
        items += page["items"]
    distances = [item["distance_m"] for item in items]
    assert distances == sorted(distances)
    # In the same order as on the demo data alone: its first page of 50.
    seeded = [item for item in items if item["id"] in seeded_ids][:50]
    assert len({item["town"] for item in seeded}) >= 5
    assert {item["inclusive"] for item in seeded} == {True, False}
    assert {care for item in seeded for care in item["care_types"]} == {
        "full_day", "half_day", "hourly", "temporary",
    }  # fmt: skip
    assert all(item["filed"] for item in items)
    unbookable = {str(f.id) for f in await Facility.filter(credit_code__in=SEED_CODES) if not f.bookable}
    assert unbookable.isdisjoint(item["id"] for item in items)

    rooms = (
        await api.get(
            "/api/v1/nursing-rooms/nearby", params={"lat": "37.5131", "lng": "122.1201", "radius_m": "3000"}
        )
    ).json()["items"]
    assert rooms and [room["distance_m"] for room in rooms] == sorted(room["distance_m"] for room in rooms)
