"""Prometheus metrics: requests and latency per route, across every worker process."""

from __future__ import annotations

import time
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from sanic import Request, Sanic
from sanic.response import BaseHTTPResponse, HTTPResponse, raw

REQUESTS = Counter("tuoyu_http_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram(
    "tuoyu_http_request_duration_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)


def _route_label(request: Request) -> str:
    # The route pattern, not the path, so ids don't explode the label set.
    route = request.route
    return f"/{route.path}" if route is not None else "unmatched"


def start_timer(request: Request) -> None:
    """Called by the app's one request middleware (miniprogram_api/app.py), first thing."""
    request.ctx.started_at = time.perf_counter()


def observe(request: Request, response: BaseHTTPResponse) -> None:
    """Called by the app's one response middleware: counts the request and its latency."""
    started = getattr(request.ctx, "started_at", None)
    if started is None:
        return
    route = _route_label(request)
    REQUESTS.labels(request.method, route, str(response.status)).inc()
    LATENCY.labels(request.method, route).observe(time.perf_counter() - started)


async def metrics_endpoint(request: Request) -> HTTPResponse:
    # The CLI sets PROMETHEUS_MULTIPROC_DIR before spawning several workers; each worker then
    # writes its samples there and this endpoint sums them, whichever worker answers.
    if request.app.ctx.res.settings.prometheus_multiproc_dir:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        body = generate_latest(registry)
    else:
        body = generate_latest()
    return raw(body, content_type=CONTENT_TYPE_LATEST)


def install_metrics(app: Sanic[Any, Any]) -> None:
    # The timer and the observation run inside the app's own middlewares (one each way, not two:
    # every middleware is a coroutine call per request); this adds the endpoint.
    app.add_route(metrics_endpoint, "/metrics", methods=["GET"], name="metrics")
