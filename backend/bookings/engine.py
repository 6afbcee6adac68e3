"""The place engine: one place in one class for every hour a booking covers, all or nothing.

The occupancy ledger holds one row per (class, date, hour) with the places taken. A booking takes
its places with a conditional UPDATE (`taken < capacity`) inside the caller's transaction and
checks that every hour was taken; anything less rolls back. Rows are always locked in the order
(class, date, hour), so two transactions never wait on each other in a cycle:

- SQLite: write transactions are BEGIN IMMEDIATE (config/sqlite_engine.py), so writers run one at
  a time and the conditional UPDATE sees the latest counts.
- PostgreSQL: the UPDATE locks its rows through an ordered `SELECT ... FOR UPDATE` sub-select and
  re-checks `taken < capacity` on the latest row version, so concurrent bookings queue per row.
  A class's capacity is read under `FOR SHARE` on the class row, which a class change takes
  `FOR UPDATE`: a shrink never races a booking that read the old capacity.

Raw SQL goes through Tortoise's connection with the placeholder style of its dialect.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from backend.bookings.plan import at, slots_from_json
from backend.calendar import now_local
from backend.db.dialect import Statement, is_postgres
from backend.errors import NoCapacity
from backend.models import Booking, FacilityClass, Occupancy, WaitlistOffer
from backend.rules import (
    ACTIVE_BOOKING_STATUSES,
    DEFAULT_MIXED_CLASS_RATIO,
    ClassKind,
    class_capacity,
    kinds_for_age,
)

Slot = tuple[date, int]
Slots = Mapping[date, Sequence[int]]


def _slot_condition(stmt: Statement, slots: Slots) -> str:
    # A booking's days usually share one set of hours, so this is one (dates x hours) term.
    dates_by_hours: dict[tuple[int, ...], list[date]] = {}
    for day in sorted(slots):
        hours = tuple(sorted(set(slots[day])))
        if hours:
            dates_by_hours.setdefault(hours, []).append(day)
    terms = [
        f"({stmt.in_list('date', days, 'date')} AND {stmt.in_list('hour', list(hours), 'smallint')})"
        for hours, days in dates_by_hours.items()
    ]
    return "(" + " OR ".join(terms) + ")"


def slot_count(slots: Slots) -> int:
    return sum(len(set(hours)) for hours in slots.values())


def fk_id(instance: object, name: str) -> str:
    return str(getattr(instance, f"{name}_id"))


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


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
    stmt = Statement(conn)
    sql = (
        "SELECT id, kind, name, places, caregivers FROM facility_classes "
        f"WHERE facility_id = {stmt.param(uuid.UUID(facility_id) if stmt.postgres else facility_id)} "
        "AND is_active ORDER BY id"
    )
    if stmt.postgres and lock is not None:
        sql += " FOR SHARE" if lock == "share" else " FOR UPDATE"
    rows = await conn.execute_query_dict(sql, stmt.params)
    seats = []
    for row in rows:
        kind = ClassKind(row["kind"])
        seats.append(
            ClassSeat(
                id=str(row["id"]),
                kind=kind,
                name=str(row["name"]),
                places=int(row["places"]),
                caregivers=int(row["caregivers"]),
                capacity=class_capacity(kind, int(row["places"]), int(row["caregivers"]), mixed_ratio),
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


async def taken_between(
    conn: BaseDBAsyncClient, class_ids: Sequence[str], start: date, end: date
) -> dict[tuple[str, date, int], int]:
    """Places taken per (class, date, hour) from start to end inclusive; absent means none."""
    if not class_ids:
        return {}
    stmt = Statement(conn)
    ids = [uuid.UUID(c) for c in class_ids] if stmt.postgres else list(class_ids)
    sql = (
        "SELECT klass_id, date, hour, taken FROM occupancy "
        f"WHERE {stmt.in_list('klass_id', ids, 'uuid')} "
        f"AND date >= {stmt.param(start)} AND date <= {stmt.param(end)} AND taken > 0"
    )
    rows = await conn.execute_query_dict(sql, stmt.params)
    return {(str(r["klass_id"]), _as_date(r["date"]), int(r["hour"])): int(r["taken"]) for r in rows}


def room_in(seat: ClassSeat, taken: Mapping[tuple[str, date, int], int], slots: Slots) -> int:
    """Free places the class has for every one of these hours."""
    fullest = max(
        (taken.get((seat.id, day, hour), 0) for day, hours in slots.items() for hour in hours), default=0
    )
    return max(0, seat.capacity - fullest)


async def _ensure_rows(conn: BaseDBAsyncClient, class_id: str, slots: Slots) -> None:
    ordered = sorted((day, hour) for day, hours in slots.items() for hour in set(hours))
    stmt = Statement(conn)
    if stmt.postgres:
        klass = stmt.class_id(class_id)
        days = stmt.param([day for day, _ in ordered])
        hours = stmt.param([hour for _, hour in ordered])
        sql = (
            "INSERT INTO occupancy (klass_id, date, hour, taken) "
            f"SELECT {klass}, d, h, 0 FROM unnest({days}::date[], {hours}::smallint[]) AS t(d, h) "
            "ORDER BY d, h ON CONFLICT (klass_id, date, hour) DO NOTHING"
        )
    else:
        values = ", ".join(
            f"({stmt.class_id(class_id)}, {stmt.param(day)}, {stmt.param(hour)}, 0)" for day, hour in ordered
        )
        sql = (
            f"INSERT INTO occupancy (klass_id, date, hour, taken) VALUES {values} "
            "ON CONFLICT (klass_id, date, hour) DO NOTHING"
        )
    await conn.execute_query(sql, stmt.params)


def _locked_rows(stmt: Statement, class_id: str, slots: Slots) -> str:
    # The ordered sub-select takes the row locks in (date, hour) order (PostgreSQL only).
    return (
        f"id IN (SELECT id FROM occupancy WHERE klass_id = {stmt.class_id(class_id)} "
        f"AND {_slot_condition(stmt, slots)} ORDER BY date, hour FOR UPDATE)"
    )


async def _take_in_class(conn: BaseDBAsyncClient, seat: ClassSeat, slots: Slots) -> bool:
    """Takes one place in the class for every slot, or reports False having taken some of them."""
    await _ensure_rows(conn, seat.id, slots)
    stmt = Statement(conn)
    if stmt.postgres:
        where = _locked_rows(stmt, seat.id, slots)
    else:
        where = f"klass_id = {stmt.class_id(seat.id)} AND {_slot_condition(stmt, slots)}"
    sql = f"UPDATE occupancy SET taken = taken + 1 WHERE {where} AND taken < {stmt.param(seat.capacity)}"
    affected, _ = await conn.execute_query(sql, stmt.params)
    return int(affected) == slot_count(slots)


class _AttemptFailed(Exception):
    pass


async def take_places(conn: BaseDBAsyncClient, candidates: Sequence[ClassSeat], slots: Slots) -> ClassSeat:
    """Takes one place for every slot in the fitting class with the most room (best fit).

    Must run inside the caller's transaction (`conn` is its connection). When the best class turns
    out full (its count moved since it was read), the next is tried; an attempt that is not the last
    runs in a savepoint, so its partial increments and row locks go when it fails. Raises NoCapacity
    when no class has room for every hour; the caller's transaction then rolls back.
    """
    if not candidates or slot_count(slots) == 0:
        raise NoCapacity()
    first, last = min(slots), max(slots)
    taken = await taken_between(conn, [seat.id for seat in candidates], first, last)
    ranked = sorted(
        ((room_in(seat, taken, slots), seat) for seat in candidates), key=lambda pair: (-pair[0], pair[1].id)
    )
    with_room = [seat for room, seat in ranked if room > 0]
    for index, seat in enumerate(with_room):
        if index == len(with_room) - 1:
            if await _take_in_class(conn, seat, slots):
                return seat
            break
        try:
            async with in_transaction() as attempt:
                if not await _take_in_class(attempt, seat, slots):
                    raise _AttemptFailed()
        except _AttemptFailed:
            continue
        return seat
    raise NoCapacity()


async def release_places(conn: BaseDBAsyncClient, releases: Mapping[str, Mapping[Slot, int]]) -> None:
    """Gives back places: releases[class_id][(date, hour)] places per slot, never below zero.

    Runs inside the caller's transaction; classes in id order and rows in (date, hour) order.
    """
    for class_id in sorted(releases):
        counts = {slot: n for slot, n in releases[class_id].items() if n > 0}
        if not counts:
            continue
        by_amount: dict[int, dict[date, list[int]]] = {}
        for (day, hour), amount in sorted(counts.items()):
            by_amount.setdefault(amount, {}).setdefault(day, []).append(hour)
        postgres = is_postgres(conn)
        if postgres and len(by_amount) > 1:
            every_slot: dict[date, list[int]] = {}
            for day, hour in counts:
                every_slot.setdefault(day, []).append(hour)
            lock = Statement(conn)
            await conn.execute_query_dict(
                f"SELECT id FROM occupancy WHERE klass_id = {lock.class_id(class_id)} "
                f"AND {_slot_condition(lock, every_slot)} ORDER BY date, hour FOR UPDATE",
                lock.params,
            )
        for amount, slots in sorted(by_amount.items()):
            stmt = Statement(conn)
            n = stmt.param(amount)
            n_again = stmt.param(amount)
            if postgres and len(by_amount) == 1:
                where = _locked_rows(stmt, class_id, slots)
            else:
                where = f"klass_id = {stmt.class_id(class_id)} AND {_slot_condition(stmt, slots)}"
            sql = (
                f"UPDATE occupancy SET taken = CASE WHEN taken > {n} THEN taken - {n_again} ELSE 0 END "
                f"WHERE {where} AND taken > 0"
            )
            await conn.execute_query(sql, stmt.params)


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
    rows = await Occupancy.filter(
        klass_id=klass.id, date__gte=moment.date(), taken__gt=new_capacity
    ).values_list("date", "hour")
    over = {(_as_date(day), int(hour)) for day, hour in rows if at(_as_date(day), int(hour) + 1) > moment}
    if not over:
        return []
    return await bookings_holding(str(klass.id), over)


async def bookings_holding(class_id: str, wanted: set[Slot]) -> list[str]:
    """Active bookings of a class that hold any of these slots, by id."""
    if not wanted:
        return []
    first = min(day for day, _ in wanted)
    last = max(day for day, _ in wanted)
    bookings = await Booking.filter(
        klass_id=class_id,
        status__in=[s.value for s in ACTIVE_BOOKING_STATUSES],
        start_date__lte=last,
        end_date__gte=first,
    ).only("id", "slots")
    holding = []
    for booking in bookings:
        slots = slots_from_json(booking.slots)
        if any((day, hour) in wanted for day, hours in slots.items() for hour in hours):
            holding.append(str(booking.id))
    return sorted(holding)


async def ledger(class_ids: Sequence[str]) -> Counter[tuple[str, date, int]]:
    """What the occupancy ledger says is taken (non-zero rows only)."""
    rows = await Occupancy.filter(klass_id__in=list(class_ids), taken__gt=0).values_list(
        "klass_id", "date", "hour", "taken"
    )
    return Counter({(str(k), _as_date(d), int(h)): int(t) for k, d, h, t in rows})


async def recount(class_ids: Sequence[str]) -> Counter[tuple[str, date, int]]:
    """What the bookings say is taken: every booking's slots are the places it still holds, and a
    waitlist offer's slots the places it holds for its parent (a hold is occupancy too)."""
    counts: Counter[tuple[str, date, int]] = Counter()
    bookings: list[Booking | WaitlistOffer] = [
        *await Booking.filter(klass_id__in=list(class_ids)).only("klass_id", "slots"),
        *await WaitlistOffer.filter(klass_id__in=list(class_ids)).only("klass_id", "slots"),
    ]
    for booking in bookings:
        class_id = fk_id(booking, "klass")
        for day, hours in slots_from_json(booking.slots).items():
            for hour in hours:
                counts[(class_id, day, hour)] += 1
    return counts
