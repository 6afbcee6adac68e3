"""Every error leaves in the shape of API.md: {"error": {"code", "message", "details"}}."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
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
from sanic_ext import openapi
from sanic_ext.extensions.openapi.builders import OperationStore, SpecificationBuilder

from backend.errors import ServiceError
from backend.messages import localise
from miniprogram_api.responses import JSON, component_name

log = logging.getLogger(__name__)

API_PREFIX = "api/v1"
ERROR_RESPONSE = "Error"


class ErrorDetails(BaseModel):
    """What the error concerns: a code's own keys (e.g. `bookings`, `status`, `retry_after_s`)."""

    model_config = ConfigDict(extra="allow")

    fields: dict[str, str] | None = Field(
        default=None, description="validation_failed: each field named, with its problem in Chinese"
    )


class ErrorBody(BaseModel):
    code: str = Field(description="Stable snake_case code, e.g. not_found, validation_failed, no_capacity")
    message: str = Field(description="What went wrong and what to do, in Chinese")
    details: ErrorDetails


class ErrorAnswer(BaseModel):
    """The body of every 4xx and 5xx answer (API.md "Conventions")."""

    error: ErrorBody


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


def document_error_answers(app: Sanic[Any, Any]) -> None:
    """Every /api/v1 operation of the OpenAPI document answers errors with the one Error response.

    The shape is described once, as a reusable response, and referenced as each operation's
    `default`, so the routes describe their success only (responses.success_response).
    """
    schema = openapi.Component(ErrorAnswer, name=component_name(ErrorAnswer))
    SpecificationBuilder().add_component(
        "responses",
        ERROR_RESPONSE,
        openapi.definitions.Response(
            {JSON: openapi.definitions.MediaType(schema)}, description="An error: 4xx or 5xx, with its code"
        ),
    )
    # sanic-ext's definitions and operation store carry no type hints.
    reference = openapi.definitions.Reference(f"#/components/responses/{ERROR_RESPONSE}")  # type: ignore[no-untyped-call]
    operations = OperationStore()  # type: ignore[no-untyped-call]
    for route in app.router.routes:
        if route.path.startswith(API_PREFIX):
            # Set, not added, so an app made twice in one process still has one default answer.
            operations[route.handler].responses["default"] = reference
