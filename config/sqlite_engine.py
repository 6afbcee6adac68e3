"""Tortoise's SQLite client, with write transactions that take the write lock up front and that
survive being cancelled.

Tortoise opens transactions with a plain (deferred) ``BEGIN``. Two processes that both read and
then try to write under deferred transactions make SQLite answer SQLITE_BUSY at once, whatever the
busy timeout, so concurrent bookings from several workers would fail instead of queueing.
``BEGIN IMMEDIATE`` takes the RESERVED lock at the start, so writers wait (up to busy_timeout)
and then run one at a time, which is exactly the serialisation the place engine relies on.

A request is cancelled when its client goes away (Sanic cancels the handler task). If that
happens while ``BEGIN IMMEDIATE`` waits for another process's write lock, Tortoise's context never
releases the connection's transaction lock (its ``__aexit__`` does not run when ``__aenter__``
fails), and every later query of that worker waits forever. Here a failed or cancelled begin
rolls back whatever the statement left behind and always releases the lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from typing import Any, cast

from tortoise.backends.base.client import TransactionalDBClient
from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
)
from tortoise.connection import get_connections
from tortoise.exceptions import TransactionManagementError

BUSY_TIMEOUT_MS = 30_000


class ImmediateTransactionWrapper(SqliteTransactionWrapper):
    async def begin(self) -> None:
        try:
            await self._connection.commit()
            await self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise TransactionManagementError(exc) from exc


class CancellationSafeTransactionContext(SqliteTransactionContext):
    async def __aenter__(self) -> TransactionalDBClient:
        await self._trxlock.acquire()
        token_set = False
        try:
            await self.ensure_connection()
            self.token = get_connections().set(self.connection_name, self.connection)
            token_set = True
            await self.connection.begin()
        except BaseException:
            # aiosqlite runs statements in order on one thread, so a rollback queued now runs after
            # the interrupted BEGIN, whether or not that BEGIN has taken the lock yet.
            with contextlib.suppress(Exception):
                await asyncio.shield(self.connection._connection.rollback())
            if token_set:
                get_connections().reset(self.token)
            self._trxlock.release()
            raise
        return cast(TransactionalDBClient, self.connection)

    async def __aexit__(self, exc_type: Any, exc_val: Any, exc_tb: Any) -> None:
        try:
            if not self.connection._finalized:
                if exc_type:
                    if exc_type is not TransactionManagementError:
                        # Shielded: a second cancellation must not leave the transaction open.
                        await asyncio.shield(self.connection.rollback())
                else:
                    await self.connection.commit()
        finally:
            get_connections().reset(self.token)
            self._trxlock.release()


class ImmediateSqliteClient(SqliteClient):
    def __init__(self, file_path: str, **kwargs: Any) -> None:
        kwargs.setdefault("busy_timeout", BUSY_TIMEOUT_MS)
        kwargs.setdefault("synchronous", "NORMAL")
        super().__init__(file_path, **kwargs)

    def _in_transaction(self) -> SqliteTransactionContext:
        return CancellationSafeTransactionContext(ImmediateTransactionWrapper(self), self._lock)


client_class = ImmediateSqliteClient
