"""The push worker's jobs: `push.send` (one message), `push.policy_fanout`, and the cron jobs.

Jobs take ids, reload and are idempotent (backend/push/delivery.py explains how a message is
sent once even with several workers, re-dispatches and killed workers).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import random
from datetime import timedelta
from typing import Any

from arq import Retry
from arq.constants import job_key_prefix
from arq.typing import WorkerCoroutine

from backend.bookings.service import expire_unconfirmed_bookings, purge_expired_idempotency_keys
from backend.bookings.vacancy import ensure_vacancy
from backend.calendar import now_local
from backend.context import Resources
from backend.district.service import log_coverage_warning
from backend.infra.faults import note_fault, retry_after_s
from backend.models import OutgoingMessage
from backend.push import delivery, throttle
from backend.push.delivery import DEAD, FAILED, QUEUED, UNKNOWN, Claim
from backend.push.outbox import dispatch, send_job_id
from backend.push.policy import FANOUT_CHUNK, queue_policy_fanout, queued_message_ids
from backend.push.queues import lease_ttl_s
from backend.push.reminders import queue_reminders
from backend.safeguarding.service import purge_expired_records
from backend.waitlist.service import expire_offers
from backend.wechat_gateway import WechatError, WechatUnreachable
from bot.templates import booking_event_data, booking_page, policy_news_data

log = logging.getLogger(__name__)

# WeChat answered, but only "not now": system busy, rate or quota limits. A token error here is
# one that survived the client's refresh-and-retry; the next try refreshes again.
TRANSIENT_ERRCODES = frozenset({-1, 45009, 45011, 40001, 40014, 42001})
# Everything else WeChat answers is final for this message, e.g. 43101 (no subscribe permission
# left), 40003 (invalid openid), 47003 (a value breaks the template's limits), 43004 (unfollowed).
MAX_BACKOFF_S = 600.0
# A send waits this long at most for the shared rate; longer, and the job is deferred instead.
RATE_WAIT_MAX_S = 2.0
SWEEP_QUEUED_AFTER = timedelta(minutes=2)
SWEEP_BATCH = 1000
MARK_SENT_TRIES = 3


def backoff_s(base_s: float, attempt: int) -> float:
    """Exponential backoff with jitter: about base, 2×base, 4×base… (never beyond MAX_BACKOFF_S),
    each drawn from its upper half so that retries of many messages spread out."""
    ceiling = min(MAX_BACKOFF_S, base_s * 2 ** max(0, attempt - 1))
    return random.uniform(ceiling / 2, ceiling)


def retried_on_fault(job: WorkerCoroutine) -> WorkerCoroutine:
    """The job as the workers run it: a Redis or database fault it meets is one throttled log line
    and a try again once the service is likely back, not arq's traceback of a failed job per run
    (a killed Redis fails every send in flight at once). Jobs are idempotent, so running one again
    is safe; a send that met the fault after its claim is taken up again once the claim's lease
    ends (backend/push/delivery.py)."""

    @functools.wraps(job)
    async def run(ctx: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return await job(ctx, *args, **kwargs)
        except Retry:
            raise
        except Exception as exc:
            kind = note_fault(exc, f"running the job {job.__qualname__}")
            if kind is None:
                raise
            raise Retry(defer=timedelta(seconds=retry_after_s(kind) + random.uniform(0, 1))) from exc

    return run


def _res(ctx: dict[str, Any]) -> Resources:
    res: Resources = ctx["res"]
    return res


class UnsendableMessage(Exception):
    """The message cannot be turned into a WeChat call (an unknown kind, a payload without text)."""


async def _call_wechat(res: Resources, message: OutgoingMessage) -> str | None:
    if res.wechat is None:
        raise WechatUnreachable("this worker has no WeChat client")
    payload: dict[str, Any] = message.payload or {}
    if message.kind == "subscribe":
        if not message.template_id:
            raise UnsendableMessage("a subscribe message needs a template")
        data = booking_event_data(message.event, payload)
        return await res.wechat.send_subscribe_message(
            message.recipient_openid, message.template_id, data, page=booking_page(payload)
        )
    if message.kind == "template":
        if not message.template_id:
            raise UnsendableMessage("a template message needs a template")
        data = policy_news_data(payload)
        return await res.wechat.send_template_message(message.recipient_openid, message.template_id, data)
    if message.kind == "customer_service":
        text = payload.get("text")
        if not isinstance(text, str) or not text:
            raise UnsendableMessage("a customer-service message needs a text")
        await res.wechat.send_text(message.recipient_openid, text)
        return None
    raise UnsendableMessage(f"unknown message kind {message.kind!r}")


async def _retry_later(res: Resources, claim: Claim, errcode: int | None, error: str) -> str:
    assert claim.message is not None
    attempts = claim.message.attempts
    max_tries = res.settings.push_max_tries
    if attempts >= max_tries:
        await delivery.mark_outcome(res, claim, DEAD, errcode, f"after {attempts} tries: {error}")
        log.warning("message %s is dead after %s tries: %s", claim.message.id, attempts, error)
        return DEAD
    await delivery.mark_outcome(res, claim, QUEUED, errcode, error)
    defer = backoff_s(res.settings.push_backoff_base_s, attempts)
    log.info("message %s: %s; try %s again in %.2fs", claim.message.id, error, attempts + 1, defer)
    raise Retry(defer=timedelta(seconds=defer))


async def _mark_sent(res: Resources, claim: Claim, wechat_msgid: str | None) -> None:
    # WeChat has it: recording that must not be lost to a database blip, or the message would end
    # `unknown` although it was delivered.
    for attempt in range(1, MARK_SENT_TRIES + 1):
        try:
            await delivery.mark_sent(res, claim, wechat_msgid)
            return
        except Exception as exc:
            if attempt == MARK_SENT_TRIES:
                raise
            # A blip the next try rides out (Redis or the database restarting) is one line, not a
            # traceback; the last try's failure is raised with its traceback.
            log.warning(
                "recording message %s as sent failed (%s: %s); trying again",
                claim.message.id if claim.message else "?",
                type(exc).__name__,
                exc,
            )
            await asyncio.sleep(0.2 * attempt)


async def send_message(ctx: dict[str, Any], message_id: str) -> str:
    """Sends one outgoing message, once. Answers the state it left the message in."""
    res = _res(ctx)
    due_in = await throttle.take(res, RATE_WAIT_MAX_S)
    if due_in:
        raise Retry(defer=timedelta(seconds=due_in + random.uniform(0, 1)))
    claim = await delivery.claim(res, message_id)
    if claim.outcome == "busy":
        # Another live sender holds it: look again after its lease, in case it gave it back.
        raise Retry(defer=timedelta(seconds=claim.retry_in_s + 0.5))
    if claim.outcome != "send":
        return claim.outcome
    assert claim.message is not None
    try:
        wechat_msgid = await _call_wechat(res, claim.message)
    except UnsendableMessage as exc:
        await delivery.mark_outcome(res, claim, FAILED, None, str(exc))
        return FAILED
    except WechatError as exc:
        if exc.errcode in TRANSIENT_ERRCODES:
            return await _retry_later(res, claim, exc.errcode, str(exc))
        await delivery.mark_outcome(res, claim, FAILED, exc.errcode, str(exc))
        log.info("message %s refused by WeChat: %s", message_id, exc)
        return FAILED
    except WechatUnreachable as exc:
        if getattr(exc, "outcome_unknown", False):
            await delivery.mark_outcome(
                res, claim, UNKNOWN, None, f"no answer after the request went out ({exc}); not resent"
            )
            return UNKNOWN
        return await _retry_later(res, claim, None, str(exc))
    except Exception as exc:
        # Something unexpected around the call: WeChat may have it. Never risk a second send.
        log.exception("sending message %s failed unexpectedly", message_id)
        await delivery.mark_outcome(res, claim, UNKNOWN, None, f"unexpected error while sending: {exc}")
        return UNKNOWN
    await _mark_sent(res, claim, wechat_msgid)
    return delivery.SENT


async def fan_out_policy(ctx: dict[str, Any], policy_id: str, after: str | None = None) -> int:
    """Queues the sends of a published policy's queued messages, a chunk per job (so a large
    following fits the send queue's short job timeout), then the job for the next chunk."""
    res = _res(ctx)
    message_ids = await queued_message_ids(policy_id, after)
    await dispatch(res, message_ids)
    if len(message_ids) == FANOUT_CHUNK:
        await queue_policy_fanout(res, policy_id, after=message_ids[-1])
    return len(message_ids)


