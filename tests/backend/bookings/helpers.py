"""Helpers for booking tests: a frozen service clock, parents with children, open days, ledger checks."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any

from backend.bookings import attendance, engine, ledger
from backend.bookings.schemas import (
    AbsenceRequest,
    BookingDetailAnswer,
    BookingRequest,
    CheckInRequest,
    CheckOutRequest,
    DayRequest,
    HealthCheck,
)
from backend.calendar import SERVICE_TZ, FixedClock, is_statutory_open_day, set_clock, today_local
from backend.context import Caller, Resources
from backend.models import Account, Booking, Child, Facility, FacilityClass, PickupPerson
from backend.safeguarding import repository as safeguarding_repository
from tests.factories import make_account, make_child, make_parent

EVERY_DAY = (1, 2, 3, 4, 5, 6, 7)


def shanghai(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SERVICE_TZ)


@contextmanager
def frozen_at(moment: datetime) -> Iterator[FixedClock]:
    clock = FixedClock(moment)
    previous = set_clock(clock)
    try:
        yield clock
    finally:
        set_clock(previous)


def open_day_on_or_after(start: date, weekdays: tuple[int, ...] = EVERY_DAY) -> date:
    day = start
    while not is_statutory_open_day(day, weekdays):
        day += timedelta(days=1)
    return day


def open_days_from(start: date, count: int) -> list[date]:
    days: list[date] = []
    day = start
    while len(days) < count:
        day = open_day_on_or_after(day)
        days.append(day)
        day += timedelta(days=1)
    return days


def months_before(day: date, months: int) -> date:
    """A birth date making a child `months` whole months old on `day` (and for a few weeks after)."""
    year, month = day.year, day.month - months
    while month <= 0:
        month += 12
        year -= 1
    return date(year, month, 1)


async def parent_with_child(
    res: Resources, age_months: int = 18, on: date | None = None
) -> tuple[Account, str, Child, Caller]:
    parent, token = await make_parent(res)
    child = await make_child(parent, months_before(on or today_local(), age_months))
    return parent, token, child, Caller(account_id=str(parent.id), role="parent")


async def facility_staff(
    res: Resources, facility: Facility, role: str = "facility_admin"
) -> tuple[Account, str, Caller]:
    account, token = await make_account(res, role, facility)
    return account, token, Caller(account_id=str(account.id), role=role, facility_id=str(facility.id))


def request_for(
    facility: Facility, child: Child, care_type: str, start: date, **fields: Any
) -> BookingRequest:
    return BookingRequest.model_validate(
        {
            "facility_id": str(facility.id),
            "child_id": str(child.id),
            "care_type": care_type,
            "start_date": start.isoformat(),
            **{k: (v.isoformat() if isinstance(v, date) else v) for k, v in fields.items()},
        }
    )


def new_key() -> str:
    return uuid.uuid4().hex


async def class_ids_of(facility: Facility) -> list[str]:
    return [str(k.id) for k in await FacilityClass.filter(facility_id=facility.id)]


async def assert_ledger_true(facility: Facility, mixed_ratio: int = 5) -> None:
    """The ledger equals a recount from the bookings, and no hour is over its class's capacity."""
    ids = await class_ids_of(facility)
    assert await ledger.taken_counts(ids) == await ledger.recount(ids)
    capacities = {}
    for klass in await FacilityClass.filter(facility_id=facility.id, is_active=True):
        capacities[str(klass.id)] = engine.seat_of(klass, mixed_ratio).capacity
    for (class_id, _day, _hour), taken in (await ledger.taken_counts(ids)).items():
        if class_id in capacities:
            assert taken <= capacities[class_id]


def morning_check(temperature_c: float = 36.6, result: str = "normal", **items: Any) -> HealthCheck:
    """A morning check (晨检) that admits the child unless told otherwise."""
    return HealthCheck.model_validate({"temperature_c": temperature_c, "result": result, **items})


async def check_in(
    res: Resources, caller: Caller, booking_id: str, day: date | None = None, **check: Any
) -> BookingDetailAnswer:
    return await attendance.check_in(
        res, caller, booking_id, CheckInRequest(date=day, health_check=morning_check(**check))
    )


async def check_out(
    res: Resources,
    caller: Caller,
    booking_id: str,
    day: date | None = None,
    *,
    pickup_code: str | None = None,
) -> BookingDetailAnswer:
    """Check-out on a day; without a code the child goes home with the booking's parent."""
    person_id = None if pickup_code is not None else await parents_pickup_entry(booking_id)
    body = CheckOutRequest(date=day, pickup_person_id=person_id, pickup_code=pickup_code)
    return await attendance.check_out(res, caller, booking_id, body)


async def parents_pickup_entry(booking_id: str) -> uuid.UUID:
    """The id of the booking's parent on the child's pickup list (made as the parent's first read would)."""
    booking = await Booking.get(id=booking_id).prefetch_related("child")
    await safeguarding_repository.ensure_parent_entry(booking.child)
    person = await PickupPerson.get(parent_of=str(booking.child.id))
    return person.id


async def no_show(
    res: Resources, caller: Caller, booking_id: str, day: date | None = None
) -> BookingDetailAnswer:
    return await attendance.no_show(res, caller, booking_id, DayRequest(date=day))


async def report_absence(
    res: Resources, caller: Caller, booking_id: str, days: list[date], reason: str = "sick"
) -> BookingDetailAnswer:
    body = AbsenceRequest.model_validate({"dates": [d.isoformat() for d in days], "reason": reason})
    return await attendance.report_absence(res, caller, booking_id, body)
