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

import functools
import json
import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from redis.asyncio.client import Pipeline
from redis.commands.core import AsyncScript
from redis.exceptions import LockError

from backend.bookings.plan import BookingWindow
from backend.calendar import now_local, today_local
from backend.context import Resources
from backend.errors import ValidationFailed
from backend.geo import repository
from backend.geo.cards import (
    CARE_BITS,
    PRICE_SLOTS,
    facility_card,
    facility_member,
    geo_point_ok,
    offered_care_types,
    room_card,
)
from backend.geo.keys import search_key, vacancy_base_key, vacancy_calendar_key, vacancy_key
from backend.geo.script_call import LeanScript
from backend.geo.scripts import NEARBY_FACILITIES, NEARBY_ROOMS, UPDATE_FACILITY
from backend.rules import CLASS_RULES, CareType, ClassKind, is_bookable, kinds_for_age

log = logging.getLogger(__name__)

MAX_RADIUS_M = 50_000
# Vacancy is kept for the next 31 days, today included (backend/bookings/vacancy.py); a day
# further out has no free place to show yet, so it is not even looked up.
VACANCY_HORIZON_DAYS = 30
# The first circle searched (at most the radius asked). Measured on the national data set: a
# GEOSEARCH costs ~40 us at a new place before it measures any point, then ~0.5 us a point; a
# smaller first circle meant more calls, a larger one more points, and 2.5 km cost least overall.
# The script grows the circle from here by the density it meets.
FIRST_CIRCLE_M = 2500
# The bot's helpers answer one list, not pages; this bounds the work one answer may cost.
MAX_HELPER_LIMIT = 200
# A cursor's hint of how many points to fetch at first is kept within this.
MAX_HITS_HINT = 100_000
# The rebuild writes this many points per round trip.
REBUILD_BATCH = 2000
# How long a worker waits for another worker's rebuild at start before serving anyway.
REBUILD_WAIT_S = 120
REBUILD_LOCK_TTL_S = 600


def _facilities_key(res: Resources, care_type: str | None = None) -> str:
    # Besides the set of every bookable facility, one per care type: a search for a care type
    # walks only the facilities offering it, so Redis measures and skips fewer points.
    if care_type is None:
        return search_key(res, "geo", "facilities")
    return search_key(res, "geo", "facilities", care_type)


def _facility_set_keys(res: Resources) -> list[str]:
    return [_facilities_key(res), *(_facilities_key(res, care) for care in CARE_BITS)]


def _facility_cards_key(res: Resources) -> str:
    return search_key(res, "geo", "facility-cards")


def _facility_members_key(res: Resources) -> str:
    # id -> the facility's current member in the GEO sets, to remove it when it changes.
    return search_key(res, "geo", "facility-members")


def _rooms_key(res: Resources) -> str:
    return search_key(res, "geo", "rooms")


def _room_cards_key(res: Resources) -> str:
    return search_key(res, "geo", "room-cards")


def _built_marker_key(res: Resources) -> str:
    return search_key(res, "geo", "built")


def _rebuild_lock_key(res: Resources) -> str:
    return search_key(res, "geo", "rebuild-lock")


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
    row = await repository.facility_card_row(parsed)
    if (
        row is None
        or not is_bookable(row["filing_status"], row["suspended"])
        or not geo_point_ok(row["lat"], row["lng"])
    ):
        await remove_facility(res, str(parsed))
        return
    offered = set(offered_care_types(row))
    flags = "".join("1" if care in offered else "0" for care in CARE_BITS)
    await _update_script(res)(
        keys=_update_keys(res),
        args=[str(parsed), facility_member(row), row["lng"], row["lat"], flags, facility_card(row)],
    )


async def remove_facility(res: Resources, facility_id: str) -> None:
    await _update_script(res)(keys=_update_keys(res), args=[facility_id, "", 0, 0, "", ""])


def _update_script(res: Resources) -> AsyncScript:
    return _script(res, "facility-update", UPDATE_FACILITY)


def _update_keys(res: Resources) -> list[str]:
    return [*_facility_set_keys(res), _facility_members_key(res), _facility_cards_key(res)]


async def index_room(res: Resources, room_id: str) -> None:
    """Reloads a mother-and-baby room from the database: indexed when it exists, removed otherwise."""
    parsed = _parse_id(room_id)
    if parsed is None:
        return
    row = await repository.room_card_row(parsed)
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


Point = tuple[float, float, str]


async def _fill_points(pipe: Pipeline, key: str, points: Sequence[Point]) -> None:
    for start in range(0, len(points), REBUILD_BATCH):
        batch = points[start : start + REBUILD_BATCH]
        pipe.geoadd(key, [value for point in batch for value in point])
        # Left behind by a process that died mid-build, the temporary keys clean themselves up.
        pipe.expire(key, REBUILD_LOCK_TTL_S)
        await pipe.execute()


