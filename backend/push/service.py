"""The outbox as regulators see it: every outgoing WeChat message and its delivery, and replaying
one from the dead-letter list."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import Field
from tortoise.expressions import Q

from backend import audit
from backend.accounts.scope import require_regulator
from backend.calendar import SERVICE_TZ, now_local
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import Conflict, NotFound, ValidationFailed
from backend.models import OutgoingMessage
from backend.paging import PageQuery, decode_cursor, encode_cursor
from backend.push.delivery import GRANT_SPENT, NO_PERMISSION_ERRCODE, QUEUED, REPLAYABLE_STATES

OutboxState = Literal[
    "queued",
    "sending",
    "sent",
    "failed",
    "dead",
    "skipped_no_grant",
    "skipped_reserved",
    "withdrawn",
    "unknown",
]


class OutboxQuery(PageQuery):
    state: OutboxState | None = Field(
        default=None, description="only messages in this state; dead, failed and unknown are the dead letters"
    )


def mask_openid(openid: str) -> str:
    if len(openid) <= 8:
        return openid[:2] + "****"
    return f"{openid[:4]}****{openid[-4:]}"


def _timestamp(value: datetime | None) -> str | None:
    return value.astimezone(SERVICE_TZ).isoformat() if value is not None else None


def outgoing_message_view(message: OutgoingMessage) -> dict[str, Any]:
    return {
        "id": str(message.id),
        "kind": message.kind,
        "event": message.event,
        "state": message.state,
        "attempts": message.attempts,
        "last_errcode": message.last_errcode,
        "last_error": message.last_error,
        "recipient": mask_openid(message.recipient_openid),
        "template_id": message.template_id,
        "booking_id": str(message.booking_id) if message.booking_id else None,
        "policy_id": str(message.policy_id) if message.policy_id else None,
        "created_at": _timestamp(message.created_at),
        "sent_at": _timestamp(message.sent_at),
    }


def _message_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise NotFound("No such message.") from exc


async def list_outbox(res: Resources, caller: Caller, params: OutboxQuery) -> dict[str, Any]:
    """Messages newest first, optionally in one state (`dead`, `failed`, `unknown`: the dead letters)."""
    require_regulator(caller, "Only the district bureau sees the outbox.")
    size = params.limit
    query = OutgoingMessage.all()
    if params.state is not None:
        query = query.filter(state=params.state)
    position = decode_cursor(res.settings.secret_key, params.cursor)
    if position is not None:
        try:
            after_created = datetime.fromisoformat(str(position["created_at"]))
            after_id = uuid.UUID(str(position["id"]))
        except (KeyError, ValueError) as exc:
            raise ValidationFailed.field("cursor", "not a cursor this service gave out") from exc
        query = query.filter(Q(created_at__lt=after_created) | Q(created_at=after_created, id__lt=after_id))
    rows = await query.order_by("-created_at", "-id").limit(size + 1)
    items = [outgoing_message_view(m) for m in rows[:size]]
    next_cursor = None
    if len(rows) > size:
        last = rows[size - 1]
        next_cursor = encode_cursor(
            res.settings.secret_key, {"created_at": last.created_at.isoformat(), "id": str(last.id)}
        )
    return {"items": items, "next_cursor": next_cursor}


async def retry_outgoing_message(res: Resources, caller: Caller, message_id: str) -> dict[str, Any]:
    """Puts a dead, failed or unknown message back in the queue (the bureau checked it was not
    delivered); any other state answers 409 conflict."""
    require_regulator(caller, "Only the district bureau replays messages.")
    key = _message_id(message_id)
    message = await OutgoingMessage.get_or_none(id=key)
    if message is None:
        raise NotFound("No such message.")
    if message.state not in REPLAYABLE_STATES:
        raise Conflict(
            f"Only dead, failed or unknown messages can be retried; this one is {message.state}.",
            {"state": message.state},
        )
    payload = dict(message.payload)
    if message.last_errcode == NO_PERMISSION_ERRCODE:
        # WeChat said the permission was gone: a replay needs a permission granted since.
        payload.pop(GRANT_SPENT, None)
    async with UnitOfWork(res) as uow:
        # A replay gets a fresh set of tries.
        replayed = await OutgoingMessage.filter(id=key, state=message.state).update(
            state=QUEUED, attempts=0, payload=payload, updated_at=now_local()
        )
        if not replayed:
            raise Conflict("The message changed meanwhile; look again.")
        await audit.record(
            caller,
            "outbox.retry",
            "outgoing_message",
            str(key),
            details={"from_state": message.state, "last_errcode": message.last_errcode},
        )
        uow.dispatch([str(key)])
    await message.refresh_from_db()
    return outgoing_message_view(message)
