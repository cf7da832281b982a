"""Audit trail of knowledge-base changes, kept in Chroma next to the documents it describes."""

from __future__ import annotations

import logging
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any

from ingest.chroma_files import PLACEHOLDER_VECTOR, log_only_collection, persist_directory, storage_refusal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AuditEntry:
    at: str
    actor: str
    action: str  # "new" | "replaced" | "unchanged" | "removed" | "reindexed" | "rebuilt"
    doc_id: str
    title: str
    source: str
    content_hash: str
    previous_hash: str = ""


class AuditLog:
    def __init__(self, client: Any) -> None:
        self._client = client
        self._entries = log_only_collection(client, "kb-audit")

    def record(self, actor: str, action: str, doc_id: str, title: str, source: str, content_hash: str, previous_hash: str = "") -> AuditEntry:
        entry = AuditEntry(
            at=datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
            actor=actor,
            action=action,
            doc_id=doc_id,
            title=title,
            source=source,
            content_hash=content_hash,
            previous_hash=previous_hash,
        )
        try:
            self._entries.add(ids=[f"{entry.at}-{uuid.uuid4().hex[:8]}"], metadatas=[asdict(entry)], embeddings=[PLACEHOLDER_VECTOR])
        except Exception as exc:
            # The change itself is committed: a disk too full for its audit entry must not report it as failed.
            if storage_refusal(exc, persist_directory(self._client)) is None:
                raise
            log.error("audit entry not recorded (%s %s %s by %s): %s", action, doc_id, source, actor, exc)
        return entry

    def entries(self, doc_id: str | None = None, limit: int = 100) -> list[AuditEntry]:
        """Newest first."""
        got = self._entries.get(where={"doc_id": doc_id} if doc_id else None, include=["metadatas"])
        entries = [AuditEntry(**meta) for meta in got["metadatas"]]
        return sorted(entries, key=lambda e: e.at, reverse=True)[:limit]
