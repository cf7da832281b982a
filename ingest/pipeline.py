"""Ingest service: load → split → embed → store, idempotent by content hash.

Every path is loaded and validated before anything is written. A bad file in a batch is reported
with its reason and left out; the good ones are ingested (`BatchIngestError` says what failed).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, UTC
from pathlib import Path

from langchain_core.embeddings import Embeddings

from ingest.archive import DocumentRecord
from ingest.chunks import Chunk
from ingest.documents import SourceDocument
from ingest.errors import IngestError, UserError
from ingest.instructions import instruction_excerpts
from ingest.loaders import LOADERS, load_document
from ingest.splitting import SPLITTER_VERSION, chunk_document, split_sentences
from ingest.store import KnowledgeBase

log = logging.getLogger(__name__)

# Large enough for the bulk e5 encoder, which sorts each batch by length (512 sentences pad ~8% fewer
# tokens than 256: 9% less CPU time over 200 CMRC documents), small enough for a progress step every few seconds.
EMBED_BATCH = 512

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

    def __init__(self, kb: KnowledgeBase, embeddings: Embeddings | None) -> None:
        self._kb = kb
        self._embeddings = embeddings
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

    def reindex_stored(self, progress: Progress | None = None) -> list[IngestResult]:
        """Re-embed every archived document with the current model, reading them under the writer lock:
        read before it, a concurrent upload would be undone, a removed document brought back."""
        return self._rewrite_archived(progress, force=True)

    def embed_missing(self, progress: Progress | None = None) -> list[IngestResult]:
        """Embed archived documents this space has no (or not every) vector for: after a model change,
        a store rebuilt, or vectors lost. Unchanged documents are left alone."""
        return [r for r in self._rewrite_archived(progress, force=False) if r.status != "unchanged"]

    def _rewrite_archived(self, progress: Progress | None, force: bool) -> list[IngestResult]:
        with self._writing():
            documents = [entry.document for entry in self._kb.entries()]
            results, unwritten = self._ingest_each(documents, progress, force=force)
        if unwritten:
            raise BatchIngestError(results, unwritten)
        return results

    def remove(self, doc_id: str) -> DocumentRecord:
        with self._lock:
            record = self._kb.remove_document(doc_id)
        if record is None:
            raise IngestError(f"no document with id {doc_id}", f"没有编号为 {doc_id} 的文档。")
        log.info("removed document %s (%s)", doc_id, record.title)
        return record

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

    def _ingest_each(
        self, documents: list[SourceDocument], progress: Progress | None, force: bool = False
    ) -> tuple[list[IngestResult], list[IngestFailure]]:
        """Documents are planned, embedded and their vectors written a window at a time (see `_windows`),
        then committed one by one. A store that refuses one write (disk full, read-only) refuses the rest
        too: stop there."""
        results: list[IngestResult] = []
        done = 0
        try:
            for window in self._windows(documents, force):
                self._embed_window(window, progress)
                self._kb.write_vectors(
                    [c for plan in window if plan.vectors is not None for c in plan.chunks],
                    [v for plan in window if plan.vectors is not None for v in plan.vectors],
                )
                for plan in window:
                    results.append(self._commit(plan, force))
                    done += 1
        except UserError as exc:
            return results, [IngestFailure(d.source, exc.user_message, str(exc)) for d in documents[done:]]
        return results, []

    def _windows(self, documents: list[SourceDocument], force: bool) -> Iterator[list[_Plan]]:
        """Plans gathered until they need `EMBED_BATCH` new vectors: a library of short files would
        otherwise embed a dozen sentences at a time, too few for the fast batch encoder, and write
        to Chroma once per file. Nothing is committed here."""
        window: list[_Plan] = []
        pending = 0
        for document in documents:
            plan = self._plan(document, force)
            window.append(plan)
            pending += len(plan.todo)
            if pending >= EMBED_BATCH:
                yield window
                window, pending = [], 0
        if window:
            yield window

    def _plan(self, document: SourceDocument, force: bool) -> _Plan:
        started = time.perf_counter()
        content_hash = document.content_hash(salt=SPLITTER_VERSION)
        previous = self._kb.document(document.doc_id)
        same = previous is not None and previous.content == content_hash
        version = previous.version if same and previous is not None else content_hash
        chunks = chunk_document(document, version)
        plan = _Plan(document, previous, content_hash, version, chunks, started)
        if same and not force and self._kb.has_vectors(previous):
            plan.status = "unchanged"
            return plan
        if self._embeddings is None:
            return plan
        known = {} if force or previous is None else self._kb.vectors_by_text(previous, (c.text for c in chunks))
        plan.known = known
        plan.todo = [t for t in dict.fromkeys(c.text for c in chunks) if t not in known]
        return plan

    def _embed_window(self, window: list[_Plan], progress: Progress | None) -> None:
        embedding = [plan for plan in window if plan.status != "unchanged"]
        if not embedding:
            return
        label = embedding[0].document.title if len(embedding) == 1 else f"{embedding[0].document.title} 等 {len(embedding)} 篇"
        todo = list(dict.fromkeys(t for plan in embedding for t in plan.todo))
        total = sum(len(plan.chunks) for plan in embedding)
        made = self._embed(todo, label, progress, total)
        if made is None:
            return
        for plan in embedding:
            vectors = {**plan.known, **made}
            plan.vectors = [vectors[c.text] for c in plan.chunks]

    def _embed(self, texts: list[str], label: str, progress: Progress | None, total: int) -> dict[str, list[float]] | None:
        """Each distinct text once; progress counts the window's sentences, reused ones included."""
        if self._embeddings is None:
            if progress:
                progress(label, total, total)
            return None
        made: dict[str, list[float]] = {}
        reused = total - len(texts)
        for start in range(0, len(texts), EMBED_BATCH):
            batch = texts[start : start + EMBED_BATCH]
            made.update(zip(batch, (list(v) for v in self._embeddings.embed_documents(batch))))
            if progress:
                progress(label, min(total, reused + start + len(batch)), total)
        if progress and not texts:
            progress(label, total, total)
        return made

    def _commit(self, plan: _Plan, force: bool) -> IngestResult:
        document, previous = plan.document, plan.previous
        previous_hash = previous.content if previous else ""
        if plan.status == "unchanged":
            return self._result(plan, "unchanged", previous.chunks if previous else len(plan.chunks), previous_hash)
        record = DocumentRecord(
            doc_id=document.doc_id,
            title=document.title,
            source=document.source,
            version=plan.version,
            paragraphs=len(document.paragraphs),
            chunks=len(plan.chunks),
            ingested_at=previous.ingested_at if force and previous else datetime.now(UTC).isoformat(timespec="microseconds"),
            source_url=document.metadata.get("source_url", ""),
            attribution=document.metadata.get("attribution", ""),
            content_hash=plan.content_hash,
        )
        self._kb.commit(record, document, previous)
        if previous is None:
            status = "new"
        else:
            status = "reindexed" if previous_hash == plan.content_hash else "replaced"
        result = self._result(plan, status, len(plan.chunks), previous_hash)
        log.info("ingested %s %s: %d paragraphs, %d chunks in %.2fs", status, document.source, result.paragraphs, result.chunks, result.seconds)
        return result

    @staticmethod
    def _result(plan: _Plan, status: str, chunks: int, previous_hash: str) -> IngestResult:
        document = plan.document
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
            seconds=time.perf_counter() - plan.started,
            content_hash=plan.content_hash,
            previous_hash=previous_hash,
            flagged=flagged,
        )


