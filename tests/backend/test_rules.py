from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend import rules
from backend.rules import (
    ACTIVE_BOOKING_STATUSES,
    BOOKING_TRANSITIONS,
    CLASS_RULES,
    DEFAULT_HOURS,
    BookingStatus,
    CareType,
    ClassKind,
    Session,
    age_in_months,
    can_transition,
    class_capacity,
    class_rules,
    kinds_for_age,
)


def test_class_rules_match_the_national_standards():
    expected = {
        ClassKind.infant: ("乳儿班", 6, 11, 10, 3),
        ClassKind.toddler: ("托小班", 12, 23, 15, 5),
        ClassKind.preschool: ("托大班", 24, 36, 20, 7),
        ClassKind.mixed: ("混合班", 18, 36, 18, 5),
        ClassKind.family: ("家庭托育点", 6, 36, 5, 3),
    }
    actual = {
        kind: (rule.label_zh, rule.min_months, rule.max_months, rule.max_size, rule.children_per_caregiver)
        for kind, rule in CLASS_RULES.items()
    }
    assert actual == expected
    assert all(rule.kind is kind for kind, rule in CLASS_RULES.items())


def test_mixed_ratio_is_configurable_and_only_changes_mixed_classes():
    six_to_one = class_rules(mixed_ratio=6)
    assert six_to_one[ClassKind.mixed].children_per_caregiver == 6
    for kind in ClassKind:
        if kind is not ClassKind.mixed:
            assert six_to_one[kind] == CLASS_RULES[kind]


def test_mixed_ratio_below_one_is_refused():
    with pytest.raises(ValueError):
        class_rules(mixed_ratio=0)


def test_class_rules_cannot_be_changed_at_runtime():
    with pytest.raises(TypeError):
        CLASS_RULES[ClassKind.infant] = CLASS_RULES[ClassKind.toddler]  # type: ignore[index]


@pytest.mark.parametrize(
    ("kind", "places", "caregivers", "mixed_ratio", "expected"),
    [
        (ClassKind.infant, 30, 10, 5, 10),  # national size binds
        (ClassKind.infant, 30, 2, 5, 6),  # 1:3 binds
        (ClassKind.infant, 4, 5, 5, 4),  # the facility's own places bind
        (ClassKind.toddler, 20, 4, 5, 15),
        (ClassKind.preschool, 25, 2, 5, 14),
        (ClassKind.mixed, 20, 3, 5, 15),
        (ClassKind.mixed, 20, 3, 6, 18),
        (ClassKind.family, 8, 1, 5, 3),
        (ClassKind.family, 8, 2, 5, 5),
        (ClassKind.toddler, 10, 0, 5, 0),  # no caregiver on duty, no child
        (ClassKind.toddler, -3, 2, 5, 0),  # never negative
    ],
)
def test_class_capacity(kind, places, caregivers, mixed_ratio, expected):
    assert class_capacity(kind, places, caregivers, mixed_ratio=mixed_ratio) == expected


@given(
    kind=st.sampled_from(list(ClassKind)),
    places=st.integers(min_value=-5, max_value=100),
    caregivers=st.integers(min_value=-2, max_value=30),
    mixed_ratio=st.integers(min_value=1, max_value=10),
)
def test_class_capacity_never_exceeds_any_limit(kind, places, caregivers, mixed_ratio):
    rule = class_rules(mixed_ratio)[kind]
    capacity = class_capacity(kind, places, caregivers, mixed_ratio=mixed_ratio)
    assert 0 <= capacity <= rule.max_size
    assert capacity <= max(0, places)
    assert capacity <= max(0, caregivers * rule.children_per_caregiver)


@pytest.mark.parametrize(
    ("age_months", "expected"),
    [
        (-1, []),
        (0, []),
        (5, []),
        (6, [ClassKind.infant, ClassKind.family]),
        (11, [ClassKind.infant, ClassKind.family]),
        (12, [ClassKind.toddler, ClassKind.family]),
        (17, [ClassKind.toddler, ClassKind.family]),
        (18, [ClassKind.toddler, ClassKind.mixed, ClassKind.family]),
        (23, [ClassKind.toddler, ClassKind.mixed, ClassKind.family]),
        (24, [ClassKind.preschool, ClassKind.mixed, ClassKind.family]),
        (36, [ClassKind.preschool, ClassKind.mixed, ClassKind.family]),
        (37, []),
    ],
)
def test_kinds_for_age(age_months, expected):
    assert kinds_for_age(age_months) == expected


