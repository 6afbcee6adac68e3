"""Figure 1: nearby search with filters and a date's availability, on the demo and national data."""

from __future__ import annotations

import random
import time
import traceback
from urllib.parse import urlencode

import httpx

from backend.models import Facility
from bench.common import build_indexes, next_open_days, seed_demo
from bench.figures import FAIL, Figure
from bench.harness import Harness, NotAvailable, probe
from bench.load import PreparedRequest
from bench.national import load_national, query_points
from bench.stack import Stack

NEARBY = "/api/v1/facilities/nearby"
TARGET = "≥25% of ceiling, p99 < 50 ms"
MIN_RATIO = 0.25
MAX_P99_MS = 50.0
PATHS = 4000

# (care_type, age_months): what parents filter by; every query also asks for a date's availability.
FILTERS: tuple[tuple[str | None, int | None], ...] = (
    ("full_day", 18),
    ("half_day", 30),
    ("hourly", 14),
    ("full_day", 8),
    ("temporary", 26),
    ("full_day", None),
    (None, 20),
)
RADII = (2000, 3000, 5000, 5000, 10000)


def figure_name(dataset: str, connections: int) -> str:
    return f"search {dataset} (c={connections})"


def search_requests(points: list[tuple[float, float]], seed: int) -> list[PreparedRequest]:
    rng = random.Random(seed)
    dates = [d.isoformat() for d in next_open_days(3)]
    requests = []
    for i in range(PATHS):
        lat, lng = points[i % len(points)]
        care_type, age = rng.choice(FILTERS)
        query: dict[str, object] = {"lat": f"{lat:.6f}", "lng": f"{lng:.6f}", "radius_m": rng.choice(RADII)}
        if care_type:
            query["care_type"] = care_type
        if age is not None:
            query["age_months"] = age
        query["date"] = rng.choice(dates)
        query["limit"] = 20
        requests.append(PreparedRequest("GET", f"{NEARBY}?{urlencode(query)}"))
    return requests


async def _demo_points(seed: int, count: int = 500) -> list[tuple[float, float]]:
    # Where people in Huancui search from: around the district's facilities, up to a couple of km off.
    rows = await Facility.all().values_list("lat", "lng")
    if not rows:
        raise NotAvailable("the demo data holds no facilities")
    rng = random.Random(seed)
    points = []
    for _ in range(count):
        lat, lng = rng.choice(rows)
        points.append((lat + rng.gauss(0, 0.012), lng + rng.gauss(0, 0.015)))
    return points


async def _result_sizes(base_url: str, requests: list[PreparedRequest], sample: int = 40) -> dict[str, float]:
    sizes = []
    available = 0
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        for request in requests[:sample]:
            answer = await client.get(request.path)
            if answer.status_code != 200:
                raise RuntimeError(f"GET {request.path} answered {answer.status_code}: {answer.text[:300]}")
            items = answer.json().get("items", [])
            sizes.append(len(items))
            available += sum(1 for item in items if item.get("available") is True)
    return {
        "mean_items": sum(sizes) / len(sizes),
        "empty_share": sum(1 for s in sizes if s == 0) / len(sizes),
        "mean_available": available / len(sizes),
    }


async def measure(h: Harness, dataset: str) -> Figure:
    options = h.options
    connections = options.connections
    name = figure_name(dataset, connections)
    async with Stack(
        f"search-{dataset}",
        h.base,
        backend=options.db,
        keep=options.keep,
        ready_timeout_s=options.ready_timeout,
    ) as stack:
        res = await stack.open_resources()
        started = time.perf_counter()
        details: dict[str, object] = {"database": options.db}
        if dataset == "demo":
            await seed_demo(stack)
            points = await _demo_points(options.national.seed)
            details["facilities"] = await Facility.all().count()
        else:
            loaded = await load_national(res, options.national)
            h.say(
                f"national data: {loaded.facilities:,} facilities, {loaded.classes:,} classes, "
                f"{loaded.rooms:,} rooms around {len(loaded.centres)} centres in {loaded.seconds:.1f} s"
            )
            points = query_points(loaded.centres, 1000, options.national.seed + 7)
            details.update(facilities=loaded.facilities, classes=loaded.classes, rooms=loaded.rooms)
        h.say(f"search {dataset}: building the geo index and vacancy")
        details["indexes_built_by"] = await build_indexes(res)
        h.say(f"search {dataset}: indexes built: {', '.join(details['indexes_built_by']) or 'none'}")
        memory = await res.redis.info("memory")
        details["redis_used_memory"] = memory.get("used_memory_human")
        details["load_seconds"] = round(time.perf_counter() - started, 1)
        h.say(f"search {dataset}: serving with {options.workers} workers")
        base_url = await stack.serve(options.workers)
        requests = search_requests(points, options.national.seed + 11)
        first = await probe(base_url, requests[0])
        if first.status_code != 200:
            raise RuntimeError(f"the search answered {first.status_code}: {first.text[:300]}")
        details["results"] = await _result_sizes(base_url, requests)
        await h.warm(base_url, requests, count=100)
        ceiling = await h.ceiling_for(connections)
        load = await h.run_load(base_url, requests, connections=connections)
    return Figure.from_load(
        name,
        load,
        ceiling,
        target=TARGET,
        min_ratio=MIN_RATIO,
        max_p99_ms=MAX_P99_MS,
        extra_checks=[(load.ok_share >= 0.999, f"only {load.ok_share:.1%} answered 2xx")],
        details=details,
    )


async def run(h: Harness) -> list[Figure]:
    figures = []
    for dataset in h.options.datasets:
        try:
            figures.append(await measure(h, dataset))
        except NotAvailable as exc:
            figures.append(
                Figure.skipped(figure_name(dataset, h.options.connections), f"not available: {exc}", TARGET)
            )
        except Exception as exc:  # the other data set's figure still counts
            traceback.print_exc()
            figures.append(
                Figure(
                    name=figure_name(dataset, h.options.connections),
                    value="-",
                    target=TARGET,
                    outcome=FAIL,
                    note=f"{type(exc).__name__}: {exc}"[:500],
                )
            )
    return figures
