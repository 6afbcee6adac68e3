"""Questions about policy: the best matching policy articles."""

from __future__ import annotations

from typing import Any

from backend.context import Resources
from bot.handlers import texts

ANSWERS_SHOWN = 3
MAX_QUESTION_CHARS = 100
MAX_ECHO_CHARS = 12


def _shown(question: str) -> str:
    return question if len(question) <= MAX_ECHO_CHARS else question[: MAX_ECHO_CHARS - 1] + "…"


async def answer_question(res: Resources, question: str) -> str:
    from backend.policies.service import search_policies

    question = question.strip()[:MAX_QUESTION_CHARS]
    items = await search_policies(res, question, ANSWERS_SHOWN)
    if not items:
        return f"没有找到与「{_shown(question)}」相关的政策，{texts.POLICY_SUGGESTIONS}"
    lines = ["为您找到这些政策："]
    for index, item in enumerate(items, start=1):
        line = f"{index}. {item.get('title', '')}"
        if item.get("doc_number"):
            line += f"（{item['doc_number']}）"
        lines.append(line)
    lines.append("在小程序「政策」中可查看全文。发「订阅」接收新政策推送。")
    return "\n".join(lines)


async def handle_question(res: Resources, message: Any) -> str:
    return await answer_question(res, str(message.content or ""))
