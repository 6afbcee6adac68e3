"""GET /api/v1/facilities/nearby and /facilities/{id}: public, from the geo index, bounded."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest

from backend.calendar import now_local, today_local
from backend.context import Resources
from backend.facilities.schemas import FacilityPageAnswer, FacilityRecordAnswer
from backend.geo.index import index_facility, vacancy_key
from backend.models import FacilityClass, Inspection, StaffMember
from backend.paging import encode_cursor
from backend.security import encrypt, keyed_hash
from tests.backend.geo.helpers import Spot, facility_at
from tests.factories import NO_SUCH_ID

NEARBY = "/api/v1/facilities/nearby"
CARD_FIELDS = {
    "id", "name", "address", "town", "lat", "lng", "distance_m", "care_types", "inclusive", "filed",
    "prices", "age_min_months", "age_max_months", "available", "care_types_label",
}  # fmt: skip


async def nearby(api: httpx.AsyncClient, spot: Spot, **params: Any) -> dict[str, Any]:
    response = await api.get(NEARBY, params=spot.query(**params))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def walk(api: httpx.AsyncClient, spot: Spot, **params: Any) -> list[dict[str, Any]]:
    """Every page, following next_cursor to the end."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(100):
        page = await nearby(api, spot, **params, **({"cursor": cursor} if cursor else {}))
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("paging never ended")


async def test_nearest_first_with_the_card_fields(api: httpx.AsyncClient, res: Resources) -> None:
    spot = Spot.random()
    far = await facility_at(res, spot, north_m=3000, name="远处托育园")
    near = await facility_at(res, spot, east_m=400, name="近处托育园", inclusive=False)
    body = await nearby(api, spot)
    assert body["next_cursor"] is None
    assert [item["id"] for item in body["items"]] == [str(near.id), str(far.id)]
    first = body["items"][0]
    assert set(first) == CARD_FIELDS
    assert first["name"] == "近处托育园"
    assert first["filed"] is True
    assert first["inclusive"] is False
    assert first["available"] is None
    assert 395 <= first["distance_m"] <= 405
    assert first["care_types"] == ["full_day", "half_day", "hourly", "temporary"]
    assert first["prices"] == {"full_day": 10000, "half_day": 6000, "hourly": 3000, "temporary": 12000}
    assert (first["age_min_months"], first["age_max_months"]) == (6, 36)
    assert (first["lat"], first["lng"]) == (near.lat, near.lng)
    # Beyond the radius: not listed.
    assert [item["id"] for item in (await nearby(api, spot, radius_m=1000))["items"]] == [str(near.id)]


async def test_unfiled_revoked_and_suspended_are_hidden(api: httpx.AsyncClient, res: Resources) -> None:
    spot = Spot.random()
    shown = await facility_at(res, spot, north_m=100)
    await facility_at(res, spot, north_m=200, filing_status="unfiled", filing_number=None)
    await facility_at(res, spot, north_m=300, filing_status="revoked")
    await facility_at(res, spot, north_m=400, suspended=True, suspension_reason="整改")
    body = await nearby(api, spot)
    assert [item["id"] for item in body["items"]] == [str(shown.id)]


async def test_filters(api: httpx.AsyncClient, res: Resources) -> None:
    spot = Spot.random()
    hourly_only = await facility_at(
        res, spot, north_m=100, care_types=["hourly"], prices={"hourly": 2500}, inclusive=False
    )
    older_only = await facility_at(res, spot, north_m=200, age_min_months=24, care_types=["full_day"])
    everything = await facility_at(res, spot, north_m=300)

    async def ids(**params: Any) -> list[str]:
        return [item["id"] for item in (await nearby(api, spot, **params))["items"]]

    assert await ids() == [str(hourly_only.id), str(older_only.id), str(everything.id)]
    assert await ids(care_type="hourly") == [str(hourly_only.id), str(everything.id)]
    assert await ids(care_type="full_day") == [str(older_only.id), str(everything.id)]
    assert await ids(age_months=12) == [str(hourly_only.id), str(everything.id)]
    assert await ids(age_months=24) == [str(hourly_only.id), str(older_only.id), str(everything.id)]
    assert await ids(inclusive="false") == [str(hourly_only.id)]
    assert await ids(inclusive="true") == [str(older_only.id), str(everything.id)]
    assert await ids(care_type="full_day", age_months=12) == [str(everything.id)]
    assert await ids(care_type="temporary", inclusive="false") == []


