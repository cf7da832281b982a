"""Hybrid retrieval: BM25 over character n-grams fused with dense e5 vectors by reciprocal rank.

Both indexes are built in memory from what Chroma holds, so Chroma stays the single source of truth.
Dense search is an exact cosine product over every visible vector: at this corpus size (10k sentences,
15 MB) it costs about a millisecond, the same for one document or a hundred, where querying each
document version's Chroma collection would cost a millisecond per document. A committed version never
changes, so its block is read from Chroma once and kept until the registry stops naming it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from bot.corpus import Corpus
from bot.lexical import LexicalIndex
from ingest.store import KnowledgeBase

log = logging.getLogger(__name__)

RRF_K = 60
QUERY_CACHE_SIZE = 2048
CANDIDATES = 20


@dataclass(frozen=True)
class _Block:
    """One document version: its chunks in order and their unit vectors (None without real vectors)."""

    passages: list[Document]
    vectors: np.ndarray | None


@dataclass(frozen=True)
class _Snapshot:
    corpus: Corpus
    by_id: dict[str, int]
    lexical: LexicalIndex
    vectors: np.ndarray | None

    @property
    def passages(self) -> list[Document]:
        return self.corpus.passages


class HybridSearcher:
    """Ranks sentence chunks for a question; thread-safe, swaps its index atomically on refresh."""

    def __init__(self, kb: KnowledgeBase, embeddings: Embeddings | None) -> None:
        self._kb = kb
        self._embeddings = embeddings
        self._refresh_lock = threading.Lock()
        self._blocks: dict[str, _Block] = {}
        self._snapshot = self._build()
        # Popular questions (example buttons, repeated exam questions) skip the model; vectors never go stale.
        self._query_vector = lru_cache(maxsize=QUERY_CACHE_SIZE)(self._embed_query)

    @property
    def passages(self) -> list[Document]:
        return self._snapshot.passages

    @property
    def corpus(self) -> Corpus:
        return self._snapshot.corpus

    def refresh(self) -> None:
        """Re-read the knowledge base after a write; readers keep the old snapshot until the swap."""
        with self._refresh_lock:
            self._snapshot = self._build()

    def search(self, question: str, k: int) -> list[Document]:
        """Top-k passages with fused score and each retriever's contribution in metadata."""
        return self.search_with_corpus(question, k)[0]

    def search_with_corpus(
        self, question: str, k: int, position: str | None = None, dense: bool = True
    ) -> tuple[list[Document], Corpus]:
        """Like `search`, plus the corpus the results came from, so answers use the same snapshot.

        `position` ("first"/"last") adds that paragraph of each found document, for questions about
        a document's opening or conclusion.
        """
        snap = self._snapshot
        if not snap.passages:
            return [], snap.corpus
        fused: dict[int, float] = {}
        lexical_scores: dict[int, float] = {}
        for rank, (idx, score) in enumerate(snap.lexical.search(question, CANDIDATES)):
            fused[idx] = fused.get(idx, 0.0) + 1.0 / (RRF_K + rank + 1)
            lexical_scores[idx] = score
        similarities = self._similarities(question, snap) if dense else None
        if similarities is not None:
            nearest = np.argpartition(-similarities, min(CANDIDATES, len(similarities)) - 1)[:CANDIDATES]
            for rank, idx in enumerate(sorted(nearest.tolist(), key=lambda i: -similarities[i])):
                fused[idx] = fused.get(idx, 0.0) + 1.0 / (RRF_K + rank + 1)
        ranked = [idx for idx, _ in sorted(fused.items(), key=lambda item: -item[1])[:k]]
        if position:
            doc_ids = {snap.passages[i].metadata["doc_id"] for i in ranked}
            extra = [snap.by_id[d.id] for d in snap.corpus.positional(position, doc_ids)]
            ranked += [i for i in extra if i not in ranked]
        results = []
        for idx in ranked:
            base = snap.passages[idx]
            meta = {**base.metadata, "score": round(fused.get(idx, 0.0), 6), "bm25": lexical_scores.get(idx, 0.0)}
            if similarities is not None:
                meta["dense"] = float(similarities[idx])
            results.append(Document(id=base.id, page_content=base.page_content, metadata=meta))
        return results, snap.corpus

    def _embed_query(self, question: str) -> tuple[float, ...]:
        return tuple(self._embeddings.embed_query(question))

    def _similarities(self, question: str, snap: _Snapshot) -> np.ndarray | None:
        """Cosine similarity of the question to every visible passage, or None for lexical-only search."""
        if snap.vectors is None:
            return None
        query = np.asarray(self._query_vector(question), dtype=np.float32)
        return snap.vectors @ (query / (np.linalg.norm(query) or 1.0))

    def _build(self) -> _Snapshot:
        records = sorted(self._kb.documents(), key=lambda r: r.doc_id)
        self._blocks = {r.version: self._blocks.get(r.version) or self._load(r.version) for r in records}
        blocks = [self._blocks[r.version] for r in records]
        passages = [p for block in blocks for p in block.passages]
        by_id = {doc.id: i for i, doc in enumerate(passages) if doc.id}
        matrices = [b.vectors for b in blocks if b.vectors is not None]
        vectors = np.vstack(matrices) if matrices and len(matrices) == sum(1 for b in blocks if b.passages) else None
        log.debug("search index built over %d passages", len(passages))
        return _Snapshot(Corpus(passages), by_id, LexicalIndex([p.page_content for p in passages]), vectors)

    def _load(self, version: str) -> _Block:
        passages, vectors = self._kb.version_chunks(version)
        if self._embeddings is None or vectors is None:
            return _Block(passages, None)
        matrix = np.asarray(vectors, dtype=np.float32)
        matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
        return _Block(passages, matrix)
