"""The queries behind public policy browsing: published articles only."""

from __future__ import annotations

import uuid
from typing import Any

from backend.errors import NotFound
from backend.models import Policy

# What the catalogue and the search index need of each published article.
CATALOGUE_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "doc_number",
    "issuer",
    "published_at",
    "published_on",
    "created_at",
    "summary",
    "body",
    "tags",
)


async def published_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = await Policy.filter(is_published=True).values(*CATALOGUE_FIELDS)
    return rows


async def get_published(policy_id: str) -> Policy:
    """A published article; a draft or an unknown id are both simply not found."""
    try:
        parsed = uuid.UUID(str(policy_id))
    except ValueError as exc:
        raise NotFound("No such policy.") from exc
    policy = await Policy.get_or_none(id=parsed, is_published=True)
    if policy is None:
        raise NotFound("No such policy.")
    return policy
