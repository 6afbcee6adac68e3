"""The Redis geo index of facilities and rooms, kept in step with the database.

The database is the truth; the index is derived state that answers "what is near here" without a
query per result. Bookable facilities (filed, not suspended) and every mother-and-baby room each
have a point in a GEO set and a compact card in a hash (backend/geo/cards.py). Services call
index_facility / index_room after they commit a change, and every worker start makes sure the
index exists (ensure_geo_index), rebuilding it from the database when Redis lost it.

A search is one Lua script call (backend/geo/scripts.py): it searches outward, filters on the
cards, reads the day's vacancy and answers one page of finished JSON items.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from redis.asyncio.client import Pipeline
from redis.commands.core import AsyncScript
from redis.exceptions import LockError

from backend.calendar import today_local
from backend.context import Resources
from backend.errors import ValidationFailed
from backend.geo.cards import (
    CARE_BITS,
    FACILITY_CARD_FIELDS,
    PRICE_SLOTS,
    ROOM_CARD_FIELDS,
    facility_card,
    geo_point_ok,
    room_card,
)
from backend.geo.scripts import NEARBY_FACILITIES, NEARBY_ROOMS
from backend.models import Facility, NursingRoom
from backend.rules import CLASS_RULES, ClassKind, kinds_for_age

log = logging.getLogger(__name__)

MAX_RADIUS_M = 50_000
# Vacancy is kept for the next 31 days, today included (backend/bookings/vacancy.py); a day
# further out has no free place to show yet, so it is not even looked up.
VACANCY_HORIZON_DAYS = 30
# The first circle searched: half the radius asked, within these bounds. Redis measures every
# point of a circle, so a big city's 50 km would cost milliseconds, while every further call costs
# a fixed overhead; the script widens the circle from here only when the matches fall short.
FIRST_CIRCLE_MIN_M = 1000
FIRST_CIRCLE_MAX_M = 5000
# The bot's helpers answer one list, not pages; this bounds the work one answer may cost.
MAX_HELPER_LIMIT = 200
# A cursor's hint of how many points to fetch at first is kept within this.
MAX_HITS_HINT = 100_000
# The rebuild writes this many points per round trip.
REBUILD_BATCH = 2000
# How long a worker waits for another worker's rebuild at start before serving anyway.
REBUILD_WAIT_S = 120
REBUILD_LOCK_TTL_S = 600


def _facilities_key(res: Resources) -> str:
    return res.key("geo", "facilities")


def _facility_cards_key(res: Resources) -> str:
    return res.key("geo", "facility-cards")


def _rooms_key(res: Resources) -> str:
    return res.key("geo", "rooms")


def _room_cards_key(res: Resources) -> str:
    return res.key("geo", "room-cards")


def _built_marker_key(res: Resources) -> str:
    return res.key("geo", "built")


def _rebuild_lock_key(res: Resources) -> str:
    return res.key("geo", "rebuild-lock")


def vacancy_key(res: Resources, day: date) -> str:
    """The bookings engineer's hash of places left on a day: field `facility|care_type|kind`."""
    return res.key("vacancy", day.isoformat())


