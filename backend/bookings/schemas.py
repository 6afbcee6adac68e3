"""The shapes of booking requests, bounded field by field, and of what the booking routes answer
(API.md "Mini program" and "Facilities")."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)

from backend.paging import Page, PageQuery
from backend.rules import (
    MAX_TEMPERATURE_C,
    MIN_TEMPERATURE_C,
    MORNING_CHECK_ITEMS,
    AbsenceReason,
    BookingStatus,
    CareType,
    ClassKind,
    DayStatus,
    HealthCheckResult,
    Session,
)
from backend.safeguarding.schemas import PickupProof

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}")

IDEMPOTENCY_KEY_MAX_LENGTH = 100
NOTE_MAX_LENGTH = 500
REASON_MAX_LENGTH = 500
CLOSURE_REASON_MAX_LENGTH = 200
CLASS_NAME_MAX_LENGTH = 50
# Far above any class the national rules allow, so the service can name the rule that refuses it.
MAX_PLACES_FIELD = 1000
MAX_CAREGIVERS = 50
MAX_AGE_MONTHS_QUERY = 120


def _iso_date(value: object) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValueError("must be a date like 2026-03-02")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError("is not a real date") from exc


def _hh_mm(value: object) -> str:
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        raise ValueError("must be a time like 09:00")
    try:
        time.fromisoformat(value)
    except ValueError as exc:
        raise ValueError("is not a real time of day") from exc
    return value


def _on_the_hour(value: str) -> str:
    if not value.endswith(":00"):
        raise ValueError("must be a whole hour like 09:00")
    return value


IsoDate = Annotated[
    date,
    PlainValidator(_iso_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date", "example": "2026-03-02"}),
]
WholeHour = Annotated[
    str,
    PlainValidator(_hh_mm),
    AfterValidator(_on_the_hour),
    WithJsonSchema({"type": "string", "pattern": r"^\d{2}:00$", "example": "09:00"}),
]
ObjectId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=NOTE_MAX_LENGTH)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, max_length=REASON_MAX_LENGTH)]
RequiredReason = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=REASON_MAX_LENGTH)
]
ClassName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=CLASS_NAME_MAX_LENGTH)
]


class BookingRequest(BaseModel):
    """POST /bookings. `end_date` defaults to `start_date`."""

    model_config = ConfigDict(extra="forbid")

    facility_id: ObjectId
    child_id: ObjectId
    care_type: CareType
    start_date: IsoDate
    end_date: IsoDate | None = None
    session: Session | None = Field(default=None, description="half_day only: am or pm")
    start_time: WholeHour | None = Field(default=None, description="hourly only, like 09:00")
    end_time: WholeHour | None = Field(default=None, description="hourly only, like 11:00")
    note: Note | None = None


class CancelRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason | None = None


class RejectRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: RequiredReason


class BookingListQuery(PageQuery):
    status: BookingStatus | None = None


class AvailabilityQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    care_type: CareType
    from_date: IsoDate = Field(alias="from")
    to_date: IsoDate = Field(alias="to")
    age_months: int | None = Field(default=None, ge=0, le=MAX_AGE_MONTHS_QUERY)
    session: Session | None = None


class DayQuery(BaseModel):
    """GET /manage/occupancy."""

    model_config = ConfigDict(extra="forbid")

    date: IsoDate | None = None


class ManageBookingsQuery(BaseModel):
    """GET /manage/bookings: the bookings covering a day (default today)."""

    model_config = ConfigDict(extra="forbid")

    date: IsoDate | None = None
    status: BookingStatus | None = None


class ClassCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ClassKind
    name: ClassName
    places: int = Field(ge=1, le=MAX_PLACES_FIELD)
    caregivers: int = Field(ge=1, le=MAX_CAREGIVERS)


class ClassChanges(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ClassKind | None = None
    name: ClassName | None = None
    places: int | None = Field(default=None, ge=1, le=MAX_PLACES_FIELD)
    caregivers: int | None = Field(default=None, ge=1, le=MAX_CAREGIVERS)


class ClosureCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: IsoDate
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=CLOSURE_REASON_MAX_LENGTH)] = (
        ""
    )
    force: bool = False


# A booking of three months holds about 92 days; an absence names some of them.
MAX_ABSENCE_DATES = 100
HEALTH_NOTES_MAX_LENGTH = 500


class AbsenceRequest(BaseModel):
    """POST /bookings/{id}/absences: days not yet begun the child will not come."""

    model_config = ConfigDict(extra="forbid")

    dates: list[IsoDate] = Field(min_length=1, max_length=MAX_ABSENCE_DATES)
    reason: AbsenceReason
    note: Note | None = None


HealthNotes = Annotated[str, StringConstraints(strip_whitespace=True, max_length=HEALTH_NOTES_MAX_LENGTH)]


class HealthCheck(BaseModel):
    """The morning check (晨检); the items of 一摸二看三问四查 are optional booleans."""

    model_config = ConfigDict(extra="forbid")

    temperature_c: float = Field(ge=MIN_TEMPERATURE_C, le=MAX_TEMPERATURE_C, allow_inf_nan=False)
    result: HealthCheckResult
    notes: HealthNotes | None = None
    touch: bool | None = Field(default=None, description="一摸: forehead and neck felt")
    look: bool | None = Field(default=None, description="二看: face, skin, throat looked at")
    ask: bool | None = Field(default=None, description="三问: sleep, food, stool asked")
    inspect: bool | None = Field(default=None, description="四查: hands, pockets checked for danger")

    def items(self) -> dict[str, bool | None]:
        return {name: getattr(self, name) for name in MORNING_CHECK_ITEMS}


class CheckInRequest(BaseModel):
    """POST /manage/bookings/{id}/check-in: one day (default today), with its morning check."""

    model_config = ConfigDict(extra="forbid")

    date: IsoDate | None = None
    health_check: HealthCheck = Field(description="the morning check (晨检), required")


class DayRequest(BaseModel):
    """check-out and no-show: one day of the booking (default today)."""

    model_config = ConfigDict(extra="forbid")

    date: IsoDate | None = None


class CheckOutRequest(DayRequest, PickupProof):
    """POST /manage/bookings/{id}/check-out: the day the child leaves (default today), and who
    collects the child (`pickup_person_id` of the child's list, or the parent's `pickup_code`)."""


# About a quarter: a season of a child's days at once.
MAX_ATTENDANCE_DAYS = 93


class AttendanceQuery(BaseModel):
    """GET /children/{id}/attendance?from&to (default: the 30 days up to today and the 30 after)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_date: IsoDate | None = Field(default=None, alias="from")
    to_date: IsoDate | None = Field(default=None, alias="to")


