"""What parents and facilities send about health checks and pickups, each field bounded."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from backend.parents.schemas import ChildName, IsoDate, _single_line_text
from backend.rules import PICKUP_CODE_DIGITS, AdmissionCheckResult

PersonName = ChildName
Institution = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    AfterValidator(_single_line_text),
]
Relation = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=20),
    AfterValidator(_single_line_text),
]
# A mainland mobile number: whoever collects the child must be reachable on the spot.
MobilePhone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^1[3-9]\d{9}$")]
PickupCodeText = Annotated[str, StringConstraints(pattern=rf"^\d{{{PICKUP_CODE_DIGITS}}}$")]


class HealthCheckCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    checked_on: IsoDate = Field(
        description="The day of the examination; not in the future, not before birth."
    )
    institution: Institution = Field(description="Where the child was examined (a 妇幼保健院, a clinic).")
    result: AdmissionCheckResult


class PickupPersonCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: PersonName
    relation: Relation = Field(examples=["祖母"])
    phone: MobilePhone = Field(description="A mainland mobile number; stored encrypted, shown masked.")


class PickupCodeCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: IsoDate = Field(description="A day of the booking, today or later.")
    person_name: PersonName = Field(description="Who will come with the code.")


class PickupProof(BaseModel):
    """How check-out shows the child goes with someone allowed: a person of the list, or a code."""

    model_config = ConfigDict(extra="forbid")

    pickup_person_id: uuid.UUID | None = None
    pickup_code: PickupCodeText | None = None

    @model_validator(mode="after")
    def _one_of(self) -> PickupProof:
        if self.pickup_person_id is not None and self.pickup_code is not None:
            raise ValueError("give pickup_person_id or pickup_code, not both")
        return self


# What the safeguarding routes answer (service.health_check_view, pickup_person_view, issue_pickup_code).


class AdmissionCheckAnswer(BaseModel):
    id: str
    checked_on: date
    institution: str
    result: AdmissionCheckResult
    created_at: datetime


class PickupPersonAnswer(BaseModel):
    id: str
    name: str
    relation: str
    phone: str | None = Field(description="masked")
    is_parent: bool = Field(description="the parent, on the list from the start")
    created_at: datetime


class PickupCodeAnswer(BaseModel):
    code: str = Field(description="6 digits, good once, that day only")
    date: date
    person_name: str
    expires_at: datetime
