"""Every query of the bureau's calendar and district closures."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from backend.accounts.repository import uuid_or_not_found
from backend.bookings.repository import ACTIVE_STATUS_VALUES
from backend.calendar import YearArrangement
from backend.db.dialect import as_date
from backend.errors import NotFound
from backend.models import Booking, CalendarYear, Closure, DistrictClosure, Facility


def _named_days(raw: Any) -> dict[date, str]:
    return {as_date(item["date"]): str(item["name"]) for item in raw or []}


async def arrangements() -> dict[int, YearArrangement]:
    """Every year the bureau arranged (a few rows: one per year)."""
    return {
        int(row.year): YearArrangement(int(row.year), _named_days(row.holidays), _named_days(row.workdays))
        for row in await CalendarYear.all()
    }


async def save_year(year: int, holidays: list[dict[str, str]], workdays: list[dict[str, str]]) -> None:
    await CalendarYear.update_or_create(defaults={"holidays": holidays, "workdays": workdays}, year=year)


async def active_bookings_holding(days: Iterable[date]) -> dict[date, list[Booking]]:
    """The active bookings of any facility that hold each of these days, in id order."""
    wanted = sorted(set(days))
    if not wanted:
        return {}
    rows = await Booking.filter(
        status__in=ACTIVE_STATUS_VALUES, start_date__lte=wanted[-1], end_date__gte=wanted[0]
    ).order_by("id")
    held: dict[date, list[Booking]] = {}
    for booking in rows:
        slots = booking.slots or {}
        for day in wanted:
            if day.isoformat() in slots:
                held.setdefault(day, []).append(booking)
    return held


async def active_bookings_of_between(facility_ids: Sequence[str], start: date, end: date) -> list[Booking]:
    if not facility_ids:
        return []
    return list(
        await Booking.filter(
            facility_id__in=list(facility_ids),
            status__in=ACTIVE_STATUS_VALUES,
            start_date__lte=end,
            end_date__gte=start,
        ).order_by("id")
    )


async def lock_classes(conn: BaseDBAsyncClient, facility_ids: Sequence[str] | None) -> None:
    """Locks the classes of these facilities (None: of every facility) for update, in id order.

    A booking share-locks its facility's classes before it reads closures and the calendar, so
    once these are locked no booking can land on a day this transaction is closing; the global id
    order is the order bookings lock in too, so the two never deadlock. SQLite writers are serial
    and need no lock.
    """
    if conn.capabilities.dialect != "postgres":
        return
    if facility_ids is None:
        await conn.execute_query("SELECT id FROM facility_classes ORDER BY id FOR UPDATE")
        return
    if facility_ids:
        await conn.execute_query(
            "SELECT id FROM facility_classes WHERE facility_id = ANY($1::uuid[]) ORDER BY id FOR UPDATE",
            [[uuid.UUID(fid) for fid in facility_ids]],
        )


async def known_towns() -> set[str]:
    return {str(town) for town in await Facility.all().distinct().values_list("town", flat=True)}


async def facility_ids_in(towns: Sequence[str] | None) -> list[str]:
    query = Facility.all() if towns is None else Facility.filter(town__in=list(towns))
    return sorted(str(fid) for fid in await query.values_list("id", flat=True))


async def closed_days_of(facility_ids: Sequence[str], start: date, end: date) -> set[tuple[str, date]]:
    rows = await Closure.filter(
        facility_id__in=list(facility_ids), date__gte=start, date__lte=end
    ).values_list("facility_id", "date")
    return {(str(fid), as_date(day)) for fid, day in rows}


async def create_district_closure(
    from_date: date, to_date: date, towns: list[str] | None, reason: str, created_by: str
) -> DistrictClosure:
    return await DistrictClosure.create(
        from_date=from_date, to_date=to_date, towns=towns, reason=reason, created_by_id=created_by
    )


async def add_closures(
    district_closure: DistrictClosure, rows: Sequence[tuple[str, date]], reason: str
) -> None:
    await Closure.bulk_create(
        [
            Closure(facility_id=fid, date=day, reason=reason, district_closure_id=district_closure.id)
            for fid, day in rows
        ]
    )


async def district_closures() -> list[DistrictClosure]:
    return list(await DistrictClosure.all().order_by("-from_date", "-created_at"))


async def closures_made_by(closure_ids: Sequence[Any]) -> dict[str, list[tuple[str, date]]]:
    """The facility days each district closure closed."""
    rows = await Closure.filter(district_closure_id__in=list(closure_ids)).values_list(
        "district_closure_id", "facility_id", "date"
    )
    made: dict[str, list[tuple[str, date]]] = {}
    for closure_id, facility_id, day in rows:
        made.setdefault(str(closure_id), []).append((str(facility_id), as_date(day)))
    return made


async def get_district_closure(closure_id: str) -> DistrictClosure:
    found = await DistrictClosure.get_or_none(id=uuid_or_not_found(closure_id, "closure"))
    if found is None:
        raise NotFound("没有这次区级停托。")
    return found


async def delete_district_closure(closure: DistrictClosure) -> None:
    # The facility rows first: not every database enforces the foreign key's cascade.
    await Closure.filter(district_closure_id=closure.id).delete()
    await DistrictClosure.filter(id=closure.id).delete()
