"""Who writes an embedded knowledge base: an OS lock on the data dir.

Embedded Chroma is single-process: another process's writes leave the bot's vector index stale. So
`cadre-bot serve` holds this lock while it runs, and shell commands that change documents hold it while
they write; whoever comes second refuses instead. Garbage collection, which deletes what an
unfinished write left, only runs in a process that holds it or can take it.
The lock dies with its process, even on SIGKILL, so it never goes stale.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

LOCK_NAME = "serve.lock"
LOCK_WAIT_S = 5.0  # long enough for a reader's tidy-up on start, short enough to refuse promptly


class ServeLock:
    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / LOCK_NAME
        self._handle: IO[str] | None = None

    def acquire(self, wait_s: float = 0.0) -> bool:
        """Take the lock for this process; False if another process still holds it after `wait_s`
        (a reader command holds it for a moment while it tidies up on start)."""
        self._path.parent.mkdir(parents=True, exist_ok=True)
        handle = self._path.open("a+")
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    handle.close()
                    return False
                time.sleep(0.1)
        self._handle = handle
        self._write_pid(handle)
        return True

    @staticmethod
    def _write_pid(handle: IO[str]) -> None:
        """The pid only names the holder in messages; the lock itself is held either way, so a full
        disk must not stop the bot from starting."""
        try:
            os.ftruncate(handle.fileno(), 0)
            os.pwrite(handle.fileno(), str(os.getpid()).encode(), 0)
        except OSError as exc:
            log.warning("could not record this process's pid in %s: %s", LOCK_NAME, exc)

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def holder(self) -> int | None:
        """The pid of the process holding the lock (possibly this one), or None when nobody does."""
        if self._handle is not None:
            return os.getpid()
        if not self._path.exists():
            return None
        with self._path.open("r") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                text = handle.read().strip()
                return int(text) if text.isdigit() else -1
            fcntl.flock(handle, fcntl.LOCK_UN)
        return None
