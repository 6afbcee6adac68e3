"""Every error leaves in the shape of API.md: {"error": {"code", "message", "details"}}."""

from __future__ import annotations

import logging
from typing import Any

from sanic import Request, Sanic
from sanic.exceptions import (
    BadRequest,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    RequestTimeout,
    SanicException,
    ServiceUnavailable,
)
from sanic.response import HTTPResponse, json

from backend.errors import ServiceError
from backend.messages import localise

log = logging.getLogger(__name__)


def error_response(
    status: int, code: str, message: str, details: dict[str, Any] | None = None
) -> HTTPResponse:
    # People read the message: it leaves in Chinese (backend/messages.py), the code stays English.
    shown, shown_details = localise(code, message, details)
    return json({"error": {"code": code, "message": shown, "details": shown_details}}, status=status)


async def on_service_error(request: Request, exc: Exception) -> HTTPResponse:
    assert isinstance(exc, ServiceError)
    headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after is not None else None
    response = error_response(exc.status, exc.code, exc.message, exc.details)
    if headers:
        response.headers.update(headers)
    return response


async def on_sanic_error(request: Request, exc: Exception) -> HTTPResponse:
    assert isinstance(exc, SanicException)
    status = exc.status_code
    if isinstance(exc, NotFound):
        return error_response(404, "not_found", "No such resource.", {"path": request.path})
    if isinstance(exc, MethodNotAllowed):
        return error_response(405, "method_not_allowed", f"{request.method} is not allowed here.")
    if isinstance(exc, PayloadTooLarge):
        return error_response(413, "payload_too_large", "The request body is too large.")
    if isinstance(exc, RequestTimeout):
        return error_response(408, "request_timeout", "The request took too long to arrive.")
    if isinstance(exc, ServiceUnavailable):
        return error_response(503, "unavailable", "The service is not ready.")
    if isinstance(exc, BadRequest):
        return error_response(
            422,
            "validation_failed",
            "The request is malformed.",
            {"fields": {"body": "request is malformed"}},
        )
    if status >= 500:
        return await on_unexpected_error(request, exc)
    # Sanic's own text is English prose: the code's Chinese text stands in for it.
    return error_response(status, "bad_request", "The request cannot be done.")


async def on_unexpected_error(request: Request, exc: Exception) -> HTTPResponse:
    request_id = getattr(request.ctx, "request_id", "-")
    log.error("unhandled error on %s %s", request.method, request.path, exc_info=exc)
    return error_response(
        500, "internal_error", "Something went wrong on our side.", {"request_id": request_id}
    )


def install_error_handlers(app: Sanic[Any, Any]) -> None:
    app.error_handler.add(ServiceError, on_service_error)
    app.error_handler.add(SanicException, on_sanic_error)
    app.error_handler.add(Exception, on_unexpected_error)
