"""What the policy routes answer: published articles (service.py) and the bureau's records
(admin.policy_answer)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field


class PolicySummaryAnswer(BaseModel):
    """A published article as a list shows it."""

    id: str
    title: str
    doc_number: str
    issuer: str
    published_at: date | None = Field(description="the document's own date")
    summary: str
    tags: list[str]


class PublishedPolicyAnswer(PolicySummaryAnswer):
    """A published article in full."""

    body: str
    published_on: datetime | None = Field(description="when the bureau published it here")
    updated_at: datetime


class PolicyRecordSummary(BaseModel):
    """A policy article as the bureau's list shows it, draft or published: without its body."""

    id: str
    title: str
    doc_number: str
    issuer: str
    published_at: date | None
    summary: str
    tags: list[str]
    is_published: bool
    published_on: datetime | None
    created_at: datetime
    updated_at: datetime


class PolicyRecordAnswer(PolicyRecordSummary):
    """One policy article as the bureau keeps it, with its body."""

    body: str


class PolicyPublishedAnswer(PolicyRecordAnswer):
    push_queued: int | None = Field(default=None, description="with push: the policy news messages queued")