def _parse_id(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        return None


# --- keeping the index in step ------------------------------------------------------------------


async def index_facility(res: Resources, facility_id: str) -> None:
    """Reloads a facility from the database: indexed when bookable, removed otherwise."""
    parsed = _parse_id(facility_id)
    if parsed is None:
        return
    rows = await Facility.filter(id=parsed).values(*FACILITY_CARD_FIELDS, "filing_status", "suspended")
    row = rows[0] if rows else None
    if row is None or not _bookable(row) or not geo_point_ok(row["lat"], row["lng"]):
        await remove_facility(res, str(parsed))
        return
    member = str(parsed)
    async with res.redis.pipeline(transaction=True) as pipe:
        pipe.geoadd(_facilities_key(res), [row["lng"], row["lat"], member])
        pipe.hset(_facility_cards_key(res), member, facility_card(row))
        await pipe.execute()


async def remove_facility(res: Resources, facility_id: str) -> None:
    async with res.redis.pipeline(transaction=True) as pipe:
        pipe.zrem(_facilities_key(res), facility_id)
        pipe.hdel(_facility_cards_key(res), facility_id)
        await pipe.execute()


async def index_room(res: Resources, room_id: str) -> None:
    """Reloads a mother-and-baby room from the database: indexed when it exists, removed otherwise."""
    parsed = _parse_id(room_id)
    if parsed is None:
        return
    rows = await NursingRoom.filter(id=parsed).values(*ROOM_CARD_FIELDS)
    row = rows[0] if rows else None
    if row is None or not geo_point_ok(row["lat"], row["lng"]):
        await remove_room(res, str(parsed))
        return
    member = str(parsed)
    async with res.redis.pipeline(transaction=True) as pipe:
        pipe.geoadd(_rooms_key(res), [row["lng"], row["lat"], member])
        pipe.hset(_room_cards_key(res), member, room_card(row))
        await pipe.execute()


async def remove_room(res: Resources, room_id: str) -> None:
    async with res.redis.pipeline(transaction=True) as pipe:
        pipe.zrem(_rooms_key(res), room_id)
        pipe.hdel(_room_cards_key(res), room_id)
        await pipe.execute()


def _bookable(row: Mapping[str, Any]) -> bool:
    return row["filing_status"] == "filed" and not row["suspended"]


async def _fill(
    pipe: Pipeline,
    geo_key: str,
    cards_key: str,
    points: Sequence[tuple[float, float, str, str]],
) -> None:
    for start in range(0, len(points), REBUILD_BATCH):
        batch = points[start : start + REBUILD_BATCH]
        pipe.geoadd(geo_key, [value for lng, lat, member, _ in batch for value in (lng, lat, member)])
        pipe.hset(cards_key, mapping={member: card for _, _, member, card in batch})
        # Left behind by a process that died mid-build, the temporary keys clean themselves up.
        pipe.expire(geo_key, REBUILD_LOCK_TTL_S)
        pipe.expire(cards_key, REBUILD_LOCK_TTL_S)
        await pipe.execute()


async def _replace(res: Resources, targets: Iterable[tuple[str, str, bool]], marker: dict[str, int]) -> None:
    # One MULTI: readers see the old index or the new one, never half of each.
    async with res.redis.pipeline(transaction=True) as pipe:
        for temporary, final, filled in targets:
            if filled:
                pipe.rename(temporary, final)
                # RENAME carries the temporary key's expiry over; the index itself must not expire.
                pipe.persist(final)
            else:
                pipe.delete(final)
        pipe.delete(_built_marker_key(res))
        pipe.hset(_built_marker_key(res), mapping=marker)
        await pipe.execute()


async def rebuild_geo_index(res: Resources) -> dict[str, int]:
    """Rebuilds both indexes from the database; answers how many facilities and rooms it holds.

    The new index is written under temporary keys and swapped in at once. A change indexed while
    the rebuild runs may be overwritten by it; the next index_* call for that object restores it.
    """
    facility_rows = await Facility.filter(filing_status="filed", suspended=False).values(
        *FACILITY_CARD_FIELDS
    )
    facility_points = [
        (row["lng"], row["lat"], str(row["id"]), facility_card(row))
        for row in facility_rows
        if geo_point_ok(row["lat"], row["lng"])
    ]
    room_rows = await NursingRoom.all().values(*ROOM_CARD_FIELDS)
    room_points = [
        (row["lng"], row["lat"], str(row["id"]), room_card(row))
        for row in room_rows
        if geo_point_ok(row["lat"], row["lng"])
    ]
    build = uuid.uuid4().hex
    temporary = {
        name: res.key("geo", "building", build, name)
        for name in ("facilities", "facility-cards", "rooms", "room-cards")
    }
    try:
        async with res.redis.pipeline(transaction=False) as pipe:
            await _fill(pipe, temporary["facilities"], temporary["facility-cards"], facility_points)
            await _fill(pipe, temporary["rooms"], temporary["room-cards"], room_points)
        counts = {"facilities": len(facility_points), "rooms": len(room_points)}
        await _replace(
            res,
            [
                (temporary["facilities"], _facilities_key(res), bool(facility_points)),
                (temporary["facility-cards"], _facility_cards_key(res), bool(facility_points)),
                (temporary["rooms"], _rooms_key(res), bool(room_points)),
                (temporary["room-cards"], _room_cards_key(res), bool(room_points)),
            ],
            counts,
        )
    finally:
        await res.redis.delete(*temporary.values())
    log.info("geo index rebuilt: %d facilities, %d rooms", counts["facilities"], counts["rooms"])
    return counts


async def _index_present(res: Resources) -> bool:
    async with res.redis.pipeline(transaction=False) as pipe:
        pipe.hgetall(_built_marker_key(res))
        pipe.exists(_facilities_key(res))
        pipe.exists(_rooms_key(res))
        marker, facilities_exist, rooms_exist = await pipe.execute()
    if not marker:
        return False
    # The marker survived but the sets did not (someone deleted keys): build again.
    if int(marker.get("facilities", 0)) > 0 and not facilities_exist:
        return False
    return not (int(marker.get("rooms", 0)) > 0 and not rooms_exist)


async def ensure_geo_index(res: Resources) -> None:
    """Rebuilds the index at start when it is missing; one worker builds, the others wait for it."""
    if await _index_present(res):
        return
    lock = res.redis.lock(_rebuild_lock_key(res), timeout=REBUILD_LOCK_TTL_S, blocking_timeout=REBUILD_WAIT_S)
    try:
        async with lock:
            if not await _index_present(res):
                await rebuild_geo_index(res)
    except LockError:
        log.warning("geo index: another worker's rebuild did not finish in time; serving anyway")


# --- searching ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FacilitySearch:
    lat: float
    lng: float
    radius_m: int
    limit: int
    care_type: str | None = None
    age_months: int | None = None
    day: date | None = None
    inclusive: bool | None = None
    sort: str = "distance"
    # The position after which the page starts: the last item of the previous page.
    after: SearchPosition | None = None


@dataclass(frozen=True, slots=True)
class SearchPosition:
    distance: str  # exactly as Redis gave it, so the next page compares equal distances as equal
    id: str
    price: int
    # How many nearest points the page went through: how far the next page's first search reaches.
    # Only a hint for speed; any value gives the same answer.
    hits: int = 0


@dataclass(frozen=True, slots=True)
class SearchPage:
    items_json: list[str]  # each a finished JSON object
    next_after: SearchPosition | None

    def items(self) -> list[dict[str, Any]]:
        return [json.loads(item) for item in self.items_json]


def _script(res: Resources, name: str, source: str) -> AsyncScript:
    # Registered once per Redis client; redis-py sends EVALSHA and loads the script when missing.
    cache_key = f"geo-script:{name}"
    script = res.extras.get(cache_key)
    if not isinstance(script, AsyncScript):
        script = res.redis.register_script(source)
        res.extras[cache_key] = script
    return script


def availability_mode(day: date | None) -> str:
    """'none' without a day, 'check' within the vacancy horizon, 'false' beyond it."""
    if day is None:
        return "none"
    today = today_local()
    if day < today:
        raise ValidationFailed.field("date", "must be today or later")
    if (day - today).days > VACANCY_HORIZON_DAYS:
        return "false"
    return "check"


def _first_circle(radius_m: int) -> int:
    return min(radius_m, max(FIRST_CIRCLE_MIN_M, min(radius_m // 2, FIRST_CIRCLE_MAX_M)))


def _cursor_args(after: SearchPosition | None) -> list[str | int]:
    if after is None:
        return ["", "", "", 0]
    return [str(after.price), after.distance, after.id, min(max(after.hits, 0), MAX_HITS_HINT)]


def _page(answer: list[str]) -> SearchPage:
    more, distance, last_id, price, hits, *items = answer
    after = None
    if more == "1" and items:
        after = SearchPosition(distance=distance, id=last_id, price=int(price), hits=int(hits))
    return SearchPage(items_json=list(items), next_after=after)


def _searchable_point(lat: float, lng: float) -> bool:
    # Redis keeps no points nearer the poles than its GEO limit; nothing is indexed up there.
    return geo_point_ok(lat, lng)


async def search_facilities(res: Resources, search: FacilitySearch) -> SearchPage:
    """One page of bookable facilities near a point, in one Redis round trip."""
    if search.care_type is not None and search.care_type not in CARE_BITS:
        raise ValidationFailed.field("care_type", "unknown care type")
    if not 1 <= search.radius_m <= MAX_RADIUS_M:
        raise ValidationFailed.field("radius_m", f"must be 1 to {MAX_RADIUS_M} metres")
    mode = availability_mode(search.day)
    if not _searchable_point(search.lat, search.lng):
        return SearchPage(items_json=[], next_after=None)
    kinds = kinds_for_age(search.age_months) if search.age_months is not None else list(ClassKind)
    kind_specs = [
        f"{kind.value}:{CLASS_RULES[kind].min_months}:{CLASS_RULES[kind].max_months}" for kind in kinds
    ]
    day = search.day or today_local()
    price_care = search.care_type or "full_day"
    args: list[str | int | float] = [
        repr(search.lng),
        repr(search.lat),
        search.radius_m,
        _first_circle(search.radius_m),
        search.limit + 1,
        "price" if search.sort == "price" else "distance",
        *_cursor_args(search.after),
        CARE_BITS[search.care_type] if search.care_type else 0,
        PRICE_SLOTS[price_care],
        search.age_months if search.age_months is not None else -1,
        -1 if search.inclusive is None else int(search.inclusive),
        mode,
        search.care_type or "",
        ",".join(kind_specs),
    ]
    script = _script(res, "facilities", NEARBY_FACILITIES)
    keys = [_facilities_key(res), _facility_cards_key(res), vacancy_key(res, day)]
    answer: list[str] = await script(keys=keys, args=args)
    return _page(answer)


async def search_rooms(
    res: Resources, lat: float, lng: float, radius_m: int, limit: int, after: SearchPosition | None = None
) -> SearchPage:
    """One page of mother-and-baby rooms near a point, nearest first, in one Redis round trip."""
    if not 1 <= radius_m <= MAX_RADIUS_M:
        raise ValidationFailed.field("radius_m", f"must be 1 to {MAX_RADIUS_M} metres")
    if not _searchable_point(lat, lng):
        return SearchPage(items_json=[], next_after=None)
    args: list[str | int | float] = [
        repr(lng),
        repr(lat),
        radius_m,
        _first_circle(radius_m),
        limit + 1,
        "distance",
        *_cursor_args(after),
    ]
    script = _script(res, "rooms", NEARBY_ROOMS)
    answer: list[str] = await script(keys=[_rooms_key(res), _room_cards_key(res)], args=args)
    return _page(answer)


async def nearby_facilities(
    res: Resources,
    lat: float,
    lng: float,
    radius_m: int,
    limit: int,
    care_type: str | None = None,
    age_months: int | None = None,
    date: date | None = None,
    inclusive: bool | None = None,
) -> list[dict[str, Any]]:
    """The nearest bookable facilities as the API's cards (with distance_m and available)."""
    page = await search_facilities(
        res,
        FacilitySearch(
            lat=lat,
            lng=lng,
            radius_m=min(int(radius_m), MAX_RADIUS_M),
            limit=min(max(1, int(limit)), MAX_HELPER_LIMIT),
            care_type=care_type,
            age_months=age_months,
            day=date,
            inclusive=inclusive,
        ),
    )
    return page.items()


async def nearby_rooms(
    res: Resources, lat: float, lng: float, radius_m: int, limit: int
) -> list[dict[str, Any]]:
    """The nearest mother-and-baby rooms as the API's items (with distance_m)."""
    page = await search_rooms(
        res, lat, lng, min(int(radius_m), MAX_RADIUS_M), min(max(1, int(limit)), MAX_HELPER_LIMIT)
    )
    return page.items()
