"""What a booking request covers: its open days and hours, its window and its price.

Pure functions over a facility's settings and the clock, so every rule of API.md "Care types" and
"Booking windows" can be tested without a database.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from backend.calendar import NATIONAL, SERVICE_TZ, Calendar
from backend.errors import ValidationFailed
from backend.rules import (
    CANCEL_GRACE,
    DEFAULT_HOURS,
    HOURLY_MAX_DAYS_AHEAD,
    HOURLY_MIN_LEAD,
    RANGE_MAX_MONTHS,
    TEMPORARY_MAX_DAYS,
    TEMPORARY_MAX_DAYS_AHEAD,
    TEMPORARY_SAME_DAY_LEAD,
    CareType,
    HourRange,
    Session,
    range_last_day,
)

# The rules bound a full-day or half-day range to about three months but not how far ahead it may
# start; a year ahead is as far as any facility plans its classes.
RANGE_MAX_START_DAYS_AHEAD = 366


@dataclass(frozen=True, slots=True)
class HourSpan:
    """A stretch of whole hours of one day, [start, end)."""

    start: int
    end: int

    @property
    def hours(self) -> list[int]:
        return list(range(self.start, self.end))

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start < end <= self.end


def _hour_of(raw: object) -> int | None:
    if not isinstance(raw, str) or len(raw) != 5 or raw[2] != ":":
        return None
    try:
        parsed = time.fromisoformat(raw)
    except ValueError:
        return None
    # The ledger counts whole hours: a span starting 08:30 holds the 08:00 hour (and one ending
    # 17:30 the 17:00 hour, see span_of).
    return parsed.hour


def span_of(raw: Any, default: HourRange) -> HourSpan:
    """A facility's hours setting ({"start": "08:00", "end": "17:00"}) as whole hours."""
    if isinstance(raw, Mapping):
        start = _hour_of(raw.get("start"))
        end_raw = raw.get("end")
        end = _hour_of(end_raw)
        if start is not None and end is not None:
            if isinstance(end_raw, str) and not end_raw.endswith(":00"):
                end += 1
            if start < end:
                return HourSpan(start, end)
    return HourSpan(default.start.hour, default.end.hour)


@dataclass(frozen=True, slots=True)
class FacilityHours:
    full_day: HourSpan
    am: HourSpan
    pm: HourSpan

    @classmethod
    def of(cls, facility: Any) -> FacilityHours:
        return cls(
            full_day=span_of(facility.full_day_hours, DEFAULT_HOURS[CareType.full_day]),
            am=span_of(facility.am_hours, DEFAULT_HOURS[Session.am]),
            pm=span_of(facility.pm_hours, DEFAULT_HOURS[Session.pm]),
        )

    def covered(self, care_type: CareType, session: Session | None = None) -> HourSpan:
        """The hours a care type covers on a day (for hourly: the frame its hours must lie in)."""
        if care_type is CareType.half_day:
            return self.pm if session is Session.pm else self.am
        return self.full_day

    @property
    def all_hours(self) -> list[int]:
        return sorted(set(self.full_day.hours) | set(self.am.hours) | set(self.pm.hours))


def hour_label(hour: int) -> str:
    return f"{hour:02d}:00"


def at(day: date, hour: int) -> datetime:
    """The instant an hour of a day begins, on the service clock (hour 24 is the next midnight)."""
    return datetime.combine(day, time(0), tzinfo=SERVICE_TZ) + timedelta(hours=hour)


