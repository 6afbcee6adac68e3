"""GET /api/v1/policies and /policies/{id}: published articles, best match first for q."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx
import pytest

from backend.context import Resources
from backend.models import Policy
from backend.policies.service import policy_index_changed, search_policies
from tests.backend.geo.demo import demo_seeded
from tests.factories import NO_SUCH_ID

POLICIES = "/api/v1/policies"
TAX_MEASURE = "环翠区3岁以下婴幼儿照护服务实施方案（十六）落实优惠政策"
TAX_ANNOUNCEMENT = "关于养老、托育、家政等社区家庭服务业税费优惠政策的公告"
LIST_FIELDS = {"id", "title", "doc_number", "issuer", "published_at", "summary", "tags"}


async def listing(api: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    response = await api.get(POLICIES, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_search_finds_the_tax_relief_measure_first(api: httpx.AsyncClient, res: Resources) -> None:
    await demo_seeded(res)
    body = await listing(api, q="托育机构 税费 优惠")
    # The district's own measure 16 leads, with the national announcement it cites right after.
    assert [item["title"] for item in body["items"][:2]] == [TAX_MEASURE, TAX_ANNOUNCEMENT]
    assert set(body["items"][0]) == LIST_FIELDS
    # The bot's entry point ranks the same way.
    best = await search_policies(res, "托育机构 税费 优惠", 3)
    assert [item.title for item in best[:2]] == [item["title"] for item in body["items"][:2]]
    assert (await listing(api, q="产假"))["items"][0]["title"].endswith("全面落实产假及相关政策")
    assert (await listing(api, q="的 了"))["items"] == []


async def test_newest_first_paged_and_by_tag(api: httpx.AsyncClient, res: Resources) -> None:
    await demo_seeded(res)
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        body = await listing(api, limit=7, **({"cursor": cursor} if cursor else {}))
        seen += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    ids = [item["id"] for item in seen]
    assert len(ids) == len(set(ids)) == await Policy.filter(is_published=True).count()
    dates = [item["published_at"] or "" for item in seen]
    assert dates == sorted(dates, reverse=True)
    tagged = (await listing(api, tag="税费", limit=50))["items"]
    assert tagged and all("税费" in item["tags"] for item in tagged)
    tagged_search = (await listing(api, tag="个税", q="托育 税费"))["items"]
    assert tagged_search and all("个税" in item["tags"] for item in tagged_search)


async def test_the_whole_article_and_drafts_hidden(api: httpx.AsyncClient, res: Resources) -> None:
    await demo_seeded(res)
    marker = uuid.uuid4().hex[:8]
    published = await Policy.create(
        title=f"测试育儿补贴发放细则{marker}",
        doc_number=f"环卫发〔2099〕{marker}号",
        issuer="环翠区卫生健康局",
        published_at=date(2099, 1, 1),
        summary="摘要",
        body="正文：每孩每年3600元。",
        tags=["补贴"],
        is_published=True,
    )
    draft = await Policy.create(title=f"草稿{marker}", body=f"未发布的正文{marker}", is_published=False)
    # Not in search until the version is bumped (each worker keeps its index till then).
    await policy_index_changed(res)

    article = (await api.get(f"{POLICIES}/{published.id}")).json()
    assert article["body"] == "正文：每孩每年3600元。"
    assert article["doc_number"] == published.doc_number and article["published_at"] == "2099-01-01"
    assert (await listing(api))["items"][0]["id"] == str(published.id)
    assert (await listing(api, q=marker))["items"][0]["id"] == str(published.id)
    assert str(draft.id) not in {item["id"] for item in (await listing(api, q=f"草稿{marker}"))["items"]}
    response = await api.get(f"{POLICIES}/{draft.id}")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"

    # An edit reaches search once the version moves.
    published.title = f"已更名的细则{marker}"
    await published.save()
    await policy_index_changed(res)
    assert (await listing(api, q="已更名"))["items"][0]["title"] == published.title
    published.is_published = False
    await published.save()
    await policy_index_changed(res)
    assert str(published.id) not in {item["id"] for item in (await listing(api, limit=50))["items"]}


@pytest.mark.parametrize("policy_id", [NO_SUCH_ID, "nope", "0"])
async def test_unknown_policy_is_404(api: httpx.AsyncClient, policy_id: str) -> None:
    response = await api.get(f"{POLICIES}/{policy_id}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "托" * 101}, "q"),
        ({"tag": "t" * 21}, "tag"),
        ({"limit": "51"}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"cursor": "bad.cursor"}, "cursor"),
        ({"page": "2"}, "page"),
    ],
)
async def test_bad_policy_queries(api: httpx.AsyncClient, params: dict[str, Any], field: str) -> None:
    response = await api.get(POLICIES, params=params)
    assert response.status_code == 422
    assert field in response.json()["error"]["details"]["fields"]
