"""What the bureau keeps: inspections, the ban list, alerts and the audit log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from backend.models._base import uuid_pk
from backend.rules import InspectionResult, InspectionStatus

if TYPE_CHECKING:
    from backend.models.accounts import Account
    from backend.models.facilities import Facility, StaffMember


class InspectionDraw(Model):
    # One random draw (双随机), replayable from its seed and the candidate lists it recorded.

    id = uuid_pk()
    seed = fields.CharField(max_length=64)
    count = fields.SmallIntField()
    inspector_ids: fields.JSONField[Any] = fields.JSONField(default=list)
    candidate_facility_ids: fields.JSONField[Any] = fields.JSONField(default=list)
    # {facility id: inspector ids of its previous inspection} at draw time, for the candidates that
    # had one: the third input of the draw (no inspector twice in a row), kept so that a replay is
    # exact even after later inspections.
    previous_inspector_ids: fields.JSONField[Any] = fields.JSONField(default=dict)
    created_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="draws", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "inspection_draws"
        indexes = (Index(fields=("created_by_id",)),)


class Inspection(Model):
    id = uuid_pk()
    draw: fields.ForeignKeyNullableRelation[InspectionDraw] = fields.ForeignKeyField(
        "models.InspectionDraw", related_name="inspections", null=True, on_delete=fields.SET_NULL
    )
    facility: fields.ForeignKeyRelation[Facility] = fields.ForeignKeyField(
        "models.Facility", related_name="inspections", on_delete=fields.CASCADE
    )
    inspector_ids: fields.JSONField[Any] = fields.JSONField(default=list)
    status = fields.CharEnumField(InspectionStatus, max_length=20, default=InspectionStatus.scheduled)
    result = fields.CharEnumField(InspectionResult, max_length=10, null=True)
    findings = fields.TextField(default="")
    rectify_deadline = fields.DateField(null=True)
    completed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    # A re-inspection of a `rectify` result: the inspection it follows up, and the day it is due by
    # (that result's deadline).
    follows_up: fields.ForeignKeyNullableRelation[Inspection] = fields.ForeignKeyField(
        "models.Inspection", related_name="follow_ups", null=True, on_delete=fields.SET_NULL
    )
    due_on = fields.DateField(null=True)

    class Meta:
        table = "inspections"
        indexes = (
            Index(fields=("draw_id",)),
            Index(fields=("facility_id",)),
            Index(fields=("follows_up_id",)),
        )


class BanEntry(Model):
    # A person barred from childcare work for life; the ID number only as a keyed hash.

    id = uuid_pk()
    id_number_hash = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=50)
    reason = fields.CharField(max_length=500)
    created_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="ban_entries", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "ban_list"
        indexes = (Index(fields=("created_by_id",)),)


class BanAlert(Model):
    # A ban-list match the bureau must see: a refused hire, or staff already employed.

    id = uuid_pk()
    kind = fields.CharField(max_length=20)  # hire_refused | employed_match
    ban_entry: fields.ForeignKeyRelation[BanEntry] = fields.ForeignKeyField(
        "models.BanEntry", related_name="alerts", on_delete=fields.CASCADE
    )
    facility: fields.ForeignKeyRelation[Facility] = fields.ForeignKeyField(
        "models.Facility", related_name="ban_alerts", on_delete=fields.CASCADE
    )
    staff: fields.ForeignKeyNullableRelation[StaffMember] = fields.ForeignKeyField(
        "models.StaffMember", related_name="ban_alerts", null=True, on_delete=fields.SET_NULL
    )
    name = fields.CharField(max_length=50)
    resolved = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "ban_alerts"
        indexes = (
            Index(fields=("ban_entry_id",)),
            Index(fields=("facility_id",)),
            Index(fields=("staff_id",)),
        )


class AuditEntry(Model):
    id = fields.BigIntField(primary_key=True)
    actor: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="audit_entries", null=True, on_delete=fields.SET_NULL
    )
    actor_role = fields.CharField(max_length=20)
    action = fields.CharField(max_length=50, db_index=True)
    object_type = fields.CharField(max_length=30)
    object_id = fields.CharField(max_length=64)
    facility_id = fields.UUIDField(null=True)
    details: fields.JSONField[Any] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "audit_log"
        indexes = (Index(fields=("actor_id",)),)
