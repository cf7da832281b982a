"""Files derived from installed packages (a model graph, a dictionary) kept to make later starts fast.

Each is named by a fingerprint of what it was derived from, so an upgrade writes a new one instead of
reading a stale one, and written atomically, so a crash or a second process never leaves half a file.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

# A temporary file older than this was left by a process that died while writing it.
STALE_TEMP_S = 3600.0


def fingerprint(*sources: Path, extra: str = "") -> str:
    """Changes when any source file is replaced or edited (size, mtime) or `extra` changes."""
    parts = [extra]
    for source in sources:
        stat = source.stat()
        parts.append(f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}")
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def write_cache_file(path: Path, family: str, *chunks: bytes) -> None:
    """Write `path` atomically, then delete the files it supersedes: other names matching the glob
    `family` (derived from an older package) and temporary files a killed writer left behind."""
    _write_atomically(path, *chunks)
    for old in path.parent.glob(family):
        if old != path:
            _remove(old)
    for temp in path.parent.glob(f".{family}.*.tmp"):
        try:
            if time.time() - temp.stat().st_mtime > STALE_TEMP_S:
                _remove(temp)
        except FileNotFoundError:
            pass


def writable_folder(folder: Path) -> bool:
    """Whether cache files can be written into `folder`, made (private) if missing: a caller that cannot
    keep what it derives need not derive it for the cache."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not remove the outdated cache file %s (%s)", path, exc)


def _write_atomically(path: Path, *chunks: bytes) -> None:
    """Readers see the old file or the whole new one, never a part."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # private: a graph in it is loaded and run
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
