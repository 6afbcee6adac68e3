"""The shapes of the demo data files in backend/seed/data/, checked by the API's own request models.

A demo facility is what the API would build in four steps, and each step's part of the record is
validated by that step's model: the bureau registers it (`FacilityRegistration`), records its filing
(`FacilityRecordChanges`), its administrator sets the profile (`ProfileChanges`), adds the classes
(`ClassCreate`) and hires the staff (`NewStaffBody`). Rooms are `RoomIn` rows, policies `PolicyIn`;
the articles of the district plan take their bodies from the plan's own text.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from backend.accounts.service import checked_username
from backend.bookings.schemas import ClassCreate
from backend.errors import ValidationFailed
from backend.facilities.service import BUREAU_FIELDS, ProfileChanges
from backend.policies.admin import PolicyIn
from backend.regulation.registration import FacilityRecordChanges, FacilityRegistration
from backend.staff.service import NewStaffBody
from backend.validators import (
    is_valid_credit_code,
    is_valid_id_number,
    normalise_credit_code,
    normalise_id_number,
)

# The profile a demo facility must give in full (the API's PATCH takes any subset of it).
PROFILE_FIELDS: frozenset[str] = frozenset(
    set(ProfileChanges.model_fields) - set(FacilityRegistration.model_fields) - BUREAU_FIELDS
)

# Settings with a default every demo facility may keep (the waitlist hold, 30 minutes).
OPTIONAL_PROFILE_FIELDS: frozenset[str] = frozenset({"waitlist_hold_minutes"})


class FacilitySeed(BaseModel):
    """One demo facility. The data file holds it as one flat record; `from_record` splits it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # The facility administrator's username; the demo's staff account adds a suffix to it.
    admin_username: str
    registration: FacilityRegistration
    record: FacilityRecordChanges
    profile: ProfileChanges
    classes: list[ClassCreate] = Field(min_length=1)
    staff: list[NewStaffBody] = Field(min_length=1)

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> FacilitySeed:
        """Splits a flat record into the parts the API takes, each field to the first part naming it."""
        parts: dict[str, dict[str, Any]] = {"registration": {}, "record": {}, "profile": {}}
        rest: dict[str, Any] = {}
        for name, value in record.items():
            if name in FacilityRegistration.model_fields:
                parts["registration"][name] = value
            elif name in FacilityRecordChanges.model_fields:
                parts["record"][name] = value
            elif name in PROFILE_FIELDS:
                parts["profile"][name] = value
            else:
                rest[name] = value
        return cls.model_validate({**rest, **parts})

    @field_validator("admin_username")
    @classmethod
    def _username(cls, value: str) -> str:
        try:
            return checked_username(value, "admin_username")
        except ValidationFailed as exc:
            raise ValueError(exc.message) from exc

    @model_validator(mode="after")
    def _whole(self) -> FacilitySeed:
        missing = sorted(PROFILE_FIELDS - OPTIONAL_PROFILE_FIELDS - self.profile.model_fields_set)
        if missing:
            raise ValueError(f"the profile lacks {', '.join(missing)}")
        # The checks the registration and hiring services make beyond their request models.
        if not is_valid_credit_code(normalise_credit_code(self.registration.credit_code)):
            raise ValueError(f"invalid credit code {self.registration.credit_code}")
        if self.registration.age_min_months > self.registration.age_max_months:
            raise ValueError("age_min_months is above age_max_months")
        for person in self.staff:
            if not is_valid_id_number(normalise_id_number(person.id_number)):
                raise ValueError(f"invalid ID number for {person.name}")
        return self

    @property
    def name(self) -> str:
        return self.registration.name

    @property
    def credit_code(self) -> str:
        return normalise_credit_code(self.registration.credit_code)

    @property
    def demonstration(self) -> bool:
        return bool(self.record.demonstration)

    def facility_columns(self) -> dict[str, Any]:
        """The facility's columns as the seed writes them, credit code aside."""
        columns = {
            **self.registration.model_dump(mode="json", exclude={"credit_code"}),
            **self.record.model_dump(mode="json", exclude_unset=True),
            **self.profile.model_dump(mode="json", exclude_unset=True),
        }
        return columns


class FacilitiesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # The towns and streets of the district, as the seed plan's attachment lists them.
    towns: list[str] = Field(min_length=1)
    facilities: list[dict[str, Any]] = Field(min_length=1)


class PageBreak(BaseModel):
    """Where a page break of the plan's PDF split a line: the whitespace between `before` and
    `after` becomes `join`."""

    model_config = ConfigDict(extra="forbid")

    before: str = Field(min_length=1)
    after: str = Field(min_length=1)
    join: str = ""


class PlanArticle(BaseModel):
    """One article cut from the plan: its body runs from `starts_with` to the next article's start."""

    model_config = ConfigDict(extra="forbid")

    title: str
    starts_with: str = Field(min_length=1)
    summary: str
    tags: list[str]


class DistrictPlan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # A file beside the data files: the plan's text as published, not retyped.
    source: str = Field(min_length=1)
    issuer: str
    doc_number: str = ""
    published_at: date
    page_breaks: list[PageBreak]
    articles: list[PlanArticle] = Field(min_length=1)

    def rejoined(self, text: str) -> str:
        """The plan's text with the lines its page breaks split joined again."""
        for page_break in self.page_breaks:
            parts = text.split(page_break.before)
            joined = [parts[0]]
            found = 0
            for part in parts[1:]:
                stripped = part.lstrip()
                if stripped != part and stripped.startswith(page_break.after):
                    found += 1
                    part = page_break.join + stripped
                joined.append(part)
            if found != 1:
                raise ValueError(f"page break {page_break.before!r}/{page_break.after!r} found {found} times")
            text = page_break.before.join(joined)
        return text

    def policies(self, text: str) -> list[PolicyIn]:
        text = self.rejoined(text)
        starts: list[int] = []
        for article in self.articles:
            start = text.find(article.starts_with, starts[-1] + 1 if starts else 0)
            if start < 0:
                raise ValueError(f"article {article.title!r}: {article.starts_with!r} is not in the plan")
            starts.append(start)
        if text[: starts[0]].strip():
            raise ValueError("the plan has text before its first article")
        ends = [*starts[1:], len(text)]
        return [
            PolicyIn(
                title=article.title,
                doc_number=self.doc_number,
                issuer=self.issuer,
                published_at=self.published_at,
                summary=article.summary,
                body=text[start:end].strip(),
                tags=article.tags,
            )
            for article, start, end in zip(self.articles, starts, ends, strict=True)
        ]


class PoliciesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    district_plan: DistrictPlan
    # The national, provincial and city documents the plan rests on, as summaries.
    cited: list[PolicyIn]
