"""Questions in, answers out: the extractive answer, or a verified LLM answer when one is configured."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.answering import DENSE_WEIGHT, Answer, ExtractiveAnswerer, refusal
from bot.corpus import Corpus
from bot.guard import is_injection
from bot.hints import with_hint
from bot.llm.passages import select_passages
from bot.named_document import named_document
from bot.question_analysis import asks_detail_of_clause_before, jieba_tagger, leans_on_clause_before, unglued
from bot.questions import question_terms
from bot.search_hit import SearchHit
from bot.search_index import SearchIndex
from bot.study_answers import StudyAnswerer
from bot.study_intent import study_intent
from bot.study_reply import StudyAnswer
from bot.study_topics import GENERIC
from bot.typos import corrected, corrections, counts_as_written, reading, said_as_written
from ingest.errors import QuestionError
from ingest.textnorm import first_interrogative, normalize, standard_asking, without_study_task
from ingest.zh_text import COMMAS, INTERROGATIVES, QUESTION_LABEL, SENTENCE_MARKS, split_clauses

if TYPE_CHECKING:
    from bot.langchain_retriever import HybridRetriever
    from bot.llm.answerer import LLMAnswerer

MAX_QUESTION_CHARS = 500
FULL_COVERAGE = 0.999  # lexical confidence of a sentence that holds every content word of the question


class AnswerService:
    def __init__(self, index: SearchIndex, answerer: ExtractiveAnswerer, llm: LLMAnswerer | None, dense: bool, top_k: int) -> None:
        self._index = index
        self._answerer = answerer
        self._llm = llm
        self._dense = dense
        self._top_k = top_k
        self._study = StudyAnswerer()

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
        if self._llm is not None and corpus is not None and not answer.refused and answer.sources:  # a title cites no passage
            passages = select_passages(answer, candidates, corpus)
            for item in self._llm.stream(question, passages, answer):
                if isinstance(item, Answer):
                    answer = replace(item, reading=item.reading or answer.reading)  # a corrected reading stays said
                else:
                    yield item
        yield replace(answer, latency_ms=(time.perf_counter() - started) * 1000)

    def ask_extractive(self, question: str) -> Answer:
        """The extractive answer only, never an LLM call: for work the bot does for itself (choosing
        example questions), which must neither spend model calls nor wait on a slow model."""
        return self._extractive(question)[0]

    def _extractive(self, question: str) -> tuple[Answer, list[SearchHit], Corpus | None]:
        """The extractive answer with the ranked sentences and corpus it was chosen from; a typo read as
        the materials' word when that answers better, and a refusal that says how to ask."""
        answer, candidates, corpus = self._extractive_once(question)
        if corpus is not None and not answer.injection:
            answer, candidates = self._typo_tolerant(question, answer, candidates, corpus)
        if corpus is not None and answer.refused and not answer.injection:
            answer, candidates = self._one_clause(question, answer, candidates)
        return with_hint(answer, candidates, corpus), candidates, corpus

    def _one_clause(self, question: str, answer: Answer, candidates: list[SearchHit]) -> tuple[Answer, list[SearchHit]]:
        """A message asking two things ("大家想法不统一的话会怎样,为啥要先统一思想"), refused as a whole: the last clause
        asking on its own that is answered, with a reading saying which one, so nobody takes it for the whole. A later clause
        asking where or by whom of nothing named asks of an earlier one's subject ("作者是谁，在哪个质监局工作"), and one asking
        what the asker should do of what the clause before asks ("…有哪些要求？想结合文章内容说说自己该怎么做"): it is no
        question alone, only the other is tried."""
        clauses = [c.strip(" " + COMMAS + SENTENCE_MARKS) for c in split_clauses(question)]
        questions = [(n, c) for n, c in enumerate(clauses) if len(c) >= 4 and first_interrogative(c) is not None and not (n and asks_detail_of_clause_before(c))]
        asking = [c for n, c in questions if not (n and leans_on_clause_before(c))]
        if len(questions) < 2:
            return answer, candidates
        for clause in reversed(asking):
            retry, retry_candidates, _ = self._extractive_once(clause)
            if not retry.refused:
                return replace(retry, question=question, reading=f"只回答了其中一问：「{clause}」"), retry_candidates
        return answer, candidates

    def _typo_tolerant(
        self, question: str, answer: Answer, candidates: list[SearchHit], corpus: Corpus
    ) -> tuple[Answer, list[SearchHit]]:
        """The answer to the question with its one-character-off words corrected (bot.typos), kept only
        when it is more confident than the answer as typed and one quoted sentence holds every content
        word of the corrected question: a reading the materials confirm word for word, not a guess."""
        typed = _sayable_terms(question)  # 月代是啥: one word, which nothing else confirms
        fixes = corrections(question, typed, corpus)
        if not fixes or len(fixes) >= len(typed):
            return answer, candidates  # nothing else in the question confirms the reading: "什么是月代" is no typo of 古代
        fixed = corrected(question, fixes)
        words = _confirming_terms(fixed)  # 啥 of 检测方面要掌握啥, 另外 of "另外还得掌握什么": no text need say it
        if study_intent(fixed) is None and not corpus.holds_together(words):
            return answer, candidates  # no sentence could confirm the reading: a retry would be thrown away
        retry, retry_candidates, _ = self._extractive_once(fixed, dense_text=question)  # its vector is made already
        if isinstance(retry, StudyAnswer):  # 部分 of "哪部分讲了激励机制": how a study question asks, no word of its topic
            words = tuple(w for w in words if w not in GENERIC)
        better = not retry.refused and (answer.refused or retry.confidence > answer.confidence)
        confirmed = any(all(word in normalize(source.text) for word in words) for source in retry.sources)
        if not better or not confirmed:
            return answer, candidates
        return replace(retry, question=question, reading=reading(fixes)), retry_candidates

    def _extractive_once(self, question: str, dense_text: str | None = None) -> tuple[Answer, list[SearchHit], Corpus | None]:
        """The extractive answer with the ranked sentences and corpus it was chosen from; `dense_text` is
        embedded in the question's place (see HybridSearcher.search_with_corpus)."""
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
        searcher = self._index.searcher  # first, so the tokenizer's dictionary comes from its fast cache
        asked = without_study_task(standard_asking(QUESTION_LABEL.sub("", question)))  # "学习笔记：…", "…？我要在座谈会上讲讲": no topic
        study = self._study.answer(asked, searcher.corpus)
        if study is not None:  # a summary, a part's gist or a list, read from the document's structure
            return replace(study, question=question), [], searcher.corpus
        searched = said_as_written(counts_as_written(asked, searcher.corpus), searcher.corpus)
        terms = question_terms(searched)
        named = named_document(question, searcher.corpus.normalized_titles)
        if self._dense and not self._answerer.learned and self.min_confidence <= 1 - DENSE_WEIGHT:
            # When one sentence holds every content word of the question, vectors can only lower its
            # confidence (never below the threshold), never find a better quote: skip the model, the
            # costliest step under load.
            candidates, corpus = searcher.search_with_corpus(searched, self._top_k, terms.position, dense=False)
            candidates = _of_document(named, candidates)
            answer = self._answerer.answer(searched, terms, candidates, corpus)
            if answer.confidence >= FULL_COVERAGE:
                return replace(answer, question=question), candidates, corpus
        candidates, corpus = searcher.search_with_corpus(searched, self._top_k, terms.position, dense_text=dense_text)
        candidates = _of_document(named, candidates)
        return replace(self._answerer.answer(searched, terms, candidates, corpus), question=question), candidates, corpus

    def warm_up(self) -> None:
        """Build the search index and the documents' structures before the first question needs them."""
        self._index.warm_up()
        self._study.prepare(self._index.searcher.corpus)

    @property
    def llm_enabled(self) -> bool:
        """Whether answers are written by an LLM (and may stream) or are extractive only."""
        return self._llm is not None

    @property
    def learned(self) -> bool:
        """Whether the answer model chooses quotes and refusals (its embedding space runs), else the rules."""
        return self._answerer.learned

    @property
    def min_confidence(self) -> float:
        return self._answerer.min_confidence

    @min_confidence.setter
    def min_confidence(self, value: float) -> None:
        self._answerer.min_confidence = value

    @property
    def related_from(self) -> float:
        """The confidence from which a refusal offers related reading."""
        return self._answerer.related_from

    def search(self, question: str) -> list[SearchHit]:
        """The ranked sentences an answer is chosen from."""
        return self._index.search(question)

    def retriever(self, k: int | None = None) -> HybridRetriever:
        """The same retrieval as a LangChain retriever."""
        from bot.langchain_retriever import HybridRetriever

        return HybridRetriever(searcher=self._index.searcher, k=k or self._top_k)


def _sayable_terms(question: str) -> tuple[str, ...]:
    """The question's terms a sentence may say: not 啥, 谁 …, which bot.questions keeps as terms for the answer model."""
    return tuple(w for w in question_terms(question).words if w not in INTERROGATIVES)


def _confirming_terms(question: str) -> tuple[str, ...]:
    """The words a quote must say to confirm a corrected reading: the question's terms as the text would say them (学 of jieba's
    要学), not the conjunctions and particles that join them (另外, 得 of "另外还得掌握什么")."""
    tags = {pair.word: pair.flag for pair in jieba_tagger().lcut(normalize(question))}
    return tuple(unglued(w) or w for w in _sayable_terms(question) if not tags.get(w, "").startswith(("c", "u")))


def _of_document(named: str | None, candidates: list[SearchHit]) -> list[SearchHit]:
    """Only the named document's sentences, when the question names one by its title ("那篇质量强国文章里说…"):
    what another document says does not answer it."""
    if named is None:
        return candidates
    return [hit for hit in candidates if hit.chunk.doc_id == named] or candidates
