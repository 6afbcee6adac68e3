"""One of everything, for tests that try every route with every kind of caller: a facility with a
class, a closure, a staff member and a staff account; its admin and staff; a parent with a child
and a (finished) booking there; another facility's admin, another parent and a regulator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from backend.bookings.plan import at
from backend.context import Resources
from backend.models import Booking, Child, Closure, Facility, FacilityClass, StaffMember
from tests.backend.bookings.helpers import parent_with_child
from tests.conftest import bearer
from tests.factories import make_account, make_facility

# Away from the district centre, where other tests look for the demo facilities nearby.
AWAY = {"lat": 36.0671, "lng": 120.3826}


@dataclass
class World:
    parent: dict[str, Any]
    other_parent: dict[str, Any]
    admin: dict[str, Any]
    staff: dict[str, Any]
    other_admin: dict[str, Any]
    regulator: dict[str, Any]
    facility_id: str
    child_id: str
    booking_id: str
    class_id: str
    closure_id: str
    staff_member_id: str
    staff_account_id: str

    def headers(self, who: str) -> dict[str, Any]:
        return {} if who == "anyone" else dict(getattr(self, who))

    def path(self, template: str) -> str:
        return template.format(**vars(self))


_made: list[World] = []


async def the_world(res: Resources) -> World:
    """Made once per test session: tests only read it or are refused before changing it."""
    if _made:
        return _made[0]
    facility = await make_facility(res, **AWAY)
    _, parent_token, child, _ = await parent_with_child(res, 18)
    _, other_parent_token, _, _ = await parent_with_child(res, 18)
    _, admin_token = await make_account(res, "facility_admin", facility)
    staff_account, staff_token = await make_account(res, "facility_staff", facility)
    _, other_admin_token = await make_account(res, "facility_admin", await make_facility(res, **AWAY))
    _, regulator_token = await make_account(res, "regulator")
    klass = await FacilityClass.filter(facility_id=facility.id).first()
    assert klass is not None
    member = await StaffMember.create(
        facility=facility,
        name="李老师",
        role="caregiver",
        id_number_hash="not-a-real-hash",
        id_number_enc="",
        id_number_masked="1101**********002X",
    )
    _made.append(
        World(
            parent=bearer(parent_token),
            other_parent=bearer(other_parent_token),
            admin=bearer(admin_token),
            staff=bearer(staff_token),
            other_admin=bearer(other_admin_token),
            regulator=bearer(regulator_token),
            facility_id=str(facility.id),
            child_id=str(child.id),
            booking_id=str((await _finished_booking(facility, child, klass)).id),
            class_id=str(klass.id),
            closure_id=str((await Closure.create(facility=facility, date=date(2099, 1, 5))).id),
            staff_member_id=str(member.id),
            staff_account_id=str(staff_account.id),
        )
    )
    return _made[0]


async def _finished_booking(facility: Facility, child: Child, klass: FacilityClass) -> Booking:
    # Checked out long ago: no move applies to it, so a probe that gets through stops at 409.
    day = date(2025, 1, 6)
    return await Booking.create(
        parent_id=child.parent_id,  # type: ignore[attr-defined]
        child=child,
        facility=facility,
        klass=klass,
        class_kind=klass.kind,
        care_type="full_day",
        start_date=day,
        end_date=day,
        slots={},
        first_hour_at=at(day, 8),
        last_hour_end_at=at(day, 17),
        price_fen=0,
        status="checked_out",
    )
