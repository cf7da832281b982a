"""The knowledge base: sentence chunks and a document registry, both in Chroma.

Chroma is the single source of truth. Replacing a document is atomic for readers:
  1. the new version's chunks are written under a new version id (readers ignore them),
  2. the registry record is switched to the new version in one upsert (the commit point),
  3. the old version's chunks are deleted.
Readers only see chunks whose (doc_id, version) the registry names, so a crash at any step leaves
either the old or the new version visible; `collect_garbage` removes the leftovers.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_core.documents import Document

from ingest.documents import SourceDocument
from ingest.errors import IngestError

log = logging.getLogger(__name__)

_REGISTRY_VECTOR = [1.0]  # the registry holds no vectors worth searching; Chroma still needs one
_PAGE = 1000


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


def spaces(client: Any) -> list[str]:
    """Embedding spaces that have a knowledge base in this store."""
    names = [c if isinstance(c, str) else c.name for c in client.list_collections()]
    return sorted(m.group(1) for m in map(re.compile(r"^kb-(.+)-docs$").match, names) if m)


def open_client(data_dir: Path, chroma_host: str | None = None, chroma_port: int = 8000) -> Any:
    """An embedded store under the data dir, or a Chroma server when a host is given."""
    settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_host:
        try:
            return chromadb.HttpClient(host=chroma_host, port=chroma_port, settings=settings)
        except Exception as exc:  # noqa: BLE001 - chromadb raises plain ValueError/ConnectError variants
            raise IngestError(
                f"cannot reach the Chroma server at {chroma_host}:{chroma_port}: {exc}",
                f"无法连接知识库服务器 {chroma_host}:{chroma_port}，请检查 CHROMA_HOST/CHROMA_PORT 或服务器是否已启动。",
            ) from exc
    path = data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


class KnowledgeBase:
    """Documents of one embedding space (`space`), so vectors of different models never mix."""

    def __init__(self, client: Any, space: str) -> None:
        self.space = space
        self.client = client
        self._chunks = client.get_or_create_collection(
            f"kb-{space}-chunks", embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
        self._registry = client.get_or_create_collection(f"kb-{space}-docs", embedding_function=None)

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

    def passages(self) -> list[Document]:
        """Every visible sentence chunk, in document order."""
        active = {r.doc_id: r.version for r in self.documents()}
        visible = [d for d in self._all_chunks() if active.get(d.metadata["doc_id"]) == d.metadata["version"]]
        return sorted(visible, key=lambda d: (d.metadata["doc_id"], d.metadata["paragraph"], d.metadata["sentence"]))

    def dense_search(self, vector: Sequence[float], k: int) -> list[tuple[str, float]]:
        """(chunk_id, cosine similarity) of the nearest visible chunks."""
        versions = [r.version for r in self.documents()]
        if not versions:
            return []
        found = self._chunks.query(
            query_embeddings=[list(vector)],
            n_results=k,
            where={"version": {"$in": versions}},
            include=["distances"],
        )
        return [(cid, 1.0 - dist) for cid, dist in zip(found["ids"][0], found["distances"][0])]

    def vectors(self, chunk_ids: list[str]) -> dict[str, Any]:
        """Stored embeddings by chunk id."""
        if not chunk_ids:
            return {}
        got = self._chunks.get(ids=chunk_ids, include=["embeddings"])
        return dict(zip(got["ids"], got["embeddings"]))

    def source_documents(self) -> list[SourceDocument]:
        """Every visible document rebuilt from its sentences, for re-embedding without the original files."""
        by_doc: dict[str, list[Document]] = {}
        for chunk in self.passages():
            by_doc.setdefault(chunk.metadata["doc_id"], []).append(chunk)
        documents = []
        for record in self.documents():
            chunks = by_doc.get(record.doc_id, [])
            paragraphs: dict[int, list[Document]] = {}
            for chunk in chunks:
                paragraphs.setdefault(chunk.metadata["paragraph"], []).append(chunk)
            ordered = [paragraphs[n] for n in sorted(paragraphs)]
            pairs = (("file_name", record.source), ("source_url", record.source_url), ("attribution", record.attribution))
            metadata = {k: v for k, v in pairs if v}
            documents.append(
                SourceDocument(
                    source=record.source,
                    title=record.title,
                    paragraphs=["".join(c.page_content for c in p) for p in ordered],
                    metadata=metadata,
                    sections=[str(p[0].metadata.get("section", "")) for p in ordered],
                )
            )
        return documents

    def vectors_by_text(self, doc_id: str, version: str) -> dict[str, list[float]]:
        """Vectors of one stored version keyed by sentence text, so unchanged sentences skip re-embedding."""
        got = self._chunks.get(
            where={"$and": [{"doc_id": doc_id}, {"version": version}]}, include=["documents", "embeddings"]
        )
        if got["embeddings"] is None or len(got["embeddings"]) == 0:
            return {}
        return {text: list(vector) for text, vector in zip(got["documents"], got["embeddings"]) if len(vector) > 1}

    def paragraph(self, doc_id: str, paragraph: int) -> str | None:
        """The original paragraph, rebuilt from its sentences, which cover it exactly."""
        record = self.document(doc_id)
        if record is None:
            return None
        got = self._chunks.get(
            where={"$and": [{"version": record.version}, {"paragraph": paragraph}]},
            include=["documents", "metadatas"],
        )
        parts = sorted(zip(got["metadatas"], got["documents"]), key=lambda p: p[0]["sentence"])
        return "".join(text for _, text in parts) or None

    # Writing

    def replace_document(
        self,
        record: DocumentRecord,
        chunks: list[Document],
        embeddings: list[list[float]] | None,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Make `record` with `chunks` the visible version of its document, atomically for readers."""
        previous = self.document(record.doc_id)
        vectors = embeddings or [_REGISTRY_VECTOR] * len(chunks)
        batch = max(1, min(_PAGE, self.client.get_max_batch_size()))
        for start in range(0, len(chunks), batch):
            part = chunks[start : start + batch]
            self._chunks.upsert(
                ids=[c.id for c in part],
                documents=[c.page_content for c in part],
                metadatas=[c.metadata for c in part],
                embeddings=vectors[start : start + batch],
            )
            if progress:
                progress(len(part))
        self._registry.upsert(ids=[record.doc_id], metadatas=[record.to_metadata()], embeddings=[_REGISTRY_VECTOR])
        if previous and previous.version != record.version:
            self._chunks.delete(where={"$and": [{"doc_id": record.doc_id}, {"version": previous.version}]})

    def remove_document(self, doc_id: str) -> DocumentRecord | None:
        """Hide the document first (registry), then delete its chunks."""
        record = self.document(doc_id)
        if record is None:
            return None
        self._registry.delete(ids=[doc_id])
        self._chunks.delete(where={"doc_id": doc_id})
        return record

    def collect_garbage(self) -> int:
        """Delete chunks of versions no registry record names: leftovers of an interrupted write."""
        versions = [r.version for r in self.documents()]
        # Ask Chroma for ids only, so this check stays cheap on every start however large the store is.
        where = {"version": {"$nin": versions}} if versions else None
        stale = list(self._chunks.get(where=where, include=[])["ids"])
        for start in range(0, len(stale), _PAGE):
            self._chunks.delete(ids=stale[start : start + _PAGE])
        if stale:
            log.info("removed %d chunks left over from interrupted writes", len(stale))
        return len(stale)

    def _all_chunks(self) -> Iterator[Document]:
        offset = 0
        while True:
            got = self._chunks.get(include=["documents", "metadatas"], limit=_PAGE, offset=offset)
            for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"]):
                yield Document(id=cid, page_content=text, metadata=meta)
            if len(got["ids"]) < _PAGE:
                return
            offset += _PAGE