# -- cron ---------------------------------------------------------------------------------------


async def send_reminders(ctx: dict[str, Any]) -> int:
    return await queue_reminders(_res(ctx), now_local())


async def expire_bookings(ctx: dict[str, Any]) -> int:
    return await expire_unconfirmed_bookings(_res(ctx))


async def expire_waitlist_offers(ctx: dict[str, Any]) -> int:
    """Warns of waitlist offers about to end and passes on those past their time."""
    return await expire_offers(_res(ctx))


async def warm_vacancy(ctx: dict[str, Any]) -> None:
    """A new day enters the search's vacancy window every midnight; build it before parents ask."""
    await ensure_vacancy(_res(ctx))


async def warn_calendar_coverage(ctx: dict[str, Any]) -> bool:
    """Once a day: logs a warning from 60 days before the district calendar's coverage ends."""
    return await log_coverage_warning(_res(ctx))


async def sweep_outbox(ctx: dict[str, Any]) -> dict[str, int]:
    """Queues again messages whose job was lost (a dispatch that failed after commit, a Redis
    restart, a job past arq's tries), and settles the ones a dead worker left mid-send."""
    res = _res(ctx)
    redispatched = 0
    if res.queue is not None:
        for message_id in await delivery.stale_queued(SWEEP_QUEUED_AFTER, SWEEP_BATCH):
            if not await res.queue.exists(job_key_prefix + send_job_id(message_id)):
                await dispatch(res, [message_id])
                redispatched += 1
    lease = timedelta(seconds=lease_ttl_s(res.settings))
    settled = await delivery.settle_abandoned(res, lease, SWEEP_BATCH)
    if redispatched or settled:
        log.info("outbox sweep: %s queued again, %s left mid-send now unknown", redispatched, settled)
    return {"redispatched": redispatched, "settled": settled}


async def clean_up(ctx: dict[str, Any]) -> int:
    """Forgets idempotency keys older than their promised lifetime (API.md: at least 24 h), and the
    children's pickup codes and health checks once nothing needs them (README, data kept)."""
    res = _res(ctx)
    purged = await purge_expired_idempotency_keys(res)
    return purged + sum((await purge_expired_records(res)).values())
