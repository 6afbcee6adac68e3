"""`make soak`: the platform under mixed traffic for a long while, its Redis killed again and again.

    python -m bench.soak --minutes 30 --kill-every 300

A `tuoyu serve` of its own (two API workers and the push worker, its embedded Redis supervised) on a
fresh SQLite database (or a PostgreSQL one with --db postgres) loaded with the Huancui demo. Parents
sign in through a fake WeChat, add a child and grant booking notices; then, until the time is up,
they search nearby, book hourly care, cancel some of what they booked, and ask the bot questions,
and facility admins confirm or reject what waits (the parents' notices),
while the embedded Redis is SIGKILLed every --kill-every seconds. At the end the outbox must settle,
the occupancy ledger must equal a recount from the bookings, every notice marked sent must have
reached WeChat exactly once, and no request may have answered 500. Not part of CI: it runs for
`--minutes`. The report goes to var/bench/soak.json; the exit status says whether it passed.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import redis

from bench.stack import (
    BENCH_SECRET_KEY,
    REPO,
    BenchSettings,
    create_pg_database,
    drop_pg_database,
    free_port,
    spawn_logged,
    stop_process,
    tail,
    wait_for_workers,
    wait_until_answers,
)

OA_TOKEN = "soak-oa-token"
OA_ACCOUNT = "gh_soak000000001"
SUBSCRIBE_SEND = "/cgi-bin/message/subscribe/send"
# Huancui's centre, where the demo facilities are.
CENTRE = (37.5131, 122.1204)
SETTLE_TIMEOUT_S = 180.0
UNSETTLED_STATES = ("queued", "sending")
BOT_QUESTIONS = ("托育补贴", "附近的母婴室", "怎么预约", "普惠托育", "入托年龄")


@dataclass
class Parent:
    token: str
    child_id: str
    openid: str
    bookings: list[str] = field(default_factory=list)


@dataclass
class Tally:
    """What the traffic met, per kind of call and status."""

    answers: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    kills: int = 0
    redis_restarts: int = 0

    def note(self, kind: str, status: int) -> None:
        self.answers[f"{kind} {status}"] += 1

    def failures(self) -> dict[str, int]:
        # A 503 while Redis is down is the right answer; a 500 or a dropped connection is not.
        bad = {key: n for key, n in self.answers.items() if key.endswith(" 500")}
        bad.update({f"{kind} error": n for kind, n in self.errors.items()})
        return bad


class SoakServer:
    """The soak's own `tuoyu serve`, its database and its var/ (where its embedded Redis lives)."""

    def __init__(self, backend: str, wechat_api_base: str, workers: int) -> None:
        self.backend = backend
        self.workers = workers
        self.root = Path(tempfile.mkdtemp(prefix="tuoyu-soak-"))
        self.var_dir = self.root / "var"
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.root / "serve.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.pg_name: str | None = None
        self.pg_server: str | None = None
        self.env: dict[str, str] = {
            key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")
        }
        self.env.update(
            {
                "VAR_DIR": str(self.var_dir),
                "SECRET_KEY": BENCH_SECRET_KEY,
                "WECHAT_API_BASE": wechat_api_base,
                "WECHAT_OA_TOKEN": OA_TOKEN,
                "WECHAT_OA_MODE": "plain",
                "PUSH_BACKOFF_BASE_S": "0.2",
                "PUSH_RATE_PER_S": "200",
                "LOG_LEVEL": "WARNING",
                "PYTHONPATH": str(REPO),
            }
        )

    @property
    def database_url(self) -> str:
        return self.env["DATABASE_URL"]

    async def prepare(self) -> None:
        if self.backend == "postgres":
            server = BenchSettings().postgres_url
            if server is None:
                raise SystemExit("--db postgres needs BENCH_DATABASE_URL or DATABASE_URL to name a server")
            self.pg_server = server
            self.env["DATABASE_URL"], self.pg_name = await create_pg_database(server)
        else:
            self.env["DATABASE_URL"] = f"sqlite://{self.var_dir / 'tuoyu.sqlite3'}"
        for command in (["migrate"], ["seed-demo"]):
            await asyncio.to_thread(self._run, *command)

    def _run(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "miniprogram_api.cli", *args],
            cwd=self.root,
            env=self.env,
            check=True,
            capture_output=True,
            timeout=600,
        )

    def _spawn(self) -> subprocess.Popen[bytes]:
        args = ["miniprogram_api.cli", "serve", "--port", str(self.port), "--workers", str(self.workers)]
        return spawn_logged(args, cwd=self.root, env=self.env, log_path=self.log_path)

    async def start(self) -> None:
        self.process = process = await asyncio.to_thread(self._spawn)
        await asyncio.to_thread(wait_until_answers, f"{self.base_url}/readyz", process, self.log_path, 180)
        await asyncio.to_thread(wait_for_workers, process, self.log_path, self.workers, 180)

    def redis_pid(self) -> int | None:
        client = redis.Redis(unix_socket_path=str(self.var_dir / "redis.sock"), socket_timeout=1)
        try:
            return int(client.info("server")["process_id"])
        except redis.RedisError:
            return None
        finally:
            client.close()

    async def close(self) -> None:
        if self.process is not None:
            await asyncio.to_thread(stop_process, self.process)
        if self.pg_name is not None and self.pg_server is not None:
            await drop_pg_database(self.pg_server, self.pg_name)