async def _fill_cards(pipe: Pipeline, key: str, cards: Sequence[tuple[str, str]]) -> None:
    for start in range(0, len(cards), REBUILD_BATCH):
        pipe.hset(key, mapping=dict(cards[start : start + REBUILD_BATCH]))
        pipe.expire(key, REBUILD_LOCK_TTL_S)
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
    facility_rows = [
        row for row in await repository.bookable_facility_card_rows() if geo_point_ok(row["lat"], row["lng"])
    ]
    room_rows = [row for row in await repository.room_card_rows() if geo_point_ok(row["lat"], row["lng"])]
    # final key -> the points or the hash fields it will hold
    points: dict[str, list[Point]] = {key: [] for key in _facility_set_keys(res)}
    for row in facility_rows:
        point = (row["lng"], row["lat"], facility_member(row))
        points[_facilities_key(res)].append(point)
        for care in offered_care_types(row):
            points[_facilities_key(res, care)].append(point)
    points[_rooms_key(res)] = [(row["lng"], row["lat"], str(row["id"])) for row in room_rows]
    cards = {
        _facility_cards_key(res): [(str(row["id"]), facility_card(row)) for row in facility_rows],
        _facility_members_key(res): [(str(row["id"]), facility_member(row)) for row in facility_rows],
        _room_cards_key(res): [(str(row["id"]), room_card(row)) for row in room_rows],
    }
    build = uuid.uuid4().hex
    temporary = {final: search_key(res, "geo", "building", build, final) for final in [*points, *cards]}
    try:
        async with res.redis.pipeline(transaction=False) as pipe:
            for final, final_points in points.items():
                await _fill_points(pipe, temporary[final], final_points)
            for final, final_cards in cards.items():
                await _fill_cards(pipe, temporary[final], final_cards)
        counts = {"facilities": len(facility_rows), "rooms": len(room_rows)}
        filled = {final: bool(values) for final, values in [*points.items(), *cards.items()]}
        await _replace(res, [(temporary[final], final, filled[final]) for final in temporary], counts)
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
    script = res.scripts.get(name)
    if script is None:
        script = res.scripts[name] = res.redis.register_script(source)
    return script


def _search_script(res: Resources, name: str, source: str) -> AsyncScript:
    # The searches run on every request: their calls take the short path of backend/geo/script_call.py.
    script = res.scripts.get(name)
    if script is None:
        script = res.scripts[name] = LeanScript(res.redis, source)
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
    return min(radius_m, FIRST_CIRCLE_M)


def common_search_arg(
    lng: float, lat: float, radius_m: int, need: int, sort: str, after: SearchPosition | None
) -> str:
    """The first argument of both search scripts (backend/geo/scripts.py _COMMON), one text.

    Its fields are separated by one space; the cursor's id comes last and takes the rest, so only
    the fields before it must hold no space: numbers, the order, and the distance as Redis gave
    it. The distance is stripped, as Lua's tonumber strips it: a number never holds a space inside
    (the cursor's reader checks it with float()), and one that is blank means no cursor, as before.
    """
    if after is None:
        cursor = "  0 "
    else:
        hits = min(max(after.hits, 0), MAX_HITS_HINT)
        cursor = f"{after.price} {after.distance.strip()} {hits} {after.id}"
    order = "price" if sort == "price" else "distance"
    return f"{lng!r} {lat!r} {radius_m} {_first_circle(radius_m)} {need} {order} {cursor}"


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
    day = search.day or today_local()
    window = BookingWindow(now_local())
    script = _search_script(res, "facilities", NEARBY_FACILITIES)
    keys = [
        _facilities_key(res, search.care_type),
        _facility_cards_key(res),
        vacancy_key(res, day),
        vacancy_base_key(res),
        vacancy_calendar_key(res),
    ]
    common = common_search_arg(
        search.lng, search.lat, search.radius_m, search.limit + 1, search.sort, search.after
    )
    answer: list[str] = await script(keys=keys, args=[common, facility_filter_arg(search, mode, day, window)])
    return _page(answer)


@functools.cache
def _kind_specs(age_months: int | None) -> str:
    # The class kinds an age may be placed in, as the script reads them; a few ages, asked again and again.
    kinds = kinds_for_age(age_months) if age_months is not None else list(ClassKind)
    return ",".join(
        f"{kind.value}:{CLASS_RULES[kind].min_months}:{CLASS_RULES[kind].max_months}" for kind in kinds
    )


def facility_filter_arg(search: FacilitySearch, mode: str, day: date, window: BookingWindow) -> str:
    """The second argument of the facility search script (backend/geo/scripts.py), one text.

    Its fields are separated by one space, none of them may hold one: numbers, the mode, the day,
    and comma-separated names of care types and class kinds (lists may be empty: '' is kept).
    """
    care_bit = CARE_BITS[search.care_type] if search.care_type else 0
    price_slot = PRICE_SLOTS[search.care_type or "full_day"]
    age = search.age_months if search.age_months is not None else -1
    inclusive = -1 if search.inclusive is None else int(search.inclusive)
    # "Now" is derived here, at the time of asking, so the index needs no rewrite as hours begin.
    now_minute = window.minutes_into(day)
    in_window = ",".join(c.value for c in CareType if window.day_refusal(c, day) is None)
    return (
        f"{care_bit} {price_slot} {age} {inclusive} {mode} {now_minute} {day.isoweekday()} {day.isoformat()} "
        f"{search.care_type or ''} {in_window} {_kind_specs(search.age_months)}"
    )


async def search_rooms(
    res: Resources, lat: float, lng: float, radius_m: int, limit: int, after: SearchPosition | None = None
) -> SearchPage:
    """One page of mother-and-baby rooms near a point, nearest first, in one Redis round trip."""
    if not 1 <= radius_m <= MAX_RADIUS_M:
        raise ValidationFailed.field("radius_m", f"must be 1 to {MAX_RADIUS_M} metres")
    if not _searchable_point(lat, lng):
        return SearchPage(items_json=[], next_after=None)
    script = _search_script(res, "rooms", NEARBY_ROOMS)
    common = common_search_arg(lng, lat, radius_m, limit + 1, "distance", after)
    answer: list[str] = await script(keys=[_rooms_key(res), _room_cards_key(res)], args=[common])
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
