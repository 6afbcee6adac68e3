"""The waitlist repository's writes that may lose: an offer whose take finds no room, or whose
entry was offered meanwhile, leaves nothing of itself behind (its savepoint); an entry ended
meanwhile is not ended twice; a lost idempotency key comes back as None, not as the ORM's error."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from backend.bookings import engine, service
from backend.bookings import repository as bookings_repository
from backend.errors import NoCapacity
from backend.models import BookingReschedule, IdempotencyKey, Occupancy, WaitlistEntry, WaitlistOffer
from backend.waitlist import repository, reschedule
from backend.waitlist import service as waitlist
from backend.waitlist.schemas import RescheduleRequest
from tests.backend.bookings.helpers import (
    assert_ledger_true,
    class_ids_of,
    frozen_at,
    new_key,
    parent_with_child,
    request_for,
    shanghai,
)
from tests.factories import make_facility

MONDAY = date(2026, 3, 2)
NOW = shanghai(2026, 3, 2, 9, 0)
TUESDAY = MONDAY + timedelta(days=1)
TUESDAY_MORNING = {TUESDAY.isoformat(): [9, 10]}


async def _waiting(res):
    """A full one-place class and one waiting entry."""
    facility = await make_facility(
        res, classes=[{"kind": "toddler", "name": "托小", "places": 1, "caregivers": 1}]
    )
    _, _, child, booker = await parent_with_child(res, 20, MONDAY)
    await service.create_booking(res, booker, request_for(facility, child, "full_day", TUESDAY), new_key())
    _, _, waiting_child, caller = await parent_with_child(res, 20, MONDAY)
    answer = await waitlist.join(res, caller, request_for(facility, waiting_child, "full_day", TUESDAY))
    return facility, await WaitlistEntry.get(id=answer.id)


async def test_a_take_with_no_room_leaves_the_entry_waiting(res) -> None:
    with frozen_at(NOW):
        facility, entry = await _waiting(res)
        before = sorted(
            await Occupancy.filter(klass_id__in=await class_ids_of(facility)).values_list("taken")
        )

        async def full(_: object) -> engine.ClassSeat:
            raise NoCapacity()

        offer = await repository.offer_entry(
            entry,
            full,
            facility_id=facility.id,
            slots=TUESDAY_MORNING,
            price_fen=100,
            expires_at=NOW + timedelta(minutes=30),
        )
    assert offer is None and entry.status == "waiting"
    assert (await WaitlistEntry.get(id=entry.id)).status == "waiting"
    assert not await WaitlistOffer.filter(entry_id=entry.id).exists()
    after = sorted(await Occupancy.filter(klass_id__in=await class_ids_of(facility)).values_list("taken"))
    assert after == before


async def test_an_entry_offered_meanwhile_is_not_offered_again(res) -> None:
    with frozen_at(NOW):
        facility, entry = await _waiting(res)
        await WaitlistEntry.filter(id=entry.id).update(status="offered")
        taken = False

        async def take(_: object) -> engine.ClassSeat:
            nonlocal taken
            taken = True
            raise AssertionError("no take for an entry that is no longer waiting")

        offer = await repository.offer_entry(
            entry,
            take,
            facility_id=facility.id,
            slots=TUESDAY_MORNING,
            price_fen=100,
            expires_at=NOW + timedelta(minutes=30),
        )
    assert offer is None and not taken
    assert not await WaitlistOffer.filter(entry_id=entry.id).exists()


async def test_an_entry_ended_meanwhile_is_not_ended_again(res) -> None:
    with frozen_at(NOW):
        _, entry = await _waiting(res)
        await WaitlistEntry.filter(id=entry.id).update(status="withdrawn")
        moved = await repository.end_entry(entry, "expired", only_from=repository.LIVE_STATUSES)
    assert not moved and entry.status == "waiting"
    assert (await WaitlistEntry.get(id=entry.id)).status == "withdrawn"


async def test_a_key_claimed_twice_answers_none_the_second_time(res) -> None:
    _, _, _, caller = await parent_with_child(res, 20, MONDAY)
    key = new_key()
    first = await bookings_repository.claim_idempotency_key(caller.account_id, key, "a")
    assert first is not None
    assert await bookings_repository.claim_idempotency_key(caller.account_id, key, "b") is None
    stored = await IdempotencyKey.filter(account_id=caller.account_id, key=key)
    assert [k.request_hash for k in stored] == ["a"]


async def test_a_reschedule_whose_key_loses_the_race_answers_the_first_request(
    res, monkeypatch: pytest.MonkeyPatch
) -> None:
    with frozen_at(NOW):
        facility = await make_facility(res)
        _, _, child, caller = await parent_with_child(res, 20, MONDAY)
        booking = await service.create_booking(
            res, caller, request_for(facility, child, "full_day", TUESDAY), new_key()
        )
        body = RescheduleRequest(start_date=TUESDAY + timedelta(days=1))
        key = new_key()
        first = await reschedule.reschedule_booking(res, caller, booking.id, body, key)
        looked_up = bookings_repository.find_idempotency_key
        lookups = 0

        async def missed_once(account_id: str, wanted: str):
            nonlocal lookups
            lookups += 1
            # The first lookup ran before the concurrent request committed its key.
            return None if lookups == 1 else await looked_up(account_id, wanted)

        monkeypatch.setattr(bookings_repository, "find_idempotency_key", missed_once)
        again = await reschedule.reschedule_booking(res, caller, booking.id, body, key)
    assert lookups == 2
    assert (again.start_date, again.reschedules_left) == (first.start_date, first.reschedules_left)
    assert await BookingReschedule.filter(booking_id=booking.id).count() == 1
    await assert_ledger_true(facility)