@pytest.mark.parametrize(
    ("birth", "on", "expected"),
    [
        (date(2024, 1, 15), date(2024, 1, 15), 0),
        (date(2024, 1, 15), date(2024, 2, 14), 0),
        (date(2024, 1, 15), date(2024, 2, 15), 1),
        (date(2024, 1, 15), date(2025, 1, 15), 12),
        # Born on the 31st: the monthly birthday in a shorter month is its last day.
        (date(2024, 1, 31), date(2024, 2, 28), 0),
        (date(2024, 1, 31), date(2024, 2, 29), 1),
        (date(2024, 1, 31), date(2024, 3, 1), 1),
        (date(2024, 1, 31), date(2024, 3, 30), 1),
        (date(2024, 1, 31), date(2024, 3, 31), 2),
        (date(2024, 1, 31), date(2024, 4, 30), 3),
        (date(2023, 1, 31), date(2023, 2, 28), 1),  # not a leap year
        (date(2024, 2, 29), date(2025, 2, 28), 12),
        (date(2024, 2, 29), date(2025, 3, 1), 12),
        (date(2023, 12, 31), date(2024, 1, 30), 0),
        (date(2023, 12, 31), date(2024, 1, 31), 1),
        # Before birth: floored, so never an age a class accepts.
        (date(2024, 3, 10), date(2024, 3, 9), -1),
        (date(2024, 3, 10), date(2024, 2, 10), -1),
        (date(2024, 3, 10), date(2024, 2, 9), -2),
    ],
)
def test_age_in_months(birth, on, expected):
    assert age_in_months(birth, on) == expected


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@given(birth=dates, on=dates)
def test_age_never_goes_down_day_by_day(birth, on):
    assert age_in_months(birth, on + timedelta(days=1)) - age_in_months(birth, on) in (0, 1)


@given(birth=dates, months=st.integers(min_value=0, max_value=48))
def test_age_on_the_monthly_birthday_is_exact(birth, months):
    year, month_index = divmod(birth.month - 1 + months, 12)
    year += birth.year
    month = month_index + 1
    # The monthly birthday, moved to the month's last day where the month is shorter.
    day = birth.day
    while True:
        try:
            birthday = date(year, month, day)
            break
        except ValueError:
            day -= 1
    assert age_in_months(birth, birthday) == months
    assert age_in_months(birth, birthday - timedelta(days=1)) == months - 1


def test_booking_transitions_are_exactly_the_contract():
    b = BookingStatus
    assert dict(BOOKING_TRANSITIONS) == {
        b.pending: {b.confirmed, b.rejected, b.cancelled},
        b.confirmed: {b.checked_in, b.cancelled, b.no_show},
        b.checked_in: {b.checked_out},
        b.rejected: set(),
        b.cancelled: set(),
        b.checked_out: set(),
        b.no_show: set(),
    }
    assert can_transition(b.pending, b.confirmed)
    assert not can_transition(b.checked_out, b.checked_in)
    assert not can_transition(b.pending, b.checked_in)


def test_active_statuses_hold_places():
    assert ACTIVE_BOOKING_STATUSES == {
        BookingStatus.pending,
        BookingStatus.confirmed,
        BookingStatus.checked_in,
    }


def test_enum_values_are_the_contract_strings():
    assert [c.value for c in CareType] == ["full_day", "half_day", "hourly", "temporary"]
    assert [s.value for s in Session] == ["am", "pm"]
    assert [n.value for n in rules.FacilityNature] == [
        "public",
        "private_nonprofit",
        "private_for_profit",
        "employer",
        "kindergarten",
        "family",
    ]
    assert [f.value for f in rules.FilingStatus] == ["unfiled", "filed", "revoked"]
    assert [r.value for r in rules.Role] == ["parent", "facility_admin", "facility_staff", "regulator"]
    assert ClassKind("infant") is ClassKind.infant
    assert CareType.full_day == "full_day"


def test_default_hours_are_indexed_by_care_type_and_session():
    assert DEFAULT_HOURS[CareType.full_day] == (time(8), time(17))
    assert DEFAULT_HOURS[Session.am] == (time(8), time(12))
    assert DEFAULT_HOURS[Session.pm].start == time(13)
    assert DEFAULT_HOURS["pm"].end == time(17)


def test_named_constants():
    assert rules.PLACES_PER_1000_TARGET == 4.5
    assert rules.NATIONAL_PLACES_PER_1000_2025 == 4.73
    assert rules.RECORD_CHECK_MAX_AGE_DAYS == 365
    assert rules.CHILD_SUBSIDY_FEN_PER_YEAR == 3600 * 100
    assert rules.HOURLY_MAX_DAYS_AHEAD == 14
    assert rules.HOURLY_MIN_LEAD == timedelta(hours=1)
    assert rules.TEMPORARY_MAX_DAYS_AHEAD == 7
    assert rules.TEMPORARY_MAX_DAYS == 7
    assert rules.TEMPORARY_SAME_DAY_LEAD == timedelta(hours=2)
    assert rules.RANGE_MAX_MONTHS == 3


@pytest.mark.parametrize(
    ("start", "last"),
    [
        (date(2026, 2, 1), date(2026, 4, 30)),
        (date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 11, 30), date(2027, 2, 27)),
        (date(2026, 12, 15), date(2027, 3, 14)),
    ],
)
def test_a_range_runs_at_most_three_calendar_months(start, last):
    assert rules.range_last_day(start) == last
    assert rules.DEFAULT_OPEN_WEEKDAYS == {1, 2, 3, 4, 5}
    assert rules.DEFAULT_CANCEL_BEFORE_HOURS == 2
    assert rules.MAX_AGE_MONTHS == 36
