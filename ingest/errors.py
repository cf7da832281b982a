"""The errors a user is shown, carrying a Chinese message for users and an English one for logs, and
the refusals every loader shares.

One tree, owned by the inner layer (`ingest` never imports `bot`), so the CLI and Telegram boundaries
catch `UserError` once, whichever layer refused. Raise the subclass that says what went wrong; the
base only for a refusal no subclass fits.
"""

from __future__ import annotations

from pathlib import Path

from ingest.documents import source_name


class UserError(Exception):
    """A refusal to show the user: `user_message` is one Chinese line, `log_message` (also `str(exc)`)
    the English one for the log."""

    def __init__(self, log_message: str, user_message: str) -> None:
        super().__init__(log_message)
        self.log_message = log_message
        self.user_message = user_message


class IngestError(UserError):
    """A document or upload cannot be ingested (or a document named for removal does not exist);
    nothing was written when this is raised."""


class QuestionError(UserError):
    """A question cannot be asked (empty, too long)."""


class ConfigError(UserError):
    """The settings or options are wrong: a bad CLI option value or input file, `--mode llm` without
    an LLM, a data dir that is not a folder."""


class StartupError(UserError):
    """The bot cannot start; the message says what to fix."""


class StoreError(UserError):
    """The knowledge base cannot be read or written: damaged store, full or read-only disk, data dir
    owned by another process, Chroma server unreachable. Nothing was changed."""


def empty_document(path: Path) -> IngestError:
    """The refusal for a file that holds no text worth answering from, whatever its format."""
    return IngestError(f"empty document: {path}", f"文件《{source_name(path.name)}》没有可用的正文内容。")


def unreadable_file(path: Path, exc: OSError) -> IngestError:
    """The refusal for a file the operating system will not let us read."""
    return IngestError(f"cannot read {path}: {exc.strerror}", f"无法读取文件《{source_name(path.name)}》：没有权限或文件已损坏。")
