"""Document management shared by the CLI and the Telegram admin commands: ingest, remove, reindex,
each recorded in the audit log."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.engine import AnswerEngine
from bot.serve_lock import ServeLock
from ingest.audit import AuditEntry, AuditLog
from ingest.errors import IngestError
from ingest.pipeline import IngestResult, Progress
from ingest.store import DocumentRecord, KnowledgeBase, spaces

log = logging.getLogger(__name__)


class DocumentService:
    def __init__(self, engine: AnswerEngine, audit: AuditLog | None = None) -> None:
        self._engine = engine
        self._audit = audit or AuditLog(engine.kb.client)

    def ingest(self, paths: list[Path], actor: str, progress: Progress | None = None) -> list[IngestResult]:
        results = self._engine.ingest(paths, progress)
        for r in results:
            if r.status != "unchanged":
                self._audit.record(actor, r.status, r.doc_id, r.title, r.source, r.content_hash, r.previous_hash)
        return results

    def remove(self, doc_id: str, actor: str) -> DocumentRecord:
        record = self._engine.remove(doc_id)
        self._audit.record(actor, "removed", record.doc_id, record.title, record.source, "", record.content)
        return record

    def reindex(self, actor: str, progress: Progress | None = None) -> list[IngestResult]:
        """Re-embed every document with the current model; documents known only to an earlier
        embedding space (after EMBEDDING_BACKEND or EMBEDDING_MODEL changed) are brought over."""
        kb = self._engine.kb
        documents = {d.doc_id: d for d in kb.source_documents()}
        for space in spaces(kb.client):
            if space == kb.space:
                continue
            for document in KnowledgeBase(kb.client, space).source_documents():
                documents.setdefault(document.doc_id, document)
        results = self._engine.reindex(list(documents.values()), progress)
        for r in results:
            self._audit.record(actor, "reindexed" if r.previous_hash else "new", r.doc_id, r.title, r.source, r.content_hash, r.previous_hash)
        return results

    def history(self, doc_id: str | None = None, limit: int = 100) -> list[AuditEntry]:
        return self._audit.entries(doc_id, limit)


def refuse_while_serving(engine: AnswerEngine) -> None:
    """Shell writes to an embedded store would leave a running bot's index stale: refuse them."""
    if engine.settings.chroma_host:
        return
    pid = ServeLock(engine.settings.data_dir).holder()
    if pid is not None:
        raise IngestError(
            f"cadre-bot serve (pid {pid}) owns {engine.settings.data_dir}; nothing was changed",
            f"机器人正在运行（进程 {pid}）并使用这个知识库，为免数据不一致，本次未做任何修改。"
            "请在 Telegram 中用管理员命令管理文档，或先停止机器人；使用 Chroma 服务器（CHROMA_HOST）时可多进程写入。",
        )