@dataclass
class _Plan:
    """What one document's write needs, gathered before anything is written."""

    document: SourceDocument
    previous: DocumentRecord | None
    content_hash: str
    version: str
    chunks: list[Chunk]
    started: float
    status: str = ""  # "unchanged" when nothing is to be written
    known: dict[str, list[float]] = field(default_factory=dict)  # vectors of the previous version, by text
    todo: list[str] = field(default_factory=list)  # texts to embed
    vectors: list[list[float]] | None = None


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


def shared_names(names: Iterable[str]) -> dict[str, int]:
    """The names given more than once, with how often: a file name identifies a document, so such files
    would overwrite each other and which one was meant is unknown."""
    return {name: count for name, count in Counter(names).items() if count > 1}


def _without_shared_names(loaded: list[tuple[Path, SourceDocument]]) -> tuple[list[tuple[Path, SourceDocument]], list[IngestFailure]]:
    """Files sharing a name (`shared_names`): none of them goes in."""
    shared = shared_names(doc.source for _, doc in loaded)
    failures = [
        IngestFailure(
            str(path),
            f"有两个文件同名（{doc.source}），同名文件会互相覆盖，请改名后重试。",
            f"{shared[doc.source]} files share the name {doc.source}; a file name identifies a document",
        )
        for path, doc in loaded
        if doc.source in shared
    ]
    return [(path, doc) for path, doc in loaded if doc.source not in shared], failures

