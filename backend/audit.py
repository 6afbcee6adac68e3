"""The audit log: who in a facility or the bureau read a child's record, and every bureau change."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from backend.context import Caller
from backend.models import AuditEntry
from backend.rules import Role

CHILD_READ = "child.read"


async def record(
    caller: Caller,
    action: str,
    object_type: str,
    object_id: str,
    *,
    facility_id: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    await AuditEntry.create(
        actor_id=caller.account_id,
        actor_role=caller.role,
        action=action,
        object_type=object_type,
        object_id=object_id,
        facility_id=facility_id,
        details=details or {},
    )


async def record_child_reads(caller: Caller, child_ids: Iterable[str], facility_id: str | None) -> None:
    """Records that staff or a regulator saw these children's records (parents reading their own
    children are not audited: it is their own data)."""
    if caller.role == Role.parent:
        return
    entries = [
        AuditEntry(
            actor_id=caller.account_id,
            actor_role=caller.role,
            action=CHILD_READ,
            object_type="child",
            object_id=child_id,
            facility_id=facility_id,
            details={},
        )
        for child_id in dict.fromkeys(child_ids)
    ]
    if entries:
        await AuditEntry.bulk_create(entries)
