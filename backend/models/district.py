"""The bureau's calendar arrangements and its district closures."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from backend.models._base import uuid_pk


class CalendarYear(Model):
    # One year's arrangement as the bureau published it: [{"date": "2027-10-01", "name": "国庆节"}].
    year = fields.SmallIntField(primary_key=True, generated=False)
    holidays: fields.JSONField[Any] = fields.JSONField(default=list)
    workdays: fields.JSONField[Any] = fields.JSONField(default=list)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "calendar_years"


class DistrictClosure(Model):
    # Days the bureau closed every facility, or those of some towns (a typhoon, an outbreak). The
    # facilities' own closure rows it made point back here, so reopening removes exactly those.
    id = uuid_pk()
    from_date = fields.DateField()
    to_date = fields.DateField()
    towns: fields.JSONField[Any] = fields.JSONField(null=True)
    reason = fields.CharField(max_length=200, default="")
    created_by: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "models.Account", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "district_closures"
        indexes = (Index(fields=("created_by_id",)),)
