"""Ingest service: load → split → embed → store, idempotent by content hash.

Every path is loaded and validated before anything is written. A bad file in a batch is reported
with its reason and left out; the good ones are ingested (`BatchIngestError` says what failed).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, UTC
from pathlib import Path

from langchain_core.embeddings import Embeddings

from ingest.archive import Archive, ArchivedDocument
from ingest.chunks import Chunk
from ingest.documents import SourceDocument
from ingest.errors import IngestError, UserError
from ingest.instructions import instruction_excerpts
from ingest.loaders import LOADERS, load_document
from ingest.splitting import SPLITTER_VERSION, chunk_document, split_sentences
from ingest.store import DocumentRecord, KnowledgeBase, spaces

log = logging.getLogger(__name__)

# Large enough for the bulk e5 encoder, small enough for a progress step every second or two.
EMBED_BATCH = 256

# Progress callback: (chunks done, chunks total) for the document being embedded.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class IngestResult:
    doc_id: str
    title: str
    source: str
    status: str  # "new" | "replaced" | "unchanged" | "reindexed"
    paragraphs: int
    chunks: int
    seconds: float
    content_hash: str = ""
    previous_hash: str = ""
    flagged: tuple[str, ...] = ()  # excerpts of instruction-like sentences, never quoted nor sent to an LLM


@dataclass(frozen=True)
class IngestFailure:
    name: str  # the file as given (or as found in a given folder)
    reason: str  # one Chinese line for the user
    detail: str  # English, for the log


class BatchIngestError(IngestError):
    """Some files of a batch were not ingested; `results` are the ones that were, committed."""

    def __init__(self, results: list[IngestResult], failures: list[IngestFailure]) -> None:
        reasons = "；".join(f.reason for f in failures)
        super().__init__(
            f"{len(failures)} file(s) not ingested, {len(results)} ingested: " + "; ".join(f"{f.name}: {f.detail}" for f in failures),
            reasons if len(failures) == 1 else f"{len(failures)} 个文件未能导入：{reasons}",
        )
        self.results = results
        self.failures = failures


class IngestService:
    """The one place documents enter the knowledge base; the CLI and the bot both call it."""

    def __init__(self, kb: KnowledgeBase, embeddings: Embeddings | None, archive: Archive | None = None) -> None:
        self._kb = kb
        self._embeddings = embeddings
        self._archive = archive  # when given, every write keeps it current (see ingest.archive)
        self._lock = threading.Lock()

    def ingest_paths(self, paths: Iterable[Path], progress: Progress | None = None) -> list[IngestResult]:
        """Ingest every usable file; raise BatchIngestError after the others are in when any was not."""
        loaded, failures = _load_each(paths)
        loaded, duplicates = _without_shared_names(loaded)
        with self._writing():
            results, unwritten = self._ingest_each([doc for _, doc in loaded], progress)
        failures += duplicates + unwritten
        if failures:
            raise BatchIngestError(results, failures)
        return results

    def _ingest_each(self, documents: list[SourceDocument], progress: Progress | None) -> tuple[list[IngestResult], list[IngestFailure]]:
        """A store that refuses one write (disk full, read-only) refuses the rest too: stop there."""
        results: list[IngestResult] = []
        embedded = self._embedded_ahead(documents, progress)
        for index in range(len(documents)):
            try:
                document, ahead = next(embedded)  # reading or embedding ahead may be refused too
                results.append(self._ingest_one(document, progress, ahead=ahead))
            except UserError as exc:
                return results, [IngestFailure(d.source, exc.user_message, str(exc)) for d in documents[index:]]
        return results, []

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One writer at a time; a backend's batch encoder (see E5Embeddings) lives only while it writes."""
        with self._lock:
            try:
                yield
            finally:
                release = getattr(self._embeddings, "release_batch_encoder", None)
                if release is not None:
                    release()

    def remove(self, doc_id: str) -> DocumentRecord:
        with self._lock:
            archived = self._archive.get(doc_id) if self._archive is not None else None
            if archived is not None:
                self._archive.delete(doc_id)  # readers stop seeing it here
            try:
                record = self._kb.remove_document(doc_id) or (archived.record if archived else None)
            except BaseException:
                if archived is not None:
                    self._archive.restore(doc_id, archived)  # the store refused: the document stays
                raise
        if record is None:
            raise IngestError(f"no document with id {doc_id}", f"没有编号为 {doc_id} 的文档。")
        log.info("removed document %s (%s)", doc_id, record.title)
        return record

    def reindex_stored(self, progress: Progress | None = None) -> list[IngestResult]:
        """Re-embed every stored document with the current model, reading them under the writer lock:
        read before it, a concurrent upload would be undone, a removed document brought back."""
        with self._writing():
            ahead = self._embedded_ahead(self._stored_documents(), progress, force=True)
            return [self._ingest_one(doc, progress, force=True, ahead=vectors) for doc, vectors in ahead]

    def _stored_documents(self) -> list[SourceDocument]:
        """The archived documents (which say what exists, whatever the model); without an archive, this
        space's documents, then those known only to earlier embedding spaces (after EMBEDDING_BACKEND or
        EMBEDDING_MODEL changed)."""
        if self._archive is not None:
            return [entry.document for entry in self._archive.documents()]
        documents = {d.doc_id: d for d in self._kb.source_documents()}
        for space in spaces(self._kb.client):
            if space == self._kb.space:
                continue
            for document in KnowledgeBase(self._kb.client, space).source_documents():
                documents.setdefault(document.doc_id, document)
        return list(documents.values())

    def reindex(self, documents: list[SourceDocument], progress: Progress | None = None) -> list[IngestResult]:
        """Re-embed documents even when unchanged (e.g. after a model change), each switched atomically."""
        with self._writing():
            ahead = self._embedded_ahead(documents, progress, force=True)
            return [self._ingest_one(doc, progress, force=True, ahead=vectors) for doc, vectors in ahead]

    def _embedded_ahead(
        self, documents: list[SourceDocument], progress: Progress | None, force: bool = False
    ) -> Iterator[tuple[SourceDocument, dict[str, list[float]] | None]]:
        """Each document with the vectors its sentences will need, embedded in bulk across documents.

        A library of short files would otherwise embed a dozen sentences at a time, too few for the fast
        batch encoder (about half the time per sentence in bulk). Documents are gathered until they need
        `EMBED_BATCH` new vectors, embedded together, then handed on for committing one by one; nothing
        is written here, so an interrupted batch leaves the knowledge base as it was."""
        if self._embeddings is None:
            yield from ((document, None) for document in documents)
            return
        window: list[tuple[SourceDocument, dict[str, list[float]] | None, list[str]]] = []
        pending = 0
        for document in documents:
            previous = None if force else self._kb.document(document.doc_id)
            if previous is not None and previous.content == document.content_hash(salt=SPLITTER_VERSION):
                window.append((document, None, []))  # most likely unchanged: `_ingest_one` decides, reading what it needs
                continue
            known = self._kb.vectors_by_text(previous.version) if previous is not None else {}
            texts = [c.text for c in chunk_document(document, "")]
            todo = [t for t in dict.fromkeys(texts) if t not in known]
            window.append((document, known, todo))
            pending += len(todo)
            if pending >= EMBED_BATCH:
                yield from self._embed_window(window, progress)
                window, pending = [], 0
        if window:
            yield from self._embed_window(window, progress)

    def _embed_window(
        self, window: list[tuple[SourceDocument, dict[str, list[float]] | None, list[str]]], progress: Progress | None
    ) -> Iterator[tuple[SourceDocument, dict[str, list[float]] | None]]:
        todo = list(dict.fromkeys(t for _, _, texts in window for t in texts))
        embedding = [document for document, known, _ in window if known is not None]
        label = embedding[0].title if len(embedding) == 1 else f"{embedding[0].title if embedding else ''} 等 {len(embedding)} 篇"
        vectors = self._embed(todo, label, progress, {}) if todo else []
        embedded = dict(zip(todo, vectors or []))
        for document, known, texts in window:
            yield document, None if known is None else {**known, **{t: embedded[t] for t in texts}}

    def _ingest_one(
        self,
        document: SourceDocument,
        progress: Progress | None,
        force: bool = False,
        ahead: dict[str, list[float]] | None = None,
    ) -> IngestResult:
        """`ahead`: vectors already made for this document's sentences (see `_embedded_ahead`)."""
        started = time.perf_counter()
        content_hash = document.content_hash(salt=SPLITTER_VERSION)
        previous = self._kb.document(document.doc_id)
        archived = self._archive.get(document.doc_id) if self._archive is not None else None
        previous_hash = archived.record.content if archived else (previous.content if previous else "")
        if (
            not force
            and previous is not None
            and previous.content == content_hash
            and (self._archive is None or (archived is not None and archived.record.content == content_hash))
            and self._kb.has_version(previous.version)
        ):
            return self._result(document, "unchanged", previous.chunks, started, content_hash, previous_hash)
        # A re-embedding of the same content still needs a version of its own to switch to atomically.
        version = content_hash if previous is None or previous.version != content_hash else _fresh_version(content_hash)
        chunks = chunk_document(document, version)
        if ahead is not None:
            known = ahead
        else:
            known = self._kb.vectors_by_text(previous.version) if previous and not force else {}
        vectors = self._embed([c.text for c in chunks], document.title, progress, known)
        record = DocumentRecord(
            doc_id=document.doc_id,
            title=document.title,
            source=document.source,
            version=version,
            paragraphs=len(document.paragraphs),
            chunks=len(chunks),
            ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
            source_url=document.metadata.get("source_url", ""),
            attribution=document.metadata.get("attribution", ""),
            content_hash=content_hash,
        )
        self._commit(record, document, chunks, vectors, previous.version if previous else None, archived)
        status = "new" if previous is None and archived is None else ("reindexed" if force and previous_hash == content_hash else "replaced")
        result = self._result(document, status, len(chunks), started, content_hash, previous_hash)
        log.info("ingested %s %s: %d paragraphs, %d chunks in %.2fs", status, document.source, result.paragraphs, result.chunks, result.seconds)
        return result

    def _commit(
        self,
        record: DocumentRecord,
        document: SourceDocument,
        chunks: list[Chunk],
        vectors: list[list[float]] | None,
        previous_version: str | None,
        archived: ArchivedDocument | None,
    ) -> None:
        """Switch the document to its new version; the archive entry is written after the chunks and
        before the registry commit, and put back if the commit then fails."""
        if self._archive is None:
            self._kb.replace_document(record, chunks, vectors, previous_version)
            return
        written = False

        def archive() -> None:
            nonlocal written
            self._archive.put(record, document)
            written = True

        try:
            self._kb.replace_document(record, chunks, vectors, previous_version, before_commit=archive)
        except BaseException:
            if written and not self._switched(record):
                self._archive.restore(record.doc_id, archived)
            raise

    def _switched(self, record: DocumentRecord) -> bool:
        """Whether the registry already names `record`'s version: a failure after that point (freeing
        the old version) must not take the archive back to the old text."""
        try:
            current = self._kb.document(record.doc_id)
        except Exception:  # noqa: BLE001 - unknown: the archive goes back, as before the commit
            return False
        return current is not None and current.version == record.version

    def _embed(
        self, texts: list[str], label: str, progress: Progress | None, known: dict[str, list[float]]
    ) -> list[list[float]] | None:
        """Embed each distinct text once, reusing vectors the previous version already has."""
        if self._embeddings is None:
            if progress:
                progress(label, len(texts), len(texts))
            return None
        vectors = dict(known)
        todo = list(dict.fromkeys(t for t in texts if t not in vectors))
        done = len(texts) - len(todo)
        for start in range(0, len(todo), EMBED_BATCH):
            batch = todo[start : start + EMBED_BATCH]
            vectors.update(zip(batch, self._embeddings.embed_documents(batch)))
            if progress:
                progress(label, min(len(texts), done + start + len(batch)), len(texts))
        if progress and not todo:
            progress(label, len(texts), len(texts))
        return [list(vectors[t]) for t in texts]

    @staticmethod
    def _result(
        document: SourceDocument, status: str, chunks: int, started: float, content_hash: str, previous_hash: str
    ) -> IngestResult:
        flagged = instruction_excerpts(s.text for p in document.paragraphs for s in split_sentences(p))
        if flagged:
            log.warning("%s has instruction-like sentences, which are never quoted: %s", document.source, " | ".join(flagged))
        return IngestResult(
            doc_id=document.doc_id,
            title=document.title,
            source=document.source,
            status=status,
            paragraphs=len(document.paragraphs),
            chunks=chunks,
            seconds=time.perf_counter() - started,
            content_hash=content_hash,
            previous_hash=previous_hash,
            flagged=flagged,
        )