async def test_sort_by_price(api: httpx.AsyncClient, res: Resources) -> None:
    spot = Spot.random()
    prices = [("a", 100, 9000, 3000), ("b", 200, 7000, 2000), ("c", 300, 7000, 4000), ("d", 400, 8000, None)]
    made = {}
    for label, north, full_day, hourly in prices:
        offered = {"full_day": full_day, **({"hourly": hourly} if hourly else {})}
        made[label] = str(
            (await facility_at(res, spot, north_m=north, care_types=list(offered), prices=offered)).id
        )
    # Without a care type: by the full-day price, equal prices nearest first.
    by_full_day = await walk(api, spot, sort="price", limit=1)
    assert [item["id"] for item in by_full_day] == [made["b"], made["c"], made["d"], made["a"]]
    by_hourly = await nearby(api, spot, sort="price", care_type="hourly")
    assert [item["id"] for item in by_hourly["items"]] == [made["b"], made["a"], made["c"]]
    assert [item["prices"]["hourly"] for item in by_hourly["items"]] == [2000, 3000, 4000]


async def test_paging_walks_everything_once_in_order(api: httpx.AsyncClient, res: Resources) -> None:
    spot = Spot.random()
    made = set()
    # Several at one point (equal distances) and the rest spread out: pages must split ties cleanly.
    for _ in range(5):
        made.add(str((await facility_at(res, spot, north_m=700)).id))
    for step in range(8):
        made.add(str((await facility_at(res, spot, north_m=150 * step, east_m=37 * step)).id))
    for sort in ("distance", "price"):
        for limit in (1, 3, 50):
            items = await walk(api, spot, limit=limit, sort=sort)
            ids = [item["id"] for item in items]
            assert len(ids) == len(set(ids)), (sort, limit)
            assert set(ids) == made, (sort, limit)
            distances = [item["distance_m"] for item in items]
            assert distances == sorted(distances)
    first = await nearby(api, spot, limit=4)
    assert len(first["items"]) == 4 and first["next_cursor"]


async def test_available_from_the_vacancy_hash(api: httpx.AsyncClient, res: Resources) -> None:
    spot = Spot.random()
    infants = [{"kind": "infant", "name": "乳儿班", "places": 6, "caregivers": 2}]
    toddlers = [{"kind": "toddler", "name": "托小班", "places": 10, "caregivers": 2}]
    a = await facility_at(res, spot, north_m=100, classes=infants)
    b = await facility_at(res, spot, north_m=200, classes=toddlers, care_types=["full_day", "hourly"])
    day = today_local() + timedelta(days=3)
    key = vacancy_key(res, day)
    # Each facility's override of the day: its figures, `care|kind=n`, one field a facility.
    await res.redis.hset(key, mapping={str(a.id): "hourly|infant=2", str(b.id): "full_day|toddler=0"})

    async def available(**params: Any) -> list[Any]:
        return [item["available"] for item in (await nearby(api, spot, **params))["items"]]

    assert await available() == [None, None]
    assert await available(date=day.isoformat()) == [True, False]
    assert await available(date=day.isoformat(), care_type="hourly") == [True, False]
    assert await available(date=day.isoformat(), care_type="full_day") == [False, False]
    assert await available(date=day.isoformat(), age_months=8) == [True, False]
    assert await available(date=day.isoformat(), age_months=14) == [False, False]

    await res.redis.hset(key, str(b.id), "full_day|toddler=4")
    assert await available(date=day.isoformat(), age_months=14) == [False, True]
    assert await available(date=day.isoformat(), age_months=14, care_type="hourly") == [False, False]
    # A kind the child's age does not fit never counts, even with places.
    await res.redis.hset(key, str(a.id), "hourly|infant=2;full_day|preschool=5")
    assert await available(date=day.isoformat(), age_months=8, care_type="full_day") == [False, False]
    # Another day has no vacancy written: no place.
    other = (day + timedelta(days=1)).isoformat()
    assert await available(date=other) == [False, False]
    # Beyond the next 31 days: false, whatever Redis holds.
    far = today_local() + timedelta(days=40)
    await res.redis.hset(vacancy_key(res, far), str(a.id), "hourly|infant=3")
    assert await available(date=far.isoformat()) == [False, False]
    await res.redis.delete(vacancy_key(res, far))


