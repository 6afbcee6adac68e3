"""Helpers for check-in and check-out tests: a fit admission check, the parent's pickup entry."""

from __future__ import annotations

from datetime import date

from tortoise.transactions import in_transaction

from backend.bookings import engine
from backend.bookings.days import create_days
from backend.bookings.plan import at, slots_as_json
from backend.calendar import today_local
from backend.context import Resources
from backend.models import AdmissionHealthCheck, Booking, Child, Facility, FacilityClass, PickupPerson
from backend.safeguarding import repository
from backend.safeguarding.schemas import PickupProof
from tests.backend.bookings.helpers import parent_with_child, parents_pickup_entry


async def fit_check(child: Child, on: date, result: str = "fit") -> AdmissionHealthCheck:
    return await AdmissionHealthCheck.create(
        child=child, checked_on=on, institution="环翠区妇幼保健院", result=result
    )


async def parent_entry(child_id: object) -> PickupPerson:
    """The parent's own entry on the child's pickup list (made as the parent's first read would)."""
    child = await Child.get(id=child_id)
    await repository.ensure_parent_entry(child)
    return await PickupPerson.get(parent_of=str(child.id))


async def parent_pickup(booking_id: str) -> PickupProof:
    """A check-out's proof that the child goes home with the booking's parent."""
    return PickupProof(pickup_person_id=await parents_pickup_entry(booking_id))


async def booking_for_today(
    res: Resources, facility: Facility, status: str = "confirmed"
) -> tuple[str, Child, str]:
    """A booking holding every hour of today (whatever the time now): (its id, the child, the
    parent's token)."""
    today = today_local()
    parent, token, child, _ = await parent_with_child(res, 18, today)
    klass = await FacilityClass.filter(facility_id=facility.id, is_active=True).first()
    assert klass is not None
    slots = {today: list(range(24))}
    async with in_transaction() as conn:
        await engine.take_places(conn, [engine.seat_of(klass, 5)], slots)
        booking = await Booking.create(
            parent=parent,
            child=child,
            facility=facility,
            klass=klass,
            class_kind=klass.kind,
            care_type="full_day",
            start_date=today,
            end_date=today,
            slots=slots_as_json(slots),
            first_hour_at=at(today, 0),
            last_hour_end_at=at(today, 24),
            price_fen=0,
            status=status,
        )
        await create_days(booking, [today])
    return str(booking.id), child, token
