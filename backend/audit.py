"""The audit log: who in a facility or the bureau read a child's record, and every bureau change."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from backend.context import Caller
from backend.regulation import repository
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
    await repository.add_audit_entry(
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
    await repository.add_child_reads(
        actor_id=caller.account_id,
        actor_role=caller.role,
        action=CHILD_READ,
        child_ids=dict.fromkeys(child_ids),  # each child once, in the order first read
        facility_id=facility_id,
    )
