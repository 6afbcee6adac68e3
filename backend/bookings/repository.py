"""Every query of the bookings domain, with access-scoped getters: "not yours" looks like "missing"."""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple, TypeVar

from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.queryset import QuerySet

from backend.accounts.repository import uuid_or_not_found
from backend.db.dialect import Statement, as_date, current_connection, is_postgres
from backend.db.paging import page_by_creation
from backend.errors import NotFound
from backend.models import (
    Account,
    Booking,
    BookingDay,
    BookingEvent,
    Child,
    Closure,
    Facility,
    FacilityClass,
    IdempotencyKey,
    Occupancy,
)
from backend.rules import ACTIVE_BOOKING_STATUSES, BookingStatus, DayStatus, bookable_filter

M = TypeVar("M", bound=Model)

ACTIVE_STATUS_VALUES: tuple[str, ...] = tuple(sorted(s.value for s in ACTIVE_BOOKING_STATUSES))


def fk(instance: object, name: str) -> str:
    """The id a foreign key points to, as the API shows ids (Tortoise adds `<name>_id` at runtime)."""
    return str(getattr(instance, f"{name}_id"))


async def _first_or_missing(query: QuerySet[M], what: str, *, lock: bool) -> M:
    if lock:
        query = query.select_for_update()
    found = await query.first()
    if found is None:
        raise NotFound(f"No such {what}.")
    return found


@dataclass(frozen=True)
class BookedChild:
    """What a booking needs of the child: whom it is for and how old they will be."""

    id: str
    birth_date: date


# The reads every booking makes are written by hand: they are most of a booking's cost, and the
# ORM builds each query anew (issue 14, bench/PROFILE.md).


async def lock_child_for_booking(child_id: str, parent_id: str) -> BookedChild:
    """The parent's own child, not deleted, locked for the booking's transaction (two bookings of
    one child are serialised, so each one's clash check sees the other)."""
    conn = current_connection()
    stmt = Statement(conn)
    key = str(uuid_or_not_found(child_id, "child"))
    sql = (
        f"SELECT id, birth_date FROM children WHERE id = {stmt.id(key)} "
        f"AND parent_id = {stmt.id(parent_id)} AND deleted_at IS NULL{stmt.for_update()}"
    )
    rows = await conn.execute_query_dict(sql, stmt.params)
    if not rows:
        raise NotFound("No such child.")
    return BookedChild(id=str(rows[0]["id"]), birth_date=as_date(rows[0]["birth_date"]))


async def get_child_for_parent(child_id: str, parent_id: str, *, lock: bool = False) -> Child:
    """The parent's own child, not deleted (a deleted child is kept anonymised for its history).

    `lock` serialises two bookings of one child (a PostgreSQL row lock; SQLite writers are serial
    anyway), so each one's clash check sees the other.
    """
    query = Child.filter(
        id=uuid_or_not_found(child_id, "child"), parent_id=parent_id, deleted_at__isnull=True
    )
    return await _first_or_missing(query, "child", lock=lock)


async def get_facility(facility_id: str) -> Facility:
    return await _first_or_missing(
        Facility.filter(id=uuid_or_not_found(facility_id, "facility")), "facility", lock=False
    )


# What placing a booking reads of its facility (and the vacancy refresh after it): not the
# description, disclosure or address, which make most of the row and of turning it into a model.
BOOKING_FACILITY_COLUMNS = (
    "id",
    "name",
    "filing_status",
    "suspended",
    "care_types",
    "prices",
    "full_day_hours",
    "am_hours",
    "pm_hours",
    "open_weekdays",
    "auto_confirm",
    "cancel_before_hours",
    "age_min_months",
    "age_max_months",
)


async def get_facility_for_booking(facility_id: str, start: date, end: date) -> tuple[Facility, list[date]]:
    """The facility with BOOKING_FACILITY_COLUMNS alone (a partial model: read it, never save it)
    and its closed days from start to end, in one statement. Written by hand: building this query
    through the ORM cost more of a booking's time than any other read (the `.only()` resolution
    and pypika), and the closures came in a round trip of their own."""
    key = str(uuid_or_not_found(facility_id, "facility"))
    conn = current_connection()
    stmt = Statement(conn)
    # In no order (SQLite's aggregate keeps none): sorted below.
    days = "json_agg(c.date)" if stmt.postgres else "json_group_array(c.date)"
    columns = ", ".join(f"f.{column}" for column in BOOKING_FACILITY_COLUMNS)
    sql = (
        f"SELECT {columns}, (SELECT {days} FROM closures c WHERE c.facility_id = f.id "
        f"AND c.date >= {stmt.param(start)} AND c.date <= {stmt.param(end)}) AS closed_days "
        # Rendered in the order they appear: SQLite's placeholders are positional.
        f"FROM facilities f WHERE f.id = {stmt.id(key)}"
    )
    rows = await conn.execute_query_dict(sql, stmt.params)
    if not rows:
        raise NotFound("No such facility.")
    row = dict(rows[0])
    closed = json.loads(row.pop("closed_days") or "[]")
    return Facility._init_from_db(**row), sorted(date.fromisoformat(day) for day in closed)


