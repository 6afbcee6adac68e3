"""A facility's staff register, checked against the district ban list (污点禁入) at every hire.

ID numbers are verified (GB 11643 check character), matched by keyed hash, stored only encrypted,
and shown only masked.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from backend.accounts.scope import own_facility
from backend.calendar import today_local
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import BannedPerson, Conflict, ValidationFailed
from backend.paging import DEFAULT_LIMIT, Page
from backend.rules import RECORD_CHECK_MAX_AGE_DAYS, StaffRole
from backend.security import encrypt, keyed_hash
from backend.staff import repository
from backend.staff.schemas import StaffAnswer
from backend.validators import is_valid_id_number, mask_id_number, normalise_id_number

if TYPE_CHECKING:
    from backend.models import StaffMember

MAX_CERTIFICATES = 10
CERTIFICATE_MAX_LENGTH = 50

HIRE_REFUSED = "hire_refused"
EMPLOYED_MATCH = "employed_match"


PersonName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Certificate = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=CERTIFICATE_MAX_LENGTH)
]


class NewStaffBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: PersonName
    id_number: str = Field(min_length=1, max_length=40, description="居民身份证号码, 18 characters")
    role: StaffRole
    certificates: list[Certificate] = Field(default_factory=list, max_length=MAX_CERTIFICATES)
    last_record_check: date | None = Field(
        default=None, description="the last criminal-record check (未成年人保护法 Art. 62)"
    )

    @field_validator("last_record_check")
    @classmethod
    def _not_in_future(cls, value: date | None) -> date | None:
        if value is not None and value > today_local():
            raise ValueError("may not be in the future")
        return value


class StaffChanges(BaseModel):
    """What a facility changes about a staff member; the name and ID number stay as hired."""

    model_config = ConfigDict(extra="forbid")

    role: StaffRole | None = None
    certificates: list[Certificate] | None = Field(default=None, max_length=MAX_CERTIFICATES)
    record_checked_on: date | None = Field(
        default=None, description="the day of the latest criminal-record check; clears record_check_due"
    )

    @field_validator("record_checked_on")
    @classmethod
    def _checked_not_in_future(cls, value: date | None) -> date | None:
        if value is not None and value > today_local():
            raise ValueError("may not be in the future")
        return value


def checked_id_number(raw: str, field: str = "id_number") -> str:
    """The normalised number, or a 422 naming the field when it is not a valid resident ID number."""
    normalised = normalise_id_number(raw)
    if not is_valid_id_number(normalised):
        raise ValidationFailed.field(field, "not a valid resident ID number (check the last character)")
    return normalised


def id_number_hash(res: Resources, normalised: str) -> str:
    return keyed_hash(res.settings.secret_key, normalised)


def staff_view(staff: StaffMember) -> StaffAnswer:
    due = staff.last_record_check is None or (
        today_local() - staff.last_record_check > timedelta(days=RECORD_CHECK_MAX_AGE_DAYS)
    )
    return StaffAnswer(
        id=str(staff.id),
        name=staff.name,
        role=staff.role,
        certificates=list(staff.certificates),
        id_number_masked=staff.id_number_masked,
        last_record_check=staff.last_record_check,
        # The name API.md's PATCH uses for the same day.
        record_checked_on=staff.last_record_check,
        record_check_due=due,
        banned_match=staff.banned_match,
        created_at=staff.created_at,
    )


def _facility_of(caller: Caller, *, admin_only: bool) -> str:
    return own_facility(
        caller, admin_only=admin_only, refusal="Only the facility's administrator changes its staff register."
    )


async def list_staff(
    res: Resources, caller: Caller, *, limit: int = DEFAULT_LIMIT, cursor: str | None = None
) -> Page[StaffAnswer]:
    facility_id = _facility_of(caller, admin_only=False)
    members, next_cursor = await repository.page_staff(
        facility_id, secret_key=res.settings.secret_key, limit=limit, cursor=cursor
    )
    return Page[StaffAnswer](items=[staff_view(m) for m in members], next_cursor=next_cursor)


async def hire(res: Resources, caller: Caller, body: NewStaffBody) -> StaffAnswer:
    """Adds a person to the staff register, unless the ban list bars them.

    A barred person is refused and the attempt is kept for the bureau even though the request fails.
    """
    facility_id = _facility_of(caller, admin_only=True)
    normalised = checked_id_number(body.id_number)
    hashed = id_number_hash(res, normalised)
    ban_entry = await repository.ban_entry_for(hashed)
    if ban_entry is not None:
        async with UnitOfWork(res):
            await repository.record_alert(
                kind=HIRE_REFUSED, ban_entry=ban_entry, facility_id=facility_id, staff=None, name=body.name
            )
        raise BannedPerson()
    async with UnitOfWork(res):
        if await repository.active_staff_with(facility_id, hashed) is not None:
            raise Conflict(
                "This person is already on your staff.", {"fields": {"id_number": "already on staff"}}
            )
        staff = await repository.create_staff(
            facility_id=facility_id,
            name=body.name,
            role=body.role.value,
            certificates=list(body.certificates),
            id_number_hash=hashed,
            id_number_enc=encrypt(res.settings.secret_key, normalised),
            id_number_masked=mask_id_number(normalised),
            last_record_check=body.last_record_check,
        )
    await _flag_if_banned_meanwhile(res, staff)
    return staff_view(staff)


async def _flag_if_banned_meanwhile(res: Resources, staff: StaffMember) -> None:
    # The bureau may have added this person between our check and our commit; its own scan of the
    # staff register could not see our uncommitted row, so we look once more after committing.
    ban_entry = await repository.ban_entry_for(staff.id_number_hash)
    if ban_entry is None:
        return
    async with UnitOfWork(res):
        if not await repository.alert_exists(ban_entry, staff):
            await repository.record_alert(
                kind=EMPLOYED_MATCH,
                ban_entry=ban_entry,
                facility_id=staff.facility_id,  # type: ignore[attr-defined]
                staff=staff,
                name=staff.name,
            )
        await repository.mark_banned(staff)


async def remove(res: Resources, caller: Caller, staff_id: str) -> None:
    """Takes a person off the staff register; the row stays (deactivated) for the bureau's records."""
    facility_id = _facility_of(caller, admin_only=True)
    async with UnitOfWork(res):
        staff = await repository.get_active_staff_of_facility(staff_id, facility_id)
        await repository.deactivate(staff)


async def update(res: Resources, caller: Caller, staff_id: str, changes: StaffChanges) -> StaffAnswer:
    """Changes a staff member's role, certificates or the day of the latest record check (admin)."""
    facility_id = _facility_of(caller, admin_only=True)
    given = changes.model_fields_set
    if not given:
        raise ValidationFailed("Send at least one field to change.", {"fields": {"body": "no fields"}})
    nulls = {name: "may not be null" for name in given if getattr(changes, name) is None}
    if nulls:
        raise ValidationFailed("Some fields may not be null: " + ", ".join(sorted(nulls)), {"fields": nulls})
    async with UnitOfWork(res):
        staff = await repository.get_active_staff_of_facility(staff_id, facility_id)
        if changes.role is not None:
            staff.role = changes.role
        if changes.certificates is not None:
            staff.certificates = list(changes.certificates)
        if changes.record_checked_on is not None:
            staff.last_record_check = changes.record_checked_on
        await repository.save_staff(staff, ["role", "certificates", "last_record_check"])
    return staff_view(staff)
