"""Regulator API: mother-and-baby rooms (母婴室), one by one and imported from CSV."""

from __future__ import annotations

import random
import uuid
from typing import Any

import httpx
import pytest

from backend.context import Resources
from backend.geo.index import nearby_rooms
from backend.models import AuditEntry, NursingRoom
from tests.conftest import bearer
from tests.factories import NO_SUCH_ID, make_account, make_facility

# Away from the district centre, where other tests look for the demo facilities nearby.
AWAY = {"lat": 36.0671, "lng": 120.3826}

ANY_ID = NO_SUCH_ID
ENDPOINTS = [
    ("POST", "/api/v1/admin/nursing-rooms"),
    ("GET", "/api/v1/admin/nursing-rooms"),
    ("POST", "/api/v1/admin/nursing-rooms/import"),
    ("GET", f"/api/v1/admin/nursing-rooms/{ANY_ID}"),
    ("PATCH", f"/api/v1/admin/nursing-rooms/{ANY_ID}"),
    ("DELETE", f"/api/v1/admin/nursing-rooms/{ANY_ID}"),
]
HEADER = "name,address,venue_type,floor,opening_hours,amenities,lat,lng"
_spot = random.Random()


def lonely_point() -> tuple[float, float]:
    # Somewhere in China no other test puts rooms, so "nearby" answers only this test's rooms.
    return round(_spot.uniform(25.0, 45.0), 5), round(_spot.uniform(100.0, 120.0), 5)


def room_body(**changes: Any) -> dict[str, Any]:
    lat, lng = lonely_point()
    body: dict[str, Any] = {
        "name": f"母婴室-{uuid.uuid4().hex[:8]}",
        "address": "威海市环翠区新威路1号",
        "town": "鲸园街道",
        "venue_type": "mall",
        "floor": "3F",
        "opening_hours": "09:00-21:00",
        "amenities": ["changing_table", "sink_hot_water", "seat"],
        "lat": lat,
        "lng": lng,
    }
    body.update(changes)
    return body


async def regulator_headers(res: Resources) -> dict[str, Any]:
    _, token = await make_account(res, "regulator")
    return bearer(token)


async def indexed_near(res: Resources, lat: float, lng: float) -> set[str]:
    return {item["id"] for item in await nearby_rooms(res, lat, lng, 500, 50)}


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
async def test_wrong_callers_are_refused(
    api: httpx.AsyncClient, res: Resources, method: str, path: str
) -> None:
    answer = await api.request(method, path, json={})
    assert answer.status_code == 401
    facility = await make_facility(res, **AWAY)
    for role in ("parent", "facility_admin", "facility_staff"):
        _, token = await make_account(res, role, facility if role != "parent" else None)
        answer = await api.request(method, path, json={}, headers=bearer(token))
        assert answer.status_code == 403, (role, answer.text)
        assert answer.json()["error"]["code"] == "forbidden"


