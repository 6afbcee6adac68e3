"""The WeChat client against the fake WeChat: every call to the configured base, the token in Redis
refreshed once under a lock, login without a token, errors mapped to the gateway's."""

from __future__ import annotations

import asyncio

import pytest

from backend.wechat_gateway import WechatError, WechatUnreachable
from bot.menu import MENU, create_menu
from bot.wechat_client import WechatAnswerLost, WechatClient
from tests.bot.helpers import new_openid
from tests.conftest import free_port

SUBSCRIBE = "/cgi-bin/message/subscribe/send"


@pytest.fixture
async def client(stack):
    wechat_client = WechatClient(stack.settings)
    yield wechat_client
    await wechat_client.close()


async def test_login_needs_no_access_token(client, wechat):
    wechat.add_code("code-no-token", "openid-no-token", "union-1")
    tokens_before = wechat.requests_to("/cgi-bin/token")
    wechat.fail_next("/cgi-bin/token", 500, 500)
    session = await client.code_to_session("code-no-token")
    assert session.openid == "openid-no-token"
    assert session.unionid == "union-1"
    assert session.session_key
    assert wechat.requests_to("/cgi-bin/token") == tokens_before
    wechat.clear_failures()
    with pytest.raises(WechatError) as refused:
        await client.code_to_session("code-no-token")  # a code works once
    assert refused.value.errcode == 40029


async def test_every_call_goes_to_the_configured_base(client, wechat):
    before = len(wechat.state.requests)
    openid = new_openid()
    await client.send_subscribe_message(openid, "tpl", {"thing1": {"value": "x"}}, page="pages/x")
    await client.send_template_message(openid, "tpl", {"thing1": {"value": "x"}})
    await client.send_text(openid, "你好")
    paths = [path for _, path in wechat.state.requests[before:]]
    assert "/cgi-bin/message/subscribe/send" in paths
    assert "/cgi-bin/message/template/send" in paths
    assert "/cgi-bin/message/custom/send" in paths
    assert [m["path"] for m in wechat.sent_to(openid)] == [
        "/cgi-bin/message/subscribe/send",
        "/cgi-bin/message/template/send",
        "/cgi-bin/message/custom/send",
    ]


async def test_the_token_is_shared_through_redis(stack, client, wechat):
    await client.send_text(new_openid(), "warm")
    issued = wechat.state.tokens_issued
    other = WechatClient(stack.settings)
    try:
        await other.send_text(new_openid(), "same token")
    finally:
        await other.close()
    assert wechat.state.tokens_issued == issued


async def test_a_burst_of_token_errors_fetches_one_new_token(stack, client, wechat):
    await client.send_subscribe_message(new_openid(), "tpl", {})
    wechat.invalidate_tokens()
    issued = wechat.state.tokens_issued
    other = WechatClient(stack.settings)
    try:
        sends = [
            (client if i % 2 else other).send_subscribe_message(new_openid(), "tpl", {}) for i in range(10)
        ]
        results = await asyncio.gather(*sends)
    finally:
        await other.close()
    assert all(results)
    # One refresher at a time, and the others take the token it fetched: one new mini-program token.
    assert wechat.state.tokens_issued == issued + 1


async def test_errors_map_to_the_gateway_errors(client, wechat):
    wechat.fail_next(SUBSCRIBE, 502)
    with pytest.raises(WechatUnreachable) as http_error:
        await client.send_subscribe_message(new_openid(), "tpl", {})
    assert not isinstance(http_error.value, WechatAnswerLost)
    wechat.fail_next(SUBSCRIBE, 47003)
    with pytest.raises(WechatError) as refused:
        await client.send_subscribe_message(new_openid(), "tpl", {})
    assert refused.value.errcode == 47003
    wechat.fail_next(SUBSCRIBE, 40001, 40001)
    with pytest.raises(WechatError) as token_twice:
        await client.send_subscribe_message(new_openid(), "tpl", {})
    assert token_twice.value.errcode == 40001  # refreshed and retried exactly once
    wechat.fail_next(SUBSCRIBE, ("sleep", 2.5))
    with pytest.raises(WechatAnswerLost):
        await client.send_subscribe_message(new_openid(), "tpl", {})


async def test_a_wechat_that_refuses_connections_is_unreachable_not_ambiguous(stack):
    closed = stack.settings.model_copy(update={"wechat_api_base": f"http://127.0.0.1:{free_port()}"})
    client = WechatClient(closed)
    try:
        with pytest.raises(WechatUnreachable) as error:
            await client.code_to_session("any")
        assert not isinstance(error.value, WechatAnswerLost)
    finally:
        await client.close()


async def test_the_menu_is_created_through_the_api(stack, wechat):
    await create_menu(stack.settings)
    assert wechat.state.menu == MENU
    keys = [b.get("key") for top in MENU["button"] for b in [top, *top.get("sub_button", [])]]
    assert {"NEARBY", "POLICY_SUBSCRIBE", "POLICY_UNSUBSCRIBE", "HELP"} <= set(keys)
