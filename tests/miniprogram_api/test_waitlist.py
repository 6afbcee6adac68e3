"""The waitlist over HTTP (API.md v1.1 "Waitlist and rescheduling"): joining, offers made in the
transaction that frees places, holds nobody else can book, accept, decline and expiry in order."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

import httpx

from backend.bookings import ledger as occupancy_ledger
from backend.calendar import today_local
from backend.models import Booking, OutgoingMessage, WaitlistEntry, WaitlistOffer
from tests.backend.bookings.helpers import (
    assert_ledger_true,
    class_ids_of,
    facility_staff,
    open_day_on_or_after,
    parent_with_child,
)
from tests.conftest import bearer
from tests.factories import make_account, make_facility
from tests.miniprogram_api.calendar_helpers import national_body

PLACES = 4


def day_ahead(days: int = 3):
    return open_day_on_or_after(today_local() + timedelta(days=days))


def body_for(facility, child, day, **fields) -> dict:
    return {
        "facility_id": str(facility.id),
        "child_id": str(child.id),
        "care_type": "full_day",
        "start_date": day.isoformat(),
        **fields,
    }


async def full_facility(res, api, day, places: int = PLACES, **fields):
    """A facility whose one class is full on `day`: answers it and the bookings' (id, token)."""
    facility = await make_facility(
        res, classes=[{"kind": "toddler", "name": "托小一班", "places": places, "caregivers": 1}], **fields
    )
    booked = []
    for _ in range(places):
        _, token, child, _ = await parent_with_child(res, 18, day)
        response = await api.post(
            "/api/v1/bookings",
            json=body_for(facility, child, day),
            headers={**bearer(token), "Idempotency-Key": uuid.uuid4().hex},
        )
        assert response.status_code == 201, response.text
        booked.append((response.json()["id"], token))
    return facility, booked


async def join(res, api, facility, day, **fields):
    parent, token, child, _ = await parent_with_child(res, 18, day)
    response = await api.post(
        "/api/v1/waitlist", json=body_for(facility, child, day, **fields), headers=bearer(token)
    )
    assert response.status_code == 201, response.text
    return response.json(), token, parent, child


async def cancel(api, booking) -> None:
    booking_id, token = booking
    response = await api.post(f"/api/v1/bookings/{booking_id}/cancel", json={}, headers=bearer(token))
    assert response.status_code == 200, response.text


async def mine(api, token) -> dict:
    response = await api.get("/api/v1/waitlist", headers=bearer(token))
    assert response.status_code == 200, response.text
    return {item["id"]: item for item in response.json()["items"]}


async def test_a_full_class_takes_entries_in_line_with_true_positions(res, api):
    day = day_ahead()
    facility, _ = await full_facility(res, api, day)
    first, _, _, _ = await join(res, api, facility, day)
    second, token2, _, _ = await join(res, api, facility, day)
    third, token3, _, _ = await join(res, api, facility, day)
    assert (first["status"], first["position"]) == ("waiting", 1)
    assert (second["position"], third["position"]) == (2, 3)
    response = await api.delete(f"/api/v1/waitlist/{second['id']}", headers=bearer(token2))
    assert response.status_code == 204
    # The third moves up as the second leaves.
    assert (await mine(api, token3))[third["id"]]["position"] == 2
    assert (await mine(api, token2))[second["id"]]["status"] == "withdrawn"


