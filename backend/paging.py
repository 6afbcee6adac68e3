"""Lists: signed cursors (clients page on, but cannot forge a position) and keyset pages over
(created_at, id) or (name, id), so a row added while someone pages on neither repeats nor hides
another."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from tortoise.expressions import Q

from backend.errors import ValidationFailed
from backend.security import sign, verify_signature

if TYPE_CHECKING:
    from tortoise.models import Model
    from tortoise.queryset import QuerySet

DEFAULT_LIMIT = 20
MAX_LIMIT = 50


def encode_cursor(secret_key: str, position: dict[str, Any]) -> str:
    payload = json.dumps(position, separators=(",", ":"), sort_keys=True).encode()
    body = base64.urlsafe_b64encode(payload).decode().rstrip("=")
    return f"{body}.{sign(secret_key, payload, 'cursor')}"


def decode_cursor(secret_key: str, cursor: str | None) -> dict[str, Any] | None:
    if not cursor:
        return None
    try:
        body, signature = cursor.rsplit(".", 1)
        payload = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError as exc:
        raise ValidationFailed.field("cursor", "not a cursor this service gave out") from exc
    if not verify_signature(secret_key, payload, "cursor", signature):
        raise ValidationFailed.field("cursor", "not a cursor this service gave out")
    position: dict[str, Any] = json.loads(payload)
    return position


M = TypeVar("M", bound="Model")

# Far longer than any cursor this service signs; a longer one is not ours.
CURSOR_MAX_LENGTH = 500
# A search position (distance, id, hits) makes the search lists' cursors longer.
SEARCH_CURSOR_MAX_LENGTH = 512
CURSOR_DESCRIPTION = "next_cursor of the previous page"


class PageQuery(BaseModel):
    """?limit= and ?cursor= of every list (API.md "Lists"); lists with filters extend it."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="1-50, default 20")
    cursor: str | None = Field(default=None, max_length=CURSOR_MAX_LENGTH, description=CURSOR_DESCRIPTION)


class SearchPageQuery(PageQuery):
    """The lists of the search indexes (nearby facilities and rooms, policies)."""

    cursor: str | None = Field(
        default=None, max_length=SEARCH_CURSOR_MAX_LENGTH, description=CURSOR_DESCRIPTION
    )


ItemT = TypeVar("ItemT", bound=BaseModel)


class Page(BaseModel, Generic[ItemT]):
    """The answer of every list (API.md "Lists"): one page of items, and the cursor of the next."""

    items: list[ItemT]
    next_cursor: str | None = Field(description="?cursor= of the next page; null on the last page")


def _position_of(cursor_position: dict[str, Any]) -> tuple[datetime, uuid.UUID]:
    try:
        created_at = datetime.fromisoformat(str(cursor_position["t"]))
        row_id = uuid.UUID(str(cursor_position["i"]))
    except (KeyError, ValueError) as exc:
        raise ValidationFailed.field("cursor", "not a cursor for this list") from exc
    return created_at, row_id


async def _keyset_page(
    query: QuerySet[M], key: str, after: tuple[Any, uuid.UUID] | None, *, limit: int, descending: bool
) -> tuple[list[M], bool]:
    """Up to `limit` rows of `query` in (key, id) order after the position `after`, and whether more
    follow. The id breaks ties, so the order is total and no row repeats or hides across pages."""
    if after is not None:
        value, row_id = after
        beyond = "lt" if descending else "gt"
        query = query.filter(Q(**{f"{key}__{beyond}": value}) | Q(**{key: value, f"id__{beyond}": row_id}))
    order = (f"-{key}", "-id") if descending else (key, "id")
    rows = list(await query.order_by(*order).limit(limit + 1))
    return rows[:limit], len(rows) > limit


async def page_by_creation(
    query: QuerySet[M],
    *,
    secret_key: str,
    limit: int,
    cursor: str | None,
    newest_first: bool,
) -> tuple[list[M], str | None]:
    """One page of `query` in creation order, and the cursor of the next page (None at the end)."""
    position = decode_cursor(secret_key, cursor)
    after = _position_of(position) if position is not None else None
    rows, more = await _keyset_page(query, "created_at", after, limit=limit, descending=newest_first)
    if not more:
        return rows, None
    last = rows[-1]
    next_cursor = encode_cursor(
        secret_key,
        {"t": last.created_at.isoformat(), "i": str(last.pk)},  # type: ignore[attr-defined]
    )
    return rows, next_cursor


def _name_position_of(cursor_position: dict[str, Any]) -> tuple[str, uuid.UUID]:
    try:
        name = str(cursor_position["name"])
        row_id = uuid.UUID(str(cursor_position["id"]))
    except (KeyError, ValueError) as exc:
        raise ValidationFailed.field("cursor", "not a cursor of this list") from exc
    return name, row_id


async def page_by_name(
    query: QuerySet[M], *, secret_key: str, limit: int, cursor: str | None
) -> tuple[list[M], str | None]:
    """One page of `query` by name (then id), and the cursor of the next page (None at the end).

    For registers people browse alphabetically; the rows must have a `name` field."""
    position = decode_cursor(secret_key, cursor)
    after = _name_position_of(position) if position is not None else None
    rows, more = await _keyset_page(query, "name", after, limit=limit, descending=False)
    if not more:
        return rows, None
    last = rows[-1]
    next_cursor = encode_cursor(
        secret_key,
        {"name": last.name, "id": str(last.pk)},  # type: ignore[attr-defined]
    )
    return rows, next_cursor
