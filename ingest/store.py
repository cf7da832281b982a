"""The knowledge base: the archive (which documents exist, and their text) and, per embedding space,
their vectors in Chroma.

Replacing a document is atomic for readers and survives a crash, in three steps:
  1. the new version's vectors are written (their ids name the version, so nobody reads them yet),
  2. the archive entry is replaced in one rename (the commit point),
  3. the previous version's vectors are deleted.
A crash before 2 leaves the old version visible; after it, the new one. Either way what is left over
is collected by `collect_garbage`, which runs at `serve` start and on `cadre-bot gc` only.

Chunks are the splitter's sentences of the archived text, so they are the same under every model; a
chunk the current space has no vector for is still found by BM25. The lexical space (no model) stores
nothing in Chroma at all.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ingest.archive import Archive, ArchivedDocument, DocumentRecord
from ingest.chunks import Chunk
from ingest.documents import SourceDocument
from ingest.errors import StoreError, UserError
from ingest.splitting import chunk_document
from ingest.storage_faults import storage_refusal
from ingest.vectors import VectorStore, vector_spaces

log = logging.getLogger(__name__)

STORE_FOLDER = "chroma"


class StoreDamaged(StoreError):
    """Chroma's files cannot be opened or read: answers come from the archive by keywords until `rebuild`."""


def open_client(data_dir: Path, chroma_host: str | None = None, chroma_port: int = 8000) -> Any:
    """An embedded store under the data dir, or a Chroma server when a host is given."""
    import chromadb  # half a second to import: listing documents and lexical answers never pay it
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_host:
        try:
            return chromadb.HttpClient(host=chroma_host, port=chroma_port, settings=settings)
        except Exception as exc:  # noqa: BLE001 - chromadb raises plain ValueError/ConnectError variants
            raise StoreError(
                f"cannot reach the Chroma server at {chroma_host}:{chroma_port}: {exc}",
                f"无法连接知识库服务器 {chroma_host}:{chroma_port}，请检查 CHROMA_HOST/CHROMA_PORT 或服务器是否已启动。",
            ) from exc
    path = data_dir / STORE_FOLDER
    try:
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=settings)
    except Exception as exc:
        refusal = storage_refusal(exc, None)  # only when the cause is named: anything else is damage
        if refusal is not None:
            raise refusal from exc
        raise StoreDamaged(
            f"the vector store at {path} cannot be opened ({type(exc).__name__}: {' '.join(str(exc).split())}); "
            "answering by keywords from the archive; `cadre-bot rebuild` re-embeds it",
            "知识库的向量索引无法打开，暂按关键词检索回答；运行 `cadre-bot rebuild` 可从存档重建索引。",
        ) from exc


class ChromaConnection:
    """Opens the Chroma store on first use, once: listing documents never needs it."""

    def __init__(self, data_dir: Path, chroma_host: str | None = None, chroma_port: int = 8000) -> None:
        self.data_dir = data_dir
        self.host = chroma_host
        self.port = chroma_port
        self._client: Any = None
        self._lock = threading.Lock()

    def exists(self) -> bool:
        """Whether there is a store to look at (a server always; an embedded one once written)."""
        return bool(self.host) or (self.data_dir / STORE_FOLDER).is_dir()

    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                self._client = open_client(self.data_dir, self.host, self.port)
            return self._client


