"""The 5-second rule in-process: a handler over its budget answers success and follows up through
the push queue; a failing handler apologises and lets WeChat's retry try again."""

from __future__ import annotations

import asyncio
import json
import logging

import redis.exceptions
from wechatpy import parse_message

from backend.models import OutgoingMessage
from bot.conversation import dedup_id, respond
from bot.handlers import texts
from tests.bot.helpers import click_xml, new_openid, text_xml
from tests.bot.pipeline_helpers import wait_for


async def test_an_overrunning_handler_answers_success_then_follows_up(res):
    openid = new_openid()
    message = parse_message(text_xml(openid, "慢问题"))

    async def slow(res, message):
        await asyncio.sleep(0.3)
        return "慢慢的回答"

    assert await respond(res, message, handler=slow, budget_s=0.05) is None

    async def followed_up() -> bool:
        return await OutgoingMessage.filter(recipient_openid=openid, kind="customer_service").exists()

    await wait_for(followed_up, "the follow-up is queued")
    follow_up = await OutgoingMessage.get(recipient_openid=openid)
    assert follow_up.payload == {"text": "慢慢的回答"}
    assert follow_up.event == "bot_reply"
    # WeChat's retry of the same message, after the follow-up: success again, nothing more queued.
    assert await respond(res, message, handler=slow, budget_s=0.05) is None
    assert await OutgoingMessage.filter(recipient_openid=openid).count() == 1
    stored = json.loads(await res.redis.get(res.key("oa", "dedup", dedup_id(message))))
    assert stored["state"] == "followed-up"


async def test_a_failing_handler_apologises_and_can_be_retried(res):
    message = parse_message(text_xml(new_openid(), "坏问题"))
    calls = 0

    async def broken(res, message):
        nonlocal calls
        calls += 1
        raise RuntimeError("database went away")

    assert await respond(res, message, handler=broken) == texts.APOLOGY
    assert await respond(res, message, handler=broken) == texts.APOLOGY
    assert calls == 2


async def test_a_handler_failing_on_a_backing_fault_logs_one_line_not_a_traceback(res, caplog):
    message = parse_message(text_xml(new_openid(), "Redis 停了"))

    async def redis_down(res, message):
        raise redis.exceptions.ConnectionError("Error 111 connecting to redis.sock. Connection refused.")

    with caplog.at_level(logging.WARNING):
        assert await respond(res, message, handler=redis_down) == texts.APOLOGY
    assert not [r for r in caplog.records if r.exc_info], [r.getMessage() for r in caplog.records]


async def test_a_handler_failing_on_a_defect_keeps_its_traceback(res, caplog):
    message = parse_message(text_xml(new_openid(), "坏问题"))

    async def broken(res, message):
        raise RuntimeError("a defect")

    with caplog.at_level(logging.WARNING):
        assert await respond(res, message, handler=broken) == texts.APOLOGY
    assert [r.getMessage() for r in caplog.records if r.exc_info] == ["a bot handler failed"]


async def test_a_retry_while_the_first_is_in_flight_answers_success(res):
    message = parse_message(text_xml(new_openid(), "并发"))
    started = asyncio.Event()

    async def slow(res, message):
        started.set()
        await asyncio.sleep(0.2)
        return "第一次的回答"

    first = asyncio.ensure_future(respond(res, message, handler=slow))
    await started.wait()
    assert await respond(res, message, handler=slow) is None
    assert await first == "第一次的回答"
    assert await respond(res, message, handler=slow) == "第一次的回答"


def test_events_dedup_on_sender_time_event_and_key():
    openid = new_openid()
    one = parse_message(click_xml(openid, "HELP"))
    other = parse_message(click_xml(openid, "NEARBY"))
    assert dedup_id(one) != dedup_id(other)
    assert dedup_id(parse_message(text_xml(openid, "x", msgid="42"))) == f"msg:{openid}:42"