def _signed_query(rng: random.Random, openid: str) -> str:
    from urllib.parse import urlencode

    timestamp = str(int(time.time()))
    nonce = str(rng.randrange(10**9, 10**10))
    signature = hashlib.sha1("".join(sorted([OA_TOKEN, timestamp, nonce])).encode()).hexdigest()
    return urlencode({"signature": signature, "timestamp": timestamp, "nonce": nonce, "openid": openid})


def _text_message(openid: str, text: str, msg_id: int) -> str:
    return (
        f"<xml><ToUserName><![CDATA[{OA_ACCOUNT}]]></ToUserName>"
        f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content><![CDATA[{text}]]></Content><MsgId>{msg_id}</MsgId></xml>"
    )


async def _sign_up(client: httpx.AsyncClient, fake: Any, serial: int, template_id: str) -> Parent:
    openid = f"o-soak-{serial:04d}-{uuid.uuid4().hex[:8]}"
    code = f"soak-code-{uuid.uuid4().hex}"
    fake.add_code(code, openid)
    login = await client.post("/api/v1/auth/wx-login", json={"code": code})
    login.raise_for_status()
    token = login.json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    birth = date.today() - timedelta(days=18 * 30 + 20)  # a toddler for the whole run
    child = await client.post(
        "/api/v1/children",
        headers=headers,
        json={"name": "小明", "birth_date": birth.isoformat(), "gender": "m", "consent": True},
    )
    child.raise_for_status()
    for _ in range(20):  # twenty one-time grants: each notice spends one
        grant = await client.post(
            "/api/v1/subscriptions", headers=headers, json={"template_ids": [template_id]}
        )
        grant.raise_for_status()
    return Parent(token=token, child_id=child.json()["id"], openid=openid)


async def _hourly_facilities(client: httpx.AsyncClient) -> list[str]:
    answer = await client.get(
        "/api/v1/facilities/nearby",
        params={"lat": CENTRE[0], "lng": CENTRE[1], "radius_m": 20000, "limit": 50},
    )
    answer.raise_for_status()
    items = answer.json().get("items", [])
    return [item["id"] for item in items if "hourly" in item.get("care_types", [])]


async def _sign_in_managers(client: httpx.AsyncClient) -> dict[str, str]:
    """The demo facilities' admins (the demo's well-known password): facility id -> bearer token."""
    from backend.seed.loader import FACILITY_ADMIN_PASSWORD

    data = json.loads((REPO / "backend" / "seed" / "data" / "facilities.json").read_text())
    tokens: dict[str, str] = {}
    for facility in data["facilities"]:
        body = {"username": facility["admin_username"], "password": FACILITY_ADMIN_PASSWORD}
        answer = await client.post("/api/v1/auth/login", json=body)
        answer.raise_for_status()
        token = answer.json()["token"]
        profile = await client.get("/api/v1/manage/facility", headers={"Authorization": f"Bearer {token}"})
        profile.raise_for_status()
        tokens[profile.json()["id"]] = token
    return tokens


