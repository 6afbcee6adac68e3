"""The bot answers what followers ask (issue 12): a policy question with the sentence that holds
the answer, greetings and anything unmatched with the help text, and the common questions (ages,
how to book, prices near the follower) from the platform's own data. Through the real server."""

from __future__ import annotations

import random
import uuid

import pytest

from backend.models import Policy
from backend.policies.service import policy_index_changed
from bot.handlers import texts
from bot.handlers.policy import REPLY_MAX_BYTES
from tests.bot.helpers import location_xml, new_openid, post, reply_content, text_xml
from tests.factories import make_facility


async def _ask(api, stack, question: str, openid: str | None = None) -> str:
    answer = await post(api, stack.settings, text_xml(openid or new_openid(), question))
    assert answer.status_code == 200, answer.text
    return reply_content(answer.text)


@pytest.fixture
async def publish(res):
    """Publishes articles for one test and takes them down after it: policy search is shared with
    the other tests, which rank the demo's articles."""
    made: list[Policy] = []

    async def publish_one(**fields) -> Policy:
        policy = await Policy.create(issuer="测试市卫生健康委员会", is_published=True, tags=[], **fields)
        made.append(policy)
        await policy_index_changed(res)
        return policy

    yield publish_one
    await Policy.filter(id__in=[p.id for p in made]).delete()
    await policy_index_changed(res)


async def test_a_policy_question_gets_the_sentence_with_the_number(api, stack, publish):
    place = f"鲸鲨{uuid.uuid4().hex[:4]}镇"
    policy = await publish(
        title=f"{place}女职工产假规定",
        doc_number="鲸卫发〔2026〕3号",
        summary=f"{place}女职工产假的天数与待遇。",
        body=(
            "为保障女职工权益，制定本规定。"
            "女职工生育享受98天产假，其中产前可以休假15天。"
            f"{place}参加生育保险的女职工，在国家规定产假基础上延长产假60天，合计158天。"
            "本规定自发布之日起施行。"
        ),
    )
    content = await _ask(api, stack, f"{place}产假有多少天？")
    assert "合计158天" in content
    assert f"《{policy.title}》（鲸卫发〔2026〕3号）" in content
    assert f'data-miniprogram-appid="{stack.settings.wechat_miniapp_id}"' in content
    assert f'data-miniprogram-path="pages/policy/detail?id={policy.id}"' in content
    assert "本规定自发布之日起施行" not in content


async def test_a_long_article_still_fits_a_text_reply(api, stack, publish):
    place = f"鲸鲨{uuid.uuid4().hex[:4]}镇"
    sentence = f"{place}托育补贴按每名婴幼儿每月300元发放，由街道审核后按季度拨付到家庭账户，" * 6
    await publish(
        title=f"{place}托育补贴办法",
        doc_number="鲸卫发〔2026〕4号",
        summary="补贴",
        body=(sentence + "。") * 2,
    )
    answer = await post(api, stack.settings, text_xml(new_openid(), f"{place}托育补贴多少钱"))
    content = reply_content(answer.text)
    assert len(content.encode()) <= REPLY_MAX_BYTES
    assert "pages/policy/detail?id=" in content and "300元" in content


async def test_a_greeting_and_an_unmatched_question_get_the_help_text(api, stack):
    assert await _ask(api, stack, "你好") == texts.CAPABILITIES
    assert await _ask(api, stack, "您好！") == texts.CAPABILITIES
    assert await _ask(api, stack, "帮助") == texts.CAPABILITIES
    assert await _ask(api, stack, "火星移民签证怎么办") == texts.CAPABILITIES


async def test_the_age_a_child_can_start_comes_from_the_class_rules(api, stack):
    content = await _ask(api, stack, "孩子几个月可以入托？")
    assert "6 个月到 3 周岁" in content
    assert "乳儿班 6–11 个月" in content and "托大班 24–36 个月" in content


async def test_how_to_book_is_answered(api, stack):
    content = await _ask(api, stack, "怎么预约托育？")
    assert content.startswith("预约托育这样操作")
    assert "计时托最早提前 14 天" in content


async def test_prices_need_a_location_then_name_the_nearest(api, stack, res):
    openid = new_openid()
    before = await _ask(api, stack, "附近托育多少钱", openid)
    assert texts.ASK_FOR_LOCATION in before
    lat, lng = round(random.uniform(30.0, 34.0), 5), round(random.uniform(104.0, 110.0), 5)
    facility = await make_facility(res, lat=lat, lng=lng + 0.002, index=True)
    located = await post(api, stack.settings, location_xml(openid, lat, lng))
    assert located.status_code == 200
    content = await _ask(api, stack, "附近托育多少钱", openid)
    assert facility.name in content
    assert "全日托100元/天" in content and "计时托30元/小时" in content
