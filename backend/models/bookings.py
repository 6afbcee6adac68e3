"""Bookings, their status history and the idempotency keys that make retries safe."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from backend.models._base import uuid_pk
from backend.rules import AbsenceReason, BookingStatus, CareType, ClassKind, DayStatus, Session

if TYPE_CHECKING:
    from backend.models.accounts import Account, Child
    from backend.models.facilities import Facility, FacilityClass


class Booking(Model):
    id = uuid_pk()
    parent: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="bookings", on_delete=fields.RESTRICT
    )
    child: fields.ForeignKeyRelation[Child] = fields.ForeignKeyField(
        "models.Child", related_name="bookings", on_delete=fields.RESTRICT
    )
    facility: fields.ForeignKeyRelation[Facility] = fields.ForeignKeyField(
        "models.Facility", related_name="bookings", on_delete=fields.RESTRICT
    )
    klass: fields.ForeignKeyRelation[FacilityClass] = fields.ForeignKeyField(
        "models.FacilityClass", related_name="bookings", on_delete=fields.RESTRICT
    )
    class_kind = fields.CharEnumField(ClassKind, max_length=20)
    care_type = fields.CharEnumField(CareType, max_length=20, db_index=True)
    start_date = fields.DateField(db_index=True)
    end_date = fields.DateField()
    session = fields.CharEnumField(Session, max_length=2, null=True)
    start_time = fields.CharField(max_length=5, null=True)
    end_time = fields.CharField(max_length=5, null=True)
    # The (date -> hours) this booking holds in the occupancy ledger, fixed when it was placed, so
    # that freeing it later releases exactly what it took even if the facility's hours changed.
    slots: fields.JSONField[Any] = fields.JSONField(default=dict)
    first_hour_at = fields.DatetimeField(db_index=True)
    # Fixed when the booking is made (API.md "Cancelling"); null only on bookings made before it.
    cancellable_until = fields.DatetimeField(null=True)
    last_hour_end_at = fields.DatetimeField()
    price_fen = fields.IntField()
    status = fields.CharEnumField(BookingStatus, max_length=20, db_index=True)
    note = fields.CharField(max_length=500, default="")
    status_reason = fields.CharField(max_length=500, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    events: fields.ReverseRelation[BookingEvent]
    days: fields.ReverseRelation[BookingDay]

    class Meta:
        table = "bookings"
        # The child's, the facility's and the class's bookings covering some days are asked for
        # with `end_date >= the first day` (what is over stays behind it); a parent's list pages
        # by creation.
        indexes = (
            Index(fields=("child_id", "end_date")),
            Index(fields=("facility_id", "end_date")),
            Index(fields=("klass_id", "end_date")),
            Index(fields=("parent_id", "created_at")),
        )


class BookingDay(Model):
    # One day a booking covers, with what happened on it (API.md "Days of care"). The booking's
    # slots stay what it holds in the ledger; a day that is absent or closed no longer holds any.

    id = fields.BigIntField(primary_key=True)
    booking: fields.ForeignKeyRelation[Booking] = fields.ForeignKeyField(
        "models.Booking", related_name="days", on_delete=fields.CASCADE
    )
    date = fields.DateField(db_index=True)
    status = fields.CharEnumField(DayStatus, max_length=20, default=DayStatus.expected)
    # This day's share of the booking's price: what taking the day out takes off it.
    price_fen = fields.IntField(default=0)
    check_in_at = fields.DatetimeField(null=True)
    check_out_at = fields.DatetimeField(null=True)
    checked_in_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="day_check_ins", null=True, on_delete=fields.SET_NULL
    )
    checked_out_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="day_check_outs", null=True, on_delete=fields.SET_NULL
    )
    # The morning check (晨检): temperature_c, result, notes, the 一摸二看三问四查 items, when and by whom.
    health_check: fields.JSONField[Any] = fields.JSONField(null=True)
    picked_up_by = fields.CharField(max_length=100, null=True)
    absence_reason = fields.CharEnumField(AbsenceReason, max_length=20, null=True)
    absence_note = fields.CharField(max_length=500, null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "booking_days"
        unique_together = (("booking", "date"),)
        indexes = (
            Index(fields=("checked_in_by_id",)),
            Index(fields=("checked_out_by_id",)),
        )


class BookingEvent(Model):
    # One status move of a booking: who made it, when and why.

    id = fields.BigIntField(primary_key=True)
    booking: fields.ForeignKeyRelation[Booking] = fields.ForeignKeyField(
        "models.Booking", related_name="events", on_delete=fields.CASCADE
    )
    from_status = fields.CharEnumField(BookingStatus, max_length=20, null=True)
    to_status = fields.CharEnumField(BookingStatus, max_length=20)
    actor: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="booking_events", null=True, on_delete=fields.SET_NULL
    )
    actor_role = fields.CharField(max_length=20)
    reason = fields.CharField(max_length=500, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "booking_events"
        indexes = (
            Index(fields=("booking_id",)),
            Index(fields=("actor_id",)),
        )


class IdempotencyKey(Model):
    # A caller's Idempotency-Key and the request it first answered.

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="idempotency_keys", on_delete=fields.CASCADE
    )
    key = fields.CharField(max_length=100)
    request_hash = fields.CharField(max_length=64)
    booking: fields.ForeignKeyNullableRelation[Booking] = fields.ForeignKeyField(
        "models.Booking", related_name="idempotency_keys", null=True, on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "idempotency_keys"
        unique_together = (("account", "key"),)
        indexes = (Index(fields=("booking_id",)),)
