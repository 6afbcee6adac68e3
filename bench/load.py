"""The load tool: wrk with a Lua script (bench/wrk_report.lua), or an asyncio httpx client when wrk
cannot be had. The ceiling and every phase go through the same tool and the same script, so their
ratio compares the servers, not the clients."""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

LUA_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"
FIELD_SEPARATOR = "\t"
HEADER_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class PreparedRequest:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""

    def as_line(self) -> str:
        header_text = HEADER_SEPARATOR.join(f"{name}: {value}" for name, value in self.headers.items())
        for part in (self.method, self.path, header_text, self.body):
            if "\n" in part or "\t" in part:
                raise ValueError(f"a prepared request may hold no tab or newline: {part[:80]!r}")
        return FIELD_SEPARATOR.join((self.method, self.path, header_text, self.body))


@dataclass
class LoadResult:
    tool: str
    connections: int
    requests: int
    duration_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    answers: dict[str, int]
    socket_errors: int
    wraps: int
    pool: int

    @property
    def rps(self) -> float:
        return self.requests / self.duration_s if self.duration_s > 0 else 0.0

    def count(self, prefix: str) -> int:
        """Answers whose status (or status:code) starts with prefix: count("2"), count("409:no_capacity")."""
        return sum(n for key, n in self.answers.items() if key.startswith(prefix))

    @property
    def ok_share(self) -> float:
        return self.count("2") / self.requests if self.requests else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "tool": self.tool,
            "connections": self.connections,
            "requests": self.requests,
            "duration_s": round(self.duration_s, 3),
            "rps": round(self.rps, 1),
            "p50_ms": round(self.p50_ms, 2),
            "p90_ms": round(self.p90_ms, 2),
            "p99_ms": round(self.p99_ms, 2),
            "max_ms": round(self.max_ms, 2),
            "answers": dict(sorted(self.answers.items())),
            "socket_errors": self.socket_errors,
            "wraps": self.wraps,
            "pool": self.pool,
        }


class LoadToolUnavailable(RuntimeError):
    pass


def ensure_wrk(allow_install: bool = True) -> str | None:
    """The path of wrk, installing Debian's package quietly when running as root; None if it can't be had."""
    found = shutil.which("wrk")
    if found or not allow_install:
        return found
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        print("bench: wrk is not installed (install it with `sudo apt-get install -y wrk`); using httpx")
        return None
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", "wrk"]
    for attempt in (install, ["apt-get", "update", "-qq"], install):
        try:
            subprocess.run(attempt, env=env, capture_output=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired):
            break
        found = shutil.which("wrk")
        if found:
            return found
    print("bench: could not install wrk with apt-get; using the asyncio httpx client instead")
    return None


class LoadTool:
    """Runs a timed load against a base URL from a list of prepared requests."""

    def __init__(self, wrk_path: str | None, wrk_threads: int, work_dir: Path) -> None:
        self.wrk_path = wrk_path
        self.wrk_threads = wrk_threads
        self.work_dir = work_dir
        work_dir.mkdir(parents=True, exist_ok=True)

    @property
    def name(self) -> str:
        return "wrk" if self.wrk_path else "httpx"

    async def run(
        self,
        base_url: str,
        requests: Sequence[PreparedRequest],
        *,
        connections: int,
        duration_s: float,
        sequential: bool = False,
        timeout_s: float = 10.0,
    ) -> LoadResult:
        if not requests:
            raise ValueError("no requests to send")
        if self.wrk_path:
            return await asyncio.to_thread(
                self._run_wrk, base_url, requests, connections, duration_s, sequential, timeout_s
            )
        return await run_httpx(base_url, requests, connections, duration_s, sequential, timeout_s)

    def _run_wrk(
        self,
        base_url: str,
        requests: Sequence[PreparedRequest],
        connections: int,
        duration_s: float,
        sequential: bool,
        timeout_s: float,
    ) -> LoadResult:
        assert self.wrk_path is not None
        threads = max(1, min(self.wrk_threads, connections))
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", suffix=".requests", dir=self.work_dir, delete=False
        ) as handle:
            for request in requests:
                handle.write(request.as_line() + "\n")
            requests_file = handle.name
        # wrk takes whole seconds; anything shorter than one would silently become zero.
        seconds = max(1, round(duration_s))
        command = [
            self.wrk_path,
            "-t",
            str(threads),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            f"{max(1, round(timeout_s))}s",
            "-s",
            str(LUA_SCRIPT),
            base_url,
            "--",
            requests_file,
            "sequential" if sequential else "random",
            str(threads),
        ]
        try:
            completed = subprocess.run(
                command, capture_output=True, text=True, timeout=seconds + timeout_s + 60, check=False
            )
        finally:
            Path(requests_file).unlink(missing_ok=True)
        report = next(
            (line for line in completed.stdout.splitlines() if line.startswith("BENCH_JSON ")), None
        )
        if completed.returncode != 0 or report is None:
            raise LoadToolUnavailable(
                f"wrk failed (exit {completed.returncode}): {completed.stderr.strip()[-400:]}"
                f" {completed.stdout.strip()[-400:]}"
            )
        data = json.loads(report[len("BENCH_JSON ") :])
        errors = data["socket_errors"]
        return LoadResult(
            tool="wrk",
            connections=connections,
            requests=int(data["requests"]),
            duration_s=data["duration_us"] / 1e6,
            p50_ms=data["p50_us"] / 1000,
            p90_ms=data["p90_us"] / 1000,
            p99_ms=data["p99_us"] / 1000,
            max_ms=data["max_us"] / 1000,
            answers={str(k): int(v) for k, v in data["answers"].items()},
            socket_errors=sum(int(v) for v in errors.values()),
            wraps=int(data["wraps"]),
            pool=int(data["pool"]),
        )


