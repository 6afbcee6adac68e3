"""The sentence or two of an article that answer a question ("产假有多少天？" → the sentence with
the number of days), ranked like the articles themselves: jieba words, weighted by how rare they
are in the article (a word every sentence holds says nothing about which one answers).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from backend.policies.search import tokens

# A sentence ends at Chinese or Western end punctuation, a semicolon, or a line break.
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n+")
_NUMBER = re.compile(r"\d|[一二三四五六七八九十百千万两]+(?:天|日|个月|月|周|年|元|岁|小时|倍|人|%)")
# Words asking for an amount: a sentence holding a number is then the likelier answer.
_ASKS_AMOUNT = re.compile(r"多少|几|多久|多长|多大|标准|金额|天数")
NUMBER_BONUS = 1.0
MAX_SENTENCE_CHARS = 160
SENTENCES_SHOWN = 2


@dataclass(frozen=True, slots=True)
class Passage:
    text: str
    score: float
    position: int


def sentences(text: str) -> list[str]:
    """The sentences of a text, stripped, each at most MAX_SENTENCE_CHARS long."""
    found: list[str] = []
    for raw in _SENTENCE_END.split(text or ""):
        sentence = raw.strip()
        if len(sentence) < 2:
            continue
        if len(sentence) > MAX_SENTENCE_CHARS:
            sentence = sentence[: MAX_SENTENCE_CHARS - 1] + "…"
        found.append(sentence)
    return found


def rank_passages(question: str, text: str) -> list[Passage]:
    """Every sentence of `text` that shares a word with the question, best first."""
    asked = set(tokens(question))
    if not asked:
        return []
    candidates = sentences(text)
    words = [set(tokens(sentence)) for sentence in candidates]
    frequency: Counter[str] = Counter(word for sentence_words in words for word in sentence_words & asked)
    total = len(candidates)
    wants_amount = bool(_ASKS_AMOUNT.search(question))
    ranked: list[Passage] = []
    for position, (sentence, sentence_words) in enumerate(zip(candidates, words, strict=True)):
        shared = sentence_words & asked
        if not shared:
            continue
        score = sum(math.log(1 + total / frequency[word]) * (1 + 0.2 * (len(word) - 1)) for word in shared)
        if wants_amount and _NUMBER.search(sentence):
            score += NUMBER_BONUS
        ranked.append(Passage(sentence, score, position))
    ranked.sort(key=lambda passage: (-passage.score, passage.position))
    return ranked


def best_passages(question: str, text: str, limit: int = SENTENCES_SHOWN) -> list[str]:
    """The best sentence, and the next best when it scores at least half as well, in text order."""
    ranked = rank_passages(question, text)
    if not ranked:
        return []
    chosen = [ranked[0]] + [p for p in ranked[1:limit] if p.score >= ranked[0].score / 2]
    return [passage.text for passage in sorted(chosen, key=lambda passage: passage.position)]
