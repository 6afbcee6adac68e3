"""The shapes of the district calendar and district closure requests and answers (API.md "v1.1
additions")."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from backend.bookings.schemas import AffectedBookingAnswer, IsoDate

NAME_MAX_LENGTH = 50
REASON_MAX_LENGTH = 200
TOWN_MAX_LENGTH = 50
# A year has at most 366 days; more entries than that are duplicates or a mistake.
MAX_DAYS_PER_LIST = 366
MAX_TOWNS = 50

DayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX_LENGTH)]

Town = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TOWN_MAX_LENGTH)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=REASON_MAX_LENGTH)]


class CalendarDay(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: IsoDate
    name: DayName


class CalendarBody(BaseModel):
    """PUT /admin/calendar/{year}: the whole year's arrangement, replacing what was there."""

    model_config = ConfigDict(extra="forbid")

    holidays: list[CalendarDay] = Field(default_factory=list, max_length=MAX_DAYS_PER_LIST)
    workdays: list[CalendarDay] = Field(default_factory=list, max_length=MAX_DAYS_PER_LIST)


class CalendarQuery(BaseModel):
    """GET /calendar?year=."""

    model_config = ConfigDict(extra="forbid")

    year: int = Field(ge=1900, le=2100)


class DistrictClosureCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_date: IsoDate = Field(alias="from")
    to_date: IsoDate = Field(alias="to")
    towns: list[Town] | None = Field(default=None, min_length=1, max_length=MAX_TOWNS)
    reason: Reason


# What the calendar and district closure routes answer (service.year_json, district_closure_json).


CalendarSource = Literal["district", "national", "provisional"]


class CalendarYearAnswer(BaseModel):
    year: int
    source: CalendarSource = Field(
        description="district: the bureau's arrangement; national: the calendar package; provisional: "
        "neither (weekdays only, holidays unknown)"
    )
    holidays: list[CalendarDay]
    workdays: list[CalendarDay] = Field(description="make-up working days")


class CalendarChangedAnswer(CalendarYearAnswer):
    affected_bookings: int
    affected: list[AffectedBookingAnswer]


class DistrictClosureAnswer(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    id: str
    # Aliases per direction rather than `alias`: type checkers take `alias` as the constructor's
    # keyword, and `from` cannot be one.
    from_date: date = Field(validation_alias="from", serialization_alias="from")
    to_date: date = Field(validation_alias="to", serialization_alias="to")
    towns: list[str] | None = Field(description="null: every town")
    reason: str
    facilities: int = Field(description="facilities closed by it")
    created_at: datetime


class DistrictClosureCreatedAnswer(DistrictClosureAnswer):
    affected_bookings: int
    affected: list[AffectedBookingAnswer]
