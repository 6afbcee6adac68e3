"""The facility side of places: its classes, its closures and the day's bookings.

Every function takes the caller's facility from the token; another facility's objects are simply
not found.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from backend.accounts.scope import own_facility
from backend.audit import record_child_reads
from backend.bookings import attendance, days, engine, repository
from backend.bookings.availability import occupancy_of_day
from backend.bookings.repository import fk
from backend.bookings.schemas import (
    AffectedBookingAnswer,
    BookedChild,
    CareDayAnswer,
    ClassAnswer,
    ClassChanges,
    ClassCreate,
    ClosureAnswer,
    ClosureCreate,
    ClosureCreatedAnswer,
    DayBookingAnswer,
    DayBookingsAnswer,
    ManageBookingsQuery,
    MaskedPhone,
    OccupancyAnswer,
    PersonContact,
)
from backend.bookings.service import Actor, booking_answer
from backend.calendar import now_local, today_local
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import Conflict, ValidationFailed
from backend.facilities.repository import names_of
from backend.paging import Page
from backend.parents.service import mask_phone, masked_phone
from backend.rules import (
    BookingStatus,
    ClassKind,
    DayStatus,
    FacilityNature,
    age_in_months,
    class_capacity,
    class_rules,
)
from backend.security import decrypt
from backend.waitlist.offers import day_closed, holds_over_capacity, places_freed, whole_days

if TYPE_CHECKING:
    from backend.models import Account, Closure, Facility, FacilityClass

DEFAULT_CLOSURE_REASON = "机构临时闭园"


# ---------------------------------------------------------------------------------------------
# Classes


def class_answer(klass: FacilityClass, mixed_ratio: int) -> ClassAnswer:
    kind = ClassKind(klass.kind)
    rule = class_rules(mixed_ratio)[kind]
    return ClassAnswer(
        id=str(klass.id),
        kind=kind,
        name=klass.name,
        places=klass.places,
        caregivers=klass.caregivers,
        capacity=class_capacity(kind, klass.places, klass.caregivers, mixed_ratio),
        max_size=rule.max_size,
        children_per_caregiver=rule.children_per_caregiver,
        age_min_months=rule.min_months,
        age_max_months=rule.max_months,
    )


def _admin_facility(caller: Caller) -> str:
    return own_facility(
        caller, admin_only=True, refusal="Only the facility's administrator changes its classes."
    )


def _check_class_rules(facility: Facility, kind: ClassKind, places: int, mixed_ratio: int) -> None:
    rule = class_rules(mixed_ratio)[kind]
    is_family_point = facility.nature == FacilityNature.family
    if is_family_point and kind is not ClassKind.family:
        raise ValidationFailed.field(
            "kind", "a family childcare point (家庭托育点) has one class of kind family"
        )
    if not is_family_point and kind is ClassKind.family:
        raise ValidationFailed.field("kind", "only family childcare points (家庭托育点) have a family class")
    if places > rule.max_size:
        raise ValidationFailed.field(
            "places", f"a {rule.label_zh} holds at most {rule.max_size} children (national standard)"
        )
    if rule.max_months < facility.age_min_months or rule.min_months > facility.age_max_months:
        raise ValidationFailed.field(
            "kind",
            f"a {rule.label_zh} takes {rule.min_months}-{rule.max_months} months, outside this facility's "
            f"ages {facility.age_min_months}-{facility.age_max_months}",
        )


async def list_classes(res: Resources, caller: Caller) -> Page[ClassAnswer]:
    facility_id = own_facility(caller)
    ratio = res.settings.mixed_class_ratio
    return Page[ClassAnswer](
        items=[class_answer(k, ratio) for k in await repository.classes_of(facility_id)],
        next_cursor=None,
    )


async def create_class(res: Resources, caller: Caller, body: ClassCreate) -> ClassAnswer:
    facility_id = _admin_facility(caller)
    ratio = res.settings.mixed_class_ratio
    async with UnitOfWork(res) as uow:
        facility = await repository.get_facility(facility_id)
        existing = await engine.read_classes(uow.connection, facility_id, ratio, lock="update")
        _check_class_rules(facility, body.kind, body.places, ratio)
        if body.kind is ClassKind.family and existing:
            raise Conflict("A family childcare point has one class.", {"classes": [s.id for s in existing]})
        klass = await repository.create_class(
            facility_id=facility_id,
            kind=body.kind.value,
            name=body.name,
            places=body.places,
            caregivers=body.caregivers,
        )
        await places_freed(uow, facility_id, None)  # a new class: room for the waitlist
        uow.refresh_vacancy(facility_id)
    return class_answer(klass, ratio)


async def change_class(res: Resources, caller: Caller, class_id: str, changes: ClassChanges) -> ClassAnswer:
    """Changes a class; refused (409, naming the bookings) when booked hours would exceed capacity."""
    facility_id = _admin_facility(caller)
    ratio = res.settings.mixed_class_ratio
    now = now_local()
    async with UnitOfWork(res) as uow:
        facility = await repository.get_facility(facility_id)
        # Locked for update: bookings read capacity under a share lock, so none races this change.
        klass = await repository.get_class_for_facility(class_id, facility_id, lock=True)
        kind = changes.kind or ClassKind(klass.kind)
        places = changes.places if changes.places is not None else klass.places
        caregivers = changes.caregivers if changes.caregivers is not None else klass.caregivers
        _check_class_rules(facility, kind, places, ratio)
        if kind.value != klass.kind:
            booked = await repository.active_bookings_of_class(str(klass.id), ending_after=now)
            if booked:
                raise Conflict(
                    "The class has bookings to come, made for its current age group.", {"bookings": booked}
                )
        over = await engine.check_capacity_change(klass, places, caregivers, mixed_ratio=ratio, now=now)
        if over:
            raise Conflict(
                "Booked hours to come would exceed the new capacity; settle these bookings first.",
                {"bookings": over, "capacity": class_capacity(kind, places, caregivers, ratio)},
            )
        held = await holds_over_capacity(str(klass.id), class_capacity(kind, places, caregivers, ratio), now)
        if held:
            raise Conflict(
                "候补保留的名额会超出新的容量，请等这些候补名额处理完。", {"waitlist_entries": held}
            )
        old_capacity = engine.seat_of(klass, ratio).capacity
        klass.kind = kind
        klass.name = changes.name or klass.name
        klass.places = places
        klass.caregivers = caregivers
        await repository.save_class(klass, ["kind", "name", "places", "caregivers"])
        if class_capacity(kind, places, caregivers, ratio) > old_capacity:  # a class that grows
            await places_freed(uow, facility_id, None, now=now)
        uow.refresh_vacancy(facility_id)
    return class_answer(klass, ratio)


async def delete_class(res: Resources, caller: Caller, class_id: str) -> None:
    facility_id = _admin_facility(caller)
    now = now_local()
    async with UnitOfWork(res) as uow:
        klass = await repository.get_class_for_facility(class_id, facility_id, lock=True)
        booked = await repository.active_bookings_of_class(str(klass.id), ending_after=now)
        if booked:
            raise Conflict("The class has bookings to come.", {"bookings": booked})
        await repository.deactivate_class(klass.id)
        uow.refresh_vacancy(facility_id)


# ---------------------------------------------------------------------------------------------
# Closures


def closure_answer(closure: Closure) -> ClosureAnswer:
    return ClosureAnswer(
        id=str(closure.id), date=closure.date, reason=closure.reason, created_at=closure.created_at
    )


async def list_closures(res: Resources, caller: Caller) -> Page[ClosureAnswer]:
    facility_id = own_facility(caller)
    closures = await repository.closures_of(facility_id, from_date=today_local())
    return Page[ClosureAnswer](items=[closure_answer(c) for c in closures], next_cursor=None)


async def create_closure(res: Resources, caller: Caller, body: ClosureCreate) -> ClosureCreatedAnswer:
    """Closes a day; bookings on it answer 409 unless `force`, which takes the day out of them (a
    booking left with no day is cancelled) and tells the parents; the answer lists what it did."""
    facility_id = own_facility(caller)
    now = now_local()
    if body.date < now.date():
        raise ValidationFailed.field("date", "must be today or later")
    reason = body.reason or DEFAULT_CLOSURE_REASON
    async with UnitOfWork(res) as uow:
        # Locking the classes waits out bookings being placed and holds new ones back until the
        # closure is in, so no booking lands on the closed day unseen.
        await engine.read_classes(uow.connection, facility_id, res.settings.mixed_class_ratio, lock="update")
        if await repository.closure_exists(facility_id, body.date):
            raise Conflict("This day is already closed.", {"date": body.date.isoformat()})
        on_day = await repository.active_bookings_on(facility_id, body.date)
        affected: list[AffectedBookingAnswer] = []
        if on_day:
            ids = [str(b.id) for b in on_day]
            # A checked-in stay of several days holds later days too; only closing today, while
            # such children may be in the building, has to wait for them.
            in_care = [
                str(b.id) for b in on_day if b.status == BookingStatus.checked_in and body.date == now.date()
            ]
            if in_care:
                raise Conflict(
                    "Children are in care now; check them out before closing the day.", {"bookings": in_care}
                )
            if not body.force:
                raise Conflict(
                    "Children are booked that day: send force to take the day out of their bookings "
                    "(a booking with no other day is cancelled) and tell the parents.",
                    {"bookings": ids},
                )
            affected = await attendance.close_days_for_bookings(
                uow, {i: [body.date] for i in ids}, reason, Actor.of(caller), now
            )
        closure = await repository.create_closure(facility_id, body.date, body.reason)
        if closure is None:
            raise Conflict("This day is already closed.", {"date": body.date.isoformat()})
        # Held waitlist places lose the day too; what the cancellations freed goes to the waitlist.
        await day_closed(uow, facility_id, body.date, now)
        uow.refresh_vacancy(facility_id, [body.date])
    return ClosureCreatedAnswer(
        id=str(closure.id),
        date=closure.date,
        reason=closure.reason,
        created_at=closure.created_at,
        affected=affected,
    )


async def delete_closure(res: Resources, caller: Caller, closure_id: str) -> None:
    facility_id = own_facility(caller)
    closure = await repository.get_closure_for_facility(closure_id, facility_id)
    day = closure.date
    async with UnitOfWork(res) as uow:
        await repository.delete_closure(closure.id)
        # A reopened day has room for the waitlist.
        await places_freed(uow, facility_id, whole_days([day]))
        uow.refresh_vacancy(facility_id, [day])


# ---------------------------------------------------------------------------------------------
# The day's bookings


def _emergency_contact(res: Resources, parent: Account | None) -> PersonContact | None:
    # The parent who booked is who the facility calls; the number is shown masked only.
    if parent is None:
        return None
    phone = decrypt(res.settings.secret_key, parent.phone_enc) if parent.phone_enc else None
    return PersonContact(name=parent.display_name, phone=mask_phone(phone) if phone else None)


async def bookings_of_day(res: Resources, caller: Caller, query: ManageBookingsQuery) -> DayBookingsAnswer:
    """The day's list (API.md "Days of care"): each booking with the child's allergies, the day's
    status and the emergency contact (phone masked); the read is audited."""
    facility_id = own_facility(caller)
    day = query.date or today_local()
    rows = await repository.bookings_of_facility_covering(facility_id, day, query.status)
    day_rows = await repository.days_of([str(b.id) for b in rows])
    parents = await repository.parents_of(rows)
    facility_name = (await names_of([facility_id])).get(facility_id)
    items: list[DayBookingAnswer] = []
    for booking in rows:
        held_days = booking.slots or {}
        today_row = next((d for d in day_rows.get(str(booking.id), []) if d.date == day), None)
        if today_row is not None:
            if today_row.status == DayStatus.closed:
                continue  # the facility is closed that day: nobody is expected
        elif booking.status in repository.ACTIVE_STATUS_VALUES and day.isoformat() not in held_days:
            continue  # a day of its range the facility is closed
        child = booking.child
        items.append(
            booking_answer(
                DayBookingAnswer,
                booking,
                [days.day_answer(CareDayAnswer, d) for d in day_rows.get(str(booking.id), [])],
                facility_name=facility_name,
                hours=held_days.get(day.isoformat(), []),
                day_status=today_row.status if today_row is not None else None,
                # Masked: enough for the facility to match a caller to a booking, not to keep the number.
                parent=MaskedPhone(phone=masked_phone(res, booking.parent)),
                child=BookedChild(
                    id=str(child.id),
                    name=child.name,
                    age_months=age_in_months(child.birth_date, day),
                    # Staff receiving the child need them; the read is audited below with the rest.
                    allergies=child.allergies,
                ),
                allergies=child.allergies,
                emergency_contact=_emergency_contact(res, parents.get(fk(booking, "parent"))),
            )
        )
    await record_child_reads(caller, [item.child.id for item in items], facility_id)
    return DayBookingsAnswer(date=day, items=items, next_cursor=None)


async def occupancy(res: Resources, caller: Caller, day: date | None) -> OccupancyAnswer:
    return await occupancy_of_day(res, own_facility(caller), day)
