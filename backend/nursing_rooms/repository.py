"""Every query of the mother-and-baby room register.

A room is known by its id, and by its (name, address), which the database keeps unique: a write
that loses a race for a (name, address) raises DuplicateRoom, the register's typed conflict.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from tortoise.exceptions import IntegrityError

from backend.accounts.repository import uuid_or_not_found
from backend.db.paging import page_by_name
from backend.errors import Conflict, NotFound
from backend.models import NursingRoom

# Enough to keep every parameter list well under SQLite's and asyncpg's limits.
QUERY_CHUNK = 500


class DuplicateRoom(Conflict):
    """Another room holds this (name, address); the service words the answer."""


async def get_room(room_id: str) -> NursingRoom:
    room = await NursingRoom.get_or_none(id=uuid_or_not_found(room_id, "nursing room"))
    if room is None:
        raise NotFound("No such nursing room.")
    return room


async def room_registered(name: str, address: str, *, other_than: uuid.UUID | None = None) -> bool:
    """Whether a room (other than `other_than`) is registered under this name and address."""
    query = NursingRoom.filter(name=name, address=address)
    if other_than is not None:
        query = query.exclude(id=other_than)
    return await query.exists()


async def create_room(fields: dict[str, Any]) -> NursingRoom:
    try:
        return await NursingRoom.create(**fields)
    except IntegrityError as exc:
        raise DuplicateRoom() from exc


async def save_room(room: NursingRoom, fields: Iterable[str]) -> None:
    try:
        await room.save(update_fields=[*fields, "updated_at"])
    except IntegrityError as exc:
        raise DuplicateRoom() from exc


async def delete_room(room: NursingRoom) -> None:
    await room.delete()


async def page_rooms(
    *, town: str | None, venue_type: str | None, secret_key: str, limit: int, cursor: str | None
) -> tuple[list[NursingRoom], str | None]:
    """One page of rooms by name (then id), optionally of one town or one kind of venue."""
    query = NursingRoom.all()
    if town is not None:
        query = query.filter(town=town)
    if venue_type is not None:
        query = query.filter(venue_type=venue_type)
    return await page_by_name(query, secret_key=secret_key, limit=limit, cursor=cursor)


async def rooms_by_name_and_address(keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], NursingRoom]:
    """The registered rooms among these (name, address) keys, by key."""
    wanted = set(keys)
    names = sorted({name for name, _ in wanted})
    found: dict[tuple[str, str], NursingRoom] = {}
    # By name in chunks (one IN list per chunk), keeping only the rooms whose address matches too.
    for start in range(0, len(names), QUERY_CHUNK):
        for room in await NursingRoom.filter(name__in=names[start : start + QUERY_CHUNK]):
            if (room.name, room.address) in wanted:
                found[(room.name, room.address)] = room
    return found


def new_room(values: dict[str, Any]) -> NursingRoom:
    """A room not yet saved, for add_and_update_rooms to insert."""
    return NursingRoom(**values)


async def add_and_update_rooms(
    new_rooms: list[NursingRoom], changed_rooms: list[NursingRoom], changed_fields: Iterable[str]
) -> None:
    """Inserts the new rooms and writes `changed_fields` (and updated_at) of the changed ones, in
    batches; DuplicateRoom when a new room's (name, address) was registered meanwhile."""
    try:
        if new_rooms:
            await NursingRoom.bulk_create(new_rooms, batch_size=QUERY_CHUNK)
        if changed_rooms:
            await NursingRoom.bulk_update(
                changed_rooms, fields=[*changed_fields, "updated_at"], batch_size=QUERY_CHUNK
            )
    except IntegrityError as exc:
        raise DuplicateRoom() from exc
