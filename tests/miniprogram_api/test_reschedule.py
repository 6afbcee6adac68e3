"""Rescheduling over HTTP (API.md v1.1): a booking moves in one step, new places before old are
freed; no room leaves it as it was; keys, windows and the limit of three apply."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from backend.bookings import ledger as occupancy_ledger
from backend.models import Booking, BookingReschedule, OutgoingMessage, WaitlistEntry
from tests.backend.bookings.helpers import (
    assert_ledger_true,
    class_ids_of,
    facility_staff,
    open_day_on_or_after,
    parent_with_child,
)
from tests.conftest import bearer
from tests.factories import make_facility
from tests.miniprogram_api.test_waitlist import body_for, day_ahead, full_facility, join


def keyed(token: str, key: str | None = None) -> dict:
    return {**bearer(token), "Idempotency-Key": key or uuid.uuid4().hex}


async def book(api, facility, child, token, day, **fields) -> dict:
    response = await api.post(
        "/api/v1/bookings", json=body_for(facility, child, day, **fields), headers=keyed(token)
    )
    assert response.status_code == 201, response.text
    return response.json()


async def one_place_facility(res):
    return await make_facility(
        res, classes=[{"kind": "toddler", "name": "托小一班", "places": 1, "caregivers": 1}]
    )


async def test_a_booking_moves_to_another_day(res, api):
    day = day_ahead()
    later = open_day_on_or_after(day + timedelta(days=1))
    facility = await one_place_facility(res)
    _, token, child, _ = await parent_with_child(res, 18, day)
    booking = await book(api, facility, child, token, day)
    response = await api.post(
        f"/api/v1/bookings/{booking['id']}/reschedule",
        json={"start_date": later.isoformat()},
        headers=keyed(token),
    )
    assert response.status_code == 200, response.text
    moved = response.json()
    assert (moved["id"], moved["start_date"], moved["end_date"]) == (
        booking["id"],
        later.isoformat(),
        later.isoformat(),
    )
    assert moved["status"] == booking["status"] and moved["reschedules_left"] == 2
    stored = await Booking.get(id=booking["id"])
    assert list(stored.slots) == [later.isoformat()]
    ledger = await occupancy_ledger.taken_counts(await class_ids_of(facility))
    assert {d for _, d, _ in ledger} == {later}
    await assert_ledger_true(facility)


async def test_a_reschedule_to_a_full_hour_leaves_the_booking_as_it_was(res, api):
    day = day_ahead()
    later = open_day_on_or_after(day + timedelta(days=1))
    facility = await one_place_facility(res)
    _, token, child, _ = await parent_with_child(res, 18, day)
    booking = await book(api, facility, child, token, day)
    _, other_token, other_child, _ = await parent_with_child(res, 18, day)
    await book(api, facility, other_child, other_token, later)
    before = await Booking.get(id=booking["id"])
    ledger = await occupancy_ledger.taken_counts(await class_ids_of(facility))
    response = await api.post(
        f"/api/v1/bookings/{booking['id']}/reschedule",
        json={"start_date": later.isoformat()},
        headers=keyed(token),
    )
    assert response.status_code == 409 and response.json()["error"]["code"] == "no_capacity"
    after = await Booking.get(id=booking["id"])
    assert (after.slots, after.start_date, after.price_fen, after.status) == (
        before.slots,
        before.start_date,
        before.price_fen,
        before.status,
    )
    assert await occupancy_ledger.taken_counts(await class_ids_of(facility)) == ledger
    assert not await BookingReschedule.filter(booking_id=booking["id"]).exists()


async def test_overlapping_hours_move_within_a_full_class(res, api):
    """New places before old: hours the booking keeps are not taken twice."""
    day = day_ahead()
    facility = await one_place_facility(res)
    _, token, child, _ = await parent_with_child(res, 18, day)
    booking = await book(
        api, facility, child, token, day, care_type="hourly", start_time="09:00", end_time="11:00"
    )
    response = await api.post(
        f"/api/v1/bookings/{booking['id']}/reschedule",
        json={"start_date": day.isoformat(), "start_time": "10:00", "end_time": "12:00"},
        headers=keyed(token),
    )
    assert response.status_code == 200, response.text
    assert (response.json()["start_time"], response.json()["end_time"]) == ("10:00", "12:00")
    assert response.json()["price_fen"] == 6000
    ledger = await occupancy_ledger.taken_counts(await class_ids_of(facility))
    assert sorted(h for _, _, h in ledger) == [10, 11]
    await assert_ledger_true(facility)


async def test_the_same_key_answers_once_and_another_body_is_a_conflict(res, api):
    day = day_ahead()
    later = open_day_on_or_after(day + timedelta(days=1))
    facility = await make_facility(res)
    _, token, child, _ = await parent_with_child(res, 18, day)
    booking = await book(api, facility, child, token, day)
    key = uuid.uuid4().hex
    url = f"/api/v1/bookings/{booking['id']}/reschedule"
    first = await api.post(url, json={"start_date": later.isoformat()}, headers=keyed(token, key))
    again = await api.post(url, json={"start_date": later.isoformat()}, headers=keyed(token, key))
    assert first.status_code == again.status_code == 200
    assert again.json()["start_date"] == later.isoformat()
    assert await BookingReschedule.filter(booking_id=booking["id"]).count() == 1
    other = await api.post(url, json={"start_date": day.isoformat()}, headers=keyed(token, key))
    assert other.status_code == 409 and other.json()["error"]["code"] == "conflict"
    missing = await api.post(url, json={"start_date": day.isoformat()}, headers=bearer(token))
    assert missing.status_code == 422


async def test_at_most_three_reschedules(res, api):
    day = day_ahead()
    facility = await make_facility(res)
    _, token, child, _ = await parent_with_child(res, 18, day)
    booking = await book(api, facility, child, token, day)
    url = f"/api/v1/bookings/{booking['id']}/reschedule"
    target = day
    for _ in range(3):
        target = open_day_on_or_after(target + timedelta(days=1))
        response = await api.post(url, json={"start_date": target.isoformat()}, headers=keyed(token))
        assert response.status_code == 200, response.text
    target = open_day_on_or_after(target + timedelta(days=1))
    response = await api.post(url, json={"start_date": target.isoformat()}, headers=keyed(token))
    assert response.status_code == 409 and response.json()["error"]["code"] == "conflict"
    assert response.json()["error"]["details"]["reschedules"] == 3


async def test_no_reschedule_after_it_began_past_the_cancel_window_or_once_cancelled(res, api):
    day = day_ahead()
    later = open_day_on_or_after(day + timedelta(days=1))
    facility = await make_facility(res)
    _, token, child, _ = await parent_with_child(res, 18, day)
    booking = await book(api, facility, child, token, day)
    url = f"/api/v1/bookings/{booking['id']}/reschedule"
    await Booking.filter(id=booking["id"]).update(cancellable_until=datetime.now(UTC) - timedelta(minutes=1))
    response = await api.post(url, json={"start_date": later.isoformat()}, headers=keyed(token))
    assert response.status_code == 409 and "cancel_before" in response.json()["error"]["details"]
    await Booking.filter(id=booking["id"]).update(first_hour_at=datetime.now(UTC) - timedelta(minutes=1))
    response = await api.post(url, json={"start_date": later.isoformat()}, headers=keyed(token))
    assert response.status_code == 409 and "first_hour_at" in response.json()["error"]["details"]
    await Booking.filter(id=booking["id"]).update(status="cancelled")
    response = await api.post(url, json={"start_date": later.isoformat()}, headers=keyed(token))
    assert response.status_code == 409 and response.json()["error"]["code"] == "conflict"


async def test_someone_elses_booking_is_not_found_and_windows_apply(res, api):
    day = day_ahead()
    facility = await make_facility(res)
    _, token, child, _ = await parent_with_child(res, 18, day)
    booking = await book(api, facility, child, token, day)
    _, stranger, _, _ = await parent_with_child(res, 18, day)
    url = f"/api/v1/bookings/{booking['id']}/reschedule"
    response = await api.post(url, json={"start_date": day.isoformat()}, headers=keyed(stranger))
    assert response.status_code == 404
    # Full-day care starts the next day at the earliest: today is outside its window.
    today = day - timedelta(days=3)
    response = await api.post(url, json={"start_date": today.isoformat()}, headers=keyed(token))
    assert response.status_code == 422 and "start_date" in response.json()["error"]["details"]["fields"]


async def test_freeing_the_old_hours_makes_an_offer(res, api):
    day = day_ahead()
    later = open_day_on_or_after(day + timedelta(days=1))
    facility, booked = await full_facility(res, api, day)
    entry, _, _, _ = await join(res, api, facility, day)
    booking_id, token = booked[0]
    response = await api.post(
        f"/api/v1/bookings/{booking_id}/reschedule",
        json={"start_date": later.isoformat()},
        headers=keyed(token),
    )
    assert response.status_code == 200, response.text
    assert (await WaitlistEntry.get(id=entry["id"])).status == "offered"
    await assert_ledger_true(facility)


async def test_the_facility_reschedules_and_the_parent_is_told(res, api):
    day = day_ahead()
    later = open_day_on_or_after(day + timedelta(days=1))
    facility = await make_facility(res)
    parent, token, child, _ = await parent_with_child(res, 18, day)
    booking = await book(api, facility, child, token, day)
    _, admin_token, _ = await facility_staff(res, facility)
    response = await api.post(
        f"/api/v1/manage/bookings/{booking['id']}/reschedule",
        json={"start_date": later.isoformat()},
        headers=keyed(admin_token),
    )
    assert response.status_code == 200, response.text
    notice = await OutgoingMessage.get(account_id=parent.id, event="rescheduled")
    assert notice.booking_id == booking["id"] or str(notice.booking_id) == booking["id"]
