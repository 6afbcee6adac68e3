"""WeChat's 5-second rule: each inbound message handled once, answered in time.

WeChat waits 5 s for a reply and otherwise retries the same message up to 3 times, then shows the
follower only one reply. So:
- a message is claimed once in Redis (SET NX with an expiry) on its sender + MsgId, or for an event on
  sender + CreateTime + event (+ its key); the reply is stored under the same key, and a retry answers the
  stored reply: whichever attempt WeChat ends up showing, the follower reads the same answer, and
  the handler's effects (a subscription, a Follower row) happen once;
- a handler that overruns REPLY_BUDGET_S keeps running (shielded), the message is answered
  `success`, and its reply follows as a customer-service message through the push queue.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from backend.context import Resources
from backend.db.uow import UnitOfWork
from backend.infra.faults import note_fault
from backend.push.outbox import queue_message
from bot.handlers import Handler, route, texts

log = logging.getLogger(__name__)

REPLY_BUDGET_S = 4.0
# WeChat retries within ~15 s; the claim outlives that with a wide margin.
DEDUP_TTL_S = 600
IN_FLIGHT = "in-flight"
FOLLOWED_UP = "followed-up"

# Overrunning handlers still running after their answer left; kept so they are not collected.
_follow_ups: set[asyncio.Task[None]] = set()


def dedup_id(message: Any) -> str:
    data = message._data
    msgid = data.get("MsgId") or data.get("MsgID")
    if msgid:
        # A MsgId is unique per sender only: another follower's message with the same id is
        # another message, and must not get the first one's reply.
        sender = data.get("FromUserName", "")
        return f"msg:{sender if isinstance(sender, str) else ''}:{msgid}"
    # WeChat's own rule is sender + CreateTime for events; the event and its key are added so two
    # different menu clicks within one second stay two.
    parts = (data.get(name, "") for name in ("FromUserName", "CreateTime", "Event", "EventKey"))
    return "event:" + ":".join(str(part) if isinstance(part, str | int) else "" for part in parts)


async def _follow_up(res: Resources, task: asyncio.Task[str | None], message: Any, key: str) -> None:
    try:
        reply = await task
    except Exception as exc:
        if not note_fault(exc, "answering a follower after the reply window"):
            log.exception("an overrunning bot handler failed")
        reply = texts.APOLOGY
    try:
        if reply:
            async with UnitOfWork(res) as uow:
                message_id = await queue_message(
                    kind="customer_service",
                    dedup_key=f"oa-reply:{dedup_id(message)}"[:200],
                    recipient_openid=message.source,
                    template_id=None,
                    event="bot_reply",
                    payload={"text": reply},
                )
                uow.dispatch([message_id])
        await res.redis.set(key, json.dumps({"state": FOLLOWED_UP}), ex=DEDUP_TTL_S)
    except Exception as exc:
        if not note_fault(exc, "queueing the follow-up of an overrunning bot handler"):
            log.exception("could not queue the follow-up of an overrunning bot handler")


def _stored_reply(raw: str) -> str | None:
    try:
        stored = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(stored, dict) or stored.get("state") != "done":
        return None
    reply = stored.get("reply")
    return reply if isinstance(reply, str) else None


async def respond(
    res: Resources, message: Any, handler: Handler = route, budget_s: float = REPLY_BUDGET_S
) -> str | None:
    """The reply text for a message (None: answer `success`), handling each message once."""
    key = res.key("oa", "dedup", dedup_id(message))
    claimed = await res.redis.set(key, json.dumps({"state": IN_FLIGHT}), nx=True, ex=DEDUP_TTL_S)
    if not claimed:
        raw = await res.redis.get(key)
        # In flight or followed up: the first attempt's answer reaches the follower; nothing more.
        return _stored_reply(raw) if raw else None
    task: asyncio.Task[str | None] = asyncio.ensure_future(handler(res, message))
    try:
        reply = await asyncio.wait_for(asyncio.shield(task), budget_s)
    except TimeoutError:
        follow_up = asyncio.ensure_future(_follow_up(res, task, message, key))
        _follow_ups.add(follow_up)
        follow_up.add_done_callback(_follow_ups.discard)
        return None
    except Exception as exc:
        # Redis or the database down is one throttled line (backend/infra/faults.py), not a
        # traceback per message; anything else is a defect and keeps its traceback.
        if not note_fault(exc, "answering a follower's message"):
            log.exception("a bot handler failed")
        # Let a retry of WeChat (if any) try again from scratch.
        await res.redis.delete(key)
        return texts.APOLOGY
    await res.redis.set(key, json.dumps({"state": "done", "reply": reply}), ex=DEDUP_TTL_S)
    return reply
