"""Tortoise's SQLite client, with write transactions that take the write lock up front.

Tortoise opens transactions with a plain (deferred) ``BEGIN``. Two processes that both read and
then try to write under deferred transactions make SQLite answer SQLITE_BUSY at once, whatever the
busy timeout, so concurrent bookings from several workers would fail instead of queueing.
``BEGIN IMMEDIATE`` takes the RESERVED lock at the start, so writers wait (up to busy_timeout)
and then run one at a time, which is exactly the serialisation the place engine relies on.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
)
from tortoise.exceptions import TransactionManagementError

BUSY_TIMEOUT_MS = 30_000


class ImmediateTransactionWrapper(SqliteTransactionWrapper):
    async def begin(self) -> None:
        try:
            await self._connection.commit()
            await self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise TransactionManagementError(exc) from exc


class ImmediateSqliteClient(SqliteClient):
    def __init__(self, file_path: str, **kwargs: Any) -> None:
        kwargs.setdefault("busy_timeout", BUSY_TIMEOUT_MS)
        kwargs.setdefault("synchronous", "NORMAL")
        super().__init__(file_path, **kwargs)

    def _in_transaction(self) -> SqliteTransactionContext:
        return SqliteTransactionContext(ImmediateTransactionWrapper(self), self._lock)


client_class = ImmediateSqliteClient
