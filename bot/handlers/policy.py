"""Questions about policy: the answer itself, not a list of titles.

The best article (jieba + BM25 over every published article) gives its best sentence or two
(backend/policies/passages.py: the words of the question, a number when it asks for an amount), its
title and document number, and a mini-program link to the whole article in the official account's
text-link form. No article matches: None, and the router answers the help text.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from backend.context import Resources
from backend.policies.passages import best_passages

if TYPE_CHECKING:
    from backend.policies.schemas import PolicySummaryAnswer

ARTICLES_SEARCHED = 3
MAX_QUESTION_CHARS = 100
# WeChat cuts a passive text reply longer than 2,048 bytes; the link and title must survive.
REPLY_MAX_BYTES = 2048
POLICY_PAGE = "pages/policy/detail"


def _link(appid: str, policy_id: str, text: str) -> str:
    # The official account's text link into a mini-program page (the appid must be linked to it).
    return (
        f'<a data-miniprogram-appid="{html.escape(appid)}" '
        f'data-miniprogram-path="{POLICY_PAGE}?id={html.escape(policy_id)}">{text}</a>'
    )


def _fit(head: str, passages: list[str], tail: str) -> str:
    """The reply with as much of the passages as fits in REPLY_MAX_BYTES (title and link always)."""
    body = "\n".join(passages)
    reply = f"{head}\n{body}\n{tail}"
    while len(reply.encode()) > REPLY_MAX_BYTES and body:
        body = body[:-10]
        reply = f"{head}\n{body}…\n{tail}"
    return reply


def _also(items: list[PolicySummaryAnswer]) -> str:
    others = [f"《{item.title}》" for item in items[1:]]
    return ("相关政策还有：" + "、".join(others) + "\n") if others else ""


async def answer_question(res: Resources, question: str) -> str | None:
    """The answer from the best matching article, or None when no published article matches."""
    from backend.errors import NotFound
    from backend.policies.service import get_policy, search_policies

    question = question.strip()[:MAX_QUESTION_CHARS]
    items = await search_policies(res, question, ARTICLES_SEARCHED)
    if not items:
        return None
    best = items[0]
    try:
        article = await get_policy(res, best.id)
    except NotFound:  # withdrawn between the search and now
        return None
    passages = best_passages(question, article.body) or best_passages(question, article.summary)
    if not passages:
        passages = [article.summary or article.body[:120]]
    title = f"《{article.title}》"
    if article.doc_number:
        title += f"（{article.doc_number}）"
    link = _link(res.settings.wechat_miniapp_id, article.id, "点此在小程序查看全文")
    tail = f"{_also(items)}{link}\n发「订阅」接收新政策推送。"
    return _fit(f"据{title}：", passages, tail)


async def handle_question(res: Resources, message: Any) -> str | None:
    return await answer_question(res, str(message.content or ""))
