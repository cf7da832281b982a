"""Storage faults: a full or read-only disk keeps the knowledge base readable, and writes say why not.

The faults are injected (a size-limited filesystem needs root and mount rights CI may not have); the
injected errors are the ones Chroma and the OS raise for them.
"""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import chromadb
import pytest
from chromadb.api.models.Collection import Collection
from chromadb.errors import InternalError
from pydantic import SecretStr

from bot.services import Services, build_services
from bot.settings import Settings
from ingest.archive import Archive
from ingest.embeddings import EmbeddingChoice
from ingest.errors import IngestError

RULES = "计量管理办法\n\n各单位每年三月开展计量器具自查。自查结果报送市局计量处。\n\n检定不合格的器具应当停用。\n"
NOTICE = "检定通知\n\n送检的器具须附检定申请单。\n"
DISK_FULL = "Database error: error returned from database: (code: 13) database or disk is full"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def disk_full_errors() -> list[Exception]:
    return [InternalError(DISK_FULL), OSError(errno.ENOSPC, "No space left on device")]


@pytest.mark.parametrize("error", disk_full_errors(), ids=["chroma", "os"])
def test_a_write_on_a_full_disk_says_so_and_leaves_the_store_readable(
    fake_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    fake_services.documents.ingest([write(tmp_path / "rules.txt", RULES)])
    before = fake_services.documents.records()

    def disk_full(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(Collection, "upsert", disk_full)
    with pytest.raises(IngestError) as refused:
        fake_services.documents.ingest([write(tmp_path / "notice.txt", NOTICE)])
    assert "磁盘空间不足" in refused.value.user_message and "未做任何修改" in refused.value.user_message
    assert "\n" not in refused.value.user_message
    assert fake_services.documents.records() == before
    assert "停用" in fake_services.answers.ask("检定不合格的器具怎么处理？").text


def test_reading_works_when_the_clean_up_at_start_hits_a_full_disk(
    settings: Settings, fake_choice: EmbeddingChoice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ingest interrupted before its commit leaves vectors nobody reads; deleting them at the next
    start is a write, and needs the space that is missing."""
    services = build_services(settings, fake_choice)
    services.documents.ingest([write(tmp_path / "rules.txt", RULES)])
    monkeypatch.setattr(Archive, "put", lambda *args: (_ for _ in ()).throw(InternalError(DISK_FULL)))
    with pytest.raises(IngestError):
        services.documents.ingest([write(tmp_path / "notice.txt", NOTICE)])
    monkeypatch.undo()

    def disk_full(*args: object, **kwargs: object) -> None:
        raise InternalError(DISK_FULL)

    monkeypatch.setattr(Collection, "delete", disk_full)
    reopened = build_services(settings, fake_choice)
    assert reopened.documents.collect_leftovers().stale_vectors == 0, "nothing could be deleted"
    assert [d.source for d in reopened.documents.records()] == ["rules.txt"]
    assert "停用" in reopened.answers.ask("检定不合格的器具怎么处理？").text
    monkeypatch.undo()
    assert build_services(settings, fake_choice).documents.collect_leftovers().stale_vectors == 1, "collected once the disk had room"


def test_serve_removes_uploads_a_killed_bot_left_behind(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from telegram.ext import Application

    from bot.tgbot import app

    leftover = settings.data_dir / "uploads" / ("ab" * 16) / "通知.docx"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"PK\x03\x04 half a download")
    started: list[bool] = []
    monkeypatch.setattr(Application, "run_polling", lambda self, **kwargs: started.append(True))

    async def reachable(*args: object) -> None:
        return None

    monkeypatch.setattr(app, "_check_bot_api", reachable)  # no Bot API here: only start-up housekeeping is tested
    configured = settings.model_copy(update={"telegram_bot_token": SecretStr("123456789:AAFakeTokenFakeTokenFakeToken00"), "embedding_backend": "none"})
    app.serve(configured)
    assert started, "the bot started"
    assert not leftover.exists() and not any((settings.data_dir / "uploads").iterdir())


READ_ONLY = "error returned from database: (code: 8) attempt to write a readonly database"
FULL_AT_OPEN = "error returned from database: (code: 13) database or disk is full"


@pytest.mark.parametrize(("error", "reason"), [(READ_ONLY, "只读"), (FULL_AT_OPEN, "磁盘空间不足")], ids=["read-only", "full"])
def test_a_store_chroma_cannot_open_for_writing_is_still_read(
    settings: Settings, fake_choice: EmbeddingChoice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: str, reason: str
) -> None:
    """Embedded Chroma writes to its database whenever it opens it, so a read-only data dir (or a disk
    with no byte left) refuses the open itself."""
    build_services(settings, fake_choice).documents.ingest([write(tmp_path / "rules.txt", RULES)])
    store = settings.data_dir / "chroma"
    real_open = chromadb.PersistentClient

    def refusing_in_place(path: str, **kwargs: object) -> object:
        if Path(path) == store:
            raise InternalError(error)
        return real_open(path=path, **kwargs)

    monkeypatch.setattr(chromadb, "PersistentClient", refusing_in_place)
    services = build_services(settings, fake_choice)
    assert [d.source for d in services.documents.records()] == ["rules.txt"]
    assert "停用" in services.answers.ask("检定不合格的器具怎么处理？").text
    with pytest.raises(IngestError) as refused:
        services.documents.ingest([write(tmp_path / "notice.txt", NOTICE)])
    assert reason in refused.value.user_message and "\n" not in refused.value.user_message
    monkeypatch.undo()
    assert [d.source for d in build_services(settings, fake_choice).documents.records()] == ["rules.txt"]


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through file permissions")
def test_a_read_only_data_dir_answers_and_refuses_ingest_with_the_reason(tmp_path: Path) -> None:
    from tests.test_cli import run

    data_dir = tmp_path / "data"
    assert run(data_dir, "ingest", str(write(tmp_path / "rules.txt", RULES)), backend="none").returncode == 0
    subprocess.run(["chmod", "-R", "a-w", str(data_dir)], check=True)
    try:
        asked = run(data_dir, "ask", "检定不合格的器具怎么处理？", backend="none")
        assert asked.returncode == 0 and "停用" in asked.stdout, asked.stderr
        refused = run(data_dir, "ingest", str(write(tmp_path / "notice.txt", NOTICE)), backend="none")
        assert refused.returncode == 1 and "只读" in refused.stderr
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(data_dir)], check=True)


def test_a_change_committed_just_before_the_disk_filled_is_not_reported_as_failed(
    fake_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def audit_finds_the_disk_full(path: object, *args: object, **kwargs: object) -> int:
        if str(path).endswith("audit.jsonl"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", audit_finds_the_disk_full)
    results = fake_services.documents.ingest([write(tmp_path / "rules.txt", RULES)], "admin")
    assert [r.status for r in results] == ["new"]
    monkeypatch.undo()
    assert "停用" in fake_services.answers.ask("检定不合格的器具怎么处理？").text
