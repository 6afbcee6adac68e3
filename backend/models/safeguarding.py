"""A child's safeguarding records: the admission health check and who may collect the child."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from backend.models._base import uuid_pk
from backend.rules import AdmissionCheckResult

if TYPE_CHECKING:
    from backend.models.accounts import Child
    from backend.models.bookings import Booking


class AdmissionHealthCheck(Model):
    # 入托体检: recorded by the parent, read by check-in; purged once it can vouch for nothing.

    id = uuid_pk()
    child: fields.ForeignKeyRelation[Child] = fields.ForeignKeyField(
        "models.Child", related_name="admission_checks", on_delete=fields.CASCADE
    )
    checked_on = fields.DateField(db_index=True)
    institution = fields.CharField(max_length=100)
    result = fields.CharEnumField(AdmissionCheckResult, max_length=10)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "admission_health_checks"
        indexes = (Index(fields=("child_id",)),)


class PickupPerson(Model):
    # Someone a parent allows to collect the child. The phone is kept encrypted, shown masked.

    id = uuid_pk()
    child: fields.ForeignKeyRelation[Child] = fields.ForeignKeyField(
        "models.Child", related_name="pickup_persons", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=50)
    relation = fields.CharField(max_length=20)
    phone_enc = fields.TextField(null=True)
    phone_last4 = fields.CharField(max_length=4, null=True)
    # The child's id on the parent's own entry (null on the others): unique, so a lazy creation
    # racing another makes one entry.
    parent_of = fields.CharField(max_length=36, null=True, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "pickup_persons"
        indexes = (Index(fields=("child_id",)),)


class PickupCode(Model):
    # A one-time pickup code for one day of a booking, kept only as a keyed hash.

    id = uuid_pk()
    booking: fields.ForeignKeyRelation[Booking] = fields.ForeignKeyField(
        "models.Booking", related_name="pickup_codes", on_delete=fields.CASCADE
    )
    date = fields.DateField(db_index=True)
    person_name = fields.CharField(max_length=50)
    code_hash = fields.CharField(max_length=64)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "pickup_codes"
        indexes = (Index(fields=("booking_id",)),)


class PickupCodeTries(Model):
    # Wrong codes given at check-out for one day of a booking; enough of them lock that day's codes.

    id = fields.BigIntField(primary_key=True)
    booking: fields.ForeignKeyRelation[Booking] = fields.ForeignKeyField(
        "models.Booking", related_name="pickup_code_tries", on_delete=fields.CASCADE
    )
    date = fields.DateField(db_index=True)
    wrong = fields.SmallIntField(default=0)

    class Meta:
        table = "pickup_code_tries"
        unique_together = (("booking", "date"),)
