"""Documents in and out of the knowledge base, each change recorded in the audit log: shared by the CLI
and the Telegram admin commands."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from bot.search_index import SearchIndex
from bot.serve_lock import LOCK_WAIT_S, ServeLock
from bot.settings import Settings
from ingest.archive import DocumentRecord
from ingest.audit import AuditEntry, AuditLog
from ingest.errors import StoreError
from ingest.legacy_layout import archive_legacy_documents, drop_legacy_collections
from ingest.pipeline import BatchIngestError, IngestResult, IngestService, Progress
from ingest.storage_faults import storage_refusal
from ingest.store import KnowledgeBase
from ingest.structure import DocumentStructure, structure_of

log = logging.getLogger(__name__)

SEED_ACTOR = "system:seed"  # who the audit log names for the automatic seed import
SYSTEM_ACTOR = "system"
SHARED_SERVER_GC_MIN_AGE_S = 3600.0  # on a shared Chroma server another process may still be writing younger vectors


@dataclass(frozen=True)
class Housekeeping:
    temporary_files: int  # archive entries half-written by killed writers
    stale_vectors: int  # vectors of versions no longer archived
    legacy_collections: int  # collections of the store layout before this one
    embedded: int  # documents embedded because this model had no vectors for them


class DocumentService:
    def __init__(self, settings: Settings, kb: KnowledgeBase, ingest: IngestService, index: SearchIndex) -> None:
        self._settings = settings
        self._kb = kb
        self._ingest = ingest
        self._index = index
        self._audit = AuditLog(settings.data_dir)
        self._records: list[DocumentRecord] | None = None  # read once, again after each write (`_changed`)
        self._seed_lock = threading.Lock()
        if not kb.archive.exists():
            self._adopt_legacy_store()

    # Reading

    def records(self) -> list[DocumentRecord]:
        """The archived documents, whatever embedding model loaded."""
        records = self._records
        if records is None:  # a refused question lists titles: reading every archive entry each time was slow
            records = self._records = self._kb.documents()
        return list(records)

    def record(self, doc_id: str) -> DocumentRecord | None:
        return next((record for record in self.records() if record.doc_id == doc_id), None)

    def paragraph(self, doc_id: str, paragraph: int) -> str | None:
        return self._kb.paragraph(doc_id, paragraph)

    def structure(self, doc_id: str) -> DocumentStructure | None:
        """A document's headings, points, thesis and conclusion, read from its archived text (`docs --outline`)."""
        entry = self._kb.archive.get(doc_id)
        return structure_of(entry.document) if entry is not None else None

    def history(self, doc_id: str | None = None, limit: int = 100) -> list[AuditEntry]:
        return self._audit.entries(doc_id, limit)

    # Writing

    def ingest(self, paths: list[Path], actor: str = SYSTEM_ACTOR, progress: Progress | None = None) -> list[IngestResult]:
        """Files that went in are audited even when others of the batch failed (BatchIngestError)."""
        return self._audited(actor, None, lambda: self._ingest.ingest_paths(paths, progress))

    def remove(self, doc_id: str, actor: str = SYSTEM_ACTOR) -> DocumentRecord:
        try:
            record = self._ingest.remove(doc_id)
        finally:
            self._changed()
        self._audit.record(actor, "removed", record.doc_id, record.title, record.source, "", record.content)
        return record

    def reindex(self, actor: str = SYSTEM_ACTOR, progress: Progress | None = None) -> list[IngestResult]:
        """Re-embed every document with the current model, read and rewritten under one writer lock."""
        return self._audited(actor, None, lambda: self._ingest.reindex_stored(progress))

    def rebuild(self, actor: str = SYSTEM_ACTOR, progress: Progress | None = None) -> list[IngestResult]:
        """Embed every archived document again, into a store that lost them (see `cadre-bot rebuild`)."""
        self._kb.archive.create()  # a data dir that held documents is never seeded, restored or not
        return self._audited(actor, "rebuilt", lambda: self._ingest.reindex_stored(progress))

    def _audited(self, actor: str, action: str | None, write: Callable[[], list[IngestResult]]) -> list[IngestResult]:
        """Run a write, refresh the readers' view, and audit what went in, also when part of a batch failed."""
        try:
            results = write()
        except BatchIngestError as exc:
            self._record(actor, action, exc.results)
            raise
        finally:
            self._changed()
        self._record(actor, action, results)
        return results

    def _record(self, actor: str, action: str | None, results: list[IngestResult]) -> None:
        """One audit entry per document written; `action` names them all, else each says what it was."""
        for r in results:
            if r.status != "unchanged":
                done = action or r.status
                self._audit.record(actor, done, r.doc_id, r.title, r.source, r.content_hash, r.previous_hash)

    def ensure_seeded(self, progress: Progress | None = None) -> list[IngestResult]:
        """On a data dir that has never held documents, ingest the seed documents so the first question
        has answers. Never after an admin removed them all, nor in place of a damaged store's."""
        if self._kb.archive.exists():
            return []
        with self._seed_lock, self._owning_data_dir() as owned:
            if not owned:
                log.info("another process owns %s; leaving seeding to it", self._settings.data_dir)
                return []
            if self._kb.archive.exists():
                return []
            seeds = self._settings.resolved_seeds_dir()
            log.info("data dir has never held documents; ingesting seeds from %s", seeds)
            return self.ingest([seeds], SEED_ACTOR, progress)

    # Housekeeping

    def housekeeping(self, progress: Progress | None = None) -> Housekeeping:
        """`collect_leftovers`, then `embed_missing`: `cadre-bot gc`."""
        done = self.collect_leftovers()
        return replace(done, embedded=len(self.embed_missing(progress)))

    def collect_leftovers(self) -> Housekeeping:
        """Remove what interrupted or replaced writes left: run by `serve` at start and by `cadre-bot gc`,
        which own the data dir (readers never do). Deleting is a write: on a full or read-only disk it
        fails, and the next start tries again."""
        try:
            temporary = self._kb.archive.remove_temporary_files()
            min_age = SHARED_SERVER_GC_MIN_AGE_S if self._settings.chroma_host else 0.0
            vectors = self._kb.collect_garbage(min_age_s=min_age)
            connection = self._kb.connection
            legacy = drop_legacy_collections(connection.client(), self._kb.archive) if connection.exists() else 0
        except Exception as exc:  # noqa: BLE001 - housekeeping; answering goes on
            log.warning("left the leftovers of interrupted writes for a later start: %s", exc)
            return Housekeeping(0, 0, 0, 0)
        self._changed()
        return Housekeeping(temporary, vectors, legacy, 0)

    def embed_missing(self, progress: Progress | None = None) -> list[IngestResult]:
        """Embed archived documents the current model has no vectors for (a model change, a rebuilt store)."""
        if not self._kb.dense or self._kb.readable_vectors() is None:
            return []
        return self._audited(SYSTEM_ACTOR, "reindexed", lambda: self._ingest.embed_missing(progress))

    def _changed(self) -> None:
        self._records = None
        self._index.refresh()

    def _adopt_legacy_store(self) -> None:
        """A store from before the archive existed: archive what its registries name, once, by the
        process that owns the data dir."""
        connection = self._kb.connection
        if not connection.exists():
            return
        with self._owning_data_dir() as owned:
            if not owned:
                return
            try:
                archive_legacy_documents(connection.client(), self._kb.archive)
            except StoreError as exc:
                log.warning("could not read the earlier store layout: %s", exc)

    @contextmanager
    def _owning_data_dir(self) -> Iterator[bool]:
        """True while this process may write without racing another: it holds the data-dir lock, or
        took it for this block. A Chroma server has no such lock."""
        if self._settings.chroma_host:
            yield True
            return
        lock = ServeLock(self._settings.data_dir)
        holder = lock.holder()
        if holder == os.getpid():
            yield True
        elif holder is None and _try_lock(lock):
            try:
                yield True
            finally:
                lock.release()
        else:
            yield False


def _try_lock(lock: ServeLock) -> bool:
    """A data dir this process cannot write (read-only) is owned by nobody: a reader just reads."""
    try:
        return lock.acquire()
    except OSError as exc:
        log.info("cannot take the data-dir lock (%s); leaving housekeeping to a writer", exc)
        return False


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
