"""The archive: each document's extracted text, kept in the data dir outside Chroma's files.

It says WHICH documents exist, whatever embedding model loads and whatever happens to Chroma's files:
`DATA_DIR/archive/<doc_id>.json` holds the loaded document (title, paragraphs, sections, metadata) with
the record of its ingest (version, content hash, time). Chroma holds what can be derived from it again:
sentence chunks and their vectors, per embedding space. So `docs` lists the archive, questions about a
document the current space has no vectors for are answered by BM25 over its archived text, and
`cadre-bot rebuild` restores a damaged store from it.

The folder's existence means "this data dir has held documents": seeds are imported only without it.
Each file is replaced atomically (temporary file in the same folder, fsync, rename), so a reader sees a
document's old entry or its new one, never a part.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ingest.documents import SourceDocument

log = logging.getLogger(__name__)

FOLDER = "archive"
_SUFFIX = ".json"
_TEMP_PREFIX = ".tmp-"


@dataclass(frozen=True)
class DocumentRecord:
    doc_id: str
    title: str
    source: str
    version: str  # names the document's chunks (and their vectors); the content hash for new writes
    paragraphs: int
    chunks: int
    ingested_at: str
    source_url: str = ""
    attribution: str = ""
    content_hash: str = ""  # what was ingested (text and splitter version)

    @property
    def content(self) -> str:
        return self.content_hash or self.version

    def to_metadata(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "doc_id"}


@dataclass(frozen=True)
class ArchivedDocument:
    record: DocumentRecord
    document: SourceDocument


class Archive:
    """The archived documents of one data dir."""

    def __init__(self, data_dir: Path, folder: str = FOLDER) -> None:
        self.root = data_dir / folder
        # Parsed entries by path, kept while the file's (mtime, size, inode) stays: a library of a
        # thousand documents is listed after every write, and most entries did not change.
        self._parsed: dict[Path, tuple[tuple[int, int, int], ArchivedDocument]] = {}

    def exists(self) -> bool:
        """Whether this data dir has ever held documents (removing them all leaves the folder)."""
        return self.root.is_dir()

    def create(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)

    def has_documents(self) -> bool:
        return self.exists() and any(not p.name.startswith(".") for p in self.root.glob(f"*{_SUFFIX}"))

    def records(self) -> list[DocumentRecord]:
        """Every archived document's record, oldest ingest first, as the knowledge base lists them."""
        records = [entry.record for entry in self.documents()]
        return sorted(records, key=lambda r: (r.ingested_at, r.doc_id))

    def documents(self) -> list[ArchivedDocument]:
        if not self.exists():
            return []
        found = (self._read(path) for path in sorted(self.root.glob(f"*{_SUFFIX}")) if not path.name.startswith("."))
        return [entry for entry in found if entry is not None]

    def get(self, doc_id: str) -> ArchivedDocument | None:
        return self._read(self._path(doc_id))

    def put(self, record: DocumentRecord, document: SourceDocument) -> None:
        """Write one document's entry atomically, durable before this returns."""
        self.create()
        payload = {"record": asdict(record), "document": asdict(document)}
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        fd, temp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_SUFFIX, dir=self.root)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temp, self._path(record.doc_id))
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self._sync_folder()

    def delete(self, doc_id: str) -> bool:
        """Forget a document; False when it was not archived."""
        try:
            self._path(doc_id).unlink()
        except FileNotFoundError:
            return False
        self._sync_folder()
        return True

    def restore(self, doc_id: str, previous: ArchivedDocument | None) -> None:
        """Put back what `get` returned before a write that then failed."""
        if previous is None:
            self.delete(doc_id)
        else:
            self.put(previous.record, previous.document)

    def remove_temporary_files(self) -> int:
        """Temporary files of writers killed mid-write; only a process owning the data dir calls this."""
        if not self.exists():
            return 0
        stale = list(self.root.glob(f"{_TEMP_PREFIX}*"))
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)

    def _path(self, doc_id: str) -> Path:
        return self.root / f"{doc_id}{_SUFFIX}"

    def _read(self, path: Path) -> ArchivedDocument | None:
        try:
            stat = path.stat()
        except FileNotFoundError:  # removed since it was listed
            self._parsed.pop(path, None)
            return None
        key = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        cached = self._parsed.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        entry = self._parse(path)
        if entry is not None:
            self._parsed[path] = (key, entry)
        return entry

    def _parse(self, path: Path) -> ArchivedDocument | None:
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.error("archive entry %s is unreadable (%s); ingest that document's file again", path.name, exc)
            return None
        try:
            return ArchivedDocument(DocumentRecord(**payload["record"]), SourceDocument(**payload["document"]))
        except (KeyError, TypeError, ValueError) as exc:  # valid JSON of another shape (hand edit, other release)
            log.error("archive entry %s is not a document (%s); ingest that document's file again", path.name, exc)
            return None

    def _sync_folder(self) -> None:
        """Make the rename itself durable, so a power cut cannot bring back an entry's old state."""
        fd = os.open(self.root, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
