"""Ingest into a real Chroma: idempotent, replacing without stale chunks, atomic, untouched by bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.services import Services, build_services
from bot.settings import Settings
from ingest.archive import Archive, DocumentRecord
from ingest.audit import AuditLog
from ingest.embeddings import EmbeddingChoice
from ingest.errors import IngestError
from ingest.pipeline import BatchIngestError
from ingest.vectors import VectorStore
from tests.conftest import counting_services, visible_sentences

RULES_V1 = "计量管理办法\n\n各单位每年三月开展计量器具自查。自查结果报送市局计量处。\n\n检定不合格的器具应当停用。\n"
RULES_V2 = "计量管理办法\n\n各单位每年九月开展计量器具互查。互查结果报送省局标准处。\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def all_text(services: Services) -> str:
    return "".join(p.text for p in visible_sentences(services))


def test_ingest_is_idempotent(fake_services: Services, tmp_path: Path) -> None:
    path = write(tmp_path / "rules.txt", RULES_V1)
    first = fake_services.documents.ingest([path])
    second = fake_services.documents.ingest([path])
    assert [r.status for r in first] == ["new"]
    assert [r.status for r in second] == ["unchanged"]
    assert len(visible_sentences(fake_services)) == first[0].chunks == 3


def test_changed_document_replaces_all_old_chunks(fake_services: Services, tmp_path: Path) -> None:
    path = write(tmp_path / "rules.txt", RULES_V1)
    fake_services.documents.ingest([path])
    write(path, RULES_V2)
    result = fake_services.documents.ingest([path])
    assert [r.status for r in result] == ["replaced"]
    text = all_text(fake_services)
    assert "九月" in text and "三月" not in text and "停用" not in text
    assert fake_services.kb.collect_garbage() == 0, "no stale chunks may remain in Chroma"
    answer = fake_services.answers.ask("计量器具自查在几月开展？")
    assert "三月" not in answer.text


def test_remove_makes_answers_disappear(fake_services: Services, tmp_path: Path) -> None:
    path = write(tmp_path / "rules.txt", RULES_V1)
    doc_id = fake_services.documents.ingest([path])[0].doc_id
    assert "停用" in fake_services.answers.ask("检定不合格的器具怎么处理？").text
    removed = fake_services.documents.remove(doc_id)
    assert removed.title == "计量管理办法"
    assert fake_services.documents.records() == []
    assert fake_services.answers.ask("检定不合格的器具怎么处理？").refused
    with pytest.raises(IngestError, match="no document"):
        fake_services.documents.remove(doc_id)


def test_bad_file_in_a_batch_is_reported_and_the_good_ones_go_in(fake_services: Services, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    write(folder / "a_good.txt", RULES_V1)
    (folder / "b_empty.txt").write_bytes(b"")
    with pytest.raises(BatchIngestError) as failed:
        fake_services.documents.ingest([folder, tmp_path / "missing.txt"])
    assert [r.source for r in failed.value.results] == ["a_good.txt"]
    assert [(Path(f.name).name, f.reason) for f in failed.value.failures] == [
        ("b_empty.txt", "文件《b_empty.txt》没有可用的正文内容。"),
        ("missing.txt", f"找不到文件或文件夹：{tmp_path / 'missing.txt'}"),
    ]
    assert [d.source for d in fake_services.documents.records()] == ["a_good.txt"]
    assert "停用" in fake_services.answers.ask("检定不合格的器具怎么处理？").text


def test_files_sharing_a_name_are_left_out_and_a_file_named_twice_goes_in_once(fake_services: Services, tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = write(tmp_path / "one" / "rules.txt", RULES_V1)
    second = write(tmp_path / "two" / "rules.txt", RULES_V2)
    other = write(tmp_path / "notice.txt", "检定通知\n\n送检的器具须附检定申请单。\n")
    with pytest.raises(BatchIngestError) as failed:
        fake_services.documents.ingest([first, second, other, other])
    assert [f.name for f in failed.value.failures] == [str(first), str(second)]
    assert all("同名" in f.reason for f in failed.value.failures)
    assert [d.source for d in fake_services.documents.records()] == ["notice.txt"]


def stored_vectors(services: Services) -> int:
    return services.kb.vectors.collection.count()


def test_crash_before_switch_keeps_old_version(settings: Settings, fake_choice: EmbeddingChoice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    services = build_services(settings, fake_choice)
    path = write(tmp_path / "rules.txt", RULES_V1)
    services.documents.ingest([path])
    write(path, RULES_V2)

    def crash(*args, **kwargs):
        raise RuntimeError("simulated crash between writing vectors and committing the archive entry")

    monkeypatch.setattr(Archive, "put", crash)
    with pytest.raises(RuntimeError):
        services.documents.ingest([path])
    monkeypatch.undo()
    text = all_text(services)
    assert "三月" in text and "九月" not in text, "readers see the old version only"
    assert "停用" in services.answers.ask("检定不合格的器具怎么处理？").text
    reopened = build_services(settings, fake_choice)
    assert "九月" not in all_text(reopened)
    assert reopened.documents.collect_leftovers().stale_vectors == 2, "the new version's vectors were left over"
    assert reopened.documents.collect_leftovers().stale_vectors == 0
    assert [r.status for r in reopened.documents.ingest([path])] == ["replaced"]
    assert "九月" in all_text(reopened) and "三月" not in all_text(reopened)


def test_crash_after_switch_shows_new_version_only(fake_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "rules.txt", RULES_V1)
    fake_services.documents.ingest([path])
    write(path, RULES_V2)

    def crash(*args, **kwargs):
        raise RuntimeError("simulated crash before the old version's vectors were deleted")

    monkeypatch.setattr(VectorStore, "remove", crash)
    assert [r.status for r in fake_services.documents.ingest([path])] == ["replaced"], "the change is committed"
    monkeypatch.undo()
    text = all_text(fake_services)
    assert "九月" in text and "三月" not in text
    assert "互查" in fake_services.answers.ask("各单位每年九月开展什么？").text
    assert fake_services.kb.collect_garbage() == 3, "the old version's vectors were left over"
    assert fake_services.kb.collect_garbage() == 0


def test_replacing_documents_leaves_no_stale_vectors(fake_services: Services, tmp_path: Path) -> None:
    path = write(tmp_path / "rules.txt", RULES_V1)
    fake_services.documents.ingest([path])
    for text in (RULES_V2, RULES_V1, RULES_V2, RULES_V1):
        write(path, text)
        fake_services.documents.ingest([path])
    assert stored_vectors(fake_services) == 3, "each replace deleted the version before it"
    assert fake_services.kb.collect_garbage() == 0
    assert "三月" in all_text(fake_services)


def test_a_store_of_the_layout_before_the_archive_is_archived_and_retired(settings: Settings, fake_choice: EmbeddingChoice, tmp_path: Path) -> None:
    from ingest.loaders import load_document
    from ingest.splitting import chunk_document
    from ingest.store import open_client

    document = load_document(write(tmp_path / "rules.txt", RULES_V1))
    version = document.content_hash()
    chunks = chunk_document(document, version)
    client = open_client(settings.data_dir)
    old = client.get_or_create_collection(f"kb-{fake_choice.space}-v-{version}", embedding_function=None)
    metadatas = [{"doc_id": c.doc_id, "version": version, "paragraph": c.paragraph, "sentence": c.sentence, "section": c.section} for c in chunks]
    old.add(ids=[c.id for c in chunks], documents=[c.text for c in chunks], metadatas=metadatas, embeddings=fake_choice.embeddings.embed_documents([c.text for c in chunks]))
    registry = client.get_or_create_collection(f"kb-{fake_choice.space}-docs", embedding_function=None)
    record = DocumentRecord(document.doc_id, document.title, document.source, version, len(document.paragraphs), len(chunks), "2026-01-01T00:00:00+00:00")
    registry.add(ids=[record.doc_id], metadatas=[record.to_metadata()], embeddings=[[1.0]])
    audit = client.get_or_create_collection("kb-audit", embedding_function=None)
    audit.add(ids=["a"], metadatas=[{"at": "2026-01-01T00:00:00.000+00:00", "actor": "cli:old", "action": "new", "doc_id": record.doc_id, "title": record.title, "source": record.source, "content_hash": version, "previous_hash": ""}], embeddings=[[1.0]])
    del client, old, registry, audit

    services = build_services(settings, fake_choice)
    assert [d.title for d in services.documents.records()] == ["计量管理办法"]
    assert services.documents.ensure_seeded() == [], "a data dir that held documents is not seeded"
    assert "停用" in services.answers.ask("检定不合格的器具怎么处理？").text, "keywords answer before the vectors are made"
    done = services.documents.housekeeping()
    assert (done.legacy_collections, done.embedded) == (3, 1)
    assert stored_vectors(services) == 3
    assert [c.name for c in services.kb.vectors.client.list_collections()] == [f"vectors-{fake_choice.space}"]
    assert [e.actor for e in AuditLog(settings.data_dir).entries()] == ["system", "cli:old"], "the old audit entries were kept, the embedding is recorded"


def test_first_question_on_empty_store_ingests_seeds(fake_services: Services) -> None:
    assert fake_services.documents.records() == []
    results = fake_services.documents.ensure_seeded()
    assert [r.title for r in results] == ["浅谈质量强国与质监干部队伍建设"]
    assert fake_services.documents.ensure_seeded() == []


def test_paragraph_is_rebuilt_verbatim(fake_services: Services) -> None:
    fake_services.documents.ensure_seeded()
    doc = fake_services.documents.records()[0]
    paragraph = fake_services.documents.paragraph(doc.doc_id, 3)
    assert paragraph is not None and paragraph.startswith("强化教育培训,提升专业素养。")
    assert paragraph.endswith("赢得人民群众的信任和支持。")
    assert fake_services.documents.paragraph(doc.doc_id, 99) is None


def test_replacing_embeds_only_changed_sentences(settings: Settings, tmp_path: Path) -> None:
    counting, services = counting_services(settings)
    path = write(tmp_path / "rules.txt", RULES_V1)
    progress: list[tuple[int, int]] = []
    services.documents.ingest([path], progress=lambda label, done, total: progress.append((done, total)))
    assert len(counting.embedded) == 3 and progress[-1] == (3, 3)
    counting.embedded.clear()
    write(path, RULES_V1.replace("检定不合格的器具应当停用。", "检定不合格的器具应当立即封存。"))
    services.documents.ingest([path])
    assert counting.embedded == ["检定不合格的器具应当立即封存。"]
    assert "立即封存" in services.answers.ask("检定不合格的器具怎么处理？").text


@pytest.mark.slow
def test_questions_are_answered_while_a_large_document_is_ingested(fake_services: Services, tmp_path: Path) -> None:
    import threading

    from bot.benchmark import synthetic_document
    from ingest.loaders import load_document
    from tests.conftest import SEEDS

    fake_services.documents.ensure_seeded()
    fake_services.index.warm_up()
    big = tmp_path / "big.txt"
    big.write_text(synthetic_document(load_document(next(SEEDS.glob("*.txt"))).paragraphs, 0.5), encoding="utf-8")
    worker = threading.Thread(target=fake_services.documents.ingest, args=([big],))
    worker.start()
    answered = 0
    while worker.is_alive():
        assert "营造公平公正的竞争环境" in fake_services.answers.ask("深化体制改革要营造怎样的竞争环境？").text
        answered += 1
    worker.join()
    assert answered >= 3, "questions kept being answered during the ingest"
    assert len(fake_services.documents.records()) == 2


def test_another_model_finds_every_document_by_keywords_then_embeds_them(fake_services: Services, settings: Settings, tmp_path: Path) -> None:
    fake_services.documents.ensure_seeded()
    fake_services.documents.ingest([write(tmp_path / "rules.txt", RULES_V1)])
    before = sorted(p.text for p in visible_sentences(fake_services))
    other = build_services(settings, embedding=EmbeddingChoice("other", fake_services.embedding.embeddings, "other-space"))
    assert other.documents.records() == fake_services.documents.records(), "documents stay listed whatever model loads"
    assert sorted(p.text for p in visible_sentences(other)) == before, "every sentence is there, vectors or not"
    assert "停用" in other.answers.ask("检定不合格的器具怎么处理？").text
    assert other.kb.vectors.collection.count() == 0, "a new embedding space starts without vectors"
    assert sorted(r.title for r in other.documents.embed_missing()) == sorted(["计量管理办法", "浅谈质量强国与质监干部队伍建设"])
    assert other.kb.vectors.collection.count() == len(before)
    assert other.documents.embed_missing() == [], "nothing is embedded twice"


def test_vectors_that_went_missing_are_made_again_by_ingesting_again(fake_services: Services, tmp_path: Path) -> None:
    path = write(tmp_path / "rules.txt", RULES_V1)
    fake_services.documents.ingest([path])
    (record,) = fake_services.documents.records()
    fake_services.kb.vectors.remove(record.doc_id)
    assert [r.status for r in fake_services.documents.ingest([path])] == ["reindexed"], "not skipped as unchanged"
    assert stored_vectors(fake_services) == 3


def test_garbage_collection_can_spare_vectors_another_process_may_still_be_writing(fake_services: Services, tmp_path: Path) -> None:
    from ingest.loaders import load_document
    from ingest.splitting import chunk_document

    chunks = chunk_document(load_document(write(tmp_path / "rules.txt", RULES_V1)), "f" * 64)
    fake_services.kb.write_vectors(chunks, fake_services.embedding.embeddings.embed_documents([c.text for c in chunks]))
    assert fake_services.kb.collect_garbage(min_age_s=3600) == 0
    assert fake_services.kb.collect_garbage() == 3


@pytest.mark.slow
def test_a_reader_does_not_seed_while_another_process_owns_the_data_dir(settings: Settings, fake_choice: EmbeddingChoice) -> None:
    settings.data_dir.mkdir(parents=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from bot.serve_lock import ServeLock; lock = ServeLock(__import__('pathlib').Path(sys.argv[1])); lock.acquire(); print('held', flush=True); time.sleep(60)", str(settings.data_dir)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        services = build_services(settings, fake_choice)
        assert services.documents.ensure_seeded() == [] and services.documents.records() == []
    finally:
        holder.kill()
        holder.wait()
    assert [r.title for r in services.documents.ensure_seeded()] == ["浅谈质量强国与质监干部队伍建设"]


def test_vector_store_keeps_a_digest_of_each_sentence_not_a_second_copy_of_its_text(fake_services: Services, tmp_path: Path) -> None:
    fake_services.documents.ingest([write(tmp_path / "rules.txt", RULES_V1)])
    got = fake_services.kb.vectors.collection.get(include=["documents", "metadatas"])
    assert len(got["ids"]) == 3
    assert got["documents"] == [None] * 3, "the archive holds the text; Chroma indexing it again cost 40% of the write"
    assert all(len(meta["text_digest"]) == 16 for meta in got["metadatas"])


def test_a_vector_is_reused_only_for_the_sentence_it_was_made_from(fake_services: Services, tmp_path: Path) -> None:
    fake_services.documents.ingest([write(tmp_path / "rules.txt", RULES_V1)])
    (entry,) = fake_services.kb.entries()
    chunks = fake_services.kb.chunks(entry)
    texts = {c.id: c.text for c in chunks}
    texts[chunks[0].id] = "另一个分句规则切出的句子。"  # what a changed splitter could put under the same id
    reused = fake_services.kb.vectors.vectors_by_text(entry.record.doc_id, entry.record.version, texts.values())
    assert sorted(reused) == sorted(c.text for c in chunks[1:])


def test_vectors_stored_with_their_text_before_digests_are_still_reused(settings: Settings, tmp_path: Path) -> None:
    counting, services = counting_services(settings)
    path = write(tmp_path / "rules.txt", RULES_V1)
    services.documents.ingest([path])
    collection = services.kb.vectors.collection
    got = collection.get(include=["embeddings", "metadatas"])
    (entry,) = services.kb.entries()
    text = {c.id: c.text for c in services.kb.chunks(entry)}
    old_style = [{k: v for k, v in meta.items() if k != "text_digest"} for meta in got["metadatas"]]
    collection.delete(ids=got["ids"])
    collection.add(ids=got["ids"], embeddings=got["embeddings"], metadatas=old_style, documents=[text[i] for i in got["ids"]])
    assert "text_digest" not in collection.get(include=["metadatas"])["metadatas"][0]
    counting.embedded.clear()
    write(path, RULES_V1.replace("检定不合格的器具应当停用。", "检定不合格的器具应当立即封存。"))
    services.documents.ingest([path])
    assert counting.embedded == ["检定不合格的器具应当立即封存。"]
