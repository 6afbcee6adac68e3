"""The morning check (晨检) at check-in: a fever or an abnormal result keeps the child out."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from backend.bookings import service
from backend.bookings.schemas import CheckInRequest
from backend.errors import Conflict, NotAdmitted
from backend.models import Booking, BookingDay, OutgoingMessage
from backend.rules import notice_class
from tests.backend.bookings.helpers import (
    check_in,
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


async def _booked(res, facility):
    _, _, child, caller = await parent_with_child(res, 18, TUESDAY)
    request = request_for(facility, child, "full_day", TUESDAY, end_date=WEDNESDAY)
    return (await service.create_booking(res, caller, request, new_key())).id, caller


async def test_the_check_is_kept_on_the_day_the_child_is_admitted(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booking, _ = await _booked(res, facility)
        clock.set(shanghai(2026, 3, 3, 8, 0))
        answer = await check_in(res, staff, booking, temperature_c=36.8, touch=True, look=True)
    check = answer.days[0].health_check
    assert (check.temperature_c, check.result, check.admitted) == (36.8, "normal", True)
    assert (check.touch, check.look, check.ask, check.inspect) == (True, True, None, None)
    assert check.checked_by == staff.account_id
    assert answer.days[0].status == "present"


@pytest.mark.parametrize(("temperature_c", "result"), [(37.3, "normal"), (36.5, "abnormal")])
async def test_a_fever_or_an_abnormal_check_is_not_admitted_and_the_parent_told_once(
    res, temperature_c, result
):
    facility = await make_facility(res, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booking, _ = await _booked(res, facility)
        clock.set(shanghai(2026, 3, 3, 8, 0))
        for _ in range(2):
            with pytest.raises(NotAdmitted) as refused:
                await check_in(res, staff, booking, temperature_c=temperature_c, result=result, notes="咳嗽")
            assert refused.value.code == "not_admitted" and refused.value.status == 409
        day = await BookingDay.get(booking_id=booking, date=TUESDAY)
        assert day.status == "expected"
        assert day.health_check["temperature_c"] == temperature_c
        assert day.health_check["admitted"] is False
        assert (await Booking.get(id=booking)).status == "confirmed"
        notices = await OutgoingMessage.filter(booking_id=booking, event="not_admitted")
        assert len(notices) == 1
        assert notice_class(notices[0].event) == "essential"
        # Checked again later, fever gone: admitted.
        clock.set(shanghai(2026, 3, 3, 10, 0))
        answer = await check_in(res, staff, booking, temperature_c=36.6)
    assert answer.status == "checked_in"


def test_a_temperature_outside_34_to_43_or_no_check_is_refused():
    for body in (
        {"health_check": {"temperature_c": 33.9, "result": "normal"}},
        {"health_check": {"temperature_c": 43.1, "result": "normal"}},
        {"health_check": {"temperature_c": 36.6, "result": "fine"}},
        {},
    ):
        with pytest.raises(ValidationError):
            CheckInRequest.model_validate(body)


async def test_check_in_on_an_absent_or_closed_day_is_a_conflict(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booking, parent = await _booked(res, facility)
        await report_absence(res, parent, booking, [TUESDAY])
        clock.set(shanghai(2026, 3, 3, 8, 0))
        with pytest.raises(Conflict) as refused:
            await check_in(res, staff, booking)
    assert refused.value.code == "conflict"
    assert refused.value.details["day_status"] == "absent"
    assert not await OutgoingMessage.filter(booking_id=booking, event="not_admitted").exists()