async def get_booking_for_parent(booking_id: str, parent_id: str, *, lock: bool = False) -> Booking:
    query = Booking.filter(id=uuid_or_not_found(booking_id, "booking"), parent_id=parent_id)
    return await _first_or_missing(query, "booking", lock=lock)


async def get_booking_for_facility(booking_id: str, facility_id: str, *, lock: bool = False) -> Booking:
    query = Booking.filter(id=uuid_or_not_found(booking_id, "booking"), facility_id=facility_id)
    return await _first_or_missing(query, "booking", lock=lock)


async def get_booking(booking_id: str) -> Booking | None:
    return await Booking.get_or_none(id=booking_id)


async def page_of_parent_bookings(
    parent_id: str, status: BookingStatus | None, *, secret_key: str, limit: int, cursor: str | None
) -> tuple[list[Booking], str | None]:
    query = Booking.filter(parent_id=parent_id)
    if status is not None:
        query = query.filter(status=status.value)
    return await page_by_creation(query, secret_key=secret_key, limit=limit, cursor=cursor, newest_first=True)


async def events_of(booking: Booking) -> list[BookingEvent]:
    return list(await BookingEvent.filter(booking_id=booking.id).order_by("created_at", "id"))


async def closed_dates(facility_id: str, start: date, end: date) -> list[date]:
    conn = current_connection()
    stmt = Statement(conn)
    sql = (
        f"SELECT date FROM closures WHERE facility_id = {stmt.id(facility_id)} "
        f"AND date >= {stmt.param(start)} AND date <= {stmt.param(end)}"
    )
    return [as_date(row["date"]) for row in await conn.execute_query_dict(sql, stmt.params)]


class HeldSlots(NamedTuple):
    id: str
    slots: Any  # as stored: {"YYYY-MM-DD": [hour, ...]}


async def active_bookings_of_child(child_id: str, start: date, end: date) -> list[HeldSlots]:
    """The child's active bookings that overlap start to end, with the hours they hold."""
    conn = current_connection()
    stmt = Statement(conn)
    # Rendered in the order they appear: SQLite's placeholders are positional.
    child = stmt.id(child_id)
    statuses = ", ".join(stmt.param(status) for status in ACTIVE_STATUS_VALUES)
    sql = (
        f"SELECT id, slots FROM bookings WHERE child_id = {child} AND status IN ({statuses}) "
        f"AND start_date <= {stmt.param(end)} AND end_date >= {stmt.param(start)}"
    )
    rows = await conn.execute_query_dict(sql, stmt.params)
    # A JSON column read by hand comes back as its text.
    return [
        HeldSlots(str(r["id"]), json.loads(r["slots"]) if isinstance(r["slots"], str) else r["slots"])
        for r in rows
    ]


async def find_idempotency_key(account_id: str, key: str) -> IdempotencyKey | None:
    return await IdempotencyKey.get_or_none(account_id=account_id, key=key)


async def purge_idempotency_keys_before(moment: datetime) -> int:
    return await IdempotencyKey.filter(created_at__lt=moment).delete()


async def lock_bookings(ids: Sequence[str]) -> list[Booking]:
    """Locks these bookings in id order (the one order every multi-booking change takes)."""
    if not ids:
        return []
    return list(await Booking.filter(id__in=list(ids)).order_by("id").select_for_update())


async def active_booking_ids_of_facility(facility_id: str, *, ending_after: datetime) -> list[str]:
    rows = await Booking.filter(
        facility_id=facility_id, status__in=ACTIVE_STATUS_VALUES, last_hour_end_at__gt=ending_after
    ).values_list("id", flat=True)
    return sorted(str(r) for r in rows)


