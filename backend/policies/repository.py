"""Every query of policy articles: the bureau's (drafts included) and the public's (published only)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tortoise.queryset import QuerySet

from backend.accounts.repository import uuid_or_not_found
from backend.db.paging import page_by_creation
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


async def _first_or_missing(query: QuerySet[Policy]) -> Policy:
    policy = await query.first()
    if policy is None:
        raise NotFound("No such policy.")
    return policy


async def get_published(policy_id: str) -> Policy:
    """A published article; a draft or an unknown id are both simply not found."""
    return await _first_or_missing(
        Policy.filter(id=uuid_or_not_found(policy_id, "policy"), is_published=True)
    )


# The bureau's side


async def get_policy(policy_id: str) -> Policy:
    """Any article, draft or published (the bureau's getter)."""
    return await _first_or_missing(Policy.filter(id=uuid_or_not_found(policy_id, "policy")))


async def create_policy(**values: Any) -> Policy:
    return await Policy.create(**values)


async def save_policy(policy: Policy, fields: Iterable[str]) -> None:
    await policy.save(update_fields=[*fields, "updated_at"])


async def page_policies(
    *, published: bool | None, secret_key: str, limit: int, cursor: str | None
) -> tuple[list[Policy], str | None]:
    """One page of every article (or only the published or only the drafts), newest first."""
    query = Policy.all()
    if published is not None:
        query = query.filter(is_published=published)
    return await page_by_creation(query, secret_key=secret_key, limit=limit, cursor=cursor, newest_first=True)
