"""The vectors of a whole knowledge base, kept in the cache dir between processes.

A cold `ask` otherwise imports chromadb and reads every vector from it (about a second of CPU at ten
thousand sentences); with this copy it loads two arrays in tens of milliseconds and never opens Chroma.
The copy is keyed by the embedded store's files as they stood after they were read (any write to
Chroma, or damage to it, changes them, and the store is then read again), by the documents' versions and
by the embedding space.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

CACHE_VERSION = "vectors-v1"
KEPT_COPIES = 2  # the copies are tens of megabytes: the newest, and one for a second data dir
_IDS, _VECTORS = "ids.npy", "vectors.npy"


def cache_key(store_dir: Path, space: str, versions: list[tuple[str, str]]) -> str | None:
    """A name for the vectors of these document versions as the store's files now hold them; None when
    the store cannot be looked at."""
    try:
        files = sorted((str(p.relative_to(store_dir)), p.stat()) for p in store_dir.rglob("*") if p.is_file())
    except OSError:
        return None
    if not files:
        return None
    digest = hashlib.sha256(f"{CACHE_VERSION}|{space}|{store_dir.resolve()}".encode())
    for name, stat in files:
        # ctime and inode too: a page rewritten in place keeps the size, and a coarse clock the mtime.
        digest.update(f"|{name}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}".encode())
    for doc_id, version in versions:
        digest.update(f"|{doc_id}@{version}".encode())
    return digest.hexdigest()[:24]


def load(cache_dir: Path, key: str) -> dict[str, np.ndarray] | None:
    """The kept vectors by chunk id, or None when there are none (or they cannot be read)."""
    folder = cache_dir / f"vectors-{key}"
    if not folder.is_dir():
        return None
    try:
        ids = np.load(folder / _IDS, allow_pickle=False)
        vectors = np.load(folder / _VECTORS, allow_pickle=False)
        if len(ids) != len(vectors):
            raise ValueError(f"{len(ids)} ids for {len(vectors)} vectors")
    except (OSError, ValueError) as exc:
        log.warning("replacing the unreadable vector cache %s: %s", folder, exc)
        shutil.rmtree(folder, ignore_errors=True)
        return None
    return dict(zip(ids.tolist(), vectors))


def save(cache_dir: Path, key: str, vectors: dict[str, np.ndarray]) -> None:
    """Written to a temporary folder renamed into place, so a reader sees whole arrays or none."""
    if not vectors:
        return
    folder = cache_dir / f"vectors-{key}"
    try:
        cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(dir=cache_dir, prefix=".vectors-"))
        np.save(temp / _IDS, np.array(list(vectors)), allow_pickle=False)
        np.save(temp / _VECTORS, np.vstack(list(vectors.values())).astype(np.float32), allow_pickle=False)
        try:
            os.rename(temp, folder)
        except OSError:  # another process saved the same vectors first
            shutil.rmtree(temp, ignore_errors=True)
            return
        kept = sorted(cache_dir.glob("vectors-*"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEPT_COPIES:]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        log.warning("could not keep the vectors in %s: %s", cache_dir, exc)
