"""Vectors of one embedding space: one Chroma collection, one record per chunk.

The archive says which documents exist and holds their text (see ingest.archive); this collection only
caches what a model made of it. A record's id is its chunk's id, which names the document version, so a
reader that asks for the archived version's ids never sees another version's vectors: a crash between
writing vectors and committing the archive entry leaves records nobody reads, and `collect_garbage`
removes them later. Nothing here needs Chroma's private files: writes are `upsert` and `delete` with
metadata filters, reads are `get`.

Ranking stays in memory (bot.retrieval): an exact cosine product over every vector costs about a
millisecond at 10,000 sentences and gives each chunk its own similarity for the answer's confidence,
where Chroma's approximate top-k would give scores for a few.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ingest.chunks import Chunk

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

log = logging.getLogger(__name__)

_PAGE = 5000
PREFIX = "vectors-"
_DIGEST = "text_digest"  # metadata key of a record's sentence digest
# Chroma builds an HNSW graph on every write, though ranking here never asks it (see above): a sparser
# graph (Chroma's defaults are 100 and 16) cut its write CPU time by a third. Collections made before
# keep the settings they were made with.
_HNSW = {"space": "cosine", "ef_construction": 16, "max_neighbors": 8}


def vector_spaces(client: Any) -> list[str]:
    """Embedding spaces that have vectors in this store."""
    return sorted(c.name[len(PREFIX) :] for c in client.list_collections() if c.name.startswith(PREFIX))


class VectorStore:
    """Chunk vectors of one embedding space (`space`), so vectors of different models never mix."""

    def __init__(self, client: Any, space: str) -> None:
        self.space = space
        self.client = client
        self._collection: Collection | None = None

    @property
    def collection(self) -> Collection:
        if self._collection is None:
            self._collection = self.client.get_or_create_collection(
                PREFIX + self.space, embedding_function=None, configuration={"hnsw": _HNSW}
            )
        return self._collection

    # Reading

    def all_vectors(self) -> dict[str, np.ndarray]:
        """Every stored vector by chunk id, in pages (one read at start, then `vectors_of` per change)."""
        found: dict[str, np.ndarray] = {}
        offset = 0
        while True:
            got = self.collection.get(include=["embeddings"], limit=_PAGE, offset=offset)
            found.update(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32)))
            if len(got["ids"]) < _PAGE:
                return found
            offset += _PAGE

    def vectors_of(self, doc_id: str, version: str) -> dict[str, np.ndarray]:
        """One document version's vectors by chunk id."""
        got = self.collection.get(where=_version(doc_id, version), include=["embeddings"])
        return dict(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32)))

    def vectors_by_text(self, doc_id: str, version: str, texts: Iterable[str]) -> dict[str, list[float]]:
        """The vectors a version holds for any of `texts` (the new version's sentences), keyed by text, so
        unchanged sentences skip re-embedding. Records are matched by their sentence's digest, wherever the
        sentence stood; records written before digests carry their text instead."""
        by_digest = {text_digest(text): text for text in texts}
        got = self.collection.get(where=_version(doc_id, version), include=["embeddings", "documents", "metadatas"])
        found: dict[str, list[float]] = {}
        for stored, meta, vector in zip(got["documents"], got["metadatas"], got["embeddings"]):
            digest = (meta or {}).get(_DIGEST)
            text = stored if digest is None else by_digest.get(digest)
            if text is not None:
                found[text] = list(vector)
        return found

    def count(self, doc_id: str, version: str) -> int:
        return len(self.collection.get(where=_version(doc_id, version), include=[])["ids"])

    # Writing

    def add(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]], progress: Callable[[int], None] | None = None) -> None:
        """Write vectors for chunks; invisible to readers until the archive names their version.

        A sentence's text is in the archive already: each record keeps only its digest. Chroma indexes
        a document's text for full-text search, which took 40% of the write's CPU time."""
        batch = max(1, min(_PAGE, self.client.get_max_batch_size()))
        now = time.time()
        for start in range(0, len(chunks), batch):
            part = chunks[start : start + batch]
            self.collection.upsert(
                ids=[c.id for c in part],
                metadatas=[{"doc_id": c.doc_id, "version": c.version, "written_at": now, _DIGEST: text_digest(c.text)} for c in part],
                embeddings=np.asarray(vectors[start : start + batch], dtype=np.float32),
            )
            if progress:
                progress(len(part))

    def remove(self, doc_id: str, keep_version: str | None = None) -> None:
        """Drop a document's vectors, but for `keep_version` when given."""
        where: dict[str, Any] = {"doc_id": doc_id}
        if keep_version is not None:
            where = {"$and": [where, {"version": {"$ne": keep_version}}]}
        self.collection.delete(where=where)

    def drop(self) -> None:
        """Forget every vector of this space (`rebuild` on a Chroma server, whose files cannot be set aside)."""
        from chromadb.errors import NotFoundError

        try:
            self.client.delete_collection(PREFIX + self.space)
        except NotFoundError:
            pass
        self._collection = None

    def collect_garbage(self, live: Iterable[tuple[str, str]], min_age_s: float = 0.0) -> int:
        """Delete vectors of versions the archive does not name (left by interrupted or replaced writes).

        `min_age_s` spares younger records: on a shared Chroma server another process may be between
        writing vectors and committing its archive entry."""
        keep = set(live)
        cutoff = time.time() - min_age_s
        stale: list[str] = []
        offset = 0
        while True:
            got = self.collection.get(include=["metadatas"], limit=_PAGE, offset=offset)
            for cid, meta in zip(got["ids"], got["metadatas"]):
                meta = meta or {}
                if (meta.get("doc_id"), meta.get("version")) not in keep and float(meta.get("written_at", 0)) <= cutoff:
                    stale.append(cid)
            if len(got["ids"]) < _PAGE:
                break
            offset += _PAGE
        for start in range(0, len(stale), _PAGE):
            self.collection.delete(ids=stale[start : start + _PAGE])
        if stale:
            log.info("removed %d vectors of document versions no longer archived", len(stale))
        return len(stale)


def text_digest(text: str) -> str:
    """A sentence's short fingerprint, stored with its vector in place of the text."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def _version(doc_id: str, version: str) -> dict[str, Any]:
    return {"$and": [{"doc_id": doc_id}, {"version": version}]}
