"""A job that meets a Redis fault tries again later with one log line, not a traceback."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio
from arq import Retry

from bot.jobs import retried_on_fault


async def _reads_a_dead_redis(ctx: dict[str, Any], socket: str) -> str:
    client = redis.asyncio.Redis(unix_socket_path=socket, socket_connect_timeout=0.2)
    try:
        await client.get("anything")
    finally:
        await client.aclose()
    return "read"


async def _raises_a_bug(ctx: dict[str, Any]) -> str:
    raise ValueError("a bug, not a fault")


async def test_a_redis_fault_is_a_retry_with_one_line_and_no_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    job = retried_on_fault(_reads_a_dead_redis)
    with caplog.at_level(logging.WARNING), pytest.raises(Retry) as retry:
        await job({}, str(tmp_path / "no-redis.sock"))
    assert retry.value.defer_score is not None and retry.value.defer_score >= 2000
    fault_lines = [r for r in caplog.records if r.name == "tuoyu.faults"]
    assert len(fault_lines) <= 1
    assert all(r.exc_info is None for r in caplog.records)


async def test_an_error_that_is_no_fault_still_fails_the_job() -> None:
    job = retried_on_fault(_raises_a_bug)
    with pytest.raises(ValueError, match="a bug"):
        await job({})


async def test_the_wrapped_job_keeps_its_name() -> None:
    assert retried_on_fault(_raises_a_bug).__qualname__ == "_raises_a_bug"