class KnowledgeBase:
    """The documents of one data dir, with their vectors in one embedding space (`space`)."""

    def __init__(self, archive: Archive, space: str, connection: ChromaConnection, dense: bool) -> None:
        """`dense` is False for the lexical space, which stores no vectors."""
        self.archive = archive
        self.space = space
        self.connection = connection
        self.dense = dense
        self._vectors: VectorStore | None = None
        self.unavailable: StoreError | None = None  # why vectors cannot be read or written, once known

    @property
    def vectors(self) -> VectorStore | None:
        """This space's vector store, or None without a model or when the store cannot be opened
        (see `unavailable`)."""
        if self._vectors is None and self.dense and self.unavailable is None:
            try:
                self._vectors = VectorStore(self.connection.client(), self.space)
            except StoreError as exc:
                log.warning("%s", exc)
                self.unavailable = exc
        return self._vectors

    def _every_space(self) -> list[VectorStore]:
        """Vector stores of every model that wrote here: removing a document removes its vectors in all."""
        if not self.connection.exists():
            return []
        client = self.connection.client()
        return [VectorStore(client, space) for space in vector_spaces(client)]

    def readable_vectors(self) -> VectorStore | None:
        """The vector store if it answers a read; a damaged one is reported once and left alone, so
        questions are answered by keywords from the archive until `rebuild`."""
        store = self.vectors
        if store is None:
            return None
        try:
            store.collection.count()
        except Exception as exc:  # noqa: BLE001 - whatever Chroma raises for a damaged index
            self._mark_damaged(exc)
            return None
        return store

    def _mark_damaged(self, exc: BaseException) -> None:
        self.unavailable = StoreDamaged(
            f"the vector store cannot be read ({type(exc).__name__}: {' '.join(str(exc).split())}); "
            "answering by keywords from the archive; `cadre-bot rebuild` re-embeds it",
            "知识库的向量索引已损坏，暂按关键词检索回答；运行 `cadre-bot rebuild` 可从存档重建索引。",
        )
        log.error("%s", self.unavailable)
        self._vectors = None

    # Reading

    def documents(self) -> list[DocumentRecord]:
        return self.archive.records()

    def document(self, doc_id: str) -> DocumentRecord | None:
        entry = self.archive.get(doc_id)
        return entry.record if entry else None

    def entries(self) -> list[ArchivedDocument]:
        return self.archive.documents()

    @staticmethod
    def chunks(entry: ArchivedDocument) -> list[Chunk]:
        return chunk_document(entry.document, entry.record.version)

    def paragraph(self, doc_id: str, paragraph: int) -> str | None:
        entry = self.archive.get(doc_id)
        if entry is None or not 1 <= paragraph <= len(entry.document.paragraphs):
            return None
        return entry.document.paragraphs[paragraph - 1]

    def vectors_by_text(self, record: DocumentRecord, texts: Iterable[str]) -> dict[str, list[float]]:
        """The vectors this space holds in a version for any of `texts`, by text (unchanged sentences are reused)."""
        store = self.vectors
        if store is None:
            return {}
        try:
            return store.vectors_by_text(record.doc_id, record.version, texts)
        except Exception as exc:  # noqa: BLE001 - a damaged store: embed everything again
            log.warning("cannot reuse the vectors of %s: %s", record.doc_id, exc)
            return {}

    def has_vectors(self, record: DocumentRecord) -> bool:
        """Whether this space holds a vector for every chunk of the version (always, without a model)."""
        store = self.vectors
        if not self.dense:
            return True
        if store is None:
            return False
        try:
            return store.count(record.doc_id, record.version) >= record.chunks
        except Exception:  # noqa: BLE001 - unreadable counts as missing: the write puts them back
            return False

    # Writing

    def write_vectors(self, chunks: list[Chunk], vectors: list[list[float]], progress: Callable[[int], None] | None = None) -> None:
        """Step 1 of a replace: vectors nobody reads until `commit` names their version."""
        if not self.dense or not chunks:
            return
        with self.refusing_storage_faults():
            store = self.vectors
            if store is None:
                raise self.unavailable or StoreError("no vector store", "知识库的向量索引无法打开。")
            store.add(chunks, vectors, progress)

    def commit(self, record: DocumentRecord, document: SourceDocument, replaces: DocumentRecord | None) -> None:
        """Steps 2 and 3: the archive entry names the new version, then the replaced version's vectors go
        (leftovers of a crashed attempt at a new document are garbage collection's)."""
        with self.refusing_storage_faults():
            self.archive.put(record, document)
        if replaces is not None and replaces.version != record.version:
            self._after_commit(lambda store: store.remove(record.doc_id, keep_version=record.version))

    def remove_document(self, doc_id: str) -> DocumentRecord | None:
        """Forget the document (the commit), then drop its vectors in every space."""
        entry = self.archive.get(doc_id)
        if entry is None:
            return None
        with self.refusing_storage_faults():
            self.archive.delete(doc_id)
        try:
            for store in self._every_space():
                store.remove(doc_id)
        except Exception as exc:  # noqa: BLE001 - leftovers are harmless: readers never ask for them
            log.warning("left the vectors of %s for a later clean-up: %s", doc_id, exc)
        return entry.record

    def collect_garbage(self, min_age_s: float = 0.0) -> int:
        """Vectors of versions the archive does not name, in every space; returns how many went."""
        if self.readable_vectors() is None and self.dense:
            return 0
        live = [(r.doc_id, r.version) for r in self.documents()]
        return sum(store.collect_garbage(live, min_age_s) for store in self._every_space())

    def _after_commit(self, drop: Callable[[VectorStore], None]) -> None:
        """The change is visible already: a failure to free old vectors must not report it as failed;
        garbage collection removes them later."""
        if self.vectors is None:
            return
        try:
            drop(self.vectors)
        except Exception as exc:  # noqa: BLE001 - leftovers are harmless: readers never ask for them
            log.warning("left old vectors for a later clean-up: %s", exc)

    @contextmanager
    def refusing_storage_faults(self) -> Iterator[None]:
        """A write the disk refuses (full, read-only) becomes a plain StoreError; it failed before the
        archive changed, so readers still see the previous state."""
        try:
            yield
        except UserError:
            raise
        except Exception as exc:
            refusal = storage_refusal(exc, self.archive.root.parent)
            if refusal is None:
                raise
            log.error("%s", refusal)
            raise refusal from exc
