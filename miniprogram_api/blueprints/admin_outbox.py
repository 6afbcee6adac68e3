"""Routes: the outbox of outgoing WeChat messages, for regulators: delivery states, and replaying
a message from the dead-letter list (dead, failed or unknown) once the bureau checked it."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.push import service
from miniprogram_api.auth import caller_of, require, resources
from miniprogram_api.responses import ok
from miniprogram_api.validation import parse_query

bp = Blueprint("admin_outbox", url_prefix="/admin")

REGULATOR = "regulator"
SECURED: dict[str, list[str]] = {"token": []}
TAG = "admin: outbox"


@bp.get("/outbox")
@openapi.definition(
    summary="Outgoing WeChat messages and their delivery, newest first",
    description="Each item: id, kind, event, state, attempts, last_errcode, last_error, created_at, "
    "sent_at and the recipient's openid masked. state: queued, sending, sent, failed, dead, "
    "skipped_no_grant or unknown (sent by a worker that stopped mid-send: WeChat may have it).",
    tag=TAG,
    secured=SECURED,
)
@openapi.parameter("state", str, location="query", description="only messages in this state")
@openapi.parameter("limit", int, location="query", description="1-50, default 20")
@openapi.parameter("cursor", str, location="query", description="next_cursor of the previous page")
@require(REGULATOR)
async def list_outbox(request: Request) -> HTTPResponse:
    query = parse_query(request, service.OutboxQuery)
    return ok(await service.list_outbox(resources(request), caller_of(request), query))


@bp.post("/outbox/<message_id:str>/retry")
@openapi.definition(
    summary="Replay a dead, failed or unknown message (409 conflict in any other state)",
    tag=TAG,
    secured=SECURED,
)
@require(REGULATOR)
async def retry_message(request: Request, message_id: str) -> HTTPResponse:
    return ok(await service.retry_outgoing_message(resources(request), caller_of(request), message_id))
