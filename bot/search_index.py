"""The search index the answerer reads: built on first use, refreshed after every write."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from langchain_core.embeddings import Embeddings

from bot.corpus import Corpus
from bot.questions import question_terms, warm_up
from bot.retrieval import HybridSearcher
from bot.search_hit import SearchHit
from ingest.store import KnowledgeBase

log = logging.getLogger(__name__)


class SearchIndex:
    """Hybrid search over the knowledge base. Building it reads every document and vector, so it waits
    for the first question: document commands never pay for it."""

    def __init__(self, kb: KnowledgeBase, embeddings: Embeddings | None, top_k: int, cache_dir: Path | None) -> None:
        self._kb = kb
        self._embeddings = embeddings
        self._top_k = top_k
        self._cache_dir = cache_dir
        self._lock = threading.Lock()
        self._searcher: HybridSearcher | None = None

    @property
    def searcher(self) -> HybridSearcher:
        if self._searcher is None:
            with self._lock:
                if self._searcher is None:
                    warm_up(self._cache_dir)  # the tokenizer's dictionary from its fast cache, before the index
                    self._searcher = HybridSearcher(self._kb, self._embeddings, self._cache_dir)
        return self._searcher

    def refresh(self) -> None:
        """After a write. A failed refresh must not report a committed write as failed: the index is
        built again on next use instead."""
        if self._searcher is None:
            return
        try:
            self._searcher.refresh()
        except Exception:  # noqa: BLE001 - whatever the store raised, the next question rebuilds the index
            log.exception("search index refresh failed; rebuilding it on the next question")
            self._searcher = None

    def search(self, question: str) -> list[SearchHit]:
        """The ranked sentences an answer is chosen from."""
        terms = question_terms(question)
        return self.searcher.search_with_corpus(question, self._top_k, terms.position)[0]

    def corpus(self) -> Corpus:
        """The current read-only view of every visible sentence."""
        return self.searcher.corpus

    def paragraph_sentences(self, doc_id: str, paragraph: int) -> list[str]:
        """The sentences of a visible paragraph, in order; empty if the document is gone."""
        return [c.text for c in self.corpus().paragraph(doc_id, paragraph)]

    def topics(self, limit: int = 6) -> list[str]:
        """Short paragraph headings such as '强化教育培训,提升专业素养', to tell users what the materials cover."""
        return self.corpus().headings()[:limit]

    def warm_up(self) -> None:
        """Build the index and load the tokenizer and question encoder now, not on the first user's question."""
        load = getattr(self._embeddings, "load_question_encoder", None)  # e5's, direct or wrapped for eval
        if load is not None:
            load()
        self.searcher.search("质量", 1)

    def prepare_next_process(self) -> None:
        """Leave in the cache dir what later processes' questions load (the lexical index; the question
        graph, loaded by a process's first question) without loading the question encoder in
        this one, which is about to exit. The graph first, while the index is not yet in memory: building
        it takes ~200 MB for a moment."""
        cache_graph = getattr(self._embeddings, "cache_question_graph", None)
        if cache_graph is not None:
            cache_graph()
        self.searcher.search_with_corpus("质量", 1, dense=False)
