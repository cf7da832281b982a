"""Hybrid retrieval: BM25 over character n-grams fused with dense e5 vectors by reciprocal rank.

Both indexes are built in memory from what Chroma holds, so Chroma stays the single source of truth.
Dense search is an exact cosine product over every visible vector: at this corpus size (10k sentences,
15 MB) it costs about a millisecond, the same for one document or a hundred, where querying each
document version's Chroma collection would cost a millisecond per document. A committed version never
changes, so its block is read from Chroma once and kept until the registry stops naming it.

With an archive (see ingest.archive), it decides which documents are searched: a document the current
embedding space holds with the same content is searched with its vectors, any other (after a model
change, or with no model at all) by BM25 over sentences split from its archived text.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from langchain_core.embeddings import Embeddings

from bot.corpus import Corpus
from bot.lexical import LexicalIndex
from bot.search_hit import SearchHit
from ingest.archive import Archive
from ingest.chunks import Chunk
from ingest.splitting import chunk_document
from ingest.store import KnowledgeBase

log = logging.getLogger(__name__)

RRF_K = 60
QUERY_CACHE_SIZE = 2048
CANDIDATES = 20


@dataclass(frozen=True)
class _Block:
    """One document version: its chunks in order and their unit vectors (None without real vectors)."""

    passages: list[Chunk]
    vectors: np.ndarray | None


@dataclass(frozen=True)
class _Snapshot:
    corpus: Corpus
    by_id: dict[str, int]
    lexical: LexicalIndex
    vectors: np.ndarray | None
    vector_rows: np.ndarray | None = None  # the passage each row of `vectors` belongs to

    @property
    def passages(self) -> list[Chunk]:
        return self.corpus.passages


class HybridSearcher:
    """Ranks sentence chunks for a question; thread-safe, swaps its index atomically on refresh."""

    def __init__(self, kb: KnowledgeBase, embeddings: Embeddings | None, archive: Archive | None = None) -> None:
        self._kb = kb
        self._embeddings = embeddings
        self._archive = archive
        self._refresh_lock = threading.Lock()
        self._blocks: dict[str, _Block] = {}
        self._snapshot = self._build()
        # Popular questions (example buttons, repeated exam questions) skip the model; vectors never go stale.
        self._query_vector = lru_cache(maxsize=QUERY_CACHE_SIZE)(self._embed_query)

    @property
    def passages(self) -> list[Chunk]:
        return self._snapshot.passages

    @property
    def corpus(self) -> Corpus:
        return self._snapshot.corpus

    def refresh(self) -> None:
        """Re-read the knowledge base after a write; readers keep the old snapshot until the swap."""
        with self._refresh_lock:
            self._snapshot = self._build()

    def search(self, question: str, k: int) -> list[SearchHit]:
        """Top-k passages with fused score and each retriever's score and rank."""
        return self.search_with_corpus(question, k)[0]

    def search_with_corpus(
        self, question: str, k: int, position: str | None = None, dense: bool = True
    ) -> tuple[list[SearchHit], Corpus]:
        """Like `search`, plus the corpus the results came from, so answers use the same snapshot.

        `position` ("first"/"last") adds that paragraph of each found document, for questions about
        a document's opening or conclusion.
        """
        snap = self._snapshot
        if not snap.passages:
            return [], snap.corpus
        lexical = {idx: (rank, score) for rank, (idx, score) in enumerate(snap.lexical.search(question, CANDIDATES), start=1)}
        similarities = self._similarities(question, snap) if dense else None
        dense_ranks: dict[int, int] = {}
        if similarities is not None:
            dense_ranks = _nearest(similarities, snap)
            similarities = self._by_passage(similarities, snap)
        fused = _fuse({idx: rank for idx, (rank, _) in lexical.items()}, dense_ranks)
        ranked = [idx for idx, _ in sorted(fused.items(), key=lambda item: -item[1])[:k]]
        if position:
            doc_ids = {snap.passages[i].doc_id for i in ranked}
            extra = [snap.by_id[c.id] for c in snap.corpus.positional(position, doc_ids)]
            ranked += [i for i in extra if i not in ranked]
        hits = []
        for idx in ranked:
            bm25_rank, bm25 = lexical.get(idx, (None, 0.0))
            similarity = None if similarities is None or np.isnan(similarities[idx]) else float(similarities[idx])
            hits.append(
                SearchHit(
                    chunk=snap.passages[idx],
                    score=round(fused.get(idx, 0.0), 6),
                    bm25=float(bm25),
                    bm25_rank=bm25_rank,
                    dense=similarity,
                    dense_rank=dense_ranks.get(idx),
                )
            )
        return hits, snap.corpus

    def _embed_query(self, question: str) -> tuple[float, ...]:
        return tuple(self._embeddings.embed_query(question))

    @staticmethod
    def _by_passage(similarities: np.ndarray, snap: _Snapshot) -> np.ndarray:
        """Similarities indexed by passage, NaN for passages without a vector."""
        if len(similarities) == len(snap.passages):
            return similarities
        full = np.full(len(snap.passages), np.nan, dtype=np.float32)
        full[snap.vector_rows] = similarities
        return full

    def _similarities(self, question: str, snap: _Snapshot) -> np.ndarray | None:
        """Cosine similarity of the question to every passage that has a vector (rows of `snap.vectors`),
        or None for lexical-only search."""
        if snap.vectors is None:
            return None
        query = np.asarray(self._query_vector(question), dtype=np.float32)
        return snap.vectors @ (query / (np.linalg.norm(query) or 1.0))

    def _build(self) -> _Snapshot:
        blocks = self._archived_blocks() if self._archive is not None and self._archive.exists() else self._stored_blocks()
        passages = [p for block in blocks for p in block.passages]
        by_id = {chunk.id: i for i, chunk in enumerate(passages)}
        matrices, rows, start = [], [], 0
        for block in blocks:
            if block.vectors is not None:
                matrices.append(block.vectors)
                rows.append(np.arange(start, start + len(block.passages)))
            start += len(block.passages)
        vectors = np.vstack(matrices) if matrices else None
        vector_rows = np.concatenate(rows) if rows else None
        log.debug("search index built over %d passages", len(passages))
        return _Snapshot(Corpus(passages), by_id, LexicalIndex([p.text for p in passages]), vectors, vector_rows)

    def _stored_blocks(self) -> list[_Block]:
        """Every document the registry of this space names (a store without an archive)."""
        records = sorted(self._kb.documents(), key=lambda r: r.doc_id)
        self._blocks = {r.version: self._blocks.get(r.version) or self._load(r.version) for r in records}
        return [self._blocks[r.version] for r in records]

    def _archived_blocks(self) -> list[_Block]:
        """Every archived document: this space's chunks when it holds the same content, else its
        archived text split into sentences, without vectors."""
        stored = {r.doc_id: r for r in self._kb.documents()}
        blocks: dict[str, _Block] = {}
        for entry in sorted(self._archive.records(), key=lambda r: r.doc_id):
            record = stored.get(entry.doc_id)
            if record is not None and record.content == entry.content:
                block = self._blocks.get(record.version) or self._load(record.version)
                if block.passages:
                    blocks[record.version] = block
                    continue
            key = f"archive:{entry.version}"
            block = self._blocks.get(key) or self._split_archived(entry.doc_id)
            if block is not None:
                blocks[key] = block
        self._blocks = blocks
        return list(blocks.values())

    def _split_archived(self, doc_id: str) -> _Block | None:
        archived = self._archive.get(doc_id)
        if archived is None:  # removed since the archive was listed
            return None
        return _Block(chunk_document(archived.document, archived.record.version), None)

    def _load(self, version: str) -> _Block:
        passages, vectors = self._kb.version_chunks(version)
        if self._embeddings is None or vectors is None:
            return _Block(passages, None)
        matrix = np.asarray(vectors, dtype=np.float32)
        matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
        return _Block(passages, matrix)


def _nearest(similarities: np.ndarray, snap: _Snapshot) -> dict[int, int]:
    """The CANDIDATES most similar passages (by index) with their 1-based dense rank."""
    nearest = np.argpartition(-similarities, min(CANDIDATES, len(similarities)) - 1)[:CANDIDATES]
    ordered = sorted(nearest.tolist(), key=lambda i: -similarities[i])
    return {int(snap.vector_rows[row]): rank for rank, row in enumerate(ordered, start=1)}


def _fuse(*rankings: dict[int, int]) -> dict[int, float]:
    """Reciprocal-rank fusion of 1-based rankings, in the order the rankings and their passages come."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for idx, rank in ranking.items():
            fused[idx] = fused.get(idx, 0.0) + 1.0 / (RRF_K + rank)
    return fused
