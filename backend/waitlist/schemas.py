"""The shapes of waitlist and reschedule requests and answers (API.md v1.1 "Waitlist and rescheduling").

A waitlist entry is asked for with the body of a booking (bookings.schemas.BookingRequest).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from backend.bookings.schemas import BookingDetailAnswer, BookingRequest, IsoDate, WholeHour
from backend.paging import PageQuery
from backend.rules import CareType, ClassKind, Session

WaitlistRequest = BookingRequest


class WaitlistListQuery(PageQuery):
    pass


class RescheduleRequest(BaseModel):
    """POST /bookings/{id}/reschedule: the booking's new days or hours (its care type stays)."""

    model_config = ConfigDict(extra="forbid")

    start_date: IsoDate
    end_date: IsoDate | None = None
    session: Session | None = Field(default=None, description="half_day only: am or pm")
    start_time: WholeHour | None = Field(default=None, description="hourly only, like 09:00")
    end_time: WholeHour | None = Field(default=None, description="hourly only, like 11:00")


# What the waitlist routes answer (service.entry_answer, reschedule._answer).


EntryStatus = Literal["waiting", "offered", "accepted", "expired", "withdrawn"]


class WaitlistEntryAnswer(BaseModel):
    id: str
    status: EntryStatus
    status_label: str
    position: int | None = Field(description="1 for the next in line; null once the entry left the line")
    facility_id: str
    facility_name: str | None
    child_id: str
    care_type: CareType
    start_date: date
    end_date: date
    session: Session | None
    start_time: str | None = Field(description="hourly only, HH:MM")
    end_time: str | None = Field(description="hourly only, HH:MM")
    note: str
    offer_expires_at: datetime | None = Field(description="an offer's places are held until then")
    offer_state: str | None
    class_kind: ClassKind | None = Field(description="the class an offer holds places in")
    booking_id: str | None = Field(description="the booking an accepted offer became")
    created_at: datetime


class WaitingChild(BaseModel):
    id: str
    name: str
    age_months: int = Field(description="on the first day asked for")


class FacilityWaitlistEntryAnswer(WaitlistEntryAnswer):
    child: WaitingChild


class RescheduledBookingAnswer(BookingDetailAnswer):
    reschedules_left: int