class DistrictAttendanceQuery(BaseModel):
    """GET /admin/attendance?date=&town=."""

    model_config = ConfigDict(extra="forbid")

    date: IsoDate | None = None
    town: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)] | None = None


# What the booking routes answer (documented in the OpenAPI document; the services build these
# models: service.booking_answer, days.day_answer, manage.class_answer, availability.py).


class MorningCheckAnswer(BaseModel):
    """A day's morning check (晨检) as recorded at check-in (attendance.health_check_json)."""

    temperature_c: float
    result: HealthCheckResult
    notes: str | None
    touch: bool | None
    look: bool | None
    ask: bool | None
    inspect: bool | None
    admitted: bool = Field(description="below 37.3 °C and a normal result")
    checked_at: datetime
    checked_by: str = Field(description="the account that checked")


class CareDayAnswer(BaseModel):
    """One day a booking covers (API.md "Days of care")."""

    date: date
    status: DayStatus
    check_in_at: datetime | None
    check_out_at: datetime | None
    health_check: MorningCheckAnswer | None
    picked_up_by: str | None = Field(description="who collected the child, as the facility recorded it")
    absence_reason: AbsenceReason | None


class BookingAnswer(BaseModel):
    id: str
    status: BookingStatus
    facility_id: str
    facility_name: str | None
    child_id: str
    care_type: CareType
    start_date: date
    end_date: date
    session: Session | None = Field(description="half_day only")
    start_time: str | None = Field(description="hourly only, HH:MM")
    end_time: str | None = Field(description="hourly only, HH:MM")
    class_kind: ClassKind
    price_fen: int = Field(description="what the booking costs now, in fen (less the days taken out)")
    note: str
    status_reason: str | None
    first_hour_at: datetime
    cancellable_until: datetime | None = Field(description="the parent may cancel until then")
    last_hour_end_at: datetime
    created_at: datetime
    days: list[CareDayAnswer]


