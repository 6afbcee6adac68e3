"""The views of days: the parent's attendance history, the facility's day list and occupancy,
the bureau's counts per facility."""

from __future__ import annotations

from datetime import date

import pytest

from backend.bookings import attendance, manage, service
from backend.bookings.availability import occupancy_of_day
from backend.bookings.schemas import AttendanceQuery, DistrictAttendanceQuery, ManageBookingsQuery
from backend.context import Caller
from backend.errors import Forbidden, NotFound, ValidationFailed
from backend.models import Account, AuditEntry, Child
from backend.security import encrypt
from tests.backend.bookings.helpers import (
    check_in,
    check_out,
    facility_staff,
    frozen_at,
    new_key,
    no_show,
    parent_with_child,
    report_absence,
    request_for,
    shanghai,
)
from tests.factories import make_account, make_facility

TUESDAY = date(2026, 3, 3)
WEDNESDAY = date(2026, 3, 4)


async def _booked(res, facility, *, allergies: str = "", phone: str | None = None):
    parent, _, child, caller = await parent_with_child(res, 18, TUESDAY)
    if allergies:
        await Child.filter(id=child.id).update(allergies=allergies)
    if phone:
        await Account.filter(id=parent.id).update(
            phone_enc=encrypt(res.settings.secret_key, phone), display_name="王妈妈"
        )
    request = request_for(facility, child, "full_day", TUESDAY, end_date=WEDNESDAY)
    booking = await service.create_booking(res, caller, request, new_key())
    return booking.id, caller, str(child.id)


async def test_the_parent_sees_the_childs_days_with_the_morning_check(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        booking, parent, child_id = await _booked(res, facility)
        await report_absence(res, parent, booking, [WEDNESDAY])
        clock.set(shanghai(2026, 3, 3, 8, 10))
        await check_in(res, staff, booking, temperature_c=36.4)
        answer = await attendance.child_attendance(
            res, parent, child_id, AttendanceQuery.model_validate({"from": "2026-03-01", "to": "2026-03-31"})
        )
        other = Caller(account_id=str((await make_account(res, "parent"))[0].id), role="parent")
        with pytest.raises(NotFound):
            await attendance.child_attendance(res, other, child_id, AttendanceQuery())
        too_long = AttendanceQuery.model_validate({"from": "2026-03-01", "to": "2026-07-01"})
        with pytest.raises(ValidationFailed):
            await attendance.child_attendance(res, parent, child_id, too_long)
    assert [(i.date.isoformat(), i.status) for i in answer.items] == [
        ("2026-03-03", "present"),
        ("2026-03-04", "absent"),
    ]
    assert answer.items[0].health_check.temperature_c == 36.4
    assert answer.items[0].facility_name == facility.name
    assert answer.items[1].absence_reason == "sick"


async def test_the_day_list_carries_allergies_day_status_and_the_masked_contact_and_is_audited(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)):
        booking, parent, child_id = await _booked(res, facility, allergies="花生", phone="13812345678")
        await report_absence(res, parent, booking, [WEDNESDAY], "personal")
        listed = await manage.bookings_of_day(res, staff, ManageBookingsQuery(date=WEDNESDAY))
    (item,) = [i for i in listed.items if i.id == booking]
    assert item.allergies == "花生"
    assert item.day_status == "absent"
    assert item.emergency_contact is not None
    assert item.emergency_contact.model_dump() == {"name": "王妈妈", "phone": "138****5678"}
    assert "13812345678" not in str(listed)
    entries = await AuditEntry.filter(actor_id=staff.account_id, object_id=child_id, action="child.read")
    assert len(entries) == 1


async def test_the_bureau_counts_expected_present_absent_and_no_show_per_facility(res):
    town = "出勤镇"
    facility = await make_facility(res, town=town, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility)
    regulator, _ = await make_account(res, "regulator")
    bureau = Caller(account_id=str(regulator.id), role="regulator")
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        came, _, _ = await _booked(res, facility)
        away, away_parent, _ = await _booked(res, facility)
        missing, _, _ = await _booked(res, facility)
        await _booked(res, facility)  # still expected
        await report_absence(res, away_parent, away, [TUESDAY])
        clock.set(shanghai(2026, 3, 3, 8, 30))
        await check_in(res, staff, came)
        await no_show(res, staff, missing)
        answer = await attendance.district_attendance(
            res, bureau, DistrictAttendanceQuery(date=TUESDAY, town=town)
        )
        with pytest.raises(Forbidden):
            await attendance.district_attendance(res, staff, DistrictAttendanceQuery())
    assert [item.model_dump() for item in answer.items] == [
        {
            "facility_id": str(facility.id),
            "facility_name": facility.name,
            "town": town,
            "expected": 4,
            "present": 1,
            "absent": 1,
            "no_show": 1,
        }
    ]
    assert answer.totals.model_dump() == {"expected": 4, "present": 1, "absent": 1, "no_show": 1}


async def test_occupancy_shows_presence_beside_the_bookings(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, staff = await facility_staff(res, facility)
    with frozen_at(shanghai(2026, 3, 2, 9)) as clock:
        first, _, _ = await _booked(res, facility)
        await _booked(res, facility)
        clock.set(shanghai(2026, 3, 3, 8, 30))
        await check_in(res, staff, first)
        clock.set(shanghai(2026, 3, 3, 10, 30))
        await check_out(res, staff, first)
        answer = await occupancy_of_day(res, str(facility.id), TUESDAY)
    (klass,) = answer.classes
    assert (klass.booked_children, klass.present_children) == (2, 1)
    by_hour = {h.start: h for h in klass.hours}
    assert [by_hour[h].present for h in ("08:00", "09:00", "10:00", "11:00")] == [1, 1, 1, 0]
    assert by_hour["09:00"].taken == 2
    assert by_hour["11:00"].taken == 1  # the hours after the check-out are free again
