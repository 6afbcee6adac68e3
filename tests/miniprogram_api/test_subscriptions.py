"""Subscribe-message grants: each template a parent accepted counts one more one-time permission."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest

from backend.context import Resources
from backend.models import SubscribeGrant
from tests.conftest import bearer
from tests.factories import make_account, make_parent

SUBSCRIPTIONS = "/api/v1/subscriptions"


def template() -> str:
    return f"tpl-{uuid.uuid4().hex[:20]}"


async def test_each_grant_counts_one_more(api: httpx.AsyncClient, res: Resources) -> None:
    parent, token = await make_parent(res)
    booking, other = template(), template()

    first = await api.post(SUBSCRIPTIONS, json={"template_ids": [booking]}, headers=bearer(token))
    assert first.status_code == 200, first.text
    assert first.json() == {"grants": [{"template_id": booking, "remaining": 1, "granted_total": 1}]}

    second = await api.post(SUBSCRIPTIONS, json={"template_ids": [booking, other]}, headers=bearer(token))
    assert second.status_code == 200
    remaining = {g["template_id"]: g["remaining"] for g in second.json()["grants"]}
    assert remaining == {booking: 2, other: 1}

    listed = await api.get(SUBSCRIPTIONS, headers=bearer(token))
    assert listed.status_code == 200
    assert {g["template_id"]: g["remaining"] for g in listed.json()["grants"]} == {booking: 2, other: 1}
    assert await SubscribeGrant.filter(account=parent).count() == 2


async def test_a_template_named_twice_in_one_call_counts_once(api: httpx.AsyncClient, res: Resources) -> None:
    _, token = await make_parent(res)
    tpl = template()
    response = await api.post(SUBSCRIPTIONS, json={"template_ids": [tpl, tpl, tpl]}, headers=bearer(token))
    assert response.status_code == 200
    assert response.json()["grants"] == [{"template_id": tpl, "remaining": 1, "granted_total": 1}]


async def test_grants_are_per_parent(api: httpx.AsyncClient, res: Resources) -> None:
    _, mine = await make_parent(res)
    _, theirs = await make_parent(res)
    tpl = template()
    await api.post(SUBSCRIPTIONS, json={"template_ids": [tpl]}, headers=bearer(mine))
    assert (await api.get(SUBSCRIPTIONS, headers=bearer(theirs))).json() == {"grants": []}


async def test_fifty_concurrent_grants_count_fifty(api: httpx.AsyncClient, res: Resources) -> None:
    parent, token = await make_parent(res)
    tpl = template()
    # No row exists yet: every request races to create it, and none may be lost.
    responses = await asyncio.gather(
        *(api.post(SUBSCRIPTIONS, json={"template_ids": [tpl]}, headers=bearer(token)) for _ in range(50))
    )
    assert [r.status_code for r in responses] == [200] * 50
    grant = await SubscribeGrant.get(account=parent, template_id=tpl)
    assert (grant.remaining, grant.granted_total) == (50, 50)
    listed = (await api.get(SUBSCRIPTIONS, headers=bearer(token))).json()["grants"]
    assert listed == [{"template_id": tpl, "remaining": 50, "granted_total": 50}]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"template_ids": []},
        {"template_ids": [f"t{n}" for n in range(21)]},
        {"template_ids": ["x" * 65]},
        {"template_ids": [""]},
        {"template_ids": ["has space"]},
        {"template_ids": "tpl"},
        {"template_ids": [42]},
        {"template_ids": ["tpl"], "extra": True},
    ],
)
async def test_bad_bodies_are_422(api: httpx.AsyncClient, res: Resources, body: dict[str, object]) -> None:
    parent, token = await make_parent(res)
    response = await api.post(SUBSCRIPTIONS, json=body, headers=bearer(token))
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_failed"
    assert response.json()["error"]["details"]["fields"]
    assert await SubscribeGrant.filter(account=parent).count() == 0


async def test_twenty_ids_of_64_characters_are_fine(api: httpx.AsyncClient, res: Resources) -> None:
    _, token = await make_parent(res)
    ids = [f"{n:02d}" + "a" * 62 for n in range(20)]
    response = await api.post(SUBSCRIPTIONS, json={"template_ids": ids}, headers=bearer(token))
    assert response.status_code == 200
    assert [g["template_id"] for g in response.json()["grants"]] == sorted(ids)


async def test_the_number_of_templates_per_parent_is_bounded(api: httpx.AsyncClient, res: Resources) -> None:
    parent, token = await make_parent(res)
    await SubscribeGrant.bulk_create(
        [SubscribeGrant(account=parent, template_id=f"t{n}", remaining=1, granted_total=1) for n in range(50)]
    )
    known = await api.post(SUBSCRIPTIONS, json={"template_ids": ["t1"]}, headers=bearer(token))
    assert known.status_code == 200
    new = await api.post(SUBSCRIPTIONS, json={"template_ids": ["t-new"]}, headers=bearer(token))
    assert new.status_code == 422
    assert "template_ids" in new.json()["error"]["details"]["fields"]


async def test_subscriptions_are_for_parents(api: httpx.AsyncClient, res: Resources) -> None:
    body = {"template_ids": [template()]}
    assert (await api.post(SUBSCRIPTIONS, json=body)).status_code == 401
    assert (await api.get(SUBSCRIPTIONS)).status_code == 401
    _, regulator = await make_account(res, "regulator")
    assert (await api.post(SUBSCRIPTIONS, json=body, headers=bearer(regulator))).status_code == 403
    assert (await api.get(SUBSCRIPTIONS, headers=bearer(regulator))).status_code == 403
