"""Document management shared by the CLI and the Telegram admin commands: ingest, remove, reindex,
each recorded in the audit log."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from bot.engine import AnswerEngine
from bot.serve_lock import LOCK_WAIT_S, ServeLock
from bot.settings import Settings
from ingest.audit import AuditEntry, AuditLog
from ingest.storage_faults import storage_refusal
from ingest.errors import StoreError
from ingest.pipeline import BatchIngestError, IngestResult, Progress
from ingest.archive import DocumentRecord

log = logging.getLogger(__name__)


class DocumentService:
    def __init__(self, engine: AnswerEngine, audit: AuditLog | None = None, lock: ServeLock | None = None) -> None:
        self._engine = engine
        self._lock = lock  # held for the service's lifetime
        self._audit = audit or AuditLog(engine.settings.data_dir)

    def records(self) -> list[DocumentRecord]:
        return self._engine.documents()

    def ingest(self, paths: list[Path], actor: str, progress: Progress | None = None) -> list[IngestResult]:
        """Files that went in are audited even when others of the batch failed (BatchIngestError)."""
        try:
            results = self._engine.ingest(paths, progress)
        except BatchIngestError as exc:
            self._record_ingested(actor, exc.results)
            raise
        self._record_ingested(actor, results)
        return results

    def _record_ingested(self, actor: str, results: list[IngestResult]) -> None:
        for r in results:
            if r.status != "unchanged":
                self._audit.record(actor, r.status, r.doc_id, r.title, r.source, r.content_hash, r.previous_hash)

    def remove(self, doc_id: str, actor: str) -> DocumentRecord:
        record = self._engine.remove(doc_id)
        self._audit.record(actor, "removed", record.doc_id, record.title, record.source, "", record.content)
        return record

    def reindex(self, actor: str, progress: Progress | None = None) -> list[IngestResult]:
        """Re-embed every document with the current model; documents known only to an earlier
        embedding space (after EMBEDDING_BACKEND or EMBEDDING_MODEL changed) are brought over."""
        results = self._engine.reindex_stored(progress)
        for r in results:
            self._audit.record(actor, "reindexed" if r.previous_hash else "new", r.doc_id, r.title, r.source, r.content_hash, r.previous_hash)
        return results

    def rebuild(self, actor: str, progress: Progress | None = None) -> list[IngestResult]:
        """Ingest every archived document again, into a store that lost them (see `cadre-bot rebuild`)."""
        self._engine.archive.create()  # a data dir that held documents is never seeded, restored or not
        results = self._engine.reindex_stored(progress)  # reads the archive under the writer lock
        for r in results:
            self._audit.record(actor, "rebuilt", r.doc_id, r.title, r.source, r.content_hash, r.previous_hash)
        return results

    def history(self, doc_id: str | None = None, limit: int = 100) -> list[AuditEntry]:
        return self._audit.entries(doc_id, limit)


def claim_data_dir(settings: Settings, refusal: Callable[[int | None], Exception] | None = None) -> ServeLock | None:
    """Writers hold the data-dir lock while they run (`serve` for its life, shell commands for theirs);
    the second one refuses, because embedded Chroma would leave the other process's index stale.
    `refusal` builds the error from the holder's pid."""
    if settings.chroma_host:
        return None
    lock = ServeLock(settings.data_dir)
    if not _acquire(lock, settings.data_dir):
        pid = lock.holder()
        raise refusal(pid) if refusal else _busy(pid, settings.data_dir)
    return lock


def _acquire(lock: ServeLock, data_dir: Path) -> bool:
    """The lock file cannot be made on a read-only (or full) data dir: say so, not a traceback."""
    try:
        return lock.acquire(wait_s=LOCK_WAIT_S)
    except OSError as exc:
        raise storage_refusal(exc, data_dir) or exc


def _busy(pid: int | None, data_dir: Path) -> StoreError:
    return StoreError(
        f"another process (pid {pid}, cadre-bot serve or a document command) owns {data_dir}; nothing was changed",
        f"机器人正在运行，或另一条命令正在修改这个知识库（进程 {pid}），为免数据不一致，本次未做任何修改。"
        "请在 Telegram 中用管理员命令管理文档，或等待/停止该进程；使用 Chroma 服务器（CHROMA_HOST）时可多进程写入。",
    )
