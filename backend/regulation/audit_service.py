"""Reading the audit log: every bureau change and every read of a child's record, newest first."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from pydantic import StringConstraints

from backend.accounts.scope import require_regulator
from backend.calendar import iso_local
from backend.context import Caller, Resources
from backend.errors import ValidationFailed
from backend.models import AuditEntry
from backend.paging import PageQuery, decode_cursor, encode_cursor


class AuditQuery(PageQuery):
    action: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)] | None = (
        None
    )
    facility_id: uuid.UUID | None = None


def audit_entry_view(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": str(entry.id),
        "actor_id": str(entry.actor_id) if entry.actor_id is not None else None,  # type: ignore[attr-defined]
        "actor_role": entry.actor_role,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "facility_id": str(entry.facility_id) if entry.facility_id is not None else None,
        "details": entry.details,
        "created_at": iso_local(entry.created_at),
    }


def _after_id(cursor_position: dict[str, Any] | None) -> int | None:
    if cursor_position is None:
        return None
    after = cursor_position.get("i")
    if not isinstance(after, int):
        raise ValidationFailed.field("cursor", "not a cursor for this list")
    return after


async def list_audit_entries(res: Resources, caller: Caller, query: AuditQuery) -> dict[str, Any]:
    """The log newest first; entries only grow, so paging on the id is stable."""
    require_regulator(caller, "Only the district bureau reads the audit log.")
    secret_key = res.settings.secret_key
    rows = AuditEntry.all()
    if query.action:
        rows = rows.filter(action=query.action)
    if query.facility_id:
        rows = rows.filter(facility_id=query.facility_id)
    after = _after_id(decode_cursor(secret_key, query.cursor))
    if after is not None:
        rows = rows.filter(id__lt=after)
    entries = list(await rows.order_by("-id").limit(query.limit + 1))
    next_cursor = None
    if len(entries) > query.limit:
        entries = entries[: query.limit]
        next_cursor = encode_cursor(secret_key, {"i": entries[-1].id})
    return {"items": [audit_entry_view(e) for e in entries], "next_cursor": next_cursor}
