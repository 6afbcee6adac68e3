import random

import pytest

import backend.policies.search as search_module
from backend.policies.search import PolicyDocument, PolicySearchIndex, tokens


def doc(id_, title, body="", summary="", doc_number="", tags=()):
    return PolicyDocument(id=id_, title=title, summary=summary, body=body, doc_number=doc_number, tags=tags)


TAX_RELIEF = doc(
    "tax",
    "关于养老、托育、家政等社区家庭服务业税费优惠政策的公告",
    summary="为社区提供托育服务的机构，免征增值税，减按90%计入收入总额。",
    body="提供社区养老、托育、家政服务取得的收入，免征增值税。承受房屋、土地用于提供社区托育服务的，免征契税。",
    doc_number="财政部公告2019年第76号",
    tags=("税费", "托育"),
)
MATERNITY_LEAVE = doc(
    "leave",
    "山东省人口与计划生育条例（修正）",
    summary="符合法律法规规定生育子女的夫妻，女方延长产假六十日，男方享受陪产假十五日。",
    body="在子女三周岁以内，父母每年各享受十日育儿假。",
    tags=("产假", "育儿假"),
)
DECOYS = [
    doc(
        "filing",
        "托育机构登记和备案办法（试行）",
        summary="托育机构应当向县级卫生健康部门备案。",
        body="举办托育机构的，应当登记；托育机构备案时提交评价报告。托育机构名称、地址变更的，重新备案。",
        doc_number="国卫人口发〔2019〕31号",
    ),
    doc(
        "standard",
        "托育机构设置标准（试行）",
        body="托育机构一般设置乳儿班、托小班、托大班三种班型。托育机构的建筑应当符合有关标准。",
        doc_number="国卫人口发〔2019〕58号",
    ),
    doc(
        "smallbiz",
        "关于进一步实施小微企业所得税优惠政策的公告",
        summary="对小型微利企业年应纳税所得额减按25%计入应纳税所得额。",
        body="小型微利企业所得税优惠政策，执行期限延续。",
    ),
    doc(
        "subsidy",
        "育儿补贴制度实施方案",
        summary="从2025年1月1日起，对3周岁以下婴幼儿发放育儿补贴，每孩每年3600元。",
        body="育儿补贴按年发放，由婴幼儿父母申领。",
        tags=("补贴",),
    ),
]


@pytest.fixture(scope="module")
def index():
    return PolicySearchIndex([*DECOYS, TAX_RELIEF, MATERNITY_LEAVE])


def test_tokens_drop_punctuation_whitespace_and_stopwords():
    assert tokens("托育机构的税费优惠，和产假！") == "托育 机构 托育机构 税费 优惠 税费优惠 产假".split()
    assert tokens("   \n\t") == []
    assert tokens("") == []
    assert tokens("，。！？《》") == []


def test_domain_words_are_kept_whole():
    for word in ("家庭托育点", "普惠托育", "母婴室", "育儿补贴", "婴幼儿"):
        assert word in tokens(f"关于{word}的说明")


def test_tokens_are_lower_case_and_half_width():
    assert tokens("ＡＢＣ abc") == ["abc", "abc"]


def test_tax_relief_query_ranks_the_tax_relief_policy_first(index):
    results = index.search("托育机构 税费 优惠")
    assert results[0][0] == "tax"
    assert {"filing", "standard", "smallbiz"} <= {document_id for document_id, _ in results}


def test_maternity_leave_query_finds_the_leave_policy(index):
    results = index.search("产假")
    assert [document_id for document_id, _ in results] == ["leave"]
    assert results[0][1] > 0


def test_a_natural_question_finds_the_subsidy(index):
    assert index.search("怎么申请育儿补贴？")[0][0] == "subsidy"


def test_doc_numbers_are_searchable(index):
    assert index.search("国卫人口发〔2019〕31号")[0][0] == "filing"


