"""Official-account followers and every outgoing WeChat message with its delivery state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from backend.models._base import uuid_pk

if TYPE_CHECKING:
    from backend.models.accounts import Account


class Follower(Model):
    # A follower of the official account (its openid differs from the mini program's).

    id = fields.BigIntField(primary_key=True)
    openid = fields.CharField(max_length=64, unique=True)
    unionid = fields.CharField(max_length=64, null=True, db_index=True)
    following = fields.BooleanField(default=True)
    policy_news = fields.BooleanField(default=False, db_index=True)
    scene = fields.CharField(max_length=64, null=True)
    followed_at = fields.DatetimeField(null=True)
    unfollowed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "followers"


class OutgoingMessage(Model):
    # A message to WeChat. Its row is written in the transaction that caused it; the worker
    # sends it after commit and records WeChat's answer, so it is sent at most once.

    id = uuid_pk()
    kind = fields.CharField(max_length=20)  # subscribe | template | customer_service
    dedup_key = fields.CharField(max_length=200, unique=True)
    recipient_openid = fields.CharField(max_length=64)
    account: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="outgoing_messages", null=True, on_delete=fields.SET_NULL
    )
    template_id = fields.CharField(max_length=64, null=True)
    event = fields.CharField(max_length=40, default="")
    payload: fields.JSONField[Any] = fields.JSONField(default=dict)
    booking_id = fields.UUIDField(null=True, db_index=True)
    policy_id = fields.UUIDField(null=True, db_index=True)
    state = fields.CharField(max_length=20, default="queued", db_index=True)
    attempts = fields.SmallIntField(default=0)
    last_errcode = fields.IntField(null=True)
    last_error = fields.CharField(max_length=500, null=True)
    wechat_msgid = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    updated_at = fields.DatetimeField(auto_now=True)
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "outgoing_messages"
        indexes = (Index(fields=("account_id",)),)
