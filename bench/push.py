"""Figure 4: subscribe messages through the push worker (`tuoyu worker`) to a local fake WeChat.

The messages are written as the platform writes them (an OutgoingMessage row each, and a one-time
subscribe grant per parent), handed to the queue with backend.push.outbox.dispatch, and sent by a
real worker process. The fake answers some sends with HTTP 500 and some with 45009 (rate limit),
spread over the run; each parent gets exactly one message, so a parent who got two is a duplicate.
It runs once per worker count of --push-workers (1 and 2): with two workers both take jobs from
the one queue, and the outbox claim alone keeps any message from going out twice.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from tortoise.functions import Count

from backend.models import Account, OutgoingMessage, SubscribeGrant
from backend.push.delivery import FINAL_STATES
from backend.push.outbox import dispatch, send_job_id
from bench.bulk import insert_rows
from bench.common import require_module
from bench.figures import FAIL, PASS, Figure
from bench.harness import Harness, NotAvailable
from bench.stack import ProcessFailed, Stack, stop_process, tail

SUBSCRIBE_SEND = "/cgi-bin/message/subscribe/send"
TARGET_SECONDS = 60.0
HTTP_500_EVERY = 397
RATE_LIMITED_EVERY = 641


def failure_script(count: int) -> list[Any]:
    """The fake's answers to the first `count` sends: None (accept), 500 or 45009, spread out."""
    script: list[Any] = []
    for i in range(1, count + 1):
        if i % HTTP_500_EVERY == 0:
            script.append(500)
        elif i % RATE_LIMITED_EVERY == 0:
            script.append(45009)
        else:
            script.append(None)
    return script


async def _make_messages(count: int, template_id: str) -> list[str]:
    accounts, grants, messages = [], [], []
    for i in range(count):
        account_id, message_id = uuid.uuid4(), uuid.uuid4()
        openid = f"o-push-{account_id.hex[:24]}"
        accounts.append(dict(id=account_id, role="parent", openid=openid, display_name="家长"))
        # Two permissions: `confirmed` is an optional notice, which leaves a parent's last one for an
        # essential notice (it would be skipped with one).
        grants.append(dict(account_id=account_id, template_id=template_id, remaining=2, granted_total=2))
        messages.append(
            dict(
                id=message_id,
                kind="subscribe",
                dedup_key=f"bench:{message_id.hex}",
                recipient_openid=openid,
                account_id=account_id,
                template_id=template_id,
                event="confirmed",
                payload={
                    "booking_id": str(uuid.uuid4()),
                    "facility_name": f"基准托育园{i % 400}",
                    "care_type": "hourly",
                    "start_date": "2026-12-01",
                    "end_date": "2026-12-01",
                    "start_time": "09:00",
                    "end_time": "10:00",
                    "session": None,
                    "status": "confirmed",
                    "reason": "",
                    "first_hour_at": "2026-12-01T09:00:00+08:00",
                },
            )
        )
    await insert_rows(Account, accounts)
    await insert_rows(SubscribeGrant, grants)
    await insert_rows(OutgoingMessage, messages)
    return [str(m["id"]) for m in messages]


def figure_name(count: int, workers: int) -> str:
    return f"push {count:,} subscribe messages, {workers} worker{'s' if workers > 1 else ''}"


