"""The message server through the real HTTP server: signatures, parsing, replies and retries."""

from __future__ import annotations

import random
import time

import xmltodict

from backend.models import Follower, NursingRoom
from bot.handlers import texts
from tests.bot.helpers import (
    PATH,
    click_xml,
    event_xml,
    image_xml,
    location_event_xml,
    location_xml,
    new_msgid,
    new_openid,
    post,
    reply_content,
    signed_query,
    subscribe_xml,
    text_xml,
)


async def test_url_verification_echoes_only_when_signed(api, stack):
    token = stack.settings.wechat_oa_token
    good = await api.get(PATH, params=signed_query(token, echostr="echo-123"))
    assert good.status_code == 200
    assert good.text == "echo-123"
    bad = await api.get(PATH, params=signed_query("another-token", echostr="echo-123"))
    assert bad.status_code == 403
    missing = await api.get(PATH, params={"echostr": "x"})
    assert missing.status_code == 403


async def test_bad_signature_is_refused(api, stack):
    response = await api.post(
        PATH, params=signed_query("not-our-token"), content=text_xml(new_openid(), "订阅").encode()
    )
    assert response.status_code == 403


async def test_malformed_xml_is_refused(api, stack):
    response = await post(api, stack.settings, "<xml><ToUserName>unclosed")
    assert response.status_code == 400
    not_xml = await post(api, stack.settings, "hello")
    assert not_xml.status_code == 400
    no_type = await post(api, stack.settings, "<xml><FromUserName>a</FromUserName></xml>")
    assert no_type.status_code == 400


async def test_an_entity_bomb_is_refused_before_parsing(api, stack):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime>"
        "<MsgType>text</MsgType><Content>&lol3;</Content><MsgId>1</MsgId></xml>"
    )
    response = await post(api, stack.settings, bomb)
    assert response.status_code == 400
    external = (
        '<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime>"
        "<MsgType>text</MsgType><Content>&xxe;</Content><MsgId>2</MsgId></xml>"
    )
    assert (await post(api, stack.settings, external)).status_code == 400


async def test_an_oversized_body_is_refused(api, stack):
    huge = text_xml(new_openid(), "托" * 40_000)
    response = await post(api, stack.settings, huge)
    assert response.status_code == 413


async def test_an_image_answers_success(api, stack):
    response = await post(api, stack.settings, image_xml(new_openid()))
    assert response.status_code == 200
    assert response.text == "success"


async def test_follow_with_a_qr_scene_welcomes_and_records_the_follower(api, stack, res):
    openid = new_openid()
    response = await post(api, stack.settings, subscribe_xml(openid, scene="poster_zhudao"))
    assert response.status_code == 200
    reply = xmltodict.parse(response.text)["xml"]
    assert reply["ToUserName"] == openid
    assert reply["MsgType"] == "text"
    assert "欢迎" in reply["Content"] and "订阅" in reply["Content"]
    follower = await Follower.get(openid=openid)
    assert follower.following is True
    assert follower.scene == "poster_zhudao"
    assert follower.policy_news is False


async def test_a_policy_news_scene_subscribes_at_once(api, stack, res):
    openid = new_openid()
    response = await post(api, stack.settings, subscribe_xml(openid, scene="policy_news"))
    assert "订阅政策推送" in reply_content(response.text)
    assert (await Follower.get(openid=openid)).policy_news is True


async def test_unfollow_ends_the_subscriptions(api, stack, res):
    openid = new_openid()
    await post(api, stack.settings, subscribe_xml(openid))
    await post(api, stack.settings, text_xml(openid, "订阅"))
    assert (await Follower.get(openid=openid)).policy_news is True
    response = await post(api, stack.settings, event_xml(openid, "unsubscribe"))
    assert response.text == "success"
    follower = await Follower.get(openid=openid)
    assert follower.following is False
    assert follower.policy_news is False
    assert follower.unfollowed_at is not None


async def test_subscribe_and_unsubscribe_words(api, stack, res):
    openid = new_openid()
    first = reply_content((await post(api, stack.settings, text_xml(openid, "订阅"))).text)
    assert "已为您订阅" in first
    again = reply_content((await post(api, stack.settings, text_xml(openid, "订阅"))).text)
    assert "已订阅" in again
    assert (await Follower.get(openid=openid)).policy_news is True
    off = reply_content((await post(api, stack.settings, text_xml(openid, "退订"))).text)
    assert "退订" in off
    assert (await Follower.get(openid=openid)).policy_news is False


async def test_a_retried_msgid_is_handled_once_and_answered_the_same(api, stack, res):
    openid = new_openid()
    msgid = new_msgid()
    xml = text_xml(openid, "订阅", msgid=msgid)
    replies = [reply_content((await post(api, stack.settings, xml)).text) for _ in range(3)]
    # Handled once: the first answer says it subscribed, and every retry shows that same answer
    # (a second handling would have answered "already subscribed").
    assert replies[0] == replies[1] == replies[2]
    assert "已为您订阅" in replies[0]


