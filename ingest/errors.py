"""Errors raised for bad input, carrying a Chinese message for users and an English one for logs,
and the refusals every loader shares."""

from __future__ import annotations

from pathlib import Path

from ingest.documents import source_name


class IngestError(Exception):
    """A document or request that cannot be ingested; nothing was written when this is raised."""

    def __init__(self, log_message: str, user_message: str) -> None:
        super().__init__(log_message)
        self.user_message = user_message


def empty_document(path: Path) -> IngestError:
    """The refusal for a file that holds no text worth answering from, whatever its format."""
    return IngestError(f"empty document: {path}", f"文件《{source_name(path.name)}》没有可用的正文内容。")


def unreadable_file(path: Path, exc: OSError) -> IngestError:
    """The refusal for a file the operating system will not let us read."""
    return IngestError(f"cannot read {path}: {exc.strerror}", f"无法读取文件《{source_name(path.name)}》：没有权限或文件已损坏。")
