"""Request validation with pydantic, reported as 422 `validation_failed` naming the fields."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sanic import Request
from sanic_ext import openapi

from backend.calendar import EARLIEST_DATE, LATEST_DATE
from backend.errors import ValidationFailed
from backend.messages import pydantic_problem

M = TypeVar("M", bound=BaseModel)


def _field_errors(exc: ValidationError) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in exc.errors():
        # A bad key of a mapping is reported by pydantic as `<field>.<key>.[key]`: the field is the key.
        location = ".".join(str(part) for part in error["loc"] if part != "[key]") or "body"
        # In Chinese from the error's type and context: pydantic's own `msg` is English prose.
        fields.setdefault(location, pydantic_problem(error))
    return fields


def _failed(exc: ValidationError) -> ValidationFailed:
    fields = _field_errors(exc)
    return ValidationFailed("Some fields are not valid: " + ", ".join(sorted(fields)), {"fields": fields})


# Deeper than any body of API.md (they nest three levels at most); far below the recursion limit
# of json.loads and of every walk over the parsed value.
MAX_JSON_DEPTH = 64
# A JSON string (escapes included) or one bracket: strings are skipped whole, so brackets inside
# them do not count.
_STRING_OR_BRACKET = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_OPENING = frozenset(b"[{")


def _too_deep(raw: bytes) -> bool:
    # The standard library's json has no depth limit of its own (it recurses until RecursionError),
    # and no well-kept parser here offers one, so the nesting is measured before parsing: one
    # regular-expression pass over the bytes, no recursion.
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(raw):
        token = match.group()
        if len(token) != 1:
            continue
        if token[0] in _OPENING:
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        else:
            depth -= 1
    return False


def _leaves(data: Any) -> Iterator[tuple[Any, str]]:
    """Every value below `data` that is no container, with its dotted path ("body" for the top).

    Iterative: the depth check bounds bodies, but no input should be able to exhaust the stack. A
    model is walked through its own values, not a dump: a field's serializer may turn a date into text.
    """
    pending: list[tuple[Any, str]] = [(data, "")]
    while pending:
        value, path = pending.pop()
        if isinstance(value, BaseModel):
            items: Iterable[tuple[Any, Any]] = (
                (field.alias or name, getattr(value, name))
                for name, field in type(value).model_fields.items()
            )
        elif isinstance(value, dict):
            items = value.items()
        elif isinstance(value, list | tuple | set | frozenset):
            items = enumerate(value)
        else:
            yield value, path or "body"
            continue
        pending.extend((item, f"{path}.{key}" if path else str(key)) for key, item in items)


def _nul_paths(data: Any) -> list[str]:
    return sorted(path for value, path in _leaves(data) if isinstance(value, str) and "\x00" in value)


def _refuse_nul(data: Any) -> None:
    # No text a person types holds NUL, and PostgreSQL cannot store it: refuse it here, once, for
    # every body and query, rather than let it reach the database as a 500.
    paths = _nul_paths(data)
    if paths:
        raise ValidationFailed(
            "Text may not contain NUL characters.",
            {"fields": dict.fromkeys(paths, "contains a NUL character")},
        )


_CONTAINERS = (BaseModel, dict, list, tuple, set, frozenset)


def _flat_and_in_range(model: BaseModel) -> bool:
    """True when the model holds no container and every date of it is within the planned years.

    The common case (every query model, most bodies) answered in one pass over the fields, without
    the generic walk of _leaves; anything else (a nested value, a far date) takes the walk, which
    then names the paths exactly as before.
    """
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, _CONTAINERS):
            return False
        if isinstance(value, date):
            day = value.date() if isinstance(value, datetime) else value
            if not EARLIEST_DATE <= day <= LATEST_DATE:
                return False
    return True


def _far_dates(data: Any) -> list[str]:
    """Paths of the dates outside the years the service plans for (every date of every model)."""
    if isinstance(data, BaseModel) and _flat_and_in_range(data):
        return []
    return sorted(
        path
        for value, path in _leaves(data)
        # a datetime is a date too
        if isinstance(value, date)
        and not EARLIEST_DATE <= (value.date() if isinstance(value, datetime) else value) <= LATEST_DATE
    )


def _validated(model: type[M], data: dict[str, Any]) -> M:
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        raise _failed(exc) from exc
    far = _far_dates(parsed)
    if far:
        problem = f"must be between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}"
        raise ValidationFailed(
            "Some fields are not valid: " + ", ".join(far), {"fields": dict.fromkeys(far, problem)}
        )
    return parsed


def decode_body(raw: bytes, model: type[M]) -> M:
    """A JSON object body as `model`, or ValidationFailed (422); nothing else escapes."""
    if _too_deep(raw):
        raise ValidationFailed(
            f"The body nests deeper than {MAX_JSON_DEPTH} levels.",
            {"fields": {"body": f"nested deeper than {MAX_JSON_DEPTH} levels"}},
        )
    try:
        data: Any = json.loads(raw or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ValidationFailed("The body is not valid JSON.", {"fields": {"body": "not valid JSON"}}) from exc
    if not isinstance(data, dict):
        raise ValidationFailed("The body must be a JSON object.", {"fields": {"body": "not an object"}})
    _refuse_nul(data)
    return _validated(model, data)


def decode_query(args: Mapping[str, Sequence[str]], model: type[M]) -> M:
    """Query parameters (each name with its values) as `model`, or ValidationFailed (422)."""
    data: dict[str, Any] = {
        name: list(values) if len(values) > 1 else values[0] for name, values in args.items()
    }
    # Each parameter is text, so the NUL check needs no walk; the walk of _refuse_nul runs only to
    # name the fields it refuses.
    if any("\x00" in value for values in args.values() for value in values if isinstance(value, str)):
        _refuse_nul(data)
    return _validated(model, data)


def parse_body(request: Request, model: type[M]) -> M:
    return decode_body(request.body or b"{}", model)


def parse_query(request: Request, model: type[M]) -> M:
    return decode_query(request.args, model)


OpenApiParameter = dict[str, Any] | openapi.definitions.Parameter | str
_JSON_TO_PYTHON_TYPES = (("integer", int), ("number", float), ("boolean", bool))


def query_parameters(model: type[BaseModel]) -> list[OpenApiParameter]:
    """The OpenAPI description of a route's query, read from the model that parses it.

    The query models are the one description of each parameter (PageQuery's ?limit and ?cursor
    among them, API.md "Lists"), so the document cannot drift from what parse_query accepts.
    """
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    definitions = schema.get("$defs", {})
    return [
        {
            "name": name,
            "location": "query",
            "required": name in required,
            "description": _described(field_schema, definitions),
            "schema": _python_type(field_schema),
        }
        for name, field_schema in schema["properties"].items()
    ]


def _alternatives(field_schema: dict[str, Any], definitions: dict[str, Any]) -> list[dict[str, Any]]:
    # A field is its schema, the options of an optional field (anyOf), and an enum's definition ($ref).
    options = [field_schema, *field_schema.get("anyOf", [])]
    return options + [definitions[o["$ref"].rsplit("/", 1)[-1]] for o in options if "$ref" in o]


def _described(field_schema: dict[str, Any], definitions: dict[str, Any]) -> str:
    description = str(field_schema.get("description", ""))
    # The parameters are described by type alone, so an enum's codes are named in the text.
    choices = [code for option in _alternatives(field_schema, definitions) for code in option.get("enum", [])]
    if not choices:
        return description
    codes = " | ".join(str(code) for code in choices)
    return f"{codes}: {description}" if description else codes


def _python_type(field_schema: dict[str, Any]) -> type[Any]:
    kinds = {field_schema.get("type")} | {option.get("type") for option in field_schema.get("anyOf", [])}
    for json_type, python_type in _JSON_TO_PYTHON_TYPES:
        if json_type in kinds:
            return python_type
    return str
