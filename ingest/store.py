"""The knowledge base: a document registry and one chunk collection per document version, in Chroma.

Chroma is the single source of truth. Replacing a document is atomic for readers, and survives a crash:
  1. the new version's chunks are written to a staging collection, renamed to the version's name
     once complete (a rename is one SQLite update),
  2. the registry record is switched to the new version in one upsert (the commit point),
  3. the old version's collection is deleted.
Readers only open collections the registry names. A committed version's collection is never written
again, which matters because embedded Chroma rewrites HNSW files in place every `sync_threshold`
additions: a kill during that rewrite corrupts the index it was writing (chroma-core/chroma#5366).
Here that can only hit a collection nobody reads yet. The registry itself never persists an HNSW
index (its threshold is out of reach), so it lives in Chroma's SQLite write-ahead log alone.
`collect_garbage` removes what interrupted writes left behind.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import chromadb
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import NotFoundError

from ingest.chroma_files import (
    PLACEHOLDER_VECTOR,
    log_only_collection,
    persist_directory,
    read_only_copy,
    read_only_reason,
    remove_orphan_segment_files,
    storage_refusal,
)
from ingest.chunks import Chunk
from ingest.documents import SourceDocument
from ingest.errors import StoreError, UserError

log = logging.getLogger(__name__)

_PAGE = 1000
_T = TypeVar("_T")


@dataclass(frozen=True)
class DocumentRecord:
    doc_id: str
    title: str
    source: str
    version: str
    paragraphs: int
    chunks: int
    ingested_at: str
    source_url: str = ""
    attribution: str = ""
    content_hash: str = ""  # what was ingested; `version` also changes when the same content is re-embedded

    @property
    def content(self) -> str:
        return self.content_hash or self.version

    def to_metadata(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "doc_id"}

    @classmethod
    def from_metadata(cls, doc_id: str, meta: dict[str, Any]) -> DocumentRecord:
        fields = {k: meta[k] for k in cls.__dataclass_fields__ if k in meta and k != "doc_id"}
        return cls(doc_id=doc_id, **fields)


def _row_metadata(chunk: Chunk) -> dict[str, Any]:
    """A chunk's Chroma metadata: every field but the text, which is the row's document."""
    return {"chunk_id": chunk.id, **{f: getattr(chunk, f) for f in Chunk.__dataclass_fields__ if f != "text"}}


def _chunk_of(text: str, meta: dict[str, Any]) -> Chunk:
    """The chunk a Chroma row holds (rows of older releases may lack section and offsets)."""
    return Chunk(
        doc_id=meta["doc_id"],
        version=meta["version"],
        paragraph=int(meta["paragraph"]),
        sentence=int(meta["sentence"]),
        text=text,
        title=str(meta.get("title", "")),
        source=str(meta.get("source", "")),
        section=str(meta.get("section", "")),
        start=int(meta.get("start", 0)),
        end=int(meta.get("end", 0)),
    )


def spaces(client: Any) -> list[str]:
    """Embedding spaces that have a knowledge base in this store."""
    names = [c.name for c in client.list_collections()]
    return sorted(m.group(1) for m in map(re.compile(r"^kb-(.+)-docs$").match, names) if m)


def open_client(data_dir: Path, chroma_host: str | None = None, chroma_port: int = 8000) -> Any:
    """An embedded store under the data dir, or a Chroma server when a host is given."""
    settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_host:
        try:
            return chromadb.HttpClient(host=chroma_host, port=chroma_port, settings=settings)
        except Exception as exc:  # noqa: BLE001 - chromadb raises plain ValueError/ConnectError variants
            raise StoreError(
                f"cannot reach the Chroma server at {chroma_host}:{chroma_port}: {exc}",
                f"无法连接知识库服务器 {chroma_host}:{chroma_port}，请检查 CHROMA_HOST/CHROMA_PORT 或服务器是否已启动。",
            ) from exc
    path = data_dir / "chroma"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_refusal(exc, data_dir) or exc

    def open_store(at: Path) -> Any:
        return chromadb.PersistentClient(path=str(at), settings=settings)

    try:
        return open_store(path)
    except Exception as exc:
        refusal = storage_refusal(exc, None)  # only when Chroma names the cause: anything else is a real fault
        if refusal is None or not (path / "chroma.sqlite3").exists():
            raise
        return read_only_copy(path, refusal, open_store)


class KnowledgeBase:
    """Documents of one embedding space (`space`), so vectors of different models never mix."""

    def __init__(self, client: Any, space: str) -> None:
        self.space = space
        self.client = client
        self._registry = log_only_collection(client, f"kb-{space}-docs")
        self._opened: dict[str, Collection] = {}
        self._own_names = re.compile(rf"^kb-{re.escape(space)}-(v|tmp)-[0-9a-f]{{16,64}}$")

    # Reading

    def documents(self) -> list[DocumentRecord]:
        got = self._registry.get(include=["metadatas"])
        records = [DocumentRecord.from_metadata(i, m) for i, m in zip(got["ids"], got["metadatas"])]
        return sorted(records, key=lambda r: (r.ingested_at, r.doc_id))

    def document(self, doc_id: str) -> DocumentRecord | None:
        got = self._registry.get(ids=[doc_id], include=["metadatas"])
        if not got["ids"]:
            return None
        return DocumentRecord.from_metadata(doc_id, got["metadatas"][0])

    def is_empty(self) -> bool:
        return self._registry.count() == 0

    def passages(self) -> list[Chunk]:
        """Every visible sentence chunk, in document order."""
        visible = [chunk for record in self.documents() for chunk, _ in self._rows(record.version)]
        return sorted(visible, key=lambda c: c.position)

    def version_chunks(self, version: str) -> tuple[list[Chunk], list[Sequence[float]] | None]:
        """One version's chunks in document order, with their vectors (None when it was stored
        without real ones, in the lexical space). A committed version never changes, so callers may
        keep what they read for as long as the registry names it."""
        rows = sorted(self._rows(version, with_vectors=True), key=lambda row: row[0].position)
        vectors = [vector for _, vector in rows]
        return [doc for doc, _ in rows], (vectors if rows and all(v is not None for v in vectors) else None)

    def source_documents(self) -> list[SourceDocument]:
        """Every visible document rebuilt from its sentences, for re-embedding without the original files.

        Also reads a space this process has not opened for writing (reindex brings documents over from
        the previous embedding model), so an earlier release's layout is moved over first."""
        self._migrate_single_collection()
        documents = []
        for record in self.documents():
            paragraphs: dict[int, list[Chunk]] = {}
            for chunk, _ in sorted(self._rows(record.version), key=lambda row: row[0].sentence):
                paragraphs.setdefault(chunk.paragraph, []).append(chunk)
            if not paragraphs:
                log.warning("document %s has no stored sentences; ingest its file again", record.doc_id)
                continue
            ordered = [paragraphs[n] for n in sorted(paragraphs)]
            pairs = (("file_name", record.source), ("source_url", record.source_url), ("attribution", record.attribution))
            metadata = {k: v for k, v in pairs if v}
            documents.append(
                SourceDocument(
                    source=record.source,
                    title=record.title,
                    paragraphs=["".join(c.text for c in p) for p in ordered],
                    metadata=metadata,
                    sections=[p[0].section for p in ordered],
                )
            )
        return documents

    def vectors_by_text(self, version: str) -> dict[str, list[float]]:
        """Vectors of one stored version keyed by sentence text, so unchanged sentences skip re-embedding."""
        return {chunk.text: list(vector) for chunk, vector in self._rows(version, with_vectors=True) if vector is not None}

    def paragraph(self, doc_id: str, paragraph: int) -> str | None:
        """The original paragraph, rebuilt from its sentences, which cover it exactly."""
        record = self.document(doc_id)
        if record is None:
            return None
        got = self._read(record.version, lambda c: c.get(where={"paragraph": paragraph}, include=["documents", "metadatas"]))
        if not got:
            return None
        parts = sorted(zip(got["metadatas"], got["documents"]), key=lambda p: p[0]["sentence"])
        return "".join(text for _, text in parts) or None

    # Writing

    def replace_document(
        self,
        record: DocumentRecord,
        chunks: list[Chunk],
        embeddings: list[list[float]] | None,
        previous_version: str | None,
        progress: Callable[[int], None] | None = None,
        before_commit: Callable[[], None] | None = None,
    ) -> None:
        """Make `record` with `chunks` the visible version of its document in place of
        `previous_version`, atomically for readers. `before_commit` runs once the chunks are
        written, just before the registry switches (the archive is written there)."""
        vectors = embeddings or [PLACEHOLDER_VECTOR] * len(chunks)
        with self._refusing_storage_faults():
            self._write_version(record.version, chunks, vectors, progress)
            if before_commit is not None:
                before_commit()
            self._registry.upsert(ids=[record.doc_id], metadatas=[record.to_metadata()], embeddings=[PLACEHOLDER_VECTOR])
        if previous_version and previous_version != record.version:
            self._drop_after_commit(self._name(previous_version))

    def remove_document(self, doc_id: str) -> DocumentRecord | None:
        """Hide the document first (registry), then delete its chunks."""
        record = self.document(doc_id)
        if record is None:
            return None
        with self._refusing_storage_faults():
            self._registry.delete(ids=[doc_id])
        self._drop_after_commit(self._name(record.version))
        return record

    def collect_garbage(self, min_age_s: float = 0.0) -> int:
        """Delete chunk collections no registry record names (leftovers of interrupted writes) and
        bring chunks over from the single collection earlier releases used. Returns how many went.

        `min_age_s` spares younger collections: on a shared Chroma server another process may be
        between writing a version and committing it."""
        self._migrate_single_collection()
        live = {self._name(r.version) for r in self.documents()}
        cutoff = time.time() - min_age_s
        stale = [
            c.name
            for c in self.client.list_collections()
            if self._own_names.match(c.name) and c.name not in live and (c.metadata or {}).get("created_at", 0) <= cutoff
        ]
        for name in stale:
            self._drop(name)
        if stale:
            log.info("removed %d chunk collections left over from interrupted writes", len(stale))
        remove_orphan_segment_files(self.client)
        return len(stale)

    @contextmanager
    def _refusing_storage_faults(self) -> Iterator[None]:
        """A write the disk refuses (full, read-only) becomes a plain StoreError. It failed before the
        registry switched, so readers still see the previous state; what it left is collected later."""
        refusal = read_only_reason(self.client)
        if refusal is not None:
            raise StoreError(str(refusal), refusal.user_message)
        try:
            yield
        except UserError:
            raise
        except Exception as exc:
            refusal = storage_refusal(exc, persist_directory(self.client))
            if refusal is None:
                raise
            log.error("%s", refusal)
            raise refusal from exc

    def _drop_after_commit(self, name: str) -> None:
        """The change is already visible: a disk too full to free the old chunks must not report it as
        failed. Garbage collection removes them on a later start."""
        try:
            self._drop(name)
        except Exception as exc:
            if storage_refusal(exc, persist_directory(self.client)) is None:
                raise
            log.warning("left collection %s for a later clean-up: %s", name, exc)

    # Collections

    def _name(self, version: str, staging: bool = False) -> str:
        return f"kb-{self.space}-{'tmp' if staging else 'v'}-{version}"

    def _version_collection(self, version: str) -> Collection | None:
        name = self._name(version)
        collection = self._opened.get(name)
        if collection is None:
            try:
                collection = self._opened[name] = self.client.get_collection(name, embedding_function=None)
            except NotFoundError:
                return None
        return collection

    def _read(self, version: str, read: Callable[[Collection], _T]) -> _T | None:
        """`read` on the version's collection; None when it is gone. A handle cached before another
        process deleted and recreated the same name is stale: drop it and look the name up again."""
        for _ in range(2):
            collection = self._version_collection(version)
            if collection is None:
                return None
            try:
                return read(collection)
            except NotFoundError:
                self._opened.pop(self._name(version), None)
        return None

    def has_version(self, version: str) -> bool:
        return self._read(version, lambda collection: collection.count()) is not None

    def _rows(self, version: str, with_vectors: bool = False) -> list[tuple[Chunk, Sequence[float] | None]]:
        include = ["documents", "metadatas", "embeddings"] if with_vectors else ["documents", "metadatas"]

        def read_all(collection: Collection) -> list[tuple[Chunk, Sequence[float] | None]]:
            rows: list[tuple[Chunk, Sequence[float] | None]] = []
            offset = 0
            while True:
                got = collection.get(include=include, limit=_PAGE, offset=offset)
                vectors = got["embeddings"] if with_vectors else [None] * len(got["ids"])
                for text, meta, vector in zip(got["documents"], got["metadatas"], vectors):
                    real = vector if vector is not None and len(vector) > 1 else None  # not the placeholder
                    rows.append((_chunk_of(text, meta), real))
                if len(got["ids"]) < _PAGE:
                    return rows
                offset += _PAGE

        rows = self._read(version, read_all)
        if rows is None:
            log.warning("the registry names version %s but its chunks are missing", version[:12])
            return []
        return rows

    def _write_version(
        self,
        version: str,
        chunks: list[Chunk],
        vectors: Sequence[Sequence[float]],
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Write a complete collection under a staging name and rename it only once every chunk is in."""
        staging = self._name(version, staging=True)
        for name in (staging, self._name(version)):
            self._drop(name)  # an unreferenced copy left by an earlier, interrupted attempt
        collection = self.client.create_collection(
            staging,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"created_at": time.time()},
        )
        batch = max(1, min(_PAGE, self.client.get_max_batch_size()))
        for start in range(0, len(chunks), batch):
            part = chunks[start : start + batch]
            collection.add(
                ids=[c.id for c in part],
                documents=[c.text for c in part],
                metadatas=[_row_metadata(c) for c in part],
                embeddings=[list(v) for v in vectors[start : start + batch]],
            )
            if progress:
                progress(len(part))
        collection.modify(name=self._name(version))
        self._opened[collection.name] = collection

    def _drop(self, name: str) -> None:
        self._opened.pop(name, None)
        try:
            self.client.delete_collection(name)
        except NotFoundError:
            pass

    def _migrate_single_collection(self) -> None:
        """Stores made before per-version collections kept every chunk in `kb-<space>-chunks`.

        If that collection is unreadable (the damage this layout allowed), its documents stay in the
        registry without chunks; ingesting their files again rewrites them (see `has_version`)."""
        legacy_name = f"kb-{self.space}-chunks"
        try:
            legacy = self.client.get_collection(legacy_name, embedding_function=None)
        except NotFoundError:
            return
        moved = 0
        try:
            for record in self.documents():
                if self.has_version(record.version):
                    continue
                got = legacy.get(where={"version": record.version}, include=["documents", "metadatas", "embeddings"])
                chunks = [_chunk_of(t, m) for t, m in zip(got["documents"], got["metadatas"])]
                self._write_version(record.version, chunks, list(got["embeddings"]))
                moved += 1
        except Exception:  # noqa: BLE001 - an unreadable old store must not stop the bot
            log.exception("could not move chunks out of %s; ingest the affected files again", legacy_name)
            return
        self.client.delete_collection(legacy_name)
        log.info("moved chunks of %d documents to per-version collections", moved)
