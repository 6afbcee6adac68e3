"""The district ban list (污点禁入, lifetime) and the alerts it raises.

An entry keeps the person's name, the reason and a keyed hash of the ID number, never the number
itself, not even encrypted: the list only has to recognise a number it is shown again.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from backend.accounts.scope import require_regulator
from backend.audit import record
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import Conflict
from backend.facilities.repository import names_of
from backend.paging import DEFAULT_LIMIT, Page
from backend.regulation import repository
from backend.regulation.schemas import BanAlertAnswer, BanEntryAnswer, BanEntrySummary, NewBanEntryAnswer
from backend.staff import repository as staff_repository
from backend.staff.service import EMPLOYED_MATCH, checked_id_number, id_number_hash

if TYPE_CHECKING:
    from backend.models import BanAlert, BanEntry

BAN_ADD = "banlist.add"
BAN_ALERT_RESOLVE = "ban_alert.resolve"
BAN_REMOVE = "banlist.remove"


class BanRemovalBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Why the entry goes (a court reversed the judgment): kept in the audit log for good.
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class BanEntryBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id_number: str = Field(
        min_length=1, max_length=40, description="居民身份证号码; kept only as a keyed hash"
    )
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


def _regulator(caller: Caller) -> None:
    require_regulator(caller, "Only the district bureau keeps the ban list.")


def ban_entry_view(entry: BanEntry) -> BanEntryAnswer:
    return BanEntryAnswer(id=str(entry.id), name=entry.name, reason=entry.reason, created_at=entry.created_at)


async def add_ban_entry(res: Resources, caller: Caller, body: BanEntryBody) -> NewBanEntryAnswer:
    """Adds a person to the ban list and flags at once any active staff member it matches."""
    _regulator(caller)
    hashed = id_number_hash(res, checked_id_number(body.id_number))
    duplicate = Conflict(
        "This person is already on the ban list.", {"fields": {"id_number": "already listed"}}
    )
    if await staff_repository.ban_entry_for(hashed) is not None:
        raise duplicate
    async with UnitOfWork(res):
        entry = await repository.create_ban_entry_unless_listed(
            id_number_hash=hashed, name=body.name, reason=body.reason, created_by=caller.account_id
        )
        if entry is None:
            # A concurrent addition listed the number between our check and the insert.
            raise duplicate
        matches = await staff_repository.active_staff_matching(hashed)
        for staff in matches:
            await staff_repository.mark_banned(staff)
            await staff_repository.record_alert(
                kind=EMPLOYED_MATCH,
                ban_entry=entry,
                facility_id=staff.facility_id,  # type: ignore[attr-defined]
                staff=staff,
                name=staff.name,
            )
        await record(
            caller,
            BAN_ADD,
            "ban_entry",
            str(entry.id),
            details={"name": entry.name, "employed_matches": len(matches)},
        )
    return NewBanEntryAnswer(
        id=str(entry.id),
        name=entry.name,
        reason=entry.reason,
        created_at=entry.created_at,
        employed_matches=len(matches),
    )


async def list_ban_entries(
    res: Resources, caller: Caller, *, limit: int = DEFAULT_LIMIT, cursor: str | None = None
) -> Page[BanEntryAnswer]:
    _regulator(caller)
    entries, next_cursor = await staff_repository.page_ban_entries(
        secret_key=res.settings.secret_key, limit=limit, cursor=cursor
    )
    return Page[BanEntryAnswer](items=[ban_entry_view(e) for e in entries], next_cursor=next_cursor)


async def _alert_views(alerts: list[BanAlert]) -> list[BanAlertAnswer]:
    facility_names = await names_of({str(a.facility_id) for a in alerts})  # type: ignore[attr-defined]
    views = []
    for alert in alerts:
        facility_id = str(alert.facility_id)  # type: ignore[attr-defined]
        staff = alert.staff
        views.append(
            BanAlertAnswer(
                id=str(alert.id),
                kind=alert.kind,
                name=alert.name,
                facility_id=facility_id,
                facility_name=facility_names.get(facility_id),
                staff_id=str(staff.id) if staff is not None else None,
                # A refused hire never entered the register, so there is no number to show.
                staff_id_number_masked=staff.id_number_masked if staff is not None else None,
                ban_entry=BanEntrySummary(
                    id=str(alert.ban_entry.id), name=alert.ban_entry.name, reason=alert.ban_entry.reason
                ),
                created_at=alert.created_at,
                resolved=alert.resolved,
            )
        )
    return views


async def list_ban_alerts(
    res: Resources,
    caller: Caller,
    *,
    kind: str | None = None,
    resolved: bool | None = None,
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
) -> Page[BanAlertAnswer]:
    _regulator(caller)
    alerts, next_cursor = await staff_repository.page_ban_alerts(
        kind=kind, resolved=resolved, secret_key=res.settings.secret_key, limit=limit, cursor=cursor
    )
    return Page[BanAlertAnswer](items=await _alert_views(alerts), next_cursor=next_cursor)


async def resolve_ban_alert(res: Resources, caller: Caller, alert_id: str | uuid.UUID) -> BanAlertAnswer:
    """Marks an alert as dealt with (the bureau followed it up); recorded in the audit log."""
    _regulator(caller)
    async with UnitOfWork(res):
        alert = await staff_repository.get_ban_alert_for_update(alert_id)
        if not alert.resolved:
            await staff_repository.mark_alert_resolved(alert)
            await record(
                caller,
                BAN_ALERT_RESOLVE,
                "ban_alert",
                str(alert.id),
                facility_id=str(alert.facility_id),  # type: ignore[attr-defined]
                details={"kind": alert.kind},
            )
    return (await _alert_views([alert]))[0]


async def remove_ban_entry(
    res: Resources, caller: Caller, entry_id: str | uuid.UUID, body: BanRemovalBody
) -> None:
    """Takes a person off the ban list (a judgment reversed); the audit keeps who, why and whom.

    Staff flagged only by this entry are no longer flagged; the entry's alerts go with it.
    """
    _regulator(caller)
    async with UnitOfWork(res):
        entry = await staff_repository.get_ban_entry_for_update(entry_id)
        unflagged = 0
        for staff in await staff_repository.staff_matching(entry.id_number_hash):
            if staff.banned_match:
                await staff_repository.clear_banned(staff)
                unflagged += 1
        await record(
            caller,
            BAN_REMOVE,
            "ban_entry",
            str(entry.id),
            details={
                "name": entry.name,
                "listed_reason": entry.reason,
                "reason": body.reason,
                "unflagged_staff": unflagged,
            },
        )
        await staff_repository.delete_ban_entry(entry)
