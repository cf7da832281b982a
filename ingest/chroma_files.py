"""How embedded Chroma keeps its files, and the two places where that needs care.

Chroma 1.5 rewrites a collection's HNSW index files in place every `sync_threshold` additions, so a
process killed during the rewrite leaves an index that errors (or crashes hnswlib) when read
(chroma-core/chroma#5366). And deleting a collection leaves its index directory on disk.
"""

from __future__ import annotations

import atexit
import errno
import logging
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from chromadb.api.models.Collection import Collection

from ingest.errors import StoreError

log = logging.getLogger(__name__)

_NEVER_PERSIST = {"hnsw": {"sync_threshold": 2_000_000_000}}
PLACEHOLDER_VECTOR = [1.0]  # for records read by metadata only (and lexical-space chunks): Chroma still needs a vector


def log_only_collection(client: Any, name: str) -> Collection:
    """A small collection read by metadata only: it never rewrites HNSW files, so no kill can corrupt it."""
    collection = client.get_or_create_collection(name, embedding_function=None, configuration=_NEVER_PERSIST)
    hnsw = (collection.configuration_json or {}).get("hnsw") or {}
    if hnsw.get("sync_threshold") != _NEVER_PERSIST["hnsw"]["sync_threshold"]:
        try:
            collection.modify(configuration=_NEVER_PERSIST)  # stores made before this setting existed
        except Exception as exc:  # noqa: BLE001 - a full disk or read-only store must still be readable
            log.warning("left %s's index settings as they were: %s", name, exc)
    return collection


_DISK_FULL = ("database or disk is full", "no space left")
_READ_ONLY = ("readonly database", "read-only file system", "permission denied")
LOW_DISK_BYTES = 64 * 1024 * 1024  # below this, a failed Chroma write is taken for a full disk


def storage_refusal(exc: BaseException, root: Path | None) -> StoreError | None:
    """The user-facing reason a write to the store under `root` failed when it is the disk's fault
    (full or read-only), else None. Chroma does not always name the cause ("Error in compaction:
    ..."), so a failure on a nearly full disk counts as a full disk."""
    text = str(exc).lower()
    code = exc.errno if isinstance(exc, OSError) else None
    if code in (errno.EROFS, errno.EACCES, errno.EPERM) or any(marker in text for marker in _READ_ONLY):
        return StoreError(
            f"the knowledge base is read-only; nothing was changed: {exc}",
            "知识库数据目录只读，无法写入，知识库未做任何修改，仍可正常提问；请检查数据目录的权限或挂载方式。",
        )
    if code == errno.ENOSPC or any(marker in text for marker in _DISK_FULL) or (root is not None and _free_bytes(root) < LOW_DISK_BYTES):
        return StoreError(
            f"the disk holding the knowledge base is full; nothing was changed: {exc}",
            "磁盘空间不足，写入失败，知识库未做任何修改，仍可正常提问；请清理磁盘空间后重试。",
        )
    return None


_READ_ONLY_COPIES: dict[Path, StoreError] = {}


def read_only_copy(path: Path, cause: StoreError, open_store: Callable[[Path], Any]) -> Any:
    """Embedded Chroma writes to its database each time it opens it, so a store on a read-only or
    full disk cannot be opened in place. A copy in the temp dir can: questions are answered from
    it, and every write is refused with `cause` (see `read_only_reason`)."""
    scratch = Path(tempfile.mkdtemp(prefix="cadre-bot-readonly-"))
    copy = scratch / path.name
    try:
        shutil.copytree(path, copy)
        client = open_store(copy)
    except Exception as exc:
        shutil.rmtree(scratch, ignore_errors=True)
        raise StoreError(
            f"cannot open the store at {path} ({cause}) nor a copy of it in {scratch.parent} ({exc})",
            "知识库所在的磁盘已满或只读，无法打开知识库；请清理磁盘空间或检查数据目录的权限后重试。",
        ) from exc
    atexit.register(shutil.rmtree, scratch, True)
    _READ_ONLY_COPIES[copy] = cause
    log.warning("cannot open the store at %s for writing (%s); answering from a read-only copy in %s", path, cause, copy)
    return client


def read_only_reason(client: Any) -> StoreError | None:
    """Why this client must not be written, when it is a read-only copy (see `read_only_copy`)."""
    root = persist_directory(client)
    return _READ_ONLY_COPIES.get(root) if root is not None else None


def persist_directory(client: Any) -> Path | None:
    """Where an embedded store keeps its files; None for a Chroma server, which manages its own."""
    settings = client.get_settings()
    if not settings.is_persistent or "fastapi" in settings.chroma_api_impl.lower() or not settings.persist_directory:
        return None
    return Path(settings.persist_directory)


def _free_bytes(root: Path) -> int:
    try:
        return shutil.disk_usage(root).free
    except OSError:
        return LOW_DISK_BYTES  # cannot tell: don't claim the disk is full


def remove_orphan_segment_files(client: Any) -> int:
    """Embedded Chroma leaves a deleted collection's index files on disk; remove those no segment names.

    Directories are listed before segments are read: a segment's row is written when its collection is
    created, before its first file, so a directory seen first always has its row by the time we read.
    """
    root = persist_directory(client)
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
