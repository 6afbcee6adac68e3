"""Chinese full-text search over published policies: jieba to cut words, BM25 to rank them.

The index lives in memory and is cheap to rebuild from the database; it holds nothing that another
worker would need to agree with.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import jieba
from rank_bm25 import BM25Plus

# Words jieba's general dictionary cuts apart, so a query for 托育机构 would otherwise also match
# every text about 机构 as strongly as one about 托育机构.
DOMAIN_WORDS: tuple[str, ...] = (
    "托育",
    "托育机构",
    "托育服务",
    "婴幼儿",
    "婴幼儿照护",
    "照护服务",
    "普惠托育",
    "普惠性",
    "母婴室",
    "母婴设施",
    "税费优惠",
    "产假",
    "育儿假",
    "陪产假",
    "育儿补贴",
    "家庭托育点",
    "托班",
    "乳儿班",
    "托小班",
    "托大班",
    "混合班",
    "备案",
    "双随机",
    "一公开",
    "入托",
    "体检",
    "保育",
    "保育员",
    "育婴员",
    "卫生健康",
    "用人单位",
    "社区",
    "示范",
)

STOPWORDS: frozenset[str] = frozenset(
    {
        "的", "地", "得", "之", "和", "与", "及", "以及", "等", "了", "在", "是", "对", "为", "按",
        "年", "月", "日", "并", "或", "其", "将", "把", "被", "由", "从", "向", "于", "以", "而",
        "也", "又", "就", "都", "要", "应", "可", "能", "有", "无", "不", "个", "各", "该", "此",
        "这", "那", "我", "你", "他", "她", "它", "们", "吗", "呢", "吧", "啊", "么", "什么",
        "怎么", "怎样", "如何", "哪些", "哪里", "多少", "是否", "可以", "一个", "一些", "关于",
        "有关", "进行", "通过", "根据", "按照", "对于", "其他", "以上", "以下", "个人", "想",
    }
)  # fmt: skip

# How many times a field's words count, so a query that hits a title ranks above a passing mention.
TITLE_WEIGHT = 3
TAGS_WEIGHT = 3
DOC_NUMBER_WEIGHT = 2
SUMMARY_WEIGHT = 2
BODY_WEIGHT = 1

_jieba_ready = False
_jieba_lock = threading.Lock()


def _ensure_jieba() -> None:
    # Loading jieba's dictionary takes about a second, so it happens on first use, not at import.
    global _jieba_ready
    if _jieba_ready:
        return
    with _jieba_lock:
        if _jieba_ready:
            return
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        for word in DOMAIN_WORDS:
            jieba.add_word(word)
        _jieba_ready = True


def warm_tokenizer() -> None:
    """Loads jieba's dictionary on a thread of its own, so that the first policy question a worker
    gets (the bot has WeChat's few seconds to answer) does not wait for it. A daemon thread: a
    worker told to stop meanwhile does not wait for it either."""
    threading.Thread(target=_ensure_jieba, name="jieba-dictionary", daemon=True).start()


# Punctuation, symbols and whitespace carry no meaning for search, but jieba returns them as tokens.
_NOISE = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=4096)
def _cached_tokens(text: str) -> tuple[str, ...]:
    # Cutting words is the slow part of building the index; a rebuild after one policy changes
    # then only cuts that policy again.
    _ensure_jieba()
    normalised = unicodedata.normalize("NFKC", text).lower()
    return tuple(
        token
        for token in (raw.strip() for raw in jieba.lcut_for_search(normalised))
        if token and token not in STOPWORDS and not _NOISE.fullmatch(token)
    )


def tokens(text: str) -> list[str]:
    """Search tokens of a text: jieba's search-mode words without punctuation or stopwords."""
    if not text or text.isspace():
        return []
    return list(_cached_tokens(text))


@dataclass(frozen=True, slots=True)
class PolicyDocument:
    id: str
    title: str
    summary: str
    body: str
    doc_number: str  # 文号, e.g. 国办发〔2019〕15号
    tags: Sequence[str]


def _weighted_tokens(document: PolicyDocument) -> list[str]:
    weighted: list[str] = []
    weighted += tokens(document.title) * TITLE_WEIGHT
    for tag in document.tags:
        weighted += tokens(tag) * TAGS_WEIGHT
    weighted += tokens(document.doc_number) * DOC_NUMBER_WEIGHT
    weighted += tokens(document.summary) * SUMMARY_WEIGHT
    weighted += tokens(document.body) * BODY_WEIGHT
    return weighted


class PolicySearchIndex:
    """A BM25 index over policy documents, rebuilt whenever the published policies change."""

    def __init__(self, documents: Iterable[PolicyDocument]) -> None:
        self._ids: list[str] = []
        self._vocabularies: list[frozenset[str]] = []
        corpus: list[list[str]] = []
        seen_ids: set[str] = set()
        for document in documents:
            if document.id in seen_ids:
                raise ValueError(f"policy {document.id!r} appears twice")
            seen_ids.add(document.id)
            document_tokens = _weighted_tokens(document)
            self._ids.append(document.id)
            self._vocabularies.append(frozenset(document_tokens))
            corpus.append(document_tokens)
        # BM25Plus because its idf, log((N+1)/n), stays positive however few documents there are;
        # BM25Okapi's goes to zero or below for words in half the documents of a small corpus.
        # rank_bm25 cannot index an empty corpus (it divides by the corpus size).
        self._bm25: Any = BM25Plus(corpus) if corpus and any(corpus) else None

    def __len__(self) -> int:
        return len(self._ids)

    def search(self, query: str, limit: int = 10) -> list[tuple[str, float]]:
        """Ids of the documents that share a word with the query and their scores, best first."""
        if self._bm25 is None or limit <= 0:
            return []
        # Each distinct word once: repeating a word in a question shouldn't outweigh the others.
        query_tokens = list(dict.fromkeys(tokens(query)))
        if not query_tokens:
            return []
        scores = self._bm25.get_scores(query_tokens)
        # rank_bm25's BM25Plus adds its delta for every query word, matched or not, so a document
        # sharing no word with the query still scores above zero; only real matches are answers.
        matches = [
            (document_id, float(score))
            for document_id, vocabulary, score in zip(self._ids, self._vocabularies, scores, strict=True)
            if not vocabulary.isdisjoint(query_tokens) and score > 0
        ]
        matches.sort(key=lambda match: (-match[1], match[0]))
        return matches[:limit]
