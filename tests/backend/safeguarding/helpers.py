"""Helpers for check-in and check-out tests: a fit admission check, the parent's pickup entry."""

from __future__ import annotations

from datetime import date

from backend.models import AdmissionHealthCheck, Booking, Child, PickupPerson
from backend.safeguarding import repository
from backend.safeguarding.schemas import PickupProof


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
    booking = await Booking.get(id=booking_id)
    person = await parent_entry(booking.child_id)  # type: ignore[attr-defined]
    return PickupProof(pickup_person_id=person.id)
