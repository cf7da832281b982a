"""Hybrid retrieval: BM25 over character n-grams fused with dense e5 vectors by reciprocal rank.

The in-memory BM25 index is rebuilt from what Chroma holds, so Chroma stays the single source of truth.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from bot.corpus import Corpus
from bot.lexical import LexicalIndex
from ingest.store import KnowledgeBase

log = logging.getLogger(__name__)

RRF_K = 60
QUERY_CACHE_SIZE = 2048
CANDIDATES = 20


@dataclass(frozen=True)
class _Snapshot:
    corpus: Corpus
    by_id: dict[str, int]
    lexical: LexicalIndex

    @property
    def passages(self) -> list[Document]:
        return self.corpus.passages


class HybridSearcher:
    """Ranks sentence chunks for a question; thread-safe, swaps its index atomically on refresh."""

    def __init__(self, kb: KnowledgeBase, embeddings: Embeddings | None) -> None:
        self._kb = kb
        self._embeddings = embeddings
        self._refresh_lock = threading.Lock()
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

    def search_with_corpus(self, question: str, k: int, position: str | None = None) -> tuple[list[Document], Corpus]:
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
        dense_scores: dict[int, float] = {}
        vector = list(self._query_vector(question)) if self._embeddings is not None else None
        if vector is not None:
            for rank, (chunk_id, similarity) in enumerate(self._kb.dense_search(vector, CANDIDATES)):
                idx = snap.by_id.get(chunk_id)
                if idx is None:
                    continue
                fused[idx] = fused.get(idx, 0.0) + 1.0 / (RRF_K + rank + 1)
                dense_scores[idx] = similarity
        ranked = [idx for idx, _ in sorted(fused.items(), key=lambda item: -item[1])[:k]]
        if position:
            doc_ids = {snap.passages[i].metadata["doc_id"] for i in ranked}
            extra = [snap.by_id[d.id] for d in snap.corpus.positional(position, doc_ids)]
            ranked += [i for i in extra if i not in ranked]
        if vector is not None:
            dense_scores.update(self._similarities(vector, [i for i in ranked if i not in dense_scores]))
        results = []
        for idx in ranked:
            base = snap.passages[idx]
            meta = {**base.metadata, "score": round(fused.get(idx, 0.0), 6), "bm25": lexical_scores.get(idx, 0.0)}
            if idx in dense_scores:
                meta["dense"] = dense_scores[idx]
            results.append(Document(id=base.id, page_content=base.page_content, metadata=meta))
        return results, snap.corpus

    def _embed_query(self, question: str) -> tuple[float, ...]:
        return tuple(self._embeddings.embed_query(question))

    def _similarities(self, vector: list[float], indices: list[int]) -> dict[int, float]:
        """Cosine similarity for passages the dense search did not reach, from their stored vectors."""
        if not indices:
            return {}
        passages = self._snapshot.passages
        stored = self._kb.vectors([passages[i].id for i in indices])
        query = np.asarray(vector, dtype=np.float32)
        query /= np.linalg.norm(query) or 1.0
        found = {}
        for idx in indices:
            v = stored.get(passages[idx].id)
            if v is not None:
                found[idx] = float(np.dot(v, query) / (np.linalg.norm(v) or 1.0))
        return found

    def _build(self) -> _Snapshot:
        passages = self._kb.passages()
        by_id = {doc.id: i for i, doc in enumerate(passages) if doc.id}
        log.debug("search index built over %d passages", len(passages))
        return _Snapshot(Corpus(passages), by_id, LexicalIndex([p.page_content for p in passages]))


class HybridRetriever(BaseRetriever):
    """LangChain view of the searcher, so chains and agents can use the same retrieval."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    searcher: Any
    k: int = 8

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return self.searcher.search(query, self.k)
