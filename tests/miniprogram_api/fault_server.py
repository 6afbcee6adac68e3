"""A `tuoyu serve` of its own for fault tests: its own var/ and so its own embedded Redis, which
it started and supervises, on the suite's database; so killing that Redis touches no other test."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import redis

from tests.conftest import Stack, free_port

FAULT_LINE = "tuoyu.faults:"
# How long a fault test waits for an outage to show or to heal before it fails.
DEADLINE_S = 60


class FaultServer:
    def __init__(
        self,
        stack: Stack,
        var_dir: Path,
        *,
        workers: int = 1,
        with_worker: bool = False,
        env_overrides: dict[str, str] | None = None,
    ) -> None:
        self.var_dir = var_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = var_dir.parent / f"serve-{self.port}.log"
        env = {key: value for key, value in stack.env.items() if key != "REDIS_URL"}
        env.update(
            {
                "VAR_DIR": str(var_dir),
                "REDIS_KEY_PREFIX": "tuoyu-fault:",
                "PUSH_BACKOFF_BASE_S": "0.05",
                "PUSH_RATE_PER_S": "500",
                "WECHAT_TIMEOUT_SECONDS": "1",
            }
        )
        env.update(env_overrides or {})
        args = ["serve", "--port", str(self.port), "--workers", str(workers)]
        if not with_worker:
            args.append("--no-worker")
        self.workers = workers
        self.process = subprocess.Popen(
            [sys.executable, "-m", "miniprogram_api.cli", *args],
            cwd=var_dir.parent,
            env=env,
            stdout=open(self.log_path, "ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: see {self.log_path}")
            try:
                ready = self.log().count("Worker ready") >= self.workers
                if ready and httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server did not become ready: see {self.log_path}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def redis(self) -> redis.Redis:
        return redis.Redis(unix_socket_path=str(self.var_dir / "redis.sock"), socket_timeout=2)

    def wait_in_append_only_file(self, needle: str) -> None:
        """Waits until needle has reached the embedded Redis's append-only file. With `appendfsync
        everysec` Redis may answer a write before writing it out (for up to 2 s while an earlier
        fsync is slow, as on a loaded machine), and a SIGKILL then loses it: a test that kills
        Redis and expects a session back first waits for the session to be on file."""
        deadline = time.monotonic() + DEADLINE_S
        while time.monotonic() < deadline:
            for path in self.var_dir.glob("redis.aof*"):
                if path.is_file() and needle.encode() in path.read_bytes():
                    return
            time.sleep(0.05)
        raise AssertionError(f"{needle} never reached the append-only file in {self.var_dir}")

    def redis_pid(self) -> int:
        client = self.redis()
        try:
            return int(client.info("server")["process_id"])
        finally:
            client.close()

    def stop(self, signum: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signum)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        # Whatever of its process group outlived it (a test that killed the server alone).
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its parent) is not running either.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def fault_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if FAULT_LINE in line]


def answer_summary(responses: list[Any]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for response in responses:
        counts[response.status_code] = counts.get(response.status_code, 0) + 1
    return counts


async def wait_for_status(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], status: int
) -> httpx.Response:
    """GET path until it answers status; on the way into or out of an outage a request may meet
    either answer, never a 500."""
    loop = asyncio.get_running_loop()
    end = loop.time() + DEADLINE_S
    while loop.time() < end:
        response = await client.get(path, headers=headers)
        assert response.status_code in (200, 503), response.text
        if response.status_code == status:
            return response
        await asyncio.sleep(0.02)
    raise AssertionError(f"{path} never answered {status}")


class LoopingCallers:
    """Concurrent callers, each repeating one call with a pause, until stopped."""

    def __init__(self) -> None:
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    async def _repeat(self, call: Callable[[], Awaitable[None]], pause_s: float) -> None:
        while not self._stop.is_set():
            await call()
            await asyncio.sleep(pause_s)

    def run(self, call: Callable[[], Awaitable[None]], *, callers: int, pause_s: float) -> None:
        self._tasks += [asyncio.ensure_future(self._repeat(call, pause_s)) for _ in range(callers)]

    async def stop(self) -> None:
        self._stop.set()
        await asyncio.gather(*self._tasks)
