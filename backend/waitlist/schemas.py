"""The shapes of waitlist and reschedule requests (API.md v1.1 "Waitlist and rescheduling").

A waitlist entry is asked for with the body of a booking (bookings.schemas.BookingRequest).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from backend.bookings.schemas import BookingRequest, IsoDate, WholeHour
from backend.paging import PageQuery
from backend.rules import Session

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
