"""The days of a booking: made with it, attended one at a time, the booking's status following them."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from tortoise import connections

from backend.bookings import service
from backend.calendar import iso_local
from backend.errors import Conflict
from backend.migrations import __name__ as migrations_package
from backend.models import Booking, BookingDay, FacilityClass
from tests.backend.bookings.helpers import (
    assert_ledger_true,
    check_in,
    check_out,
    facility_staff,
    frozen_at,
    new_key,
    parent_with_child,
    request_for,
    shanghai,
)
from tests.factories import make_facility

MONDAY = date(2026, 3, 2)
TUESDAY = date(2026, 3, 3)
WEDNESDAY = date(2026, 3, 4)
THURSDAY = date(2026, 3, 5)


async def _three_days(res, facility) -> dict:
    _, _, child, caller = await parent_with_child(res, 18, TUESDAY)
    request = request_for(facility, child, "full_day", TUESDAY, end_date=THURSDAY)
    return await service.create_booking(res, caller, request, new_key())


async def test_a_three_day_booking_has_three_expected_days_whose_prices_sum_to_its_price(res):
    facility = await make_facility(res, auto_confirm=True, prices={"full_day": 10001})
    with frozen_at(shanghai(2026, 3, 2, 9)):
        booking = await _three_days(res, facility)
    assert [(d.date.isoformat(), d.status) for d in booking.days] == [
        ("2026-03-03", "expected"),
        ("2026-03-04", "expected"),
        ("2026-03-05", "expected"),
    ]
    rows = await BookingDay.filter(booking_id=booking.id).order_by("date")
    assert sum(r.price_fen for r in rows) == booking.price_fen == 3 * 10001
    assert booking.days[0].model_dump().keys() == {
        "date",
        "status",
        "check_in_at",
        "check_out_at",
        "health_check",
        "picked_up_by",
        "absence_reason",
    }


async def test_the_booking_is_checked_in_from_the_first_day_and_checked_out_after_the_last(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility, "facility_staff")
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booking = (await _three_days(res, facility)).id
        for day in (TUESDAY, WEDNESDAY):
            clock.set(shanghai(day.year, day.month, day.day, 8, 30))
            assert (await check_in(res, staff, booking)).status == "checked_in"
            clock.set(shanghai(day.year, day.month, day.day, 16, 30))
            answer = await check_out(res, staff, booking)
            assert answer.status == "checked_in"  # a day is still to come
        clock.set(shanghai(2026, 3, 5, 8, 30))
        await check_in(res, staff, booking)
        clock.set(shanghai(2026, 3, 5, 16, 30))
        answer = await check_out(res, staff, booking)
    assert answer.status == "checked_out"
    assert [d.status for d in answer.days] == ["left", "left", "left"]
    first = answer.days[0]
    assert iso_local(first.check_in_at).startswith("2026-03-03T08:30")
    assert iso_local(first.check_out_at).startswith("2026-03-03T16:30")
    row = await BookingDay.get(booking_id=booking, date=TUESDAY)
    assert str(row.checked_in_by_id) == staff.account_id  # type: ignore[attr-defined]
    assert str(row.checked_out_by_id) == staff.account_id  # type: ignore[attr-defined]
    await assert_ledger_true(facility)


async def test_check_out_frees_only_that_days_hours_to_come(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booking = (await _three_days(res, facility)).id
        clock.set(shanghai(2026, 3, 3, 8, 30))
        await check_in(res, staff, booking)
        clock.set(shanghai(2026, 3, 3, 11, 30))
        await check_out(res, staff, booking)
    slots = (await Booking.get(id=booking)).slots
    assert slots["2026-03-03"] == [8, 9, 10, 11]
    assert len(slots["2026-03-04"]) == len(slots["2026-03-05"]) == 9
    await assert_ledger_true(facility)


async def test_check_in_on_a_day_not_in_the_booking_or_twice_is_a_conflict(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booking = (await _three_days(res, facility)).id
        clock.set(shanghai(2026, 3, 3, 8, 30))
        with pytest.raises(Conflict):
            await check_in(res, staff, booking, MONDAY)
        with pytest.raises(Conflict):
            await check_in(res, staff, booking, WEDNESDAY)  # not yet
        await check_in(res, staff, booking)
        with pytest.raises(Conflict) as twice:
            await check_in(res, staff, booking)
    assert twice.value.details["day_status"] == "present"


async def test_check_out_of_a_day_not_checked_in_is_a_conflict(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booking = (await _three_days(res, facility)).id
        clock.set(shanghai(2026, 3, 3, 8, 30))
        await check_in(res, staff, booking)
        with pytest.raises(Conflict):
            await check_out(res, staff, booking, WEDNESDAY)
    assert (await BookingDay.get(booking_id=booking, date=WEDNESDAY)).status == "expected"


async def test_the_migration_gives_existing_bookings_their_days(res):
    facility = await make_facility(res)
    _, _, child, _ = await parent_with_child(res, 18, TUESDAY)
    klass = await FacilityClass.filter(facility_id=facility.id).first()
    old = await Booking.create(
        parent_id=child.parent_id,  # type: ignore[attr-defined]
        child=child,
        facility=facility,
        klass=klass,
        class_kind=klass.kind,
        care_type="full_day",
        start_date=TUESDAY,
        end_date=WEDNESDAY,
        slots={"2026-03-03": [8, 9], "2026-03-04": [8, 9]},
        first_hour_at=shanghai(2026, 3, 3, 8),
        last_hour_end_at=shanghai(2026, 3, 4, 10),
        price_fen=20001,
        status="checked_out",
    )
    migration = __import__(f"{migrations_package}.0003_days_of_care", fromlist=["_"])
    editor = SimpleNamespace(client=connections.get("default"))
    await migration._days_for_existing_bookings(None, editor)
    await migration._days_for_existing_bookings(None, editor)  # twice changes nothing
    rows = await BookingDay.filter(booking_id=old.id).order_by("date")
    assert [(r.date, r.status, r.price_fen) for r in rows] == [
        (TUESDAY, "left", 10001),
        (TUESDAY + timedelta(days=1), "left", 10000),
    ]
