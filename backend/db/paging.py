"""Keyset paging of the ORM's queries: the one pager every repository's list uses.

A page is the rows after the last one shown in a total order (a key, then the id), so no row
repeats or hides across pages however rows are added meanwhile; the position travels in the signed
cursor of backend/paging.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from tortoise.expressions import Q

from backend.errors import ValidationFailed
from backend.paging import decode_cursor, encode_cursor

if TYPE_CHECKING:
    from tortoise.models import Model
    from tortoise.queryset import QuerySet

M = TypeVar("M", bound="Model")


async def page_by(
    query: QuerySet[M],
    key: str,
    parse: Callable[[str], Any],
    *,
    secret_key: str,
    limit: int,
    cursor: str | None,
    descending: bool = False,
) -> tuple[list[M], str | None]:
    """One page of `query` in (key, id) order after the cursor's position, and the cursor of the
    next page (None on the last). The id breaks ties, so the order is total and no row repeats or
    hides across pages; `parse` reads the key back from the cursor (its text is `str(value)`, or
    `isoformat()` for dates and times). A cursor of another order is refused."""
    position = decode_cursor(secret_key, cursor)
    if position is not None:
        try:
            if position["by"] != key:
                raise ValueError("a cursor of another order")
            value, row_id = parse(str(position["v"])), uuid.UUID(str(position["i"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValidationFailed.field("cursor", "not a cursor of this list") from exc
        beyond = "lt" if descending else "gt"
        query = query.filter(Q(**{f"{key}__{beyond}": value}) | Q(**{key: value, f"id__{beyond}": row_id}))
    order = (f"-{key}", "-id") if descending else (key, "id")
    rows = list(await query.order_by(*order).limit(limit + 1))
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    value = getattr(last, key)
    text = value.isoformat() if isinstance(value, date | datetime) else str(value)
    return rows[:limit], encode_cursor(secret_key, {"by": key, "v": text, "i": str(last.pk)})


async def page_by_creation(
    query: QuerySet[M], *, secret_key: str, limit: int, cursor: str | None, newest_first: bool
) -> tuple[list[M], str | None]:
    """One page of `query` in creation order (newest first, or oldest)."""
    return await page_by(
        query,
        "created_at",
        datetime.fromisoformat,
        secret_key=secret_key,
        limit=limit,
        cursor=cursor,
        descending=newest_first,
    )


async def page_by_name(
    query: QuerySet[M], *, secret_key: str, limit: int, cursor: str | None
) -> tuple[list[M], str | None]:
    """One page of `query` by name, for registers people browse alphabetically."""
    return await page_by(query, "name", str, secret_key=secret_key, limit=limit, cursor=cursor)
