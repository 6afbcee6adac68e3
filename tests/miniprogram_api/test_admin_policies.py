"""Regulator API: policy articles, from draft to published, pushed to subscribed followers once."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from backend.context import Resources
from backend.models import AuditEntry, Follower, OutgoingMessage
from tests.conftest import bearer
from tests.factories import NO_SUCH_ID, make_account, make_facility

# Away from the district centre, where other tests look for the demo facilities nearby.
AWAY = {"lat": 36.0671, "lng": 120.3826}

ANY_ID = NO_SUCH_ID
ENDPOINTS = [
    ("POST", "/api/v1/admin/policies"),
    ("GET", "/api/v1/admin/policies"),
    ("GET", f"/api/v1/admin/policies/{ANY_ID}"),
    ("PATCH", f"/api/v1/admin/policies/{ANY_ID}"),
    ("POST", f"/api/v1/admin/policies/{ANY_ID}/publish"),
]


def unique_word() -> str:
    # One token jieba keeps whole, found in no other test's articles.
    return "zq" + uuid.uuid4().hex[:10]


def policy_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "环翠区关于促进3岁以下婴幼儿照护服务发展的实施方案",
        "doc_number": "威环政办发〔2022〕5号",
        "issuer": "威海市环翠区人民政府办公室",
        "published_at": "2022-04-30",
        "summary": "到2025年，全区婴幼儿照护服务政策、供给和监督管理体系基本健全。",
        "body": "为贯彻落实……结合我区实际，现制定本方案。",
        "tags": ["托育", "监管"],
    }
    body.update(changes)
    return body


async def regulator_headers(res: Resources) -> dict[str, Any]:
    _, token = await make_account(res, "regulator")
    return bearer(token)


async def public_search(api: httpx.AsyncClient, q: str) -> list[str]:
    answer = await api.get("/api/v1/policies", params={"q": q})
    assert answer.status_code == 200, answer.text
    return [item["id"] for item in answer.json()["items"]]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
async def test_wrong_callers_are_refused(
    api: httpx.AsyncClient, res: Resources, method: str, path: str
) -> None:
    answer = await api.request(method, path, json={})
    assert answer.status_code == 401
    facility = await make_facility(res, **AWAY)
    for role in ("parent", "facility_admin", "facility_staff"):
        _, token = await make_account(res, role, facility if role != "parent" else None)
        answer = await api.request(method, path, json={}, headers=bearer(token))
        assert answer.status_code == 403, (role, answer.text)
        assert answer.json()["error"]["code"] == "forbidden"


async def test_a_draft_is_private_until_published_and_the_index_follows(
    api: httpx.AsyncClient, res: Resources
) -> None:
    headers = await regulator_headers(res)
    word = unique_word()
    answer = await api.post(
        "/api/v1/admin/policies",
        json=policy_body(title=f"托育补贴 {word}", tags=["补贴", "补贴", " 托育 "]),
        headers=headers,
    )
    assert answer.status_code == 201, answer.text
    draft = answer.json()
    assert draft["is_published"] is False
    assert draft["published_on"] is None
    assert draft["tags"] == ["补贴", "托育"]
    assert draft["published_at"] == "2022-04-30"
    policy_id = draft["id"]
    assert policy_id not in await public_search(api, word)
    assert (await api.get(f"/api/v1/policies/{policy_id}")).status_code == 404

    listed = await api.get("/api/v1/admin/policies", params={"published": "false"}, headers=headers)
    assert policy_id in [item["id"] for item in listed.json()["items"]]

    published = await api.post(f"/api/v1/admin/policies/{policy_id}/publish", json={}, headers=headers)
    assert published.status_code == 200, published.text
    assert published.json()["is_published"] is True
    assert published.json()["published_on"]
    assert policy_id in await public_search(api, word)
    assert (await api.get(f"/api/v1/policies/{policy_id}")).status_code == 200

    renamed = unique_word()
    edited = await api.patch(
        f"/api/v1/admin/policies/{policy_id}",
        json={"title": f"托育补贴 {renamed}", "published_at": None},
        headers=headers,
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["published_at"] is None
    assert edited.json()["body"] == draft["body"]
    assert policy_id in await public_search(api, renamed)
    assert policy_id not in await public_search(api, word)

    one = await api.get(f"/api/v1/admin/policies/{policy_id}", headers=headers)
    assert one.status_code == 200
    assert one.json()["title"] == f"托育补贴 {renamed}"
    actions = set(await AuditEntry.filter(object_id=policy_id).values_list("action", flat=True))
    assert actions == {"policy.create", "policy.publish", "policy.update"}


async def test_publish_with_push_reaches_subscribed_followers_only_once(
    api: httpx.AsyncClient, res: Resources
) -> None:
    headers = await regulator_headers(res)
    tag = uuid.uuid4().hex[:8]
    subscribed = [
        await Follower.create(openid=f"oa-{tag}-sub{n}", following=True, policy_news=True) for n in range(2)
    ]
    not_subscribed = await Follower.create(openid=f"oa-{tag}-plain", following=True, policy_news=False)
    left = await Follower.create(openid=f"oa-{tag}-left", following=False, policy_news=True)
    mine = {f.openid for f in [*subscribed, not_subscribed, left]}

    policy_id = (await api.post("/api/v1/admin/policies", json=policy_body(), headers=headers)).json()["id"]
    published = await api.post(
        f"/api/v1/admin/policies/{policy_id}/publish", json={"push": True}, headers=headers
    )
    assert published.status_code == 200, published.text
    assert published.json()["is_published"] is True
    first_published_on = published.json()["published_on"]

    async def recipients() -> list[str]:
        rows = await OutgoingMessage.filter(policy_id=policy_id).values_list("recipient_openid", flat=True)
        return [str(openid) for openid in rows]

    sent_to = await recipients()
    assert sorted(set(sent_to) & mine) == sorted(f.openid for f in subscribed)
    assert len(sent_to) == len(set(sent_to))
    before = len(sent_to)

    again = await api.post(
        f"/api/v1/admin/policies/{policy_id}/publish", json={"push": True}, headers=headers
    )
    assert again.status_code == 200
    assert again.json()["published_on"] == first_published_on
    assert again.json()["push_queued"] == 0
    assert len(await recipients()) == before


async def test_publish_without_push_queues_nothing(api: httpx.AsyncClient, res: Resources) -> None:
    headers = await regulator_headers(res)
    await Follower.create(openid=f"oa-{uuid.uuid4().hex[:8]}", following=True, policy_news=True)
    policy_id = (await api.post("/api/v1/admin/policies", json=policy_body(), headers=headers)).json()["id"]
    answer = await api.post(
        f"/api/v1/admin/policies/{policy_id}/publish", json={"push": False}, headers=headers
    )
    assert answer.status_code == 200
    assert not await OutgoingMessage.exists(policy_id=policy_id)


async def test_bad_policies_are_refused_naming_the_field(api: httpx.AsyncClient, res: Resources) -> None:
    headers = await regulator_headers(res)
    cases: list[tuple[dict[str, Any], str]] = [
        (policy_body(title=""), "title"),
        (policy_body(title="   "), "title"),
        (policy_body(title="x" * 201), "title"),
        ({k: v for k, v in policy_body().items() if k != "title"}, "title"),
        (policy_body(body=""), "body"),
        (policy_body(body="x" * 50_001), "body"),
        (policy_body(doc_number="x" * 101), "doc_number"),
        (policy_body(issuer="x" * 101), "issuer"),
        (policy_body(summary="x" * 1001), "summary"),
        (policy_body(published_at="30/04/2022"), "published_at"),
        (policy_body(tags=[f"t{n}" for n in range(11)]), "tags"),
        (policy_body(tags=["x" * 21]), "tags"),
        (policy_body(tags=[""]), "tags"),
        (policy_body(tags="托育"), "tags"),
        (policy_body(author="me"), "author"),
    ]
    for body, field in cases:
        answer = await api.post("/api/v1/admin/policies", json=body, headers=headers)
        assert answer.status_code == 422, (field, answer.text)
        fields = answer.json()["error"]["details"]["fields"]
        assert any(name.split(".")[0] == field for name in fields), (field, fields)

    policy_id = (await api.post("/api/v1/admin/policies", json=policy_body(), headers=headers)).json()["id"]
    for patch, field in (
        ({}, "body"),
        ({"title": None}, "title"),
        ({"tags": None}, "tags"),
        ({"body": ""}, "body"),
        ({"id": ANY_ID}, "id"),
    ):
        answer = await api.patch(f"/api/v1/admin/policies/{policy_id}", json=patch, headers=headers)
        assert answer.status_code == 422, (patch, answer.text)
        assert field in answer.json()["error"]["details"]["fields"], answer.text
    for body in ({"push": "yes please"}, {"push": True, "loud": True}):
        answer = await api.post(f"/api/v1/admin/policies/{policy_id}/publish", json=body, headers=headers)
        assert answer.status_code == 422
    for missing in (ANY_ID, "nope"):
        assert (await api.get(f"/api/v1/admin/policies/{missing}", headers=headers)).status_code == 404
        answer = await api.post(f"/api/v1/admin/policies/{missing}/publish", json={}, headers=headers)
        assert answer.status_code == 404
        answer = await api.patch(f"/api/v1/admin/policies/{missing}", json={"title": "t"}, headers=headers)
        assert answer.status_code == 404


async def test_the_list_includes_drafts_and_pages(api: httpx.AsyncClient, res: Resources) -> None:
    headers = await regulator_headers(res)
    made = [
        (await api.post("/api/v1/admin/policies", json=policy_body(), headers=headers)).json()["id"]
        for _ in range(3)
    ]
    first = await api.get("/api/v1/admin/policies", params={"limit": 2}, headers=headers)
    assert first.status_code == 200
    page = first.json()
    assert [item["id"] for item in page["items"]] == made[::-1][:2]
    assert "body" not in page["items"][0]
    second = await api.get(
        "/api/v1/admin/policies", params={"limit": 2, "cursor": page["next_cursor"]}, headers=headers
    )
    assert second.json()["items"][0]["id"] == made[0]
    for params in ({"limit": 51}, {"cursor": "x.y"}, {"published": "perhaps"}):
        answer = await api.get("/api/v1/admin/policies", params=params, headers=headers)
        assert answer.status_code == 422, params
