"""What the staff register answers (service.staff_view)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from backend.rules import StaffRole


class StaffAnswer(BaseModel):
    id: str
    name: str
    role: StaffRole
    certificates: list[str]
    id_number_masked: str
    last_record_check: date | None
    record_checked_on: date | None = Field(description="the same day as last_record_check (PATCH's name)")
    record_check_due: bool = Field(description="no criminal record check within the last year")
    banned_match: bool = Field(description="the person is on the ban list")
    created_at: datetime
