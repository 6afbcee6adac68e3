"""The push pipeline against the fake WeChat that fails on command, with a real worker process."""

from __future__ import annotations

from typing import Any

import pytest

from backend.models import Follower, OutgoingMessage, Policy, SubscribeGrant
from backend.push.outbox import dispatch, queue_booking_notice, queue_message
from backend.push.policy import queue_policy_push
from tests.bot.helpers import new_msgid, new_openid, post, text_xml
from tests.bot.pipeline_helpers import (
    grant,
    kill,
    make_booking,
    start_worker,
    unique,
    wait_until_final,
)
from tests.factories import make_account, make_parent

SUBSCRIBE = "/cgi-bin/message/subscribe/send"
TEMPLATE = "/cgi-bin/message/template/send"
CUSTOM = "/cgi-bin/message/custom/send"


# The tests share the module's push worker: under pytest-xdist (`--dist loadgroup`) they run on one
# worker, which starts it once.
pytestmark = pytest.mark.xdist_group("test_push_pipeline")


@pytest.fixture(scope="module")
async def worker(stack, res) -> Any:
    process = await start_worker(stack, res, "worker.log")
    yield process
    stack.stop(process)


def _subscribe_sends(wechat, openid: str) -> list[dict]:
    return [m for m in wechat.sent_to(openid) if m["path"].endswith(SUBSCRIBE)]


async def test_a_confirmed_booking_reaches_the_parent_once_after_a_500(worker, stack, res, wechat, api):
    from datetime import timedelta

    from tests.bot.pipeline_helpers import next_open_day
    from tests.conftest import bearer
    from tests.factories import make_child, make_facility

    facility = await make_facility(res, index=True)
    parent, parent_token = await make_parent(res)
    # A confirmation is optional: it never spends the last grant.
    await grant(res, parent, count=2)
    child = await make_child(parent, next_open_day() - timedelta(days=540))
    day = next_open_day()
    created = await api.post(
        "/api/v1/bookings",
        json={
            "facility_id": str(facility.id),
            "child_id": str(child.id),
            "care_type": "full_day",
            "start_date": day.isoformat(),
        },
        headers={**bearer(parent_token), "Idempotency-Key": unique("key")},
    )
    assert created.status_code == 201, created.text
    booking_id = created.json()["id"]
    _, staff_token = await make_account(res, "facility_admin", facility)
    wechat.fail_next(SUBSCRIBE, 500)
    confirmed = await api.post(f"/api/v1/manage/bookings/{booking_id}/confirm", headers=bearer(staff_token))
    assert confirmed.status_code == 200, confirmed.text
    messages = await OutgoingMessage.filter(booking_id=booking_id, event="confirmed")
    assert len(messages) == 1
    (message,) = await wait_until_final([str(messages[0].id)])
    assert message.state == "sent"
    assert message.attempts == 2
    sends = _subscribe_sends(wechat, parent.openid)
    assert len(sends) == 1
    data = sends[0]["data"]
    assert data["thing1"]["value"] == facility.name[:20]
    assert data["phrase3"]["value"] == "已确认"
    assert "年" in data["time2"]["value"] and ":" in data["time2"]["value"]
    assert sends[0]["template_id"] == res.settings.wechat_template_booking
    remaining = await SubscribeGrant.get(account=parent, template_id=res.settings.wechat_template_booking)
    assert remaining.remaining == 1


async def test_a_token_error_refreshes_and_sends_in_the_same_try(worker, res, wechat):
    parent, _ = await make_parent(res)
    await grant(res, parent, count=2)
    booking = await make_booking(res, parent)
    tokens_before = wechat.state.tokens_issued
    wechat.fail_next(SUBSCRIBE, 40001)
    message_id = await queue_booking_notice(res, booking, "confirmed")
    await dispatch(res, [message_id])
    (message,) = await wait_until_final([str(message_id)])
    assert message.state == "sent"
    assert message.attempts == 1
    assert wechat.state.tokens_issued > tokens_before
    assert len(_subscribe_sends(wechat, parent.openid)) == 1