def _fresh_version(content_hash: str) -> str:
    return hashlib.sha256(f"{content_hash}:{uuid.uuid4().hex}".encode()).hexdigest()


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders expand to their supported files, sorted; a missing path is an error."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in LOADERS and not p.name.startswith("."))
            if not found:
                raise IngestError(f"no supported documents in folder {path}", f"文件夹 {path} 中没有可导入的文档。")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise IngestError(f"no such file or folder: {path}", f"找不到文件或文件夹：{path}")
    return files


def _load_each(paths: Iterable[Path]) -> tuple[list[tuple[Path, SourceDocument]], list[IngestFailure]]:
    """Every path loaded on its own, so one bad file (or missing path) fails alone. A file named twice
    (say, alone and inside a given folder) is loaded once."""
    loaded: list[tuple[Path, SourceDocument]] = []
    failures: list[IngestFailure] = []
    seen: set[Path] = set()
    for given in paths:
        try:
            files = expand_paths([given])
        except IngestError as exc:
            failures.append(IngestFailure(str(given), exc.user_message, str(exc)))
            continue
        for path in files:
            if path.resolve() in seen:
                continue
            seen.add(path.resolve())
            try:
                loaded.append((path, load_document(path)))
            except IngestError as exc:
                failures.append(IngestFailure(str(path), exc.user_message, str(exc)))
    return loaded, failures


def _without_shared_names(loaded: list[tuple[Path, SourceDocument]]) -> tuple[list[tuple[Path, SourceDocument]], list[IngestFailure]]:
    """A file name identifies a document, so files sharing one would overwrite each other: which one
    was meant is unknown, so none of them goes in."""
    counts = Counter(doc.source for _, doc in loaded)
    failures = [
        IngestFailure(
            str(path),
            f"有两个文件同名（{doc.source}），同名文件会互相覆盖，请改名后重试。",
            f"{counts[doc.source]} files share the name {doc.source}; a file name identifies a document",
        )
        for path, doc in loaded
        if counts[doc.source] > 1
    ]
    return [(path, doc) for path, doc in loaded if counts[doc.source] == 1], failures

