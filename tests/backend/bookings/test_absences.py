"""A parent's absences: days not begun become absent, their places free at once, the price drops."""

from __future__ import annotations

from datetime import date

import pytest

from backend.bookings import ledger, service
from backend.errors import NoCapacity, ValidationFailed
from backend.models import Booking, BookingDay
from tests.backend.bookings.helpers import (
    assert_ledger_true,
    check_in,
    check_out,
    class_ids_of,
    facility_staff,
    frozen_at,
    new_key,
    parent_with_child,
    report_absence,
    request_for,
    shanghai,
)
from tests.factories import make_facility

TUESDAY = date(2026, 3, 3)
WEDNESDAY = date(2026, 3, 4)
THURSDAY = date(2026, 3, 5)
ONE_PLACE = [{"kind": "toddler", "name": "托小", "places": 1, "caregivers": 1}]


async def _book(res, facility, start: date, end: date, care_type: str = "full_day"):
    _, _, child, caller = await parent_with_child(res, 18, start)
    request = request_for(facility, child, care_type, start, end_date=end)
    return await service.create_booking(res, caller, request, new_key()), caller, child


async def test_an_absence_on_day_two_frees_it_for_another_family(res):
    facility = await make_facility(res, auto_confirm=True, classes=ONE_PLACE)
    with frozen_at(shanghai(2026, 3, 2, 9)):
        booked, parent, _ = await _book(res, facility, TUESDAY, THURSDAY)
        with pytest.raises(NoCapacity):
            await _book(res, facility, WEDNESDAY, WEDNESDAY)
        answer = await report_absence(res, parent, booked.id, [WEDNESDAY], "sick")
        other, _, _ = await _book(res, facility, WEDNESDAY, WEDNESDAY, "temporary")
    assert [d.status for d in answer.days] == ["expected", "absent", "expected"]
    assert answer.days[1].absence_reason == "sick"
    assert answer.price_fen == 2 * 10000
    assert answer.status == "confirmed"
    assert other.status == "confirmed"
    booking = await Booking.get(id=booked.id)
    assert sorted(booking.slots) == ["2026-03-03", "2026-03-05"]
    taken = await ledger.taken_counts(await class_ids_of(facility))
    assert {n for (_, day, _), n in taken.items() if day == WEDNESDAY} == {1}
    await assert_ledger_true(facility)


async def test_an_absence_of_a_begun_day_is_refused(res):
    facility = await make_facility(res, auto_confirm=True)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booked, parent, _ = await _book(res, facility, TUESDAY, THURSDAY)
        clock.set(shanghai(2026, 3, 3, 8, 0))
        with pytest.raises(ValidationFailed) as refused:
            await report_absence(res, parent, booked.id, [TUESDAY])
    assert "dates.0" in refused.value.details["fields"]
    assert (await BookingDay.get(booking_id=booked.id, date=TUESDAY)).status == "expected"


async def test_an_absence_of_a_day_not_in_the_booking_is_refused_and_nothing_changes(res):
    facility = await make_facility(res, auto_confirm=True)
    with frozen_at(shanghai(2026, 3, 2, 9)):
        booked, parent, _ = await _book(res, facility, TUESDAY, WEDNESDAY)
        with pytest.raises(ValidationFailed) as refused:
            await report_absence(res, parent, booked.id, [WEDNESDAY, THURSDAY])
    assert "dates.1" in refused.value.details["fields"]
    booking = await Booking.get(id=booked.id)
    assert booking.price_fen == 2 * 10000 and len(booking.slots) == 2
    await assert_ledger_true(facility)


async def test_an_absence_reported_twice_is_refused(res):
    facility = await make_facility(res, auto_confirm=True)
    with frozen_at(shanghai(2026, 3, 2, 9)):
        booked, parent, _ = await _book(res, facility, TUESDAY, THURSDAY)
        await report_absence(res, parent, booked.id, [WEDNESDAY])
        with pytest.raises(ValidationFailed):
            await report_absence(res, parent, booked.id, [WEDNESDAY])
        with pytest.raises(ValidationFailed):
            await report_absence(res, parent, booked.id, [THURSDAY, THURSDAY])
    assert (await Booking.get(id=booked.id)).price_fen == 2 * 10000
    await assert_ledger_true(facility)


async def test_a_parent_gives_only_the_reasons_of_the_rules(res):
    facility = await make_facility(res, auto_confirm=True)
    with frozen_at(shanghai(2026, 3, 2, 9)):
        booked, parent, _ = await _book(res, facility, TUESDAY, THURSDAY)
        with pytest.raises(ValidationFailed):
            await report_absence(res, parent, booked.id, [WEDNESDAY], "closed")


async def test_absent_every_day_cancels_a_booking_not_begun(res):
    facility = await make_facility(res, auto_confirm=True)
    with frozen_at(shanghai(2026, 3, 2, 9)):
        booked, parent, _ = await _book(res, facility, TUESDAY, WEDNESDAY)
        answer = await report_absence(res, parent, booked.id, [TUESDAY, WEDNESDAY], "personal")
    assert answer.status == "cancelled"
    assert answer.price_fen == 0
    await assert_ledger_true(facility)


async def test_the_last_day_absent_after_a_check_in_checks_the_booking_out(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booked, parent, _ = await _book(res, facility, TUESDAY, WEDNESDAY)
        clock.set(shanghai(2026, 3, 3, 8, 0))
        await check_in(res, staff, booked.id)
        clock.set(shanghai(2026, 3, 3, 17, 0))
        await check_out(res, staff, booked.id)
        answer = await report_absence(res, parent, booked.id, [WEDNESDAY], "other")
    assert answer.status == "checked_out"
    assert [d.status for d in answer.days] == ["left", "absent"]
    await assert_ledger_true(facility)
