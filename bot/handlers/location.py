"""Locations: the nearest mother-and-baby rooms and the nearest facilities with a place today.

A location message is answered at once. The LOCATION event (sent by WeChat when a follower allows
location reporting) and the location picker's event are only remembered, for a while, so that a
later `母婴室` or `托育` answers the same for where the follower is. Coordinates are taken as WeChat
sends them (GCJ-02, the datum of our geo index).
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable
from typing import Any

from backend.calendar import today_local
from backend.context import Resources
from bot.handlers import texts

ROOM_RADIUS_M = 3000
FACILITY_RADIUS_M = 5000
ROOMS_SHOWN = 3
FACILITIES_SHOWN = 3
# Asked of the index to find FACILITIES_SHOWN with a place today among the nearest ones.
FACILITIES_SCANNED = 20
MAX_NAME_CHARS = 24


def _location_key(res: Resources, openid: str) -> str:
    return res.key("oa", "location", openid)


def _valid(lat: float, lng: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lng) and -90 <= lat <= 90 and -180 <= lng <= 180


def _coordinates(raw_lat: Any, raw_lng: Any) -> tuple[float, float] | None:
    try:
        lat, lng = float(raw_lat), float(raw_lng)
    except (TypeError, ValueError):
        return None
    return (lat, lng) if _valid(lat, lng) else None


async def remember_location(res: Resources, openid: str, lat: float, lng: float) -> None:
    ttl = res.settings.oa_location_ttl_s
    await res.redis.set(_location_key(res, openid), f"{lat:.6f},{lng:.6f}", ex=ttl)


async def recalled_location(res: Resources, openid: str) -> tuple[float, float] | None:
    stored = await res.redis.get(_location_key(res, openid))
    if not stored:
        return None
    lat, _, lng = str(stored).partition(",")
    return _coordinates(lat, lng)


def distance_text(metres: Any) -> str:
    value = float(metres or 0)
    if value < 1000:
        return f"约{round(value)}米"
    return f"约{value / 1000:.1f}公里"


def short_name(item: dict[str, Any]) -> str:
    name = str(item.get("name") or "")
    return name if len(name) <= MAX_NAME_CHARS else name[: MAX_NAME_CHARS - 1] + "…"


def _room_line(index: int, room: dict[str, Any]) -> str:
    parts = [f"{index}. {short_name(room)} {distance_text(room.get('distance_m'))}"]
    if room.get("floor"):
        parts.append(str(room["floor"]))
    if room.get("opening_hours"):
        parts.append(str(room["opening_hours"]))
    return " · ".join(parts)


def _facility_line(index: int, facility: dict[str, Any]) -> str:
    return f"{index}. {short_name(facility)} {distance_text(facility.get('distance_m'))} · 今天有空位"


async def nearby_answer(res: Resources, lat: float, lng: float, *also: Awaitable[Any]) -> str:
    """The reply listing nearby rooms and facilities with a place today; `also` are awaited
    alongside the two lookups (each is a Redis round trip, so together they cost one wait)."""
    from backend.geo.index import nearby_facilities, nearby_rooms

    rooms, facilities, *_ = await asyncio.gather(
        nearby_rooms(res, lat, lng, ROOM_RADIUS_M, ROOMS_SHOWN),
        nearby_facilities(res, lat, lng, FACILITY_RADIUS_M, FACILITIES_SCANNED, date=today_local()),
        *also,
    )
    with_place = [item for item in facilities if item.get("available")][:FACILITIES_SHOWN]
    lines: list[str] = []
    if rooms:
        lines.append("附近的母婴室：")
        lines += [_room_line(i, room) for i, room in enumerate(rooms, start=1)]
    else:
        lines.append(f"{ROOM_RADIUS_M // 1000}公里内没有登记的母婴室。")
    lines.append("")
    if with_place:
        lines.append("附近今天有空位的托育机构：")
        lines += [_facility_line(i, facility) for i, facility in enumerate(with_place, start=1)]
        lines.append("在小程序中查看详情并预约。")
    else:
        lines.append(f"{FACILITY_RADIUS_M // 1000}公里内今天没有有空位的托育机构。")
    return "\n".join(lines)


async def handle_location_message(res: Resources, message: Any) -> str:
    found = _coordinates(message._data.get("Location_X"), message._data.get("Location_Y"))
    if found is None:
        return texts.ASK_FOR_LOCATION
    # Remembering the place and answering for it are independent: one round trip's wait for all.
    return await nearby_answer(res, *found, remember_location(res, message.source, *found))


async def handle_location_event(res: Resources, message: Any) -> None:
    found = _coordinates(message._data.get("Latitude"), message._data.get("Longitude"))
    if found is not None:
        await remember_location(res, message.source, *found)
    # WeChat shows nothing for this event; answering would only cost the follower a message.
    return None


async def handle_location_select(res: Resources, message: Any) -> None:
    # The picker's event; the chosen place also arrives as a location message, answered there.
    info = message._data.get("SendLocationInfo")
    if isinstance(info, dict):
        found = _coordinates(info.get("Location_X"), info.get("Location_Y"))
        if found is not None:
            await remember_location(res, message.source, *found)
    return None


async def answer_for_remembered(res: Resources, message: Any) -> str | None:
    """The nearby answer for the follower's remembered location, or None when there is none."""
    found = await recalled_location(res, message.source)
    if found is None:
        return None
    return await nearby_answer(res, *found)