async def test_create_edit_delete_keep_the_geo_index_in_step(api: httpx.AsyncClient, res: Resources) -> None:
    headers = await regulator_headers(res)
    body = room_body(amenities=["seat", "seat", "fridge"])
    answer = await api.post("/api/v1/admin/nursing-rooms", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    room = answer.json()
    assert room["name"] == body["name"]
    assert room["amenities"] == ["seat", "fridge"]
    assert room["venue_type"] == "mall"
    assert room["id"] in await indexed_near(res, body["lat"], body["lng"])

    duplicate = await api.post(
        "/api/v1/admin/nursing-rooms", json={**body, "lat": body["lat"] + 0.001}, headers=headers
    )
    assert duplicate.status_code == 409

    lat, lng = lonely_point()
    moved = await api.patch(
        f"/api/v1/admin/nursing-rooms/{room['id']}",
        json={"lat": lat, "lng": lng, "floor": "B1"},
        headers=headers,
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["floor"] == "B1"
    assert moved.json()["name"] == body["name"]
    assert room["id"] in await indexed_near(res, lat, lng)
    assert room["id"] not in await indexed_near(res, body["lat"], body["lng"])

    one = await api.get(f"/api/v1/admin/nursing-rooms/{room['id']}", headers=headers)
    assert one.status_code == 200
    assert one.json()["lat"] == lat

    gone = await api.delete(f"/api/v1/admin/nursing-rooms/{room['id']}", headers=headers)
    assert gone.status_code == 204
    assert not await NursingRoom.exists(id=room["id"])
    assert room["id"] not in await indexed_near(res, lat, lng)
    again = await api.delete(f"/api/v1/admin/nursing-rooms/{room['id']}", headers=headers)
    assert again.status_code == 404
    actions = set(await AuditEntry.filter(object_id=room["id"]).values_list("action", flat=True))
    assert actions == {"nursing_room.create", "nursing_room.update", "nursing_room.delete"}


async def test_edit_into_a_duplicate_is_a_conflict(api: httpx.AsyncClient, res: Resources) -> None:
    headers = await regulator_headers(res)
    first = (await api.post("/api/v1/admin/nursing-rooms", json=room_body(), headers=headers)).json()
    second = (await api.post("/api/v1/admin/nursing-rooms", json=room_body(), headers=headers)).json()
    answer = await api.patch(
        f"/api/v1/admin/nursing-rooms/{second['id']}", json={"name": first["name"]}, headers=headers
    )
    assert answer.status_code == 409
    assert (await NursingRoom.get(id=second["id"])).name == second["name"]


async def test_list_filters_and_pages(api: httpx.AsyncClient, res: Resources) -> None:
    headers = await regulator_headers(res)
    town = f"测试镇{uuid.uuid4().hex[:6]}"
    made = [
        (await api.post("/api/v1/admin/nursing-rooms", json=room_body(town=town), headers=headers)).json()[
            "id"
        ]
        for _ in range(3)
    ]
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"town": town, "limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = (await api.get("/api/v1/admin/nursing-rooms", params=params, headers=headers)).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(made)
    for params in ({"limit": 0}, {"venue_type": "castle"}, {"cursor": "abc.def"}, {"unknown": "1"}):
        answer = await api.get("/api/v1/admin/nursing-rooms", params=params, headers=headers)
        assert answer.status_code == 422, params


async def test_bad_rooms_are_refused_naming_the_field(api: httpx.AsyncClient, res: Resources) -> None:
    headers = await regulator_headers(res)
    cases: list[tuple[dict[str, Any], str]] = [
        (room_body(name=""), "name"),
        (room_body(name="x" * 101), "name"),
        (room_body(address="  "), "address"),
        (room_body(address="x" * 201), "address"),
        (room_body(venue_type="castle"), "venue_type"),
        (room_body(floor="x" * 21), "floor"),
        (room_body(opening_hours="x" * 51), "opening_hours"),
        (room_body(amenities=["jacuzzi"]), "amenities"),
        (room_body(amenities="seat"), "amenities"),
        (room_body(lat=91), "lat"),
        (room_body(lat=0.0, lng=0.0), "lat"),
        (room_body(lng="east"), "lng"),
        (room_body(town="x" * 51), "town"),
        (room_body(color="pink"), "color"),
        ({k: v for k, v in room_body().items() if k != "lat"}, "lat"),
    ]
    for body, field in cases:
        answer = await api.post("/api/v1/admin/nursing-rooms", json=body, headers=headers)
        assert answer.status_code == 422, (body, answer.text)
        fields = answer.json()["error"]["details"]["fields"]
        assert any(name.split(".")[0] == field for name in fields), (field, fields)
    room = (await api.post("/api/v1/admin/nursing-rooms", json=room_body(), headers=headers)).json()
    for patch, field in (({"name": None}, "name"), ({}, "body"), ({"lat": 200}, "lat"), ({"x": 1}, "x")):
        answer = await api.patch(f"/api/v1/admin/nursing-rooms/{room['id']}", json=patch, headers=headers)
        assert answer.status_code == 422, patch
        assert field in answer.json()["error"]["details"]["fields"], answer.text
    for missing in (str(uuid.uuid4()), "nope"):
        answer = await api.patch(
            f"/api/v1/admin/nursing-rooms/{missing}", json={"floor": "1F"}, headers=headers
        )
        assert answer.status_code == 404


def csv_line(name: str, address: str, lat: float, lng: float, **cells: str) -> str:
    row = {
        "venue_type": "station",
        "floor": "1F",
        "opening_hours": "全天",
        "amenities": "changing_table|power_outlet",
        **cells,
    }
    middle = ",".join(row[column] for column in ("venue_type", "floor", "opening_hours", "amenities"))
    return f"{name},{address},{middle},{lat},{lng}"


async def test_csv_import_with_bom_reports_bad_rows_and_is_idempotent(
    api: httpx.AsyncClient, res: Resources
) -> None:
    headers = await regulator_headers(res)
    tag = uuid.uuid4().hex[:6]
    lat, lng = lonely_point()
    lines = [
        HEADER,
        csv_line(f"火车站母婴室{tag}", "威海站候车厅", lat, lng),  # line 2
        csv_line(f"坏行{tag}", "某地", 999, lng),  # line 3: bad lat
        csv_line(f"医院母婴室{tag}", '"门诊楼, 二层"', lat + 0.001, lng, amenities="seat|fridge"),  # line 4
        "",  # a blank line is skipped, not an error
        csv_line(f"另一坏行{tag}", "", lat, lng, venue_type="castle", amenities="seat|jacuzzi"),  # line 6
        f"短行{tag},只有三列,mall",  # line 7
        csv_line(f"火车站母婴室{tag}", "威海站候车厅", lat, lng),  # line 8: same as line 2
    ]
    data = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
    answer = await api.post(
        "/api/v1/admin/nursing-rooms/import", content=data, headers={**headers, "content-type": "text/csv"}
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["created"] == 2
    assert body["updated"] == 0
    errors = {error["line"]: error["errors"] for error in body["errors"]}
    assert set(errors) == {3, 6, 7, 8}
    assert set(errors[3]) == {"lat"}
    assert set(errors[6]) == {"address", "venue_type", "amenities"}
    assert "jacuzzi" in errors[6]["amenities"]
    assert "row" in errors[7]
    assert "line 2" in errors[8]["row"]
    station = await NursingRoom.get(name=f"火车站母婴室{tag}")
    hospital = await NursingRoom.get(name=f"医院母婴室{tag}")
    assert hospital.address == "门诊楼, 二层"
    assert hospital.amenities == ["seat", "fridge"]
    assert {str(station.id), str(hospital.id)} <= await indexed_near(res, lat, lng)

    # The same file again: nothing new, nothing changed.
    again = await api.post(
        "/api/v1/admin/nursing-rooms/import", content=data, headers={**headers, "content-type": "text/csv"}
    )
    assert again.status_code == 200
    assert (again.json()["created"], again.json()["updated"]) == (0, 0)
    assert again.json()["unchanged"] == 2
    assert await NursingRoom.filter(name__in=[station.name, hospital.name]).count() == 2

    # A changed row updates the room registered under its (name, address), through multipart.
    changed = "\n".join([HEADER, csv_line(f"火车站母婴室{tag}", "威海站候车厅", lat, lng, floor="2F")])
    upload = await api.post(
        "/api/v1/admin/nursing-rooms/import",
        files={"file": ("rooms.csv", changed.encode("utf-8"), "text/csv")},
        headers=headers,
    )
    assert upload.status_code == 200, upload.text
    assert (upload.json()["created"], upload.json()["updated"], upload.json()["errors"]) == (0, 1, [])
    station = await NursingRoom.get(id=station.id)
    assert station.floor == "2F"
    assert await AuditEntry.filter(action="nursing_room.import").exists()


async def test_csv_import_refuses_a_bad_file(api: httpx.AsyncClient, res: Resources) -> None:
    headers = await regulator_headers(res)
    csv_headers = {**headers, "content-type": "text/csv"}
    lat, lng = lonely_point()
    row = csv_line(f"x{uuid.uuid4().hex[:6]}", "y", lat, lng)
    cases: list[tuple[bytes, dict[str, Any], str]] = [
        (b"", csv_headers, "header"),
        (row.encode(), csv_headers, "header"),
        (("name,address,venue_type\n" + row).encode(), csv_headers, "header"),
        ((HEADER + ",town\n" + row).encode(), csv_headers, "header"),
        ((HEADER + "\n" + row).encode("gbk") + "母婴室".encode("gbk"), csv_headers, "file"),
        ((HEADER + "\n" + row).encode(), {**headers, "content-type": "application/json"}, "content_type"),
        # A quote never closed swallows the rest of the file into one field over csv's size limit.
        ((HEADER + '\n"' + "x" * 140_000).encode(), csv_headers, "file"),
    ]
    for data, request_headers, field in cases:
        answer = await api.post("/api/v1/admin/nursing-rooms/import", content=data, headers=request_headers)
        assert answer.status_code == 422, (data[:60], answer.text)
        assert field in answer.json()["error"]["details"]["fields"], answer.text
    no_file = await api.post(
        "/api/v1/admin/nursing-rooms/import",
        files={"other": ("rooms.csv", (HEADER + "\n" + row).encode(), "text/csv")},
        headers=headers,
    )
    assert no_file.status_code == 422
    assert "file" in no_file.json()["error"]["details"]["fields"]

    too_many = "\n".join([HEADER] + [f"r{n},a,mall,,,,30.0,110.0" for n in range(5001)])
    answer = await api.post(
        "/api/v1/admin/nursing-rooms/import", content=too_many.encode(), headers=csv_headers
    )
    assert answer.status_code in (413, 422), answer.text
    assert not await NursingRoom.exists(name="r0", address="a")


def test_the_file_size_limit_is_checked_before_parsing() -> None:
    from backend.nursing_rooms.csv_import import MAX_IMPORT_BYTES, ImportTooLarge, parse_rooms_csv

    with pytest.raises(ImportTooLarge):
        parse_rooms_csv(b"x" * (MAX_IMPORT_BYTES + 1))