async def pending_booking_ids_begun(by: datetime) -> list[str]:
    rows = await Booking.filter(status=BookingStatus.pending, first_hour_at__lte=by).values_list(
        "id", flat=True
    )
    return sorted(str(r) for r in rows)


async def bookings_of_facility_covering(
    facility_id: str, day: date, status: BookingStatus | None
) -> list[Booking]:
    query = Booking.filter(facility_id=facility_id, start_date__lte=day, end_date__gte=day)
    if status is not None:
        query = query.filter(status=status.value)
    return list(await query.select_related("child", "parent").order_by("first_hour_at", "created_at"))


async def active_bookings_of_class(class_id: str, *, ending_after: datetime) -> list[str]:
    rows = await Booking.filter(
        klass_id=class_id, status__in=ACTIVE_STATUS_VALUES, last_hour_end_at__gt=ending_after
    ).values_list("id", flat=True)
    return sorted(str(r) for r in rows)


async def active_bookings_on(facility_id: str, day: date) -> list[Booking]:
    bookings = await Booking.filter(
        facility_id=facility_id, status__in=ACTIVE_STATUS_VALUES, start_date__lte=day, end_date__gte=day
    ).order_by("id")
    return [b for b in bookings if day.isoformat() in (b.slots or {})]


async def classes_of(facility_id: str) -> list[FacilityClass]:
    return list(
        await FacilityClass.filter(facility_id=facility_id, is_active=True).order_by("created_at", "id")
    )


async def get_class_for_facility(class_id: str, facility_id: str, *, lock: bool = False) -> FacilityClass:
    query = FacilityClass.filter(
        id=uuid_or_not_found(class_id, "class"), facility_id=facility_id, is_active=True
    )
    return await _first_or_missing(query, "class", lock=lock)


async def closures_of(facility_id: str, *, from_date: date) -> list[Closure]:
    return list(await Closure.filter(facility_id=facility_id, date__gte=from_date).order_by("date"))


async def get_closure_for_facility(closure_id: str, facility_id: str) -> Closure:
    query = Closure.filter(id=uuid_or_not_found(closure_id, "closure"), facility_id=facility_id)
    return await _first_or_missing(query, "closure", lock=False)


async def days_of(booking_ids: Sequence[str]) -> dict[str, list[BookingDay]]:
    """The days of these bookings, each booking's in date order."""
    found: dict[str, list[BookingDay]] = {str(i): [] for i in booking_ids}
    if not booking_ids:
        return found
    for day in await BookingDay.filter(booking_id__in=list(booking_ids)).order_by("booking_id", "date"):
        found.setdefault(fk(day, "booking"), []).append(day)
    return found


async def lock_days(booking_id: str) -> list[BookingDay]:
    """A booking's days, locked (the booking row is locked first by every caller), in date order."""
    return list(await BookingDay.filter(booking_id=booking_id).order_by("date").select_for_update())


async def days_of_child(child_id: str, parent_id: str, start: date, end: date) -> list[BookingDay]:
    """The parent's child's days from start to end, with their bookings, in date order."""
    return list(
        await BookingDay.filter(
            booking__child_id=child_id, booking__parent_id=parent_id, date__gte=start, date__lte=end
        )
        .select_related("booking")
        .order_by("date", "id")
    )


async def days_of_facility_on(facility_id: str, day: date) -> list[BookingDay]:
    return list(await BookingDay.filter(booking__facility_id=facility_id, date=day).select_related("booking"))


async def days_on(day: date, town: str | None) -> list[tuple[str, str, str, str, str]]:
    """(facility id, facility name, town, day status, booking status) of every day on that date."""
    query = BookingDay.filter(date=day)
    if town is not None:
        query = query.filter(booking__facility__town=town)
    rows = await query.values_list(
        "booking__facility_id",
        "booking__facility__name",
        "booking__facility__town",
        "status",
        "booking__status",
    )
    return [(str(f), str(n), str(t), str(s), str(b)) for f, n, t, s, b in rows]


async def parents_of(bookings: Sequence[Booking]) -> dict[str, Account]:
    ids = sorted({fk(b, "parent") for b in bookings})
    return {str(a.id): a for a in await Account.filter(id__in=ids)} if ids else {}


# ---------------------------------------------------------------------------------------------
# Writes (inside the caller's unit of work)


async def move_status(
    booking_id: object, current: BookingStatus, target: BookingStatus, reason: str | None, now: datetime
) -> bool:
    """Moves the booking on only if it is still `current` (a move made meanwhile is not overwritten)."""
    moved = await Booking.filter(id=booking_id, status=current).update(
        status=target, status_reason=reason, updated_at=now
    )
    return moved == 1


