"""What the mother-and-baby room routes answer (admin.room_answer, geo.cards.room_card, csv_import)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class RoomCardAnswer(BaseModel):
    """A room as the nearby search shows it."""

    id: str
    name: str
    address: str
    venue_type: str = Field(
        description="station | hospital | mall | service_hall | employer | scenic | other"
    )
    venue_type_label: str | None
    floor: str
    opening_hours: str
    amenities: list[str] = Field(
        description="changing_table, sink_hot_water, power_outlet, ... (API.md v1.1)"
    )
    amenities_label: list[str]
    lat: float
    lng: float


class NearbyRoomAnswer(RoomCardAnswer):
    distance_m: int


class RoomAnswer(BaseModel):
    """A room as the bureau registers it."""

    id: str
    name: str
    address: str
    town: str
    venue_type: str = Field(
        description="station | hospital | mall | service_hall | employer | scenic | other"
    )
    floor: str
    opening_hours: str
    amenities: list[str]
    lat: float
    lng: float
    created_at: datetime
    updated_at: datetime


class ImportLineErrors(BaseModel):
    line: int
    errors: dict[str, str] = Field(description="the reason per column (or `row` for the whole line)")


class RoomImportAnswer(BaseModel):
    created: int
    updated: int
    unchanged: int
    errors: list[ImportLineErrors]
