"""PostgreSQL stopped and started under concurrent requests (issue 13): while it is down requests
answer 503 `unavailable` at once (no hang, no 500), and when it is back the same server process
answers 200 again, its connection pool having healed by itself. The cluster is the test's own,
made with initdb on a port of its own, so stopping it touches no other test."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import Stack
from tests.miniprogram_api.fault_server import (
    FaultServer,
    LoopingCallers,
    answer_summary,
    fault_lines,
    wait_for_status,
)
from tests.miniprogram_api.pg_cluster import PgCluster

# A request that waited for the stopped database instead of failing fast fails the test.
CLIENT_TIMEOUT_S = 15
USERNAME = "db-fault-officer"
PASSWORD = "db-fault-password-0123"


def _cli(stack: Stack, database_url: str, *args: str) -> None:
    env = {**stack.env, "DATABASE_URL": database_url}
    subprocess.run(
        [sys.executable, "-m", "miniprogram_api.cli", *args],
        env=env,
        cwd=stack.var_dir.parent,
        check=True,
        capture_output=True,
        timeout=180,
    )


# The tests share the module's PostgreSQL cluster and server: under pytest-xdist (`--dist loadgroup`)
# they run on one worker, which starts them once.
pytestmark = pytest.mark.xdist_group("test_database_faults")


@pytest.fixture(scope="module")
def cluster() -> Iterator[PgCluster]:
    # Not under pytest's temporary root: that is private to this user, and the server may run as
    # another (postgres) that must reach its data directory.
    cluster = PgCluster(Path(tempfile.mkdtemp(prefix="tuoyu-pg-fault-"))).init()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture(scope="module")
def server(
    stack: Stack, cluster: PgCluster, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FaultServer]:
    _cli(stack, cluster.url, "migrate")
    _cli(
        stack,
        cluster.url,
        "create-user",
        "--role",
        "regulator",
        "--username",
        USERNAME,
        "--password",
        PASSWORD,
    )
    root = tmp_path_factory.mktemp("pg-fault-serve")
    server = FaultServer(stack, root / "var", workers=2, env_overrides={"DATABASE_URL": cluster.url})
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture
async def client(server: FaultServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.url, timeout=CLIENT_TIMEOUT_S) as client:
        yield client


class Traffic(LoopingCallers):
    """Concurrent readers and logins, all of which need the database, until stopped."""

    def __init__(self, client: httpx.AsyncClient, headers: dict[str, str]) -> None:
        super().__init__()
        self.client = client
        self.headers = headers
        self.answers: list[httpx.Response] = []

    async def _read(self) -> None:
        self.answers.append(await self.client.get("/api/v1/admin/facilities", headers=self.headers))

    async def _login(self) -> None:
        body = {"username": USERNAME, "password": PASSWORD}
        self.answers.append(await self.client.post("/api/v1/auth/login", json=body))

    def start(self) -> None:
        self.run(self._read, callers=6, pause_s=0.02)
        self.run(self._login, callers=2, pause_s=0.1)


async def test_a_restarted_postgresql_is_503_while_down_and_the_pool_heals_itself(
    server: FaultServer, cluster: PgCluster, client: httpx.AsyncClient
) -> None:
    login = await client.post("/api/v1/auth/login", json={"username": USERNAME, "password": PASSWORD})
    assert login.status_code == 200, login.text
    headers = {"Authorization": f"Bearer {login.json()['token']}"}
    before = server.log()
    traffic = Traffic(client, headers)
    traffic.start()
    try:
        await asyncio.sleep(0.5)
        cluster.stop("fast")
        down = await wait_for_status(client, "/api/v1/admin/facilities", headers, 503)
        await asyncio.sleep(1.0)
        cluster.start()
        await wait_for_status(client, "/api/v1/admin/facilities", headers, 200)
        await asyncio.sleep(0.5)
    finally:
        await traffic.stop()

    assert down.json()["error"]["code"] == "unavailable"
    assert down.json()["error"]["details"] == {"service": "database"}
    assert int(down.headers["Retry-After"]) >= 1
    summary = answer_summary(traffic.answers)
    errors = [line for line in server.log()[len(before) :].splitlines() if "Error" in line or "ERROR" in line]
    assert set(summary) <= {200, 503}, (summary, "\n".join(errors[:40]))
    assert summary.get(503, 0) > 0 and summary.get(200, 0) > 0, summary
    # The same processes serve again: nothing was restarted to heal the pool.
    assert server.process.poll() is None
    again = await asyncio.gather(
        *(client.get("/api/v1/admin/facilities", headers=headers) for _ in range(20))
    )
    assert {response.status_code for response in again} == {200}
    # Logins that met the outage were never judged, so they did not count towards a lockout.
    relogin = await client.post("/api/v1/auth/login", json={"username": USERNAME, "password": PASSWORD})
    assert relogin.status_code == 200, relogin.text
    written = server.log()[len(before) :]
    assert "Traceback" not in written, written[-3000:]
    # One line per fault kind a minute in each of the two API workers.
    assert len(fault_lines(written)) <= 2 * 3, fault_lines(written)
