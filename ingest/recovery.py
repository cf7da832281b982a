"""Opening the store with the archive beside it: damage is reported in one line, never mistaken for an
empty knowledge base; `rebuild` moves a damaged store aside; stores older than the archive are archived."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from pathlib import Path

from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.errors import ChromaError

from ingest.archive import FOLDER, Archive
from ingest.errors import StoreError
from ingest.store import KnowledgeBase, open_client, spaces

log = logging.getLogger(__name__)

STORE_FOLDER = "chroma"
STORE_FILE = "chroma.sqlite3"
RESTORABLE = "知识库索引已损坏，运行 `cadre-bot rebuild` 可从存档恢复。"
NOT_RESTORABLE = "知识库索引已损坏，且没有可恢复的存档：运行 `cadre-bot rebuild` 把它移到一旁，再重新导入文档。"


class StoreDamaged(StoreError):
    """Chroma's files cannot be read, or lost documents the archive still holds."""


def damaged(archive: Archive, reason: str) -> StoreDamaged:
    restorable = archive.has_documents()
    return StoreDamaged(
        f"the knowledge base store is damaged ({reason}); `cadre-bot rebuild` {'restores it from' if restorable else 'finds nothing in'} {archive.root}",
        RESTORABLE if restorable else NOT_RESTORABLE,
    )


def open_knowledge_base(
    data_dir: Path, space: str, archive: Archive, chroma_host: str | None = None, chroma_port: int = 8000, rebuilding: bool = False
) -> KnowledgeBase:
    """The knowledge base of one embedding space, or StoreDamaged when Chroma's files are unreadable,
    emptied (a 0-byte database reads as a new one), or gone while the archive holds documents
    (expected only when `rebuilding` into a fresh store)."""
    database = data_dir / STORE_FOLDER / STORE_FILE
    if not chroma_host and database.exists() and database.stat().st_size == 0:
        raise damaged(archive, f"{database} is empty")
    try:
        client = open_client(data_dir, chroma_host, chroma_port)
        held = spaces(client)
        kb = KnowledgeBase(client, space)
        kb.is_empty()
    except (ChromaError, sqlite3.DatabaseError) as exc:
        if not chroma_host:
            _forget_client(data_dir / STORE_FOLDER)  # half started: opening again must start afresh
        raise damaged(archive, f"{type(exc).__name__}: {' '.join(str(exc).split())}") from exc
    if not held and not rebuilding and archive.has_documents():
        raise damaged(archive, "it holds no knowledge base but the archive holds documents")
    return kb


def archive_existing_documents(kb: KnowledgeBase, archive: Archive) -> int:
    """A store made before the archive existed: archive what it holds (this space's documents first,
    then those only an earlier embedding model has), once. The entries are written to a staging folder
    renamed into place when complete, so an interrupted run hides nothing. Returns how many were archived."""
    if archive.exists():
        return 0
    staging = Archive(archive.root.parent, f".{FOLDER}-migrating")
    shutil.rmtree(staging.root, ignore_errors=True)
    archived: set[str] = set()
    for space in [kb.space] + [s for s in spaces(kb.client) if s != kb.space]:
        source = kb if space == kb.space else KnowledgeBase(kb.client, space)
        for document in source.source_documents():
            record = source.document(document.doc_id)
            if record is None or document.doc_id in archived:
                continue
            staging.put(record, document)
            archived.add(document.doc_id)
    if archived:
        staging.root.rename(archive.root)
        log.info("archived %d documents of a store made before the archive existed", len(archived))
    return len(archived)


def move_store_aside(data_dir: Path) -> Path | None:
    """Rename the embedded store's folder whole (nothing inside is deleted), so a fresh one can be
    built in its place; None when there is none."""
    store = data_dir / STORE_FOLDER
    if not store.exists():
        return None
    _forget_client(store)
    aside = data_dir / f"{STORE_FOLDER}.damaged-{time.strftime('%Y%m%d-%H%M%S')}"
    store.rename(aside)
    log.warning("moved the knowledge base store %s aside to %s", store, aside)
    return aside


def _forget_client(store: Path) -> None:
    """Chroma shares one client per folder within a process; a fresh store at the same path must not
    reuse the one still reading the old files (which moved with the rename)."""
    for identifier in (str(store), str(store.resolve())):
        SharedSystemClient._identifier_to_system.pop(identifier, None)
        SharedSystemClient._identifier_to_refcount.pop(identifier, None)
