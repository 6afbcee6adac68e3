"""Places of their own for geo tests: the test database is shared, so each test searches around a
random point far from the district and from every other test, and creates what it looks for there."""

from __future__ import annotations

import math
import random
import uuid
from dataclasses import dataclass
from typing import Any

from backend.context import Resources
from backend.models import Facility, NursingRoom
from tests.factories import make_facility

METRES_PER_DEGREE_LAT = 111_320.0


@dataclass(frozen=True)
class Spot:
    """A random point in western China, hundreds of kilometres from Huancui and the seed data."""

    lat: float
    lng: float

    @classmethod
    def random(cls) -> Spot:
        rng = random.Random(uuid.uuid4().int)
        return cls(lat=round(rng.uniform(25.0, 45.0), 6), lng=round(rng.uniform(80.0, 110.0), 6))

    def offset(self, north_m: float = 0.0, east_m: float = 0.0) -> tuple[float, float]:
        lat = self.lat + north_m / METRES_PER_DEGREE_LAT
        lng = self.lng + east_m / (METRES_PER_DEGREE_LAT * math.cos(math.radians(self.lat)))
        return round(lat, 7), round(lng, 7)

    def query(self, **params: Any) -> dict[str, Any]:
        return {"lat": self.lat, "lng": self.lng, **params}


async def facility_at(
    res: Resources, spot: Spot, north_m: float = 0.0, east_m: float = 0.0, index: bool = True, **fields: Any
) -> Facility:
    lat, lng = spot.offset(north_m, east_m)
    return await make_facility(res, lat=lat, lng=lng, index=index, **fields)


async def room_at(
    res: Resources, spot: Spot, north_m: float = 0.0, east_m: float = 0.0, **fields: Any
) -> NursingRoom:
    from backend.geo.index import index_room

    lat, lng = spot.offset(north_m, east_m)
    values: dict[str, Any] = {
        "name": f"测试母婴室{uuid.uuid4().hex[:8]}",
        "address": f"测试地址{uuid.uuid4().hex[:8]}",
        "venue_type": "mall",
        "floor": "2F",
        "opening_hours": "09:00-21:00",
        "amenities": ["changing_table", "seat"],
        "lat": lat,
        "lng": lng,
    }
    values.update(fields)
    room = await NursingRoom.create(**values)
    await index_room(res, str(room.id))
    return room
