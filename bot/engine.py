"""The answer engine: one service object shared by the CLI, the console and the Telegram bot."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

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
from ingest.archive import Archive
from ingest.audit import AuditLog
from ingest.documents import SourceDocument
from ingest.embeddings import EmbeddingChoice, load_embeddings
from ingest.errors import QuestionError
from ingest.pipeline import IngestResult, IngestService, Progress
from ingest.recovery import archive_existing_documents, open_knowledge_base
from ingest.store import DocumentRecord

if TYPE_CHECKING:
    from bot.langchain_retriever import HybridRetriever

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 500
SHARED_SERVER_GC_MIN_AGE_S = 3600.0  # another process may still be writing a younger collection
FULL_COVERAGE = 0.999  # lexical confidence of a sentence that holds every content word of the question
SEED_ACTOR = "system:seed"  # who the audit log names for the automatic seed import


def _try_lock(lock: ServeLock) -> bool:
    """A data dir this process cannot write (read-only) is owned by nobody: a reader just reads."""
    try:
        return lock.acquire()
    except OSError as exc:
        log.info("cannot take the data-dir lock (%s); leaving housekeeping to a writer", exc)
        return False


class AnswerEngine:
    def __init__(self, settings: Settings, embedding: EmbeddingChoice | None = None, rebuilding: bool = False) -> None:
        """`rebuilding`: the store was moved aside and is to be filled from the archive (`cadre-bot rebuild`)."""
        self.settings = settings
        self.embedding = embedding or load_embeddings(settings.embedding_backend, settings.embedding_model, settings.cache_dir)
        self.archive = Archive(settings.data_dir)
        self._records: list[DocumentRecord] | None = None  # read once, again after each write (`_refresh`)
        self.kb = open_knowledge_base(
            settings.data_dir, self.embedding.space, self.archive, settings.chroma_host, settings.chroma_port, rebuilding
        )
        self._adopt_store()
        self._collect_garbage()
        self._ingest = IngestService(self.kb, self.embedding.embeddings, self.archive)
        self._answerer = ExtractiveAnswerer(settings.answer_min_confidence, self.embedding.similarity_range)
        self._llm = load_llm(settings)
        self._seed_lock = threading.Lock()
        self._searcher_lock = threading.Lock()
        self._searcher_instance: HybridSearcher | None = None

    def _adopt_store(self) -> None:
        """Archive a store made before the archive existed, and drop temporary files of killed writers."""
        with self._owning_data_dir() as owned:
            if owned:
                archive_existing_documents(self.kb, self.archive)
                self.archive.remove_temporary_files()

    def _collect_garbage(self) -> None:
        """Only a process owning the data dir deletes leftovers: another one may be mid-write.
        Deleting is a write, so on a full or read-only disk it fails: reading must not, so carry on."""
        try:
            with self._owning_data_dir() as owned:
                if owned:
                    self.kb.collect_garbage(min_age_s=SHARED_SERVER_GC_MIN_AGE_S if self.settings.chroma_host else 0.0)
        except Exception as exc:  # noqa: BLE001 - housekeeping; the next start tries again
            log.warning("left the leftovers of interrupted writes for a later start: %s", exc)

    @contextmanager
    def _owning_data_dir(self) -> Iterator[bool]:
        """True while this process may write or delete without racing another: it holds the data-dir
        lock, or took it for this block. A Chroma server has no such lock; writers there are spared by age."""
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
                    self._searcher_instance = HybridSearcher(self.kb, self.embedding.embeddings, self.archive)
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
        """The archived documents, whatever embedding model loaded (a store older than the archive,
        not yet archived because another process owns it, lists its registry)."""
        records = self._records
        if records is None:  # a refused question lists titles: reading every archive entry each time was slow
            records = self._records = self.archive.records() if self.archive.exists() else self.kb.documents()
        return list(records)

    def document(self, doc_id: str) -> DocumentRecord | None:
        return next((record for record in self.documents() if record.doc_id == doc_id), None)

    def ensure_seeded(self, progress: Progress | None = None) -> list[IngestResult]:
        """On a data dir that has never held documents, ingest the seed documents so the first question
        has answers. Never after an admin removed them all, nor in place of a damaged store's."""
        if self.archive.exists() or not self.kb.is_empty():
            return []
        with self._seed_lock, self._owning_data_dir() as owned:
            if not owned:
                log.info("another process owns %s; leaving seeding to it", self.settings.data_dir)
                return []
            archive_existing_documents(self.kb, self.archive)
            if self.archive.exists() or not self.kb.is_empty():
                return []
            seeds = self.settings.resolved_seeds_dir()
            log.info("data dir has never held documents; ingesting seeds from %s", seeds)
            results = self.ingest([seeds], progress)
            self._audit_seeding(results)
            return results

    def _audit_seeding(self, results: list[IngestResult]) -> None:
        audit = AuditLog(self.kb.client)
        for r in results:
            if r.status != "unchanged":
                audit.record(SEED_ACTOR, r.status, r.doc_id, r.title, r.source, r.content_hash, r.previous_hash)

    def ingest(self, paths: list[Path], progress: Progress | None = None) -> list[IngestResult]:
        try:
            return self._ingest.ingest_paths(paths, progress)
        finally:
            self._refresh()

    def reindex(self, documents: list[SourceDocument], progress: Progress | None = None) -> list[IngestResult]:
        try:
            return self._ingest.reindex(documents, progress)
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
