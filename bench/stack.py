"""An isolated stack per phase: its own VAR_DIR, database, Redis keys, fake WeChat and server.

The database is a fresh SQLite file under the phase's temp dir, or a PostgreSQL database of its
own created on the configured server and dropped after. Redis is an embedded server under the
phase's VAR_DIR, or REDIS_URL's server on a database number of the bench's own (14 by default)
with a key prefix of the phase's own; only the phase's keys are deleted after. Everything the
phase started is stopped at teardown.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
from pydantic import Field
from tortoise.backends.base.executor import EXECUTOR_CACHE

from backend.context import Resources
from backend.infra.redis import EmbeddedRedis, create_redis
from backend.infra.resources import close_resources, open_resources
from config.settings import Settings

REPO = Path(__file__).resolve().parent.parent
BENCH_SECRET_KEY = "bench-secret-key-0123456789abcdef"


class BenchSettings(Settings):
    """The deployment settings plus where the bench may put its PostgreSQL and Redis data."""

    # A PostgreSQL server for the PostgreSQL figures (falls back to DATABASE_URL when that is one).
    bench_database_url: str | None = Field(default=None)
    # The Redis database number the bench uses on REDIS_URL's server, away from the tests' one.
    bench_redis_db: int = Field(default=14, ge=0, le=15)

    @property
    def postgres_url(self) -> str | None:
        for candidate in (self.bench_database_url, self.database_url):
            if candidate and candidate.startswith(("postgres://", "postgresql://")):
                return candidate
        return None

    @property
    def bench_redis_url(self) -> str | None:
        if not self.redis_url:
            return None
        parts = urlsplit(self.redis_url)
        if parts.scheme == "unix":
            return self.redis_url
        return urlunsplit((parts.scheme, parts.netloc, f"/{self.bench_redis_db}", parts.query, ""))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pg_server_url(url: str) -> str:
    base = url.replace("postgres://", "postgresql://", 1)
    return base.rpartition("/")[0]


async def create_pg_database(url: str) -> tuple[str, str]:
    server = _pg_server_url(url)
    name = f"tuoyu_bench_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(f"{server}/postgres")
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return f"{server.replace('postgresql://', 'postgres://', 1)}/{name}", name


async def drop_pg_database(url: str, name: str) -> None:
    conn = await asyncpg.connect(f"{_pg_server_url(url)}/postgres")
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


class ProcessFailed(RuntimeError):
    pass


def spawn_logged(
    module_args: tuple[str, ...] | list[str], *, cwd: Path, env: dict[str, str], log_path: Path
) -> subprocess.Popen[bytes]:
    """`python -m <module_args>` in a session of its own (so a kill reaches its children), its
    output appended to log_path, no standard input."""
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", *module_args],
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def stop_process(process: subprocess.Popen[bytes], timeout_s: float = 15.0) -> None:
    """Stops a process the bench started in a session of its own, with everything it spawned."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def wait_until_answers(
    url: str, process: subprocess.Popen[bytes], log: Path, timeout_s: float, expect_status: int = 200
) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ProcessFailed(f"{url} exited with code {process.returncode}:\n{tail(log)}")
        try:
            if httpx.get(url, timeout=2).status_code == expect_status:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise ProcessFailed(f"{url} did not answer within {timeout_s:.0f} s:\n{tail(log)}")


WORKER_READY = re.compile(r"Worker ready \[(\d+)\]")


def wait_for_workers(
    process: subprocess.Popen[bytes], log: Path, workers: int, timeout_s: float, quiet_grace_s: float = 5.0
) -> int:
    """Waits until every Sanic worker logged "Worker ready": the first ready one answers /readyz
    while the others may still be starting, and a load on one worker would halve the figure.

    Answers how many were seen; if the log never names a worker (logging turned down), gives up
    after quiet_grace_s, since there is nothing to wait on.
    """
    started = time.monotonic()
    seen: set[str] = set()
    while time.monotonic() - started < timeout_s:
        if process.poll() is not None:
            raise ProcessFailed(f"the server exited with code {process.returncode}:\n{tail(log)}")
        try:
            seen = set(WORKER_READY.findall(log.read_text(errors="replace")))
        except OSError:
            seen = set()
        if len(seen) >= workers:
            return len(seen)
        if not seen and time.monotonic() - started > quiet_grace_s:
            return 0
        time.sleep(0.2)
    raise ProcessFailed(
        f"only {len(seen)} of {workers} workers became ready in {timeout_s:.0f} s:\n{tail(log)}"
    )


