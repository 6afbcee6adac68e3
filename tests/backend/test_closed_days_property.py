"""A property of closures and calendars together: for random bookings, district closures and
bureau calendars, no active booking ever holds a closed day, and the ledger equals a recount."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

import pytest

from backend.bookings import service
from backend.bookings.vacancy import rebuild_vacancy, window
from backend.calendar import calendar_changed, district_calendar, national_arrangement, today_local
from backend.context import Caller, Resources
from backend.district import service as district
from backend.district.schemas import CalendarBody, DistrictClosureCreate
from backend.errors import NoCapacity, ValidationFailed
from backend.models import Booking, CalendarYear, Closure
from backend.rules import ACTIVE_BOOKING_STATUSES
from tests.backend.bookings.helpers import assert_ledger_true, new_key, parent_with_child, request_for
from tests.factories import make_account, make_facility


async def _book_randomly(res: Resources, rng: random.Random, facility: object, days: list[date]) -> None:
    for _ in range(rng.randint(3, 8)):
        start = rng.choice(days)
        end = min(days[-1], start + timedelta(days=rng.randint(0, 4)))
        _, _, child, caller = await parent_with_child(res, 18, start)
        care_type = rng.choice(["full_day", "half_day"])
        fields = {"session": rng.choice(["am", "pm"])} if care_type == "half_day" else {}
        try:
            await service.create_booking(
                res, caller, request_for(facility, child, care_type, start, end_date=end, **fields), new_key()
            )
        except (NoCapacity, ValidationFailed):
            pass  # full, or no open day in the range: nothing booked


async def _assert_no_booking_holds_a_closed_day(res: Resources, facility: object) -> None:
    calendar = await district_calendar(res)
    closed = {c.date for c in await Closure.filter(facility_id=facility.id)}  # type: ignore[attr-defined]
    active = [s.value for s in ACTIVE_BOOKING_STATUSES]
    for booking in await Booking.filter(facility_id=facility.id, status__in=active):  # type: ignore[attr-defined]
        for raw in booking.slots:
            day = date.fromisoformat(raw)
            assert day not in closed, (booking.id, day)
            assert calendar.is_open(day, facility.open_weekdays), (booking.id, day)  # type: ignore[attr-defined]


@pytest.mark.parametrize("seed", range(4))
async def test_no_booking_holds_a_closed_day(res: Resources, seed: int) -> None:
    rng = random.Random(seed)
    town = f"性质镇{uuid.uuid4().hex[:8]}"
    facility = await make_facility(
        res,
        town=town,
        open_weekdays=sorted(rng.sample(range(1, 8), rng.randint(4, 7))),
        classes=[{"kind": "toddler", "name": "托小", "places": rng.randint(2, 4), "caregivers": 1}],
    )
    regulator, _ = await make_account(res, "regulator")
    bureau = Caller(account_id=str(regulator.id), role="regulator")
    today = today_local()
    days = [today + timedelta(days=i) for i in range(2, 20)]
    try:
        await _book_randomly(res, rng, facility, days)
        # A district closure of some days, then a calendar with some new holidays, then more bookings.
        first = rng.choice(days)
        last = min(days[-1], first + timedelta(days=rng.randint(0, 3)))
        body = DistrictClosureCreate.model_validate(
            {"from": first.isoformat(), "to": last.isoformat(), "towns": [town], "reason": "台风"}
        )
        await district.create_district_closure(res, bureau, body)
        await _assert_no_booking_holds_a_closed_day(res, facility)
        await assert_ledger_true(facility)

        year = today.year
        national = national_arrangement(year)
        if national is not None:
            extra = [d for d in rng.sample(days, 3) if d.year == year and d not in national.workdays]
            holidays = {**national.holidays, **{d: "区定假日" for d in extra}}
            arrangement = CalendarBody.model_validate(
                {
                    "holidays": [{"date": d.isoformat(), "name": n} for d, n in sorted(holidays.items())],
                    "workdays": [
                        {"date": d.isoformat(), "name": n} for d, n in sorted(national.workdays.items())
                    ],
                }
            )
            await district.put_calendar(res, bureau, year, arrangement)
            await _assert_no_booking_holds_a_closed_day(res, facility)
            await assert_ledger_true(facility)

        await _book_randomly(res, rng, facility, days)
        await _assert_no_booking_holds_a_closed_day(res, facility)
        await assert_ledger_true(facility)
    finally:
        await CalendarYear.all().delete()
        await calendar_changed(res)
        await rebuild_vacancy(res, window(today_local()))
