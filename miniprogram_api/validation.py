"""Request validation with pydantic, reported as 422 `validation_failed` naming the fields."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sanic import Request

from backend.errors import ValidationFailed

M = TypeVar("M", bound=BaseModel)


def _field_errors(exc: ValidationError) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in exc.errors():
        location = ".".join(str(part) for part in error["loc"]) or "body"
        fields.setdefault(location, error["msg"])
    return fields


def _failed(exc: ValidationError) -> ValidationFailed:
    fields = _field_errors(exc)
    return ValidationFailed("Some fields are not valid: " + ", ".join(sorted(fields)), {"fields": fields})


def parse_body(request: Request, model: type[M]) -> M:
    raw = request.body or b"{}"
    try:
        data: Any = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationFailed("The body is not valid JSON.", {"fields": {"body": "not valid JSON"}}) from exc
    if not isinstance(data, dict):
        raise ValidationFailed("The body must be a JSON object.", {"fields": {"body": "not an object"}})
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _failed(exc) from exc


def parse_query(request: Request, model: type[M]) -> M:
    data: dict[str, Any] = {}
    for name, values in request.args.items():
        data[name] = values if len(values) > 1 else values[0]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _failed(exc) from exc
