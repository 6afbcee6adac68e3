"""The waitlist: entries parents make when a class is full, the offers that hold freed places for
them, and the record of each booking's reschedules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from backend.models._base import uuid_pk
from backend.rules import CareType, ClassKind, Session

if TYPE_CHECKING:
    from backend.models.accounts import Account, Child
    from backend.models.bookings import Booking
    from backend.models.facilities import Facility, FacilityClass


class WaitlistEntry(Model):
    # A booking request that could not be booked when made, waiting its turn (entry order is
    # created_at, then id).

    id = uuid_pk()
    parent: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="waitlist_entries", on_delete=fields.RESTRICT
    )
    child: fields.ForeignKeyRelation[Child] = fields.ForeignKeyField(
        "models.Child", related_name="waitlist_entries", on_delete=fields.RESTRICT
    )
    facility: fields.ForeignKeyRelation[Facility] = fields.ForeignKeyField(
        "models.Facility", related_name="waitlist_entries", on_delete=fields.RESTRICT
    )
    care_type = fields.CharEnumField(CareType, max_length=20)
    start_date = fields.DateField()
    end_date = fields.DateField()
    session = fields.CharEnumField(Session, max_length=2, null=True)
    start_time = fields.CharField(max_length=5, null=True)
    end_time = fields.CharField(max_length=5, null=True)
    note = fields.CharField(max_length=500, default="")
    # The child and the request, hashed: one live entry per child and request.
    request_key = fields.CharField(max_length=64, db_index=True)
    status = fields.CharField(max_length=20, db_index=True)
    booking: fields.ForeignKeyNullableRelation[Booking] = fields.ForeignKeyField(
        "models.Booking", related_name="waitlist_entries", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "waitlist_entries"
        indexes = (
            Index(fields=("parent_id",)),
            Index(fields=("child_id",)),
            Index(fields=("facility_id",)),
            Index(fields=("booking_id",)),
        )


class WaitlistOffer(Model):
    # The one offer an entry ever gets: a hold on places in the occupancy ledger, taken through the
    # place engine like a booking's. `slots` is what it holds now (emptied when the hold ends or
    # passes to the booking), so a recount of the ledger counts holds like bookings.

    id = fields.BigIntField(primary_key=True)
    entry: fields.OneToOneRelation[WaitlistEntry] = fields.OneToOneField(
        "models.WaitlistEntry", related_name="offer", on_delete=fields.CASCADE
    )
    facility: fields.ForeignKeyRelation[Facility] = fields.ForeignKeyField(
        "models.Facility", related_name="waitlist_offers", on_delete=fields.CASCADE
    )
    klass: fields.ForeignKeyRelation[FacilityClass] = fields.ForeignKeyField(
        "models.FacilityClass", related_name="waitlist_offers", on_delete=fields.CASCADE
    )
    class_kind = fields.CharEnumField(ClassKind, max_length=20)
    slots: fields.JSONField[Any] = fields.JSONField(default=dict)
    price_fen = fields.IntField()
    expires_at = fields.DatetimeField(db_index=True)
    # held, accepted, declined, expired, withdrawn
    state = fields.CharField(max_length=20, db_index=True)
    reminded = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    ended_at = fields.DatetimeField(null=True)

    class Meta:
        table = "waitlist_offers"
        indexes = (
            Index(fields=("facility_id",)),
            Index(fields=("klass_id",)),
        )


class BookingReschedule(Model):
    # One move of a booking to other days or hours (at most 3 per booking).

    id = fields.BigIntField(primary_key=True)
    booking: fields.ForeignKeyRelation[Booking] = fields.ForeignKeyField(
        "models.Booking", related_name="reschedules", on_delete=fields.CASCADE
    )
    actor: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="booking_reschedules", null=True, on_delete=fields.SET_NULL
    )
    actor_role = fields.CharField(max_length=20)
    from_slots: fields.JSONField[Any] = fields.JSONField(default=dict)
    to_slots: fields.JSONField[Any] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "booking_reschedules"
        indexes = (
            Index(fields=("booking_id",)),
            Index(fields=("actor_id",)),
        )
