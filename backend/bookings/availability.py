"""A facility's vacancy day by day and hour by hour (GET /facilities/{id}/availability), and the
ledger as the facility sees it (GET /manage/occupancy)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal, cast

from backend.bookings import engine, ledger, repository
from backend.bookings.plan import BookingWindow, FacilityHours, at, hour_label
from backend.bookings.repository import fk
from backend.bookings.schemas import (
    AvailabilityAnswer,
    AvailabilityQuery,
    ClassOccupancy,
    DayVacancy,
    HourOccupancy,
    HourVacancy,
    OccupancyAnswer,
)
from backend.bookings.vacancy import day_remaining, hour_remaining
from backend.calendar import district_calendar, now_local, today_local
from backend.context import Resources
from backend.errors import NotBookable, ValidationFailed
from backend.rules import BookingStatus, CareType, DayStatus, Session

if TYPE_CHECKING:
    from backend.models import Facility

MAX_RANGE_DAYS = 31
# Days no child is expected on, and bookings that never held their days.
_NOT_ATTENDING = frozenset({DayStatus.closed})
_NOT_HELD_BOOKINGS = frozenset({BookingStatus.rejected, BookingStatus.cancelled})


def check_bookable(facility: Facility, care_type: CareType) -> None:
    if not facility.bookable:
        raise NotBookable(
            "This facility is not filed or is suspended, and takes no bookings.",
            {"filed": facility.filing_status == "filed", "suspended": facility.suspended},
        )
    if care_type.value not in (facility.care_types or []):
        raise NotBookable(
            f"This facility does not offer {care_type.value} care.",
            {"care_types": list(facility.care_types or [])},
        )
    if care_type.value not in (facility.prices or {}):
        # A facility registered by the bureau starts without prices; booking it then would charge
        # nothing by accident (a free place is a price of 0, set on purpose).
        raise NotBookable(
            f"This facility has not set its price for {care_type.value} care yet.",
            {"care_types": list(facility.care_types or []), "priced": sorted(facility.prices or {})},
        )


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


async def availability(res: Resources, facility_id: str, query: AvailabilityQuery) -> AvailabilityAnswer:
    start, end = query.from_date, query.to_date
    if end < start:
        raise ValidationFailed.field("to", "must not be before from")
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise ValidationFailed.field("to", f"a range covers at most {MAX_RANGE_DAYS} days")
    facility = await repository.get_facility(facility_id)
    check_bookable(facility, query.care_type)
    conn = ledger.default_connection()
    classes = await engine.read_classes(conn, str(facility.id), res.settings.mixed_class_ratio)
    seats = engine.fitting_classes(
        classes, query.age_months, facility.age_min_months, facility.age_max_months
    )
    closed = await repository.closed_dates(str(facility.id), start, end)
    calendar = await district_calendar(res)
    open_set = set(calendar.open_days(start, end, facility.open_weekdays or [], closed))
    taken = await ledger.taken_between(conn, [s.id for s in seats], start, end)
    hours = FacilityHours.of(facility)
    session = (query.session or Session.am) if query.care_type is CareType.half_day else None
    covered = hours.covered(query.care_type, session)
    # Only what a booking made now could get counts (API.md "What can still be booked").
    window = BookingWindow(now_local())
    days: list[DayVacancy] = []
    for day in _days(start, end):
        if day not in open_set:
            days.append(
                DayVacancy(
                    date=day,
                    open=False,
                    bookable=False,
                    provisional=calendar.provisional(day.year),
                    remaining=0,
                    hours=[],
                )
            )
            continue
        allowed = set(window.bookable_hours(query.care_type, day, covered))
        if not allowed:
            remaining = 0
        elif query.care_type is CareType.hourly:
            remaining = max(hour_remaining(seats, taken, day, hour) for hour in allowed)
        else:
            remaining = day_remaining(seats, taken, day, query.care_type, session, hours)
        days.append(
            DayVacancy(
                date=day,
                open=True,
                bookable=bool(allowed),
                provisional=calendar.provisional(day.year),
                remaining=remaining,
                hours=[
                    HourVacancy(
                        start=hour_label(hour),
                        remaining=hour_remaining(seats, taken, day, hour) if hour in allowed else 0,
                    )
                    for hour in covered.hours
                ],
            )
        )
    return AvailabilityAnswer(
        facility_id=str(facility.id),
        care_type=query.care_type,
        session=session,
        age_months=query.age_months,
        days=days,
    )


ClosedReason = Literal["closure", "holiday", "weekend"]
CLOSED_REASON_LABELS: dict[ClosedReason, str] = {
    "closure": "停托",
    "holiday": "法定节假日",
    "weekend": "非开放日",
}


async def closed_reason(res: Resources, facility: Facility, day: date) -> ClosedReason | None:
    """Why the facility is closed on a day (`closure`, `holiday`, `weekend`), None when open."""
    if await repository.closed_dates(str(facility.id), day, day):
        return "closure"
    calendar = await district_calendar(res)
    # The calendar answers holiday, weekend or None (it knows nothing of closures).
    return cast("ClosedReason | None", calendar.closed_reason(day, facility.open_weekdays or []))


async def _presence(
    facility_id: str, day: date, hours: Sequence[int]
) -> tuple[Counter[tuple[str, int]], dict[str, Counter[str]]]:
    """Who was there: children in care per (class, hour) from their check-in to their check-out,
    and per class the children booked that day and those who came."""
    present: Counter[tuple[str, int]] = Counter()
    children: dict[str, Counter[str]] = {}
    for row in await repository.days_of_facility_on(facility_id, day):
        booking = row.booking
        if row.status in _NOT_ATTENDING or booking.status in _NOT_HELD_BOOKINGS:
            continue
        class_id = fk(booking, "klass")
        came = row.status in (DayStatus.present, DayStatus.left)
        children.setdefault(class_id, Counter())["present" if came else "not_present"] += 1
        if not came or row.check_in_at is None:
            continue
        for hour in hours:
            starts, ends = at(day, hour), at(day, hour + 1)
            if row.check_in_at < ends and (row.check_out_at is None or row.check_out_at > starts):
                present[(class_id, hour)] += 1
    return present, children


async def occupancy_of_day(res: Resources, facility_id: str, day: date | None) -> OccupancyAnswer:
    """Per class per hour of a day: places taken and capacity (the facility's own view)."""
    the_day = day or today_local()
    facility = await repository.get_facility(facility_id)
    conn = ledger.default_connection()
    classes = await engine.read_classes(conn, facility_id, res.settings.mixed_class_ratio)
    taken = await ledger.taken_between(conn, [s.id for s in classes], the_day, the_day)
    hours = sorted(set(FacilityHours.of(facility).all_hours) | {hour for (_, _, hour) in taken})
    reason = await closed_reason(res, facility, the_day)
    # A closed day offers nothing: its hours show no capacity, so no free place either.
    is_open = reason is None
    present, children = await _presence(facility_id, the_day, hours)
    return OccupancyAnswer(
        date=the_day,
        open=is_open,
        closed_reason=reason,
        closed_reason_label=CLOSED_REASON_LABELS.get(reason) if reason else None,
        classes=[
            ClassOccupancy(
                id=seat.id,
                name=seat.name,
                kind=seat.kind,
                capacity=seat.capacity,
                # Realized presence beside the bookings: children checked in that day.
                booked_children=children.get(seat.id, Counter()).total(),
                present_children=children.get(seat.id, Counter())["present"],
                hours=[
                    HourOccupancy(
                        start=hour_label(hour),
                        taken=taken.get((seat.id, the_day, hour), 0),
                        present=present[(seat.id, hour)],
                        capacity=seat.capacity if is_open else 0,
                    )
                    for hour in hours
                ],
            )
            for seat in classes
        ],
    )
