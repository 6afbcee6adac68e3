"""The statements one uncontended booking sends: what issue 14 folded must stay folded."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from tortoise import connections

from backend.bookings import service
from backend.db.dialect import is_postgres
from tests.backend.bookings.helpers import frozen_at, new_key, parent_with_child, request_for, shanghai
from tests.factories import make_facility

MONDAY = date(2026, 3, 2)
NOW = shanghai(2026, 3, 2, 9, 0)


class _Statements(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.sql: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.sql.append(record.getMessage())


@contextmanager
def statements_sent() -> Iterator[list[str]]:
    # Tortoise logs every statement it sends, with its parameters, at DEBUG on this logger.
    log = logging.getLogger("tortoise.db_client")
    handler, level = _Statements(), log.level
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    try:
        yield handler.sql
    finally:
        log.removeHandler(handler)
        log.setLevel(level)


def _touching(sql: list[str], table: str) -> list[str]:
    return [s for s in sql if f" {table} " in s or f'"{table}"' in s]


async def _book_hourly(res) -> list[str]:
    facility = await make_facility(res)
    _, _, warm_child, warm_caller = await parent_with_child(res, 18, MONDAY)
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    with frozen_at(NOW):
        # The first booking of a facility meets empty caches (the calendar's version, the scripts).
        await service.create_booking(
            res,
            warm_caller,
            request_for(facility, warm_child, "hourly", MONDAY, start_time="10:00", end_time="11:00"),
            new_key(),
        )
        with statements_sent() as sql:
            answer = await service.create_booking(
                res,
                caller,
                request_for(facility, child, "hourly", MONDAY, start_time="13:00", end_time="15:00"),
                new_key(),
            )
    assert answer.status == "pending" and [d.status for d in answer.days] == ["expected"]
    return sql


async def test_the_places_are_taken_in_one_statement_on_postgresql_and_two_on_sqlite(res):
    sql = await _book_hourly(res)
    writes = [s for s in _touching(sql, "occupancy") if not s.lstrip().upper().startswith("SELECT")]
    assert len(writes) == (1 if is_postgres(connections.get("default")) else 2), writes


async def test_one_fitting_class_is_taken_without_reading_its_counts_first(res):
    sql = await _book_hourly(res)
    reads = [s for s in _touching(sql, "occupancy") if s.lstrip().upper().startswith("SELECT")]
    # The one read left is the search vacancy's refresh after the commit.
    assert len(reads) == 1, reads


def _writes(statements: list[str]) -> list[str]:
    return [s for s in statements if not s.lstrip().upper().startswith("SELECT")]


async def test_the_answer_is_built_from_the_days_written_not_read_back(res):
    sql = await _book_hourly(res)
    day_statements = _touching(sql, "booking_days")
    assert len(day_statements) == 1 and _writes(day_statements) == day_statements, day_statements


async def test_the_booking_its_days_history_and_key_link_are_one_statement_on_postgresql(res):
    sql = await _book_hourly(res)
    together = [s for s in sql if "booking_days" in s and "booking_events" in s and "idempotency_keys" in s]
    if is_postgres(connections.get("default")):
        assert len(together) == 1 and together[0].startswith("WITH"), together
        assert "INSERT INTO bookings" in together[0], together
        assert [s for s in _writes(sql) if "bookings" in s.split("(")[0]] == [], sql
    else:
        assert together == [] and len(_touching(sql, "booking_events")) == 1, sql


async def test_a_new_key_is_claimed_without_being_looked_up_first(res):
    sql = await _book_hourly(res)
    key_statements = _touching(sql, "idempotency_keys")
    # The claim, then the link to the booking made: no SELECT for a key nobody used yet.
    assert len(key_statements) == 2 and _writes(key_statements) == key_statements, key_statements
    assert key_statements[0].startswith("INSERT"), key_statements


async def test_the_vacancy_refresh_after_the_commit_reads_only_the_places_taken(res):
    sql = await _book_hourly(res)
    # The classes (share-locked) and the closures are read once, by the booking's transaction; the
    # refresh after the commit starts from them and reads the counts alone.
    assert len(_touching(sql, "facility_classes")) == 1, _touching(sql, "facility_classes")
    assert len(_touching(sql, "closures")) == 1, _touching(sql, "closures")


async def test_the_facility_and_its_closed_days_are_read_in_one_statement(res):
    sql = await _book_hourly(res)
    facility_reads = [s for s in sql if "FROM facilities" in s or 'FROM "facilities"' in s]
    assert len(facility_reads) == 1 and "closures" in facility_reads[0], facility_reads
    assert _touching(sql, "closures") == facility_reads
