"""Hundreds of parents racing for ten places over real HTTP: exactly ten win, on one worker or two."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from datetime import timedelta

import httpx

from backend.bookings import ledger as occupancy_ledger
from backend.calendar import today_local
from backend.models import Booking
from tests.backend.bookings.helpers import (
    assert_ledger_true,
    class_ids_of,
    open_day_on_or_after,
    parent_with_child,
)
from tests.conftest import bearer
from tests.factories import make_facility

RACERS = 200
PLACES = 10


async def _race(res, base_url: str) -> None:
    facility = await make_facility(
        res, classes=[{"kind": "toddler", "name": "托小一班", "places": PLACES, "caregivers": 2}]
    )
    day = open_day_on_or_after(today_local() + timedelta(days=2))
    racers = [await parent_with_child(res, 18, day) for _ in range(RACERS)]
    limits = httpx.Limits(max_connections=RACERS, max_keepalive_connections=RACERS)
    async with httpx.AsyncClient(base_url=base_url, timeout=120, limits=limits) as client:
        responses = await asyncio.gather(
            *(
                client.post(
                    "/api/v1/bookings",
                    json={
                        "facility_id": str(facility.id),
                        "child_id": str(child.id),
                        "care_type": "full_day",
                        "start_date": day.isoformat(),
                    },
                    headers={**bearer(token), "Idempotency-Key": uuid.uuid4().hex},
                )
                for _, token, child, _ in racers
            )
        )
    codes = Counter(r.status_code for r in responses)
    assert codes == {201: PLACES, 409: RACERS - PLACES}, [
        r.text for r in responses if r.status_code not in (201, 409)
    ][:3]
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} == {"no_capacity"}
    assert await Booking.filter(facility_id=facility.id).count() == PLACES
    ledger = await occupancy_ledger.taken_counts(await class_ids_of(facility))
    assert set(ledger.values()) == {PLACES} and len(ledger) == 9  # 08:00-17:00, every hour full
    await assert_ledger_true(facility)


async def test_two_hundred_racers_one_worker(res, stack):
    await _race(res, stack.base_url)


async def test_two_hundred_racers_two_workers(res, stack):
    url, process = stack.start_server(workers=2)
    try:
        await _race(res, url)
    finally:
        stack.stop(process)


async def test_concurrent_retries_with_one_key_make_one_booking(res, api):
    facility = await make_facility(res)
    day = open_day_on_or_after(today_local() + timedelta(days=2))
    parent, token, child, _ = await parent_with_child(res, 18, day)
    body = {
        "facility_id": str(facility.id),
        "child_id": str(child.id),
        "care_type": "full_day",
        "start_date": day.isoformat(),
    }
    headers = {**bearer(token), "Idempotency-Key": "retry-" + uuid.uuid4().hex}
    responses = await asyncio.gather(
        *(api.post("/api/v1/bookings", json=body, headers=headers) for _ in range(20))
    )
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    assert await Booking.filter(parent_id=parent.id).count() == 1
    other = await api.post("/api/v1/bookings", json={**body, "note": "另一个请求"}, headers=headers)
    assert other.status_code == 409 and other.json()["error"]["code"] == "conflict"
    await assert_ledger_true(facility)


async def test_overlapping_shapes_racing_over_two_classes_never_overfill(res, api):
    """Full days over several days, half days and hourly stretches overlap in every order, over two
    classes a child fits: every answer is a booking or no_capacity, and no hour is over capacity."""
    facility = await make_facility(
        res,
        classes=[
            {"kind": "toddler", "name": "托小", "places": 4, "caregivers": 1},
            {"kind": "mixed", "name": "混合", "places": 3, "caregivers": 1},
        ],
    )
    first = open_day_on_or_after(today_local() + timedelta(days=2))
    second = open_day_on_or_after(first + timedelta(days=1))
    shapes = [
        {"care_type": "full_day", "start_date": first.isoformat(), "end_date": second.isoformat()},
        {"care_type": "full_day", "start_date": second.isoformat()},
        {
            "care_type": "half_day",
            "session": "am",
            "start_date": first.isoformat(),
            "end_date": second.isoformat(),
        },
        {"care_type": "half_day", "session": "pm", "start_date": second.isoformat()},
        {"care_type": "hourly", "start_date": first.isoformat(), "start_time": "10:00", "end_time": "14:00"},
        {"care_type": "hourly", "start_date": second.isoformat(), "start_time": "08:00", "end_time": "09:00"},
    ]
    racers = [await parent_with_child(res, 20, first) for _ in range(120)]
    responses = await asyncio.gather(
        *(
            api.post(
                "/api/v1/bookings",
                json={"facility_id": str(facility.id), "child_id": str(child.id), **shapes[i % len(shapes)]},
                headers={**bearer(token), "Idempotency-Key": uuid.uuid4().hex},
            )
            for i, (_, token, child, _) in enumerate(racers)
        )
    )
    failures = [r.text for r in responses if r.status_code not in (201, 409)]
    assert not failures, failures[:3]
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} <= {"no_capacity"}
    assert sum(r.status_code == 201 for r in responses) >= 7
    await assert_ledger_true(facility)
