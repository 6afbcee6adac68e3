"""The test stack: a real database (SQLite, or PostgreSQL when DATABASE_URL says so), a real Redis
(embedded, or REDIS_URL's server with a key prefix of its own), a fake WeChat on loopback, and the
real app served over HTTP in a subprocess."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from backend.context import Resources
from backend.infra.db import migrate_db
from backend.infra.redis import EmbeddedRedis
from backend.infra.resources import close_resources, open_resources
from config.settings import Settings
from tests.fakes.wechat import FakeWechat

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Stack:
    """Everything a test needs to reach the running system."""

    def __init__(self, env: dict[str, str], settings: Settings, wechat: FakeWechat, var_dir: Path) -> None:
        self.env = env
        self.settings = settings
        self.wechat = wechat
        self.var_dir = var_dir
        self.base_url = ""
        self.processes: list[subprocess.Popen[bytes]] = []

    def spawn(self, *args: str, log_name: str) -> subprocess.Popen[bytes]:
        log = open(self.var_dir / log_name, "ab")
        process = subprocess.Popen(
            [sys.executable, "-m", "miniprogram_api.cli", *args],
            cwd=self.var_dir.parent,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def start_server(
        self, workers: int = 1, with_worker: bool = False
    ) -> tuple[str, subprocess.Popen[bytes]]:
        port = free_port()
        args = ["serve", "--port", str(port), "--workers", str(workers)]
        if not with_worker:
            args.append("--no-worker")
        process = self.spawn(*args, log_name=f"server-{port}.log")
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"server exited: see {self.var_dir}/server-{port}.log")
            try:
                # /readyz answers once the first worker is up; wait for every worker's
                # "Worker ready" line so a test of several workers really has them all.
                ready_workers = (
                    (self.var_dir / f"server-{port}.log").read_text(errors="replace").count("Worker ready")
                )
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200 and ready_workers >= workers:
                    return url, process
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server did not become ready: see {self.var_dir}/server-{port}.log")

    def stop(self, process: subprocess.Popen[bytes]) -> None:
        if process.poll() is None:
            os.killpg(process.pid, 15)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()

    def stop_all(self) -> None:
        for process in self.processes:
            self.stop(process)


async def _create_pg_database(url: str) -> tuple[str, str]:
    """A fresh database of our own on the configured server; answers (its url, its name)."""
    base = url.replace("postgres://", "postgresql://", 1)
    server, _, _ = base.rpartition("/")
    name = f"tuoyu_test_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(f"{server}/postgres")
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return f"{server.replace('postgresql://', 'postgres://', 1)}/{name}", name


async def _drop_pg_database(url: str, name: str) -> None:
    server = url.replace("postgres://", "postgresql://", 1).rpartition("/")[0]
    conn = await asyncpg.connect(f"{server}/postgres")
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    root = tmp_path_factory.mktemp("tuoyu")
    var_dir = root / "var"
    var_dir.mkdir()
    wechat = FakeWechat().start()
    configured_db = os.environ.get("DATABASE_URL", "")
    pg_name: str | None = None
    if configured_db.startswith(("postgres://", "postgresql://")):
        database_url, pg_name = asyncio.run(_create_pg_database(configured_db))
    else:
        database_url = f"sqlite://{var_dir / 'tuoyu.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "VAR_DIR": str(var_dir),
        "REDIS_KEY_PREFIX": f"tuoyu-test-{uuid.uuid4().hex[:8]}:",
        "SECRET_KEY": "test-secret-key-0123456789abcdef",
        "WECHAT_API_BASE": wechat.base_url,
        "WECHAT_TIMEOUT_SECONDS": "2",
        "LOG_LEVEL": "INFO",
        "PYTHONPATH": str(REPO),
        # Two test processes share the machine's PostgreSQL (100 connections), each with its own
        # process pool, its session server and the servers some tests start: small pools keep
        # them all under that limit (a refused connection answers 503).
        "DATABASE_CONNECTIONS": "8",
    }
    embedded: EmbeddedRedis | None = None
    if not os.environ.get("REDIS_URL"):
        env.pop("REDIS_URL", None)
    for key in (
        "DATABASE_URL",
        "VAR_DIR",
        "REDIS_KEY_PREFIX",
        "SECRET_KEY",
        "WECHAT_API_BASE",
        "WECHAT_TIMEOUT_SECONDS",
        "DATABASE_CONNECTIONS",
    ):
        os.environ[key] = env[key]
    settings = Settings()
    if settings.uses_embedded_redis:
        embedded = EmbeddedRedis(settings)
        embedded.ensure_running()
    asyncio.run(migrate_db(settings))
    the_stack = Stack(env, settings, wechat, var_dir)
    the_stack.base_url, _ = the_stack.start_server()
    try:
        yield the_stack
    finally:
        the_stack.stop_all()
        wechat.stop()
        if embedded is not None:
            embedded.stop()
        if pg_name is not None:
            asyncio.run(_drop_pg_database(configured_db, pg_name))


@pytest.fixture(scope="session")
async def res(stack: Stack) -> AsyncIterator[Resources]:
    resources = await open_resources(stack.settings)
    try:
        yield resources
    finally:
        await close_resources(resources)


@pytest.fixture
async def api(stack: Stack, res: Resources) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.base_url, timeout=60) as client:
        yield client


@pytest.fixture
def wechat(stack: Stack) -> FakeWechat:
    return stack.wechat


def bearer(token: str) -> dict[str, Any]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
async def bureau(res: Resources) -> AsyncIterator[dict[str, Any]]:
    """A regulator's headers for calendar changes; whatever arrangement a test puts is gone after
    it (the database and the search index are shared with other tests)."""
    from backend.bookings.vacancy import rebuild_vacancy, window
    from backend.calendar import calendar_changed, today_local
    from backend.models import CalendarYear
    from tests.factories import make_account

    _, token = await make_account(res, "regulator")
    yield bearer(token)
    await CalendarYear.all().delete()
    await calendar_changed(res)
    await rebuild_vacancy(res, window(today_local()))