async def test_no_permission_left_stops_at_once(worker, res, wechat):
    parent, _ = await make_parent(res)
    await grant(res, parent, count=2)
    booking = await make_booking(res, parent)
    wechat.fail_next(SUBSCRIBE, 43101)
    message_id = await queue_booking_notice(res, booking, "rejected", reason="满员")
    await dispatch(res, [message_id])
    (message,) = await wait_until_final([str(message_id)])
    assert message.state == "failed"
    assert message.last_errcode == 43101
    assert message.attempts == 1
    assert _subscribe_sends(wechat, parent.openid) == []
    # WeChat knows better than our count: no permission is left.
    assert (await SubscribeGrant.get(account=parent)).remaining == 0


async def test_without_a_grant_nothing_is_sent(worker, res, wechat):
    parent, _ = await make_parent(res)
    booking = await make_booking(res, parent)
    message_id = await queue_booking_notice(res, booking, "confirmed")
    await dispatch(res, [message_id])
    (message,) = await wait_until_final([str(message_id)])
    assert message.state == "skipped_no_grant"
    assert _subscribe_sends(wechat, parent.openid) == []


async def test_a_message_failing_every_try_goes_dead_and_can_be_replayed(worker, res, wechat):
    from backend.context import Caller
    from backend.push.service import retry_outgoing_message

    parent, _ = await make_parent(res)
    await grant(res, parent)
    booking = await make_booking(res, parent)
    wechat.fail_next(SUBSCRIBE, 500, -1, 500)  # PUSH_MAX_TRIES=3 in the test worker
    message_id = await queue_booking_notice(res, booking, "cancelled", reason="机构闭园")
    await dispatch(res, [message_id])
    (message,) = await wait_until_final([str(message_id)])
    assert message.state == "dead"
    assert message.attempts == 3
    assert _subscribe_sends(wechat, parent.openid) == []
    regulator, _ = await make_account(res, "regulator")
    replayed = await retry_outgoing_message(
        res, Caller(account_id=str(regulator.id), role="regulator"), str(message_id)
    )
    assert replayed.state in ("queued", "sending", "sent")
    (message,) = await wait_until_final([str(message_id)])
    assert message.state == "sent"
    # The grant was spent by the first try; the replay does not spend another.
    assert len(_subscribe_sends(wechat, parent.openid)) == 1


async def test_a_lost_answer_is_never_resent(worker, res, wechat):
    openid = new_openid()
    message_id = await queue_message(
        kind="customer_service",
        dedup_key=unique("cs"),
        recipient_openid=openid,
        template_id=None,
        event="bot_reply",
        payload={"text": "你好"},
    )
    # WeChat takes longer than our timeout, then accepts it: we cannot know, so we never resend.
    wechat.fail_next(CUSTOM, ("sleep", 1.6))
    await dispatch(res, [message_id])
    (message,) = await wait_until_final([message_id])
    assert message.state == "unknown"
    import asyncio

    await asyncio.sleep(1.0)  # let the fake finish the slow request it is still answering
    assert len(wechat.sent_to(openid)) == 1


async def test_policy_news_reaches_each_subscriber_once_after_a_45009(worker, stack, res, wechat, api):
    keen, changed_mind = new_openid(), new_openid()
    msgid = new_msgid()
    # WeChat retried the 订阅 message three times (same MsgId): one subscription.
    for _ in range(3):
        assert (await post(api, stack.settings, text_xml(keen, "订阅", msgid=msgid))).status_code == 200
    await post(api, stack.settings, text_xml(changed_mind, "订阅"))
    await post(api, stack.settings, text_xml(changed_mind, "退订"))
    assert (await Follower.get(openid=keen)).policy_news is True
    assert (await Follower.get(openid=changed_mind)).policy_news is False
    policy = await Policy.create(
        title=unique("环翠区托育补贴实施细则"),
        doc_number="环卫发〔2026〕8号",
        issuer="环翠区卫生健康局",
        summary="普惠托育补贴",
        body="……",
        tags=["补贴"],
        is_published=True,
    )
    wechat.fail_next(TEMPLATE, 45009)
    sent_before = len(wechat.state.sent)
    recorded = await queue_policy_push(res, str(policy.id))
    assert recorded >= 1
    ids = [str(i) for i in await OutgoingMessage.filter(policy_id=policy.id).values_list("id", flat=True)]
    messages = await wait_until_final(ids)
    assert all(m.state == "sent" for m in messages)
    assert any(m.attempts == 2 and m.last_errcode is None for m in messages)
    to_keen = [m for m in wechat.sent_to(keen) if m["path"].endswith(TEMPLATE)]
    assert len(to_keen) == 1
    assert to_keen[0]["data"]["thing2"]["value"] == "环卫发〔2026〕8号"
    assert wechat.sent_to(changed_mind) == []
    # Followers other tests subscribed get this policy too; each gets it once (other policies'
    # news, sent to them by other tests, is not this policy's).
    this_policy = [
        m
        for m in wechat.state.sent[sent_before:]
        if m["path"].endswith(TEMPLATE) and m["data"]["thing2"]["value"] == "环卫发〔2026〕8号"
    ]
    for message in messages:
        assert len([m for m in this_policy if m["touser"] == message.recipient_openid]) == 1
    # Publishing again records nothing new and sends nothing twice.
    assert await queue_policy_push(res, str(policy.id)) == 0


