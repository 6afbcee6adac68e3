"""The shapes of the bureau's calendar and district closure requests (API.md "v1.1 additions")."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from backend.bookings.schemas import IsoDate

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
