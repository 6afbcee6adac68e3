"""The bureau's register of facilities: registration, filing (备案), demonstration status, suspension.

Every change is written to the audit log in the same transaction. A facility that can no longer take
bookings (suspended, or its filing revoked or withdrawn) has its future bookings cancelled and the
parents told; every change is re-indexed for search and vacancy.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from backend.accounts import repository as account_repository
from backend.accounts.scope import require_regulator
from backend.accounts.service import account_view, checked_password, checked_username, hash_password_off_loop
from backend.audit import record
from backend.bookings.service import cancel_future_bookings_of_facility
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import Conflict, ValidationFailed
from backend.facilities import repository as facility_repository
from backend.facilities.finder import QueryText, query_words
from backend.facilities.schemas import FacilityRecordAnswer
from backend.facilities.service import Address, AgeMonths, Phone, ShortText, facility_view
from backend.paging import Page, PageQuery
from backend.regulation import repository
from backend.regulation.schemas import FacilityRecordChangedAnswer, RegisteredFacilityAnswer
from backend.rules import FacilityNature, FilingStatus
from backend.validators import is_valid_credit_code, normalise_credit_code
from backend.waitlist.offers import facility_unbookable

if TYPE_CHECKING:
    from backend.models import Facility

FACILITY_REGISTER = "facility.register"
FACILITY_UPDATE = "facility.update"

# What a booking keeps as the reason it was cancelled.
CANCEL_REASON_MAX_LENGTH = 500
# Mainland China and its islands, generously: a point outside is a swapped or mistyped coordinate.
LAT_MIN, LAT_MAX = 3.0, 54.0
LNG_MIN, LNG_MAX = 73.0, 136.0

Town = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


class AdminAccountBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=200)


class FacilityRegistration(BaseModel):
    """The facility's own fields of a registration (the demo seed's facilities are checked by it too)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    name: ShortText
    credit_code: str = Field(min_length=1, max_length=40, description="统一社会信用代码, 18 characters")
    address: Address
    town: Town
    lat: float = Field(ge=LAT_MIN, le=LAT_MAX, description="GCJ-02")
    lng: float = Field(ge=LNG_MIN, le=LNG_MAX, description="GCJ-02")
    phone: Phone = ""
    nature: FacilityNature
    inclusive: bool = False
    age_min_months: AgeMonths = 6
    age_max_months: AgeMonths = 36


class RegistrationBody(FacilityRegistration):
    admin: AdminAccountBody


class FacilityRecordChanges(BaseModel):
    """The bureau's part of a facility record; absent fields stay as they are."""

    model_config = ConfigDict(extra="forbid")

    filing_status: FilingStatus | None = None
    filing_number: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)] | None
    ) = None
    demonstration: bool | None = None
    suspended: bool | None = None
    suspension_reason: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)] | None
    ) = None


class FacilityListQuery(PageQuery):
    town: Town | None = None
    filing_status: FilingStatus | None = None
    q: QueryText | None = Field(default=None, description="words of the name or address")


def _regulator(caller: Caller) -> None:
    require_regulator(caller, "Only the district bureau keeps the register of facilities.")


async def register_facility(
    res: Resources, caller: Caller, body: RegistrationBody
) -> RegisteredFacilityAnswer:
    """Registers a facility (unfiled until the bureau records its filing) with its admin account."""
    _regulator(caller)
    credit_code = normalise_credit_code(body.credit_code)
    if not is_valid_credit_code(credit_code):
        raise ValidationFailed.field("credit_code", "not a valid unified social credit code (GB 32100)")
    if body.age_min_months > body.age_max_months:
        raise ValidationFailed.field("age_max_months", "may not be below age_min_months")
    username = checked_username(body.admin.username, "admin.username")
    checked_password(body.admin.password, "admin.password")
    code_taken = Conflict(
        "A facility with this credit code is registered.", {"fields": {"credit_code": "registered"}}
    )
    username_taken = Conflict("This username is taken.", {"fields": {"admin.username": "taken"}})
    if await facility_repository.credit_code_taken(credit_code):
        raise code_taken
    if await account_repository.username_taken(username):
        raise username_taken
    password_hash = await hash_password_off_loop(body.admin.password)
    async with UnitOfWork(res) as uow:
        created = await repository.create_facility_with_admin(
            admin_username=username,
            admin_password_hash=password_hash,
            admin_display_name=body.name[:50],
            name=body.name,
            credit_code=credit_code,
            address=body.address,
            town=body.town,
            lat=body.lat,
            lng=body.lng,
            phone=body.phone,
            nature=body.nature.value,
            inclusive=body.inclusive,
            age_min_months=body.age_min_months,
            age_max_months=body.age_max_months,
            filing_status=FilingStatus.unfiled,
        )
        if created is None:
            # A concurrent registration took the code or the username between our checks and the insert.
            if await facility_repository.credit_code_taken(credit_code):
                raise code_taken
            raise username_taken
        facility, admin = created
        await record(
            caller,
            FACILITY_REGISTER,
            "facility",
            str(facility.id),
            facility_id=str(facility.id),
            details={"name": facility.name, "credit_code": credit_code, "admin_username": username},
        )
        uow.refresh_card(str(facility.id))
    return RegisteredFacilityAnswer(**dict(facility_view(facility)), admin=account_view(admin))


