"""Audit trail of knowledge-base changes: one JSON line per change in `DATA_DIR/audit.jsonl`.

Appended with one `write` of a whole line and fsynced, so a crash leaves at most a torn last line,
which reading skips. It lives beside the archive it describes, whatever store holds the vectors.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from ingest.storage_faults import storage_refusal

log = logging.getLogger(__name__)

FILE = "audit.jsonl"


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
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE

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
        line = (json.dumps(asdict(entry), ensure_ascii=False) + "\n").encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            # The change itself is committed: a disk too full for its audit entry must not report it as failed.
            if storage_refusal(exc, self.path.parent) is None:
                raise
            log.error("audit entry not recorded (%s %s %s by %s): %s", action, doc_id, source, actor, exc)
        return entry

    def entries(self, doc_id: str | None = None, limit: int = 100) -> list[AuditEntry]:
        """Newest first."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        entries = []
        for line in lines:
            try:
                entry = AuditEntry(**json.loads(line))
            except (ValueError, TypeError):
                continue  # a line torn by a crash mid-append
            if doc_id is None or entry.doc_id == doc_id:
                entries.append(entry)
        return sorted(entries, key=lambda e: e.at, reverse=True)[:limit]