class Traffic:
    def __init__(
        self,
        client: httpx.AsyncClient,
        parents: list[Parent],
        managers: dict[str, str],
        facilities: list[str],
        days: list[date],
        tally: Tally,
        seed: int,
    ) -> None:
        self.client = client
        self.parents = parents
        self.managers = managers
        self.facilities = facilities
        self.days = days
        self.tally = tally
        self.rng = random.Random(seed)
        self.stop = asyncio.Event()
        self.msg_id = 25_000_000_000_000_000 + self.rng.randrange(10**12)
        # Bookings waiting for their facility's decision, as (facility id, booking id).
        self.pending: list[tuple[str, str]] = []

    async def _call(self, kind: str, method: str, path: str, **kwargs: Any) -> httpx.Response | None:
        try:
            response = await self.client.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            self.tally.errors[f"{kind} {type(exc).__name__}"] += 1
            return None
        self.tally.note(kind, response.status_code)
        return response

    async def searcher(self) -> None:
        while not self.stop.is_set():
            lat = CENTRE[0] + self.rng.gauss(0, 0.02)
            lng = CENTRE[1] + self.rng.gauss(0, 0.02)
            await self._call("search", "GET", "/api/v1/facilities/nearby", params={"lat": lat, "lng": lng})
            await asyncio.sleep(0.05)

    async def booker(self) -> None:
        while not self.stop.is_set():
            parent = self.rng.choice(self.parents)
            headers = {"Authorization": f"Bearer {parent.token}"}
            if parent.bookings and self.rng.random() < 0.3:
                booking_id = parent.bookings.pop(self.rng.randrange(len(parent.bookings)))
                await self._call(
                    "cancel", "POST", f"/api/v1/bookings/{booking_id}/cancel", headers=headers, json={}
                )
            else:
                hour = self.rng.choice((9, 10, 14, 15))
                body = {
                    "facility_id": self.rng.choice(self.facilities),
                    "child_id": parent.child_id,
                    "care_type": "hourly",
                    "start_date": self.rng.choice(self.days).isoformat(),
                    "start_time": f"{hour:02d}:00",
                    "end_time": f"{hour + 1:02d}:00",
                }
                headers["Idempotency-Key"] = uuid.uuid4().hex
                answer = await self._call("book", "POST", "/api/v1/bookings", headers=headers, json=body)
                if answer is not None and answer.status_code == 201:
                    booking = answer.json()
                    parent.bookings.append(booking["id"])
                    if booking.get("status") == "pending":
                        self.pending.append((body["facility_id"], booking["id"]))
            await asyncio.sleep(0.1)

    async def manager(self) -> None:
        # Facilities that confirm by hand confirm or reject what the parents booked, as their staff
        # would from the day's list: the parents' notices run through the outbox during the kills.
        while not self.stop.is_set():
            waiting, self.pending = self.pending[:3], self.pending[3:]
            for facility_id, booking_id in waiting:
                token = self.managers.get(facility_id)
                if token is None:
                    continue
                headers = {"Authorization": f"Bearer {token}"}
                if self.rng.random() < 0.7:
                    path, body = f"/api/v1/manage/bookings/{booking_id}/confirm", {}
                else:
                    path, body = f"/api/v1/manage/bookings/{booking_id}/reject", {"reason": "当天名额已满"}
                await self._call("confirm or reject", "POST", path, headers=headers, json=body)
            if self.managers and self.rng.random() < 0.3:
                facility_id = self.rng.choice(sorted(self.managers))
                await self._call(
                    "day list",
                    "GET",
                    "/api/v1/manage/bookings",
                    headers={"Authorization": f"Bearer {self.managers[facility_id]}"},
                    params={"date": self.rng.choice(self.days).isoformat(), "status": "pending"},
                )
            await asyncio.sleep(0.3)

    async def bot_user(self) -> None:
        while not self.stop.is_set():
            parent = self.rng.choice(self.parents)
            self.msg_id += 1
            await self._call(
                "bot",
                "POST",
                f"/wechat/official?{_signed_query(self.rng, parent.openid)}",
                headers={"Content-Type": "text/xml"},
                content=_text_message(parent.openid, self.rng.choice(BOT_QUESTIONS), self.msg_id).encode(),
            )
            await asyncio.sleep(0.2)


