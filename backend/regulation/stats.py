"""The district's numbers for the bureau (seed policy items 14 and 19): supply of places against
the national target, filings, bookings, inspections, staff checks and ban-list alerts.

Every figure comes from GROUP BY queries; the district totals are the sums of the per-town rows, so
the two always agree. Class capacities use the same rule as the place engine (backend.rules).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from pydantic import BaseModel, ConfigDict, Field

from backend.accounts.scope import require_regulator
from backend.calendar import SERVICE_TZ, today_local
from backend.context import Caller, Resources
from backend.district.service import coverage as calendar_coverage
from backend.errors import ValidationFailed
from backend.facilities.repository import names_of
from backend.regulation import repository
from backend.regulation.schemas import (
    FacilityOverdueStaff,
    InclusiveShare,
    InspectionStats,
    OverdueStaffMember,
    StaffStats,
    StatsAnswer,
    StatsPeriod,
    StatsWarning,
    TownStats,
)
from backend.rules import (
    PLACES_PER_1000_TARGET,
    RECORD_CHECK_MAX_AGE_DAYS,
    ClassKind,
    class_capacity,
)

DEFAULT_PERIOD_DAYS = 30
MAX_PERIOD_DAYS = 5 * 366
INSPECTION_RESULTS = ("pass", "rectify", "fail")


class StatsQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    # `from` is a Python keyword, hence the alias.
    from_date: date | None = Field(
        default=None, alias="from", description="first day of the bookings period; default 29 days before to"
    )
    to_date: date | None = Field(
        default=None, alias="to", description="last day of the period; default today"
    )

    def period(self) -> tuple[date, date]:
        end = self.to_date or today_local()
        start = self.from_date or end - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
        if start > end:
            raise ValidationFailed.field("from", "must not be after to")
        if (end - start).days + 1 > MAX_PERIOD_DAYS:
            raise ValidationFailed.field("to", f"a period spans at most {MAX_PERIOD_DAYS} days")
        return start, end


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


async def _places_by_town(mixed_ratio: int) -> tuple[dict[str, int], dict[str, int]]:
    """Places of filed, not suspended facilities per town: (all, in inclusive facilities).

    Grouped by class configuration, so Python sees one row per distinct (town, kind, places,
    caregivers), never one per class, and computes capacity with the place engine's own rule.
    """
    places: dict[str, int] = defaultdict(int)
    inclusive_places: dict[str, int] = defaultdict(int)
    for configuration in await repository.bookable_class_configurations():
        try:
            kind = ClassKind(configuration.kind)
        except ValueError:
            continue  # a kind the rules don't know holds no lawful places
        total = (
            class_capacity(kind, configuration.places, configuration.caregivers, mixed_ratio)
            * configuration.classes
        )
        places[configuration.town] += total
        if configuration.inclusive:
            inclusive_places[configuration.town] += total
    return dict(places), dict(inclusive_places)


async def _bookings_by_care_type(start: date, end: date) -> dict[str, dict[str, int]]:
    since = datetime.combine(start, time.min, SERVICE_TZ)
    until = datetime.combine(end + timedelta(days=1), time.min, SERVICE_TZ)
    return await repository.booking_counts_by_care_type(since, until)


async def _inspections(today: date) -> InspectionStats:
    by_status: dict[str, int] = defaultdict(int)
    by_result = dict.fromkeys(INSPECTION_RESULTS, 0)
    for status, result, count in await repository.inspection_counts():
        by_status[status] += count
        if result:
            by_result[result] = by_result.get(result, 0) + count
    outstanding, overdue = await repository.outstanding_rectifications(today)
    return InspectionStats(
        done=by_status.get("done", 0),
        scheduled=by_status.get("scheduled", 0),
        by_result=by_result,
        outstanding_rectifications=outstanding,
        overdue_rectifications=overdue,
    )


# How many overdue staff a facility's entry names; its count says how many there are in all.
OVERDUE_STAFF_NAMED = 50


async def _staff(today: date) -> StaffStats:
    cutoff = today - timedelta(days=RECORD_CHECK_MAX_AGE_DAYS)
    overdue = await repository.active_staff_checked_before(cutoff)
    # Per facility, naming the staff, so the bureau knows whom to ask about (a district's staff
    # register is a few thousand rows at most; the overdue ones far fewer).
    by_facility: dict[str, list[OverdueStaffMember]] = defaultdict(list)
    for row in overdue:
        by_facility[str(row["facility_id"])].append(
            OverdueStaffMember(
                id=str(row["id"]), name=row["name"], last_record_check=row["last_record_check"]
            )
        )
    names = await names_of(list(by_facility))
    return StaffStats(
        total=await repository.active_staff_count(),
        record_check_overdue=len(overdue),
        record_check_overdue_by_facility=[
            FacilityOverdueStaff(
                facility_id=facility_id,
                facility_name=names.get(facility_id),
                count=len(staff),
                staff=staff[:OVERDUE_STAFF_NAMED],
            )
            for facility_id, staff in sorted(by_facility.items(), key=lambda item: (-len(item[1]), item[0]))
        ],
    )


async def district_stats(res: Resources, caller: Caller, query: StatsQuery) -> StatsAnswer:
    require_regulator(caller)
    start, end = query.period()
    today = today_local()
    settings = res.settings
    facilities = await repository.facility_counts_by_town()
    places, inclusive_places = await _places_by_town(settings.mixed_class_ratio)
    by_town: list[TownStats] = []
    total_places = 0
    for town, counts in sorted(facilities.items()):
        town_places = places.get(town, 0)
        total_places += town_places
        by_town.append(
            TownStats(
                town=town,
                facilities=counts["facilities"],
                filed=counts["filed"],
                suspended=counts["suspended"],
                places=town_places,
            )
        )
    total_filed = sum(counts["filed"] for counts in facilities.values())
    filed_inclusive = sum(counts["filed_inclusive"] for counts in facilities.values())
    total_inclusive_places = sum(inclusive_places.values())
    per_1000 = round(total_places / settings.district_population * 1000, 2)
    coverage = await calendar_coverage(res)
    return StatsAnswer(
        # `from` is a Python keyword, so the aliases the constructor takes go in as keys.
        period=StatsPeriod(**{"from": start, "to": end}),
        facilities=sum(counts["facilities"] for counts in facilities.values()),
        filed=total_filed,
        suspended=sum(counts["suspended"] for counts in facilities.values()),
        places=total_places,
        population=settings.district_population,
        places_per_1000=per_1000,
        target_per_1000=PLACES_PER_1000_TARGET,
        meets_target=per_1000 >= PLACES_PER_1000_TARGET,
        inclusive_share=InclusiveShare(
            facilities=_share(filed_inclusive, total_filed),
            places=_share(total_inclusive_places, total_places),
            inclusive_filed=filed_inclusive,
            inclusive_places=total_inclusive_places,
        ),
        by_town=by_town,
        by_nature=await repository.facility_counts_by_nature(),
        bookings_by_care_type=await _bookings_by_care_type(start, end),
        inspections=await _inspections(today),
        staff=await _staff(today),
        ban_alerts_open=await repository.open_ban_alert_count(),
        calendar_covered_until=coverage["calendar_covered_until"],
        warnings=[StatsWarning(code=w["code"], message=w["message"]) for w in coverage["warnings"]],
    )