BAD_NEARBY: list[tuple[dict[str, Any], str]] = [
    ({"lat": "91"}, "lat"),
    ({"lat": "-90.5"}, "lat"),
    ({"lng": "180.01"}, "lng"),
    ({"lng": "-181"}, "lng"),
    ({"lat": "nan"}, "lat"),
    ({"lng": "inf"}, "lng"),
    ({"lat": "north"}, "lat"),
    ({"radius_m": "50001"}, "radius_m"),
    ({"radius_m": "0"}, "radius_m"),
    ({"limit": "51"}, "limit"),
    ({"limit": "0"}, "limit"),
    ({"care_type": "overnight"}, "care_type"),
    ({"age_months": "-1"}, "age_months"),
    ({"age_months": "37"}, "age_months"),
    ({"age_months": "1.5"}, "age_months"),
    ({"date": "2026-13-01"}, "date"),
    ({"date": "tomorrow"}, "date"),
    ({"date": "1767225600"}, "date"),
    ({"inclusive": "maybe"}, "inclusive"),
    ({"sort": "rating"}, "sort"),
    ({"cursor": "abc.def"}, "cursor"),
    ({"cursor": "x" * 600}, "cursor"),
    ({"radius": "100"}, "radius"),
]


@pytest.mark.parametrize(("params", "field"), BAD_NEARBY)
async def test_bad_input_is_422_naming_the_field(
    api: httpx.AsyncClient, params: dict[str, Any], field: str
) -> None:
    response = await api.get(NEARBY, params={"lat": "37.5", "lng": "122.1", **params})
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert isinstance(error["message"], str) and error["message"]
    assert field in error["details"]["fields"]


async def test_missing_coordinates_and_past_dates(api: httpx.AsyncClient) -> None:
    response = await api.get(NEARBY, params={"lng": "122.1"})
    assert response.status_code == 422
    assert "lat" in response.json()["error"]["details"]["fields"]
    yesterday = (today_local() - timedelta(days=1)).isoformat()
    response = await api.get(NEARBY, params={"lat": "37.5", "lng": "122.1", "date": yesterday})
    assert response.status_code == 422
    assert response.json()["error"]["details"]["fields"] == {"date": "不能早于今天"}


async def test_forged_or_foreign_cursors_are_refused(
    api: httpx.AsyncClient, res: Resources, stack: Any
) -> None:
    spot = Spot.random()
    for step in range(3):
        await facility_at(res, spot, north_m=100 * step)
    page = await nearby(api, spot, limit=1)
    cursor = page["next_cursor"]
    body, _, signature = cursor.rpartition(".")
    tampered = body[:-2] + ("AA" if body[-2:] != "AA" else "BB") + "." + signature
    secret = stack.settings.secret_key
    foreign = [
        tampered,
        cursor + "x",
        encode_cursor(secret, {"k": "rooms", "d": "1.0", "i": "x"}),
        encode_cursor(secret, {"t": "2026-01-01T00:00:00+08:00", "id": str(uuid.uuid4())}),
        encode_cursor(secret, {"k": "facilities", "s": "distance", "d": 5, "i": "x", "p": 0}),
        encode_cursor(secret, {"k": "facilities", "s": "distance", "d": "near", "i": "x", "p": 0}),
    ]
    for bad in foreign:
        response = await api.get(NEARBY, params=spot.query(cursor=bad))
        assert response.status_code == 422, bad
        assert response.json()["error"]["details"]["fields"].keys() == {"cursor"}
    # A distance-order cursor does not continue a price-ordered list.
    response = await api.get(NEARBY, params=spot.query(cursor=cursor, sort="price"))
    assert response.status_code == 422