async def update_booking(booking_id: object, **changes: Any) -> None:
    await Booking.filter(id=booking_id).update(**changes)


async def add_events(events: Sequence[dict[str, Any]]) -> None:
    """Status moves (or changes of days) into the bookings' history, in one statement."""
    if len(events) == 1:
        await BookingEvent.create(**events[0])
    elif events:
        await BookingEvent.bulk_create([BookingEvent(**event) for event in events])


async def claim_idempotency_key(account_id: str, key: str, request_hash: str) -> IdempotencyKey | None:
    """Records the key first thing in the booking's transaction; None when another request holds it.

    With PostgreSQL a concurrent retry waits on the unique index until the first transaction ends;
    None then means the caller's transaction is aborted and must end at once.
    """
    try:
        return await IdempotencyKey.create(account_id=account_id, key=key, request_hash=request_hash)
    except IntegrityError:
        return None


async def link_idempotency_key(key_id: int, booking_id: str) -> None:
    conn = current_connection()
    stmt = Statement(conn)
    sql = f"UPDATE idempotency_keys SET booking_id = {stmt.id(booking_id)} WHERE id = {stmt.param(key_id)}"
    await conn.execute_query(sql, stmt.params)


async def drop_idempotency_key(key_id: object) -> None:
    await IdempotencyKey.filter(id=key_id).delete()


def _status_text(status: BookingStatus | str | None) -> str | None:
    return None if status is None else BookingStatus(status).value


async def create_booking(**fields: Any) -> Booking:
    return await Booking.create(**fields)


def new_booking(**fields: Any) -> Booking:
    """A booking not yet written (record_new_booking writes it with its days)."""
    return Booking(**fields)


def _insert_of(stmt: Statement, model: Model) -> str:
    """An INSERT of this unsaved model instance's row, its values as the ORM would write them
    (defaults and auto_now fields filled in on the instance)."""
    meta = model._meta
    columns, values = [], []
    for name, column in meta.fields_db_projection.items():
        field = meta.fields_map[name]
        columns.append(column)
        values.append(stmt.param(field.to_db_value(getattr(model, name), model)))
    return f"INSERT INTO {meta.db_table} ({', '.join(columns)}) VALUES ({', '.join(values)})"


async def record_new_booking(
    booking: Booking,
    day_rows: Sequence[dict[str, Any]],
    events: Sequence[dict[str, Any]],
    key_id: int,
) -> list[BookingDay]:
    """Writes a new booking (an unsaved instance), its days and its history, and links its
    Idempotency-Key to it. On PostgreSQL that is one statement (data-modifying CTEs; the days'
    and events' foreign keys are checked at its end, when the booking's row is there): four round
    trips and the ORM's building of the booking's INSERT less for every booking. SQLite's writers
    are serial and in-process, so there the ORM writes them. Answers the days (on PostgreSQL as
    built, not read back: nothing else sets their fields)."""
    conn = current_connection()
    if not is_postgres(conn):
        await booking.save(force_create=True)
        made = await create_days(day_rows)
        await add_events(events)
        await link_idempotency_key(key_id, str(booking.id))
        return made
    stmt = Statement(conn)
    insert_booking = _insert_of(stmt, booking)
    # The days and events take the booking's own moment (the INSERT above filled its auto_now fields).
    now = booking.created_at
    booking_id = stmt.param(booking.id)
    at = stmt.param(now)
    dates = stmt.param([row["date"] for row in day_rows])
    prices = stmt.param([int(row["price_fen"]) for row in day_rows])
    statuses = stmt.param([str(DayStatus(row["status"]).value) for row in day_rows])
    sources = stmt.param([_status_text(e["from_status"]) for e in events])
    targets = stmt.param([_status_text(e["to_status"]) for e in events])
    actors = stmt.param([None if e["actor_id"] is None else uuid.UUID(str(e["actor_id"])) for e in events])
    roles = stmt.param([str(e["actor_role"]) for e in events])
    reasons = stmt.param([e["reason"] for e in events])
    sql = (
        f"WITH new_booking AS ({insert_booking}), "
        "new_days AS (INSERT INTO booking_days (booking_id, date, status, price_fen, updated_at) "
        f"SELECT {booking_id}::uuid, d, s, p, {at} "
        f"FROM unnest({dates}::date[], {statuses}::text[], {prices}::int[]) AS t(d, s, p)), "
        "new_events AS (INSERT INTO booking_events "
        "(booking_id, from_status, to_status, actor_id, actor_role, reason, created_at) "
        f"SELECT {booking_id}::uuid, f, t, a, r, w, {at} FROM unnest({sources}::text[], {targets}::text[], "
        f"{actors}::uuid[], {roles}::text[], {reasons}::text[]) WITH ORDINALITY AS e(f, t, a, r, w, n) "
        # In the order given: the history lists events of one moment by id.
        "ORDER BY n) "
        f"UPDATE idempotency_keys SET booking_id = {booking_id}::uuid WHERE id = {stmt.param(key_id)}"
    )
    await conn.execute_query(sql, stmt.params)
    booking._saved_in_db = True
    return [BookingDay(**row, updated_at=now) for row in day_rows]


