"""Stores of the earlier layout (a registry and one chunk collection per document version, an audit
collection), read and retired through Chroma's public API.

A data dir from before the archive existed gets its documents archived from the registry, once; then,
once the archive holds them, `drop_legacy_collections` deletes the old collections (at `serve` start or
`cadre-bot gc`) and the current model re-embeds what it has no vectors for.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from typing import Any

from ingest.archive import FOLDER, Archive, DocumentRecord
from ingest.audit import AuditLog
from ingest.documents import SourceDocument

log = logging.getLogger(__name__)

_REGISTRY = re.compile(r"^kb-(.+)-docs$")
_LEGACY = re.compile(r"^kb-.+-(v|tmp)-[0-9a-f]{16,64}$|^kb-.+-(docs|chunks)$|^kb-audit$")


def archive_legacy_documents(client: Any, archive: Archive) -> int:
    """Archive what an earlier store's registries name, when this data dir has no archive yet. Entries
    are written to a staging folder renamed into place when complete, so an interrupted run hides nothing."""
    if archive.exists():
        return 0
    registries = sorted(c.name for c in client.list_collections() if _REGISTRY.match(c.name))
    if not registries:
        return 0
    staging = Archive(archive.root.parent, f".{FOLDER}-migrating")
    shutil.rmtree(staging.root, ignore_errors=True)
    done: set[str] = set()
    for name in registries:
        space = _REGISTRY.match(name).group(1)  # type: ignore[union-attr]
        got = client.get_collection(name, embedding_function=None).get(include=["metadatas"])
        for doc_id, meta in zip(got["ids"], got["metadatas"]):
            if doc_id in done:
                continue
            record = DocumentRecord(doc_id=doc_id, **{k: v for k, v in meta.items() if k in DocumentRecord.__dataclass_fields__})
            document = _document(client, space, record)
            if document is not None:
                staging.put(record, document)
                done.add(doc_id)
    if done:
        staging.root.rename(archive.root)
        log.info("archived %d documents of a store made before the archive existed", len(done))
    return len(done)


def _document(client: Any, space: str, record: DocumentRecord) -> SourceDocument | None:
    """The document rebuilt from its stored sentences, which cover each paragraph exactly."""
    try:
        rows = client.get_collection(f"kb-{space}-v-{record.version}", embedding_function=None).get(include=["documents", "metadatas"])
    except Exception:  # noqa: BLE001 - a version whose chunks are gone cannot be archived
        log.warning("document %s has no stored sentences; ingest its file again", record.doc_id)
        return None
    paragraphs: dict[int, list[tuple[int, str, str]]] = {}
    for text, meta in zip(rows["documents"], rows["metadatas"]):
        paragraphs.setdefault(int(meta["paragraph"]), []).append((int(meta["sentence"]), text, str(meta.get("section", ""))))
    ordered = [sorted(paragraphs[n]) for n in sorted(paragraphs)]
    pairs = (("file_name", record.source), ("source_url", record.source_url), ("attribution", record.attribution))
    return SourceDocument(
        source=record.source,
        title=record.title,
        paragraphs=["".join(text for _, text, _ in p) for p in ordered],
        metadata={k: v for k, v in pairs if v},
        sections=[p[0][2] for p in ordered],
    )


def drop_legacy_collections(client: Any, archive: Archive) -> int:
    """Delete the earlier layout's collections once the archive holds their documents, keeping audit entries."""
    if not archive.exists():
        return 0
    names = [c.name for c in client.list_collections() if _LEGACY.match(c.name)]
    if "kb-audit" in names:
        _move_audit(client, AuditLog(archive.root.parent))
    for name in names:
        client.delete_collection(name)
    if names:
        log.info("removed %d collections of the earlier store layout", len(names))
    return len(names)


def _move_audit(client: Any, audit: AuditLog) -> None:
    got = client.get_collection("kb-audit", embedding_function=None).get(include=["metadatas"])
    entries = sorted((m for m in got["metadatas"] if m), key=lambda m: str(m.get("at", "")))
    with audit.path.open("a", encoding="utf-8") as file:
        for meta in entries:
            file.write(json.dumps(meta, ensure_ascii=False) + "\n")
