"""The outbox as regulators see it: every outgoing WeChat message and its delivery, and replaying
one from the dead-letter list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from backend import audit
from backend.accounts.scope import require_regulator
from backend.calendar import now_local
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import Conflict
from backend.paging import Page, PageQuery
from backend.push import repository
from backend.push.delivery import GRANT_SPENT, NO_PERMISSION_ERRCODE, REPLAYABLE_STATES
from backend.push.schemas import OutgoingMessageAnswer

if TYPE_CHECKING:
    from backend.models import OutgoingMessage

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


def outgoing_message_view(message: OutgoingMessage) -> OutgoingMessageAnswer:
    return OutgoingMessageAnswer(
        id=str(message.id),
        kind=message.kind,
        event=message.event,
        state=message.state,
        attempts=message.attempts,
        last_errcode=message.last_errcode,
        last_error=message.last_error,
        recipient=mask_openid(message.recipient_openid),
        template_id=message.template_id,
        booking_id=str(message.booking_id) if message.booking_id else None,
        policy_id=str(message.policy_id) if message.policy_id else None,
        created_at=message.created_at,
        sent_at=message.sent_at,
    )


async def list_outbox(res: Resources, caller: Caller, params: OutboxQuery) -> Page[OutgoingMessageAnswer]:
    """Messages newest first, optionally in one state (`dead`, `failed`, `unknown`: the dead letters)."""
    require_regulator(caller, "Only the district bureau sees the outbox.")
    rows, next_cursor = await repository.page_of_messages(
        params.state, secret_key=res.settings.secret_key, limit=params.limit, cursor=params.cursor
    )
    return Page[OutgoingMessageAnswer](
        items=[outgoing_message_view(m) for m in rows], next_cursor=next_cursor
    )


async def retry_outgoing_message(res: Resources, caller: Caller, message_id: str) -> OutgoingMessageAnswer:
    """Puts a dead, failed or unknown message back in the queue (the bureau checked it was not
    delivered); any other state answers 409 conflict."""
    require_regulator(caller, "Only the district bureau replays messages.")
    message = await repository.get_message(message_id)
    key = str(message.id)
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
        if not await repository.requeue_for_replay(key, message.state, payload, now_local()):
            raise Conflict("The message changed meanwhile; look again.")
        await audit.record(
            caller,
            "outbox.retry",
            "outgoing_message",
            key,
            details={"from_state": message.state, "last_errcode": message.last_errcode},
        )
        uow.dispatch([key])
    await repository.reload_message(message)
    return outgoing_message_view(message)
