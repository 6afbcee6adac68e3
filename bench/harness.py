"""What every phase shares: the options, the load tool, the ceilings and the availability probes."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.load import LoadResult, LoadTool, PreparedRequest
from bench.national import NationalScale
from bench.stack import (
    BenchSettings,
    ProcessFailed,
    free_port,
    stop_process,
    wait_for_workers,
    wait_until_answers,
)

REPO = Path(__file__).resolve().parent.parent
PHASES = ("search", "booking", "bot", "push", "waitlist")
DATASETS = ("demo", "national")


@dataclass
class BenchOptions:
    duration: float = 5.0
    connections: int = 64
    workers: int = 2
    db: str = "sqlite"  # the database of the search, bot and push phases
    only: tuple[str, ...] = PHASES
    datasets: tuple[str, ...] = DATASETS
    bot_connections: int = 16
    wrk_threads: int = 1
    tool: str = "auto"  # auto | wrk | httpx
    national: NationalScale = field(default_factory=NationalScale)
    booking_pool: int = 0  # 0: sized from the duration
    booking_dbs: tuple[str, ...] = ("sqlite", "postgres")
    burst: int = 500
    burst_capacity: int = 10
    push_messages: int = 10_000
    push_rate: float = 1000.0
    push_workers: tuple[int, ...] = (1, 2)  # one figure per worker count
    push_timeout: float = 180.0
    keep: bool = False
    ceiling_once: bool = False  # reuse the first ceiling instead of measuring one beside each figure
    strict: bool = False  # exit 1 when a figure misses its target
    results: Path = REPO / "var" / "bench" / "results.json"
    ready_timeout: float = 180.0

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items()}
        data["national"] = self.national.__dict__
        data["results"] = str(self.results)
        return data


class NotAvailable(Exception):
    """The endpoint or module a phase measures is not there (yet): the phase is skipped, not failed."""


@dataclass
class Harness:
    options: BenchOptions
    base: BenchSettings
    load: LoadTool
    ceilings: dict[int, LoadResult] = field(default_factory=dict)  # the first one per connection count
    ceiling_history: dict[int, list[LoadResult]] = field(default_factory=dict)
    ceiling_server: subprocess.Popen[bytes] | None = None
    ceiling_url: str = ""
    ceiling_log: Path | None = None
    ceiling_ready: bool = False

    def say(self, message: str) -> None:
        print(f"bench: {message}", flush=True)

    async def run_load(
        self,
        base_url: str,
        requests: list[PreparedRequest],
        *,
        connections: int,
        sequential: bool = False,
    ) -> LoadResult:
        return await self.load.run(
            base_url,
            requests,
            connections=connections,
            duration_s=self.options.duration,
            sequential=sequential,
        )

    async def ceiling_for(self, connections: int) -> LoadResult:
        """The ceiling to divide the next measurement by: measured anew right before it (the machine's
        load drifts during a long run), or the first one with --ceiling-once."""
        if self.options.ceiling_once and connections in self.ceilings:
            return self.ceilings[connections]
        return await self.measure_ceiling(connections)

    async def start_ceiling(self) -> None:
        """Starts the ceiling server without waiting for it: it boots while a phase loads its data,
        then idles (costing nothing) between its measurements until stop_ceiling."""
        if self.ceiling_server is not None:
            return
        port = free_port()
        self.ceiling_log = self.load.work_dir / f"ceiling-{port}.log"
        self.ceiling_server = await asyncio.to_thread(
            _spawn_ceiling, port, self.options.workers, self.ceiling_log
        )
        self.ceiling_url = f"http://127.0.0.1:{port}"
        self.ceiling_ready = False

    async def stop_ceiling(self) -> None:
        if self.ceiling_server is not None:
            await asyncio.to_thread(stop_process, self.ceiling_server)
            self.ceiling_server = None

    async def measure_ceiling(self, connections: int) -> LoadResult:
        """The bare Sanic handler, same workers and load tool and script, at this many connections."""
        await self.start_ceiling()
        assert self.ceiling_server is not None and self.ceiling_log is not None
        ceiling = [PreparedRequest("GET", "/")]
        if not self.ceiling_ready:
            await asyncio.to_thread(
                wait_until_answers, f"{self.ceiling_url}/", self.ceiling_server, self.ceiling_log, 60
            )
            await asyncio.to_thread(
                wait_for_workers, self.ceiling_server, self.ceiling_log, self.options.workers, 60
            )
            await self.warm(self.ceiling_url, ceiling)
            self.ceiling_ready = True
        result = await self.run_load(self.ceiling_url, ceiling, connections=connections)
        self.ceilings.setdefault(connections, result)
        self.ceiling_history.setdefault(connections, []).append(result)
        self.say(
            f"ceiling at {connections} connections: {result.rps:,.0f} req/s, "
            f"p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms ({result.tool})"
        )
        return result

    async def warm(self, base_url: str, requests: list[PreparedRequest], count: int = 50) -> None:
        """A few requests on several connections first, so every worker has its imports, pools and
        caches ready, as in service; their answers are not looked at."""
        parallel = max(1, min(8, count))
        limits = httpx.Limits(max_connections=parallel, max_keepalive_connections=parallel)

        async def send(client: httpx.AsyncClient, start: int) -> None:
            for i in range(start, count, parallel):
                request = requests[i % len(requests)]
                await client.request(
                    request.method,
                    request.path,
                    headers=request.headers,
                    content=request.body.encode() if request.body else None,
                )

        async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as client:
            await asyncio.gather(*(send(client, start) for start in range(parallel)))


def _spawn_ceiling(port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    with open(log, "ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "bench.ceiling_app", "--port", str(port), "--workers", str(workers)],
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


async def probe(base_url: str, request: PreparedRequest) -> httpx.Response:
    """Sends one request; raises NotAvailable when the route is missing (404 on the path, 405)."""
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        answer = await client.request(
            request.method,
            request.path,
            headers=request.headers,
            content=request.body.encode() if request.body else None,
        )
    if answer.status_code == 405 or (answer.status_code == 404 and _is_missing_route(answer)):
        raise NotAvailable(f"{request.method} {request.path.split('?')[0]} answers {answer.status_code}")
    return answer


def _is_missing_route(answer: httpx.Response) -> bool:
    try:
        details = answer.json().get("error", {}).get("details", {})
    except ValueError:
        return True
    return isinstance(details, dict) and "path" in details


__all__ = ["BenchOptions", "Harness", "NotAvailable", "ProcessFailed", "probe"]
