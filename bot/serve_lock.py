"""Who owns an embedded knowledge base: a running bot holds an OS lock on the data dir.

Embedded Chroma is single-process: another process's writes leave the bot's vector index stale. So
while `cadre-bot serve` holds this lock, shell commands that change documents refuse instead.
The lock dies with its process, even on SIGKILL, so it never goes stale.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

LOCK_NAME = "serve.lock"


class ServeLock:
    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / LOCK_NAME
        self._handle: IO[str] | None = None

    def acquire(self) -> bool:
        """Take the lock for this process; False if another process holds it."""
        self._path.parent.mkdir(parents=True, exist_ok=True)
        handle = self._path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle
        return True

    def holder(self) -> int | None:
        """The pid of the process holding the lock, or None when nobody does (or it is us)."""
        if self._handle is not None or not self._path.exists():
            return None
        with self._path.open("r") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                text = handle.read().strip()
                return int(text) if text.isdigit() else -1
            fcntl.flock(handle, fcntl.LOCK_UN)
        return None
