"""A facility's own profile: what it offers, when it opens, what it charges and what it discloses.

The bureau's part of the record (filing, credit code, suspension, location) is changed only through
backend/regulation/registration.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic.json_schema import SkipJsonSchema

from backend.accounts.scope import own_facility
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import Forbidden, ValidationFailed
from backend.facilities import repository
from backend.facilities.schemas import FacilityRecordAnswer, HourSpan
from backend.rules import DISCLOSURE_TOPICS, MAX_AGE_MONTHS, CareType, FilingStatus

if TYPE_CHECKING:
    from backend.models import Facility

MAX_PRICE_FEN = 10_000_000
MAX_CANCEL_BEFORE_HOURS = 72
# A waitlist offer holds places that others wait for: a day at most.
MAX_WAITLIST_HOLD_MINUTES = 1440
DISCLOSURE_MAX_LENGTH = 2000
DESCRIPTION_MAX_LENGTH = 5000

# What only the district bureau sets; a facility sending one of these is refused, not ignored.
BUREAU_FIELDS: frozenset[str] = frozenset(
    {
        "filing_status",
        "filing_number",
        "demonstration",
        "suspended",
        "suspension_reason",
        "credit_code",
        "nature",
        "inclusive",
        "town",
        "lat",
        "lng",
    }
)
# Changes that alter the hours a place is counted for, so cached vacancy must be rebuilt.
VACANCY_FIELDS: frozenset[str] = frozenset(
    {"full_day_hours", "am_hours", "pm_hours", "open_weekdays", "care_types"}
)

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Address = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=30, pattern=r"^[0-9+\-() ]*$")]
PriceFen = Annotated[int, Field(ge=0, le=MAX_PRICE_FEN)]
Weekday = Annotated[int, Field(ge=1, le=7)]
AgeMonths = Annotated[int, Field(ge=0, le=MAX_AGE_MONTHS)]


class ProfileChanges(BaseModel):
    """The fields a facility administrator may change; absent fields stay as they are."""

    model_config = ConfigDict(extra="forbid")

    name: ShortText | None = None
    address: Address | None = None
    phone: Phone | None = None
    description: Annotated[str, StringConstraints(max_length=DESCRIPTION_MAX_LENGTH)] | None = None
    disclosure: dict[str, Annotated[str, StringConstraints(max_length=DISCLOSURE_MAX_LENGTH)]] | None = Field(
        default=None, description="公示: any of " + ", ".join(sorted(DISCLOSURE_TOPICS))
    )
    care_types: list[CareType] | None = Field(default=None, min_length=1, max_length=len(CareType))
    prices: dict[CareType, PriceFen] | None = Field(
        default=None, description="fen; full_day, half_day and temporary per day, hourly per hour"
    )
    full_day_hours: HourSpan | None = None
    am_hours: HourSpan | None = None
    pm_hours: HourSpan | None = None
    open_weekdays: list[Weekday] | None = Field(default=None, min_length=1, max_length=7)
    auto_confirm: bool | None = None
    cancel_before_hours: Annotated[int, Field(ge=0, le=MAX_CANCEL_BEFORE_HOURS)] | None = None
    requires_admission_check: bool | None = Field(
        default=None,
        description="A first check-in needs a fit admission health check (入托体检) of the last 3 months; "
        "an hourly-only point may turn it off.",
    )
    waitlist_hold_minutes: Annotated[int, Field(ge=5, le=MAX_WAITLIST_HOLD_MINUTES)] | None = None
    age_min_months: AgeMonths | None = None
    age_max_months: AgeMonths | None = None

    # Accepted by the parser only so the service can refuse them by name (403), not as unknown fields.
    filing_status: SkipJsonSchema[Any] = None
    filing_number: SkipJsonSchema[Any] = None
    demonstration: SkipJsonSchema[Any] = None
    suspended: SkipJsonSchema[Any] = None
    suspension_reason: SkipJsonSchema[Any] = None
    credit_code: SkipJsonSchema[Any] = None
    nature: SkipJsonSchema[Any] = None
    inclusive: SkipJsonSchema[Any] = None
    town: SkipJsonSchema[Any] = None
    lat: SkipJsonSchema[Any] = None
    lng: SkipJsonSchema[Any] = None

    @field_validator("disclosure")
    @classmethod
    def _known_topics(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        if value is not None:
            unknown = sorted(set(value) - DISCLOSURE_TOPICS)
            if unknown:
                raise ValueError(
                    f"unknown topic {', '.join(unknown)}; topics are {', '.join(sorted(DISCLOSURE_TOPICS))}"
                )
        return value

    @field_validator("care_types", "open_weekdays")
    @classmethod
    def _no_repeats(cls, value: list[Any] | None) -> list[Any] | None:
        if value is not None and len(set(value)) != len(value):
            raise ValueError("each value at most once")
        return value


def facility_view(facility: Facility) -> FacilityRecordAnswer:
    """The whole record of a facility as its own staff and the bureau see it."""
    return FacilityRecordAnswer(
        id=str(facility.id),
        name=facility.name,
        credit_code=facility.credit_code,
        address=facility.address,
        town=facility.town,
        lat=facility.lat,
        lng=facility.lng,
        phone=facility.phone,
        nature=facility.nature,
        inclusive=facility.inclusive,
        age_min_months=facility.age_min_months,
        age_max_months=facility.age_max_months,
        filing_status=facility.filing_status,
        filing_number=facility.filing_number,
        filed=facility.filing_status == FilingStatus.filed,
        demonstration=facility.demonstration,
        suspended=facility.suspended,
        suspension_reason=facility.suspension_reason,
        bookable=facility.bookable,
        care_types=list(facility.care_types),
        prices=dict(facility.prices),
        full_day_hours=HourSpan(**facility.full_day_hours),
        am_hours=HourSpan(**facility.am_hours),
        pm_hours=HourSpan(**facility.pm_hours),
        open_weekdays=list(facility.open_weekdays),
        auto_confirm=facility.auto_confirm,
        cancel_before_hours=facility.cancel_before_hours,
        requires_admission_check=facility.requires_admission_check,
        waitlist_hold_minutes=facility.waitlist_hold_minutes,
        description=facility.description,
        disclosure=dict(facility.disclosure),
        created_at=facility.created_at,
        updated_at=facility.updated_at,
    )


async def get_profile(res: Resources, caller: Caller) -> FacilityRecordAnswer:
    facility_id = own_facility(caller, refusal="Only the facility's own staff see its management profile.")
    facility = await repository.get_facility(facility_id)
    return facility_view(facility)


def _hour(value: str) -> int:
    return int(value[:2])


def _check_hours(full_day: dict[str, str], am: dict[str, str], pm: dict[str, str]) -> None:
    day_start, day_end = _hour(full_day["start"]), _hour(full_day["end"])
    shown = f"{full_day['start']}-{full_day['end']}"
    if not (day_start <= _hour(am["start"]) and _hour(am["end"]) <= day_end):
        raise ValidationFailed.field("am_hours", f"must lie inside the full-day hours {shown}")
    if not (day_start <= _hour(pm["start"]) and _hour(pm["end"]) <= day_end):
        raise ValidationFailed.field("pm_hours", f"must lie inside the full-day hours {shown}")
    if _hour(am["end"]) > _hour(pm["start"]):
        raise ValidationFailed.field("pm_hours", "the afternoon must start when the morning has ended")


def _apply(facility: Facility, changes: ProfileChanges) -> list[str]:
    """Copies the given changes onto the facility; answers the names of the fields that changed."""
    new_values: dict[str, Any] = {}
    for name in changes.model_fields_set:
        value = getattr(changes, name)
        if value is None:
            # null would mean "clear it", and none of these fields may be empty.
            raise ValidationFailed.field(name, "may not be null")
        if isinstance(value, HourSpan):
            value = value.as_json()
        elif name == "care_types":
            # Stored in the rules' order, so equal sets compare equal.
            value = [care_type.value for care_type in CareType if care_type in value]
        elif name == "prices":
            value = {care_type.value: fen for care_type, fen in sorted(value.items())}
        elif name == "open_weekdays":
            value = sorted(value)
        new_values[name] = value
    changed = [name for name, value in new_values.items() if getattr(facility, name) != value]
    for name in changed:
        setattr(facility, name, new_values[name])
    return sorted(changed)


def _check_whole(facility: Facility, changed: set[str]) -> None:
    """Rules across fields, checked on the profile as it would stand after the change."""
    _check_hours(facility.full_day_hours, facility.am_hours, facility.pm_hours)
    if facility.age_min_months > facility.age_max_months:
        field = "age_max_months" if "age_max_months" in changed else "age_min_months"
        raise ValidationFailed.field(field, "age_min_months may not be above age_max_months")
    if changed & {"care_types", "prices"}:
        unpriced = [care_type for care_type in facility.care_types if care_type not in facility.prices]
        if unpriced:
            raise ValidationFailed.field("prices", f"give a price for every care type offered: {unpriced}")


async def update_profile(res: Resources, caller: Caller, changes: ProfileChanges) -> FacilityRecordAnswer:
    """Applies an administrator's changes to their facility, then refreshes search and vacancy.

    Bookings already made keep the hours they hold, so hours may change while bookings exist.
    """
    facility_id = own_facility(
        caller, admin_only=True, refusal="Only the facility's administrator changes its profile."
    )
    bureau_fields = sorted(changes.model_fields_set & BUREAU_FIELDS)
    if bureau_fields:
        raise Forbidden(
            "The district bureau sets " + ", ".join(bureau_fields) + ".",
            {"fields": {name: "set by the district bureau" for name in bureau_fields}},
        )
    async with UnitOfWork(res) as uow:
        facility = await repository.get_facility_for_update(facility_id)
        changed = _apply(facility, changes)
        _check_whole(facility, set(changed))
        await repository.save_fields(facility, changed)
        if changed:
            uow.refresh_card(facility_id)
        if VACANCY_FIELDS.intersection(changed):
            uow.refresh_vacancy(facility_id)
    return facility_view(facility)
