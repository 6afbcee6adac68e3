"""The occupancy ledger and the class rows, in SQL: the place engine's repository.

One row per (class, date, hour) holds the places taken. Taking is a conditional UPDATE
(`taken < capacity`) that reports whether every hour was taken; rows are locked in (class, date,
hour) order (see backend/bookings/engine.py for why that order and what each database does).
Raw SQL goes through Tortoise's connection, rendered for its dialect by backend/db/dialect.py.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from backend.bookings.plan import slots_from_json
from backend.bookings.repository import fk
from backend.db.dialect import Statement, as_date, current_connection, is_postgres
from backend.models import Booking, Occupancy, WaitlistOffer
from backend.rules import ACTIVE_BOOKING_STATUSES

Slot = tuple[date, int]
Slots = Mapping[date, Sequence[int]]


def slot_count(slots: Slots) -> int:
    return sum(len(set(hours)) for hours in slots.values())


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


async def class_rows(
    conn: BaseDBAsyncClient, facility_id: str, *, lock: str | None = None
) -> list[dict[str, Any]]:
    """A facility's active classes (id, kind, name, places, caregivers) in id order; `lock`
    "share"/"update" locks them on PostgreSQL."""
    stmt = Statement(conn)
    sql = (
        "SELECT id, kind, name, places, caregivers FROM facility_classes "
        f"WHERE facility_id = {stmt.param(uuid.UUID(facility_id) if stmt.postgres else facility_id)} "
        "AND is_active ORDER BY id"
    )
    if stmt.postgres and lock is not None:
        sql += " FOR SHARE" if lock == "share" else " FOR UPDATE"
    return list(await conn.execute_query_dict(sql, stmt.params))


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
    return {(str(r["klass_id"]), as_date(r["date"]), int(r["hour"])): int(r["taken"]) for r in rows}


async def _ensure_rows(conn: BaseDBAsyncClient, class_id: str, slots: Slots) -> None:
    """SQLite: a row at 0 for every slot that has none, for the conditional UPDATE to take."""
    ordered = sorted((day, hour) for day, hours in slots.items() for hour in set(hours))
    stmt = Statement(conn)
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


async def _take_each(conn: BaseDBAsyncClient, class_id: str, capacity: int, slots: Slots) -> bool:
    """Takes one place in the class for every slot, or reports False having taken some of them."""
    if is_postgres(conn):
        return await _take_each_upserting(conn, class_id, capacity, slots)
    await _ensure_rows(conn, class_id, slots)
    stmt = Statement(conn)
    where = f"klass_id = {stmt.class_id(class_id)} AND {_slot_condition(stmt, slots)}"
    sql = f"UPDATE occupancy SET taken = taken + 1 WHERE {where} AND taken < {stmt.param(capacity)}"
    affected, _ = await conn.execute_query(sql, stmt.params)
    return int(affected) == slot_count(slots)


async def _take_each_upserting(conn: BaseDBAsyncClient, class_id: str, capacity: int, slots: Slots) -> bool:
    """PostgreSQL: the rows made and taken in one statement (one round trip instead of two).

    A slot with no row yet is inserted as taken once; a slot with a row is taken only while under
    capacity (a row at capacity is locked but left as it is, and not counted). The slots come in
    (date, hour) order, so the row locks are taken in the order every other change takes them.
    """
    ordered = sorted((day, hour) for day, hours in slots.items() for hour in set(hours))
    stmt = Statement(conn)
    klass = stmt.class_id(class_id)
    days = stmt.param([day for day, _ in ordered])
    hours = stmt.param([hour for _, hour in ordered])
    limit = stmt.param(capacity)
    sql = (
        "INSERT INTO occupancy (klass_id, date, hour, taken) "
        f"SELECT {klass}, d, h, 1 FROM unnest({days}::date[], {hours}::smallint[]) AS t(d, h) "
        f"WHERE {limit} > 0 ORDER BY d, h ON CONFLICT (klass_id, date, hour) "
        f"DO UPDATE SET taken = occupancy.taken + 1 WHERE occupancy.taken < {limit} "
        "RETURNING hour"
    )
    # One row back per slot inserted or taken, counted here: Tortoise's execute_query reads an
    # INSERT's count from its status tag ("INSERT 0 n") at the wrong place, so it cannot say.
    taken = await conn.execute_query_dict(sql, stmt.params)
    return len(taken) == len(ordered)


class _AttemptFailed(Exception):
    pass


async def take_in_class(
    conn: BaseDBAsyncClient, class_id: str, capacity: int, slots: Slots, *, savepoint: bool
) -> bool:
    """Takes one place in the class for every slot; answers whether it could. With `savepoint` a
    failed take leaves nothing behind (its partial increments and row locks go with the
    savepoint), so the caller may try another class; without it the caller's transaction must
    roll back on False."""
    if not savepoint:
        return await _take_each(conn, class_id, capacity, slots)
    try:
        async with in_transaction() as attempt:
            if not await _take_each(attempt, class_id, capacity, slots):
                raise _AttemptFailed()
    except _AttemptFailed:
        return False
    return True


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


async def hours_over(class_id: str, capacity: int, from_date: date) -> list[Slot]:
    """The (date, hour)s from `from_date` on where the class holds more than `capacity` places."""
    rows = await Occupancy.filter(klass_id=class_id, date__gte=from_date, taken__gt=capacity).values_list(
        "date", "hour"
    )
    return [(as_date(day), int(hour)) for day, hour in rows]


async def active_bookings_of_class_between(class_id: str, first: date, last: date) -> list[Booking]:
    """Active bookings of a class that overlap these days (their ids and slots only)."""
    return list(
        await Booking.filter(
            klass_id=class_id,
            status__in=list(ACTIVE_BOOKING_STATUSES),
            start_date__lte=last,
            end_date__gte=first,
        ).only("id", "slots")
    )


async def taken_counts(class_ids: Sequence[str]) -> Counter[tuple[str, date, int]]:
    """What the occupancy ledger says is taken (non-zero rows only)."""
    rows = await Occupancy.filter(klass_id__in=list(class_ids), taken__gt=0).values_list(
        "klass_id", "date", "hour", "taken"
    )
    return Counter({(str(k), as_date(d), int(h)): int(t) for k, d, h, t in rows})


async def recount(class_ids: Sequence[str]) -> Counter[tuple[str, date, int]]:
    """What the bookings say is taken: every booking's slots are the places it still holds, and a
    waitlist offer's slots the places it holds for its parent (a hold is occupancy too)."""
    counts: Counter[tuple[str, date, int]] = Counter()
    bookings: list[Booking | WaitlistOffer] = [
        *await Booking.filter(klass_id__in=list(class_ids)).only("klass_id", "slots"),
        *await WaitlistOffer.filter(klass_id__in=list(class_ids)).only("klass_id", "slots"),
    ]
    for booking in bookings:
        class_id = fk(booking, "klass")
        for day, hours in slots_from_json(booking.slots).items():
            for hour in hours:
                counts[(class_id, day, hour)] += 1
    return counts


def default_connection() -> BaseDBAsyncClient:
    """The connection reads outside a unit of work use (availability, vacancy rebuilds)."""
    return current_connection()
