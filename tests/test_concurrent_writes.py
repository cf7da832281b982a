"""Writers that overlap in one process (the bot's admin commands) never undo each other."""

from __future__ import annotations

import threading
from pathlib import Path
from types import TracebackType

import pytest

from bot.services import Services
from tests.conftest import visible_sentences

RULES_V1 = "计量管理办法\n\n各单位每年三月开展计量器具自查。\n\n检定不合格的器具应当停用。\n"
RULES_V2 = "计量管理办法\n\n各单位每年九月开展计量器具互查。\n\n检定不合格的器具应当立即封存。\n"
NOTICE = "检定通知\n\n送检的器具须附检定申请单。\n"


class ObservedLock:
    """The writer lock, telling the test when a second writer has to wait for it."""

    def __init__(self, waiting: threading.Event) -> None:
        self._lock = threading.Lock()
        self._waiting = waiting

    def __enter__(self) -> ObservedLock:
        if not self._lock.acquire(blocking=False):
            self._waiting.set()
            self._lock.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._lock.release()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("change", ["remove", "upload"])
def test_reindex_does_not_undo_a_change_made_while_it_reads(
    fake_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """The other writer starts right after reindex has read the documents, and gets its turn either
    at once (nothing protects the read) or once reindex is done (the read is under the writer lock)."""
    rules = write(tmp_path / "rules.txt", RULES_V1)
    fake_services.documents.ingest([rules, write(tmp_path / "notice.txt", NOTICE)])
    rules_id = next(d.doc_id for d in fake_services.documents.records() if d.source == "rules.txt")
    documents = fake_services.documents
    settled = threading.Event()  # the other writer finished, or waits for the lock
    monkeypatch.setattr(fake_services.documents._ingest, "_lock", ObservedLock(settled))

    def other_writer() -> None:
        if change == "remove":
            documents.remove(rules_id, "admin")
        else:
            documents.ingest([write(rules, RULES_V2)], "admin")
        settled.set()

    writer = threading.Thread(target=other_writer)
    read = fake_services.kb.archive.documents  # what reindex re-embeds: the archived documents

    def read_then_let_the_other_writer_in() -> list:
        stored = read()
        if writer.ident is None:  # the first read only
            writer.start()
            settled.wait()
        return stored

    monkeypatch.setattr(fake_services.kb.archive, "documents", read_then_let_the_other_writer_in)
    documents.reindex("admin")
    writer.join()
    stored = {d.source: d for d in fake_services.documents.records()}
    if change == "remove":
        assert "rules.txt" not in stored, "reindex brought a removed document back"
    else:
        text = "".join(p.text for p in visible_sentences(fake_services))
        assert "九月" in text and "三月" not in text, "reindex undid the upload"
        assert "立即封存" in fake_services.answers.ask("检定不合格的器具怎么处理？").text
