"""Redis or the database not answering: 503 `unavailable` with Retry-After and one log line per
fault kind per minute (backend/infra/faults.py), never a 500 with a traceback."""

from __future__ import annotations

from typing import Any

import asyncpg
import redis.exceptions
from sanic import Request, Sanic
from sanic.response import HTTPResponse
from tortoise.exceptions import BaseORMException

from backend.infra.faults import note_fault, retry_after_s
from miniprogram_api.errors import error_response, on_unexpected_error

MESSAGES = {
    "redis": "A backing service is not answering; try again in a moment.",
    "database": "The database is not answering; try again in a moment.",
}


async def on_backing_fault(request: Request, exc: Exception) -> HTTPResponse:
    kind = note_fault(exc, f"answering {request.method} {request.path}")
    if kind is None:  # e.g. an integrity error the service should have turned into a 409
        return await on_unexpected_error(request, exc)
    service = "database" if kind.startswith("database") else "redis"
    response = error_response(503, "unavailable", MESSAGES[service], {"service": service})
    response.headers["Retry-After"] = str(retry_after_s(kind))
    return response


def install_fault_handlers(app: Sanic[Any, Any]) -> None:
    app.error_handler.add(redis.exceptions.RedisError, on_backing_fault)
    app.error_handler.add(BaseORMException, on_backing_fault)
    app.error_handler.add(OSError, on_backing_fault)  # ConnectionError, TimeoutError
    app.error_handler.add(asyncpg.exceptions.PostgresError, on_backing_fault)
    app.error_handler.add(asyncpg.exceptions.InterfaceError, on_backing_fault)
    # Not a PostgresError: raised on a connection the server shut down in the middle of a query.
    app.error_handler.add(asyncpg.exceptions.InternalClientError, on_backing_fault)
