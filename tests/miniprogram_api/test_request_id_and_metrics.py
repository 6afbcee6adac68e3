"""The app's one request and one response middleware: X-Request-ID and the Prometheus figures."""

from __future__ import annotations

import re

import httpx

from tests.backend.geo.helpers import Spot

NEARBY = "/api/v1/facilities/nearby"
COUNTER = re.compile(
    r'^tuoyu_http_requests_total\{method="GET",route="/api/v1/facilities/nearby",status="(\d+)"\} (\S+)$',
    re.M,
)
LATENCY_COUNT = re.compile(
    r'^tuoyu_http_request_duration_seconds_count\{method="GET",route="/api/v1/facilities/nearby"\} (\S+)$',
    re.M,
)


async def _figures(api: httpx.AsyncClient) -> tuple[dict[str, float], float]:
    text = (await api.get("/metrics")).text
    counts = {status: float(value) for status, value in COUNTER.findall(text)}
    latency = LATENCY_COUNT.search(text)
    return counts, float(latency.group(1)) if latency else 0.0


async def test_a_good_request_id_is_echoed_and_a_bad_one_replaced(api: httpx.AsyncClient) -> None:
    params = Spot.random().query()
    answer = await api.get(NEARBY, params=params, headers={"X-Request-ID": "trace-42"})
    assert answer.status_code == 200
    assert answer.headers["X-Request-ID"] == "trace-42"
    for bad in ("x" * 65, "tab\there"):
        answer = await api.get(NEARBY, params=params, headers={"X-Request-ID": bad})
        assert re.fullmatch(r"[0-9a-f]{32}", answer.headers["X-Request-ID"])
    answer = await api.get(NEARBY, params={"lat": "north"})
    assert answer.status_code == 422
    assert re.fullmatch(r"[0-9a-f]{32}", answer.headers["X-Request-ID"])


async def test_each_answer_is_counted_by_route_and_status_with_its_latency(api: httpx.AsyncClient) -> None:
    counts, latencies = await _figures(api)
    assert (await api.get(NEARBY, params=Spot.random().query())).status_code == 200
    assert (await api.get(NEARBY, params={"lat": "north"})).status_code == 422
    after, latencies_after = await _figures(api)
    assert after.get("200", 0) - counts.get("200", 0) >= 1
    assert after.get("422", 0) - counts.get("422", 0) >= 1
    assert latencies_after - latencies >= 2