async def test_two_workers_send_each_message_once(worker, stack, res, wechat):
    second = await start_worker(stack, res, "worker-second.log")
    try:
        texts = {unique(f"pair-{i}"): new_openid() for i in range(120)}
        message_ids = [
            await queue_message(
                kind="customer_service",
                dedup_key=unique("pair"),
                recipient_openid=openid,
                template_id=None,
                event="bot_reply",
                payload={"text": text},
            )
            for text, openid in texts.items()
        ]
        wechat.fail_next(CUSTOM, 500, 45009, -1)
        wechat.state.delay_s = 0.05  # slow enough that both workers take part
        # Dispatched twice, as a retried request or a replay would: still one send each.
        await dispatch(res, message_ids)
        await dispatch(res, message_ids)
        messages = await wait_until_final(message_ids)
        assert all(m.state == "sent" for m in messages)
        for openid in texts.values():
            assert len(wechat.sent_to(openid)) == 1
    finally:
        wechat.state.delay_s = 0.0
        stack.stop(second)
    for log_name in ("worker.log", "worker-second.log"):
        assert "→ push.send:" in (stack.var_dir / log_name).read_text(), f"{log_name} took part"


async def test_a_worker_killed_mid_batch_loses_nothing_and_doubles_nothing(worker, stack, res, wechat):
    import asyncio

    from backend.context import Caller
    from backend.push.service import retry_outgoing_message

    stack.stop(worker)  # this test runs its own worker, to kill it
    count = 120
    texts = {unique(f"batch-{i}"): new_openid() for i in range(count)}
    message_ids = []
    for text, openid in texts.items():
        message_ids.append(
            await queue_message(
                kind="customer_service",
                dedup_key=unique("kill"),
                recipient_openid=openid,
                template_id=None,
                event="bot_reply",
                payload={"text": text},
            )
        )

    def delivered() -> dict[str, int]:
        counts: dict[str, int] = {}
        with wechat.state.lock:
            for sent in wechat.state.sent:
                content = (sent.get("text") or {}).get("content")
                if content in texts:
                    counts[content] = counts.get(content, 0) + 1
        return counts

    wechat.state.delay_s = 0.05
    doomed = await start_worker(stack, res, "worker-killed.log")
    try:
        await dispatch(res, message_ids)
        loop = asyncio.get_running_loop()
        end = loop.time() + 60
        while len(delivered()) < count // 4 and loop.time() < end:  # noqa: ASYNC110 - polls the fake
            await asyncio.sleep(0.02)
        kill(doomed)
        assert len(delivered()) < count, "the worker was killed mid-batch"
    finally:
        wechat.state.delay_s = 0.0
        kill(doomed)
    await start_worker(stack, res, "worker-restarted.log")
    messages = await wait_until_final(message_ids, deadline_s=90)
    # A message the dead worker was sending is `unknown`: the bureau checks with WeChat's record
    # (here the fake's) and replays only the ones that never arrived.
    regulator, _ = await make_account(res, "regulator")
    caller = Caller(account_id=str(regulator.id), role="regulator")
    counts = delivered()
    replayed = []
    for message in messages:
        assert message.state in ("sent", "unknown"), (message.state, message.last_error)
        if message.state == "unknown" and message.payload["text"] not in counts:
            await retry_outgoing_message(res, caller, str(message.id))
            replayed.append(str(message.id))
    if replayed:
        await wait_until_final(replayed)
    counts = delivered()
    assert set(counts) == set(texts), "every message was delivered"
    assert all(n == 1 for n in counts.values()), "no message was delivered twice"
