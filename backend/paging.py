"""Lists: signed cursors (clients page on, but cannot forge a position) and keyset pages over
(created_at, id) or (name, id), so a row added while someone pages on neither repeats nor hides
another."""

from __future__ import annotations

import base64
import json
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from backend.errors import ValidationFailed
from backend.security import sign, verify_signature

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
