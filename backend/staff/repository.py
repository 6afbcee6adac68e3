"""Queries for facility staff and the ban-list entries that match them."""

from __future__ import annotations

import uuid
from typing import Any

from backend.accounts.repository import as_uuid
from backend.db.paging import page_by_creation
from backend.errors import NotFound
from backend.models import BanAlert, BanEntry, StaffMember


async def ban_entry_for(id_number_hash: str) -> BanEntry | None:
    return await BanEntry.get_or_none(id_number_hash=id_number_hash)


async def active_staff_with(facility_id: str, id_number_hash: str) -> StaffMember | None:
    return await StaffMember.get_or_none(
        facility_id=as_uuid(facility_id), id_number_hash=id_number_hash, is_active=True
    )


async def create_staff(**values: Any) -> StaffMember:
    return await StaffMember.create(**values)


async def record_alert(
    *, kind: str, ban_entry: BanEntry, facility_id: str | uuid.UUID, staff: StaffMember | None, name: str
) -> BanAlert:
    return await BanAlert.create(
        kind=kind, ban_entry=ban_entry, facility_id=as_uuid(facility_id), staff=staff, name=name
    )


async def alert_exists(ban_entry: BanEntry, staff: StaffMember) -> bool:
    return await BanAlert.filter(ban_entry=ban_entry, staff=staff).exists()


async def mark_banned(staff: StaffMember) -> None:
    staff.banned_match = True
    await staff.save(update_fields=["banned_match"])


async def page_staff(
    facility_id: str, *, secret_key: str, limit: int, cursor: str | None
) -> tuple[list[StaffMember], str | None]:
    query = StaffMember.filter(facility_id=as_uuid(facility_id), is_active=True)
    return await page_by_creation(
        query, secret_key=secret_key, limit=limit, cursor=cursor, newest_first=False
    )


async def get_active_staff_of_facility(staff_id: str | uuid.UUID, facility_id: str) -> StaffMember:
    """An active member of this facility's staff; another facility's, a removed or missing one: NotFound."""
    key = as_uuid(staff_id)
    facility_key = as_uuid(facility_id)
    staff = None
    if key is not None and facility_key is not None:
        staff = await StaffMember.get_or_none(id=key, facility_id=facility_key, is_active=True)
    if staff is None:
        raise NotFound("No such staff member in your facility.")
    return staff


async def save_staff(staff: StaffMember, update_fields: list[str]) -> None:
    await staff.save(update_fields=update_fields)


async def deactivate(staff: StaffMember) -> None:
    staff.is_active = False
    await staff.save(update_fields=["is_active"])


async def active_staff_matching(id_number_hash: str) -> list[StaffMember]:
    return list(await StaffMember.filter(id_number_hash=id_number_hash, is_active=True))


async def create_ban_entry(*, id_number_hash: str, name: str, reason: str, created_by: str) -> BanEntry:
    return await BanEntry.create(
        id_number_hash=id_number_hash, name=name, reason=reason, created_by_id=as_uuid(created_by)
    )


async def page_ban_entries(
    *, secret_key: str, limit: int, cursor: str | None
) -> tuple[list[BanEntry], str | None]:
    return await page_by_creation(
        BanEntry.all(), secret_key=secret_key, limit=limit, cursor=cursor, newest_first=True
    )


async def page_ban_alerts(
    *, kind: str | None, resolved: bool | None, secret_key: str, limit: int, cursor: str | None
) -> tuple[list[BanAlert], str | None]:
    query = BanAlert.all().select_related("ban_entry")
    if kind is not None:
        query = query.filter(kind=kind)
    if resolved is not None:
        query = query.filter(resolved=resolved)
    alerts, next_cursor = await page_by_creation(
        query, secret_key=secret_key, limit=limit, cursor=cursor, newest_first=True
    )
    await _load_staff(alerts)
    return alerts, next_cursor


async def _load_staff(alerts: list[BanAlert]) -> None:
    # One query for the staff of a whole page (a refused hire has none), instead of one per alert.
    staff_ids = {alert.staff_id for alert in alerts if alert.staff_id is not None}  # type: ignore[attr-defined]
    found = await StaffMember.filter(id__in=list(staff_ids)) if staff_ids else []
    staff_by_id = {str(s.id): s for s in found}
    for alert in alerts:
        alert.staff = staff_by_id.get(str(alert.staff_id))  # type: ignore[attr-defined]


async def get_ban_alert_for_update(alert_id: str | uuid.UUID) -> BanAlert:
    key = as_uuid(alert_id)
    # Locked on its own: PostgreSQL refuses FOR UPDATE across the outer join to a nullable staff row.
    alert = await BanAlert.filter(id=key).select_for_update().get_or_none() if key is not None else None
    if alert is None:
        raise NotFound("No such alert.")
    await alert.fetch_related("ban_entry")
    await _load_staff([alert])
    return alert


async def mark_alert_resolved(alert: BanAlert) -> None:
    alert.resolved = True
    await alert.save(update_fields=["resolved"])


async def get_ban_entry_for_update(entry_id: str | uuid.UUID) -> BanEntry:
    key = as_uuid(entry_id)
    entry = await BanEntry.filter(id=key).select_for_update().get_or_none() if key is not None else None
    if entry is None:
        raise NotFound("No such ban-list entry.")
    return entry


async def staff_matching(id_number_hash: str) -> list[StaffMember]:
    return list(await StaffMember.filter(id_number_hash=id_number_hash))


async def clear_banned(staff: StaffMember) -> None:
    staff.banned_match = False
    await staff.save(update_fields=["banned_match"])


async def delete_ban_entry(entry: BanEntry) -> None:
    await entry.delete()
