"""The bureau's side of policy articles: drafts, edits, publishing and the push to followers.

Every change is audited, and after it commits the public search index is told (the search index
reads committed rows only), and a publish with `push` queues policy news for subscribed followers.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from backend import audit
from backend.accounts.scope import require_regulator
from backend.calendar import now_local
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import ValidationFailed
from backend.paging import Page, PageQuery
from backend.policies import repository
from backend.policies.schemas import PolicyPublishedAnswer, PolicyRecordAnswer, PolicyRecordSummary
from backend.policies.service import policy_index_changed
from backend.push.policy import queue_policy_push

if TYPE_CHECKING:
    from backend.models import Policy

log = logging.getLogger(__name__)

MAX_TAGS = 10
MAX_TAG_CHARS = 20
EDITABLE_FIELDS = ("title", "doc_number", "issuer", "published_at", "summary", "body", "tags")


def _clean_tags(value: list[str] | None) -> list[str] | None:
    if value is None:
        return None
    tags: list[str] = []
    for raw in value:
        tag = raw.strip()
        if not tag:
            raise ValueError("a tag may not be empty")
        if len(tag) > MAX_TAG_CHARS:
            raise ValueError(f"a tag has at most {MAX_TAG_CHARS} characters")
        tags.append(tag)
    # The same tag twice would only skew tag filters; keep the first spelling, in order.
    return list(dict.fromkeys(tags))


class PolicyIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=200)
    doc_number: str = Field(default="", max_length=100)
    issuer: str = Field(default="", max_length=100)
    published_at: date | None = None
    summary: str = Field(default="", max_length=1000)
    body: str = Field(min_length=1, max_length=50_000)
    tags: list[str] = Field(default_factory=list, max_length=MAX_TAGS)

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: list[str]) -> list[str]:
        return _clean_tags(value) or []


class PolicyPatch(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str | None = Field(default=None, min_length=1, max_length=200)
    doc_number: str | None = Field(default=None, max_length=100)
    issuer: str | None = Field(default=None, max_length=100)
    # null clears the date; every other field must be a value when present.
    published_at: date | None = None
    summary: str | None = Field(default=None, max_length=1000)
    body: str | None = Field(default=None, min_length=1, max_length=50_000)
    tags: list[str] | None = Field(default=None, max_length=MAX_TAGS)

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: list[str] | None) -> list[str] | None:
        return _clean_tags(value)

    def changes(self) -> dict[str, Any]:
        changes = self.model_dump(exclude_unset=True)
        if not changes:
            raise ValidationFailed("Send at least one field to change.", {"fields": {"body": "no fields"}})
        nulls = {name: "may not be null" for name, value in changes.items() if value is None}
        nulls.pop("published_at", None)
        if nulls:
            raise ValidationFailed(
                "Some fields may not be null: " + ", ".join(sorted(nulls)), {"fields": nulls}
            )
        return changes


class PublishIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    push: bool = False


class PolicyListQuery(PageQuery):
    published: bool | None = None


def policy_summary(policy: Policy) -> PolicyRecordSummary:
    return PolicyRecordSummary(
        id=str(policy.id),
        title=policy.title,
        doc_number=policy.doc_number,
        issuer=policy.issuer,
        published_at=policy.published_at,
        summary=policy.summary,
        tags=list(policy.tags),
        is_published=policy.is_published,
        published_on=policy.published_on,
        created_at=policy.created_at,
        updated_at=policy.updated_at,
    )


def policy_answer(policy: Policy) -> PolicyRecordAnswer:
    return PolicyRecordAnswer(**dict(policy_summary(policy)), body=policy.body)


async def create_policy(res: Resources, caller: Caller, policy_in: PolicyIn) -> PolicyRecordAnswer:
    """A new draft (not published) (201)."""
    require_regulator(caller)
    async with UnitOfWork(res) as uow:
        policy = await repository.create_policy(**policy_in.model_dump(), is_published=False)
        await audit.record(caller, "policy.create", "policy", str(policy.id), details={"title": policy.title})
        uow.after_commit(lambda: policy_index_changed(res))
    return policy_answer(policy)


async def update_policy(
    res: Resources, caller: Caller, policy_id: str, patch: PolicyPatch
) -> PolicyRecordAnswer:
    require_regulator(caller)
    changes = patch.changes()
    async with UnitOfWork(res) as uow:
        policy = await repository.get_policy(policy_id)
        for name, value in changes.items():
            setattr(policy, name, value)
        await repository.save_policy(policy, changes)
        await audit.record(
            caller, "policy.update", "policy", str(policy.id), details={"fields": sorted(changes)}
        )
        uow.after_commit(lambda: policy_index_changed(res))
    return policy_answer(policy)


async def get_policy(res: Resources, caller: Caller, policy_id: str) -> PolicyRecordAnswer:
    require_regulator(caller)
    return policy_answer(await repository.get_policy(policy_id))


async def list_policies(res: Resources, caller: Caller, query: PolicyListQuery) -> Page[PolicyRecordSummary]:
    """Every policy, drafts included, newest first (without bodies)."""
    require_regulator(caller)
    page, next_cursor = await repository.page_policies(
        published=query.published,
        secret_key=res.settings.secret_key,
        limit=query.limit,
        cursor=query.cursor,
    )
    return Page[PolicyRecordSummary](items=[policy_summary(row) for row in page], next_cursor=next_cursor)


async def publish_policy(
    res: Resources, caller: Caller, policy_id: str, publish: PublishIn
) -> PolicyRecordAnswer:
    """Publishes a policy (again is harmless) and, with `push`, queues policy news to followers.

    The first publication's time stands; a re-publish with push queues nothing new, because the
    push producer keys each message on (policy, follower).
    """
    require_regulator(caller)
    async with UnitOfWork(res) as uow:
        policy = await repository.get_policy(policy_id)
        first_time = not policy.is_published
        if first_time:
            policy.is_published = True
            policy.published_on = now_local()
            await repository.save_policy(policy, ["is_published", "published_on"])
        await audit.record(
            caller,
            "policy.publish",
            "policy",
            str(policy.id),
            details={"push": publish.push, "first_time": first_time},
        )
        uow.after_commit(lambda: policy_index_changed(res))
    if not publish.push:
        # Without push the answer has no push_queued at all, not a null one.
        return policy_answer(policy)
    # After the commit, so followers are never told of a publication that rolled back.
    queued = await queue_policy_push(res, str(policy.id))
    return PolicyPublishedAnswer(**dict(policy_answer(policy)), push_queued=queued)
