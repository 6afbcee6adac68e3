"""The geo index follows the database: filing, suspension, moves, rebuilds and worker starts."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from backend.calendar import today_local
from backend.context import Resources
from backend.geo.index import (
    ensure_geo_index,
    index_facility,
    index_room,
    nearby_facilities,
    nearby_rooms,
    rebuild_geo_index,
    remove_facility,
    remove_room,
    vacancy_key,
)
from backend.geo.keys import search_key
from backend.models import Facility, NursingRoom
from tests.backend.geo.helpers import Spot, facility_at, room_at

GEO_KEYS = (
    "facilities",
    "facilities:full_day",
    "facilities:half_day",
    "facilities:hourly",
    "facilities:temporary",
    "facility-cards",
    "facility-members",
    "rooms",
    "room-cards",
)


async def ids_near(res: Resources, spot: Spot, radius_m: int = 5000) -> list[str]:
    return [item["id"] for item in await nearby_facilities(res, spot.lat, spot.lng, radius_m, 50)]


async def test_index_facility_follows_filing_suspension_and_moves(res: Resources) -> None:
    spot = Spot.random()
    facility = await facility_at(res, spot, north_m=300)
    fid = str(facility.id)
    assert await ids_near(res, spot) == [fid]

    facility.filing_status = "unfiled"
    await facility.save()
    await index_facility(res, fid)
    assert await ids_near(res, spot) == []

    facility.filing_status = "filed"
    await facility.save()
    await index_facility(res, fid)
    assert await ids_near(res, spot) == [fid]

    facility.suspended = True
    await facility.save()
    await index_facility(res, fid)
    assert await ids_near(res, spot) == []
    assert await res.redis.hget(search_key(res, "geo", "facility-cards"), fid) is None

    facility.suspended = False
    facility.filing_status = "revoked"
    await facility.save()
    await index_facility(res, fid)
    assert await ids_near(res, spot) == []

    # Moving a filed facility moves its point and its card.
    facility.filing_status = "filed"
    facility.lat, facility.lng = spot.offset(north_m=2000)
    facility.name = "搬迁后的托育园"
    await facility.save()
    await index_facility(res, fid)
    [item] = await nearby_facilities(res, spot.lat, spot.lng, 5000, 10)
    assert item["id"] == fid
    assert 1990 <= item["distance_m"] <= 2010
    assert item["name"] == "搬迁后的托育园"
    assert (item["lat"], item["lng"]) == (facility.lat, facility.lng)


async def test_deleted_or_unknown_facilities_leave_the_index(res: Resources) -> None:
    spot = Spot.random()
    facility = await facility_at(res, spot)
    fid = str(facility.id)
    await facility.delete()
    await index_facility(res, fid)
    assert await ids_near(res, spot) == []
    # Unknown and malformed ids are no error.
    await index_facility(res, "not-a-uuid")
    await remove_facility(res, "not-a-uuid")
    await index_room(res, "not-a-uuid")


async def test_remove_facility_and_room(res: Resources) -> None:
    spot = Spot.random()
    facility = await facility_at(res, spot)
    room = await room_at(res, spot, east_m=100)
    await remove_facility(res, str(facility.id))
    await remove_room(res, str(room.id))
    assert await ids_near(res, spot) == []
    assert await nearby_rooms(res, spot.lat, spot.lng, 5000, 10) == []
    await index_room(res, str(room.id))
    [found] = await nearby_rooms(res, spot.lat, spot.lng, 5000, 10)
    assert found["id"] == str(room.id)
    await room.delete()
    await index_room(res, str(room.id))
    assert await nearby_rooms(res, spot.lat, spot.lng, 5000, 10) == []


async def _delete_index(res: Resources, marker_too: bool) -> None:
    keys = [search_key(res, "geo", name) for name in GEO_KEYS]
    if marker_too:
        keys.append(search_key(res, "geo", "built"))
    await res.redis.delete(*keys)


async def test_rebuild_after_the_redis_keys_are_lost(res: Resources) -> None:
    spot = Spot.random()
    facility = await facility_at(res, spot, north_m=100)
    hidden = await facility_at(res, spot, north_m=200, filing_status="unfiled")
    room = await room_at(res, spot, east_m=50)
    await _delete_index(res, marker_too=False)
    assert await ids_near(res, spot) == []

    counts = await rebuild_geo_index(res)

    assert await ids_near(res, spot) == [str(facility.id)]
    assert str(hidden.id) not in await ids_near(res, spot)
    assert [item["id"] for item in await nearby_rooms(res, spot.lat, spot.lng, 1000, 5)] == [str(room.id)]
    assert counts["facilities"] == await Facility.filter(filing_status="filed", suspended=False).count()
    assert counts["rooms"] == await NursingRoom.all().count()
    assert await res.redis.zcard(search_key(res, "geo", "facilities")) == counts["facilities"]
    # The swap leaves no temporary keys and no expiry on the index.
    assert await res.redis.keys(search_key(res, "geo", "building", "*")) == []
    assert await res.redis.ttl(search_key(res, "geo", "facilities")) == -1


async def test_ensure_rebuilds_only_when_missing(res: Resources) -> None:
    spot = Spot.random()
    facility = await facility_at(res, spot)
    await ensure_geo_index(res)
    # Present: a facility added to the database without indexing stays out (no rebuild happened).
    quiet = await facility_at(res, spot, north_m=500, index=False)
    await ensure_geo_index(res)
    assert await ids_near(res, spot) == [str(facility.id)]

    # Lost with its marker (a flushed Redis): every worker start races to rebuild; one does.
    await _delete_index(res, marker_too=True)
    await asyncio.gather(*(ensure_geo_index(res) for _ in range(4)))
    assert await ids_near(res, spot) == [str(facility.id), str(quiet.id)]

    # The sets gone but the marker left behind also counts as missing.
    await _delete_index(res, marker_too=False)
    await ensure_geo_index(res)
    assert await ids_near(res, spot) == [str(facility.id), str(quiet.id)]


async def test_bot_helpers_answer_cards_with_distance_and_availability(res: Resources) -> None:
    spot = Spot.random()
    near = await facility_at(
        res, spot, north_m=100, classes=[{"kind": "toddler", "name": "托小班", "places": 10, "caregivers": 2}]
    )
    far = await facility_at(res, spot, north_m=900)
    today = today_local()
    await res.redis.hset(vacancy_key(res, today), str(far.id), "hourly|toddler=3")
    await res.redis.hset(vacancy_key(res, today), str(near.id), "hourly|toddler=0")
    items = await nearby_facilities(res, spot.lat, spot.lng, 2000, 5, date=today)
    assert [item["id"] for item in items] == [str(near.id), str(far.id)]
    assert [item["available"] for item in items] == [False, True]
    assert set(items[0]) == {
        "id", "name", "address", "town", "lat", "lng", "distance_m", "care_types", "inclusive",
        "filed", "prices", "age_min_months", "age_max_months", "available", "care_types_label",
    }  # fmt: skip
    # A day beyond the vacancy window has nothing to offer yet.
    later = await nearby_facilities(res, spot.lat, spot.lng, 2000, 5, date=today + timedelta(days=45))
    assert [item["available"] for item in later] == [False, False]

    room = await room_at(res, spot, east_m=40)
    [found] = await nearby_rooms(res, spot.lat, spot.lng, 1000, 5)
    assert found["id"] == str(room.id)
    assert 35 <= found["distance_m"] <= 45
    assert set(found) == {
        "id", "name", "address", "venue_type", "floor", "opening_hours", "amenities", "lat", "lng",
        "distance_m", "venue_type_label", "amenities_label",
    }  # fmt: skip


async def test_a_changed_offer_replaces_the_entry(res: Resources) -> None:
    spot = Spot.random()
    facility = await facility_at(res, spot)
    fid = str(facility.id)

    async def found(**filters: object) -> list[str]:
        items = await nearby_facilities(res, spot.lat, spot.lng, 1000, 50, **filters)
        return [item["id"] for item in items]

    assert await found(care_type="full_day") == [fid]
    facility.care_types = ["hourly"]
    facility.prices = {"hourly": 2500}
    facility.age_min_months = 24
    facility.inclusive = False
    await facility.save()
    await index_facility(res, fid)
    # The old entry is gone from every set: no duplicate, no stale care type, filters see the change.
    assert await found() == [fid]
    assert await found(care_type="full_day") == []
    assert await found(care_type="hourly") == [fid]
    assert await found(age_months=12) == []
    assert await found(inclusive=True) == []
    [item] = await nearby_facilities(res, spot.lat, spot.lng, 1000, 5)
    assert item["prices"] == {"hourly": 2500} and item["care_types"] == ["hourly"]
    for care in ("full_day", "half_day", "hourly", "temporary"):
        members = await res.redis.zrange(search_key(res, "geo", "facilities", care), 0, -1)
        assert sum(member.startswith(fid) for member in members) == (1 if care == "hourly" else 0)
    await remove_facility(res, fid)
    assert await found() == []
    assert await res.redis.hget(search_key(res, "geo", "facility-members"), fid) is None
