"""Queries for facilities as their own staff and the bureau see them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from tortoise.expressions import Q

from backend.accounts.repository import as_uuid
from backend.db.paging import page_by_creation
from backend.errors import NotFound
from backend.models import Facility, FacilityClass, Inspection, StaffMember
from backend.rules import bookable_filter


def _missing() -> NotFound:
    return NotFound("No such facility.")


async def get_facility(facility_id: str | uuid.UUID) -> Facility:
    key = as_uuid(facility_id)
    facility = await Facility.get_or_none(id=key) if key is not None else None
    if facility is None:
        raise _missing()
    return facility


async def get_facility_for_update(facility_id: str | uuid.UUID) -> Facility:
    """The facility row, locked until the transaction ends (PostgreSQL; SQLite serialises writers)."""
    key = as_uuid(facility_id)
    facility = await Facility.filter(id=key).select_for_update().get_or_none() if key is not None else None
    if facility is None:
        raise _missing()
    return facility


async def credit_code_taken(credit_code: str) -> bool:
    return await Facility.filter(credit_code=credit_code).exists()


async def create_facility(**values: Any) -> Facility:
    return await Facility.create(**values)


async def save_fields(facility: Facility, fields: list[str]) -> None:
    if fields:
        await facility.save(update_fields=[*fields, "updated_at"])


async def page_facilities(
    *,
    town: str | None,
    filing_status: str | None,
    secret_key: str,
    limit: int,
    cursor: str | None,
) -> tuple[list[Facility], str | None]:
    query = Facility.all()
    if town:
        query = query.filter(town=town)
    if filing_status:
        query = query.filter(filing_status=filing_status)
    return await page_by_creation(query, secret_key=secret_key, limit=limit, cursor=cursor, newest_first=True)


async def names_of(facility_ids: Iterable[str]) -> dict[str, str]:
    """Facility names by id (ids as the API shows them)."""
    wanted = sorted(set(facility_ids))
    if not wanted:
        return {}
    rows = await Facility.filter(id__in=wanted).values_list("id", "name")
    return {str(row_id): str(name) for row_id, name in rows}


async def find_facilities(
    *,
    words: list[str],
    town: str | None,
    bookable_only: bool,
    filing_status: str | None,
    secret_key: str,
    limit: int,
    cursor: str | None,
) -> tuple[list[Facility], str | None]:
    """Facilities whose name or address holds every word (case-insensitive), newest first."""
    query = Facility.all()
    for word in words:
        query = query.filter(Q(name__icontains=word) | Q(address__icontains=word))
    if town:
        query = query.filter(town=town)
    if bookable_only:
        query = query.filter(**bookable_filter())
    if filing_status:
        query = query.filter(filing_status=filing_status)
    return await page_by_creation(query, secret_key=secret_key, limit=limit, cursor=cursor, newest_first=True)


# What the public page shows of a facility


async def active_classes_by_name(facility_id: uuid.UUID) -> list[FacilityClass]:
    return list(await FacilityClass.filter(facility_id=facility_id, is_active=True).order_by("name", "id"))


async def active_staff_roles(facility_id: uuid.UUID) -> list[str]:
    """The role of each active staff member (one entry a person): the page shows counts only."""
    roles = await StaffMember.filter(facility_id=facility_id, is_active=True).values_list("role", flat=True)
    return [str(role) for role in roles]


async def inspections_with_result(facility_id: uuid.UUID) -> list[Inspection]:
    """The facility's inspections that have a result (pass, rectify or fail), in no set order."""
    return list(await Inspection.filter(facility_id=facility_id, result__isnull=False))
