"""The parents' service below the web layer: rules that need no HTTP round trip to show."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from backend import ratelimit
from backend.calendar import iso_local
from backend.context import Caller, Resources
from backend.errors import Forbidden, InvalidCode, RateLimited, ValidationFailed, WechatUnavailable
from backend.models import Account, SubscribeGrant
from backend.parents import repository, service
from backend.parents.schemas import ChildCreate
from backend.wechat_gateway import WechatError, WechatSession, WechatUnreachable
from tests.factories import make_account, make_parent


class ScriptedGateway:
    """Answers code_to_session from a table, as the real gateway would after WeChat answered."""

    def __init__(self, sessions: dict[str, WechatSession]) -> None:
        self.sessions = sessions
        self.calls = 0

    async def code_to_session(self, code: str) -> WechatSession:
        self.calls += 1
        await asyncio.sleep(0)
        if code not in self.sessions:
            raise WechatError(40029, "invalid code")
        return self.sessions[code]

    async def send_subscribe_message(
        self, openid: str, template_id: str, data: dict[str, Any], page: str | None = None
    ) -> str | None:
        raise NotImplementedError

    async def send_template_message(
        self, openid: str, template_id: str, data: dict[str, Any], url: str | None = None
    ) -> str | None:
        raise NotImplementedError

    async def send_text(self, openid: str, text: str) -> None:
        raise NotImplementedError


def with_gateway(res: Resources, gateway: ScriptedGateway | None) -> Resources:
    return dataclasses.replace(res, wechat=gateway)


def client() -> str:
    return f"203.0.113.{uuid.uuid4().int % 250}-{uuid.uuid4().hex[:6]}"


async def test_without_a_gateway_login_is_unavailable(res: Resources) -> None:
    with pytest.raises(WechatUnavailable):
        await service.wx_login(with_gateway(res, None), "code", client())


async def test_the_bad_code_limit_is_checked_before_wechat(res: Resources) -> None:
    gateway = ScriptedGateway({})
    who = client()
    for _ in range(res.settings.wx_login_bad_code_limit):
        with pytest.raises(InvalidCode):
            await service.wx_login(with_gateway(res, gateway), "bad", who)
    calls = gateway.calls
    with pytest.raises(RateLimited):
        await service.wx_login(with_gateway(res, gateway), "bad", who)
    assert gateway.calls == calls
    # Another client is not held back by this one's mistakes.
    with pytest.raises(InvalidCode):
        await service.wx_login(with_gateway(res, gateway), "bad", client())
    await ratelimit.reset(res, service.WX_LOGIN_BAD_CODE_SCOPE, who)


async def test_concurrent_first_logins_make_one_parent(res: Resources) -> None:
    openid = f"o-{uuid.uuid4().hex}"
    sessions = {f"c{n}": WechatSession(openid=openid, session_key=f"key-{n}") for n in range(10)}
    gateway = ScriptedGateway(sessions)
    answers = await asyncio.gather(
        *(service.wx_login(with_gateway(res, gateway), code, client()) for code in sessions)
    )
    assert len({a.user.id for a in answers}) == 1
    assert await Account.filter(openid=openid).count() == 1


async def test_a_non_parent_or_disabled_account_cannot_wx_login(res: Resources) -> None:
    account, _ = await make_parent(res)
    account.is_active = False
    await account.save()
    assert account.openid is not None
    gateway = ScriptedGateway({"c": WechatSession(openid=account.openid, session_key="k")})
    with pytest.raises(Forbidden):
        await service.wx_login(with_gateway(res, gateway), "c", client())


async def test_children_are_for_parents_only_in_the_service_too(res: Resources) -> None:
    regulator, _ = await make_account(res, "regulator")
    caller = Caller(account_id=str(regulator.id), role="regulator")
    body = ChildCreate(name="小明", birth_date=date(2025, 1, 1), gender="m", consent=True)
    with pytest.raises(Forbidden):
        await service.create_child(res, caller, body)


def test_mask_phone() -> None:
    assert service.mask_phone("13812341234") == "138****1234"
    assert service.mask_phone(" 13812341234 ") == "138****1234"
    assert service.mask_phone("12345") == "****45"


def test_timestamps_carry_the_service_offset() -> None:
    assert iso_local(datetime(2026, 1, 1, 0, 0, tzinfo=UTC)) == "2026-01-01T08:00:00+08:00"
    assert iso_local(None) is None


@pytest.mark.parametrize(
    ("birth", "today", "ok"),
    [
        (date(2020, 2, 29), date(2026, 2, 28), True),
        (date(2020, 2, 28), date(2026, 2, 28), True),
        (date(2020, 2, 27), date(2026, 2, 28), False),
        (date(2018, 3, 1), date(2024, 2, 29), True),
        (date(2018, 2, 27), date(2024, 2, 29), False),
        (date(2018, 2, 28), date(2024, 2, 29), True),
        (date(2026, 3, 2), date(2026, 3, 1), False),
        (date(2026, 3, 1), date(2026, 3, 1), True),
    ],
)
def test_birth_date_bounds(birth: date, today: date, ok: bool) -> None:
    if ok:
        service.check_birth_date(birth, today)
    else:
        with pytest.raises(ValidationFailed) as caught:
            service.check_birth_date(birth, today)
        assert "birth_date" in caught.value.details["fields"]


async def test_grants_are_counted_and_spent_atomically(res: Resources) -> None:
    parent, _ = await make_parent(res)
    account_id = str(parent.id)

    async def grant() -> None:
        from tortoise.transactions import in_transaction

        async with in_transaction():
            await repository.add_subscribe_grant(account_id, "tpl")

    await asyncio.gather(*(grant() for _ in range(20)))
    stored = await SubscribeGrant.get(account=parent, template_id="tpl")
    assert (stored.remaining, stored.granted_total) == (20, 20)

    spent = await asyncio.gather(*(service.take_subscribe_grant(account_id, "tpl") for _ in range(25)))
    assert spent.count(True) == 20
    stored = await SubscribeGrant.get(account=parent, template_id="tpl")
    assert (stored.remaining, stored.granted_total) == (0, 20)
    assert await service.take_subscribe_grant(account_id, "never-granted") is False


class UnreachableGateway(ScriptedGateway):
    """WeChat cannot be reached; the error names the URL, as requests' ConnectionError does."""

    async def code_to_session(self, code: str) -> WechatSession:
        raise WechatUnreachable(
            "ConnectionError: HTTPSConnectionPool(host='api.weixin.qq.com', port=443): Max retries "
            f"exceeded with url: /sns/jscode2session?appid=wx123&secret=TOPSECRET&js_code={code}"
            "&grant_type=authorization_code (Caused by NewConnectionError('refused'))"
        )


async def test_an_unreachable_wechat_logs_no_secret(res: Resources, caplog: pytest.LogCaptureFixture) -> None:
    # The mini program's app secret and the user's login code must never reach the logs.
    with caplog.at_level(logging.DEBUG), pytest.raises(WechatUnavailable):
        await service.wx_login(with_gateway(res, UnreachableGateway({})), "USERCODE42", client())
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "jscode2session" in logged
    assert "TOPSECRET" not in logged and "USERCODE42" not in logged
