"""Facility status moves and their time rules, with the service clock frozen."""

from __future__ import annotations

from datetime import date

import pytest

from backend.bookings import engine, service
from backend.context import Caller
from backend.errors import Conflict, Forbidden
from backend.models import Booking
from tests.backend.bookings.helpers import (
    assert_ledger_true,
    class_ids_of,
    facility_staff,
    frozen_at,
    new_key,
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
    )["id"]


async def test_check_in_from_midnight_until_the_days_hours_end(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility, "facility_staff")
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        first = await _booked(res, facility)
        second = await _booked(res, facility, care_type="hourly", start_time="09:00", end_time="11:00")
        clock.set(shanghai(2026, 3, 2, 23, 59))
        with pytest.raises(Conflict):
            await service.move_booking(res, staff, first, "check-in")
        clock.set(shanghai(2026, 3, 3, 0, 0))
        assert (await service.move_booking(res, staff, first, "check-in"))["status"] == "checked_in"
        clock.set(shanghai(2026, 3, 3, 10, 59))
        assert (await service.move_booking(res, staff, second, "check-in"))["status"] == "checked_in"
        third = second
        clock.set(shanghai(2026, 3, 3, 17, 0))
        assert (await service.move_booking(res, staff, first, "check-out"))["status"] == "checked_out"
        assert (await service.move_booking(res, staff, third, "check-out"))["status"] == "checked_out"
    await assert_ledger_true(facility)


async def test_check_in_after_the_days_hours_is_refused(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booking = await _booked(res, facility, care_type="hourly", start_time="09:00", end_time="11:00")
        clock.set(shanghai(2026, 3, 3, 11, 0))
        with pytest.raises(Conflict):
            await service.move_booking(res, staff, booking, "check-in")


async def test_no_show_only_after_the_first_hour_began_and_frees_the_days_ahead(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booking = await _booked(res, facility, end_date=date(2026, 3, 5))
        clock.set(shanghai(2026, 3, 3, 7, 59))
        with pytest.raises(Conflict):
            await service.move_booking(res, staff, booking, "no-show")
        clock.set(shanghai(2026, 3, 3, 9, 0))
        assert (await service.move_booking(res, staff, booking, "no-show"))["status"] == "no_show"
    assert (await Booking.get(id=booking)).slots == {"2026-03-03": [8, 9]}
    assert sum((await engine.ledger(await class_ids_of(facility))).values()) == 2
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
    assert rejected["status"] == "rejected"
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
