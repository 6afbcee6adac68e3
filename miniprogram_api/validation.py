"""Request validation with pydantic, reported as 422 `validation_failed` naming the fields."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sanic import Request
from sanic_ext import openapi

from backend.errors import ValidationFailed

M = TypeVar("M", bound=BaseModel)


def _field_errors(exc: ValidationError) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in exc.errors():
        # A bad key of a mapping is reported by pydantic as `<field>.<key>.[key]`: the field is the key.
        location = ".".join(str(part) for part in error["loc"] if part != "[key]") or "body"
        fields.setdefault(location, error["msg"])
    return fields


def _failed(exc: ValidationError) -> ValidationFailed:
    fields = _field_errors(exc)
    return ValidationFailed("Some fields are not valid: " + ", ".join(sorted(fields)), {"fields": fields})


def _nul_paths(value: Any, path: str) -> list[str]:
    if isinstance(value, str):
        return [path] if "\x00" in value else []
    if isinstance(value, dict):
        return [
            p for key, item in value.items() for p in _nul_paths(item, f"{path}.{key}" if path else str(key))
        ]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _nul_paths(item, f"{path}.{index}")]
    return []


def _refuse_nul(data: Any) -> None:
    # No text a person types holds NUL, and PostgreSQL cannot store it: refuse it here, once, for
    # every body and query, rather than let it reach the database as a 500.
    paths = _nul_paths(data, "")
    if paths:
        raise ValidationFailed(
            "Text may not contain NUL characters.",
            {"fields": dict.fromkeys(paths, "contains a NUL character")},
        )


def parse_body(request: Request, model: type[M]) -> M:
    raw = request.body or b"{}"
    try:
        data: Any = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationFailed("The body is not valid JSON.", {"fields": {"body": "not valid JSON"}}) from exc
    if not isinstance(data, dict):
        raise ValidationFailed("The body must be a JSON object.", {"fields": {"body": "not an object"}})
    _refuse_nul(data)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _failed(exc) from exc


def parse_query(request: Request, model: type[M]) -> M:
    data: dict[str, Any] = {}
    for name, values in request.args.items():
        data[name] = values if len(values) > 1 else values[0]
    _refuse_nul(data)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _failed(exc) from exc


def paging_parameters() -> list[dict[str, Any] | openapi.definitions.Parameter | str]:
    """The OpenAPI description of ?limit= and ?cursor= (API.md "Lists")."""
    return [
        openapi.definitions.Parameter("limit", int, "query", description="1-50, default 20"),
        openapi.definitions.Parameter("cursor", str, "query", description="next_cursor of the previous page"),
    ]