class BookingWindow:
    """What a booking made at one moment may get: the one rule of API.md "Booking windows", used
    by the booking service (plan_booking), availability and search.

    A day is in a care type's window when a booking may start on it at all (how far ahead, not in
    the past); an hour of it can still be had until its deadline, the last instant a booking
    starting then may be made.
    """

    def __init__(self, now: datetime) -> None:
        self.now = now.astimezone(SERVICE_TZ)
        self.today = self.now.date()

    def day_refusal(self, care_type: CareType, day: date) -> tuple[str, str] | None:
        """Why no booking of the care type may start on the day (field, problem), or None."""
        today = self.today
        if care_type is CareType.hourly or care_type is CareType.temporary:
            ahead = HOURLY_MAX_DAYS_AHEAD if care_type is CareType.hourly else TEMPORARY_MAX_DAYS_AHEAD
            if day < today:
                return ("start_date", "must not be in the past")
            if day > today + timedelta(days=ahead):
                return ("start_date", f"{care_type.value} care can be booked at most {ahead} days ahead")
            return None
        if day <= today:
            return ("start_date", f"{care_type.value} care starts the next day at the earliest")
        if day > today + timedelta(days=RANGE_MAX_START_DAYS_AHEAD):
            return ("start_date", f"can be booked at most {RANGE_MAX_START_DAYS_AHEAD} days ahead")
        return None

    @staticmethod
    def deadline(care_type: CareType, day: date, first_hour: int) -> datetime:
        """The last instant a booking of the care type starting at that hour of the day may be made."""
        if care_type is CareType.hourly:
            return at(day, first_hour) - HOURLY_MIN_LEAD
        if care_type is CareType.temporary:
            return at(day, first_hour) - TEMPORARY_SAME_DAY_LEAD
        # Full-day and half-day care are booked the day before at the latest.
        return at(day, 0) - timedelta(microseconds=1)

    def start_refusal(self, care_type: CareType, day: date, first_hour: int) -> tuple[str, str] | None:
        if self.now <= self.deadline(care_type, day, first_hour):
            return None
        if care_type is CareType.hourly:
            return ("start_time", "hourly care must be booked at least one hour before it starts")
        if care_type is CareType.temporary:
            return ("start_date", "same-day temporary care must be booked two hours before the day starts")
        return ("start_date", f"{care_type.value} care starts the next day at the earliest")

    def check_day(self, care_type: CareType, day: date) -> None:
        refusal = self.day_refusal(care_type, day)
        if refusal is not None:
            raise ValidationFailed.field(*refusal)

    def check_start(self, care_type: CareType, day: date, first_hour: int) -> None:
        refusal = self.start_refusal(care_type, day, first_hour)
        if refusal is not None:
            raise ValidationFailed.field(*refusal)

    def bookable_hours(self, care_type: CareType, day: date, span: HourSpan) -> list[int]:
        """The hours of an open day a booking made now could hold (hourly: any hour of them)."""
        if not span.hours or self.day_refusal(care_type, day) is not None:
            return []
        if care_type is CareType.hourly:
            return [hour for hour in span.hours if self.start_refusal(care_type, day, hour) is None]
        return span.hours if self.start_refusal(care_type, day, span.start) is None else []

    def minutes_into(self, day: date) -> int:
        """Now as whole minutes since the day's midnight, rounded up (negative before the day)."""
        seconds = (self.now - at(day, 0)).total_seconds()
        return -int(-seconds // 60)


def cancellable_until(first_hour_at: datetime, cancel_before_hours: int, made_at: datetime) -> datetime:
    """Until when the parent may cancel: the facility's cancel window, but never earlier than
    CANCEL_GRACE after the booking was made."""
    return max(first_hour_at - timedelta(hours=cancel_before_hours), made_at + CANCEL_GRACE)


def deadline_minute(care_type: CareType, day: date, first_hour: int) -> int:
    """BookingWindow.deadline as whole minutes since the day's midnight (rounded down), for search."""
    return int((BookingWindow.deadline(care_type, day, first_hour) - at(day, 0)).total_seconds() // 60)


@dataclass(frozen=True, slots=True)
class BookingRequestData:
    """The fields of a booking request the plan depends on (already well formed)."""

    care_type: CareType
    start_date: date
    end_date: date | None
    session: Session | None
    start_time: str | None
    end_time: str | None


@dataclass(frozen=True, slots=True)
class BookingPlan:
    care_type: CareType
    session: Session | None
    start_date: date
    end_date: date
    start_time: str | None
    end_time: str | None
    days: tuple[date, ...]
    hours: tuple[int, ...]
    price_fen: int

    @property
    def slots(self) -> dict[date, list[int]]:
        return {day: list(self.hours) for day in self.days}

    @property
    def first_day(self) -> date:
        return self.days[0]

    @property
    def first_hour_at(self) -> datetime:
        return at(self.days[0], self.hours[0])

    @property
    def last_hour_end_at(self) -> datetime:
        return at(self.days[-1], self.hours[-1] + 1)


def _whole_hour(field: str, value: str) -> int:
    parsed = time.fromisoformat(value)
    if parsed.minute != 0:
        raise ValidationFailed.field(field, "must be a whole hour like 09:00")
    return parsed.hour


def _check_fields_for_care_type(request: BookingRequestData) -> None:
    care_type = request.care_type
    if care_type is not CareType.hourly:
        for name, value in (("start_time", request.start_time), ("end_time", request.end_time)):
            if value is not None:
                raise ValidationFailed.field(name, f"only hourly care takes times, not {care_type.value}")
    if care_type is not CareType.half_day and request.session is not None:
        raise ValidationFailed.field("session", f"only half_day care takes a session, not {care_type.value}")
    if care_type is CareType.half_day and request.session is None:
        raise ValidationFailed.field("session", "half_day care needs a session: am or pm")
    if care_type is CareType.hourly:
        for name, value in (("start_time", request.start_time), ("end_time", request.end_time)):
            if value is None:
                raise ValidationFailed.field(name, "hourly care needs start_time and end_time")
        if request.end_date is not None and request.end_date != request.start_date:
            raise ValidationFailed.field(
                "end_date", "hourly care is for one day: end_date must be start_date"
            )
    if request.end_date is not None and request.end_date < request.start_date:
        raise ValidationFailed.field("end_date", "must not be before start_date")


def plan_booking(
    request: BookingRequestData,
    *,
    hours: FacilityHours,
    open_weekdays: Collection[int],
    closed_dates: Collection[date],
    price_per_unit_fen: int,
    now: datetime,
    calendar: Calendar = NATIONAL,
) -> BookingPlan:
    """The days and hours a request covers, checked against its care type's window.

    Raises ValidationFailed naming the field at fault; days the facility is closed are skipped, and
    a request left with no open day is refused.
    """
    _check_fields_for_care_type(request)
    care_type = request.care_type
    start = request.start_date
    end = request.end_date or start
    span_days = (end - start).days + 1

    window = BookingWindow(now)
    if care_type is CareType.hourly:
        assert request.start_time is not None and request.end_time is not None
        first = _whole_hour("start_time", request.start_time)
        last = _whole_hour("end_time", request.end_time)
        if last <= first:
            raise ValidationFailed.field("end_time", "must be after start_time")
        frame = hours.full_day
        if not frame.contains(first, last):
            raise ValidationFailed.field(
                "start_time" if first < frame.start else "end_time",
                f"hourly care must lie within the full-day hours "
                f"{hour_label(frame.start)}-{hour_label(frame.end)}",
            )
        window.check_day(care_type, start)
        window.check_start(care_type, start, first)
        covered = list(range(first, last))
    elif care_type is CareType.temporary:
        window.check_day(care_type, start)
        if span_days > TEMPORARY_MAX_DAYS:
            raise ValidationFailed.field(
                "end_date", f"temporary care lasts at most {TEMPORARY_MAX_DAYS} days"
            )
        covered = hours.full_day.hours
    else:
        window.check_day(care_type, start)
        if end > range_last_day(start):
            raise ValidationFailed.field(
                "end_date", f"a range covers at most {RANGE_MAX_MONTHS} months (to {range_last_day(start)})"
            )
        covered = hours.covered(care_type, request.session).hours

    days = calendar.open_days(start, end, open_weekdays, closed_dates)
    if not days:
        raise ValidationFailed.field("start_date", "the facility is not open on any day of this range")
    if care_type is CareType.temporary:
        window.check_start(care_type, days[0], covered[0])
    units = len(covered) if care_type is CareType.hourly else len(days)
    return BookingPlan(
        care_type=care_type,
        session=request.session if care_type is CareType.half_day else None,
        start_date=start,
        end_date=end,
        start_time=hour_label(covered[0]) if care_type is CareType.hourly else None,
        end_time=hour_label(covered[-1] + 1) if care_type is CareType.hourly else None,
        days=tuple(days),
        hours=tuple(covered),
        price_fen=price_per_unit_fen * units,
    )


def slots_as_json(slots: Mapping[date, Sequence[int]]) -> dict[str, list[int]]:
    return {day.isoformat(): sorted(hours) for day, hours in sorted(slots.items())}


def slots_from_json(raw: Any) -> dict[date, list[int]]:
    if not isinstance(raw, Mapping):
        return {}
    return {date.fromisoformat(str(day)): sorted(int(h) for h in hours) for day, hours in raw.items()}
