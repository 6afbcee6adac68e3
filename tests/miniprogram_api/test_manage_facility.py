"""GET/PATCH /api/v1/manage/facility: the facility's own profile, validated field by field."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from backend.bookings.vacancy import refresh_vacancy
from backend.calendar import SERVICE_TZ, today_local
from backend.context import Resources
from backend.models import Booking, Facility
from tests.backend.accounts.factories import make_password_account, token_for
from tests.backend.bookings.helpers import open_day_on_or_after
from tests.backend.geo.helpers import Spot, facility_at
from tests.conftest import bearer
from tests.factories import make_account, make_child, make_facility, make_parent

PROFILE = "/api/v1/manage/facility"

PROFILE_FIELDS = {
    "id",
    "nature_label",
    "care_types_label",
    "filing_status_label",
    "name",
    "credit_code",
    "address",
    "town",
    "lat",
    "lng",
    "phone",
    "nature",
    "inclusive",
    "age_min_months",
    "age_max_months",
    "filing_status",
    "filing_number",
    "filed",
    "demonstration",
    "suspended",
    "suspension_reason",
    "bookable",
    "care_types",
    "prices",
    "full_day_hours",
    "am_hours",
    "pm_hours",
    "open_weekdays",
    "auto_confirm",
    "cancel_before_hours",
    "requires_admission_check",
    "waitlist_hold_minutes",
    "description",
    "disclosure",
    "created_at",
    "updated_at",
}


async def admin_of(res: Resources, facility: Facility) -> str:
    return await token_for(res, await make_password_account("facility_admin", facility))


async def test_admin_and_staff_read_their_own_profile(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res, requires_admission_check=True)
    for role in ("facility_admin", "facility_staff"):
        token = await token_for(res, await make_password_account(role, facility))
        response = await api.get(PROFILE, headers=bearer(token))
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == PROFILE_FIELDS
        assert body["id"] == str(facility.id)
        assert body["full_day_hours"] == {"start": "08:00", "end": "17:00"}
        assert body["am_hours"] == {"start": "08:00", "end": "12:00"}
        assert body["pm_hours"] == {"start": "13:00", "end": "17:00"}
        assert body["cancel_before_hours"] == 2
        assert body["auto_confirm"] is False
        assert body["requires_admission_check"] is True


async def test_wrong_callers_are_refused(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    staff_token = await token_for(res, await make_password_account("facility_staff", facility))
    _, parent_token = await make_parent(res)
    _, regulator_token = await make_account(res, "regulator")

    assert (await api.get(PROFILE)).status_code == 401
    assert (await api.patch(PROFILE, json={"name": "x"})).status_code == 401
    for token in (parent_token, regulator_token):
        response = await api.get(PROFILE, headers=bearer(token))
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"
    for token in (parent_token, regulator_token, staff_token):
        response = await api.patch(PROFILE, json={"name": "改名"}, headers=bearer(token))
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"
    await facility.refresh_from_db()
    assert facility.name != "改名"


async def test_the_admin_changes_every_profile_field(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res)
    token = await admin_of(res, facility)
    changes: dict[str, Any] = {
        "name": "阳光托育园",
        "address": "威海市环翠区新威路8号",
        "phone": "0631-5201234",
        "description": "环境优美，师资雄厚",
        "disclosure": {
            "fees": "全日托每月3000元",
            "care": "保育为主",
            "meals": "每周食谱见公告栏",
            "health_care": "每日晨检",
            "safety": "全覆盖监控，保存90天",
        },
        "care_types": ["hourly", "full_day"],
        "prices": {"full_day": 15000, "hourly": 4000},
        "full_day_hours": {"start": "07:00", "end": "18:00"},
        "am_hours": {"start": "07:00", "end": "11:00"},
        "pm_hours": {"start": "14:00", "end": "18:00"},
        "open_weekdays": [6, 1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 24,
        "requires_admission_check": False,
        "age_min_months": 12,
        "age_max_months": 30,
    }
    response = await api.patch(PROFILE, json=changes, headers=bearer(token))
    assert response.status_code == 200, response.text
    body = response.json()
    for name, value in changes.items():
        if name == "care_types":
            assert body[name] == ["full_day", "hourly"]
        elif name == "open_weekdays":
            assert body[name] == [1, 2, 3, 4, 5, 6]
        else:
            assert body[name] == value, name

    stored = await Facility.get(id=facility.id)
    assert stored.name == "阳光托育园"
    assert stored.full_day_hours == {"start": "07:00", "end": "18:00"}
    assert stored.prices == {"full_day": 15000, "hourly": 4000}
    assert stored.open_weekdays == [1, 2, 3, 4, 5, 6]
    assert stored.auto_confirm is True
    assert stored.requires_admission_check is False

    again = await api.get(PROFILE, headers=bearer(token))
    assert again.json() == body


async def test_absent_fields_stay_as_they_were(api: httpx.AsyncClient, res: Resources) -> None:
    facility = await make_facility(res, description="原来的介绍")
    token = await admin_of(res, facility)
    response = await api.patch(PROFILE, json={"cancel_before_hours": 0}, headers=bearer(token))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["cancel_before_hours"] == 0
    assert body["description"] == "原来的介绍"
    assert body["name"] == facility.name
    assert body["prices"] == facility.prices


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": None}, "name"),
        ({"name": "名" * 101}, "name"),
        ({"address": "路" * 201}, "address"),
        ({"phone": "call me maybe"}, "phone"),
        ({"description": "字" * 5001}, "description"),
        ({"disclosure": {"gossip": "x"}}, "disclosure"),
        ({"disclosure": {"fees": "元" * 2001}}, "disclosure"),
        ({"care_types": []}, "care_types"),
        ({"care_types": ["overnight"]}, "care_types"),
        ({"care_types": ["hourly", "hourly"]}, "care_types"),
        ({"prices": {"full_day": -1}}, "prices"),
        ({"prices": {"full_day": 10_000_001}}, "prices"),
        ({"prices": {"weekly": 100}}, "prices"),
        ({"prices": {"full_day": "cheap"}}, "prices"),
        ({"care_types": ["full_day", "hourly"], "prices": {"full_day": 100}}, "prices"),
        ({"full_day_hours": {"start": "08:30", "end": "17:00"}}, "full_day_hours"),
        ({"full_day_hours": {"start": "8:00", "end": "17:00"}}, "full_day_hours"),
        ({"full_day_hours": {"start": "08:00", "end": "24:00"}}, "full_day_hours"),
        ({"full_day_hours": {"start": "17:00", "end": "08:00"}}, "full_day_hours"),
        ({"full_day_hours": {"start": "09:00", "end": "09:00"}}, "full_day_hours"),
        ({"full_day_hours": {"start": "08:00"}}, "full_day_hours"),
        ({"am_hours": {"start": "07:00", "end": "12:00"}}, "am_hours"),
        ({"pm_hours": {"start": "13:00", "end": "18:00"}}, "pm_hours"),
        ({"pm_hours": {"start": "11:00", "end": "17:00"}}, "pm_hours"),
        ({"full_day_hours": {"start": "09:00", "end": "17:00"}}, "am_hours"),
        ({"open_weekdays": []}, "open_weekdays"),
        ({"open_weekdays": [0]}, "open_weekdays"),
        ({"open_weekdays": [8]}, "open_weekdays"),
        ({"open_weekdays": [1, 1]}, "open_weekdays"),
        ({"auto_confirm": "sometimes"}, "auto_confirm"),
        ({"cancel_before_hours": -1}, "cancel_before_hours"),
        ({"cancel_before_hours": 73}, "cancel_before_hours"),
        ({"age_min_months": -1}, "age_min_months"),
        ({"age_max_months": 37}, "age_max_months"),
        ({"age_min_months": 30, "age_max_months": 20}, "age_max_months"),
        ({"age_min_months": 40}, "age_min_months"),
        ({"opening_motto": "hello"}, "opening_motto"),
    ],
)
async def test_invalid_changes_answer_422_naming_the_field(
    api: httpx.AsyncClient, res: Resources, changes: dict[str, Any], field: str
) -> None:
    facility = await make_facility(res)
    token = await admin_of(res, facility)
    response = await api.patch(PROFILE, json=changes, headers=bearer(token))
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    named = list(error["details"]["fields"])
    assert any(name == field or name.startswith(field + ".") for name in named), named
    stored = await Facility.get(id=facility.id)
    assert stored.updated_at == facility.updated_at


async def test_a_half_day_span_inside_changed_full_day_hours_is_accepted(
    api: httpx.AsyncClient, res: Resources
) -> None:
    facility = await make_facility(res)
    token = await admin_of(res, facility)
    response = await api.patch(
        PROFILE,
        json={
            "full_day_hours": {"start": "09:00", "end": "16:00"},
            "am_hours": {"start": "09:00", "end": "12:00"},
            "pm_hours": {"start": "12:00", "end": "16:00"},
        },
        headers=bearer(token),
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    "changes",
    [
        {"filing_status": "filed"},
        {"filing_number": "环卫托备〔2026〕999号"},
        {"credit_code": "91371002MA3C0000X1"},
        {"suspended": False},
        {"suspension_reason": None},
        {"demonstration": True},
        {"name": "新名字", "lat": 37.0},
    ],
)
async def test_the_bureau_fields_are_not_the_facilitys_to_change(
    api: httpx.AsyncClient, res: Resources, changes: dict[str, Any]
) -> None:
    facility = await make_facility(res, filing_status="unfiled", filing_number=None)
    token = await admin_of(res, facility)
    response = await api.patch(PROFILE, json=changes, headers=bearer(token))
    assert response.status_code == 403, response.text
    error = response.json()["error"]
    assert error["code"] == "forbidden"
    bureau_field = next(name for name in changes if name != "name")
    assert bureau_field in error["details"]["fields"]
    stored = await Facility.get(id=facility.id)
    assert stored.filing_status == "unfiled"
    assert stored.name == facility.name


async def test_hours_may_change_while_future_bookings_keep_theirs(
    api: httpx.AsyncClient, res: Resources
) -> None:
    facility = await make_facility(res)
    klass = (await facility.classes.all())[0]
    parent, _ = await make_parent(res)
    child = await make_child(parent, today_local() - timedelta(days=500))
    day = today_local() + timedelta(days=7)
    booking = await Booking.create(
        parent=parent,
        child=child,
        facility=facility,
        klass=klass,
        class_kind=klass.kind,
        care_type="full_day",
        start_date=day,
        end_date=day,
        slots={day.isoformat(): list(range(8, 17))},
        first_hour_at=datetime.combine(day, datetime.min.time(), SERVICE_TZ).replace(hour=8),
        last_hour_end_at=datetime.combine(day, datetime.min.time(), SERVICE_TZ).replace(hour=17),
        price_fen=10000,
        status="confirmed",
    )
    token = await admin_of(res, facility)
    response = await api.patch(
        PROFILE,
        json={
            "full_day_hours": {"start": "08:00", "end": "16:00"},
            "pm_hours": {"start": "13:00", "end": "16:00"},
        },
        headers=bearer(token),
    )
    assert response.status_code == 200, response.text
    await booking.refresh_from_db()
    assert booking.slots == {day.isoformat(): list(range(8, 17))}
    assert booking.status == "confirmed"


async def test_a_change_reaches_the_search_cards(api: httpx.AsyncClient, res: Resources) -> None:
    spot = Spot.random()
    facility = await facility_at(res, spot)
    token = await admin_of(res, facility)
    response = await api.patch(PROFILE, json={"name": "改名后的托育园"}, headers=bearer(token))
    assert response.status_code == 200, response.text
    nearby = await api.get("/api/v1/facilities/nearby", params=spot.query(radius_m=200))
    assert nearby.status_code == 200, nearby.text
    names = {item["id"]: item["name"] for item in nearby.json()["items"]}
    assert names.get(str(facility.id)) == "改名后的托育园"


async def test_a_change_of_weekdays_reaches_search_vacancy(api: httpx.AsyncClient, res: Resources) -> None:
    spot = Spot.random()
    facility = await facility_at(res, spot)
    await refresh_vacancy(res, str(facility.id))
    day = open_day_on_or_after(today_local() + timedelta(days=3))
    token = await admin_of(res, facility)
    query = spot.query(radius_m=200, date=day.isoformat(), care_type="full_day", age_months=18)

    async def available() -> bool | None:
        response = await api.get("/api/v1/facilities/nearby", params=query)
        assert response.status_code == 200, response.text
        cards = {item["id"]: item for item in response.json()["items"]}
        return cards[str(facility.id)]["available"] if str(facility.id) in cards else None

    assert await available() is True
    others = [weekday for weekday in range(1, 8) if weekday != day.isoweekday()]
    response = await api.patch(PROFILE, json={"open_weekdays": others}, headers=bearer(token))
    assert response.status_code == 200, response.text
    assert await available() is False