async def measure(h: Harness, workers: int) -> Figure:
    require_module("bot.worker", "tuoyu worker")
    from tests.fakes.wechat import FakeWechat

    options = h.options
    count = options.push_messages
    name = figure_name(count, workers)
    fake = FakeWechat().start()
    try:
        async with Stack(
            "push",
            h.base,
            backend=options.db,
            wechat_api_base=fake.base_url,
            extra_env={"PUSH_RATE_PER_S": str(options.push_rate)},
            keep=options.keep,
        ) as stack:
            res = await stack.open_resources()
            message_ids = await _make_messages(count, res.settings.wechat_template_booking)
            stack.job_ids.extend(send_job_id(m) for m in message_ids)
            script = failure_script(count)
            fake.fail_next(SUBSCRIBE_SEND, *script)
            injected = Counter(a for a in script if a is not None)
            started_workers = [stack.start_worker(f"worker-{n}.log") for n in range(1, workers + 1)]
            # Let the workers connect and import before the clock starts, as a running service would be.
            await asyncio.sleep(3)
            _check_alive(started_workers)
            started = time.perf_counter()
            for chunk_start in range(0, count, 1000):
                await dispatch(res, message_ids[chunk_start : chunk_start + 1000])
            dispatched_after = time.perf_counter() - started
            states: dict[str, int] = {}
            deadline = started + options.push_timeout
            while time.perf_counter() < deadline:
                rows = (
                    await OutgoingMessage.annotate(n=Count("id")).group_by("state").values_list("state", "n")
                )
                states = {str(state): int(n) for state, n in rows}
                if sum(n for state, n in states.items() if state in FINAL_STATES) >= count:
                    break
                _check_alive(started_workers)
                await asyncio.sleep(0.25)
            elapsed = time.perf_counter() - started
            # The workers' CPU per message: steadier than the wall time on a shared machine.
            worker_cpu_s = sum(_cpu_seconds(worker.pid) for worker, _ in started_workers)
            # Stopped before the final count: a message still in backoff at the deadline would
            # otherwise reach the fake after the count, and look delivered but not recorded.
            for worker, _ in started_workers:
                await asyncio.to_thread(stop_process, worker)
            rows = await OutgoingMessage.annotate(n=Count("id")).group_by("state").values_list("state", "n")
            states = {str(state): int(n) for state, n in rows}
            sent = states.get("sent", 0)
            attempts = Counter(
                a for (a,) in await OutgoingMessage.filter(state="sent").values_list("attempts")
            )
    finally:
        fake.stop()
    with fake.state.lock:
        deliveries = Counter(m.get("touser") for m in fake.state.sent if m["path"].endswith(SUBSCRIBE_SEND))
        tokens_issued = fake.state.tokens_issued
    duplicates = sum(n - 1 for n in deliveries.values() if n > 1)
    problems = []
    if sent < count:
        problems.append(
            f"only {sent:,} of {count:,} sent within {options.push_timeout:.0f} s (states {dict(states)})"
        )
    if elapsed >= TARGET_SECONDS:
        problems.append(f"took {elapsed:.1f} s")
    if duplicates:
        problems.append(f"{duplicates} sent twice")
    if len(deliveries) != sent:
        problems.append(f"the fake received {len(deliveries):,} recipients, the database says {sent:,} sent")
    return Figure(
        name=name,
        value=(
            f"{elapsed:.1f} s ({sent / elapsed:,.0f} msg/s, "
            f"{worker_cpu_s * 1000 / max(1, sent):.2f} ms CPU each), {duplicates} duplicates"
        ),
        target=f"< {TARGET_SECONDS:.0f} s, none sent twice",
        outcome=FAIL if problems else PASS,
        note="; ".join(problems),
        details={
            "messages": count,
            "sent": sent,
            "states": dict(states),
            "seconds": round(elapsed, 2),
            "dispatch_seconds": round(dispatched_after, 2),
            "injected_failures": {str(k): v for k, v in injected.items()},
            "attempts_of_sent": {str(k): v for k, v in sorted(attempts.items())},
            "delivered_to_fake": sum(deliveries.values()),
            "duplicates": duplicates,
            "access_tokens_issued": tokens_issued,
            "push_rate_per_s_setting": options.push_rate,
            "workers": workers,
            "worker_cpu_s": round(worker_cpu_s, 2),
            "worker_cpu_ms_per_message": round(worker_cpu_s * 1000 / max(1, sent), 3),
        },
    )


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU a live process has used so far (Linux /proc), 0 when unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # After the command name: state is field 3, utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _check_alive(workers: list[tuple[subprocess.Popen[bytes], Path]]) -> None:
    for worker, worker_log in workers:
        if worker.poll() is not None:
            raise ProcessFailed(f"tuoyu worker exited with code {worker.returncode}:\n{tail(worker_log)}")


async def run(h: Harness) -> list[Figure]:
    figures = []
    for workers in h.options.push_workers:
        try:
            figures.append(await measure(h, workers))
        except NotAvailable as exc:
            figures.append(
                Figure.skipped(
                    figure_name(h.options.push_messages, workers),
                    f"not available: {exc}",
                    "< 60 s, none twice",
                )
            )
    return figures
