"""Routes: the outbox of outgoing WeChat messages, for regulators: delivery states, and replaying
a message from the dead-letter list (dead, failed or unknown) once the bureau checked it."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.paging import Page
from backend.push import service
from backend.push.schemas import OutgoingMessageAnswer
from miniprogram_api.auth import caller_of, require, resources
from miniprogram_api.responses import ok, success_response
from miniprogram_api.validation import parse_query, query_parameters

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
    response=success_response(Page[OutgoingMessageAnswer]),
    parameter=query_parameters(service.OutboxQuery),
)
@require(REGULATOR)
async def list_outbox(request: Request) -> HTTPResponse:
    query = parse_query(request, service.OutboxQuery)
    return ok(await service.list_outbox(resources(request), caller_of(request), query))


@bp.post("/outbox/<message_id:str>/retry")
@openapi.definition(
    summary="Replay a dead, failed or unknown message (409 conflict in any other state)",
    tag=TAG,
    secured=SECURED,
    response=success_response(OutgoingMessageAnswer),
)
@require(REGULATOR)
async def retry_message(request: Request, message_id: str) -> HTTPResponse:
    return ok(await service.retry_outgoing_message(resources(request), caller_of(request), message_id))