@pytest.mark.parametrize("query", ["量子力学黑洞", "zzqxv", "", "   ", "，。？", "的 和 是"])
def test_nonsense_and_empty_queries_find_nothing(index, query):
    assert index.search(query) == []


def test_scores_are_positive_and_sorted_with_ties_broken_by_id(index):
    results = index.search("托育")
    scores = [score for _, score in results]
    assert all(score > 0 for score in scores)
    assert scores == sorted(scores, reverse=True)
    twins = PolicySearchIndex([doc("b", "托育机构"), doc("a", "托育机构"), doc("c", "无关内容")])
    (first_id, first_score), (second_id, second_score) = twins.search("托育机构")
    assert (first_id, second_id) == ("a", "b")
    assert first_score == second_score


def test_limit(index):
    assert len(index.search("托育", limit=2)) == 2
    assert index.search("托育", limit=0) == []


def test_three_document_corpus_ranks_sensibly():
    # With three documents, a word in two of them has zero or negative idf under plain BM25Okapi.
    small = PolicySearchIndex(
        [
            doc("1", "托育机构税费优惠", body="托育机构免征增值税"),
            doc("2", "托育机构备案", body="托育机构备案办法"),
            doc("3", "产假规定", body="延长产假"),
        ]
    )
    results = small.search("托育机构")
    assert {document_id for document_id, _ in results} == {"1", "2"}
    assert all(score > 0 for _, score in results)
    assert small.search("托育机构 税费优惠")[0][0] == "1"
    assert small.search("备案")[0][0] == "2"


def test_one_document_corpus_still_finds_it():
    results = PolicySearchIndex([doc("only", "产假")]).search("产假")
    assert [document_id for document_id, _ in results] == ["only"]


def test_title_hits_rank_above_body_mentions_in_fifty_documents():
    rng = random.Random(7)
    fillers = ["社区", "卫生", "健康", "服务", "安全", "管理", "家庭", "教育", "营养", "保育"]
    corpus = [
        doc(
            f"d{i:02d}",
            f"{rng.choice(fillers)}{rng.choice(fillers)}工作通知",
            body="".join(rng.choice(fillers) for _ in range(40)) + ("母婴室" if i % 10 == 0 else ""),
        )
        for i in range(49)
    ]
    corpus.append(doc("rooms", "关于加快推进母婴室建设的指导意见", body="公共场所应当配置母婴室。"))
    results = PolicySearchIndex(corpus).search("母婴室")
    assert results[0][0] == "rooms"
    assert {document_id for document_id, _ in results} == {"rooms", "d00", "d10", "d20", "d30", "d40"}


def test_an_empty_index_finds_nothing():
    assert PolicySearchIndex([]).search("托育") == []
    assert PolicySearchIndex([doc("blank", "")]).search("托育") == []


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError):
        PolicySearchIndex([doc("x", "托育"), doc("x", "产假")])


def test_rebuilding_after_one_change_cuts_only_the_changed_text(monkeypatch):
    # Speed is measured in bench/, not asserted here; what can be held is the work done: a rebuild
    # after one edit must not re-cut the whole corpus (jieba is the expensive part).
    rng = random.Random(11)
    words = "托育 婴幼儿 照护 服务 机构 社区 家庭 补贴 政策 卫生 健康 安全 管理".split()

    def text(length):
        return "，".join("".join(rng.choice(words) for _ in range(5)) for _ in range(length // 12))

    corpus = [doc(f"p{i}", text(30), summary=text(120), body=text(400)) for i in range(300)]
    assert len(PolicySearchIndex(corpus)) == 300
    cuts = []
    real_cut = search_module.jieba.lcut_for_search
    monkeypatch.setattr(search_module.jieba, "lcut_for_search", lambda t: cuts.append(t) or real_cut(t))
    rebuilt = PolicySearchIndex([*corpus[1:], doc("p0", "新标题")])
    assert len(rebuilt) == 300
    assert 1 <= len(cuts) <= 3
