"""How embedded Chroma keeps its files, and the two places where that needs care.

Chroma 1.5 rewrites a collection's HNSW index files in place every `sync_threshold` additions, so a
process killed during the rewrite leaves an index that errors (or crashes hnswlib) when read
(chroma-core/chroma#5366). And deleting a collection leaves its index directory on disk.
"""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from chromadb.api.models.Collection import Collection

log = logging.getLogger(__name__)

_NEVER_PERSIST = {"hnsw": {"sync_threshold": 2_000_000_000}}
PLACEHOLDER_VECTOR = [1.0]  # for records read by metadata only (and lexical-space chunks): Chroma still needs a vector


def log_only_collection(client: Any, name: str) -> Collection:
    """A small collection read by metadata only: it never rewrites HNSW files, so no kill can corrupt it."""
    collection = client.get_or_create_collection(name, embedding_function=None, configuration=_NEVER_PERSIST)
    hnsw = (collection.configuration_json or {}).get("hnsw") or {}
    if hnsw.get("sync_threshold") != _NEVER_PERSIST["hnsw"]["sync_threshold"]:
        collection.modify(configuration=_NEVER_PERSIST)  # stores made before this setting existed
    return collection


def remove_orphan_segment_files(client: Any) -> int:
    """Embedded Chroma leaves a deleted collection's index files on disk; remove those no segment names.

    Directories are listed before segments are read: a segment's row is written when its collection is
    created, before its first file, so a directory seen first always has its row by the time we read.
    """
    settings = client.get_settings()
    root = settings.persist_directory if settings.is_persistent and "fastapi" not in settings.chroma_api_impl.lower() else None
    if not root or not (Path(root) / "chroma.sqlite3").exists():  # a Chroma server manages its own files
        return 0
    folders = [p for p in Path(root).iterdir() if p.is_dir() and re.fullmatch(r"[0-9a-f-]{36}", p.name)]
    if not folders:
        return 0
    try:
        with sqlite3.connect(f"file:{Path(root) / 'chroma.sqlite3'}?mode=ro", uri=True) as db:
            live = {row[0] for row in db.execute("SELECT id FROM segments")}
    except sqlite3.Error as exc:
        log.warning("left Chroma's segment files alone: cannot read its segment table (%s)", exc)
        return 0
    orphans = [p for p in folders if p.name not in live]
    for folder in orphans:
        shutil.rmtree(folder, ignore_errors=True)
    return len(orphans)
