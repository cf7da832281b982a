"""Work a question and a fresh process no longer repeat: the same answers, from less work.

No timings here: each test counts the work itself (reads of Chroma, BM25 scorings, normalisations).
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from bot import corpus as corpus_module
from bot import lexical, retrieval, study_answers, study_document, study_gist, study_letters, study_overview, study_tables, study_topics, study_units, vector_cache
from bot.corpus import Corpus
from bot.lexical import LexicalIndex
from bot.services import build_services
from bot.settings import Settings
from ingest.embeddings import EmbeddingChoice
from tests.conftest import SEEDS, visible_sentences

RULES = "计量管理办法\n\n各单位每年三月开展计量器具自查。自查结果报送市局计量处。\n\n检定不合格的器具应当停用，并送计量所复检。\n"
QUESTION = "检定不合格的器具怎么处理？"
STUDY_MODULES = (study_answers, study_document, study_gist, study_letters, study_overview, study_tables, study_topics, study_units)


@pytest.fixture
def cached_settings(settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings with a cache dir of their own; every build reads all vectors in one pass, as a knowledge
    base of more than BULK_READ_DOCUMENTS documents does (a first build does whatever their number)."""
    monkeypatch.setattr(retrieval, "BULK_READ_DOCUMENTS", 0)
    return settings.model_copy(update={"cache_dir": tmp_path / "cache"})


def _ingested(settings: Settings, fake_choice: EmbeddingChoice, tmp_path: Path) -> None:
    rules = tmp_path / "rules.txt"
    rules.write_text(RULES, encoding="utf-8")
    services = build_services(settings, fake_choice)
    services.documents.ingest([*sorted(SEEDS.glob("*.txt")), rules])
    services.index.warm_up()


def _hits(settings: Settings, fake_choice: EmbeddingChoice) -> list[tuple[str, float | None, int | None]]:
    services = build_services(settings, fake_choice)
    return [(h.chunk.id, h.dense, h.dense_rank) for h in services.answers.search(QUESTION)]


@pytest.mark.parametrize("bulk", [True, False], ids=["many documents", "few documents"])
def test_a_new_process_takes_the_vectors_from_the_cache_without_opening_chroma(
    settings: Settings, fake_choice: EmbeddingChoice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bulk: bool
) -> None:
    """With few documents too: a cold `ask` on the seed essay imported and opened Chroma for one
    document's vectors (about a second of the 3 s budget) although the cache dir held them."""
    if bulk:
        monkeypatch.setattr(retrieval, "BULK_READ_DOCUMENTS", 0)
    cached = settings.model_copy(update={"cache_dir": tmp_path / "cache"})
    _ingested(cached, fake_choice, tmp_path)
    expected = _hits(cached, fake_choice)
    assert any(dense is not None for _, dense, _ in expected)

    def no_chroma(*args: object, **kwargs: object) -> None:
        raise AssertionError("Chroma was opened")

    monkeypatch.setattr("ingest.store.open_client", no_chroma)
    assert _hits(cached, fake_choice) == expected


def test_a_store_damaged_after_the_copy_was_made_is_read_and_reported(
    cached_settings: Settings, fake_choice: EmbeddingChoice, tmp_path: Path
) -> None:
    from tests.test_archive import damage

    _ingested(cached_settings, fake_choice, tmp_path)
    damage(cached_settings.data_dir, "overwritten")
    services = build_services(cached_settings, fake_choice)
    assert "应当停用" in services.answers.ask(QUESTION).text, "keywords still answer"
    assert all(hit.dense is None for hit in services.answers.search(QUESTION)), "the old vectors are not used"
    assert services.kb.unavailable is not None