class Stack:
    """One phase's world. Use `async with Stack(...) as stack:`."""

    def __init__(
        self,
        name: str,
        base: BenchSettings,
        *,
        backend: str = "sqlite",
        wechat_api_base: str | None = None,
        extra_env: dict[str, str] | None = None,
        keep: bool = False,
        ready_timeout_s: float = 180.0,
    ) -> None:
        if backend not in ("sqlite", "postgres"):
            raise ValueError(f"unknown database backend {backend!r}")
        self.name = name
        self.base = base
        self.backend = backend
        self.keep = keep
        self.ready_timeout_s = ready_timeout_s
        self.root = Path(tempfile.mkdtemp(prefix=f"tuoyu-bench-{name}-"))
        self.var_dir = self.root / "var"
        self.var_dir.mkdir()
        self.wechat_api_base = wechat_api_base or "http://127.0.0.1:9"  # nothing listens: fails fast
        self.extra_env = extra_env or {}
        self.prefix = f"tuoyu-bench-{uuid.uuid4().hex[:8]}:"
        self.processes: list[subprocess.Popen[bytes]] = []
        self.embedded: EmbeddedRedis | None = None
        self.pg_name: str | None = None
        self.database_url = ""
        self.env: dict[str, str] = {}
        self.settings: Settings | None = None
        self.res: Resources | None = None
        self.server: subprocess.Popen[bytes] | None = None
        self.job_ids: list[str] = []  # arq jobs this phase queued, to clear from a shared Redis

    async def __aenter__(self) -> Stack:
        try:
            await self._start()
        except BaseException:
            await self.close()
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _start(self) -> None:
        if self.backend == "postgres":
            server = self.base.postgres_url
            if server is None:
                raise RuntimeError("no PostgreSQL configured (BENCH_DATABASE_URL or DATABASE_URL)")
            self.database_url, self.pg_name = await create_pg_database(server)
        else:
            self.database_url = f"sqlite://{self.var_dir / 'tuoyu.sqlite3'}"
        overrides: dict[str, str] = {
            "DATABASE_URL": self.database_url,
            "VAR_DIR": str(self.var_dir),
            "REDIS_KEY_PREFIX": self.prefix,
            "SECRET_KEY": BENCH_SECRET_KEY,
            "WECHAT_API_BASE": self.wechat_api_base,
            "WECHAT_TIMEOUT_SECONDS": "3",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(REPO),
            **self.extra_env,
        }
        redis_url = self.base.bench_redis_url
        if redis_url:
            overrides["REDIS_URL"] = redis_url
        env = {**os.environ, **overrides}
        if not redis_url:
            env.pop("REDIS_URL", None)
        env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        self.env = env
        settings_fields = {key.lower(): value for key, value in overrides.items() if key != "PYTHONPATH"}
        self.settings = Settings(**settings_fields)
        if self.settings.uses_embedded_redis:
            self.embedded = EmbeddedRedis(self.settings)
            await asyncio.to_thread(self.embedded.ensure_running)
        await self._clear_redis()
        await asyncio.to_thread(self.run_command, "migrate")

    def run_command(self, *args: str, timeout_s: float = 600.0) -> str:
        """Runs a `tuoyu` command in this stack's environment; answers its output."""
        log = self.var_dir / f"{args[0]}.log"
        completed = subprocess.run(
            [sys.executable, "-m", "miniprogram_api.cli", *args],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
        log.write_text(completed.stdout + completed.stderr)
        if completed.returncode != 0:
            raise ProcessFailed(f"tuoyu {' '.join(args)} failed (exit {completed.returncode}):\n{tail(log)}")
        return completed.stdout

    def spawn(self, *args: str, log_name: str) -> tuple[subprocess.Popen[bytes], Path]:
        log_path = self.var_dir / log_name
        process = spawn_logged(args, cwd=self.root, env=self.env, log_path=log_path)
        self.processes.append(process)
        return process, log_path

    async def serve(self, workers: int) -> str:
        """Starts `tuoyu serve --workers N --no-worker` and answers its base URL once it is ready."""
        port = free_port()
        process, log = self.spawn(
            "miniprogram_api.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--no-worker",
            log_name=f"serve-{port}.log",
        )
        self.server = process
        base_url = f"http://127.0.0.1:{port}"
        await asyncio.to_thread(wait_until_answers, f"{base_url}/readyz", process, log, self.ready_timeout_s)
        await asyncio.to_thread(wait_for_workers, process, log, workers, self.ready_timeout_s)
        return base_url

    async def restart_server(self, workers: int) -> str:
        """Stops the server (with its workers) and serves anew; answers the new base URL."""
        if self.server is not None:
            await asyncio.to_thread(stop_process, self.server)
            self.processes.remove(self.server)
            self.server = None
        return await self.serve(workers)

    def start_worker(self, log_name: str = "worker.log") -> tuple[subprocess.Popen[bytes], Path]:
        # BENCH_PROFILE_DIR=<dir> runs each worker under pyinstrument (pip install pyinstrument),
        # writing <dir>/<log name>.pyisession when it stops: where a push run spends its time
        # (read it with `pyinstrument --load <file>`).
        profile_dir = os.environ.get("BENCH_PROFILE_DIR")
        if profile_dir:
            report = Path(profile_dir) / f"{Path(log_name).stem}.pyisession"
            return self.spawn(
                "pyinstrument",
                "-r",
                "pyisession",
                "-i",
                "0.002",
                "-o",
                str(report),
                "-m",
                "miniprogram_api.cli",
                "worker",
                log_name=log_name,
            )
        return self.spawn("miniprogram_api.cli", "worker", log_name=log_name)

    async def open_resources(self) -> Resources:
        """Tortoise and Redis in this process, on the stack's database, to load and check data."""
        assert self.settings is not None
        # Tortoise caches each model's INSERT statement per connection name for the whole process;
        # a phase on PostgreSQL after one on SQLite would reuse the SQLite placeholders.
        EXECUTOR_CACHE.clear()
        self.res = await open_resources(self.settings)
        return self.res

    async def _clear_redis(self) -> None:
        # With a shared server: this phase's keys, and what arq kept of this phase's jobs (arq names
        # job keys without the queue's prefix). Other users of the same database are left alone.
        if self.settings is None or self.settings.uses_embedded_redis:
            return
        redis = create_redis(self.settings)
        try:
            batch: list[Any] = []
            async for key in redis.scan_iter(match=f"{self.prefix}*", count=1000):
                batch.append(key)
                if len(batch) >= 1000:
                    await redis.delete(*batch)
                    batch = []
            for job_id in self.job_ids:
                batch.extend(f"arq:{kind}:{job_id}" for kind in ("job", "result", "in-progress", "retry"))
                if len(batch) >= 1000:
                    await redis.delete(*batch)
                    batch = []
            if batch:
                await redis.delete(*batch)
        finally:
            await redis.aclose()

    async def close(self) -> None:
        for process in reversed(self.processes):
            await asyncio.to_thread(stop_process, process)
        self.processes.clear()
        if self.res is not None:
            await close_resources(self.res)
            self.res = None
        try:
            await self._clear_redis()
        except Exception as exc:  # teardown reports and goes on
            print(f"bench: could not clear Redis keys {self.prefix}*: {exc}")
        if self.embedded is not None:
            await asyncio.to_thread(self.embedded.stop)
            self.embedded = None
        if self.pg_name is not None and self.base.postgres_url is not None:
            try:
                await drop_pg_database(self.base.postgres_url, self.pg_name)
            except Exception as exc:  # teardown reports and goes on
                print(f"bench: could not drop database {self.pg_name}: {exc}")
            self.pg_name = None
        if self.keep:
            print(f"bench: kept {self.root}")
        else:
            shutil.rmtree(self.root, ignore_errors=True)
