"""The push worker (`tuoyu worker`, and a process of its own inside `tuoyu serve`): arq workers for
the send queue and for the cron jobs, sharing one set of resources.

Two arq workers run in one process because arq derives how long a job stays locked after a worker
dies from the longest job timeout of its queue: sends get a queue of their own with a short
timeout, so a killed worker's sends are taken up again within seconds, while the cron jobs may
take longer on their own queue. Several worker processes (on several hosts) can run at once: arq
hands each job to one of them, cron runs are unique per time, and the outbox claim makes a
message's send happen once whatever runs it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Any

from arq.cron import cron
from arq.worker import Worker, func

from backend.context import Resources
from backend.infra.faults import note_fault
from backend.infra.redis import create_queue
from backend.infra.resources import close_resources, open_resources
from backend.push.outbox import SEND_JOB
from backend.push.policy import FANOUT_JOB
from backend.push.queues import (
    arq_redis_settings,
    maintenance_queue_name,
    push_queue_name,
    send_timeout_s,
)
from bot import jobs
from bot.wechat_client import WechatClient
from config.logging import configure_logging
from config.settings import Settings

log = logging.getLogger(__name__)

EVERY_5_MINUTES = set(range(0, 60, 5))
CRON_TIMEOUT_S = 300
# How long a stopping worker lets its running sends finish (Sanic kills managed processes after
# its graceful-shutdown timeout of 15 s).
SHUTDOWN_WAIT_S = 10
# arq starts at most max_jobs sends per poll and then sleeps poll_delay: with 16 and 0.2 s that
# capped a worker at about 80 messages a second however fast each send was (bench/PROFILE.md).
# Sends wait on WeChat (I/O), so many run at once; a short poll keeps the queue drained.
POLL_DELAY_S = 0.05
SEND_JOBS_PER_THREAD = 8
# After a Redis fault the workers start again after this pause, doubled up to the maximum.
RECONNECT_PAUSE_S = 0.5
RECONNECT_PAUSE_MAX_S = 5.0


def push_worker_kwargs(settings: Settings) -> dict[str, Any]:
    """The send queue's arq worker settings (functions `push.send` and `push.policy_fanout`)."""
    timeout = send_timeout_s(settings)
    max_tries = settings.push_max_tries
    return {
        "functions": [
            # arq's own tries cap reruns (busy and rate deferrals included); the outbox row's
            # attempts decide when a message is dead, so arq's cap is only a backstop.
            func(
                jobs.retried_on_fault(jobs.send_message),
                name=SEND_JOB,
                timeout=timeout,
                max_tries=max_tries * 3 + 5,
                keep_result=0,
            ),
            func(
                jobs.retried_on_fault(jobs.fan_out_policy),
                name=FANOUT_JOB,
                timeout=timeout,
                max_tries=3,
                keep_result=0,
            ),
        ],
        "queue_name": push_queue_name(settings),
        "redis_settings": arq_redis_settings(settings),
        "max_jobs": max(10, settings.wechat_thread_pool_size * SEND_JOBS_PER_THREAD),
        "job_timeout": timeout,
        "keep_result": 0,
        "poll_delay": POLL_DELAY_S,
        "handle_signals": False,
        "job_completion_wait": SHUTDOWN_WAIT_S,
        "health_check_interval": 60,
    }


