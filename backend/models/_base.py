"""Shared model parts."""

from __future__ import annotations

import uuid

from tortoise import fields


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def uuid_pk() -> fields.UUIDField[uuid.UUID]:
    # Opaque ids (API.md conventions): nothing about volume or order leaks through them.
    return fields.UUIDField(primary_key=True, default=new_id)
