"""The Redis keys of the search index: the geo sets and cards of facilities and rooms, and the
vacancy (base, calendar, per-day overrides) the search script reads with them.

Every key carries the hash tag `{search}`: one search is one Lua script over all of them, and a
Redis Cluster runs a script only when its keys share a slot. The whole index (171 MB for the
national set) then lives on one shard, with replicas for reads; everything else (sessions, rate
limits, locks, the outbox's queue) is keyed without the tag and spreads over the cluster.
"""

from __future__ import annotations

from datetime import date

from backend.context import Resources

SEARCH_TAG = "{search}"


def search_key(res: Resources, *parts: object) -> str:
    return res.key(SEARCH_TAG, *parts)


def vacancy_key(res: Resources, day: date) -> str:
    """A day's overrides: field `facility|care_type|kind`."""
    return search_key(res, "vacancy", day.isoformat())


def vacancy_base_key(res: Resources) -> str:
    """Each facility's base vacancy (backend/bookings/vacancy.py)."""
    return search_key(res, "vacancy-base")


def vacancy_calendar_key(res: Resources) -> str:
    """The arranged days of the calendar (backend/bookings/vacancy.py)."""
    return search_key(res, "vacancy-calendar")
