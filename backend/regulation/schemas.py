"""What the bureau's routes answer: the register of facilities (registration.py), the ban list
(banlist.py), the audit log (audit_service.py), inspections (inspections.py) and the district's
numbers (stats.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from backend.accounts.schemas import AccountAnswer
from backend.facilities.schemas import FacilityRecordAnswer


class RegisteredFacilityAnswer(FacilityRecordAnswer):
    admin: AccountAnswer = Field(description="the facility's admin account, created with it")


class FacilityRecordChangedAnswer(FacilityRecordAnswer):
    cancelled_bookings: int = Field(description="future bookings cancelled by a suspension or revocation")


class BanEntryAnswer(BaseModel):
    """A ban-list entry: the ID number is kept only as a keyed hash and never shown."""

    id: str
    name: str
    reason: str
    created_at: datetime


class NewBanEntryAnswer(BanEntryAnswer):
    employed_matches: int = Field(description="active staff who match, flagged at once")


class BanEntrySummary(BaseModel):
    id: str
    name: str
    reason: str


class BanAlertAnswer(BaseModel):
    id: str
    kind: str = Field(description="hire_refused | employed_match")
    name: str
    facility_id: str
    facility_name: str | None
    staff_id: str | None
    staff_id_number_masked: str | None = Field(description="null for a refused hire")
    ban_entry: BanEntrySummary
    created_at: datetime
    resolved: bool


class AuditActor(BaseModel):
    id: str
    username: str | None
    display_name: str | None
    role: str
    role_label: str | None


class AuditEntryAnswer(BaseModel):
    id: str
    actor_id: str | None
    actor_role: str
    actor: AuditActor | None = Field(description="who did it; null for the system")
    action: str = Field(description="e.g. child.read, facility.update")
    object_type: str
    object_id: str
    facility_id: str | None
    details: dict[str, Any] | None
    created_at: datetime


class InspectionAnswer(BaseModel):
    id: str
    draw_id: str | None
    facility_id: str
    facility_name: str | None
    inspector_ids: list[str]
    status: str = Field(description="scheduled | done")
    result: str | None = Field(description="pass | rectify | fail")
    findings: str
    rectify_deadline: date | None
    completed_at: datetime | None
    created_at: datetime
    follows_up_id: str | None = Field(description="the rectify inspection a follow-up re-inspects")
    due_on: date | None
    overdue: bool


class DrawnInspection(BaseModel):
    id: str
    facility_id: str
    facility_name: str | None
    inspector_ids: list[str]
    status: str


class DrawAnswer(BaseModel):
    id: str
    seed: str = Field(description="replays the draw")
    count: int
    inspector_ids: list[str]
    created_at: datetime
    items: list[DrawnInspection]


class DrawPick(BaseModel):
    facility_id: str
    inspector_ids: list[str]


class DrawReplayAnswer(BaseModel):
    id: str
    seed: str
    count: int
    inspector_ids: list[str]
    candidate_facility_ids: list[str]
    matches: bool = Field(description="the recomputed draw is the one recorded")
    problem: str | None
    items: list[DrawPick] = Field(description="the draw recomputed from its seed")
    recorded: list[DrawPick]


class StatsPeriod(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_date: date = Field(alias="from")
    to_date: date = Field(alias="to")


class InclusiveShare(BaseModel):
    facilities: float = Field(description="share of filed facilities that are inclusive (普惠)")
    places: float
    inclusive_filed: int
    inclusive_places: int


class TownStats(BaseModel):
    town: str
    facilities: int
    filed: int
    suspended: int
    places: int


class InspectionStats(BaseModel):
    done: int
    scheduled: int
    by_result: dict[str, int]
    outstanding_rectifications: int
    overdue_rectifications: int


class OverdueStaffMember(BaseModel):
    id: str
    name: str
    last_record_check: date | None


class FacilityOverdueStaff(BaseModel):
    facility_id: str
    facility_name: str | None
    count: int
    staff: list[OverdueStaffMember]


class StaffStats(BaseModel):
    total: int
    record_check_overdue: int
    record_check_overdue_by_facility: list[FacilityOverdueStaff]


class StatsWarning(BaseModel):
    code: str
    message: str


class StatsAnswer(BaseModel):
    period: StatsPeriod
    facilities: int
    filed: int
    suspended: int
    places: int
    population: int
    places_per_1000: float
    target_per_1000: float
    meets_target: bool
    inclusive_share: InclusiveShare
    by_town: list[TownStats]
    by_nature: dict[str, int]
    bookings_by_care_type: dict[str, dict[str, int]] = Field(description="per care type, per status")
    inspections: InspectionStats
    staff: StaffStats
    ban_alerts_open: int
    calendar_covered_until: date | None = Field(
        description="the last day of the last year whose calendar is not provisional"
    )
    warnings: list[StatsWarning]
