"""The database reads the geo index is built from: the facilities' and rooms' card fields.

The index itself (Redis) is kept by backend/geo/index.py; this module only answers what the
database holds now, as plain rows of the fields the cards need (backend/geo/cards.py).
"""

from __future__ import annotations

import uuid
from typing import Any

from backend.geo.cards import FACILITY_CARD_FIELDS, ROOM_CARD_FIELDS
from backend.models import Facility, NursingRoom
from backend.rules import bookable_filter


async def facility_card_row(facility_id: uuid.UUID) -> dict[str, Any] | None:
    """The facility's card fields with what decides whether it is bookable; None when it is gone."""
    rows = await Facility.filter(id=facility_id).values(*FACILITY_CARD_FIELDS, "filing_status", "suspended")
    return rows[0] if rows else None


async def bookable_facility_card_rows() -> list[dict[str, Any]]:
    """The card fields of every bookable facility (filed, not suspended)."""
    rows: list[dict[str, Any]] = await Facility.filter(**bookable_filter()).values(*FACILITY_CARD_FIELDS)
    return rows


async def room_card_row(room_id: uuid.UUID) -> dict[str, Any] | None:
    """The room's card fields; None when it is gone."""
    rows = await NursingRoom.filter(id=room_id).values(*ROOM_CARD_FIELDS)
    return rows[0] if rows else None


async def room_card_rows() -> list[dict[str, Any]]:
    """The card fields of every registered room."""
    rows: list[dict[str, Any]] = await NursingRoom.all().values(*ROOM_CARD_FIELDS)
    return rows
