"""Keyset paging of the ORM's queries: the one pager every repository's list uses.

A page is the rows after the last one shown in a total order (a key, then the id), so no row
repeats or hides across pages however rows are added meanwhile; the position travels in the signed
cursor of backend/paging.py.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from tortoise.expressions import Q

from backend.errors import ValidationFailed
from backend.paging import decode_cursor, encode_cursor

if TYPE_CHECKING:
    from tortoise.models import Model
    from tortoise.queryset import QuerySet

M = TypeVar("M", bound="Model")


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