async def list_facilities(
    res: Resources, caller: Caller, query: FacilityListQuery
) -> Page[FacilityRecordAnswer]:
    _regulator(caller)
    facilities, next_cursor = await facility_repository.find_facilities(
        words=query_words(query.q),
        town=query.town,
        bookable_only=False,
        filing_status=query.filing_status.value if query.filing_status else None,
        secret_key=res.settings.secret_key,
        limit=query.limit,
        cursor=query.cursor,
    )
    return Page[FacilityRecordAnswer](items=[facility_view(f) for f in facilities], next_cursor=next_cursor)


async def get_facility(res: Resources, caller: Caller, facility_id: str | uuid.UUID) -> FacilityRecordAnswer:
    _regulator(caller)
    return facility_view(await facility_repository.get_facility(facility_id))


def _apply(facility: Facility, changes: FacilityRecordChanges) -> dict[str, dict[str, Any]]:
    """Copies the changes onto the facility; answers {field: {"from", "to"}} for what changed."""
    given = changes.model_fields_set
    for name in ("filing_status", "demonstration", "suspended"):
        if name in given and getattr(changes, name) is None:
            raise ValidationFailed.field(name, "may not be null")
    new_values: dict[str, Any] = {}
    for name in given:
        value = getattr(changes, name)
        new_values[name] = value.value if isinstance(value, FilingStatus) else value
    if new_values.get("suspended") is False and "suspension_reason" not in given:
        # Lifting a suspension lifts its reason with it.
        new_values["suspension_reason"] = None
    changed: dict[str, dict[str, Any]] = {}
    for name, value in new_values.items():
        old = getattr(facility, name)
        if old != value:
            changed[name] = {"from": old, "to": value}
            setattr(facility, name, value)
    if facility.filing_status == FilingStatus.filed and not facility.filing_number:
        raise ValidationFailed.field("filing_number", "a filed facility needs its filing number")
    if facility.suspended and not facility.suspension_reason:
        raise ValidationFailed.field("suspension_reason", "say why the facility is suspended")
    return changed


def _cancellation_reason(facility: Facility, changes: FacilityRecordChanges) -> str | None:
    """Why the future bookings must go, or None when the facility may keep them.

    Asked on every PATCH that suspends or takes away the filing, even one that repeats the current
    state, so that retrying a request whose cancellations failed half-way finishes them.
    """
    if facility.bookable:
        return None
    given = changes.model_fields_set
    if facility.suspended and "suspended" in given:
        return f"托育机构已被暂停服务：{facility.suspension_reason}"[:CANCEL_REASON_MAX_LENGTH]
    if "filing_status" in given and facility.filing_status == FilingStatus.revoked:
        return "托育机构备案已被撤销"
    if "filing_status" in given and facility.filing_status == FilingStatus.unfiled:
        return "托育机构备案已撤回"
    return None


async def update_facility_record(
    res: Resources, caller: Caller, facility_id: str | uuid.UUID, changes: FacilityRecordChanges
) -> FacilityRecordChangedAnswer:
    """The bureau records a filing, a demonstration title, a suspension or a revocation."""
    _regulator(caller)
    # One unit: the new record, the cancellations it calls for and the end of the waitlist commit
    # together, or none of them does.
    async with UnitOfWork(res) as uow:
        facility = await facility_repository.get_facility_for_update(facility_id)
        changed = _apply(facility, changes)
        await facility_repository.save_fields(facility, sorted(changed))
        if changed:
            await record(
                caller,
                FACILITY_UPDATE,
                "facility",
                str(facility.id),
                facility_id=str(facility.id),
                details={"changes": changed},
            )
        facility_key = str(facility.id)
        cancelled = 0
        reason = _cancellation_reason(facility, changes)
        if reason is not None:
            cancelled = len(await cancel_future_bookings_of_facility(uow, facility_key, reason, caller))
            await facility_unbookable(uow, facility_key, reason)
        uow.refresh_card(facility_key)
        uow.refresh_vacancy(facility_key)
    return FacilityRecordChangedAnswer(**dict(facility_view(facility)), cancelled_bookings=cancelled)