async def test_a_retried_event_is_handled_once(api, stack, res):
    openid = new_openid()
    created = int(time.time())
    first = await post(api, stack.settings, subscribe_xml(openid, create_time=created))
    again = await post(api, stack.settings, subscribe_xml(openid, create_time=created))
    assert reply_content(first.text) == reply_content(again.text)


async def _room_near(lat: float, lng: float) -> NursingRoom:

    return await NursingRoom.create(
        name=f"测试母婴室{random.randint(1, 10**6)}",
        address="测试商场3楼",
        venue_type="mall",
        floor="3F",
        opening_hours="10:00-22:00",
        amenities=["changing_table"],
        lat=lat + 0.001,
        lng=lng,
    )


def _spot() -> tuple[float, float]:
    # A place of its own, far from other tests' rooms and facilities.
    return round(random.uniform(30.0, 34.0), 5), round(random.uniform(104.0, 110.0), 5)


async def test_a_location_answers_the_nearest_rooms_and_facilities(api, stack, res):
    from backend.calendar import today_local
    from backend.geo.index import index_room, nearby_facilities
    from tests.factories import make_facility

    lat, lng = _spot()
    room = await _room_near(lat, lng)
    await index_room(res, str(room.id))
    facility = await make_facility(res, lat=lat, lng=lng + 0.002, index=True)
    openid = new_openid()
    response = await post(api, stack.settings, location_xml(openid, lat, lng))
    assert response.status_code == 200
    content = reply_content(response.text)
    assert room.name in content
    assert "约111米" in content  # 0.001 degrees of latitude
    assert "3F" in content and "10:00-22:00" in content
    cards = await nearby_facilities(res, lat, lng, 5000, 20, date=today_local())
    if any(card["available"] for card in cards):
        assert facility.name in content
    else:
        assert "今天没有有空位的托育机构" in content


async def test_rooms_word_after_a_location_event_answers_for_that_place(api, stack, res):
    from backend.geo.index import index_room

    lat, lng = _spot()
    room = await _room_near(lat, lng)
    await index_room(res, str(room.id))
    openid = new_openid()
    before = reply_content((await post(api, stack.settings, text_xml(openid, "母婴室"))).text)
    assert "请先发送您的位置" in before
    reported = await post(api, stack.settings, location_event_xml(openid, lat, lng))
    assert reported.text == "success"
    after = reply_content((await post(api, stack.settings, text_xml(openid, "母婴室"))).text)
    assert room.name in after
    clicked = reply_content((await post(api, stack.settings, click_xml(openid, "NEARBY"))).text)
    assert room.name in clicked


async def test_a_question_answers_from_the_best_policy(api, stack, res):
    from backend.models import Policy

    title = f"威海市育儿补贴发放办法{random.randint(1, 10**6)}"
    await Policy.create(
        title=title,
        doc_number="威卫发〔2026〕1号",
        issuer="威海市卫生健康委员会",
        summary="每孩每年3600元育儿补贴",
        body="三周岁以下婴幼儿按年发放育儿补贴。",
        tags=["育儿补贴"],
        is_published=True,
    )
    from backend.policies.service import policy_index_changed, search_policies

    await policy_index_changed(res)

    expected = await search_policies(res, "育儿补贴怎么领", 3)
    content = reply_content((await post(api, stack.settings, text_xml(new_openid(), "育儿补贴怎么领"))).text)
    assert expected, "the policy search finds the new article"
    assert f"《{expected[0].title}》" in content
    assert "pages/policy/detail?id=" in content
    nothing = reply_content((await post(api, stack.settings, text_xml(new_openid(), "火星移民签证"))).text)
    assert nothing == texts.CAPABILITIES


async def test_menu_clicks_route_to_the_handlers(api, stack, res):
    openid = new_openid()
    subscribed = reply_content((await post(api, stack.settings, click_xml(openid, "POLICY_SUBSCRIBE"))).text)
    assert "已为您订阅" in subscribed
    assert (await Follower.get(openid=openid)).policy_news is True
    helped = reply_content((await post(api, stack.settings, click_xml(openid, "HELP"))).text)
    assert "发送位置" in helped
    unknown = await post(api, stack.settings, click_xml(openid, "NO_SUCH_KEY"))
    assert unknown.text == "success"


async def test_declaration_like_text_in_a_message_is_only_text(api, stack, res):
    response = await post(api, stack.settings, text_xml(new_openid(), "<!DOCTYPE html> 是什么"))
    assert response.status_code == 200
    comment_trick = "<!-- <![CDATA[ --><!DOCTYPE x [<!ENTITY a 'b'>]><!-- ]]> -->" + text_xml(
        new_openid(), "&a;"
    )
    assert (await post(api, stack.settings, comment_trick)).status_code == 400
