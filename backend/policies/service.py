"""Public policy browsing and search: the published articles, best match first for a question.

The search index (jieba + BM25, backend/policies/search.py) is derived state. Each worker builds
it from the database and keeps it while a version token in Redis stays the same; every create,
edit or publish changes the token (policy_index_changed), so all workers rebuild on their next
search. The token is random rather than a counter so that a Redis that lost the key can never
hand an old number back to a worker holding an index built before a change.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ConfigDict, Field

from backend.calendar import iso_local
from backend.context import Resources
from backend.errors import ValidationFailed
from backend.paging import Page, SearchPageQuery, decode_cursor, encode_cursor
from backend.policies import repository
from backend.policies.schemas import PolicySummaryAnswer, PublishedPolicyAnswer
from backend.policies.search import PolicyDocument, PolicySearchIndex

CURSOR_KIND = "policies"
MAX_QUERY_CHARS = 100
MAX_TAG_CHARS = 20


def _version_key(res: Resources) -> str:
    return res.key("policies", "version")


class PolicyQuery(SearchPageQuery):
    model_config = ConfigDict(str_strip_whitespace=True)

    q: str | None = Field(default=None, max_length=MAX_QUERY_CHARS, description="words to search for")
    tag: str | None = Field(default=None, max_length=MAX_TAG_CHARS, description="only articles with this tag")


@dataclass(frozen=True, slots=True)
class PolicyCatalogue:
    version: str
    index: PolicySearchIndex
    items: Mapping[str, PolicySummaryAnswer]  # by id
    newest_first: Sequence[str]


def _list_item(row: Mapping[str, Any]) -> PolicySummaryAnswer:
    return PolicySummaryAnswer(
        id=str(row["id"]),
        title=row["title"],
        doc_number=row["doc_number"],
        issuer=row["issuer"],
        published_at=row["published_at"],
        summary=row["summary"],
        tags=[str(tag) for tag in row["tags"] or []],
    )


def _newest_key(row: Mapping[str, Any]) -> tuple[dt.date, str, str]:
    # Newest by the document's own date; undated ones last, then by when the bureau published them.
    published_at = row["published_at"] or dt.date.min
    stamp = iso_local(row["published_on"] or row["created_at"]) or ""
    return (published_at, stamp, str(row["id"]))


def _build(version: str, rows: list[dict[str, Any]]) -> PolicyCatalogue:
    index = PolicySearchIndex(
        PolicyDocument(
            id=str(row["id"]),
            title=row["title"],
            summary=row["summary"],
            body=row["body"],
            doc_number=row["doc_number"],
            tags=[str(tag) for tag in row["tags"] or []],
        )
        for row in rows
    )
    ordered = sorted(rows, key=_newest_key, reverse=True)
    return PolicyCatalogue(
        version=version,
        index=index,
        items={str(row["id"]): _list_item(row) for row in rows},
        newest_first=[str(row["id"]) for row in ordered],
    )


async def policy_index_changed(res: Resources) -> None:
    """Tells every worker that published policies changed: their search indexes rebuild."""
    await res.redis.set(_version_key(res), uuid.uuid4().hex)


async def _current_version(res: Resources) -> str:
    version = await res.redis.get(_version_key(res))
    if version is None:
        # Lost or never set: start a new one, so no worker's older index counts as current.
        await res.redis.set(_version_key(res), uuid.uuid4().hex, nx=True)
        version = await res.redis.get(_version_key(res))
    return str(version)


async def _catalogue(res: Resources) -> PolicyCatalogue:
    version = await _current_version(res)
    cached = res.policy_catalogue
    if cached is not None and cached.version == version:
        return cached
    async with res.policy_catalogue_lock:
        cached = res.policy_catalogue
        if cached is not None and cached.version == version:
            return cached
        # The version is read before the rows: a change committed meanwhile bumps it again,
        # so an index built from older rows is never kept under the newer version.
        rows = await repository.published_rows()
        # Cutting words is CPU work (and jieba's first load about a second): off the event loop.
        catalogue = await asyncio.to_thread(_build, version, rows)
        res.policy_catalogue = catalogue
        return catalogue


def _ranked_ids(catalogue: PolicyCatalogue, q: str | None) -> Sequence[str]:
    if not q:
        return catalogue.newest_first
    return [policy_id for policy_id, _ in catalogue.index.search(q, len(catalogue.index))]


def _offset(res: Resources, cursor: str | None) -> int:
    position = decode_cursor(res.settings.secret_key, cursor)
    if position is None:
        return 0
    try:
        offset = position["o"]
        if position["k"] != CURSOR_KIND or type(offset) is not int or offset < 0:
            raise ValueError("a cursor of another list")
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationFailed.field("cursor", "not a cursor of this list") from exc
    return offset


async def list_policies(res: Resources, query: PolicyQuery) -> Page[PolicySummaryAnswer]:
    """Published articles: best match first for q, else newest first; optionally one tag only."""
    catalogue = await _catalogue(res)
    ids = _ranked_ids(catalogue, query.q)
    items = [catalogue.items[policy_id] for policy_id in ids]
    if query.tag:
        items = [item for item in items if query.tag in item.tags]
    offset = _offset(res, query.cursor)
    page = items[offset : offset + query.limit]
    next_cursor = None
    if offset + query.limit < len(items):
        next_cursor = encode_cursor(res.settings.secret_key, {"k": CURSOR_KIND, "o": offset + query.limit})
    return Page[PolicySummaryAnswer](items=page, next_cursor=next_cursor)


async def search_policies(res: Resources, q: str, limit: int = 5) -> list[PolicySummaryAnswer]:
    """The published articles that best answer a question, best first (the bot's answers)."""
    catalogue = await _catalogue(res)
    question = q.strip()[:MAX_QUERY_CHARS]
    if not question or limit < 1:
        return []
    return [catalogue.items[policy_id] for policy_id, _ in catalogue.index.search(question, limit)]


async def get_policy(res: Resources, policy_id: str) -> PublishedPolicyAnswer:
    """The whole published article."""
    policy = await repository.get_published(policy_id)
    return PublishedPolicyAnswer(
        id=str(policy.id),
        title=policy.title,
        doc_number=policy.doc_number,
        issuer=policy.issuer,
        published_at=policy.published_at,
        summary=policy.summary,
        body=policy.body,
        tags=[str(tag) for tag in policy.tags or []],
        published_on=policy.published_on,
        updated_at=policy.updated_at,
    )
