"""Whether a failed write is the disk's fault (full or read-only), said once for every writer."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from ingest.errors import StoreError

_DISK_FULL = ("database or disk is full", "no space left")
_READ_ONLY = ("readonly database", "read-only file system", "permission denied")
LOW_DISK_BYTES = 64 * 1024 * 1024  # below this, a failed write is taken for a full disk


def storage_refusal(exc: BaseException, root: Path | None) -> StoreError | None:
    """The user-facing reason a write under `root` failed when it is the disk's fault, else None.
    Chroma does not always name the cause ("Error in compaction: ..."), so a failure on a nearly
    full disk counts as a full disk."""
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


def _free_bytes(root: Path) -> int:
    try:
        return shutil.disk_usage(root).free
    except OSError:
        return LOW_DISK_BYTES  # cannot tell: don't claim the disk is full