async def _killer(server: SoakServer, every_s: float, stop: asyncio.Event, tally: Tally, say: Any) -> None:
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), timeout=every_s)
            return
        except TimeoutError:
            pass
        pid = server.redis_pid()
        if pid is None:
            say("Redis is not answering at kill time; the supervisor has not restarted it yet")
            continue
        os.kill(pid, signal.SIGKILL)
        tally.kills += 1
        say(f"killed Redis (pid {pid})")
        for _ in range(100):
            await asyncio.sleep(0.1)
            new_pid = server.redis_pid()
            if new_pid is not None and new_pid != pid:
                tally.redis_restarts += 1
                say(f"Redis back as pid {new_pid}")
                break


async def _check(server: SoakServer, fake: Any) -> dict[str, Any]:
    """Outbox settled, ledger equal to a recount, every sent notice delivered once."""
    from tortoise import Tortoise

    from backend.bookings import ledger as occupancy_ledger
    from backend.models import FacilityClass, OutgoingMessage
    from config.database import tortoise_config
    from config.settings import Settings

    settings = Settings(database_url=server.database_url, var_dir=server.var_dir, secret_key=BENCH_SECRET_KEY)
    await Tortoise.init(config=tortoise_config(settings))
    try:
        deadline = time.monotonic() + SETTLE_TIMEOUT_S
        while time.monotonic() < deadline:
            unsettled = await OutgoingMessage.filter(state__in=UNSETTLED_STATES).count()
            if unsettled == 0:
                break
            await asyncio.sleep(1)
        states = Counter(await OutgoingMessage.all().values_list("state", flat=True))
        sent_per_recipient = Counter(
            await OutgoingMessage.filter(state="sent", kind="subscribe").values_list(
                "recipient_openid", flat=True
            )
        )
        class_ids = [str(i) for i in await FacilityClass.all().values_list("id", flat=True)]
        ledger, recount = (
            await occupancy_ledger.taken_counts(class_ids),
            await occupancy_ledger.recount(class_ids),
        )
    finally:
        await Tortoise.close_connections()
    with fake.state.lock:
        delivered = Counter(m.get("touser") for m in fake.state.sent if m["path"].endswith(SUBSCRIBE_SEND))
    return {
        "outbox_states": dict(states),
        "unsettled": sum(states.get(s, 0) for s in UNSETTLED_STATES),
        "ledger_equals_recount": ledger == recount,
        "ledger_differences": len(set(ledger.items()) ^ set(recount.items())),
        "places_taken": sum(ledger.values()),
        "sent": sum(sent_per_recipient.values()),
        "delivered": sum(delivered.values()),
        "recipients_delivered_more_than_sent": sum(
            1 for openid, n in delivered.items() if n > sent_per_recipient.get(str(openid), 0)
        ),
    }


