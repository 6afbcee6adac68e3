"""What the facility routes answer: the whole record (service.facility_view), the search cards
(geo.cards.facility_card_item, finder.public_item) and the public page (public.public_page)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, model_validator

from backend.rules import CareType, ClassKind, FacilityNature, FilingStatus

# Whole hours inside one day; the place ledger counts hours 0-23.
HOUR_PATTERN = r"^(?:[01]\d|2[0-3]):00$"


class HourSpan(BaseModel):
    """Opening hours as a profile change sends them and as the record answers them."""

    model_config = ConfigDict(extra="forbid")

    start: str = Field(pattern=HOUR_PATTERN, examples=["08:00"])
    end: str = Field(pattern=HOUR_PATTERN, examples=["17:00"])

    @model_validator(mode="after")
    def _start_before_end(self) -> HourSpan:
        if self.start >= self.end:
            raise ValueError("start must be before end")
        return self

    def as_json(self) -> dict[str, str]:
        return {"start": self.start, "end": self.end}


class FacilityPublicAnswer(BaseModel):
    """What anybody may read of a facility's record (the public page adds its classes, staff
    counts and inspection record; its own staff and the bureau see the whole record)."""

    id: str
    name: str
    address: str
    town: str
    lat: float
    lng: float
    phone: str
    nature: FacilityNature
    inclusive: bool
    description: str
    age_min_months: int
    age_max_months: int
    full_day_hours: HourSpan
    am_hours: HourSpan
    pm_hours: HourSpan
    open_weekdays: list[int] = Field(description="ISO weekday numbers, 1 = Monday")
    care_types: list[CareType]
    prices: dict[str, int] = Field(description="fen per care type (hourly per hour, the others per day)")
    filing_status: FilingStatus
    filing_number: str | None
    filed: bool
    suspended: bool
    bookable: bool = Field(description="filed and not suspended: found in search, takes bookings")
    demonstration: bool


class FacilityRecordAnswer(FacilityPublicAnswer):
    """The whole record of a facility, as its own staff and the bureau see it."""

    credit_code: str
    suspension_reason: str | None
    auto_confirm: bool
    cancel_before_hours: int
    requires_admission_check: bool
    waitlist_hold_minutes: int
    disclosure: dict[str, str] = Field(description="the facility's public disclosure (公示), per topic")
    created_at: dt.datetime
    updated_at: dt.datetime


class FacilityCardAnswer(BaseModel):
    """A facility as a search result shows it."""

    id: str
    name: str
    address: str
    town: str
    lat: float
    lng: float
    care_types: list[CareType]
    care_types_label: list[str]
    inclusive: bool
    filed: bool = Field(description="always true: only filed, not suspended facilities are found")
    prices: dict[str, int] = Field(description="fen per care type offered")
    age_min_months: int
    age_max_months: int


class FoundFacilityAnswer(FacilityCardAnswer):
    """GET /facilities?q=: a card with the facility's nature."""

    nature: FacilityNature
    nature_label: str | None


class NearbyFacilityAnswer(FacilityCardAnswer):
    distance_m: int
    available: bool | None = Field(
        description="with ?date=: a free place that day for the age and care type; else null"
    )


class PublicClassAnswer(BaseModel):
    id: str
    kind: ClassKind
    kind_label: str
    name: str
    places: int
    caregivers: int
    capacity: int
    age_min_months: int | None
    age_max_months: int | None


class ClassRatioAnswer(BaseModel):
    class_id: str
    class_name: str
    kind: ClassKind
    caregivers: int
    capacity: int
    children_per_caregiver: float | None = Field(description="when the class is full")
    national_max_children_per_caregiver: int | None


class StaffCountsAnswer(BaseModel):
    total: int
    by_role: dict[str, int]


class PublicInspectionAnswer(BaseModel):
    id: str
    date: dt.date | None
    result: str | None = Field(description="pass | rectify | fail")
    findings: str
    rectify_deadline: dt.date | None
    completed_at: dt.datetime | None


class CreditRecordItem(BaseModel):
    date: dt.date | None
    result: str | None = Field(description="pass | rectify | fail")
    findings: str


class CreditRecordAnswer(BaseModel):
    inspections: int
    outcomes: dict[str, int] = Field(description="inspections per result: pass, rectify, fail")
    items: list[CreditRecordItem]


class FacilityPageAnswer(FacilityPublicAnswer):
    """The facility's public page: staff appear only as counts; unfiled or suspended ones say so."""

    disclosure: dict[str, str]
    classes: list[PublicClassAnswer]
    places: int = Field(description="the classes' capacity together")
    staff: StaffCountsAnswer
    ratios: list[ClassRatioAnswer]
    suspension_reason: str | None
    inspections: list[PublicInspectionAnswer] = Field(description="the latest results")
    credit_record: CreditRecordAnswer
