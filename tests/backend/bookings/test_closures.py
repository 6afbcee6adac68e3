"""Forced closures remove days, not bookings (API.md "Closures remove days, not bookings")."""

from __future__ import annotations

from datetime import date

from backend.bookings import ledger, manage, service
from backend.bookings.schemas import AffectedBookingAnswer, BookingAnswer, ClosureCreate
from backend.calendar import calendar_changed, national_arrangement
from backend.context import Caller
from backend.district import service as district
from backend.district.schemas import CalendarBody, DistrictClosureCreate
from backend.models import Booking, BookingDay, CalendarYear, OutgoingMessage
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
from tests.factories import make_account, make_facility

TUESDAY = date(2026, 3, 3)
WEDNESDAY = date(2026, 3, 4)
THURSDAY = date(2026, 3, 5)


async def _book(res, facility, start: date, end: date) -> BookingAnswer:
    _, _, child, caller = await parent_with_child(res, 18, start)
    request = request_for(facility, child, "full_day", start, end_date=end)
    return await service.create_booking(res, caller, request, new_key())


async def test_a_closure_of_the_middle_day_leaves_two_days_and_the_lower_price(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, admin = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)):
        booked = await _book(res, facility, TUESDAY, THURSDAY)
        answer = await manage.create_closure(
            res, admin, ClosureCreate(date=WEDNESDAY, reason="停水", force=True)
        )
    assert [a.model_dump(mode="json") for a in answer.affected] == [
        {
            "booking_id": booked.id,
            "action": "days_removed",
            "removed_dates": ["2026-03-04"],
            "price_fen": 2 * 10000,
            "cancelled": False,
        }
    ]
    booking = await Booking.get(id=booked.id)
    assert booking.status == "confirmed"
    assert booking.price_fen == 2 * 10000
    assert sorted(booking.slots) == ["2026-03-03", "2026-03-05"]
    day = await BookingDay.get(booking_id=booking.id, date=WEDNESDAY)
    assert (day.status, day.absence_reason) == ("closed", "closed")
    taken = await ledger.taken_counts(await class_ids_of(facility))
    assert not [slot for slot in taken if slot[1] == WEDNESDAY]
    assert [m.event for m in await OutgoingMessage.filter(booking_id=booking.id)] == ["day_closed"]
    await assert_ledger_true(facility)


async def test_a_booking_left_with_no_day_is_cancelled(res):
    facility = await make_facility(res)
    _, _, admin = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)):
        booked = await _book(res, facility, WEDNESDAY, WEDNESDAY)
        answer = await manage.create_closure(res, admin, ClosureCreate(date=WEDNESDAY, force=True))
    assert [a.model_dump(mode="json") for a in answer.affected] == [
        {
            "booking_id": booked.id,
            "action": "cancelled",
            "removed_dates": ["2026-03-04"],
            "price_fen": 0,
            "cancelled": True,
        }
    ]
    booking = await Booking.get(id=booked.id)
    assert (booking.status, booking.slots) == ("cancelled", {})
    assert [m.event for m in await OutgoingMessage.filter(booking_id=booking.id)] == ["cancelled"]
    await assert_ledger_true(facility)


async def test_a_district_closure_of_two_days_lists_each_booking_once(res):
    town = "闭园镇"
    facility = await make_facility(res, town=town, auto_confirm=True)
    regulator, _ = await make_account(res, "regulator")
    bureau = Caller(account_id=str(regulator.id), role="regulator")
    with frozen_at(shanghai(2026, 3, 2, 9)):
        long = await _book(res, facility, TUESDAY, THURSDAY)
        short = await _book(res, facility, WEDNESDAY, THURSDAY)
        body = DistrictClosureCreate.model_validate(
            {"from": "2026-03-04", "to": "2026-03-05", "towns": [town], "reason": "台风"}
        )
        answer = await district.create_district_closure(res, bureau, body)
    by_id = {a.booking_id: a for a in answer.affected}
    assert answer.affected_bookings == 2
    assert by_id[long.id].removed_dates == [WEDNESDAY, THURSDAY]
    assert by_id[long.id].action == "days_removed"
    assert by_id[long.id].price_fen == 10000
    assert by_id[short.id].action == "cancelled"
    days = await BookingDay.filter(booking_id=long.id).order_by("date").values_list("status", flat=True)
    assert list(days) == ["expected", "closed", "closed"]
    await assert_ledger_true(facility)


async def test_a_new_holiday_removes_the_day_from_the_bookings_holding_it(res):
    facility = await make_facility(res, auto_confirm=True)
    regulator, _ = await make_account(res, "regulator")
    bureau = Caller(account_id=str(regulator.id), role="regulator")
    national = national_arrangement(2026)
    assert national is not None
    try:
        with frozen_at(shanghai(2026, 3, 2, 9)):
            booked = await _book(res, facility, TUESDAY, THURSDAY)
            holidays = {**national.holidays, WEDNESDAY: "区定假日"}
            body = CalendarBody.model_validate(
                {
                    "holidays": [{"date": d.isoformat(), "name": n} for d, n in sorted(holidays.items())],
                    "workdays": [
                        {"date": d.isoformat(), "name": n} for d, n in sorted(national.workdays.items())
                    ],
                }
            )
            answer = await district.put_calendar(res, bureau, 2026, body)
        mine = [a for a in answer.affected if a.booking_id == booked.id]
        assert mine == [
            AffectedBookingAnswer(
                booking_id=booked.id,
                action="days_removed",
                removed_dates=[WEDNESDAY],
                price_fen=20000,
                cancelled=False,
            )
        ]
        await assert_ledger_true(facility)
    finally:
        await CalendarYear.all().delete()
        await calendar_changed(res)