async def soak(options: argparse.Namespace) -> int:
    sys.path.insert(0, str(REPO))
    from backend.calendar import today_local
    from bench.national import upcoming_open_days
    from tests.fakes.wechat import FakeWechat

    def say(message: str) -> None:
        print(f"soak {time.strftime('%H:%M:%S')}: {message}", flush=True)

    fake = FakeWechat().start()
    server = SoakServer(options.db, fake.base_url, options.workers)
    tally = Tally()
    started = time.monotonic()
    report: dict[str, Any] = {"options": vars(options)}
    try:
        say(f"preparing {server.root} ({options.db})")
        await server.prepare()
        await server.start()
        say(f"serving on {server.base_url}")
        template_id = BenchSettings().wechat_template_booking
        async with httpx.AsyncClient(base_url=server.base_url, timeout=15) as client:
            parents = [await _sign_up(client, fake, i, template_id) for i in range(options.parents)]
            managers = await _sign_in_managers(client)
            facilities = await _hourly_facilities(client)
            if not facilities:
                raise SystemExit("the demo data has no facility offering hourly care near the centre")
            days = upcoming_open_days(today_local() + timedelta(days=1), 10)
            traffic = Traffic(client, parents, managers, facilities, days, tally, options.seed)
            say(
                f"{len(parents)} parents, {len(facilities)} facilities, {len(days)} days; "
                f"traffic for {options.minutes} min"
            )
            tasks = [asyncio.ensure_future(traffic.searcher()) for _ in range(3)]
            tasks += [asyncio.ensure_future(traffic.booker()) for _ in range(4)]
            tasks += [asyncio.ensure_future(traffic.bot_user()) for _ in range(2)]
            tasks += [asyncio.ensure_future(traffic.manager()) for _ in range(2)]
            tasks.append(asyncio.ensure_future(_killer(server, options.kill_every, traffic.stop, tally, say)))
            end = time.monotonic() + options.minutes * 60
            while time.monotonic() < end:
                await asyncio.sleep(min(30.0, max(0.1, end - time.monotonic())))
                say(
                    f"{sum(tally.answers.values()):,} answers, {tally.kills} kills, "
                    f"failures {tally.failures()}"
                )
            traffic.stop.set()
            await asyncio.gather(*tasks)
        say("traffic stopped; waiting for the outbox to settle")
        report["checks"] = await _check(server, fake)
        # Read before the server is stopped: what counts is what it wrote while serving.
        log = server.log_path.read_text(errors="replace")
    finally:
        await server.close()
        fake.stop()
    report.update(
        {
            "seconds": round(time.monotonic() - started, 1),
            "answers": dict(tally.answers),
            "failures": tally.failures(),
            "kills": tally.kills,
            "redis_restarts": tally.redis_restarts,
            "tracebacks_in_log": log.count("Traceback"),
        }
    )
    checks = report["checks"]
    problems = []
    if report["failures"]:
        problems.append(f"failed requests: {report['failures']}")
    if tally.kills and tally.redis_restarts < tally.kills:
        problems.append(f"Redis came back {tally.redis_restarts} times of {tally.kills} kills")
    if checks["unsettled"]:
        problems.append(f"{checks['unsettled']} notices still unsettled after {SETTLE_TIMEOUT_S:.0f} s")
    if not checks["ledger_equals_recount"]:
        problems.append(f"the ledger differs from a recount in {checks['ledger_differences']} entries")
    if checks["delivered"] != checks["sent"] or checks["recipients_delivered_more_than_sent"]:
        problems.append(f"{checks['delivered']} notices reached WeChat, {checks['sent']} marked sent")
    if report["tracebacks_in_log"]:
        problems.append(f"{report['tracebacks_in_log']} tracebacks in the server log")
    report["problems"] = problems
    out = REPO / "var" / "bench" / "soak.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str))
    if problems:
        say("FAILED: " + "; ".join(problems))
        say(f"server log kept at {server.log_path}:\n{tail(server.log_path, 30)}")
        return 1
    shutil.rmtree(server.root, ignore_errors=True)
    say(f"passed: {json.dumps(checks, ensure_ascii=False)}; report in {out}")
    return 0


def parse_options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.soak", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=30.0, help="how long the traffic runs (default 30)")
    parser.add_argument("--kill-every", type=float, default=300.0, help="seconds between Redis kills (300)")
    parser.add_argument("--parents", type=int, default=40, help="parents signed up before the traffic")
    parser.add_argument("--workers", type=int, default=2, help="API workers")
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seed", type=int, default=20261202)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    options = parse_options(argv)
    if options.minutes <= 0 or options.kill_every <= 0 or options.parents < 1:
        raise SystemExit("--minutes, --kill-every and --parents must be positive")
    sys.exit(asyncio.run(soak(options)))


if __name__ == "__main__":
    main()