async def create_days(rows: Sequence[dict[str, Any]]) -> list[BookingDay]:
    days = [BookingDay(**row) for row in rows]
    await BookingDay.bulk_create(days)
    return days


async def delete_days(booking_id: object) -> None:
    await BookingDay.filter(booking_id=booking_id).delete()


async def move_day(row_id: object, expected: DayStatus, **changes: Any) -> bool:
    """Changes a day only if it still has the status read (a change made meanwhile is kept)."""
    return await BookingDay.filter(id=row_id, status=expected).update(**changes) == 1


async def create_class(**fields: Any) -> FacilityClass:
    return await FacilityClass.create(**fields)


async def save_class(klass: FacilityClass, fields: Sequence[str]) -> None:
    await klass.save(update_fields=[*fields, "updated_at"])


async def deactivate_class(class_id: object) -> None:
    # Kept, inactive: past bookings still point at it.
    await FacilityClass.filter(id=class_id).update(is_active=False)


async def closure_exists(facility_id: str, day: date) -> bool:
    return await Closure.exists(facility_id=facility_id, date=day)


async def create_closure(facility_id: str, day: date, reason: str) -> Closure | None:
    """The facility's closure of a day; None when the day was closed meanwhile (unique per day)."""
    try:
        return await Closure.create(facility_id=facility_id, date=day, reason=reason)
    except IntegrityError:
        return None


async def delete_closure(closure_id: object) -> None:
    await Closure.filter(id=closure_id).delete()


# ---------------------------------------------------------------------------------------------
# What search vacancy is built from (plain rows: a model instance per row costs more than the build)


async def facility_or_none(facility_id: str) -> Facility | None:
    return await Facility.get_or_none(id=uuid_or_not_found(facility_id, "facility"))


async def bookable_facility_rows(columns: Sequence[str]) -> list[dict[str, Any]]:
    return list(await Facility.filter(**bookable_filter()).values(*columns))


async def bookable_facilities_among(facility_ids: Collection[str]) -> list[Facility]:
    if not facility_ids:
        return []
    return list(await Facility.filter(**bookable_filter(), id__in=sorted(facility_ids)))


async def active_class_rows(facility_ids: Collection[str] | None = None) -> list[tuple[Any, ...]]:
    """(facility_id, id, kind, name, places, caregivers) of the active classes, in id order."""
    query = FacilityClass.filter(is_active=True)
    if facility_ids is not None:
        query = query.filter(facility_id__in=sorted(facility_ids))
    return list(
        await query.order_by("id").values_list("facility_id", "id", "kind", "name", "places", "caregivers")
    )


async def taken_rows_from(today: date, days: Sequence[date] | None) -> list[tuple[Any, ...]]:
    """(class id, date, hour, taken) of every hour with places taken from today on (or on these days)."""
    query = Occupancy.filter(date__gte=today, taken__gt=0)
    if days is not None:
        query = query.filter(date__in=list(days))
    return list(await query.values_list("klass_id", "date", "hour", "taken"))


async def closure_rows_from(today: date, days: Sequence[date] | None) -> list[tuple[Any, ...]]:
    """(facility id, date) of every facility closure from today on (or on these days)."""
    query = Closure.filter(date__gte=today)
    if days is not None:
        query = query.filter(date__in=list(days))
    return list(await query.values_list("facility_id", "date"))


async def facility_ids_of_classes(class_ids: Collection[str]) -> list[str]:
    if not class_ids:
        return []
    rows = await FacilityClass.filter(id__in=sorted(class_ids)).values_list("facility_id", flat=True)
    return [str(row) for row in rows]
