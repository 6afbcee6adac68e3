"""The search scripts' packed arguments and their short call path (backend/geo/script_call.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import redis.exceptions

from backend.bookings.plan import BookingWindow
from backend.calendar import now_local, today_local
from backend.context import Resources
from backend.geo.index import (
    FacilitySearch,
    SearchPosition,
    common_search_arg,
    facility_filter_arg,
    search_facilities,
    search_rooms,
)
from backend.geo.script_call import LeanScript, pack_evalsha
from tests.backend.geo.helpers import Spot, facility_at, room_at


def test_the_common_argument_without_a_cursor_leaves_its_fields_empty() -> None:
    assert (
        common_search_arg(110.5, 30.25, 5000, 21, "distance", None)
        == "110.5 30.25 5000 2500 21 distance   0 "
    )


def test_the_cursor_id_comes_last_and_may_hold_anything() -> None:
    after = SearchPosition(distance=" 12.5 ", id="an id with spaces", price=300, hits=10**9)
    packed = common_search_arg(1.0, 2.0, 100, 5, "price", after)
    # The distance is stripped as Lua's tonumber strips it; the hint is kept within its bound.
    assert packed == "1.0 2.0 100 100 5 price 300 12.5 100000 an id with spaces"


def test_the_filter_argument_keeps_empty_lists_as_empty_fields() -> None:
    day = today_local()
    search = FacilitySearch(lat=30.0, lng=110.0, radius_m=1000, limit=20, age_months=18, inclusive=False)
    fields = facility_filter_arg(search, "check", day, BookingWindow(now_local())).split(" ")
    assert len(fields) == 11
    assert fields[:5] == ["0", "1", "18", "0", "check"]
    assert fields[6:9] == [str(day.isoweekday()), day.isoformat(), ""]
    assert all(":" in spec for spec in fields[10].split(","))


def test_pack_evalsha_is_the_redis_protocol() -> None:
    assert pack_evalsha("s" * 40, ["k"], ["a b", "中"]) == (
        b"*6\r\n$7\r\nEVALSHA\r\n$40\r\n"
        + b"s" * 40
        + b"\r\n$1\r\n1\r\n$1\r\nk\r\n$3\r\na b\r\n$3\r\n\xe4\xb8\xad\r\n"
    )


async def test_a_page_boundary_inside_a_cursor_still_pages_on(res: Resources) -> None:
    spot = Spot.random()
    made = [await facility_at(res, spot, north_m=100 * (k + 1)) for k in range(5)]
    seen: list[str] = []
    after = None
    while True:
        page = await search_facilities(
            res, FacilitySearch(lat=spot.lat, lng=spot.lng, radius_m=2000, limit=2, after=after)
        )
        seen += [item["id"] for item in page.items()]
        if page.next_after is None:
            break
        after = page.next_after
    assert seen == [str(f.id) for f in made]


async def test_a_date_beyond_the_horizon_and_one_within_both_answer(res: Resources) -> None:
    spot = Spot.random()
    await facility_at(res, spot, north_m=50)
    for day, expected in ((today_local() + timedelta(days=40), False), (None, None)):
        page = await search_facilities(
            res, FacilitySearch(lat=spot.lat, lng=spot.lng, radius_m=1000, limit=5, day=day)
        )
        assert [item["available"] for item in page.items()] == [expected]


async def test_a_flushed_script_cache_is_loaded_again(res: Resources) -> None:
    spot = Spot.random()
    room = await room_at(res, spot, north_m=10)
    await search_rooms(res, spot.lat, spot.lng, 1000, 5)
    await res.redis.script_flush()
    page = await search_rooms(res, spot.lat, spot.lng, 1000, 5)
    assert [item["id"] for item in page.items()] == [str(room.id)]


async def test_a_dropped_connection_is_retried_once_on_a_fresh_one(res: Resources) -> None:
    spot = Spot.random()
    room = await room_at(res, spot, north_m=10)
    await search_rooms(res, spot.lat, spot.lng, 1000, 5)
    script = res.scripts["rooms"]
    assert isinstance(script, LeanScript)
    # Redis closes every client connection, as after a restart: the idle one fails once, then works.
    await res.redis.client_kill_filter(_type="normal", skipme=True)
    page = await search_rooms(res, spot.lat, spot.lng, 1000, 5)
    assert [item["id"] for item in page.items()] == [str(room.id)]


async def test_a_script_error_leaves_as_a_redis_error_and_the_connection_stays_usable(res: Resources) -> None:
    script = LeanScript(res.redis, "return redis.error_reply('ERR on purpose')")
    with pytest.raises(redis.exceptions.ResponseError, match="on purpose"):
        await script(keys=["{search}:x"], args=["a"])
    echo = LeanScript(res.redis, "return ARGV[1]")
    assert await echo(keys=["{search}:x"], args=["a b"]) == "a b"
    with pytest.raises(redis.exceptions.ResponseError):
        await script(keys=["{search}:x"], args=[])
    assert await script.registered_client.ping()
