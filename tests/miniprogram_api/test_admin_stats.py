"""Regulator API: the district's numbers, and that they add up."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from backend.calendar import now_local, today_local
from backend.context import Resources
from backend.models import (
    BanAlert,
    BanEntry,
    Booking,
    Facility,
    FacilityClass,
    Inspection,
    StaffMember,
)
from backend.rules import PLACES_PER_1000_TARGET, ClassKind, class_capacity
from tests.conftest import bearer
from tests.factories import make_account, make_child, make_facility, make_parent

# Away from the district centre, where other tests look for the demo facilities nearby.
AWAY = {"lat": 36.0671, "lng": 120.3826}

STATS = "/api/v1/admin/stats"


async def regulator_headers(res: Resources) -> dict[str, Any]:
    _, token = await make_account(res, "regulator")
    return bearer(token)


async def stats(api: httpx.AsyncClient, headers: dict[str, Any], **params: str) -> dict[str, Any]:
    answer = await api.get(STATS, params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def town_row(body: dict[str, Any], town: str) -> dict[str, Any]:
    rows = [row for row in body["by_town"] if row["town"] == town]
    assert len(rows) == 1, body["by_town"]
    return rows[0]


def assert_adds_up(body: dict[str, Any]) -> None:
    for name in ("facilities", "filed", "places"):
        assert body[name] == sum(row[name] for row in body["by_town"]), name
    assert body["suspended"] == sum(row["suspended"] for row in body["by_town"])
    expected = round(body["places"] / body["population"] * 1000, 2)
    assert body["places_per_1000"] == expected
    assert body["target_per_1000"] == PLACES_PER_1000_TARGET
    assert body["meets_target"] is (expected >= PLACES_PER_1000_TARGET)


@pytest.mark.parametrize("role", [None, "parent", "facility_admin", "facility_staff"])
async def test_wrong_callers_are_refused(api: httpx.AsyncClient, res: Resources, role: str | None) -> None:
    if role is None:
        answer = await api.get(STATS)
        assert answer.status_code == 401
        return
    facility = await make_facility(res, **AWAY) if role != "parent" else None
    _, token = await make_account(res, role, facility)
    answer = await api.get(STATS, headers=bearer(token))
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "forbidden"


async def test_places_by_town_add_up_to_the_district(
    api: httpx.AsyncClient, res: Resources, stack: Any
) -> None:
    headers = await regulator_headers(res)
    town = f"统计镇{uuid.uuid4().hex[:8]}"
    ratio = stack.settings.mixed_class_ratio
    await make_facility(
        res,
        **AWAY,
        town=town,
        inclusive=True,
        classes=[
            {"kind": "toddler", "name": "托小", "places": 10, "caregivers": 2},
            {"kind": "infant", "name": "乳儿", "places": 12, "caregivers": 3},
            {"kind": "preschool", "name": "停办", "places": 20, "caregivers": 3, "is_active": False},
        ],
    )
    await make_facility(
        res,
        **AWAY,
        town=town,
        inclusive=False,
        classes=[{"kind": "mixed", "name": "混合", "places": 18, "caregivers": 3}],
    )
    await make_facility(res, **AWAY, town=town, inclusive=True, filing_status="unfiled", filing_number=None)
    await make_facility(res, **AWAY, town=town, inclusive=True, suspended=True, suspension_reason="整改")
    await make_facility(res, **AWAY, town=town, inclusive=False, filing_status="revoked")
    expected_places = (
        class_capacity(ClassKind.toddler, 10, 2, ratio)
        + class_capacity(ClassKind.infant, 12, 3, ratio)
        + class_capacity(ClassKind.mixed, 18, 3, ratio)
    )
    assert expected_places == 10 + 9 + min(18, 3 * ratio)

    body = await stats(api, headers)
    row = town_row(body, town)
    assert row == {"town": town, "facilities": 5, "filed": 3, "suspended": 1, "places": expected_places}
    assert_adds_up(body)
    share = body["inclusive_share"]
    assert 0 <= share["facilities"] <= 1 and 0 <= share["places"] <= 1
    assert share["inclusive_filed"] <= body["filed"]
    assert share["inclusive_places"] <= body["places"]

    # Suspending the inclusive facility takes its places out of the town and the district alike.
    inclusive = await Facility.get(town=town, inclusive=True, filing_status="filed", suspended=False)
    await Facility.filter(id=inclusive.id).update(suspended=True)
    after = await stats(api, headers)
    assert town_row(after, town)["places"] == expected_places - 19
    assert town_row(after, town)["suspended"] == 2
    assert after["places"] == body["places"] - 19
    assert after["inclusive_share"]["inclusive_places"] == share["inclusive_places"] - 19
    assert after["inclusive_share"]["inclusive_filed"] == share["inclusive_filed"]
    assert_adds_up(after)


async def _booking(
    res: Resources, facility: Facility, klass: FacilityClass, care_type: str, status: str
) -> Booking:
    parent, _ = await make_parent(res)
    child = await make_child(parent, date(2024, 6, 1))
    start = now_local() + timedelta(days=2)
    return await Booking.create(
        parent=parent,
        child=child,
        facility=facility,
        klass=klass,
        class_kind=klass.kind,
        care_type=care_type,
        start_date=start.date(),
        end_date=start.date(),
        slots={start.date().isoformat(): [9]},
        first_hour_at=start.replace(hour=9, minute=0, second=0, microsecond=0),
        last_hour_end_at=start.replace(hour=10, minute=0, second=0, microsecond=0),
        price_fen=3000,
        status=status,
    )


async def _staff(facility: Facility, checked: date | None, active: bool = True) -> StaffMember:
    return await StaffMember.create(
        facility=facility,
        name="保育员",
        role="caregiver",
        id_number_hash=uuid.uuid4().hex,
        id_number_enc="x",
        id_number_masked="3710**********1234",
        last_record_check=checked,
        is_active=active,
    )


async def test_bookings_inspections_staff_and_alerts(api: httpx.AsyncClient, res: Resources) -> None:
    headers = await regulator_headers(res)
    before = await stats(api, headers)
    facility = await make_facility(res, **AWAY, town=f"统计镇{uuid.uuid4().hex[:8]}")
    klass = await FacilityClass.get(facility=facility)
    await _booking(res, facility, klass, "hourly", "confirmed")
    await _booking(res, facility, klass, "hourly", "confirmed")
    await _booking(res, facility, klass, "hourly", "cancelled")
    old = await _booking(res, facility, klass, "full_day", "checked_out")
    await Booking.filter(id=old.id).update(created_at=now_local() - timedelta(days=60))

    now = now_local()
    today = today_local()
    await Inspection.create(facility=facility, inspector_ids=[], status="scheduled")
    await Inspection.create(
        facility=facility, status="done", result="pass", completed_at=now - timedelta(days=30)
    )
    await Inspection.create(
        facility=facility,
        status="done",
        result="rectify",
        findings="x",
        rectify_deadline=today - timedelta(days=1),
        completed_at=now - timedelta(days=10),
    )
    reinspected = await make_facility(res, **AWAY)
    await Inspection.create(
        facility=reinspected,
        status="done",
        result="rectify",
        findings="x",
        rectify_deadline=today + timedelta(days=5),
        completed_at=now - timedelta(days=20),
    )
    await Inspection.create(
        facility=reinspected, status="done", result="pass", completed_at=now - timedelta(days=5)
    )

    await _staff(facility, today - timedelta(days=30))
    await _staff(facility, None)
    await _staff(facility, today - timedelta(days=400))
    await _staff(facility, None, active=False)

    entry = await BanEntry.create(id_number_hash=uuid.uuid4().hex, name="某人", reason="虐童")
    await BanAlert.create(kind="hire_refused", ban_entry=entry, facility=facility, name="某人")
    await BanAlert.create(kind="hire_refused", ban_entry=entry, facility=facility, name="某人", resolved=True)

    after = await stats(api, headers)
    assert_adds_up(after)

    def booked(body: dict[str, Any], care_type: str, status: str) -> int:
        return int(body["bookings_by_care_type"].get(care_type, {}).get(status, 0))

    assert booked(after, "hourly", "confirmed") - booked(before, "hourly", "confirmed") == 2
    assert booked(after, "hourly", "cancelled") - booked(before, "hourly", "cancelled") == 1
    # Made 60 days ago: outside the default 30 days, inside a period that reaches back to it.
    assert booked(after, "full_day", "checked_out") == booked(before, "full_day", "checked_out")
    reaching_back = await stats(
        api, headers, **{"from": (today - timedelta(days=61)).isoformat(), "to": today.isoformat()}
    )
    assert booked(reaching_back, "full_day", "checked_out") >= 1
    assert reaching_back["period"] == {
        "from": (today - timedelta(days=61)).isoformat(),
        "to": today.isoformat(),
    }

    done, was = after["inspections"], before["inspections"]
    assert done["scheduled"] - was["scheduled"] == 1
    assert done["done"] - was["done"] == 4
    assert done["by_result"]["pass"] - was["by_result"]["pass"] == 2
    assert done["by_result"]["rectify"] - was["by_result"]["rectify"] == 2
    assert done["by_result"]["fail"] == was["by_result"]["fail"]
    assert done["outstanding_rectifications"] - was["outstanding_rectifications"] == 1
    assert done["overdue_rectifications"] - was["overdue_rectifications"] == 1

    assert after["staff"]["total"] - before["staff"]["total"] == 3
    assert after["staff"]["record_check_overdue"] - before["staff"]["record_check_overdue"] == 2
    assert after["ban_alerts_open"] - before["ban_alerts_open"] == 1


async def test_the_default_period_is_the_last_30_days(api: httpx.AsyncClient, res: Resources) -> None:
    headers = await regulator_headers(res)
    body = await stats(api, headers)
    today = today_local()
    assert body["period"] == {"from": (today - timedelta(days=29)).isoformat(), "to": today.isoformat()}


async def test_bad_periods_are_refused(api: httpx.AsyncClient, res: Resources) -> None:
    headers = await regulator_headers(res)
    cases: list[tuple[dict[str, str], str]] = [
        ({"from": "2026-02-01", "to": "2026-01-01"}, "from"),
        ({"from": "yesterday"}, "from"),
        ({"to": "2026-13-01"}, "to"),
        ({"from": "2010-01-01", "to": "2026-01-01"}, "to"),
        ({"town": "x"}, "town"),
    ]
    for params, field in cases:
        answer = await api.get(STATS, params=params, headers=headers)
        assert answer.status_code == 422, (params, answer.text)
        fields = answer.json()["error"]["details"]["fields"]
        assert any(field in name for name in fields) or field in fields, (params, fields)


async def test_the_openapi_document_says_stats_answer_200(api: httpx.AsyncClient) -> None:
    document = (await api.get("/docs/openapi.json")).json()
    responses = document["paths"][STATS]["get"]["responses"]
    assert "200" in responses and "204" not in responses


async def test_facilities_by_nature_add_up_to_the_registry(api: httpx.AsyncClient, res: Resources) -> None:
    headers = await regulator_headers(res)
    before = (await stats(api, headers))["by_nature"]
    await make_facility(res, **AWAY, nature="private_nonprofit")
    await make_facility(res, **AWAY, nature="family", filing_status="unfiled", filing_number=None)

    body = await stats(api, headers)
    after = body["by_nature"]
    assert after.get("private_nonprofit", 0) == before.get("private_nonprofit", 0) + 1
    assert after.get("family", 0) == before.get("family", 0) + 1
    assert sum(after.values()) == body["facilities"]