async def test_a_cancellation_makes_exactly_one_offer_to_the_first_in_line(res, api):
    day = day_ahead()
    facility, booked = await full_facility(res, api, day)
    entries = [await join(res, api, facility, day) for _ in range(3)]
    await cancel(api, booked[0])
    first, token1, parent1, _ = entries[0]
    now_first = (await mine(api, token1))[first["id"]]
    assert now_first["status"] == "offered"
    expires = datetime.fromisoformat(now_first["offer_expires_at"])
    assert timedelta(minutes=29) < expires - datetime.now(UTC) <= timedelta(minutes=30)
    for entry, token, _, _ in entries[1:]:
        assert (await mine(api, token))[entry["id"]]["status"] == "waiting"
    assert await WaitlistOffer.filter(facility_id=facility.id).count() == 1
    # The parent is told, as an essential booking-like notice through the outbox.
    notice = await OutgoingMessage.get(account_id=parent1.id, event="waitlist_offered")
    assert notice.payload["entry_id"] == first["id"]
    # The hold is occupancy: the class is full again and the ledger equals a recount with the hold.
    ledger = await occupancy_ledger.taken_counts(await class_ids_of(facility))
    assert set(ledger.values()) == {PLACES}
    await assert_ledger_true(facility)


async def test_a_fifth_parent_cannot_take_the_held_place(res, api):
    day = day_ahead()
    facility, booked = await full_facility(res, api, day)
    await join(res, api, facility, day)
    await cancel(api, booked[0])
    _, token, child, _ = await parent_with_child(res, 18, day)
    response = await api.post(
        "/api/v1/bookings",
        json=body_for(facility, child, day),
        headers={**bearer(token), "Idempotency-Key": uuid.uuid4().hex},
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "no_capacity"
    # ...and the place being held, that parent may queue behind.
    response = await api.post("/api/v1/waitlist", json=body_for(facility, child, day), headers=bearer(token))
    assert response.status_code == 201, response.text


async def test_accept_turns_the_hold_into_a_booking(res, api):
    day = day_ahead()
    facility, booked = await full_facility(res, api, day)
    entry, token, _, child = await join(res, api, facility, day)
    await cancel(api, booked[0])
    before = await occupancy_ledger.taken_counts(await class_ids_of(facility))
    response = await api.post(f"/api/v1/waitlist/{entry['id']}/accept", headers=bearer(token))
    assert response.status_code == 201, response.text
    booking = response.json()
    assert booking["status"] == "pending"
    assert booking["child_id"] == str(child.id)
    assert booking["price_fen"] == 10000
    assert (
        await occupancy_ledger.taken_counts(await class_ids_of(facility)) == before
    )  # the places passed, none moved
    stored = await WaitlistEntry.get(id=entry["id"])
    assert stored.status == "accepted" and str(stored.booking_id) == booking["id"]
    offer = await WaitlistOffer.get(entry_id=entry["id"])
    assert offer.state == "accepted" and offer.slots == {}
    await assert_ledger_true(facility)
    again = await api.post(f"/api/v1/waitlist/{entry['id']}/accept", headers=bearer(token))
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"


async def test_accept_on_an_auto_confirming_facility_confirms(res, api):
    day = day_ahead()
    facility, booked = await full_facility(res, api, day, auto_confirm=True)
    entry, token, _, _ = await join(res, api, facility, day)
    await cancel(api, booked[0])
    response = await api.post(f"/api/v1/waitlist/{entry['id']}/accept", headers=bearer(token))
    assert response.status_code == 201 and response.json()["status"] == "confirmed"


async def test_someone_elses_offer_is_not_found(res, api):
    day = day_ahead()
    facility, booked = await full_facility(res, api, day)
    entry, _, _, _ = await join(res, api, facility, day)
    await cancel(api, booked[0])
    _, stranger, _, _ = await parent_with_child(res, 18, day)
    for action in ("accept", "decline"):
        response = await api.post(f"/api/v1/waitlist/{entry['id']}/{action}", headers=bearer(stranger))
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert (await WaitlistEntry.get(id=entry["id"])).status == "offered"


async def test_declines_pass_the_offer_on_in_order(res, api):
    day = day_ahead()
    facility, booked = await full_facility(res, api, day)
    entries = [await join(res, api, facility, day) for _ in range(3)]
    await cancel(api, booked[0])
    for index in range(2):
        entry, token, _, _ = entries[index]
        response = await api.post(f"/api/v1/waitlist/{entry['id']}/decline", headers=bearer(token))
        assert response.status_code == 200, response.text
        assert response.json()["status"] == "withdrawn"
        assert (await WaitlistEntry.get(id=entries[index + 1][0]["id"])).status == "offered"
    statuses = [(await WaitlistEntry.get(id=e[0]["id"])).status for e in entries]
    assert statuses == ["withdrawn", "withdrawn", "offered"]
    await assert_ledger_true(facility)


async def test_an_expired_offer_passes_on_when_read_and_cannot_be_accepted(res, api):
    day = day_ahead()
    facility, booked = await full_facility(res, api, day)
    (first, token1, _, _), (second, token2, _, _) = [await join(res, api, facility, day) for _ in range(2)]
    await cancel(api, booked[0])
    # The worker is down: the offer's time passes with no cron to end it.
    await WaitlistOffer.filter(entry_id=first["id"]).update(
        expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )
    response = await api.post(f"/api/v1/waitlist/{first['id']}/accept", headers=bearer(token1))
    assert response.status_code == 409 and response.json()["error"]["code"] == "offer_expired"
    assert (await mine(api, token1))[first["id"]]["status"] == "expired"
    assert (await mine(api, token2))[second["id"]]["status"] == "offered"
    assert await Booking.filter(facility_id=facility.id, status="pending").count() == PLACES - 1
    await assert_ledger_true(facility)
    again = await api.post(f"/api/v1/waitlist/{first['id']}/accept", headers=bearer(token1))
    assert again.status_code == 409 and again.json()["error"]["code"] == "offer_expired"


async def test_an_expired_offer_passes_on_when_the_facility_reads_its_line(res, api):
    day = day_ahead()
    facility, booked = await full_facility(res, api, day)
    (first, _, _, _), (second, _, _, _) = [await join(res, api, facility, day) for _ in range(2)]
    await cancel(api, booked[0])
    await WaitlistOffer.filter(entry_id=first["id"]).update(
        expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )
    _, admin_token, _ = await facility_staff(res, facility)
    response = await api.get("/api/v1/manage/waitlist", headers=bearer(admin_token))
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [(i["id"], i["status"], i["position"]) for i in items] == [(second["id"], "offered", 1)]
    assert items[0]["child"]["age_months"] == 18


async def test_the_facility_sees_its_line_in_order(res, api):
    day = day_ahead()
    facility, _ = await full_facility(res, api, day)
    entries = [await join(res, api, facility, day) for _ in range(3)]
    _, admin_token, _ = await facility_staff(res, facility, "facility_staff")
    response = await api.get("/api/v1/manage/waitlist", headers=bearer(admin_token))
    assert [i["id"] for i in response.json()["items"]] == [e[0]["id"] for e in entries]
    assert [i["position"] for i in response.json()["items"]] == [1, 2, 3]


async def test_joining_what_could_be_booked_now_is_a_conflict(res, api):
    day = day_ahead()
    facility = await make_facility(res)
    _, token, child, _ = await parent_with_child(res, 18, day)
    response = await api.post("/api/v1/waitlist", json=body_for(facility, child, day), headers=bearer(token))
    assert response.status_code == 409 and response.json()["error"]["code"] == "conflict"
    assert not await WaitlistEntry.filter(child_id=child.id).exists()


async def test_one_entry_per_child_and_request(res, api):
    day = day_ahead()
    facility, _ = await full_facility(res, api, day)
    entry, token, _, child = await join(res, api, facility, day)
    response = await api.post("/api/v1/waitlist", json=body_for(facility, child, day), headers=bearer(token))
    assert response.status_code == 409 and response.json()["error"]["code"] == "conflict"
    assert response.json()["error"]["details"]["entry_id"] == entry["id"]
    # Another request of the same child is another entry.
    other = body_for(facility, child, day, care_type="half_day", session="am")
    response = await api.post("/api/v1/waitlist", json=other, headers=bearer(token))
    assert response.status_code == 201, response.text


async def test_a_facility_not_bookable_takes_no_entries(res, api):
    day = day_ahead()
    facility = await make_facility(res, filing_status="unfiled")
    _, token, child, _ = await parent_with_child(res, 18, day)
    response = await api.post("/api/v1/waitlist", json=body_for(facility, child, day), headers=bearer(token))
    assert response.status_code == 409 and response.json()["error"]["code"] == "not_bookable"


async def test_an_entry_waits_for_what_it_fits(res, api):
    """A freed place goes to the first entry it fits: an entry for more days than were freed waits."""
    day = day_ahead()
    next_day = open_day_on_or_after(day + timedelta(days=1))
    facility, booked = await full_facility(res, api, day)
    # Also full the next day, so a two-day entry needs both.
    for _ in range(PLACES):
        _, token, child, _ = await parent_with_child(res, 18, day)
        response = await api.post(
            "/api/v1/bookings",
            json=body_for(facility, child, next_day),
            headers={**bearer(token), "Idempotency-Key": uuid.uuid4().hex},
        )
        assert response.status_code == 201
    long_entry, _, _, _ = await join(res, api, facility, day, end_date=next_day.isoformat())
    short_entry, _, _, _ = await join(res, api, facility, day)
    await cancel(api, booked[0])
    assert (await WaitlistEntry.get(id=long_entry["id"])).status == "waiting"
    assert (await WaitlistEntry.get(id=short_entry["id"])).status == "offered"


async def test_a_rejection_and_a_growing_class_make_offers(res, api):
    day = day_ahead()
    facility, booked = await full_facility(res, api, day)
    first, _, _, _ = await join(res, api, facility, day)
    second, _, _, _ = await join(res, api, facility, day)
    _, admin_token, _ = await facility_staff(res, facility)
    response = await api.post(
        f"/api/v1/manage/bookings/{booked[0][0]}/reject", json={"reason": "满员"}, headers=bearer(admin_token)
    )
    assert response.status_code == 200, response.text
    assert (await WaitlistEntry.get(id=first["id"])).status == "offered"
    klass = (await class_ids_of(facility))[0]
    response = await api.patch(
        f"/api/v1/manage/classes/{klass}", json={"places": PLACES + 1}, headers=bearer(admin_token)
    )
    assert response.status_code == 200, response.text
    assert (await WaitlistEntry.get(id=second["id"])).status == "offered"
    await assert_ledger_true(facility)


async def test_a_reopened_day_makes_offers(res, api):
    day = day_ahead()
    facility, _ = await full_facility(res, api, day)
    entry, _, _, _ = await join(res, api, facility, day)
    _, admin_token, _ = await facility_staff(res, facility)
    # Closed by force, its bookings cancelled: the day cannot be had, so nothing is offered.
    response = await api.post(
        "/api/v1/manage/closures",
        json={"date": day.isoformat(), "reason": "停电", "force": True},
        headers=bearer(admin_token),
    )
    assert response.status_code == 201, response.text
    assert (await WaitlistEntry.get(id=entry["id"])).status == "waiting"
    response = await api.delete(
        f"/api/v1/manage/closures/{response.json()['id']}", headers=bearer(admin_token)
    )
    assert response.status_code == 204, response.text
    assert (await WaitlistEntry.get(id=entry["id"])).status == "offered"
    await assert_ledger_true(facility)


async def test_a_forced_closure_takes_the_day_out_of_a_hold(res, api):
    day = day_ahead()
    next_day = open_day_on_or_after(day + timedelta(days=1))
    facility, booked = await full_facility(res, api, day, places=1)
    entry, _, _, _ = await join(res, api, facility, day, end_date=next_day.isoformat())
    await cancel(api, booked[0])
    assert (await WaitlistEntry.get(id=entry["id"])).status == "offered"
    _, admin_token, _ = await facility_staff(res, facility)
    response = await api.post(
        "/api/v1/manage/closures",
        json={"date": next_day.isoformat(), "reason": "停电"},
        headers=bearer(admin_token),
    )
    assert response.status_code == 201, response.text
    offer = await WaitlistOffer.get(entry_id=entry["id"])
    assert list(offer.slots) == [day.isoformat()]
    assert offer.price_fen == 10000
    await assert_ledger_true(facility)


async def _accept_race(res, base_url: str) -> None:
    day = day_ahead()
    async with httpx.AsyncClient(base_url=base_url, timeout=120) as setup:
        facility, booked = await full_facility(res, setup, day)
        entry, token, parent, _ = await join(res, setup, facility, day)
        await cancel(setup, booked[0])
    limits = httpx.Limits(max_connections=30, max_keepalive_connections=30)
    async with httpx.AsyncClient(base_url=base_url, timeout=120, limits=limits) as client:
        responses = await asyncio.gather(
            *(client.post(f"/api/v1/waitlist/{entry['id']}/accept", headers=bearer(token)) for _ in range(30))
        )
    codes = Counter(r.status_code for r in responses)
    assert codes == {201: 1, 409: 29}, [r.text for r in responses if r.status_code not in (201, 409)][:3]
    assert await Booking.filter(parent_id=parent.id).count() == 1
    ledger = await occupancy_ledger.taken_counts(await class_ids_of(facility))
    assert set(ledger.values()) == {PLACES}
    await assert_ledger_true(facility)


async def test_thirty_concurrent_accepts_make_one_booking(res, stack):
    await _accept_race(res, stack.base_url)


async def test_thirty_concurrent_accepts_make_one_booking_on_two_workers(res, stack):
    url, process = stack.start_server(workers=2)
    try:
        await _accept_race(res, url)
    finally:
        stack.stop(process)


async def test_the_facility_sets_its_hold_time(res, api):
    facility = await make_facility(res)
    _, admin_token, _ = await facility_staff(res, facility)
    response = await api.patch(
        "/api/v1/manage/facility", json={"waitlist_hold_minutes": 60}, headers=bearer(admin_token)
    )
    assert response.status_code == 200, response.text
    assert response.json()["waitlist_hold_minutes"] == 60
    response = await api.patch(
        "/api/v1/manage/facility", json={"waitlist_hold_minutes": 0}, headers=bearer(admin_token)
    )
    assert response.status_code == 422


async def test_a_storm_of_cancellations_offers_every_freed_place_once(res, api):
    """Concurrent cancellations in two classes, a longer line: the first in line get one offer each."""
    day = day_ahead()
    facility = await make_facility(
        res,
        classes=[
            {"kind": "toddler", "name": "托小一班", "places": 5, "caregivers": 1},
            {"kind": "mixed", "name": "混合班", "places": 5, "caregivers": 1},
        ],
    )
    booked = []
    for _ in range(10):
        _, token, child, _ = await parent_with_child(res, 20, day)
        response = await api.post(
            "/api/v1/bookings",
            json=body_for(facility, child, day),
            headers={**bearer(token), "Idempotency-Key": uuid.uuid4().hex},
        )
        assert response.status_code == 201, response.text
        booked.append((response.json()["id"], token))
    line = [(await join(res, api, facility, day))[0]["id"] for _ in range(15)]
    answers = await asyncio.gather(
        *(
            api.post(f"/api/v1/bookings/{booking_id}/cancel", json={}, headers=bearer(token))
            for booking_id, token in booked
        )
    )
    assert {a.status_code for a in answers} == {200}, [a.text for a in answers if a.status_code != 200][:2]
    offered = [str(o.entry_id) for o in await WaitlistOffer.filter(facility_id=facility.id)]
    assert sorted(offered) == sorted(line[:10])
    assert await WaitlistEntry.filter(facility_id=facility.id, status="waiting").count() == 5
    await assert_ledger_true(facility)


async def test_a_district_closure_takes_its_days_out_of_holds(res, api):
    day = day_ahead()
    next_day = open_day_on_or_after(day + timedelta(days=1))
    town = f"候补镇{uuid.uuid4().hex[:6]}"
    facility, booked = await full_facility(res, api, day, places=1, town=town)
    held, _, _, _ = await join(res, api, facility, day, end_date=next_day.isoformat())
    await cancel(api, booked[0])
    _, bureau = await make_account(res, "regulator")
    response = await api.post(
        "/api/v1/admin/closures",
        json={"from": next_day.isoformat(), "to": next_day.isoformat(), "towns": [town], "reason": "台风"},
        headers=bearer(bureau),
    )
    assert response.status_code == 201, response.text
    assert list((await WaitlistOffer.get(entry_id=held["id"])).slots) == [day.isoformat()]
    await assert_ledger_true(facility)


async def test_a_day_the_bureau_reopens_is_offered(res, api):
    day = day_ahead()
    town = f"候补镇{uuid.uuid4().hex[:6]}"
    facility, _ = await full_facility(res, api, day, places=1, town=town)
    entry, _, _, _ = await join(res, api, facility, day)
    _, bureau = await make_account(res, "regulator")
    response = await api.post(
        "/api/v1/admin/closures",
        json={"from": day.isoformat(), "to": day.isoformat(), "towns": [town], "reason": "台风"},
        headers=bearer(bureau),
    )
    assert response.status_code == 201, response.text
    assert (await WaitlistEntry.get(id=entry["id"])).status == "waiting"  # the day is closed
    response = await api.delete(f"/api/v1/admin/closures/{response.json()['id']}", headers=bearer(bureau))
    assert response.status_code == 204, response.text
    assert (await WaitlistEntry.get(id=entry["id"])).status == "offered"
    await assert_ledger_true(facility)


async def test_a_new_holiday_takes_its_day_out_of_holds(res, api, bureau):
    day = day_ahead()
    next_day = open_day_on_or_after(day + timedelta(days=1))
    facility, booked = await full_facility(res, api, day, places=1)
    held, _, _, _ = await join(res, api, facility, day, end_date=next_day.isoformat())
    await cancel(api, booked[0])
    assert set((await WaitlistOffer.get(entry_id=held["id"])).slots) == {
        day.isoformat(),
        next_day.isoformat(),
    }
    response = await api.put(
        f"/api/v1/admin/calendar/{next_day.year}",
        json=national_body(next_day.year, extra_holiday=next_day),
        headers=bureau,
    )
    assert response.status_code == 200, response.text
    assert list((await WaitlistOffer.get(entry_id=held["id"])).slots) == [day.isoformat()]
    await assert_ledger_true(facility)


async def test_a_suspension_ends_the_line_gives_back_held_places_and_tells_the_parents(res, api, bureau):
    day = day_ahead()
    facility, booked = await full_facility(res, api, day, places=1)
    held, _, held_parent, _ = await join(res, api, facility, day)
    waiting, _, waiting_parent, _ = await join(res, api, facility, day)
    await cancel(api, booked[0])
    assert (await WaitlistEntry.get(id=held["id"])).status == "offered"
    response = await api.patch(
        f"/api/v1/admin/facilities/{facility.id}",
        json={"suspended": True, "suspension_reason": "安全检查不合格"},
        headers=bureau,
    )
    assert response.status_code == 200, response.text
    for entry in (held, waiting):
        assert (await WaitlistEntry.get(id=entry["id"])).status == "expired"
    assert (await WaitlistOffer.get(entry_id=held["id"])).state == "expired"
    for parent in (held_parent, waiting_parent):
        notice = await OutgoingMessage.get(account_id=parent.id, event="waitlist_offer_expired")
        assert "暂停服务" in notice.payload["reason"]
    assert sum((await occupancy_ledger.taken_counts(await class_ids_of(facility))).values()) == 0
    await assert_ledger_true(facility)