async def test_near_the_poles_answers_empty(api: httpx.AsyncClient) -> None:
    body = (await api.get(NEARBY, params={"lat": "89.9", "lng": "0", "radius_m": "50000"})).json()
    assert body == {"items": [], "next_cursor": None}


# --- the public page ----------------------------------------------------------------------------


async def test_public_page(api: httpx.AsyncClient, res: Resources) -> None:
    spot = Spot.random()
    facility = await facility_at(
        res,
        spot,
        classes=[
            {"kind": "infant", "name": "乳儿班", "places": 12, "caregivers": 3},
            {"kind": "mixed", "name": "混合班", "places": 18, "caregivers": 2},
        ],
        description="一家测试托育园",
        disclosure={
            "fees": "每月2000元",
            "care": "保育",
            "meals": "每周食谱",
            "health": "晨检",
            "safety": "监控",
        },
        demonstration=True,
    )
    secret = res.settings.secret_key
    for index, (name, role) in enumerate(
        [("张三", "director"), ("李四", "caregiver"), ("王五", "caregiver")]
    ):
        id_number = f"11010519491231002{index}"
        await StaffMember.create(
            facility=facility,
            name=name,
            role=role,
            id_number_hash=keyed_hash(secret, id_number),
            id_number_enc=encrypt(secret, id_number),
            id_number_masked="110105********002" + str(index),
        )
    await StaffMember.create(
        facility=facility, name="已离职", role="cook", id_number_hash="x", id_number_enc="x",
        id_number_masked="x", is_active=False,
    )  # fmt: skip
    older = now_local() - timedelta(days=200)
    await Inspection.create(
        facility=facility, status="done", result="pass", findings="良好", completed_at=older
    )
    rectify = await Inspection.create(
        facility=facility,
        status="done",
        result="rectify",
        findings="消防通道堆放杂物",
        rectify_deadline=today_local() + timedelta(days=30),
        completed_at=now_local() - timedelta(days=2),
    )
    await Inspection.create(facility=facility, status="scheduled")

    response = await api.get(f"/api/v1/facilities/{facility.id}")
    assert response.status_code == 200, response.text
    page = response.json()
    assert page["id"] == str(facility.id)
    for name in ("name", "address", "town", "lat", "lng", "phone", "nature", "inclusive", "description"):
        assert page[name] == getattr(facility, name)
    assert page["full_day_hours"] == {"start": "08:00", "end": "17:00"}
    assert page["am_hours"] == {"start": "08:00", "end": "12:00"}
    assert page["pm_hours"] == {"start": "13:00", "end": "17:00"}
    assert page["open_weekdays"] == [1, 2, 3, 4, 5, 6, 7]
    assert page["care_types"] == ["full_day", "half_day", "hourly", "temporary"]
    assert page["prices"]["hourly"] == 3000
    assert page["disclosure"] == {
        "fees": "每月2000元", "care": "保育", "meals": "每周食谱", "health_care": "晨检", "safety": "监控",
    }  # fmt: skip
    classes = {item["kind"]: item for item in page["classes"]}
    assert classes["infant"]["capacity"] == 9  # 3 caregivers x 1:3, under the 10 of the standard
    assert classes["mixed"]["capacity"] == 10  # 2 caregivers x the district's 1:5
    assert classes["infant"]["places"] == 12 and classes["infant"]["caregivers"] == 3
    assert page["places"] == 19
    assert page["staff"] == {"total": 3, "by_role": {"caregiver": 2, "director": 1}}
    ratios = {item["kind"]: item for item in page["ratios"]}
    assert ratios["infant"]["children_per_caregiver"] == 3
    assert ratios["infant"]["national_max_children_per_caregiver"] == 3
    assert page["filed"] is True and page["filing_number"] == facility.filing_number
    assert page["suspended"] is False and page["demonstration"] is True
    assert [item["result"] for item in page["inspections"]] == ["rectify", "pass"]
    assert page["inspections"][0]["id"] == str(rectify.id)
    assert page["inspections"][0]["findings"] == "消防通道堆放杂物"
    assert page["inspections"][0]["rectify_deadline"] == (today_local() + timedelta(days=30)).isoformat()
    assert page["credit_record"]["outcomes"] == {"pass": 1, "rectify": 1, "fail": 0}
    assert [item["result"] for item in page["credit_record"]["items"]] == ["rectify", "pass"]
    # Never a staff member's name or ID number.
    text = response.text
    for secret_text in ("张三", "李四", "王五", "110105", "已离职"):
        assert secret_text not in text


