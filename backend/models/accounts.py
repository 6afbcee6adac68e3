"""Accounts of every role, parents' children and their consent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from backend.models._base import uuid_pk
from backend.rules import Role

if TYPE_CHECKING:
    from backend.models.facilities import Facility


class Account(Model):
    # A person who signs in: a parent through WeChat, staff and regulators with a password.

    id = uuid_pk()
    role = fields.CharEnumField(Role, max_length=20, db_index=True)
    username = fields.CharField(max_length=50, unique=True, null=True)
    password_hash = fields.CharField(max_length=200, null=True)
    openid = fields.CharField(max_length=64, unique=True, null=True)
    unionid = fields.CharField(max_length=64, null=True, db_index=True)
    session_key_enc = fields.TextField(null=True)
    display_name = fields.CharField(max_length=50, default="")
    phone_enc = fields.TextField(null=True)
    phone_last4 = fields.CharField(max_length=4, null=True)
    facility: fields.ForeignKeyNullableRelation[Facility] = fields.ForeignKeyField(
        "models.Facility", related_name="accounts", null=True, on_delete=fields.RESTRICT
    )
    is_active = fields.BooleanField(default=True)
    child_data_consent_at = fields.DatetimeField(null=True)
    child_data_consent_version = fields.CharField(max_length=20, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "accounts"
        indexes = (Index(fields=("facility_id",)),)


class Child(Model):
    id = uuid_pk()
    parent: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="children", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=50)
    birth_date = fields.DateField()
    gender = fields.CharField(max_length=1)
    allergies = fields.CharField(max_length=500, default="")
    # Set when the parent deleted a child that past bookings still reference (their foreign key is
    # RESTRICT): the row stays, anonymised, for the facility's records, but no parent view shows it.
    deleted_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "children"
        indexes = (Index(fields=("parent_id",)),)


class SubscribeGrant(Model):
    # One-time subscribe-message permissions a parent granted for a template, not yet spent.

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="subscribe_grants", on_delete=fields.CASCADE
    )
    template_id = fields.CharField(max_length=64)
    remaining = fields.IntField(default=0)
    granted_total = fields.IntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "subscribe_grants"
        unique_together = (("account", "template_id"),)
