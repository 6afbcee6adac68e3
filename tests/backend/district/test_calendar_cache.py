"""The arrangements a worker reads: cached under a Redis version key, read again when it moves,
and read straight from the database when Redis cannot say."""

from __future__ import annotations

import dataclasses
from datetime import date

import redis.asyncio as aioredis

from backend.calendar import calendar_changed, district_calendar
from backend.context import Resources
from backend.district import repository
from backend.models import CalendarYear
from tests.conftest import free_port

HOLIDAY = [{"date": "2031-05-01", "name": "劳动节"}]


async def test_a_change_is_seen_once_the_version_moves(res: Resources) -> None:
    try:
        before = await district_calendar(res)
        assert before.source(2031) == "provisional"
        assert await district_calendar(res) is before  # cached: the version has not moved
        await repository.save_year(2031, HOLIDAY, [])
        await calendar_changed(res)
        after = await district_calendar(res)
        assert after.source(2031) == "district"
        assert not after.is_open(date(2031, 5, 1), [1, 2, 3, 4, 5, 6, 7])
    finally:
        await CalendarYear.filter(year=2031).delete()
        await calendar_changed(res)


async def test_without_redis_the_database_answers(res: Resources) -> None:
    unreachable = aioredis.Redis(host="127.0.0.1", port=free_port(), socket_connect_timeout=0.5)
    cut_off = dataclasses.replace(res, redis=unreachable)
    try:
        await repository.save_year(2031, HOLIDAY, [])
        calendar = await district_calendar(cut_off)
        assert calendar.source(2031) == "district"
    finally:
        await unreachable.aclose()
        await CalendarYear.filter(year=2031).delete()
        await calendar_changed(res)