def maintenance_worker_kwargs(settings: Settings) -> dict[str, Any]:
    # Cron job names carry the deployment prefix: arq makes a cron run unique by name and time
    # across the whole Redis server, and other deployments may share it.
    prefix = settings.redis_key_prefix

    def scheduled(coroutine: Any, name: str, **when: Any) -> Any:
        return cron(jobs.retried_on_fault(coroutine), name=f"{prefix}{name}", timeout=CRON_TIMEOUT_S, **when)

    return {
        "functions": [],
        "cron_jobs": [
            scheduled(jobs.sweep_outbox, "push.sweep", second=30, run_at_startup=True),
            scheduled(jobs.send_reminders, "push.reminders", minute=EVERY_5_MINUTES, second=5),
            scheduled(jobs.expire_bookings, "bookings.expire", minute=EVERY_5_MINUTES, second=15),
            scheduled(jobs.expire_waitlist_offers, "waitlist.expire_offers", second=40),
            scheduled(jobs.clean_up, "push.clean_up", minute=17, second=0),
            scheduled(jobs.warn_calendar_coverage, "calendar.coverage", hour=8, minute=0, second=50),
            scheduled(jobs.warm_vacancy, "bookings.vacancy", minute={0, 30}, second=45, run_at_startup=True),
        ],
        "queue_name": maintenance_queue_name(settings),
        "redis_settings": arq_redis_settings(settings),
        "max_jobs": 4,
        "job_timeout": CRON_TIMEOUT_S,
        "keep_result": 0,
        "poll_delay": 0.5,
        "handle_signals": False,
        "job_completion_wait": SHUTDOWN_WAIT_S,
        "health_check_interval": 60,
    }


async def open_worker_resources(settings: Settings) -> Resources:
    """The worker's resources (the on-startup of both arq workers): database, Redis, the queue to
    dispatch into, and the WeChat client."""
    res = await open_resources(settings)
    client = WechatClient(settings)
    res.wechat = client
    res.on_close(client.close)
    return res


async def close_worker_resources(res: Resources) -> None:
    await close_resources(res)


async def _run_until_stopped_or_failed(settings: Settings, res: Resources, stop: asyncio.Event) -> bool:
    """Runs both arq workers; answers True when `stop` ended them, False when one failed."""
    ctx: dict[str, Any] = {"res": res}
    workers = [
        Worker(**push_worker_kwargs(settings), redis_pool=await create_queue(settings), ctx=dict(ctx)),
        Worker(**maintenance_worker_kwargs(settings), redis_pool=await create_queue(settings), ctx=dict(ctx)),
    ]
    runs = [asyncio.ensure_future(worker.async_run()) for worker in workers]
    stopping = asyncio.ensure_future(stop.wait())
    stopped = False
    try:
        done, _ = await asyncio.wait([*runs, stopping], return_when=asyncio.FIRST_COMPLETED)
        stopped = stopping in done
        for task in done:
            exc = task.exception() if task is not stopping else None
            if exc is not None and not note_fault(exc, "running the push worker (it reconnects)"):
                log.error("a push worker stopped on an error", exc_info=exc)
        if stopped:
            log.info("push worker stopping; letting running sends finish")
            for worker in workers:
                worker.handle_sig_wait_for_completion(signal.SIGTERM)
            await asyncio.gather(*runs, return_exceptions=True)
        else:
            for run in runs:
                run.cancel()
            await asyncio.gather(*runs, return_exceptions=True)
    finally:
        stopping.cancel()
        for worker in workers:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await worker.close()
    return stopped


async def serve(settings: Settings, stop: asyncio.Event | None = None) -> None:
    """Runs both arq workers until `stop` is set (or SIGINT/SIGTERM arrives).

    When Redis goes away (killed, restarted, hung past the timeout) an arq worker stops on the
    error; both are started again after a pause, on fresh connections, until Redis answers: the
    worker heals by itself, and the outbox claim keeps every message sent once meanwhile.
    """
    settings.check_secret()
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    res = await open_worker_resources(settings)
    pause_s = RECONNECT_PAUSE_S
    try:
        while not stop.is_set():
            started = loop.time()
            if await _run_until_stopped_or_failed(settings, res, stop):
                break
            if loop.time() - started > RECONNECT_PAUSE_MAX_S:
                pause_s = RECONNECT_PAUSE_S  # it ran a good while: a new fault, not the same one
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), pause_s)
            pause_s = min(pause_s * 2, RECONNECT_PAUSE_MAX_S)
    finally:
        await close_worker_resources(res)


def run_worker(settings: Settings) -> None:
    """Runs the push worker until stopped (blocking)."""
    configure_logging(settings.log_level, settings.log_json)
    asyncio.run(serve(settings))
