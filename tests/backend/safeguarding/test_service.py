"""The safeguarding rules in the service: the admission check's three months, codes across days,
wrong codes counted through a rollback, and what the clean-up purges."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from backend.bookings.days import create_days
from backend.bookings.plan import at, slots_as_json
from backend.errors import Conflict, HealthCheckRequired, PickupNotAuthorized
from backend.models import (
    AdmissionHealthCheck,
    Booking,
    BookingDay,
    Child,
    FacilityClass,
    PickupCode,
    PickupCodeTries,
    PickupPerson,
)
from backend.safeguarding import service
from backend.safeguarding.schemas import PickupCodeCreate
from tests.backend.bookings.helpers import (
    check_out,
    facility_staff,
    frozen_at,
    parent_with_child,
    shanghai,
)
from tests.backend.safeguarding.helpers import fit_check, parent_entry
from tests.factories import make_facility

TUESDAY = date(2026, 3, 3)


async def _booking(facility, child, days: list[date], status: str) -> Booking:
    """A booking of these days; one checked in or out was present on each of them."""
    klass = await FacilityClass.filter(facility_id=facility.id).first()
    assert klass is not None
    slots = {day: [8, 9, 10, 11, 12, 13, 14, 15, 16] for day in days}
    booking = await Booking.create(
        parent_id=child.parent_id,
        child=child,
        facility=facility,
        klass=klass,
        class_kind=klass.kind,
        care_type="full_day",
        start_date=days[0],
        end_date=days[-1],
        slots=slots_as_json(slots),
        first_hour_at=at(days[0], 8),
        last_hour_end_at=at(days[-1], 17),
        price_fen=0,
        status=status,
    )
    await create_days(booking, days)
    day_status = {"checked_out": "left", "checked_in": "present"}.get(status)
    if day_status is not None:
        await BookingDay.filter(booking_id=booking.id).update(status=day_status)
    return booking


def test_three_months_before_is_counted_in_calendar_months():
    assert service.months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert service.months_before(date(2026, 3, 3), 3) == date(2025, 12, 3)
    assert service.months_before(date(2024, 5, 29), 3) == date(2024, 2, 29)


async def test_a_child_present_at_the_facility_within_three_months_needs_no_new_check(res):
    facility = await make_facility(res, requires_admission_check=True)
    _, _, child, _ = await parent_with_child(res, 18, TUESDAY)
    await _booking(facility, child, [TUESDAY - timedelta(days=80)], "checked_out")
    booking = await _booking(facility, child, [TUESDAY], "confirmed")
    await service.require_admission_check(booking, TUESDAY)


async def test_a_child_back_after_three_months_away_needs_a_new_check(res):
    facility = await make_facility(res, requires_admission_check=True)
    _, _, child, _ = await parent_with_child(res, 18, TUESDAY)
    await _booking(facility, child, [date(2025, 11, 28)], "checked_out")
    await fit_check(child, date(2025, 11, 20))
    booking = await _booking(facility, child, [TUESDAY], "confirmed")
    with pytest.raises(HealthCheckRequired) as refused:
        await service.require_admission_check(booking, TUESDAY)
    assert refused.value.details["since"] == "2025-12-03"
    await fit_check(child, date(2025, 12, 3))
    await service.require_admission_check(booking, TUESDAY)


async def test_presence_at_another_facility_does_not_count(res):
    facility = await make_facility(res, requires_admission_check=True)
    elsewhere = await make_facility(res)
    _, _, child, _ = await parent_with_child(res, 18, TUESDAY)
    await _booking(elsewhere, child, [TUESDAY - timedelta(days=7)], "checked_out")
    booking = await _booking(facility, child, [TUESDAY], "confirmed")
    with pytest.raises(HealthCheckRequired):
        await service.require_admission_check(booking, TUESDAY)


async def test_a_code_of_yesterday_no_longer_collects_and_counts_as_wrong(res):
    facility = await make_facility(res, requires_admission_check=False)
    _, _, staff = await facility_staff(res, facility, "facility_staff")
    _, _, child, caller = await parent_with_child(res, 18, TUESDAY)
    wednesday = TUESDAY + timedelta(days=1)
    booking = await _booking(facility, child, [TUESDAY, wednesday], "checked_in")
    with frozen_at(shanghai(2026, 3, 3, 9)) as clock:
        issued = await service.issue_pickup_code(
            res, caller, str(booking.id), PickupCodeCreate(date=TUESDAY, person_name="王奶奶")
        )
        clock.set(shanghai(2026, 3, 4, 16))
        with pytest.raises(PickupNotAuthorized):
            await check_out(res, staff, str(booking.id), pickup_code=issued.code)
    assert (await Booking.get(id=booking.id)).status == "checked_in"
    # The refusal rolled the check-out back; the wrong try was counted all the same.
    assert (await PickupCodeTries.get(booking_id=booking.id, date=wednesday)).wrong == 1
    assert (await PickupCode.get(booking_id=booking.id)).used_at is None


async def test_a_code_is_only_issued_for_a_booking_still_active(res):
    facility = await make_facility(res)
    _, _, child, caller = await parent_with_child(res, 18, TUESDAY)
    booking = await _booking(facility, child, [TUESDAY], "cancelled")
    with frozen_at(shanghai(2026, 3, 3, 9)), pytest.raises(Conflict):
        await service.issue_pickup_code(
            res, caller, str(booking.id), PickupCodeCreate(date=TUESDAY, person_name="王奶奶")
        )


async def test_the_clean_up_purges_past_codes_and_checks_nothing_needs(res):
    facility = await make_facility(res)
    _, _, child, _ = await parent_with_child(res, 18, TUESDAY)
    _, _, idle, _ = await parent_with_child(res, 18, TUESDAY)
    _, _, gone, _ = await parent_with_child(res, 18, TUESDAY)
    yesterday, today = TUESDAY - timedelta(days=1), TUESDAY
    booking = await _booking(facility, child, [yesterday, today], "checked_in")
    old_code = await PickupCode.create(
        booking=booking, date=yesterday, person_name="甲", code_hash="x", expires_at=at(today, 0)
    )
    live_code = await PickupCode.create(
        booking=booking, date=today, person_name="乙", code_hash="y", expires_at=at(today, 24)
    )
    long_ago = date(2025, 10, 1)
    superseded = await fit_check(child, long_ago)
    kept_for_care = await fit_check(idle, long_ago)
    recent = await fit_check(child, today - timedelta(days=10))
    # Older than 3 months: replaced by a newer one, or its child (idle) not in care since; a
    # deleted child's records all go.
    of_deleted_child = await fit_check(gone, today - timedelta(days=5))
    await parent_entry(gone.id)
    await Child.filter(id=gone.id).update(deleted_at=at(today, 0))
    with frozen_at(shanghai(2026, 3, 3, 3)):
        purged = await service.purge_expired_records(res)
    assert purged["pickup_codes"] >= 1
    assert not await PickupCode.exists(id=old_code.id)
    assert await PickupCode.exists(id=live_code.id)
    assert not await AdmissionHealthCheck.exists(id=superseded.id)
    assert not await AdmissionHealthCheck.exists(id=kept_for_care.id)
    assert await AdmissionHealthCheck.exists(id=recent.id)
    assert not await AdmissionHealthCheck.exists(id=of_deleted_child.id)
    assert not await PickupPerson.exists(child_id=gone.id)


async def test_an_old_check_of_a_child_still_in_care_is_kept(res):
    facility = await make_facility(res)
    _, _, child, _ = await parent_with_child(res, 18, TUESDAY)
    await _booking(facility, child, [TUESDAY - timedelta(days=3)], "checked_out")
    only = await fit_check(child, date(2025, 10, 1))
    with frozen_at(shanghai(2026, 3, 3, 3)):
        await service.purge_expired_records(res)
    assert await AdmissionHealthCheck.exists(id=only.id)


async def test_the_hourly_clean_up_job_runs_the_purge(res):
    from bot.jobs import clean_up

    facility = await make_facility(res)
    _, _, child, _ = await parent_with_child(res, 18, TUESDAY)
    long_ago = date(2025, 1, 6)
    booking = await _booking(facility, child, [long_ago], "checked_out")
    code = await PickupCode.create(
        booking=booking, date=long_ago, person_name="甲", code_hash="x", expires_at=at(long_ago, 24)
    )
    assert await clean_up({"res": res}) >= 1
    assert not await PickupCode.exists(id=code.id)
