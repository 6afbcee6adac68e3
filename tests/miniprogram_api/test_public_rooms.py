"""GET /api/v1/nursing-rooms/nearby: mother-and-baby rooms nearest first, from the geo index."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from backend.context import Resources
from tests.backend.geo.helpers import Spot, room_at

ROOMS = "/api/v1/nursing-rooms/nearby"


async def test_rooms_nearest_first(api: httpx.AsyncClient, res: Resources) -> None:
    spot = Spot.random()
    far = await room_at(res, spot, north_m=1500, name="远处母婴室")
    near = await room_at(res, spot, east_m=120, name="近处母婴室", floor="B1", amenities=["changing_table"])
    middle = await room_at(res, spot, north_m=-600)
    response = await api.get(ROOMS, params=spot.query())
    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body["items"]] == [str(near.id), str(middle.id), str(far.id)]
    assert body["next_cursor"] is None
    first = body["items"][0]
    assert first == {
        "id": str(near.id),
        "name": "近处母婴室",
        "address": near.address,
        "venue_type": "mall",
        "venue_type_label": "商场",
        "floor": "B1",
        "opening_hours": "09:00-21:00",
        "amenities": ["changing_table"],
        "amenities_label": ["护理台"],
        "lat": near.lat,
        "lng": near.lng,
        "distance_m": first["distance_m"],
    }
    assert 115 <= first["distance_m"] <= 125
    within = (await api.get(ROOMS, params=spot.query(radius_m=1000))).json()
    assert [item["id"] for item in within["items"]] == [str(near.id), str(middle.id)]


async def test_rooms_paging(api: httpx.AsyncClient, res: Resources) -> None:
    spot = Spot.random()
    made = {str((await room_at(res, spot, north_m=50 * step)).id) for step in range(7)}
    made |= {str((await room_at(res, spot, east_m=200)).id) for _ in range(3)}
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        params = spot.query(limit=2, **({"cursor": cursor} if cursor else {}))
        body = (await api.get(ROOMS, params=params)).json()
        seen += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    ids = [item["id"] for item in seen]
    assert len(ids) == len(set(ids)) == len(made)
    assert set(ids) == made
    assert [item["distance_m"] for item in seen] == sorted(item["distance_m"] for item in seen)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"lat": "90.1"}, "lat"),
        ({"lng": "200"}, "lng"),
        ({"radius_m": "60000"}, "radius_m"),
        ({"limit": "100"}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"cursor": "forged.cursor"}, "cursor"),
        ({"care_type": "hourly"}, "care_type"),
    ],
)
async def test_rooms_bad_input(api: httpx.AsyncClient, params: dict[str, Any], field: str) -> None:
    response = await api.get(ROOMS, params={"lat": "37.5", "lng": "122.1", **params})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert field in error["details"]["fields"]


async def test_a_facility_cursor_does_not_page_rooms(api: httpx.AsyncClient, res: Resources) -> None:
    from tests.backend.geo.helpers import facility_at

    spot = Spot.random()
    for step in range(2):
        await facility_at(res, spot, north_m=10 * step)
    cursor = (await api.get("/api/v1/facilities/nearby", params=spot.query(limit=1))).json()["next_cursor"]
    response = await api.get(ROOMS, params=spot.query(cursor=cursor))
    assert response.status_code == 422
    assert "cursor" in response.json()["error"]["details"]["fields"]
