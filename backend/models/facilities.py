"""Facilities, their classes, staff and closures, and the place ledger."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from backend.models._base import uuid_pk
from backend.rules import ClassKind, FacilityNature, FilingStatus, StaffRole, is_bookable


def default_care_types() -> list[str]:
    return ["full_day", "half_day"]


def default_full_day_hours() -> dict[str, str]:
    return {"start": "08:00", "end": "17:00"}


def default_am_hours() -> dict[str, str]:
    return {"start": "08:00", "end": "12:00"}


def default_pm_hours() -> dict[str, str]:
    return {"start": "13:00", "end": "17:00"}


def default_open_weekdays() -> list[int]:
    return [1, 2, 3, 4, 5]


class Facility(Model):
    id = uuid_pk()
    name = fields.CharField(max_length=100)
    credit_code = fields.CharField(max_length=18, unique=True)
    address = fields.CharField(max_length=200)
    town = fields.CharField(max_length=50, db_index=True)
    lat = fields.FloatField()
    lng = fields.FloatField()
    phone = fields.CharField(max_length=30, default="")
    nature = fields.CharEnumField(FacilityNature, max_length=30)
    inclusive = fields.BooleanField(default=False)
    age_min_months = fields.SmallIntField(default=6)
    age_max_months = fields.SmallIntField(default=36)
    filing_status = fields.CharEnumField(
        FilingStatus, max_length=10, default=FilingStatus.unfiled, db_index=True
    )
    filing_number = fields.CharField(max_length=60, null=True)
    demonstration = fields.BooleanField(default=False)
    suspended = fields.BooleanField(default=False)
    suspension_reason = fields.CharField(max_length=500, null=True)
    care_types: fields.JSONField[Any] = fields.JSONField(default=default_care_types)
    prices: fields.JSONField[Any] = fields.JSONField(default=dict)
    full_day_hours: fields.JSONField[Any] = fields.JSONField(default=default_full_day_hours)
    am_hours: fields.JSONField[Any] = fields.JSONField(default=default_am_hours)
    pm_hours: fields.JSONField[Any] = fields.JSONField(default=default_pm_hours)
    open_weekdays: fields.JSONField[Any] = fields.JSONField(default=default_open_weekdays)
    auto_confirm = fields.BooleanField(default=False)
    cancel_before_hours = fields.SmallIntField(default=2)
    # 入托体检 before a first check-in; an hourly-only point may turn it off.
    requires_admission_check = fields.BooleanField(default=True, db_default=True)
    # How long a waitlist offer holds its places for the parent (API.md "Waitlist").
    waitlist_hold_minutes = fields.SmallIntField(default=30)
    description = fields.TextField(default="")
    disclosure: fields.JSONField[Any] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    classes: fields.ReverseRelation[FacilityClass]

    class Meta:
        table = "facilities"

    @property
    def bookable(self) -> bool:
        return is_bookable(self.filing_status, self.suspended)


class FacilityClass(Model):
    # An age class (班); its capacity is min(places, national size, caregivers x ratio).

    id = uuid_pk()
    facility: fields.ForeignKeyRelation[Facility] = fields.ForeignKeyField(
        "models.Facility", related_name="classes", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(ClassKind, max_length=20)
    name = fields.CharField(max_length=50)
    places = fields.SmallIntField()
    caregivers = fields.SmallIntField()
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "facility_classes"
        indexes = (Index(fields=("facility_id",)),)


class StaffMember(Model):
    # A member of a facility's staff. The ID number is kept only as a keyed hash (to match the
    # ban list) and an encrypted copy; what is shown is the masked form.

    id = uuid_pk()
    facility: fields.ForeignKeyRelation[Facility] = fields.ForeignKeyField(
        "models.Facility", related_name="staff", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=50)
    role = fields.CharEnumField(StaffRole, max_length=30)
    certificates: fields.JSONField[Any] = fields.JSONField(default=list)
    id_number_hash = fields.CharField(max_length=64, db_index=True)
    id_number_enc = fields.TextField()
    id_number_masked = fields.CharField(max_length=18)
    last_record_check = fields.DateField(null=True)
    banned_match = fields.BooleanField(default=False)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "staff_members"
        indexes = (Index(fields=("facility_id",)),)


class Closure(Model):
    id = uuid_pk()
    facility: fields.ForeignKeyRelation[Facility] = fields.ForeignKeyField(
        "models.Facility", related_name="closures", on_delete=fields.CASCADE
    )
    date = fields.DateField()
    reason = fields.CharField(max_length=200, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    # Set when the bureau's district closure made this row; reopening it deletes them with it.
    district_closure: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "models.DistrictClosure", related_name="closures", null=True, on_delete=fields.CASCADE
    )

    class Meta:
        table = "closures"
        unique_together = (("facility", "date"),)
        indexes = (Index(fields=("district_closure_id",)),)


class Occupancy(Model):
    # Places taken in one class at one hour of one day: the ledger the place engine guards.

    id = fields.BigIntField(primary_key=True)
    klass: fields.ForeignKeyRelation[FacilityClass] = fields.ForeignKeyField(
        "models.FacilityClass", related_name="occupancy", on_delete=fields.CASCADE
    )
    date = fields.DateField()
    hour = fields.SmallIntField()
    taken = fields.SmallIntField(default=0)

    class Meta:
        table = "occupancy"
        unique_together = (("klass", "date", "hour"),)
        constraints = (
            CheckConstraint(check="taken >= 0", name="occupancy_taken_not_negative"),
            CheckConstraint(check="hour >= 0 AND hour <= 23", name="occupancy_hour_of_day"),
        )