def test_a_question_needing_vectors_is_scored_by_bm25_once(fake_services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules.txt"
    rules.write_text(RULES, encoding="utf-8")
    fake_services.documents.ingest([rules])
    fake_services.answers.ask("预热")
    calls = []
    real = lexical.bm25s.BM25.get_scores
    monkeypatch.setattr(lexical.bm25s.BM25, "get_scores", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    answer = fake_services.answers.ask("不合格的器具要送到哪里复检？")
    assert not answer.refused and "复检" in answer.text
    assert calls == [1], "the dense pass reuses the BM25 ranking of the keyword pass"


def test_answers_do_not_normalise_the_candidates_again_question_after_question(
    fake_services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tmp_path / "rules.txt"
    rules.write_text(RULES, encoding="utf-8")
    fake_services.documents.ingest([rules])
    fake_services.answers.ask(QUESTION)
    sentences = {c.text for c in visible_sentences(fake_services)}
    normalised: list[str] = []
    real = unicodedata.normalize
    monkeypatch.setattr(unicodedata, "normalize", lambda form, text: normalised.append(text) or real(form, text))
    assert "应当停用" in fake_services.answers.ask("请问" + QUESTION).text, "the same candidates, a new question"
    assert not [t for t in normalised if t in sentences or any(s in t for s in sentences)]


@pytest.mark.parametrize("filtered_rows", [corpus_module.MAX_FILTERED_ROWS, 0])
def test_document_frequency_from_the_index_postings_is_the_scanned_one(fake_services, tmp_path: Path, monkeypatch, filtered_rows: int) -> None:
    monkeypatch.setattr(corpus_module, "MAX_FILTERED_ROWS", filtered_rows)  # 0: a word beside its CJK run is searched for
    rules = tmp_path / "rules.txt"
    rules.write_text(RULES, encoding="utf-8")
    fake_services.documents.ingest([*sorted(SEEDS.glob("*.txt")), rules])
    passages = visible_sentences(fake_services)
    scanned = Corpus(passages)
    indexed = Corpus(passages, postings=LexicalIndex([p.text for p in passages]).holding)
    texts = [scanned.normalized(p) for p in passages]
    words = {t[i : i + n] for t in texts[::7] for n in (1, 2, 3, 5) for i in range(0, max(1, len(t) - n), 3)}
    words |= {"计量", "不合格的器具", "质量强国", "火星", "2024年", "abc", "，质量强国", "计量？", "的，", "《质量", "火星？"}
    assert {w: indexed.document_frequency(w) for w in words} == {w: scanned.document_frequency(w) for w in words}


def test_the_vector_copy_key_changes_when_a_store_file_is_rewritten_in_place(tmp_path: Path) -> None:
    store = tmp_path / "chroma"
    store.mkdir()
    page = store / "chroma.sqlite3"
    page.write_bytes(b"a" * 64)
    before = vector_cache.cache_key(store, "e5-small", [("d", "v")])
    stat = page.stat()
    page.write_bytes(b"b" * 64)  # same size; the clock may not have moved on a coarse file system
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert vector_cache.cache_key(store, "e5-small", [("d", "v")]) != before


def test_warming_up_reads_the_documents_structures_before_the_first_study_question(
    fake_services, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_services.documents.ensure_seeded()
    fake_services.answers.warm_up()

    def read_again(*_: object) -> None:
        raise AssertionError("the first study question read every document's structure")

    monkeypatch.setattr(study_answers, "from_corpus", read_again)
    answer = fake_services.answers.ask("这篇文章主要讲了什么？")
    assert not answer.refused and "提供展示舞台" in answer.quote


def test_warming_up_normalises_every_document_text_before_the_first_study_question(
    fake_services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A study question weighs every document by its normalised text and headings: made at warm-up, not
    while the first asker waits (a tenth of a second at a thousand documents)."""
    rules = tmp_path / "rules.txt"
    rules.write_text(RULES, encoding="utf-8")
    fake_services.documents.ingest([*sorted(SEEDS.glob("*.txt")), rules])
    fake_services.answers.warm_up()
    documents = {"".join(c.text for c in visible_sentences(fake_services) if c.doc_id == doc_id) for doc_id in {c.doc_id for c in visible_sentences(fake_services)}}
    normalised: list[str] = []
    for module in STUDY_MODULES:  # wherever a study question normalises text
        real = module.normalize
        monkeypatch.setattr(module, "normalize", lambda text, real=real: normalised.append(text) or real(text))
    answer = fake_services.answers.ask("强化教育培训有哪些做法？")
    assert not answer.refused and answer.quote.splitlines()[0] == "强化教育培训,提升专业素养"
    assert normalised and not documents & set(normalised)


def test_the_documents_holding_a_word_come_from_the_index_postings(fake_services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same documents as a search through every sentence, without that search (study questions ask it
    of every content word, half a millisecond each at a thousand documents)."""
    rules = tmp_path / "rules.txt"
    rules.write_text(RULES, encoding="utf-8")
    fake_services.documents.ingest([*sorted(SEEDS.glob("*.txt")), rules])
    passages = visible_sentences(fake_services)
    words = ["计量", "器具", "不合格的器具", "质量强国", "干部", "火星", "2024年", "计量？", "的"]
    expected = {w: Corpus(passages).documents_holding(w) for w in words}
    indexed = Corpus(passages, postings=LexicalIndex([p.text for p in passages]).holding)
    monkeypatch.setattr(indexed, "_joined", "")  # no sentence is found by a search through them all
    assert {w: indexed.documents_holding(w) for w in words} == expected
    assert all(expected[w] <= indexed.documents_with_characters(w) for w in ["计量", "器具", "质量强国", "干部", "火星"])
    assert indexed.documents_with_characters("火星") == set()
    assert len(expected["计量"]) == 1 and len(expected["干部"]) >= 1 and not expected["火星"]


def test_a_study_question_weighs_only_the_documents_holding_its_words(fake_services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules.txt"
    rules.write_text(RULES, encoding="utf-8")
    fake_services.documents.ingest([*sorted(SEEDS.glob("*.txt")), rules])
    fake_services.answers.warm_up()
    weighed: list[str] = []
    real = study_answers.topic_unit
    monkeypatch.setattr(study_answers, "topic_unit", lambda words, docs, *a: real(words, [weighed.append(d.structure.title) or d for d in docs], *a))
    answer = fake_services.answers.ask("强化教育培训有哪些做法？")
    assert answer.quote.splitlines()[0] == "强化教育培训,提升专业素养"
    assert weighed == ["浅谈质量强国与质监干部队伍建设"], "not the 计量 rules, which hold none of its words"
