"""Facility status moves and their time rules, with the service clock frozen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from backend.bookings import ledger, manage, service
from backend.bookings.schemas import ClosureCreate
from backend.context import Caller
from backend.errors import Conflict, Forbidden
from backend.models import Booking, BookingEvent, OutgoingMessage
from tests.backend.bookings.helpers import (
    assert_ledger_true,
    check_in,
    check_out,
    class_ids_of,
    facility_staff,
    frozen_at,
    new_key,
    no_show,
    parent_with_child,
    request_for,
    shanghai,
)
from tests.factories import make_facility

TUESDAY = date(2026, 3, 3)


async def _booked(res, facility, **fields):
    _, _, child, caller = await parent_with_child(res, 18, TUESDAY)
    care_type = fields.pop("care_type", "full_day")
    return (
        await service.create_booking(
            res, caller, request_for(facility, child, care_type, TUESDAY, **fields), new_key()
        )
    ).id


async def test_check_in_from_midnight_until_the_days_hours_end(res):
    facility = await make_facility(res, auto_confirm=True, requires_admission_check=False)
    _, _, staff = await facility_staff(res, facility, "facility_staff")
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        first = await _booked(res, facility)
        second = await _booked(res, facility, care_type="hourly", start_time="09:00", end_time="11:00")
        clock.set(shanghai(2026, 3, 2, 23, 59))
        with pytest.raises(Conflict):
            await check_in(res, staff, first)
        clock.set(shanghai(2026, 3, 3, 0, 0))
        assert (await check_in(res, staff, first)).status == "checked_in"
        clock.set(shanghai(2026, 3, 3, 10, 59))
        assert (await check_in(res, staff, second)).status == "checked_in"
        third = second
        clock.set(shanghai(2026, 3, 3, 17, 0))
        assert (await check_out(res, staff, first)).status == "checked_out"
        assert (await check_out(res, staff, third)).status == "checked_out"
    await assert_ledger_true(facility)


async def test_check_in_after_the_days_hours_is_refused(res):
    facility = await make_facility(res, auto_confirm=True, requires_admission_check=False)
    _, _, staff = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booking = await _booked(res, facility, care_type="hourly", start_time="09:00", end_time="11:00")
        clock.set(shanghai(2026, 3, 3, 11, 0))
        with pytest.raises(Conflict):
            await check_in(res, staff, booking)


async def test_no_show_only_after_the_days_first_hour_began_and_frees_that_days_hours_ahead(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booking = await _booked(res, facility, end_date=date(2026, 3, 5))
        clock.set(shanghai(2026, 3, 3, 7, 59))
        with pytest.raises(Conflict):
            await no_show(res, staff, booking)
        clock.set(shanghai(2026, 3, 3, 9, 0))
        answer = await no_show(res, staff, booking)
    # The other days are still to come: the booking goes on, only Tuesday is a no-show.
    assert answer.status == "confirmed"
    assert [d.status for d in answer.days] == ["no_show", "expected", "expected"]
    assert (await Booking.get(id=booking)).slots["2026-03-03"] == [8, 9]
    assert sum((await ledger.taken_counts(await class_ids_of(facility))).values()) == 2 + 2 * 9
    await assert_ledger_true(facility)


async def test_no_show_on_the_last_day_to_come_makes_the_booking_a_no_show(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booking = await _booked(res, facility)
        clock.set(shanghai(2026, 3, 3, 9, 0))
        answer = await no_show(res, staff, booking)
    assert answer.status == "no_show"
    assert (await Booking.get(id=booking)).slots == {"2026-03-03": [8, 9]}
    await assert_ledger_true(facility)


async def test_a_pending_booking_that_began_cannot_be_confirmed(res):
    facility = await make_facility(res)
    _, _, admin = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booking = await _booked(res, facility)
        clock.set(shanghai(2026, 3, 3, 8, 0))
        with pytest.raises(Conflict):
            await service.move_booking(res, admin, booking, "confirm")
        rejected = await service.move_booking(res, admin, booking, "reject", "太晚了")
    assert rejected.status == "rejected"
    await assert_ledger_true(facility)


async def test_only_facility_accounts_move_bookings(res):
    facility = await make_facility(res)
    with frozen_at(shanghai(2026, 3, 2, 9)):
        booking = await _booked(res, facility)
        for caller in (
            Caller(account_id="x", role="parent"),
            Caller(account_id="x", role="regulator"),
            Caller(account_id="x", role="facility_admin", facility_id=None),
        ):
            with pytest.raises(Forbidden):
                await service.move_booking(res, caller, booking, "confirm")


async def test_closing_a_later_day_of_a_checked_in_stay_frees_that_day_only(res):
    # A child checked in on Monday for the week is "in care" for the week's booking; closing
    # Thursday must not be refused as if the child were in the building, and can only take
    # Thursday out of the stay (a checked-in booking cannot be cancelled).
    facility = await make_facility(res, auto_confirm=True, requires_admission_check=False)
    _, _, admin = await facility_staff(res, facility)
    thursday = TUESDAY + timedelta(days=2)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booking = await _booked(res, facility, end_date=TUESDAY + timedelta(days=3))
        clock.set(shanghai(2026, 3, 3, 8, 5))
        await check_in(res, admin, booking)
        with pytest.raises(Conflict) as refused:
            await manage.create_closure(res, admin, ClosureCreate(date=thursday, reason="停水"))
        assert refused.value.details["bookings"] == [booking]
        closure = await manage.create_closure(
            res, admin, ClosureCreate(date=thursday, reason="停水", force=True)
        )
        assert closure.date == thursday
        # Closing today while the child is in the building still waits for the check-out.
        with pytest.raises(Conflict) as in_care:
            await manage.create_closure(res, admin, ClosureCreate(date=TUESDAY, force=True))
        assert "in care" in in_care.value.message
    stay = await Booking.get(id=booking)
    assert stay.status == "checked_in"
    assert sorted(stay.slots) == ["2026-03-03", "2026-03-04", "2026-03-06"]
    assert stay.price_fen == 3 * 10000
    assert stay.last_hour_end_at == shanghai(2026, 3, 6, 17)
    taken = await ledger.taken_counts(await class_ids_of(facility))
    assert not [slot for slot in taken if slot[1] == thursday]
    assert sum(taken.values()) == 3 * 9
    events = await BookingEvent.filter(booking_id=booking).order_by("id")
    assert (events[-1].from_status, events[-1].to_status) == ("checked_in", "checked_in")
    assert "2026-03-05" in (events[-1].reason or "")
    # Auto-confirmed: the parent saw the confirmation in the booking's answer, no notice repeats it.
    assert [m.event for m in await OutgoingMessage.filter(booking_id=booking).order_by("created_at")] == [
        "checked_in",
        "day_closed",
    ]
    await assert_ledger_true(facility)