class BookingEventAnswer(BaseModel):
    from_status: BookingStatus | None
    to_status: BookingStatus
    actor_role: str
    reason: str | None
    at: datetime


class BookingDetailAnswer(BookingAnswer):
    """One booking with the moves of its status, oldest first."""

    history: list[BookingEventAnswer]


class AffectedBookingAnswer(BaseModel):
    """What a closure did to one booking (API.md "Closures remove days, not bookings")."""

    booking_id: str
    action: Literal["days_removed", "cancelled"]
    removed_dates: list[date]
    price_fen: int = Field(description="the booking's price after the days came out")
    cancelled: bool


class ClassAnswer(BaseModel):
    id: str
    kind: ClassKind
    name: str
    places: int
    caregivers: int
    capacity: int = Field(description="min(places, the national class size, caregivers × the national ratio)")
    max_size: int
    children_per_caregiver: int
    age_min_months: int
    age_max_months: int


class ClosureAnswer(BaseModel):
    id: str
    date: date
    reason: str
    created_at: datetime


class ClosureCreatedAnswer(ClosureAnswer):
    affected: list[AffectedBookingAnswer]


class PersonContact(BaseModel):
    name: str
    phone: str | None = Field(description="masked")


class BookedChild(BaseModel):
    id: str
    name: str
    age_months: int
    allergies: str


class MaskedPhone(BaseModel):
    phone: str | None = Field(description="masked")


class DayBookingAnswer(BookingAnswer):
    """A booking on the facility's list of a day, with what staff need to receive the child."""

    hours: list[int] = Field(description="the hours of the day the booking holds")
    day_status: DayStatus | None
    parent: MaskedPhone
    child: BookedChild
    allergies: str
    emergency_contact: PersonContact | None


class DayBookingsAnswer(Page[DayBookingAnswer]):
    """The facility's list of a day: one page of the bookings covering it."""

    date: date


class HourOccupancy(BaseModel):
    start: str = Field(description="HH:MM")
    taken: int
    present: int = Field(description="children in care during the hour")
    capacity: int


class ClassOccupancy(BaseModel):
    id: str
    name: str
    kind: ClassKind
    capacity: int
    booked_children: int
    present_children: int
    hours: list[HourOccupancy]


class OccupancyAnswer(BaseModel):
    date: date
    open: bool
    closed_reason: Literal["closure", "holiday", "weekend"] | None
    closed_reason_label: str | None
    classes: list[ClassOccupancy]


class HourVacancy(BaseModel):
    start: str = Field(description="HH:MM")
    remaining: int


class DayVacancy(BaseModel):
    date: date
    open: bool
    bookable: bool = Field(description="false once the care type's window no longer allows the day")
    provisional: bool = Field(description="the year's calendar is provisional (holidays unknown)")
    remaining: int
    hours: list[HourVacancy]


class AvailabilityAnswer(BaseModel):
    facility_id: str
    care_type: CareType
    session: Session | None
    age_months: int | None
    days: list[DayVacancy]


class AttendanceDayAnswer(CareDayAnswer):
    booking_id: str
    booking_status: BookingStatus
    care_type: CareType
    facility_id: str
    facility_name: str | None


class ChildAttendanceAnswer(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    child_id: str
    from_date: date = Field(alias="from")
    to_date: date = Field(alias="to")
    items: list[AttendanceDayAnswer]


class AttendanceCounts(BaseModel):
    expected: int
    present: int
    absent: int
    no_show: int


class FacilityAttendance(AttendanceCounts):
    facility_id: str
    facility_name: str
    town: str


class DistrictAttendanceAnswer(BaseModel):
    date: date
    town: str | None
    items: list[FacilityAttendance]
    totals: AttendanceCounts
