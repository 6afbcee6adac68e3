"""The national rules of the domain as data (DESIGN.md section 2, API.md "Care types").

Every number a service needs to enforce a standard lives here with the standard it comes from,
so a changed regulation is a one-line edit rather than a hunt through the code.
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple


class ClassKind(StrEnum):
    infant = "infant"  # 乳儿班
    toddler = "toddler"  # 托小班
    preschool = "preschool"  # 托大班
    mixed = "mixed"  # 混合班
    family = "family"  # 家庭托育点


@dataclass(frozen=True, slots=True)
class ClassRule:
    kind: ClassKind
    label_zh: str
    # Inclusive bounds, in whole months of age on the first day of care.
    min_months: int
    max_months: int
    max_size: int
    children_per_caregiver: int

    def fits_age(self, age_months: int) -> bool:
        return self.min_months <= age_months <= self.max_months


# 托育机构设置标准（试行）2019 sets no ratio for mixed classes; the district picks one in settings.
DEFAULT_MIXED_CLASS_RATIO = 5

MAX_AGE_MONTHS = 36
MIN_AGE_MONTHS = 6


@functools.cache
def class_rules(mixed_ratio: int = DEFAULT_MIXED_CLASS_RATIO) -> Mapping[ClassKind, ClassRule]:
    """The class rules, with the district's choice of caregiver ratio for mixed classes."""
    if mixed_ratio < 1:
        raise ValueError(f"mixed class ratio must be at least 1 child per caregiver, got {mixed_ratio}")
    rules = (
        # 托育机构设置标准（试行）2019: the standard's "6-12 months" etc. are half-open in whole months.
        ClassRule(ClassKind.infant, "乳儿班", 6, 11, 10, 3),
        ClassRule(ClassKind.toddler, "托小班", 12, 23, 15, 5),
        ClassRule(ClassKind.preschool, "托大班", 24, MAX_AGE_MONTHS, 20, 7),
        ClassRule(ClassKind.mixed, "混合班", 18, MAX_AGE_MONTHS, 18, mixed_ratio),
        # 家庭托育点管理办法（试行）2023.
        ClassRule(ClassKind.family, "家庭托育点", MIN_AGE_MONTHS, MAX_AGE_MONTHS, 5, 3),
    )
    return MappingProxyType({rule.kind: rule for rule in rules})


CLASS_RULES: Mapping[ClassKind, ClassRule] = class_rules()


def class_capacity(
    kind: ClassKind,
    places: int,
    caregivers: int,
    mixed_ratio: int = DEFAULT_MIXED_CLASS_RATIO,
) -> int:
    """How many children a class may hold: min(places, national size, caregivers x ratio), never negative."""
    rule = class_rules(mixed_ratio)[kind]
    return max(0, min(places, rule.max_size, caregivers * rule.children_per_caregiver))


def kinds_for_age(age_months: int) -> list[ClassKind]:
    """The class kinds a child of this age (in whole months) may join, in ClassKind order."""
    # Age bounds don't depend on the mixed ratio, so the default rules answer for every district.
    return [kind for kind, rule in CLASS_RULES.items() if rule.fits_age(age_months)]


def age_in_months(birth_date: date, on_date: date) -> int:
    """Whole months of age on a date; negative (floored) when on_date is before birth_date.

    A monthly birthday that falls on a day the month lacks (born on the 31st, say) is taken to be
    the month's last day, so a child born 2024-01-31 turns 1 month on 2024-02-29 and 2 months on
    2024-03-31. The count never goes down as on_date moves forward.
    """
    months = (on_date.year - birth_date.year) * 12 + (on_date.month - birth_date.month)
    # Before birth this floors too (born tomorrow is -1, not 0), so no class ever takes an unborn child.
    if on_date.day < _monthly_birthday_day(birth_date, on_date.year, on_date.month):
        months -= 1
    return months


def _monthly_birthday_day(birth_date: date, year: int, month: int) -> int:
    return min(birth_date.day, calendar.monthrange(year, month)[1])


class CareType(StrEnum):
    full_day = "full_day"  # 全日托
    half_day = "half_day"  # 半日托
    hourly = "hourly"  # 计时托
    temporary = "temporary"  # 临时托


class Session(StrEnum):
    am = "am"
    pm = "pm"


class FacilityNature(StrEnum):
    public = "public"
    private_nonprofit = "private_nonprofit"
    private_for_profit = "private_for_profit"
    employer = "employer"
    kindergarten = "kindergarten"  # a 托班 run by a kindergarten
    family = "family"  # 家庭托育点


