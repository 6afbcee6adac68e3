"""The bureau's register of mother-and-baby rooms (母婴室, seed policy item 6).

Each change commits first and then moves the room in the Redis geo index, so "nearby rooms" never
shows a room the database does not hold for longer than one call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from backend import audit
from backend.accounts.scope import require_regulator
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import Conflict, ValidationFailed
from backend.nursing_rooms import repository
from backend.nursing_rooms.repository import DuplicateRoom
from backend.nursing_rooms.schemas import RoomAnswer
from backend.paging import Page, PageQuery
from backend.rules import NURSING_ROOM_AMENITIES, VenueType

if TYPE_CHECKING:
    from backend.models import NursingRoom

# The guideline's required fittings (backend.rules) and the comforts rooms commonly add.
ROOM_AMENITIES: tuple[str, ...] = (*NURSING_ROOM_AMENITIES, "fridge", "sofa")

# GCJ-02 is defined over China only; a point outside this box is a typo or a swapped lat/lng.
LAT_RANGE = (3.0, 54.0)
LNG_RANGE = (73.0, 136.0)


def _clean_amenities(value: list[str]) -> list[str]:
    unknown = [item for item in value if item not in ROOM_AMENITIES]
    if unknown:
        raise ValueError(f"unknown amenities {', '.join(unknown)}; use {', '.join(ROOM_AMENITIES)}")
    return list(dict.fromkeys(value))


class RoomFields(BaseModel):
    """The rules a room's fields follow, whether they come as JSON or as a CSV row."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=100)
    address: str = Field(min_length=1, max_length=200)
    venue_type: VenueType
    floor: str = Field(default="", max_length=20)
    opening_hours: str = Field(default="", max_length=50)
    amenities: list[str] = Field(default_factory=list, max_length=2 * len(ROOM_AMENITIES))
    lat: float = Field(ge=LAT_RANGE[0], le=LAT_RANGE[1], allow_inf_nan=False)
    lng: float = Field(ge=LNG_RANGE[0], le=LNG_RANGE[1], allow_inf_nan=False)

    @field_validator("amenities")
    @classmethod
    def _amenities(cls, value: list[str]) -> list[str]:
        return _clean_amenities(value)


class RoomIn(RoomFields):
    town: str = Field(default="", max_length=50)


class RoomPatch(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str | None = Field(default=None, min_length=1, max_length=100)
    address: str | None = Field(default=None, min_length=1, max_length=200)
    town: str | None = Field(default=None, max_length=50)
    venue_type: VenueType | None = None
    floor: str | None = Field(default=None, max_length=20)
    opening_hours: str | None = Field(default=None, max_length=50)
    amenities: list[str] | None = Field(default=None, max_length=2 * len(ROOM_AMENITIES))
    lat: float | None = Field(default=None, ge=LAT_RANGE[0], le=LAT_RANGE[1], allow_inf_nan=False)
    lng: float | None = Field(default=None, ge=LNG_RANGE[0], le=LNG_RANGE[1], allow_inf_nan=False)

    @field_validator("amenities")
    @classmethod
    def _amenities(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _clean_amenities(value)

    def changes(self) -> dict[str, Any]:
        changes = self.model_dump(exclude_unset=True, mode="json")
        if not changes:
            raise ValidationFailed("Send at least one field to change.", {"fields": {"body": "no fields"}})
        nulls = {name: "may not be null" for name, value in changes.items() if value is None}
        if nulls:
            raise ValidationFailed(
                "Some fields may not be null: " + ", ".join(sorted(nulls)), {"fields": nulls}
            )
        return changes


class RoomListQuery(PageQuery):
    town: str | None = Field(default=None, max_length=50)
    venue_type: VenueType | None = None


def room_answer(room: NursingRoom) -> RoomAnswer:
    return RoomAnswer(
        id=str(room.id),
        name=room.name,
        address=room.address,
        town=room.town,
        venue_type=room.venue_type,
        floor=room.floor,
        opening_hours=room.opening_hours,
        amenities=list(room.amenities),
        lat=room.lat,
        lng=room.lng,
        created_at=room.created_at,
        updated_at=room.updated_at,
    )


def _duplicate(name: str, address: str) -> Conflict:
    return Conflict(
        "A nursing room with this name and address is already registered.",
        {"name": name, "address": address},
    )


async def create_room(res: Resources, caller: Caller, room_in: RoomIn) -> RoomAnswer:
    """Registers a room (201); the same name and address twice is a 409 conflict."""
    require_regulator(caller)
    fields = room_in.model_dump(mode="json")
    try:
        async with UnitOfWork(res) as uow:
            if await repository.room_registered(room_in.name, room_in.address):
                raise _duplicate(room_in.name, room_in.address)
            room = await repository.create_room(fields)
            await audit.record(caller, "nursing_room.create", "nursing_room", str(room.id), details=fields)
            uow.index_room(str(room.id))
    except DuplicateRoom as exc:  # registered by another request between the check and the insert
        raise _duplicate(room_in.name, room_in.address) from exc
    return room_answer(room)


async def update_room(res: Resources, caller: Caller, room_id: str, patch: RoomPatch) -> RoomAnswer:
    require_regulator(caller)
    changes = patch.changes()
    try:
        async with UnitOfWork(res) as uow:
            room = await repository.get_room(room_id)
            for name, value in changes.items():
                setattr(room, name, value)
            if await repository.room_registered(room.name, room.address, other_than=room.id):
                raise _duplicate(room.name, room.address)
            await repository.save_room(room, changes)
            await audit.record(
                caller, "nursing_room.update", "nursing_room", str(room.id), details={"changes": changes}
            )
            uow.index_room(str(room.id))
    except DuplicateRoom as exc:  # registered by another request between the check and the save
        raise _duplicate(str(changes.get("name", "")), str(changes.get("address", ""))) from exc
    return room_answer(room)


async def delete_room(res: Resources, caller: Caller, room_id: str) -> None:
    require_regulator(caller)
    async with UnitOfWork(res) as uow:
        room = await repository.get_room(room_id)
        await audit.record(
            caller,
            "nursing_room.delete",
            "nursing_room",
            str(room.id),
            details={"name": room.name, "address": room.address},
        )
        await repository.delete_room(room)
        uow.remove_room(str(room.id))


async def get_room(res: Resources, caller: Caller, room_id: str) -> RoomAnswer:
    require_regulator(caller)
    return room_answer(await repository.get_room(room_id))


async def list_rooms(res: Resources, caller: Caller, query: RoomListQuery) -> Page[RoomAnswer]:
    """Rooms by name (then id), paged with a signed cursor."""
    require_regulator(caller)
    page, next_cursor = await repository.page_rooms(
        town=query.town,
        venue_type=query.venue_type.value if query.venue_type is not None else None,
        secret_key=res.settings.secret_key,
        limit=query.limit,
        cursor=query.cursor,
    )
    return Page[RoomAnswer](items=[room_answer(room) for room in page], next_cursor=next_cursor)