async def test_the_public_page_shows_the_public_part_of_the_record_only(
    api: httpx.AsyncClient, res: Resources
) -> None:
    facility = await facility_at(res, Spot.random())
    response = await api.get(f"/api/v1/facilities/{facility.id}")
    assert response.status_code == 200, response.text
    page = response.json()
    # What the page answers is what it documents (codes come with their labels), nothing more.
    assert {name for name in page if not name.endswith("_label")} == set(FacilityPageAnswer.model_fields)
    FacilityPageAnswer.model_validate(page)
    # The record's own fields (the credit code, the booking settings) stay with staff and bureau.
    private = set(FacilityRecordAnswer.model_fields) - set(FacilityPageAnswer.model_fields)
    assert private >= {"credit_code", "auto_confirm", "cancel_before_hours", "created_at"}
    assert not private & set(page)
    assert facility.credit_code not in response.text


async def test_unfiled_and_suspended_pages_still_answer(api: httpx.AsyncClient, res: Resources) -> None:
    spot = Spot.random()
    unfiled = await facility_at(res, spot, filing_status="unfiled", filing_number=None)
    page = (await api.get(f"/api/v1/facilities/{unfiled.id}")).json()
    assert page["filed"] is False and page["suspended"] is False and page["bookable"] is False
    suspended = await facility_at(res, spot, suspended=True, suspension_reason="未按期整改")
    page = (await api.get(f"/api/v1/facilities/{suspended.id}")).json()
    assert page["filed"] is True and page["suspended"] is True
    assert page["suspension_reason"] == "未按期整改"
    await FacilityClass.filter(facility_id=suspended.id).delete()
    page = (await api.get(f"/api/v1/facilities/{suspended.id}")).json()
    assert page["classes"] == [] and page["places"] == 0
    await index_facility(res, str(suspended.id))


@pytest.mark.parametrize("facility_id", [NO_SUCH_ID, "not-an-id", "1", "%E4%B8%AD"])
async def test_unknown_facility_is_404(api: httpx.AsyncClient, facility_id: str) -> None:
    response = await api.get(f"/api/v1/facilities/{facility_id}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_the_routes_are_in_the_openapi_document(api: httpx.AsyncClient) -> None:
    document = (await api.get("/docs/openapi.json")).json()
    paths = document["paths"]
    for path in (
        "/api/v1/facilities/nearby",
        "/api/v1/facilities/{facility_id}",
        "/api/v1/nursing-rooms/nearby",
        "/api/v1/policies",
        "/api/v1/policies/{policy_id}",
    ):
        assert path in paths, path
    parameters = {item["name"] for item in paths["/api/v1/facilities/nearby"]["get"]["parameters"]}
    assert {"lat", "lng", "radius_m", "care_type", "age_months", "date", "inclusive", "sort"} <= parameters
