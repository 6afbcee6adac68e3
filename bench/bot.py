"""Figure 3: the official-account bot's reply to a location message, p50 and p99.

Each request is signed as WeChat signs it (sha1 of the sorted token, timestamp and nonce) and
carries its own MsgId, so the dedup of retried messages never turns a request into a cache hit.
"""

from __future__ import annotations

import hashlib
import random
import time
import uuid
from urllib.parse import urlencode

import httpx

from backend.models import Facility, NursingRoom
from bench.common import build_indexes, seed_demo
from bench.figures import Figure
from bench.harness import Harness, NotAvailable, probe
from bench.load import PreparedRequest
from bench.national import NationalScale, load_national
from bench.stack import Stack

ENDPOINT = "/wechat/official"
# DESIGN.md section 7 and issue 14: p99 under 50 ms at 16 connections.
TARGET = "p99 < 50 ms"
MAX_P99_MS = 50.0
OA_ACCOUNT = "gh_bench00000001"


def signed_query(token: str, rng: random.Random, **extra: str) -> str:
    timestamp = str(int(time.time()))
    nonce = str(rng.randrange(10**9, 10**10))
    signature = hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()
    return urlencode({"signature": signature, "timestamp": timestamp, "nonce": nonce, **extra})


def location_message(openid: str, lat: float, lng: float, msg_id: int) -> str:
    return (
        f"<xml><ToUserName><![CDATA[{OA_ACCOUNT}]]></ToUserName>"
        f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[location]]></MsgType>"
        f"<Location_X>{lat:.6f}</Location_X><Location_Y>{lng:.6f}</Location_Y><Scale>15</Scale>"
        f"<Label><![CDATA[威海市环翠区]]></Label><MsgId>{msg_id}</MsgId></xml>"
    )


def location_requests(
    token: str, points: list[tuple[float, float]], count: int, seed: int
) -> list[PreparedRequest]:
    rng = random.Random(seed)
    followers = [f"o-bench-{uuid.UUID(int=rng.getrandbits(128)).hex[:20]}" for _ in range(500)]
    first_msg_id = 24_000_000_000_000_000 + rng.randrange(10**12)
    requests = []
    for i in range(count):
        openid = followers[i % len(followers)]
        lat, lng = points[rng.randrange(len(points))]
        requests.append(
            PreparedRequest(
                "POST",
                f"{ENDPOINT}?{signed_query(token, rng, openid=openid)}",
                {"Content-Type": "text/xml"},
                location_message(openid, lat, lng, first_msg_id + i),
            )
        )
    return requests


async def _points_near_rooms(seed: int, count: int = 500) -> list[tuple[float, float]]:
    rows = await NursingRoom.all().values_list("lat", "lng") or await Facility.all().values_list("lat", "lng")
    if not rows:
        raise NotAvailable("no rooms or facilities to ask about")
    rng = random.Random(seed)
    points = []
    for _ in range(count):
        lat, lng = rng.choice(rows)
        points.append((lat + rng.gauss(0, 0.01), lng + rng.gauss(0, 0.012)))
    return points


async def measure(h: Harness) -> Figure:
    options = h.options
    connections = options.bot_connections
    name = f"bot location reply (c={connections})"
    async with Stack(
        "bot", h.base, backend=options.db, keep=options.keep, ready_timeout_s=options.ready_timeout
    ) as stack:
        res = await stack.open_resources()
        token = res.settings.wechat_oa_token
        try:
            await seed_demo(stack)
            data = "demo"
        except NotAvailable:
            # Without the demo loader yet: a small made-up city of rooms and facilities.
            await load_national(res, NationalScale(facilities=2000, rooms=800, centres=40))
            data = "national sample"
        built = await build_indexes(res)
        points = await _points_near_rooms(options.national.seed)
        base_url = await stack.serve(options.workers)
        echo = await probe(
            base_url,
            PreparedRequest("GET", f"{ENDPOINT}?{signed_query(token, random.Random(1), echostr='bench')}"),
        )
        if echo.status_code != 200 or echo.text != "bench":
            raise RuntimeError(f"URL verification answered {echo.status_code}: {echo.text[:200]}")
        count = max(5000, int(options.duration * 4000))
        requests = location_requests(token, points, count + 100, options.national.seed + 3)
        warmup, requests = requests[:100], requests[100:]
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
            sample = requests[0]
            answer = await client.post(sample.path, content=sample.body.encode(), headers=sample.headers)
        if answer.status_code != 200 or "<xml>" not in answer.text:
            raise RuntimeError(f"a location message answered {answer.status_code}: {answer.text[:300]}")
        reply_sample = answer.text[:600]
        await h.warm(base_url, warmup, count=len(warmup))
        ceiling = await h.ceiling_for(connections)
        load = await h.run_load(base_url, requests[1:], connections=connections, sequential=True)
    return Figure.from_load(
        name,
        load,
        ceiling,
        target=TARGET,
        max_p99_ms=MAX_P99_MS,
        extra_checks=[(load.ok_share >= 0.999, f"only {load.ok_share:.1%} answered 2xx")],
        details={"data": data, "indexes_built_by": built, "reply_sample": reply_sample},
    )


async def run(h: Harness) -> list[Figure]:
    try:
        return [await measure(h)]
    except NotAvailable as exc:
        return [
            Figure.skipped(
                f"bot location reply (c={h.options.bot_connections})", f"not available: {exc}", TARGET
            )
        ]
