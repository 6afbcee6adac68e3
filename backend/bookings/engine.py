"""The place engine: one place in one class for every hour a booking covers, all or nothing.

The occupancy ledger holds one row per (class, date, hour) with the places taken. A booking takes
its places with a conditional UPDATE (`taken < capacity`) inside the caller's transaction and
checks that every hour was taken; anything less rolls back. Rows are always locked in the order
(class, date, hour), so two transactions never wait on each other in a cycle:

- SQLite: write transactions are BEGIN IMMEDIATE (config/sqlite_engine.py), so writers run one at
  a time and the conditional UPDATE sees the latest counts.
- PostgreSQL: one `INSERT ... ON CONFLICT DO UPDATE ... WHERE taken < capacity` makes the missing
  rows and takes the others, in (date, hour) order; the conflict arm locks each row and re-checks
  `taken < capacity` on its latest version, so concurrent bookings queue per row.
  A class's capacity is read under `FOR SHARE` on the class row, which a class change takes
  `FOR UPDATE`: a shrink never races a booking that read the old capacity.

The SQL itself, the ledger's and the classes', is in backend/bookings/ledger.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from backend.bookings import ledger
from backend.bookings.ledger import Slot, Slots, slot_count
from backend.bookings.plan import at, slots_from_json
from backend.calendar import now_local
from backend.errors import NoCapacity
from backend.rules import (
    DEFAULT_MIXED_CLASS_RATIO,
    ClassKind,
    class_capacity,
    kinds_for_age,
)

if TYPE_CHECKING:
    from tortoise.backends.base.client import BaseDBAsyncClient

    from backend.models import FacilityClass


@dataclass(frozen=True, slots=True)
class ClassSeat:
    """A class as the engine sees it: what kind of children it takes and how many at once."""

    id: str
    kind: ClassKind
    name: str
    places: int
    caregivers: int
    capacity: int

    def fits(self, age_months: int | None) -> bool:
        return age_months is None or self.kind in kinds_for_age(age_months)


def seat_of(klass: FacilityClass, mixed_ratio: int) -> ClassSeat:
    kind = ClassKind(klass.kind)
    return ClassSeat(
        id=str(klass.id),
        kind=kind,
        name=klass.name,
        places=klass.places,
        caregivers=klass.caregivers,
        capacity=class_capacity(kind, klass.places, klass.caregivers, mixed_ratio),
    )


async def read_classes(
    conn: BaseDBAsyncClient, facility_id: str, mixed_ratio: int, *, lock: str | None = None
) -> list[ClassSeat]:
    """A facility's active classes, in id order; `lock` "share"/"update" locks them on PostgreSQL."""
    seats = []
    for row in await ledger.class_rows(conn, facility_id, lock=lock):
        kind = ClassKind(row["kind"])
        places, caregivers = int(row["places"]), int(row["caregivers"])
        seats.append(
            ClassSeat(
                id=str(row["id"]),
                kind=kind,
                name=str(row["name"]),
                places=places,
                caregivers=caregivers,
                capacity=class_capacity(kind, places, caregivers, mixed_ratio),
            )
        )
    return seats


def fitting_classes(
    classes: Iterable[ClassSeat], age_months: int | None, age_min: int, age_max: int
) -> list[ClassSeat]:
    """The classes a child of this age may join (all of them when the age is not given)."""
    if age_months is not None and not age_min <= age_months <= age_max:
        return []
    return [seat for seat in classes if seat.fits(age_months)]


def room_in(seat: ClassSeat, taken: Mapping[tuple[str, date, int], int], slots: Slots) -> int:
    """Free places the class has for every one of these hours."""
    fullest = max(
        (taken.get((seat.id, day, hour), 0) for day, hours in slots.items() for hour in hours), default=0
    )
    return max(0, seat.capacity - fullest)


async def take_places(conn: BaseDBAsyncClient, candidates: Sequence[ClassSeat], slots: Slots) -> ClassSeat:
    """Takes one place for every slot in the fitting class with the most room (best fit).

    Must run inside the caller's transaction (`conn` is its connection). When the best class turns
    out full (its count moved since it was read), the next is tried; an attempt that is not the last
    runs in a savepoint, so its partial increments and row locks go when it fails. Raises NoCapacity
    when no class has room for every hour; the caller's transaction then rolls back.
    """
    if not candidates or slot_count(slots) == 0:
        raise NoCapacity()
    if len(candidates) == 1:
        # One class to choose from: nothing to rank, so its counts need not be read first.
        only = candidates[0]
        if only.capacity > 0 and await ledger.take_in_class(
            conn, only.id, only.capacity, slots, savepoint=False
        ):
            return only
        raise NoCapacity()
    first, last = min(slots), max(slots)
    taken = await ledger.taken_between(conn, [seat.id for seat in candidates], first, last)
    ranked = sorted(
        ((room_in(seat, taken, slots), seat) for seat in candidates), key=lambda pair: (-pair[0], pair[1].id)
    )
    with_room = [seat for room, seat in ranked if room > 0]
    for index, seat in enumerate(with_room):
        last_chance = index == len(with_room) - 1
        if await ledger.take_in_class(conn, seat.id, seat.capacity, slots, savepoint=not last_chance):
            return seat
    raise NoCapacity()


def split_at(slots: Slots, moment: datetime) -> tuple[dict[date, list[int]], dict[date, list[int]]]:
    """(the slots already begun at `moment`, the slots not yet begun)."""
    begun: dict[date, list[int]] = {}
    ahead: dict[date, list[int]] = {}
    for day in sorted(slots):
        for hour in sorted(set(slots[day])):
            (ahead if at(day, hour) > moment else begun).setdefault(day, []).append(hour)
    return begun, ahead


async def check_capacity_change(
    klass: FacilityClass,
    new_places: int,
    new_caregivers: int,
    *,
    mixed_ratio: int = DEFAULT_MIXED_CLASS_RATIO,
    now: datetime | None = None,
) -> list[str]:
    """The bookings holding hours still to come that the class, so changed, could not hold.

    An hour whose places taken exceed the new capacity makes every booking holding it answer; an
    empty list means the change leaves every booked hour within capacity.
    """
    new_capacity = class_capacity(ClassKind(klass.kind), new_places, new_caregivers, mixed_ratio)
    moment = now or now_local()
    over = {
        (day, hour)
        for day, hour in await ledger.hours_over(str(klass.id), new_capacity, moment.date())
        if at(day, hour + 1) > moment
    }
    if not over:
        return []
    return await bookings_holding(str(klass.id), over)


async def bookings_holding(class_id: str, wanted: set[Slot]) -> list[str]:
    """Active bookings of a class that hold any of these slots, by id."""
    if not wanted:
        return []
    first = min(day for day, _ in wanted)
    last = max(day for day, _ in wanted)
    bookings = await ledger.active_bookings_of_class_between(class_id, first, last)
    holding = []
    for booking in bookings:
        slots = slots_from_json(booking.slots)
        if any((day, hour) in wanted for day, hours in slots.items() for hour in hours):
            holding.append(str(booking.id))
    return sorted(holding)
