"""Mother-and-baby rooms near a point, for anyone, from the Redis geo index."""

from __future__ import annotations

import json

from pydantic import Field

from backend.context import Resources
from backend.errors import ValidationFailed
from backend.geo.index import MAX_RADIUS_M, SearchPosition, search_rooms
from backend.paging import SearchPageQuery, decode_cursor, encode_cursor

CURSOR_KIND = "rooms"


class NearbyRoomsQuery(SearchPageQuery):
    lat: float = Field(ge=-90, le=90, allow_inf_nan=False, description="GCJ-02 latitude")
    lng: float = Field(ge=-180, le=180, allow_inf_nan=False, description="GCJ-02 longitude")
    radius_m: int = Field(default=5000, ge=1, le=MAX_RADIUS_M, description="metres, at most 50 km")


def _position(res: Resources, cursor: str | None) -> SearchPosition | None:
    position = decode_cursor(res.settings.secret_key, cursor)
    if position is None:
        return None
    try:
        if position["k"] != CURSOR_KIND:
            raise ValueError("a cursor of another list")
        distance, item_id, hits = position["d"], position["i"], position["h"]
        if not isinstance(distance, str) or not isinstance(item_id, str) or type(hits) is not int:
            raise ValueError("malformed")
        float(distance)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationFailed.field("cursor", "not a cursor of this list") from exc
    return SearchPosition(distance=distance, id=item_id, price=0, hits=hits)


async def nearby_json(res: Resources, query: NearbyRoomsQuery) -> str:
    """The nearby rooms page as finished JSON text (the items leave Redis already encoded)."""
    page = await search_rooms(
        res, query.lat, query.lng, query.radius_m, query.limit, _position(res, query.cursor)
    )
    next_cursor = None
    if page.next_after is not None:
        next_cursor = encode_cursor(
            res.settings.secret_key,
            {
                "k": CURSOR_KIND,
                "d": page.next_after.distance,
                "i": page.next_after.id,
                "h": page.next_after.hits,
            },
        )
    return '{"items":[' + ",".join(page.items_json) + '],"next_cursor":' + json.dumps(next_cursor) + "}"
