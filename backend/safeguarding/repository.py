"""Every query about admission health checks, pickup persons and pickup codes."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from backend.models import (
    Account,
    AdmissionHealthCheck,
    Booking,
    BookingDay,
    Child,
    Facility,
    PickupCode,
    PickupCodeTries,
    PickupPerson,
)
from backend.rules import BookingStatus, DayStatus

# Bookings whose child was in the building (checked in, and maybe out again).
PRESENT_STATUSES = (BookingStatus.checked_in, BookingStatus.checked_out)
PARENT_RELATION = "家长"


# Admission health checks


async def add_health_check(
    child: Child, checked_on: date, institution: str, result: str
) -> AdmissionHealthCheck:
    return await AdmissionHealthCheck.create(
        child_id=child.id, checked_on=checked_on, institution=institution, result=result
    )


async def health_checks_of(child: Child) -> list[AdmissionHealthCheck]:
    return await AdmissionHealthCheck.filter(child_id=child.id).order_by("-checked_on", "-created_at")


async def latest_health_check(child_id: str, since: date, until: date) -> AdmissionHealthCheck | None:
    """The child's most recent check examined between these days (a newer result overrides an older)."""
    return (
        await AdmissionHealthCheck.filter(child_id=child_id, checked_on__gte=since, checked_on__lte=until)
        .order_by("-checked_on", "-created_at")
        .first()
    )


async def facility_requires_admission_check(facility_id: str) -> bool:
    flags = await Facility.filter(id=facility_id).values_list("requires_admission_check", flat=True)
    return bool(flags[0]) if flags else True


async def present_at_facility_since(child_id: str, facility_id: str, since: date) -> bool:
    """Whether the child was present at the facility on a day from `since` on."""
    return await BookingDay.filter(
        booking__child_id=child_id,
        booking__facility_id=facility_id,
        status__in=(DayStatus.present, DayStatus.left),
        date__gte=since,
    ).exists()


async def purge_health_checks(cutoff: date, present_since: datetime) -> int:
    """Deletes the checks nothing needs any more; answers how many.

    A check older than `cutoff` (three months) can no longer admit a child: it goes once a newer
    check replaced it, or when the child has not been in care anywhere since `present_since`. A
    deleted (anonymised) child's checks all go.
    """
    gone = await _deleted_children()
    deleted = await AdmissionHealthCheck.filter(child_id__in=gone).delete() if gone else 0
    old = await AdmissionHealthCheck.filter(checked_on__lt=cutoff).values_list("id", "child_id", "checked_on")
    if not old:
        return deleted
    children = {child_id for _, child_id, _ in old}
    newest = dict.fromkeys(children, date.min)
    for child_id, checked_on in await AdmissionHealthCheck.filter(child_id__in=children).values_list(
        "child_id", "checked_on"
    ):
        newest[child_id] = max(newest[child_id], checked_on)
    in_care = set(
        await Booking.filter(
            child_id__in=children, status__in=PRESENT_STATUSES, last_hour_end_at__gte=present_since
        ).values_list("child_id", flat=True)
    )
    doomed = [
        check_id
        for check_id, child_id, checked_on in old
        if checked_on < newest[child_id] or child_id not in in_care
    ]
    if doomed:
        deleted += await AdmissionHealthCheck.filter(id__in=doomed).delete()
    return deleted


# Pickup persons


async def pickup_persons_of(child: Child) -> list[PickupPerson]:
    # The parent's own entry first, then the others in the order they were added.
    rows = await PickupPerson.filter(child_id=child.id).order_by("created_at", "id")
    return sorted(rows, key=lambda person: person.parent_of is None)


async def ensure_parent_entry(child: Child) -> None:
    """Puts the parent on the child's list if not there yet (a child added before lists existed too).

    Its own savepoint: a concurrent first read inserting it too loses on the unique parent_of only.
    """
    if await PickupPerson.exists(parent_of=str(child.id)):
        return
    parent = await Account.get(id=child.parent_id)  # type: ignore[attr-defined]
    try:
        async with in_transaction():
            await PickupPerson.create(
                child_id=child.id,
                name=parent.display_name or PARENT_RELATION,
                relation=PARENT_RELATION,
                phone_enc=parent.phone_enc,
                phone_last4=parent.phone_last4,
                parent_of=str(child.id),
            )
    except IntegrityError:
        pass


async def child_of(child_id: str) -> Child:
    return await Child.get(id=child_id)


async def count_pickup_persons(child: Child) -> int:
    return await PickupPerson.filter(child_id=child.id).count()


async def add_pickup_person(
    child: Child, name: str, relation: str, phone_enc: str, last4: str
) -> PickupPerson:
    return await PickupPerson.create(
        child_id=child.id, name=name, relation=relation, phone_enc=phone_enc, phone_last4=last4
    )


async def pickup_person_of_child(person_id: uuid.UUID | str, child_id: str) -> PickupPerson | None:
    try:
        key = person_id if isinstance(person_id, uuid.UUID) else uuid.UUID(person_id)
    except ValueError:
        return None
    return await PickupPerson.get_or_none(id=key, child_id=child_id)


async def delete_pickup_person(person: PickupPerson) -> None:
    await PickupPerson.filter(id=person.id).delete()


async def purge_pickup_persons_of_deleted_children() -> int:
    gone = await _deleted_children()
    return await PickupPerson.filter(child_id__in=gone).delete() if gone else 0


async def _deleted_children() -> list[uuid.UUID]:
    ids = await Child.filter(deleted_at__isnull=False).values_list("id", flat=True)
    return [uuid.UUID(str(child_id)) for child_id in ids]


# Pickup codes


async def live_codes_count(booking_id: str, day: date) -> int:
    return await PickupCode.filter(booking_id=booking_id, date=day, used_at__isnull=True).count()


async def add_pickup_code(
    booking_id: str, day: date, person_name: str, code_hash: str, expires_at: datetime
) -> PickupCode:
    return await PickupCode.create(
        booking_id=booking_id, date=day, person_name=person_name, code_hash=code_hash, expires_at=expires_at
    )


async def find_pickup_code(booking_id: str, day: date, code_hash: str) -> PickupCode | None:
    return await PickupCode.filter(booking_id=booking_id, date=day, code_hash=code_hash).first()


async def use_pickup_code(code_id: uuid.UUID, now: datetime) -> bool:
    """Spends the code if nobody spent it yet: one conditional statement, so two check-outs racing
    with the same code cannot both spend it."""
    spent = await PickupCode.filter(id=code_id, used_at__isnull=True, expires_at__gt=now).update(used_at=now)
    return spent == 1


async def wrong_code_tries(booking_id: str, day: date) -> int:
    counts = await PickupCodeTries.filter(booking_id=booking_id, date=day).values_list("wrong", flat=True)
    return int(str(counts[0])) if counts else 0


async def count_wrong_code(booking_id: str, day: date) -> None:
    """One more wrong code for the day (race-safe: an atomic increment, or the row's insert)."""
    async with in_transaction():
        for _ in range(3):
            if await PickupCodeTries.filter(booking_id=booking_id, date=day).update(wrong=F("wrong") + 1):
                return
            try:
                async with in_transaction():
                    await PickupCodeTries.create(booking_id=booking_id, date=day, wrong=1)
                return
            except IntegrityError:
                continue


async def purge_pickup_codes(before: date) -> int:
    """Codes (used or not) and wrong-try counts of days before `before`: nothing reads them again."""
    codes = await PickupCode.filter(Q(date__lt=before)).delete()
    await PickupCodeTries.filter(date__lt=before).delete()
    return codes
