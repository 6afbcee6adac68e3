"""Passage ranking: the sentence of an article that answers the question."""

from __future__ import annotations

from backend.policies.passages import best_passages, rank_passages, sentences

LEAVE = (
    "为保障女职工权益，制定本规定。"
    "女职工生育享受98天产假，其中产前可以休假15天。"
    "参加生育保险的女职工，在国家规定产假基础上延长产假60天，合计158天。"
    "男方享受陪产假15天。"
    "本规定自发布之日起施行。"
)


def test_an_article_is_cut_into_sentences() -> None:
    assert sentences("第一句。第二句！\n第三句") == ["第一句。", "第二句！", "第三句"]


def test_the_sentence_with_the_number_answers_how_many() -> None:
    best = best_passages("产假有多少天？", LEAVE)
    assert any("158天" in sentence for sentence in best)
    assert all("本规定自发布" not in sentence for sentence in best)


def test_a_rare_word_outranks_a_common_one() -> None:
    ranked = rank_passages("陪产假几天", LEAVE)
    assert "陪产假15天" in ranked[0].text


def test_a_question_sharing_no_word_has_no_passage() -> None:
    assert best_passages("火星移民签证", LEAVE) == []


def test_at_most_two_sentences_in_article_order() -> None:
    best = best_passages("产假多少天", LEAVE)
    assert 1 <= len(best) <= 2
    assert [LEAVE.index(sentence) for sentence in best] == sorted(LEAVE.index(sentence) for sentence in best)
