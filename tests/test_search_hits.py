"""Search hits carry what each retriever said about them: the data a ranking model will be trained on."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.retrieval import RRF_K
from bot.search_hit import SearchHit
from bot.services import Services, build_services
from tests.conftest import FakeEmbeddings

RULES = "计量管理办法\n\n各单位每年三月开展计量器具自查。自查结果报送市局计量处。\n\n检定不合格的器具应当停用。\n"
QUESTION = "检定不合格的器具怎么处理？"
ANSWER = "检定不合格的器具应当停用。"


@pytest.fixture
def rules_services(fake_services: Services, tmp_path: Path) -> Services:
    path = tmp_path / "rules.txt"
    path.write_text(RULES, encoding="utf-8")
    fake_services.documents.ingest([path])
    return fake_services


def _cosine(a: str, b: str) -> float:
    fake = FakeEmbeddings()  # unit vectors: the dot product is the cosine
    return sum(x * y for x, y in zip(fake.embed_query(a), fake.embed_query(b)))


def _fused(hit: SearchHit) -> float:
    return sum(1.0 / (RRF_K + rank) for rank in (hit.bm25_rank, hit.dense_rank) if rank is not None)


def test_the_sentence_holding_the_question_words_ranks_first_in_both_retrievers(rules_services: Services) -> None:
    top = rules_services.answers.search(QUESTION)[0]
    assert top.chunk.text == ANSWER
    assert top.bm25 > 0 and top.bm25_rank == 1
    assert top.dense_rank == 1 and top.dense == pytest.approx(_cosine(QUESTION, ANSWER), abs=1e-5)
    assert top.score == round(_fused(top), 6)


def test_every_hit_carries_its_component_scores_faithfully(rules_services: Services) -> None:
    hits = rules_services.answers.search(QUESTION)
    assert len(hits) == 3
    for hit in hits:
        assert hit.dense == pytest.approx(_cosine(QUESTION, hit.chunk.text), abs=1e-5)
        assert hit.score == round(_fused(hit), 6)
    by_bm25 = sorted(hits, key=lambda h: h.bm25_rank)
    by_dense = sorted(hits, key=lambda h: h.dense_rank)
    assert [h.bm25 for h in by_bm25] == sorted((h.bm25 for h in hits), reverse=True)
    assert [h.dense for h in by_dense] == sorted((h.dense for h in hits), reverse=True)


def test_a_hit_only_the_dense_retriever_found_has_no_bm25(rules_services: Services) -> None:
    hits = rules_services.answers.search("最后一段讲了什么？")  # no word of it is in the document
    assert hits and all(h.bm25 == 0.0 and h.bm25_rank is None for h in hits)
    assert all(h.dense is not None and h.dense_rank is not None for h in hits)
    assert all(h.score == round(1.0 / (RRF_K + h.dense_rank), 6) for h in hits)


def test_lexical_only_hits_have_no_dense_score(rules_services: Services) -> None:
    lexical = build_services(rules_services.settings.model_copy(update={"embedding_backend": "none"}))
    hits = lexical.answers.search(QUESTION)
    assert hits[0].chunk.text == ANSWER and hits[0].bm25_rank == 1
    assert all(h.dense is None and h.dense_rank is None for h in hits)
    assert all(h.score == round(1.0 / (RRF_K + h.bm25_rank), 6) for h in hits)


def test_the_langchain_retriever_passes_the_scores_on(rules_services: Services) -> None:
    top = rules_services.answers.search(QUESTION)[0]
    document = rules_services.answers.retriever(k=1).invoke(QUESTION)[0]
    assert document.page_content == ANSWER and document.id == top.chunk.id
    expected = {"doc_id": top.chunk.doc_id, "title": "计量管理办法", "paragraph": 2, "sentence": 1}
    expected |= {"score": top.score, "bm25": top.bm25, "bm25_rank": 1, "dense": top.dense, "dense_rank": 1}
    assert expected.items() <= document.metadata.items()


def test_lexical_documents_of_the_retriever_have_no_dense_key(rules_services: Services) -> None:
    lexical = build_services(rules_services.settings.model_copy(update={"embedding_backend": "none"}))
    documents = lexical.answers.retriever(k=3).invoke(QUESTION)
    assert documents and all("dense" not in d.metadata and "dense_rank" not in d.metadata for d in documents)
    assert all("bm25" in d.metadata and "score" in d.metadata for d in documents)


_FISH = ("黑尾", "高氏", "异齿", "斑点", "金线", "银带", "红鳍", "蓝纹", "黄尾", "白腹", "青背", "紫斑", "褐带", "花鳍", "长吻", "短吻", "大眼", "小口", "尖头", "圆尾")


def _templated_articles(services: Services, folder: Path) -> None:
    """Twenty encyclopedia articles written from one template, as CMRC's fish articles are: every sentence but the
    name's is word for word the same in each."""
    for n, name in enumerate(_FISH):
        path = folder / f"{name}前肛鳗.txt"
        path.write_text(
            f"{name}前肛鳗{' (鱼类)' if name == _FISH[-1] else ''}\n\n{name}前肛鳗，为辐鳍鱼纲鳗鲡目糯鳗亚目通鳃鳗科的其中一个种。本鱼分布于印度西太平洋海域。本鱼无鳞，具有胸鳍。"
            f"{name}前肛鳗体长可达{20 + n}公分。属于底栖鱼类，在100至400公尺深之海底生活，以小型鱼类、甲壳类及软体动物为食。"
            f"数量少，不具经济价值。{name}前肛鳗的图片\n",
            encoding="utf-8",
        )
        services.documents.ingest([path])


def test_a_document_the_question_names_by_its_title_offers_the_sentences_matching_the_rest_of_it(fake_services: Services, tmp_path: Path) -> None:
    """CMRC's "黑尾前肛鳗以什么为食" was answered with "黑尾前肛鳗的图片": every sentence holding the name outranked the one
    saying what it eats, which neither retriever's candidates held."""
    _templated_articles(fake_services, tmp_path)
    hits = fake_services.answers.search("黑尾前肛鳗以什么为食？")
    assert any(hit.chunk.title == "黑尾前肛鳗" and "为食" in hit.chunk.text for hit in hits)
    answer = fake_services.answers.ask("黑尾前肛鳗以什么为食？")
    assert "以小型鱼类、甲壳类及软体动物为食" in answer.quote and "黑尾前肛鳗" in answer.citation
    # A title's bracketed qualifier is not said when naming it: 圆尾前肛鳗 names 《圆尾前肛鳗 (鱼类)》.
    answer = fake_services.answers.ask("圆尾前肛鳗以什么为食？")
    assert "以小型鱼类、甲壳类及软体动物为食" in answer.quote and "圆尾前肛鳗 (鱼类)" in answer.citation


def test_a_sentence_several_documents_hold_is_one_candidate_from_the_document_the_question_names(fake_services: Services, tmp_path: Path) -> None:
    """Copies of a templated sentence tie on every score: twenty of them took twenty candidates' places, in archive order."""
    _templated_articles(fake_services, tmp_path)
    texts = [hit.chunk.text for hit in fake_services.answers.search("哪些鱼分布于印度西太平洋海域？")]
    assert texts.count("本鱼分布于印度西太平洋海域。") == 1
    named = [hit for hit in fake_services.answers.search("金线前肛鳗分布于哪个海域？") if hit.chunk.text == "本鱼分布于印度西太平洋海域。"]
    assert [hit.chunk.title for hit in named] == ["金线前肛鳗"]
