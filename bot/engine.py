"""The answer engine: one service object shared by the CLI, the console and the Telegram bot."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.answering import DENSE_WEIGHT, Answer, ExtractiveAnswerer, refusal
from bot.corpus import Corpus
from bot.guard import is_injection
from bot.llm import load_llm
from bot.llm.passages import select_passages
from bot.questions import question_terms, warm_up
from bot.retrieval import HybridSearcher
from bot.search_hit import SearchHit
from bot.serve_lock import ServeLock
from bot.settings import Settings
from ingest.archive import Archive, DocumentRecord
from ingest.audit import AuditLog
from ingest.embeddings import EmbeddingChoice, load_embeddings
from ingest.errors import QuestionError, StoreError
from ingest.legacy_layout import archive_legacy_documents, drop_legacy_collections
from ingest.pipeline import IngestResult, IngestService, Progress
from ingest.store import STORE_FOLDER, KnowledgeBase, open_client
from ingest.vectors import VectorStore

if TYPE_CHECKING:
    from bot.langchain_retriever import HybridRetriever

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 500
SHARED_SERVER_GC_MIN_AGE_S = 3600.0  # another process may still be writing a younger collection
FULL_COVERAGE = 0.999  # lexical confidence of a sentence that holds every content word of the question
SEED_ACTOR = "system:seed"  # who the audit log names for the automatic seed import


@dataclass(frozen=True)
class Housekeeping:
    temporary_files: int  # archive entries half-written by killed writers
    stale_vectors: int  # vectors of versions no longer archived
    legacy_collections: int  # collections of the store layout before this one
    embedded: int  # documents embedded because this model had no vectors for them


def _try_lock(lock: ServeLock) -> bool:
    """A data dir this process cannot write (read-only) is owned by nobody: a reader just reads."""
    try:
        return lock.acquire()
    except OSError as exc:
        log.info("cannot take the data-dir lock (%s); leaving housekeeping to a writer", exc)
        return False


class AnswerEngine:
    def __init__(self, settings: Settings, embedding: EmbeddingChoice | None = None) -> None:
        self.settings = settings
        self.embedding = embedding or load_embeddings(settings.embedding_backend, settings.embedding_model, settings.cache_dir)
        self.archive = Archive(settings.data_dir)
        self._records: list[DocumentRecord] | None = None  # read once, again after each write (`_refresh`)
        self.kb = KnowledgeBase(self.archive, self.embedding.space, self._vector_opener())
        self._ingest = IngestService(self.kb, self.embedding.embeddings)
        self._answerer = ExtractiveAnswerer(settings.answer_min_confidence, self.embedding.similarity_range)
        self._llm = load_llm(settings)
        self._seed_lock = threading.Lock()
        self._searcher_lock = threading.Lock()
        self._searcher_instance: HybridSearcher | None = None
        if not self.archive.exists():
            self._adopt_legacy_store()

    def _adopt_legacy_store(self) -> None:
        """A store from before the archive existed: archive what its registries name, once, by the
        process that owns the data dir."""
        with self._owning_data_dir() as owned:
            client = self._existing_client() if owned else None
            if client is not None:
                archive_legacy_documents(client, self.archive)

    def _vector_opener(self) -> Callable[[], VectorStore] | None:
        if not self.embedding.dense:
            return None
        settings, space = self.settings, self.embedding.space
        return lambda: VectorStore(open_client(settings.data_dir, settings.chroma_host, settings.chroma_port), space)

    def housekeeping(self, progress: Progress | None = None) -> Housekeeping:
        """`collect_leftovers`, then `embed_missing`: `cadre-bot gc`."""
        done = self.collect_leftovers()
        return replace(done, embedded=len(self.embed_missing(progress)))

    def collect_leftovers(self) -> Housekeeping:
        """Remove what interrupted or replaced writes left: run by `serve` at start and by `cadre-bot gc`,
        which own the data dir (readers never do). Deleting is a write: on a full or read-only disk it
        fails, and the next start tries again."""
        try:
            temporary = self.archive.remove_temporary_files()
            min_age = SHARED_SERVER_GC_MIN_AGE_S if self.settings.chroma_host else 0.0
            vectors = self.kb.collect_garbage(min_age_s=min_age)
            client = self._existing_client()
            legacy = drop_legacy_collections(client, self.archive) if client is not None else 0
        except Exception as exc:  # noqa: BLE001 - housekeeping; answering goes on
            log.warning("left the leftovers of interrupted writes for a later start: %s", exc)
            return Housekeeping(0, 0, 0, 0)
        self._refresh()
        return Housekeeping(temporary, vectors, legacy, 0)

    def _existing_client(self) -> Any:
        """A client of the Chroma store, when there is one to look at (the lexical space writes none)."""
        if not self.settings.chroma_host and not (self.settings.data_dir / STORE_FOLDER).is_dir():
            return None
        store = self.kb.readable_vectors()
        if store is not None:
            return store.client
        try:
            return open_client(self.settings.data_dir, self.settings.chroma_host, self.settings.chroma_port)
        except StoreError as exc:
            log.warning("left the store's old collections alone: %s", exc)
            return None

    def embed_missing(self, progress: Progress | None = None) -> list[IngestResult]:
        """Embed archived documents the current model has no vectors for (a model change, a rebuilt store)."""
        if not self.embedding.dense or self.kb.readable_vectors() is None:
            return []
        try:
            return self._ingest.embed_missing(progress)
        finally:
            self._refresh()

    @contextmanager
    def _owning_data_dir(self) -> Iterator[bool]:
        """True while this process may write without racing another: it holds the data-dir lock, or
        took it for this block. A Chroma server has no such lock."""
        if self.settings.chroma_host:
            yield True
            return
        lock = ServeLock(self.settings.data_dir)
        holder = lock.holder()
        if holder == os.getpid():
            yield True
        elif holder is None and _try_lock(lock):
            try:
                yield True
            finally:
                lock.release()
        else:
            yield False

    @property
    def _searcher(self) -> HybridSearcher:
        """Built on first use, so document commands don't pay for the search index."""
        if self._searcher_instance is None:
            with self._searcher_lock:
                if self._searcher_instance is None:
                    warm_up(self.settings.cache_dir)
                    self._searcher_instance = HybridSearcher(self.kb, self.embedding.embeddings)
        return self._searcher_instance

    def _refresh(self) -> None:
        """After a write. A failed refresh must not report a committed write as failed: the index is
        rebuilt on next use instead."""
        self._records = None
        if self._searcher_instance is None:
            return
        try:
            self._searcher_instance.refresh()
        except Exception:  # noqa: BLE001 - whatever Chroma raised, the next question rebuilds the index
            log.exception("search index refresh failed; rebuilding it on the next question")
            self._searcher_instance = None

    # Questions

    def ask(self, question: str) -> Answer:
        """Answer from the documents only; refuse plainly when they don't cover the question.

        With an LLM configured the answer is the LLM's (mode "llm") when it passes verification, else
        the extractive one; out-of-scope and injection questions are refused before any LLM call.
        """
        for item in self.ask_stream(question):
            if isinstance(item, Answer):
                return item
        raise AssertionError("ask_stream ended without an answer")

    def ask_stream(self, question: str) -> Iterator[str | Answer]:
        """Draft text while an LLM writes, then the final Answer, always the last item.

        A blocking generator: run it on a worker thread (`bot.llm.streaming.drafts` does, and coalesces
        drafts to one per second). The str items are provisional text to append to a draft message; the
        Answer replaces it, verified LLM answer or extractive fallback alike. Without an LLM, or when the
        question is refused, the Answer is the only item. QuestionError is raised on the first `next`.
        """
        started = time.perf_counter()
        answer, candidates, corpus = self._extractive(question)
        if self._llm is not None and corpus is not None and not answer.refused:
            passages = select_passages(answer, candidates, corpus)
            for item in self._llm.stream(question, passages, answer):
                if isinstance(item, Answer):
                    answer = item
                else:
                    yield item
        yield replace(answer, latency_ms=(time.perf_counter() - started) * 1000)

    def ask_extractive(self, question: str) -> Answer:
        """The extractive answer only, never an LLM call: for work the bot does for itself (choosing
        example questions), which must neither spend model calls nor wait on a slow model."""
        return self._extractive(question)[0]

    def _extractive(self, question: str) -> tuple[Answer, list[SearchHit], Corpus | None]:
        """The extractive answer with the ranked passages and corpus it was chosen from."""
        question = question.strip()
        if not question:
            raise QuestionError("empty question", "问题不能为空，请输入要查询的内容。")
        if len(question) > MAX_QUESTION_CHARS:
            raise QuestionError(
                f"question of {len(question)} chars exceeds {MAX_QUESTION_CHARS}",
                f"问题太长了（{len(question)}字），请精简到{MAX_QUESTION_CHARS}字以内。",
            )
        if is_injection(question):
            return refusal(question, injection=True), [], None
        searcher = self._searcher  # first, so the tokenizer's dictionary comes from its fast cache
        terms = question_terms(question)
        k = self.settings.retrieval_top_k
        if self.embedding.embeddings is not None and self.min_confidence <= 1 - DENSE_WEIGHT:
            # When one sentence holds every content word of the question, vectors can only lower its
            # confidence (never below the threshold), never find a better quote: skip the model, the
            # costliest step under load.
            candidates, corpus = searcher.search_with_corpus(question, k, terms.position, dense=False)
            answer = self._answerer.answer(question, terms, candidates, corpus)
            if answer.confidence >= FULL_COVERAGE:
                return answer, candidates, corpus
        candidates, corpus = searcher.search_with_corpus(question, k, terms.position)
        return self._answerer.answer(question, terms, candidates, corpus), candidates, corpus

    @property
    def llm_enabled(self) -> bool:
        """Whether answers are written by an LLM (and may stream) or are extractive only."""
        return self._llm is not None

    @property
    def min_confidence(self) -> float:
        return self._answerer.min_confidence

    @min_confidence.setter
    def min_confidence(self, value: float) -> None:
        self._answerer.min_confidence = value

    def search(self, question: str) -> list[SearchHit]:
        """The ranked passages an answer is chosen from."""
        searcher = self._searcher
        terms = question_terms(question)
        return searcher.search_with_corpus(question, self.settings.retrieval_top_k, terms.position)[0]

    def retriever(self, k: int | None = None) -> HybridRetriever:
        """The same retrieval as a LangChain retriever."""
        from bot.langchain_retriever import HybridRetriever

        return HybridRetriever(searcher=self._searcher, k=k or self.settings.retrieval_top_k)

    def paragraph(self, doc_id: str, paragraph: int) -> str | None:
        return self.kb.paragraph(doc_id, paragraph)

    def corpus(self) -> Corpus:
        """The current read-only view of every visible passage."""
        return self._searcher.corpus

    def paragraph_sentences(self, doc_id: str, paragraph: int) -> list[str]:
        """The sentences of a visible paragraph, in order; empty if the document is gone."""
        return [c.text for c in self._searcher.corpus.paragraph(doc_id, paragraph)]

    def topics(self, limit: int = 6) -> list[str]:
        """Short paragraph headings such as '强化教育培训,提升专业素养', to tell users what the materials cover."""
        return self._searcher.corpus.headings()[:limit]

    def warm_up(self) -> None:
        """Build the search index and load the tokenizer now, not on the first user's question."""
        self._searcher.search("质量", 1)

    # Documents

    def documents(self) -> list[DocumentRecord]:
        """The archived documents, whatever embedding model loaded."""
        records = self._records
        if records is None:  # a refused question lists titles: reading every archive entry each time was slow
            records = self._records = self.kb.documents()
        return list(records)

    def document(self, doc_id: str) -> DocumentRecord | None:
        return next((record for record in self.documents() if record.doc_id == doc_id), None)

    def ensure_seeded(self, progress: Progress | None = None) -> list[IngestResult]:
        """On a data dir that has never held documents, ingest the seed documents so the first question
        has answers. Never after an admin removed them all, nor in place of a damaged store's."""
        if self.archive.exists():
            return []
        with self._seed_lock, self._owning_data_dir() as owned:
            if not owned:
                log.info("another process owns %s; leaving seeding to it", self.settings.data_dir)
                return []
            if self.archive.exists():
                return []
            seeds = self.settings.resolved_seeds_dir()
            log.info("data dir has never held documents; ingesting seeds from %s", seeds)
            results = self.ingest([seeds], progress)
            self._audit_seeding(results)
            return results

    def _audit_seeding(self, results: list[IngestResult]) -> None:
        audit = AuditLog(self.settings.data_dir)
        for r in results:
            if r.status != "unchanged":
                audit.record(SEED_ACTOR, r.status, r.doc_id, r.title, r.source, r.content_hash, r.previous_hash)

    def ingest(self, paths: list[Path], progress: Progress | None = None) -> list[IngestResult]:
        try:
            return self._ingest.ingest_paths(paths, progress)
        finally:
            self._refresh()

    def reindex_stored(self, progress: Progress | None = None) -> list[IngestResult]:
        """Re-embed what the knowledge base holds, read and rewritten under one writer lock."""
        try:
            return self._ingest.reindex_stored(progress)
        finally:
            self._refresh()

    def remove(self, doc_id: str) -> DocumentRecord:
        record = self._ingest.remove(doc_id)
        self._refresh()
        return record