class FilingStatus(StrEnum):
    unfiled = "unfiled"
    filed = "filed"
    revoked = "revoked"


class Role(StrEnum):
    parent = "parent"
    facility_admin = "facility_admin"
    facility_staff = "facility_staff"
    regulator = "regulator"


# A facility's own people: the roles scoped to one facility.
FACILITY_ROLES: frozenset[Role] = frozenset({Role.facility_admin, Role.facility_staff})
# The roles that sign in with a username and password (parents sign in through WeChat).
PASSWORD_ROLES: frozenset[Role] = frozenset({*FACILITY_ROLES, Role.regulator})


def is_bookable(filing_status: str, suspended: bool) -> bool:
    """Whether parents can find and book a facility: filed with the bureau and not suspended."""
    return filing_status == FilingStatus.filed and not suspended


def bookable_filter(relation: str = "") -> dict[str, object]:
    """`is_bookable` as a query filter (`relation` names the facility from another model)."""
    prefix = f"{relation}__" if relation else ""
    return {f"{prefix}filing_status": FilingStatus.filed, f"{prefix}suspended": False}


class BookingStatus(StrEnum):
    pending = "pending"
    confirmed = "confirmed"
    rejected = "rejected"
    cancelled = "cancelled"
    checked_in = "checked_in"
    checked_out = "checked_out"
    no_show = "no_show"


BOOKING_TRANSITIONS: Mapping[BookingStatus, frozenset[BookingStatus]] = MappingProxyType(
    {
        BookingStatus.pending: frozenset(
            {BookingStatus.confirmed, BookingStatus.rejected, BookingStatus.cancelled}
        ),
        BookingStatus.confirmed: frozenset(
            {BookingStatus.checked_in, BookingStatus.cancelled, BookingStatus.no_show}
        ),
        BookingStatus.checked_in: frozenset({BookingStatus.checked_out}),
        BookingStatus.rejected: frozenset(),
        BookingStatus.cancelled: frozenset(),
        BookingStatus.checked_out: frozenset(),
        BookingStatus.no_show: frozenset(),
    }
)

# The statuses whose bookings hold places; leaving them frees the places.
ACTIVE_BOOKING_STATUSES: frozenset[BookingStatus] = frozenset(
    {BookingStatus.pending, BookingStatus.confirmed, BookingStatus.checked_in}
)


def can_transition(current: BookingStatus, target: BookingStatus) -> bool:
    return target in BOOKING_TRANSITIONS[current]


class DayStatus(StrEnum):
    """One day of a booking (API.md "Days of care"): expected -> present -> left, or one of the ends."""

    expected = "expected"
    present = "present"
    left = "left"
    absent = "absent"
    no_show = "no_show"
    closed = "closed"


# A day that is over for attendance: nothing more happens on it.
FINISHED_DAY_STATUSES: frozenset[DayStatus] = frozenset(
    {DayStatus.left, DayStatus.absent, DayStatus.no_show, DayStatus.closed}
)
# A day that holds no place any more (its hours not begun were given back).
FREED_DAY_STATUSES: frozenset[DayStatus] = frozenset({DayStatus.absent, DayStatus.closed})


class AbsenceReason(StrEnum):
    sick = "sick"  # 病假
    personal = "personal"  # 事假
    other = "other"
    closed = "closed"  # a forced closure removed the day; never given by a parent


# What a parent may give as the reason of an absence.
PARENT_ABSENCE_REASONS: frozenset[AbsenceReason] = frozenset(
    {AbsenceReason.sick, AbsenceReason.personal, AbsenceReason.other}
)


class HealthCheckResult(StrEnum):
    normal = "normal"
    abnormal = "abnormal"


# 托育机构保育指导大纲 / 托育机构卫生保健: the morning check (晨检). A child at or above this
# temperature is not admitted; a reading outside the bounds is a typing error, not a child.
FEVER_TEMPERATURE_C = 37.3
MIN_TEMPERATURE_C = 34.0
MAX_TEMPERATURE_C = 43.0
# 一摸二看三问四查: the items of the morning check, each recorded as checked (true) or not.
MORNING_CHECK_ITEMS: tuple[str, ...] = ("touch", "look", "ask", "inspect")
NOT_ADMITTED_EVENT = "not_admitted"


# Places per 1,000 residents: national statistics and the 14th five-year plan target.
PLACES_PER_1000_TARGET = 4.5
NATIONAL_PLACES_PER_1000_2025 = 4.73

# 未成年人保护法 Art. 62: a criminal-record check before hire and again every year.
RECORD_CHECK_MAX_AGE_DAYS = 365

