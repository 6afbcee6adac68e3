"""The one place SQL written by hand meets the two databases' dialects.

Tortoise writes the ORM's SQL for either database; the few statements written by hand (the place
engine's conditional UPDATEs, a correlated NOT EXISTS of the statistics) go through `Statement`,
which renders parameters in the connection's placeholder style and in the form its driver expects.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient


def as_date(value: Any) -> date:
    """A date column's value as read by hand: asyncpg gives a date, SQLite the ISO text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def current_connection() -> BaseDBAsyncClient:
    """The connection a statement written by hand goes to: the open transaction's inside a unit
    of work (Tortoise keeps it per task), else the pool's."""
    conn: BaseDBAsyncClient = connections.get("default")
    return conn


def is_postgres(conn: BaseDBAsyncClient) -> bool:
    return bool(conn.capabilities.dialect == "postgres")


class Statement:
    """One SQL statement's parameters, rendered in the connection's placeholder style."""

    def __init__(self, conn: BaseDBAsyncClient) -> None:
        self.postgres = is_postgres(conn)
        self.params: list[Any] = []

    def param(self, value: Any) -> str:
        self.params.append(self._adapt(value))
        return f"${len(self.params)}" if self.postgres else "?"

    def _adapt(self, value: Any) -> Any:
        if self.postgres:
            if isinstance(value, list):
                return [self._adapt(item) for item in value]
            return value
        # SQLite holds what Tortoise writes there: dates as ISO text, UUIDs as their text form.
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, uuid.UUID):
            return str(value)
        return value

    def in_list(self, column: str, values: Sequence[Any], pg_type: str) -> str:
        if self.postgres:
            return f"{column} = ANY({self.param(list(values))}::{pg_type}[])"
        return f"{column} IN ({', '.join(self.param(v) for v in values)})"

    def class_id(self, class_id: str) -> str:
        return self.id(class_id)

    def id(self, value: str) -> str:
        """A UUID key: a UUID for asyncpg, its text for SQLite."""
        return self.param(uuid.UUID(value) if self.postgres else value)

    def for_update(self) -> str:
        """A row lock for the rest of the transaction (SQLite's writers are serial anyway)."""
        return " FOR UPDATE" if self.postgres else ""
