"""Public content: mother-and-baby rooms and policy articles."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from backend.models._base import uuid_pk
from backend.rules import VenueType


class NursingRoom(Model):
    id = uuid_pk()
    name = fields.CharField(max_length=100)
    address = fields.CharField(max_length=200)
    town = fields.CharField(max_length=50, default="")
    venue_type = fields.CharEnumField(VenueType, max_length=30)
    floor = fields.CharField(max_length=20, default="")
    opening_hours = fields.CharField(max_length=50, default="")
    amenities: fields.JSONField[Any] = fields.JSONField(default=list)
    lat = fields.FloatField()
    lng = fields.FloatField()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "nursing_rooms"
        unique_together = (("name", "address"),)


class Policy(Model):
    id = uuid_pk()
    title = fields.CharField(max_length=200)
    doc_number = fields.CharField(max_length=100, default="")
    issuer = fields.CharField(max_length=100, default="")
    published_at = fields.DateField(null=True)
    summary = fields.TextField(default="")
    body = fields.TextField(default="")
    tags: fields.JSONField[Any] = fields.JSONField(default=list)
    is_published = fields.BooleanField(default=False, db_index=True)
    published_on = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "policies"
