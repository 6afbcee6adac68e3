"""JSON answers: ids, dates and times in the forms of API.md, and their OpenAPI description."""

from __future__ import annotations

import json
import re
import uuid
from datetime import date, datetime, time
from typing import Any

from pydantic import BaseModel
from sanic.response import HTTPResponse
from sanic.response import json as sanic_json
from sanic_ext import openapi

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


def plain(data: Any) -> Any:
    """A service's answer (a response model, or a list of them) as the JSON-ready values it holds.

    Python mode keeps dates, times and ids as themselves, so that `dumps` writes them in the forms
    of API.md (times in the service's zone) whatever model they came in.
    """
    if isinstance(data, BaseModel):
        return data.model_dump(by_alias=True)
    if isinstance(data, list):
        return [plain(item) for item in data]
    return data


def ok(data: Any, status: int = 200) -> HTTPResponse:
    # Codes come with their Chinese labels in every answer a person reads (backend/labels.py).
    return sanic_json(add_labels(plain(data)), status=status, dumps=dumps)


def created(data: Any) -> HTTPResponse:
    return ok(data, status=201)


def no_content() -> HTTPResponse:
    return HTTPResponse(status=204)


JSON = "application/json"
_SUCCESS_DESCRIPTIONS = {200: "OK", 201: "Created", 204: "No content"}
# OpenAPI names components with letters, digits, ".", "-" and "_" only; a generic model's name
# (Page[BookingAnswer]) is spelled the way pydantic spells it in its own $defs (Page_BookingAnswer_).
_NOT_IN_COMPONENT_NAMES = re.compile(r"[^A-Za-z0-9._-]")


def component_name(model: type[BaseModel]) -> str:
    return _NOT_IN_COMPONENT_NAMES.sub("_", model.__name__)


def success_response(model: type[BaseModel] | None, status: int = 200) -> openapi.definitions.Response:
    """The OpenAPI description of a route's success: `model` as its JSON body, or no body (204).

    Errors are not described here: every operation shares the one error response (errors.py).
    """
    description = _SUCCESS_DESCRIPTIONS.get(status, "OK")
    if model is None:
        # An empty content map: sanic-ext would otherwise describe a body of any type (*/*).
        return openapi.definitions.Response({}, status=status, description=description)
    # ok() adds a Chinese `<field>_label` beside each code (backend/labels.py); the models name the codes.
    schema = openapi.Component(model, name=component_name(model))
    return openapi.definitions.Response(
        {JSON: schema}, status=status, description=f"{description}; each code comes with its `<field>_label`"
    )