# 育儿补贴制度实施方案 2025: ¥3,600 per child under 3 per year, in fen like all money.
CHILD_SUBSIDY_FEN_PER_YEAR = 360_000

# 托育机构管理规范（试行）: a new admission health check after this long away.
HEALTH_CHECK_AFTER_ABSENCE_MONTHS = 3


class AdmissionCheckResult(StrEnum):
    """The admission health check's (入托体检) verdict."""

    fit = "fit"  # 合格，可入托
    unfit = "unfit"


# Pickup codes: six digits, and this many wrong ones lock a booking's codes for the day.
PICKUP_CODE_DIGITS = 6
PICKUP_CODE_MAX_WRONG = 5
VIDEO_RETENTION_MIN_DAYS = 90

# What a facility must disclose (公示), as keys of its disclosure record.
DISCLOSURE_TOPICS: frozenset[str] = frozenset({"fees", "care", "meals", "health_care", "safety"})

# 关于加快推进母婴设施建设的指导意见 2016: where a mother-and-baby room is required and what it holds.
NURSING_ROOM_REQUIRED_FLOOR_AREA_M2 = 10_000
NURSING_ROOM_REQUIRED_DAILY_VISITORS = 10_000
NURSING_ROOM_RECOMMENDED_AREA_M2 = 10
NURSING_ROOM_AMENITIES: tuple[str, ...] = (
    "changing_table",
    "sink_hot_water",
    "power_outlet",
    "call_button",
    "lockable_door",
    "seat",
)

# Booking windows (API.md "Care types"), all in the service's time zone.
HOURLY_MAX_DAYS_AHEAD = 14
HOURLY_MIN_LEAD = timedelta(hours=1)
TEMPORARY_MAX_DAYS_AHEAD = 7
TEMPORARY_MAX_DAYS = 7
TEMPORARY_SAME_DAY_LEAD = timedelta(hours=2)
# "At most 3 months" for full_day and half_day, in calendar months: from 1 February, the range
# may run to 30 April (89 days); from 1 July, to 30 September (92 days).
RANGE_MAX_MONTHS = 3


def range_last_day(start: date, months: int = RANGE_MAX_MONTHS) -> date:
    """The last day a range starting on `start` may cover: the day before the same day `months`
    later (clamped to the end of a shorter month)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) - timedelta(days=1)


DEFAULT_CANCEL_BEFORE_HOURS = 2
# Booking notices a parent must get, and those that are nice to have (API.md "Notices spend the
# parent's grants on what matters"): an optional notice never spends the parent's last grant.
ESSENTIAL_NOTICE = "essential"
OPTIONAL_NOTICE = "optional"
OPTIONAL_NOTICE_EVENTS = frozenset(
    {
        "confirmed",
        "checked_in",
        "checked_out",
        "reminder_day_before",
        "reminder_hour_before",
        "waitlist_offer_expiring",
        "waitlist_offer_expired",
    }
)


def notice_class(event: str | None) -> str:
    """`essential` or `optional`; an event not named optional (rejected, cancelled, day_closed, a
    waitlist offer, not admitted, picked up by a code) is essential."""
    return OPTIONAL_NOTICE if event in OPTIONAL_NOTICE_EVENTS else ESSENTIAL_NOTICE


# However late a booking is made, the parent may take it back for this long (API.md "Cancelling").
CANCEL_GRACE = timedelta(minutes=15)


class HourRange(NamedTuple):
    start: time
    end: time


# Keyed by the string values "full_day", "am" and "pm", so CareType.full_day and Session.am both index it.
DEFAULT_HOURS: Mapping[str, HourRange] = MappingProxyType(
    {
        CareType.full_day: HourRange(time(8, 0), time(17, 0)),
        Session.am: HourRange(time(8, 0), time(12, 0)),
        Session.pm: HourRange(time(13, 0), time(17, 0)),
    }
)

# ISO weekdays, Monday = 1.
DEFAULT_OPEN_WEEKDAYS: frozenset[int] = frozenset({1, 2, 3, 4, 5})


# Where a nursing room is (母婴室 venue types), a staff member's post, an inspection's course.
class VenueType(StrEnum):
    station = "station"
    hospital = "hospital"
    mall = "mall"
    service_hall = "service_hall"
    employer = "employer"
    scenic = "scenic"
    other = "other"


class InspectionStatus(StrEnum):
    scheduled = "scheduled"
    done = "done"


class InspectionResult(StrEnum):
    passed = "pass"
    rectify = "rectify"
    fail = "fail"


class StaffRole(StrEnum):
    director = "director"
    caregiver = "caregiver"
    health = "health"
    cook = "cook"
    security = "security"
    other = "other"
