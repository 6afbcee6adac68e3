"""Signed URLs from WeChat are good once and for 5 minutes: stale, future and replayed ones are
403 (issue 13); and a MsgId is only unique per sender, so dedup keys on both."""

from __future__ import annotations

import time

import pytest

from backend.models import Follower
from tests.bot.helpers import PATH, new_msgid, new_openid, post, reply_content, signature, text_xml


def query_at(token: str, timestamp: int, nonce: str, **extra: str) -> dict[str, str]:
    stamp = str(timestamp)
    return {"signature": signature(token, stamp, nonce), "timestamp": stamp, "nonce": nonce, **extra}


@pytest.mark.parametrize("offset_s", [-302, -3600, 302, 86_400], ids=["old", "older", "ahead", "tomorrow"])
async def test_a_stale_or_future_signed_url_is_refused(api, stack, offset_s):
    token = stack.settings.wechat_oa_token
    query = query_at(token, int(time.time()) + offset_s, f"n{offset_s}", echostr="hello")
    verification = await api.get(PATH, params=query)
    assert verification.status_code == 403
    assert verification.json()["error"]["code"] == "forbidden"
    assert "5 分钟" in verification.json()["error"]["message"]
    openid = new_openid()
    message = await api.post(PATH, params=query, content=text_xml(openid, "订阅").encode())
    assert message.status_code == 403
    assert not await Follower.filter(openid=openid).exists()


async def test_a_fresh_signed_url_within_the_window_is_taken(api, stack):
    query = query_at(stack.settings.wechat_oa_token, int(time.time()) - 240, new_msgid(), echostr="hi")
    response = await api.get(PATH, params=query)
    assert response.status_code == 200
    assert response.text == "hi"


async def test_a_replayed_verification_url_is_refused(api, stack):
    query = query_at(stack.settings.wechat_oa_token, int(time.time()), new_msgid(), echostr="once")
    assert (await api.get(PATH, params=query)).text == "once"
    replayed = await api.get(PATH, params=query)
    assert replayed.status_code == 403
    assert "重放" in replayed.json()["error"]["message"]


async def test_a_replayed_message_url_is_refused_and_not_handled_again(api, stack):
    openid = new_openid()
    query = query_at(stack.settings.wechat_oa_token, int(time.time()), new_msgid())
    first = await api.post(PATH, params=query, content=text_xml(openid, "订阅").encode())
    assert "已为您订阅" in reply_content(first.text)
    await Follower.filter(openid=openid).update(policy_news=False)
    # The same signed URL with another message (the body is not signed in plain mode).
    replayed = await api.post(PATH, params=query, content=text_xml(openid, "订阅").encode())
    assert replayed.status_code == 403
    assert (await Follower.get(openid=openid)).policy_news is False


async def test_a_non_numeric_timestamp_is_refused(api, stack):
    query = query_at(stack.settings.wechat_oa_token, 0, "abc")
    query["timestamp"] = "soon"
    query["signature"] = signature(stack.settings.wechat_oa_token, "soon", "abc")
    response = await api.get(PATH, params={**query, "echostr": "x"})
    assert response.status_code == 403


async def test_the_same_msgid_from_two_senders_is_two_messages(api, stack):
    msgid = new_msgid()
    first, second = new_openid(), new_openid()
    first_reply = reply_content((await post(api, stack.settings, text_xml(first, "订阅", msgid=msgid))).text)
    second_reply = reply_content(
        (await post(api, stack.settings, text_xml(second, "订阅", msgid=msgid))).text
    )
    assert "已为您订阅" in first_reply
    assert "已为您订阅" in second_reply
    assert (await Follower.get(openid=first)).policy_news is True
    assert (await Follower.get(openid=second)).policy_news is True