async def run_httpx(
    base_url: str,
    requests: Sequence[PreparedRequest],
    connections: int,
    duration_s: float,
    sequential: bool,
    timeout_s: float,
) -> LoadResult:
    """The fallback load: `connections` tasks on one keep-alive client, each sending back to back."""
    latencies: list[float] = []
    answers: Counter[str] = Counter()
    socket_errors = 0
    wraps = 0
    rng = random.Random(7919)
    # Partitioned like wrk's threads: task i sends lines i, i + n, ... so none is sent twice.
    partitions = [list(requests[i::connections]) for i in range(connections)]
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    deadline = 0.0

    async def worker(index: int, client: httpx.AsyncClient) -> None:
        nonlocal socket_errors, wraps
        mine = partitions[index] or list(requests)
        position = 0
        while time.perf_counter() < deadline:
            if sequential:
                if position >= len(mine):
                    position = 0
                    wraps += 1
                request = mine[position]
                position += 1
            else:
                request = requests[rng.randrange(len(requests))]
            started = time.perf_counter()
            try:
                answer = await client.request(
                    request.method,
                    request.path,
                    headers=request.headers,
                    content=request.body.encode() if request.body else None,
                )
            except httpx.HTTPError:
                socket_errors += 1
                continue
            latencies.append(time.perf_counter() - started)
            key = str(answer.status_code)
            if answer.status_code >= 400:
                try:
                    key += ":" + str(answer.json()["error"]["code"])
                except (ValueError, KeyError, TypeError):
                    pass
            answers[key] += 1

    # One client per connection, as wrk has: a shared httpx pool costs more than the requests.
    clients = [
        httpx.AsyncClient(base_url=base_url, limits=limits, timeout=timeout_s) for _ in range(connections)
    ]
    try:
        started_at = time.perf_counter()
        deadline = started_at + duration_s
        await asyncio.gather(*(worker(i, client) for i, client in enumerate(clients)))
        elapsed = time.perf_counter() - started_at
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))
    return _summarise_latencies(
        "httpx", connections, latencies, elapsed, answers, socket_errors, wraps, len(requests)
    )


def _summarise_latencies(
    tool: str,
    connections: int,
    latencies: list[float],
    elapsed: float,
    answers: Counter[str],
    socket_errors: int,
    wraps: int,
    pool: int,
) -> LoadResult:
    if len(latencies) >= 2:
        cuts = statistics.quantiles(latencies, n=100, method="inclusive")
        p50, p90, p99 = cuts[49], cuts[89], cuts[98]
    else:
        p50 = p90 = p99 = latencies[0] if latencies else 0.0
    return LoadResult(
        tool=tool,
        connections=connections,
        requests=len(latencies),
        duration_s=elapsed,
        p50_ms=p50 * 1000,
        p90_ms=p90 * 1000,
        p99_ms=p99 * 1000,
        max_ms=max(latencies, default=0.0) * 1000,
        answers=dict(answers),
        socket_errors=socket_errors,
        wraps=wraps,
        pool=pool,
    )


async def burst(
    base_url: str, requests: Sequence[PreparedRequest], timeout_s: float = 60.0
) -> tuple[LoadResult, list[httpx.Response | None]]:
    """Sends every request at once, each on its own connection: the concurrency check, not a rate."""
    limits = httpx.Limits(max_connections=len(requests), max_keepalive_connections=0)
    latencies: list[float] = []
    answers: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    start_together = asyncio.Event()

    async def one(client: httpx.AsyncClient, request: PreparedRequest) -> httpx.Response | None:
        await start_together.wait()
        started = time.perf_counter()
        try:
            answer = await client.request(
                request.method, request.path, headers=request.headers, content=request.body.encode()
            )
        except httpx.HTTPError as exc:
            failures[type(exc).__name__] += 1
            return None
        latencies.append(time.perf_counter() - started)
        key = str(answer.status_code)
        if answer.status_code >= 400:
            try:
                key += ":" + str(answer.json()["error"]["code"])
            except (ValueError, KeyError, TypeError):
                pass
        answers[key] += 1
        return answer

    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=timeout_s) as client:
        tasks = [asyncio.create_task(one(client, request)) for request in requests]
        await asyncio.sleep(0)
        started_at = time.perf_counter()
        start_together.set()
        responses = await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - started_at
    for kind, n in failures.items():
        answers[f"client:{kind}"] += n
    result = _summarise_latencies(
        "httpx-burst", len(requests), latencies, elapsed, answers, sum(failures.values()), 0, len(requests)
    )
    return result, list(responses)
