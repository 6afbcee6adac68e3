"""The outbox service checks its caller itself, as every service does (backend/accounts/scope.py):
it is also reached from places no route guards."""

from __future__ import annotations

import uuid

import pytest

from backend.context import Caller, Resources
from backend.errors import Forbidden
from backend.models import OutgoingMessage
from backend.push.service import OutboxQuery, list_outbox, retry_outgoing_message
from tests.factories import make_account, make_facility
from tests.miniprogram_api.callers import AWAY


async def _dead_message() -> OutgoingMessage:
    return await OutgoingMessage.create(
        kind="subscribe",
        dedup_key=f"test:{uuid.uuid4().hex}",
        recipient_openid="oAbCdEfGhIjKlMnOpQrStUvWx1234",
        template_id="booking-status-template",
        event="confirmed",
        payload={"facility_name": "测试托育园"},
        state="dead",
        attempts=3,
    )


async def _facility_admin(res: Resources) -> Caller:
    facility = await make_facility(res, **AWAY)
    account, _ = await make_account(res, "facility_admin", facility)
    return Caller(account_id=str(account.id), role="facility_admin", facility_id=str(facility.id))


async def test_a_facility_caller_may_not_list_the_outbox(res: Resources) -> None:
    with pytest.raises(Forbidden):
        await list_outbox(res, await _facility_admin(res), OutboxQuery())


async def test_a_facility_caller_may_not_replay_a_message_and_it_stays_dead(res: Resources) -> None:
    message = await _dead_message()
    with pytest.raises(Forbidden):
        await retry_outgoing_message(res, await _facility_admin(res), str(message.id))
    stored = await OutgoingMessage.get(id=message.id)
    assert stored.state == "dead" and stored.attempts == 3


async def test_a_regulator_may(res: Resources) -> None:
    account, _ = await make_account(res, "regulator")
    page = await list_outbox(res, Caller(account_id=str(account.id), role="regulator"), OutboxQuery())
    assert set(page.model_dump()) == {"items", "next_cursor"}
