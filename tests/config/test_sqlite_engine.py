"""A transaction cancelled while it waits for SQLite's write lock (its client went away) must not
leave the worker unable to reach the database."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from tortoise.transactions import in_transaction

from backend.context import Resources
from backend.models import Policy


async def test_a_transaction_cancelled_while_waiting_for_the_write_lock_releases_the_connection(
    res: Resources,
) -> None:
    path = res.settings.sqlite_path
    if path is None:
        pytest.skip("SQLite only: PostgreSQL has no connection-wide transaction lock")
    other_process = sqlite3.connect(path, timeout=30, isolation_level=None)
    other_process.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    try:

        async def write() -> None:
            async with in_transaction():
                await Policy.create(title="never written")

        waiting = asyncio.ensure_future(write())
        await asyncio.sleep(0.3)  # now inside BEGIN IMMEDIATE, waiting for the lock
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
    finally:
        other_process.execute("ROLLBACK")
        other_process.close()

    # Without the fix this waits forever on the connection's transaction lock.
    async def write_again() -> str:
        async with in_transaction():
            policy = await Policy.create(title="written after the cancel")
        return str(policy.id)

    policy_id = await asyncio.wait_for(write_again(), timeout=60)
    assert await Policy.filter(id=policy_id).exists()
    assert not await Policy.filter(title="never written").exists()
