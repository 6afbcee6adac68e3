"""The PostgreSQL pool: a connection goes back to it without a round trip of its own, and still
without a transaction left open."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from tortoise import connections

from backend.context import Resources
from backend.db.dialect import is_postgres

REPO = Path(__file__).resolve().parents[2]
# What asyncpg's default reset would undo: session state made by a statement of this code (its SQL
# is written in capitals).
SESSION_STATE = re.compile(
    r"pg_advisory_(?:xact_)?lock|\bLISTEN\b|\bDECLARE\b\s+\w+\s+(?:\w+\s+)*CURSOR|"
    r"[\"']\s*SET\s+(?!LOCAL\b)\w+|set_config\(",
)


@pytest.fixture
def postgres(res: Resources) -> Any:
    client = connections.get("default")
    if not is_postgres(client):
        pytest.skip("asyncpg's pool: PostgreSQL only")
    return client


async def test_a_connection_goes_back_to_the_pool_without_a_statement(postgres: Any) -> None:
    sent: list[str] = []
    async with postgres.acquire_connection() as raw:
        await raw.fetchval("SELECT 1")
        raw.add_query_logger(lambda record: sent.append(record.query))
    assert sent == []


async def test_a_transaction_left_open_is_rolled_back_as_the_connection_goes_back(postgres: Any) -> None:
    async with postgres.acquire_connection() as raw:
        await raw.execute("BEGIN")
        # The connection itself, not its proxy (which refuses every call once released).
        connection = raw._con
    assert connection.is_in_transaction() is False


def test_no_statement_of_the_code_makes_session_state() -> None:
    found = []
    for folder in ("backend", "bot", "config", "miniprogram_api"):
        for path in (REPO / folder).rglob("*.py"):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if SESSION_STATE.search(line):
                    found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert found == []
