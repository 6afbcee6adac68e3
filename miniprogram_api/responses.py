"""JSON answers: ids, dates and times in the forms of API.md."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, time
from typing import Any

from sanic.response import HTTPResponse
from sanic.response import json as sanic_json

from backend.calendar import SERVICE_TZ
from backend.labels import add_labels


def _default(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=SERVICE_TZ)
        return aware.astimezone(SERVICE_TZ).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps(value: Any) -> str:
    return json.dumps(value, default=_default, ensure_ascii=False, separators=(",", ":"))


def ok(data: Any, status: int = 200) -> HTTPResponse:
    # Codes come with their Chinese labels in every answer a person reads (backend/labels.py).
    return sanic_json(add_labels(data), status=status, dumps=dumps)


def created(data: Any) -> HTTPResponse:
    return ok(data, status=201)


def no_content() -> HTTPResponse:
    return HTTPResponse(status=204)
