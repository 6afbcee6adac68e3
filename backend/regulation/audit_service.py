"""Reading the audit log: every bureau change and every read of a child's record, newest first."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, StringConstraints

from backend.accounts.scope import require_regulator
from backend.context import Caller, Resources
from backend.errors import ValidationFailed
from backend.labels import label
from backend.paging import Page, PageQuery, decode_cursor, encode_cursor
from backend.regulation import repository
from backend.regulation.schemas import AuditActor, AuditEntryAnswer

if TYPE_CHECKING:
    from backend.models import Account, AuditEntry


class AuditQuery(PageQuery):
    action: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)] | None = (
        Field(default=None, description="e.g. child.read, facility.update")
    )
    facility_id: uuid.UUID | None = None


def _actor_view(entry: AuditEntry, actors: dict[str, Account]) -> AuditActor | None:
    # Who did it, as a person reads it: the account's username and role, not only its id. An
    # account since deleted leaves its role (kept on the entry) and no name.
    actor_id = entry.actor_id  # type: ignore[attr-defined]
    if actor_id is None:
        return None
    account = actors.get(str(actor_id))
    return AuditActor(
        id=str(actor_id),
        username=account.username if account is not None else None,
        display_name=account.display_name if account is not None else None,
        role=entry.actor_role,
        role_label=label("role", entry.actor_role),
    )


def audit_entry_view(entry: AuditEntry, actors: dict[str, Account] | None = None) -> AuditEntryAnswer:
    return AuditEntryAnswer(
        id=str(entry.id),
        actor_id=str(entry.actor_id) if entry.actor_id is not None else None,  # type: ignore[attr-defined]
        actor_role=entry.actor_role,
        actor=_actor_view(entry, actors or {}),
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        facility_id=str(entry.facility_id) if entry.facility_id is not None else None,
        details=entry.details,
        created_at=entry.created_at,
    )


def _after_id(cursor_position: dict[str, Any] | None) -> int | None:
    if cursor_position is None:
        return None
    after = cursor_position.get("i")
    if not isinstance(after, int):
        raise ValidationFailed.field("cursor", "not a cursor for this list")
    return after


async def list_audit_entries(res: Resources, caller: Caller, query: AuditQuery) -> Page[AuditEntryAnswer]:
    """The log newest first; entries only grow, so paging on the id is stable."""
    require_regulator(caller, "Only the district bureau reads the audit log.")
    secret_key = res.settings.secret_key
    # One more than a page: its presence says there is a next page.
    entries = await repository.audit_entries_newest_first(
        action=query.action,
        facility_id=query.facility_id,
        before_id=_after_id(decode_cursor(secret_key, query.cursor)),
        limit=query.limit + 1,
    )
    next_cursor = None
    if len(entries) > query.limit:
        entries = entries[: query.limit]
        next_cursor = encode_cursor(secret_key, {"i": entries[-1].id})
    actor_ids = {e.actor_id for e in entries if e.actor_id is not None}  # type: ignore[attr-defined]
    actors = await repository.accounts_by_id(actor_ids)
    return Page[AuditEntryAnswer](
        items=[audit_entry_view(e, actors) for e in entries], next_cursor=next_cursor
    )
