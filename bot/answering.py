"""Grounded extractive answers: quote the sentences that answer, cite them, or refuse plainly.

The quote is always a verbatim span of the source, never a heading. With the shipped answer model
(bot.answer_model) a trained selection model picks the quote among the candidate sentences and a
refusal classifier gives the confidence, the probability that the quote answers. Without it,
confidence is how much of the question's content (weighted by rarity) the chosen sentence and its
paragraph cover, blended with the dense similarity. Below the threshold the answer is a refusal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from itertools import zip_longest

from typing import TYPE_CHECKING

import numpy as np

from bot.answer_model import AnswerModel, reads_ranker
from bot.corpus import Corpus
from bot.questions import ANSWER_TYPES, QUANTITY, QuestionTerms
from bot.search_hit import SearchHit
from bot.settings import RULES_MIN_CONFIDENCE, RULES_RELATED_CONFIDENCE
from ingest.chunks import Chunk
from ingest.structure import is_back_line
from ingest.sections import SEPARATOR as SECTION_SEPARATOR, heading_topic, is_question_line, numbered_heading
from ingest.textnorm import CJK, CJK_RUN, normalize
from ingest.zh_text import (
    CLAUSE_MARKS, CLOSING_FORMULA, CN_DIGITS, DATE_UNITS, DOCUMENT_WORDS, SEMICOLONS, STOPS, WORK_DOCUMENT_KINDS, arabic_counts, bare_title,
    ends_with_colon, is_directive, opens_with_purpose, opens_with_consequence, says_cause, spells_out, strip_indent, strip_sentence_end,
)

if TYPE_CHECKING:
    from bot.answer_features import Candidate, QuestionView

MAX_QUOTE_CHARS = 150
LISTED_ITEMS = 8  # items of an article's list quoted after its lead-in
LISTED_QUOTE_CHARS = 400
# A lead-in and the first item of a list in one sentence: "…有下列情形之一的，…：（一）以欺骗…的；", "…含义：1. …"
_LEAD_IN_ITEM = re.compile(r"[：:]\s*(?:[（(][一二三四五六七八九十]{1,2}[）)]|\d{1,2}[.．、]|一是)")
_NEXT_POINT = re.compile(r"^\s*[二三四五六七八九十]是")  # 二是…, 三是… after a lead-in's 一是
# A lead-in whose items follow unnumbered in the same sentence, each ending in ；: "…主要职能包括：建立…标准；依法承担…；"
_LEAD_IN_CLAUSE = re.compile(rf"[：:][^：:]+[{SEMICOLONS}]$")
CONTEXT_WEIGHT = 0.5
DENSE_WEIGHT = 0.35
SECOND_SENTENCE_RATIO = 0.8
ANSWER_TYPE_WEIGHT = 1.0
QUANTITY_MISSING_FACTOR = 0.5
LEAD_IN_CHARS = 25  # a quoted sentence shorter than this is a lead-in: the next one is quoted with it
ABBREVIATION_WEIGHT = 0.5  # what a word absent from the materials gets for its characters in order (see _abbreviation)
ABBREVIATED_PHRASE_CHARS = 4  # an abbreviation's characters come from a phrase at most this many times its length
SECTION_SENTENCES = 6  # sentences of a section that stand in for its heading as candidates

_CLAUSE_END = re.compile(rf"[{re.escape(CLAUSE_MARKS)}]")

REFUSAL_TEXT = "抱歉，学习资料中没有找到能回答这个问题的内容，我不能凭空作答。"
RELATED_REFUSAL_TEXT = "学习资料谈到了这个话题，但没有找到能回答这个问题的内容，我不能凭空作答。"
RELATED_HEADING = "相关阅读（仅供参考，不是答案）"
MAX_RELATED = 2
INJECTION_TEXT = "抱歉，我只能依据学习资料回答问题，不能忽略资料或透露内部设定。"


@dataclass(frozen=True)
class Source:
    doc_id: str
    title: str
    paragraph: int
    text: str
    score: float
    sentence: int = 0  # position of `text` in its paragraph, 1-based, so channels can highlight it
    section: str = ""  # numbered section path such as "一、总体要求 > （一）工作目标", when the document has one

    @classmethod
    def of(cls, chunk: Chunk, score: float) -> Source:
        """The citation of a stored sentence chunk."""
        return cls(
            doc_id=chunk.doc_id,
            title=chunk.title,
            paragraph=chunk.paragraph,
            text=chunk.text,
            score=round(score, 4),
            sentence=chunk.sentence,
            section=chunk.section,
        )


@dataclass(frozen=True)
class Answer:
    """One answer, its parts kept apart so each channel renders them its own way (`text` for plain text).

    Frozen: the engine sets `latency_ms` (and the LLM path `mode`) with `dataclasses.replace`.
    """

    question: str
    quote: str  # what answers: the verbatim quote (or the LLM's verified text); for a refusal, the refusal message
    refused: bool
    citation: str = ""  # the 出处 line, e.g. 出处《标题》第3段（一、总体要求）; empty for a refusal
    sources: tuple[Source, ...] = ()
    mode: str = "extractive"
    confidence: float = 0.0
    latency_ms: float = 0.0
    injection: bool = False  # refused because it tried to override the rules, not for lack of material
    note: str = ""  # what the reader should know of how it was read: which of several documents it is for, how paragraphs were counted
    related: tuple[Source, ...] = ()  # a refusal's closest passages when the material is on topic: reading, not the answer
    reading: str = ""  # what the answer assumed, e.g. 按「主题」理解「主提」 (a typo read as the materials' word)
    hint: str = ""  # for a refusal: how to ask so that the materials can answer
    topics: tuple[str, ...] = ()  # for a refusal: headings or titles of the passages nearest to the question

    @property
    def text(self) -> str:
        """The answer as plain text: an assumed reading of the question in brackets, the quote, then 出处 on
        its own line (a refusal is its message alone, then any related reading under its heading), then the
        note, if any."""
        if self.related:
            items = [f"{n}. {s.text}（{citation([s])}）" for n, s in enumerate(self.related, start=1)]
            text = "\n".join([self.quote, "", f"{RELATED_HEADING}：", *items])
        else:
            text = f"{self.quote}\n{self.citation}" if self.citation else self.quote
        if self.reading:
            text = f"（{self.reading}）\n{text}"
        return f"{text}\n{self.note}" if self.note else text

    def to_json(self) -> dict:
        """The shape `ask --json` prints (see ARCHITECTURE.md), plus the keys of `_extras` when they apply."""
        return {
            "question": self.question,
            "answer": self.text,
            "refused": self.refused,
            "mode": self.mode,
            "sources": [asdict(s) for s in self.sources],
            "latency_ms": round(self.latency_ms, 2),
            "confidence": round(self.confidence, 4),
        } | self._extras()

    def _extras(self) -> dict:
        """Keys present only when they say something: the note, the assumed reading, a refusal's hint and
        topics, an on-topic refusal's related reading."""
        extras: dict = {}
        if self.note:
            extras["note"] = self.note
        if self.reading:
            extras["reading"] = self.reading
        if self.hint:
            extras["hint"] = self.hint
            extras["topics"] = list(self.topics)
        if self.related:
            extras["related"] = [{"text": s.text, "doc_id": s.doc_id, "title": s.title, "paragraph": s.paragraph} for s in self.related]
        return extras


@dataclass(frozen=True)
class _Scored:
    chunk: Chunk
    confidence: float
    covered: frozenset[str]


CITED_SECTIONS_MAX = 3  # an answer citing more paragraphs than this gives them as ranges, without sections


def citation(sources: Sequence[Source]) -> str:
    """出处《标题》第N段, grouping paragraphs of one document; a numbered section follows in brackets. Of more
    than CITED_SECTIONS_MAX paragraphs (an outline, whose every line names its paragraph and heading) runs of
    paragraphs are ranges: 第3—9段."""
    by_title: dict[str, dict[int, str]] = {}
    for source in sources:
        by_title.setdefault(source.title, {}).setdefault(source.paragraph, source.section)
    sections = sum(map(len, by_title.values())) <= CITED_SECTIONS_MAX
    parts = [
        f"《{title}》"
        + (
            "、".join(f"第{p}段" + (f"（{ps[p]}）" if ps[p] else "") for p in sorted(ps))
            if sections
            else "、".join(f"第{first}段" if first == last else f"第{first}—{last}段" for first, last in _runs(sorted(ps)))
        )
        for title, ps in by_title.items()
    ]
    return "出处" + "；".join(parts)


def _runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive numbers as (first, last) runs: 3, 4, 5, 9 → (3, 5), (9, 9)."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


class ExtractiveAnswerer:
    def __init__(
        self, min_confidence: float, similarity_range: tuple[float, float] | None = None, model: AnswerModel | None = None
    ) -> None:
        self.min_confidence = min_confidence
        self._similarity_range = similarity_range
        self._model = model

    @property
    def learned(self) -> bool:
        """Whether a trained model chooses the quote and the confidence (else the hand-tuned rules)."""
        return self._model is not None

    @property
    def related_from(self) -> float:
        """The confidence from which a refusal offers related reading, for the questions the model answers
        (a question about a document's opening or conclusion keeps the rules' cut)."""
        return self._model.related_threshold if self._model is not None else RULES_RELATED_CONFIDENCE

    def answer(self, question: str, terms: QuestionTerms, candidates: list[SearchHit], corpus: Corpus) -> Answer:
        candidates = with_section_content(candidates, corpus)
        if self._model is not None and not terms.position:
            return self._answer_learned(self._model, question, terms, candidates, corpus)
        # Without a model, or for a question about the opening or the conclusion of a document, which
        # CMRC never asks and the model has not learned: the hand-tuned rules and their own threshold.
        min_confidence = self.min_confidence if self._model is None else RULES_MIN_CONFIDENCE
        scored = [self._score(hit, terms, corpus) for hit in candidates if quotable(hit.chunk, corpus)]
        if not scored or not (terms.words or terms.position):
            return refusal(question)
        scored.sort(key=lambda s: -s.confidence)
        best = scored[0]
        if _lacks_asked_item(question, [best.chunk], corpus):  # as with the model: the best sentence that can answer
            best = next((s for s in scored if not _lacks_asked_item(question, [s.chunk], corpus)), best)
        chosen = [best]
        second = self._complement(best, [s for s in scored if s is not best], corpus)
        if second is not None:
            chosen.append(second)
        chosen.sort(key=lambda s: s.chunk.position)
        cause = _cause_before([s.chunk for s in chosen], question, corpus)
        if cause is not None:
            chosen = [_Scored(cause, best.confidence, frozenset()), *chosen][:2]
        if best.confidence < min_confidence or _lacks_asked_item(question, [s.chunk for s in chosen], corpus):
            related = [s.chunk for s in scored] if best.confidence >= RULES_RELATED_CONFIDENCE and not _asks_of_strangers(question, corpus) else []
            return refusal(question, best.confidence, related=related)
        listed = _with_listed_items([s.chunk for s in chosen], question, corpus)
        listed = listed or _with_introduced_paragraphs([s.chunk for s in chosen], question, corpus)
        if listed:
            scored_at = {s.chunk.position: s for s in chosen}
            chosen = [scored_at.get(chunk.position) or _Scored(chunk, best.confidence, frozenset()) for chunk in listed]
        quotes = _fit([s.chunk.text for s in chosen], terms, LISTED_QUOTE_CHARS if listed else MAX_QUOTE_CHARS, [s.chunk.title for s in chosen])
        sources = tuple(Source.of(s.chunk, s.confidence) for s in chosen)
        return Answer(
            question=question,
            quote=_joined([s.chunk for s in chosen], quotes),
            refused=False,
            citation=citation(sources),
            sources=sources,
            confidence=best.confidence,
        )

    def _answer_learned(self, model: AnswerModel, question: str, terms: QuestionTerms, hits: list[SearchHit], corpus: Corpus) -> Answer:
        """The selection model picks the quote among the candidates, the refusal classifier says
        whether it answers: its probability is the confidence."""
        from bot import answer_features as features
        from bot.question_analysis import asks_role

        found = features.candidates(hits, corpus)
        if not found or not (terms.words or terms.position):
            return refusal(question)
        view = features.QuestionView.of(question, terms)
        rows = features.candidate_features(view, found, corpus, self._similarity_range)
        scores = model.selection.logits(rows)
        asked = view.analysis.answer_type
        reads_ranked = reads_ranker(model) or model.decides_by_type(asked)
        ranked = model.ranker.logits(rows) if model.ranker is not None and reads_ranked else None  # else only if answered
        confidence = model.answer_probability(features.question_features(view, found, rows, scores, corpus, ranked), asked)
        chunks = _learned_quote(found, scores, rows, corpus, model.pair_margin)
        lead = found[int(np.argmax(scores))].chunks[0]  # the best sentence, whose paragraph the quote opens on
        lacks = _lacks_asked_item(question, chunks, corpus)
        typed = None
        if confidence >= self.min_confidence and (lacks or not _names_asked_post(question, chunks)):
            # The best sentence has no time or figure to answer "when" or "how many", or names no post asked for: the
            # best that has one, if the refusal classifier, seeing it ranked below the first, still finds it answers.
            typed = _best_holding_asked_item(question, found, scores, rows, corpus)
            if typed is not None and _beside_under_asked_heading(question, chunks, found[typed].chunks):
                chunks = sorted({*chunks, *found[typed].chunks}, key=lambda c: (c.paragraph, c.sentence))  # 岗位名称 and 现任人员
            elif typed is not None:
                typed_row = features.question_features_for(view, found, rows, scores, typed, corpus, ranked)
                if asks_role(question):
                    _lead_among_answering(typed_row, question, found, scores, typed, corpus)
                typed_confidence = model.answer_probability(typed_row, asked)
                if lacks or typed_confidence >= self.min_confidence:  # a post is preferred, never a refusal by itself
                    confidence, chunks, lead = typed_confidence, list(found[typed].chunks), found[typed].chunks[0]
        chunks = _with_cause(chunks, question, corpus)
        listed = _with_listed_items(chunks, question, corpus) or _with_points_after(chunks, question, corpus)
        if not _shares_words(view, chunks, corpus):
            return refusal(question, confidence)  # nothing of the question in the quote: the model's probability is no evidence
        if confidence < self.min_confidence or _lacks_asked_item(question, chunks, corpus):
            related = [found[int(i)].chunks[0] for i in np.argsort(-scores)] if confidence >= self.related_from and not _asks_of_strangers(question, corpus) else []
            return refusal(question, confidence, related=related)
        if model.ranker is not None and typed is None and not listed:
            ranker_scores = model.ranker.logits(rows) if ranked is None else ranked
            quote = _ranked_quote(model, question, view, found, rows, ranker_scores, corpus)
            if quote is not None:
                chunks, listed = quote, _with_listed_items(quote, question, corpus)
                lead = found[int(np.argmax(ranker_scores))].chunks[0]
        if listed:
            chunks = listed
        elif introduced := _with_introduced_paragraphs(chunks, question, corpus):
            chunks, listed = introduced, introduced
        else:
            chunks = _best_paragraph_first(_with_sentence_rest(chunks, question, corpus), lead)
        sources = tuple(Source.of(chunk, confidence) for chunk in chunks)
        return Answer(
            question=question,
            quote=_joined(chunks, _fit([c.text for c in chunks], terms, LISTED_QUOTE_CHARS if listed else MAX_QUOTE_CHARS, [c.title for c in chunks])),
            refused=False,
            citation=citation(sources),
            sources=sources,
            confidence=confidence,
        )

    def _score(self, hit: SearchHit, terms: QuestionTerms, corpus: Corpus) -> _Scored:
        chunk = hit.chunk
        context = normalize(chunk.section) + corpus.normalized_paragraph(chunk.doc_id, chunk.paragraph)
        coverage, covered = lexical_coverage(terms, corpus.normalized(chunk), context, chunk, corpus, rules=True)
        dense = hit.dense
        if dense is not None and self._similarity_range is not None:
            confidence = (1 - DENSE_WEIGHT) * coverage + DENSE_WEIGHT * dense_score(dense, self._similarity_range)
        else:
            confidence = coverage
        return _Scored(chunk, confidence, covered)

    @staticmethod
    def _complement(best: _Scored, rest: list[_Scored], corpus: Corpus) -> _Scored | None:
        """A second sentence of the same document when it adds words the first lacks, or when the first is a
        bare lead-in."""
        best_len = len(best.chunk.text)
        for other in rest:
            if other.confidence < SECOND_SENTENCE_RATIO * best.confidence:
                break
            if best_len + len(other.chunk.text) > MAX_QUOTE_CHARS or other.chunk.doc_id != best.chunk.doc_id:
                continue
            if other.covered - best.covered or _adjacent(best.chunk, other.chunk):
                return other
        if best_len < LEAD_IN_CHARS:
            following = corpus.neighbour(best.chunk, 1)
            fits = following is not None and best_len + len(following.text) <= MAX_QUOTE_CHARS
            if fits and not corpus.is_instruction_like(following):
                return _Scored(following, best.confidence, frozenset())
        return None


def lexical_coverage(
    terms: QuestionTerms,
    sentence: str,
    context: str,
    chunk: Chunk,
    corpus: Corpus,
    context_weight: float = CONTEXT_WEIGHT,
    rules: bool = False,
) -> tuple[float, frozenset[str]]:
    """How much of the question (content words weighted by rarity, answer types, position) a normalised
    sentence covers, words found only in its paragraph `context` counting `context_weight`; with the
    words the sentence itself holds. The answer model reads it as one of its features, as it was trained;
    the hand-tuned rules (`rules`) also credit abbreviations and read the asked-about word only from the
    heading (see _abbreviation, _context_credit)."""
    total = covered_weight = 0.0
    covered: set[str] = set()
    if terms.position:
        total += corpus.max_idf
        if corpus.is_at(chunk, terms.position):
            covered_weight += corpus.max_idf
    gate = 1.0
    for answer_type in terms.answer_types:
        found = bool(ANSWER_TYPES[answer_type].search(sentence))
        if answer_type.startswith(QUANTITY):
            gate = 1.0 if found else QUANTITY_MISSING_FACTOR
            continue
        total += ANSWER_TYPE_WEIGHT
        covered_weight += ANSWER_TYPE_WEIGHT if found else 0.0
    for word in terms.words:
        weight = corpus.idf(word)
        direct = _presence(word, sentence)
        if rules and not direct:
            direct = _abbreviation(word, sentence, weight >= corpus.max_idf)
        total += weight
        if rules:
            indirect = _context_credit(word, context, terms, chunk, corpus)
        else:
            indirect = context_weight * _presence(word, context) if context else 0.0
        covered_weight += weight * max(direct, indirect)
        if direct >= 1.0:
            covered.add(word)
    return (gate * covered_weight / total if total else 0.0), frozenset(covered)


def dense_score(similarity: float, similarity_range: tuple[float, float]) -> float:
    """A cosine similarity placed in the model's usual range: 0 at its low end, 1 at its high end."""
    low, high = similarity_range
    return min(1.0, max(0.0, (similarity - low) / (high - low)))


def _ranked_quote(
    model: AnswerModel, question: str, view: QuestionView, found: list[Candidate], rows: np.ndarray, scores: np.ndarray, corpus: Corpus
) -> list[Chunk] | None:
    """The ranker's quote (by its `scores`) for a question the refusal classifier finds answered, when it passes the
    same checks (what is asked, a post asked for, a word of the question); else None and the selection model's pick
    stays. The ranker chooses among candidates better (CMRC calibrate: 725 of 821 quotes hold the gold span against
    669); the shipped refusal classifier reads the selection model's view alone (one refitted with `--refit-refusal`
    reads the ranker's lead too)."""
    from bot.question_analysis import REASON

    why = view.analysis.answer_type == REASON
    ranked = _with_cause(_learned_quote(found, scores, rows, corpus, model.ranker_pair_margin, why), question, corpus)
    if why and not any(opens_with_consequence(c.text) or opens_with_purpose(c.text) or says_cause(c.text) for c in ranked):
        ranked = _drawn_consequence(found, scores, rows, model.ranker_pair_margin, question, corpus) or ranked
    if _lacks_asked_item(question, ranked, corpus) or not _names_asked_post(question, ranked) or not _shares_words(view, ranked, corpus):
        return None
    return ranked


def _drawn_consequence(
    found: list[Candidate], scores: np.ndarray, rows: np.ndarray, margin: float, question: str, corpus: Corpus
) -> list[Chunk] | None:
    """For a why question, the best sentence within `margin` of the first, holding more than half as many of the question's
    focus terms, that opens on its purpose (为适应…,必须进一步深化…改革) or draws its point as a consequence (因此,…), this with
    the sentence before it, which says why: "为什么要加强质监干部的教育培训" is answered by "随着…新的质量问题和挑战层出不穷…。
    因此,加强教育培训…显得尤为重要", not by the closing sentence listing 强化教育培训 among its calls, which the ranker put first."""
    from bot.answer_features import INDEX
    from bot.question_analysis import analyse

    order = np.argsort(-scores)
    focused = rows[int(order[0]), INDEX["focus_share"]]
    first = normalize("".join(c.text for c in found[int(order[0])].chunks))
    held = [word for word in analyse(question).focus if word in first]
    for index in order:
        if scores[index] < scores[order[0]] - margin:
            break
        chunks = found[int(index)].chunks
        if rows[int(index), INDEX["focus_share"]] <= focused / 2:
            continue  # a 因此 on another point ("为什么要加强作风建设": 因此,加强教育培训…)
        text = normalize("".join(c.text for c in chunks))
        if held and 2 * sum(word in text for word in held) <= len(held):
            continue  # nor one saying little of what the first names ("加强作风建设为什么重要": not 因此,加强教育培训…重要)
        if len(chunks) == 1 and opens_with_purpose(chunks[0].text):
            return list(chunks)
        if len(chunks) == 1 and opens_with_consequence(chunks[0].text):
            caused = _with_cause(list(chunks), question, corpus)
            if len(caused) == 2:
                return caused
    return None


def _learned_quote(found: list[Candidate], scores: np.ndarray, rows: np.ndarray, corpus: Corpus, margin: float, same_paragraph: bool = False) -> list[Chunk]:
    """The best candidate's sentences; a lone sentence gets the runner-up sentence of its document (of its paragraph,
    with `same_paragraph`: a why is answered beside the point it explains) when
    the model rates it within `margin` and both fit the quote length (CMRC: a fifth of answers, +4 points of
    gold in quote on the calibrate part), else its neighbour when that holds more of the question
    (the model weighs what the sentences beside a candidate say, and the quote shows what it weighed),
    or the next sentence when it is a bare lead-in. In the text's order: answering puts the best one's paragraph first."""
    order = np.argsort(-scores)
    chunks = list(found[int(order[0])].chunks)
    if len(chunks) > 1:
        return chunks
    first = chunks[0]
    for index in order[1:]:
        other = found[int(index)]
        if scores[index] < scores[order[0]] - margin:
            break
        second = other.chunks[0]
        if len(other.chunks) == 1 and second.id != first.id and second.doc_id == first.doc_id and (not same_paragraph or second.paragraph == first.paragraph) and len(first.text) + len(second.text) <= MAX_QUOTE_CHARS:
            return sorted([first, second], key=lambda c: c.position)
    beside = _better_covered_neighbour(first, rows[int(order[0])], corpus)
    if beside is not None:
        return sorted([first, beside], key=lambda c: c.position)
    if len(first.text) < LEAD_IN_CHARS:
        following = corpus.neighbour(first, 1)
        if following is not None and len(first.text) + len(following.text) <= MAX_QUOTE_CHARS and not corpus.is_instruction_like(following):
            chunks.append(following)
    return chunks


def _lead_among_answering(row: np.ndarray, question: str, found: list[Candidate], scores: np.ndarray, typed: int, corpus: Corpus) -> None:
    """For a role asked of people ("质监干部是什么角色"), read fallback `typed`'s lead (in `row`) over the candidates that may
    answer, not over those set aside for saying no role: no CMRC question asks a role, so the classifier never learned that
    a fallback ranked below them can answer (…质监干部则是…主力军和生力军 stood at 0.007). Usually it is alone then, and
    leads as a lone candidate does. The asks CMRC has keep the lead over all: it keeps their near misses refused."""
    from bot.answer_features import QUESTION_FEATURES, lead

    viable = [i for i in range(len(found)) if i == typed or not _lacks_asked_item(question, found[i].chunks, corpus)]
    row[QUESTION_FEATURES.index("score_margin")] = lead(scores[viable], viable.index(typed))[1]


def _best_holding_asked_item(question: str, found: list[Candidate], scores: np.ndarray, rows: np.ndarray, corpus: Corpus) -> int | None:
    """The highest-scored candidate whose text holds the time or quantity the question asks for (and a post, when it
    asks for one) and what the question is about: a figure about something else ("电梯多长时间检验一次" → 电子计价秤，检定周期为1年;
    "专家库名单啥时候公布" → 学习时长不少于90学时) is no answer, however the refusal classifier, which never saw
    such a pairing ranked first, reads it. Some of its words (coverage), and a focus term or a bigram of it:
    jieba keeps 崇陵墓道 whole, and "墓道…全长13.23米" answers it."""
    from bot.answer_features import INDEX

    if _asks_of_strangers(question, corpus):
        return None  # no candidate can answer it: each would be checked and refused alike
    for index in np.argsort(-scores):
        row = rows[int(index)]
        chunks = found[int(index)].chunks
        said = row[INDEX["coverage"]] > 0 and (row[INDEX["focus_share"]] > 0 or row[INDEX["bigram_share"]] > 0)
        if not said and not _under_asked_heading(question, chunks):
            continue
        if not _lacks_asked_item(question, chunks, corpus) and _names_asked_post(question, chunks):
            return int(index)
    return None


def _under_asked_heading(question: str, chunks: Sequence[Chunk]) -> bool:
    """Whether the quote stands under a heading naming every focus term of the question: "质量发展股股长是谁" is
    answered by 现任人员：王振东 under 四、质量发展股股长, which shares no word with it."""
    from bot.question_analysis import analyse

    focus = [word for word in analyse(question).focus if CJK_RUN.fullmatch(word)]
    heading = normalize(_own_heading(chunks[0])) if chunks and chunks[0].section else ""
    return bool(heading and focus) and all(word in heading for word in focus)


def _beside_under_asked_heading(question: str, chunks: Sequence[Chunk], typed: Sequence[Chunk]) -> bool:
    """Whether the sentence holding what is asked stands in the quote's own section, under a heading naming the
    question's focus, and shares none of its words: then it completes the quote (岗位名称：质量发展股股长, then
    现任人员：王振东), which the refusal classifier judged, rather than replacing it."""
    from bot.question_analysis import names_a_post

    return (
        bool(chunks) and bool(typed) and typed[0].section == chunks[0].section and typed[0].doc_id == chunks[0].doc_id
        and _under_asked_heading(question, typed) and len(chunks) + len(typed) <= 2
        and not names_a_post("".join(c.text for c in typed))  # 直接上级：分管副局长李卫东 is not the holder
    )


def _lacks_asked_item(question: str, chunks: Sequence[Chunk], corpus: Corpus) -> bool:
    """A when or how-many question is not answered by a quote without a time or a quantity beyond those it
    states itself, however close the quote: the materials are on topic, so reading is offered instead. Nor by
    any quote when it asks of a place the materials never name ("东城区抽样调查了多少家企业": a city's 412家 is no
    district's figure), or that neither the quote's surroundings nor its document's opening and close name; nor, when
    it asks of an edition (第六届), by a quote whose paragraph tells of another one only (第七届…市长质量奖)."""
    from bot.answer_checks import holds_new_item
    from bot.question_analysis import NUMBER, TIME, analyse, common_word, of_other_edition, person_names, place_names

    analysis = analyse(question)
    if _asks_of_strangers(question, corpus):
        return True
    if chunks and all(_of_another_member(question, chunk, corpus) for chunk in chunks):
        return True
    if analysis.answer_type in (TIME, NUMBER) and analysis.places:
        if any((names := place_names(place)) and not any(map(corpus.knows, names)) for place in analysis.places):
            return True
        placed = " ".join(_placed(chunk, corpus) for chunk in chunks)
        if chunks and any(not any(name in placed for name in place_names(place)) for place in analysis.places):
            return True  # "东湖区…合格率是多少": a city's 96.3%, its report naming 东湖区 only among honoured units, is no district's
    if chunks and all(of_other_edition(question, _about(chunk, corpus)) for chunk in chunks):
        return True
    # Beside a rarer name, a common word the tagger reads as one is no one the quote must be about (籍贯 of "朱守谦的籍贯是哪里");
    # alone, it may be a person's name (高峰, 李娜).
    named = [name for name in person_names(question) if corpus.knows(name)]
    named = [name for name in named if not common_word(name)] or named
    if named:  # "孙晓燕的联系电话": the phone beside her name, not the next line's 吴芳's
        chunks = [c for c in chunks if all(name in _about(c, corpus) for name in named) or not _names_another(c, named, corpus)]
        if not chunks:
            return True
    opening, titled = _frames(chunks, corpus)
    text = "".join(c.text for c in chunks)
    if _under_asked_heading(question, chunks):  # 现任人员：王振东 under 四、质量发展股股长 names the post's holder
        text = f"{_own_heading(chunks[0])} {text}"
    return not holds_new_item(text, analysis.answer_type, question, opening or titled, titled)


def _of_another_member(question: str, chunk: Chunk, corpus: Corpus) -> bool:
    """Whether the quote's document is titled as another member of the kind the question opens on, one the materials
    never name: "颊鳞雀鲷的俗名叫什么" is not answered by 《白尾雀鲷》's 俗名为厚壳仔, nor "胜利广场是什么形状的" by
    《弗赖永广场》's 三角形. The title's last characters (雀鲷, 广场: two at least, as 局 of 质监局 and 管理局 is no kind,
    but for a place's level: 郡 of 《威尔特郡》; a year before them is the title's year, not its member's)
    follow in the question what tells its member apart (颊鳞, 胜利; see `names_no_kind`), which shares no two characters
    with the title and which the document never says; nor do the materials name that member. Everyday
    words may tell it apart, unlike `_asks_of_strangers`' names; a question naming the title, or paraphrasing it
    (质量月活动实施方案 of 质量月活动方案), is the document's."""
    from bot.question_analysis import names_no_kind, opening_run

    words, title = opening_run(question), _TITLE_YEAR.sub("", normalize(bare_title(chunk.title)).strip())
    asked = "".join(words)
    if len(title) < 3 or title in asked:
        return False
    kind = next((title[-size:] for size in range(len(title) - 1, 1, -1) if asked.find(title[-size:]) > 0), "")
    if not kind and _names_a_place(title):  # a place's level alone: 诺丁汉郡 of 《威尔特郡》
        kind = title[-1] if asked.find(title[-1]) > 1 else ""
    if not kind or kind.endswith(DOCUMENT_WORDS + WORK_DOCUMENT_KINDS):
        return False  # a document's kind ("一共通报了几个案例" of 《…典型问题的通报》) is how questions point at documents
    at = asked.find(kind)
    member = asked[:at]
    telling = [word for n, word in enumerate(words) if sum(map(len, words[:n])) < at]  # jieba may glue 黄雀 of 黄雀鲷
    if names_no_kind(telling) or any(member[i : i + 2] in title for i in range(len(member) - 1)):
        return False
    return not (corpus.knows(member + kind) or corpus.titled(member + kind) or _in_document(member, chunk, corpus))


def _names_a_place(title: str) -> bool:
    """Whether a title is a place's name and level (威尔特郡, 宝山镇), not a phrase ending in one (质量强市)."""
    from bot.question_analysis import PLACE_LEVELS, common_word
    from bot.questions import segmented

    return title[-1] in PLACE_LEVELS and not any(common_word(word) for word in segmented(title[:-1]))


def _in_document(word: str, chunk: Chunk, corpus: Corpus) -> bool:
    """Whether the document of `chunk` holds `word` in its title or any sentence."""
    return word in chunk.title or chunk.doc_id in corpus.documents_holding(word)


def _asks_of_strangers(question: str, corpus: Corpus) -> bool:
    """Whether the question names a person no sentence or title of the materials names ("吕志兴现在效力于哪个球队"), or
    opens on a thing they never name ("六耳铃分布在哪些地区"): no passage is about it, so none is related reading either."""
    from bot.question_analysis import unknown_people, unknown_subject

    def knows(word: str) -> bool:
        return corpus.knows(word) or corpus.titled(word)

    return bool(unknown_people(question, knows)) or unknown_subject(question, lambda word: knows(word) or corpus.spells_out(word)) is not None


def _about(chunk: Chunk, corpus: Corpus) -> str:
    """Whom or where a sentence naming someone else can still be about: its paragraph, headings and title name them (a
    narrative names a person once, then says 他 or 该同志); a first-person text is its writer's, named in the by-line
    under its title. Not a title naming several (关于郑晓峰等同志职务任免的通知 does not make its 联系人 line his)."""
    paragraph = corpus.paragraph_text(chunk.doc_id, chunk.paragraph)
    byline = _byline(chunk, corpus) if _FIRST_PERSON.search(paragraph) else ""
    title = "" if _SEVERAL_NAMED.search(chunk.title) else chunk.title
    return f"{paragraph} {chunk.section} {title} {byline}"


def _placed(chunk: Chunk, corpus: Corpus) -> str:
    """Where a sentence can tell a place's figures: what `_about` reads, and its document's opening and closing
    paragraphs, where a county's report names the county and signs ("今年以来，云台县市场监督管理局…")."""
    last = corpus.paragraph_count(chunk.doc_id)
    ends = " ".join(corpus.paragraph_text(chunk.doc_id, n) for n in {1, 2, last - 2, last - 1, last} if 1 <= n <= last)
    return f"{_about(chunk, corpus)} {ends}"


_SEVERAL_NAMED = re.compile(r"等(?:同志|人|[0-9一二三四五六七八九十]+[名人位])")


def _names_another(chunk: Chunk, named: Sequence[str], corpus: Corpus) -> bool:
    """Whether a sentence is about a person other than those asked of: it names one (培训中心联系人：吴芳 of
    "孙晓燕的联系电话"), the label of its item does ("（二）林雅琴" of "刘德胜是哪年出生的"), or it speaks as 我 in a text
    whose by-line names another (孙志远's 94分 of "赵海涛考了多少分").
    A sentence naming no one (他强调…, 该同志…, 我… of an unsigned text) may be about them."""
    from bot.question_analysis import names_another_person, person_names

    if names_another_person(chunk.text, tuple(named)):
        return True
    if any(name not in named for name in person_names(_own_heading(chunk))):
        return True  # "（二）林雅琴" heads her item: its "女，1985年11月出生" is hers, though the tagger misses her name there
    if not _FIRST_PERSON.search(corpus.paragraph_text(chunk.doc_id, chunk.paragraph)):
        return False
    return any(name not in named for name in person_names(_byline(chunk, corpus)))


def _byline(chunk: Chunk, corpus: Corpus) -> str:
    """The short lines right under a document's title, where a first-person text names its writer."""
    lines = (corpus.paragraph_text(chunk.doc_id, n) for n in range(1, BYLINE_PARAGRAPHS + 1))
    return " ".join(line for line in lines if len(line) <= BYLINE_MAX_CHARS)


_FIRST_PERSON = re.compile(r"我(?!国|省|市|县|区|局|单位|们)|本人|笔者")  # not 我局, 我市: the body, not the writer
BYLINE_PARAGRAPHS = 2  # a by-line stands right under the title (青溪县市场监督管理局质量发展股　孙志远)
BYLINE_MAX_CHARS = 60


def short_form_in(word: str, text: str, corpus: Corpus) -> bool:
    """Whether `text` holds the run that `word`, which no passage holds as written, is a short form of (公车 of 公务用车,
    as ingest.zh_text.spells_out reads one): a question's word the materials say in full. An ordinal is none (第五条 of
    第十五条)."""
    return not corpus.knows(word) and not word.startswith("第") and spells_out(word, text)


def _shares_words(view: QuestionView, chunks: Sequence[Chunk], corpus: Corpus) -> bool:
    """Whether the quote holds a word of the question: a focus term (not a figure, nor a date's 年), or for one that no
    passage holds as written the run it is a short form of (short_form_in: 公车 of 公务用车), or two ideographs in a row.
    "2026年世界杯在哪些国家举办" shares nothing with "去年，城南分局推行…" but its year, which many texts hold; its years
    do count in a document whose whole title the question names: "1973年10月，王家瑞担任什么职务" is answered by
    "1973年10月，任长春市邮局国际联邮员" of 《王家瑞》, which names him in its first line only."""
    text = normalize("".join(chunk.text for chunk in chunks))
    words = [word for word in view.focus if not (len(word) == 1 and word in DATE_UNITS) and not word.isdigit()]
    if any(word in text for word in words) or any(CJK_RUN.fullmatch(gram) is not None and gram in text for gram in view.grams):
        return True
    if any(short_form_in(word, text, corpus) for word in words):
        return True
    from bot.question_analysis import years_named

    years = years_named(view.normalized)
    titled = any(len(title := normalize(bare_title(chunk.title))) >= 2 and title in view.normalized for chunk in chunks)
    return bool(years) and years <= years_named(text) and titled


def _names_asked_post(question: str, chunks: Sequence[Chunk]) -> bool:
    from bot.question_analysis import names_asked_post

    return names_asked_post("".join(c.text for c in chunks), question)


def _frames(chunks: Sequence[Chunk], corpus: Corpus) -> tuple[str, str]:
    """What dates a quote naming no year: the sentence opening its paragraph, when the quote comes later in it and
    that sentence names a year (a narrative's "2021年7月，…遭遇特大暴雨。" dates the figures after it), "" else; and
    its headings and title."""
    from bot.question_analysis import dated_opening

    if not chunks:
        return "", ""
    first = chunks[0]
    sentences = corpus.paragraph(first.doc_id, first.paragraph)
    text = "".join(c.text for c in chunks)
    opening = dated_opening(sentences[0].text, text) if first.sentence > 1 and sentences else ""
    if not opening and (start := _clause_opening(first, corpus)) is not None:
        opening = dated_opening(start.text, text)
    if not opening and (lead := _section_lead(first, corpus)) is not None:
        opening = dated_opening(lead, text)
    return opening, f"{first.section} {first.title}"


def _clause_opening(chunk: Chunk, corpus: Corpus) -> Chunk | None:
    """The clause opening the sentence a clause is part of (split at ；), when it is another and starts with a year:
    "2023年，研究院完成…；" dates "承担省级计量监督抽查任务1260批次，发现不合格产品42批次；" after it, but "全年重点抓了以下工作：
    对2022年督查发现的问题逐项整改销号；" names a year of something else."""
    start = next(iter(reversed(_clauses_before(chunk, corpus))), chunk)
    return start if start is not chunk and _STARTS_WITH_YEAR.match(start.text) else None


def _runs_on(chunk: Chunk) -> bool:
    """Whether the chunk ends in ；, so the next chunk of its paragraph continues its sentence."""
    return chunk.text.endswith(tuple(SEMICOLONS))


def _best_paragraph_first(chunks: list[Chunk], lead: Chunk) -> list[Chunk]:
    """The quote's sentences of the best one's paragraph first, the others after, each in the text's order: a reader
    takes the first passage for the answer, and "干部家里有困难组织管不管" opened on the third paragraph's 定期组织干部参加
    业务培训, the runner-up, before the fifth's 关心干部的生活…帮助解决实际困难. Not when the paragraphs stand next to
    each other: they read on as one passage (a list's numbered items, a table's rows)."""
    first = [chunk for chunk in chunks if _same_paragraph(chunk, lead)]
    rest = [chunk for chunk in chunks if not _same_paragraph(chunk, lead)]
    if not first or any(chunk.doc_id == lead.doc_id and abs(chunk.paragraph - lead.paragraph) == 1 for chunk in rest):
        return chunks
    return [*first, *rest]


def _with_sentence_rest(chunks: list[Chunk], question: str, corpus: Corpus) -> list[Chunk]:
    """The quote with the rest of the sentence each of its clauses ending in ； begins, right after it, as far as
    MAX_QUOTE_CHARS goes: a quote ending "该区位于塞纳河的右岸，西部与第一区接邻；" stops halfway through saying where the
    district lies. Not from nor into a point of its paragraph's list (一是…；二是…；), each a sentence of its own; nor for a figure
    or a time asked, which the clause says: a report's next clause is another figure (…抽查1036批次；全市未发生…); nor
    into a clause that does not go on with it (_goes_on)."""
    from bot.question_analysis import NUMBER, TIME, analyse, person_names

    if not any(_runs_on(chunk) for chunk in chunks) or analyse(question).answer_type in (NUMBER, TIME):
        return chunks
    named = person_names(question)
    length = sum(len(chunk.text) for chunk in chunks)
    quoted = {chunk.id for chunk in chunks}
    extended: list[Chunk] = []
    for chunk in chunks:
        extended.append(chunk)
        if not _runs_on(chunk):
            continue
        points = _point_sentences(chunk, corpus)
        if chunk.sentence in points:
            continue
        for clause in _clauses_after(chunk, corpus):
            if clause.id in quoted or clause.sentence in points or length + len(clause.text) > MAX_QUOTE_CHARS or not _goes_on(clause, named, corpus):
                break
            extended.append(clause)
            quoted.add(clause.id)
            length += len(clause.text)
    return extended


def _goes_on(clause: Chunk, named: Sequence[str], corpus: Corpus) -> bool:
    """Whether a clause after one ending in ； goes on with what that one says: not a numbered case of a list (（一）…；
    （二）…；), which ingest.structure reads no point; not text never quoted; and for a question naming someone, not a
    clause about another person ("孙晓燕的电话": 孙晓燕，电话：…；吴芳，电话：…)."""
    if numbered_heading(clause.text) is not None or not quotable(clause, corpus):
        return False
    return not (named and _names_another(clause, named, corpus))


def _point_sentences(chunk: Chunk, corpus: Corpus) -> set[int]:
    """The sentences of the chunk's paragraph that ingest.structure reads as points of a list."""
    paragraph = next((p for p in corpus.structure(chunk.doc_id).paragraphs if p.number == chunk.paragraph), None)
    return {point.sentence for point in paragraph.points} if paragraph is not None else set()


def _clauses_after(chunk: Chunk, corpus: Corpus) -> Iterator[Chunk]:
    """The chunks of the chunk's sentence after it, nearest first, each while the one before ends in ；: a sentence split
    at ；. Lazy: a reader stops where it must."""
    at = corpus.neighbour(chunk, 1) if _runs_on(chunk) else None
    while at is not None:
        yield at
        at = corpus.neighbour(at, 1) if _runs_on(at) else None


def _clauses_before(chunk: Chunk, corpus: Corpus) -> list[Chunk]:
    """The chunks of the chunk's sentence before it, nearest first: a sentence split at ；."""
    before: list[Chunk] = []
    while (previous := corpus.neighbour(before[-1] if before else chunk, -1)) is not None and _runs_on(previous):
        before.append(previous)
    return before


def _section_lead(chunk: Chunk, corpus: Corpus) -> str | None:
    """The sentence opening the first paragraph of the chunk's section, when it opens with a year and is not the
    chunk's own paragraph: a speech's "一、回顾过去一年…" then "2024年，面对…" dates the figures of the points after it."""
    if not chunk.section:
        return None
    lead = None
    number = chunk.paragraph - 1
    while number >= 1 and (sentences := corpus.paragraph(chunk.doc_id, number)) and sentences[0].section == chunk.section:
        if not is_section_heading(sentences[0]):
            lead = sentences[0].text
        number -= 1
    return lead if lead is not None and _OPENS_WITH_YEAR.match(lead) else None


_STARTS_WITH_YEAR = re.compile(rf"^\s*(?:\d{{4}}|[{CN_DIGITS}]{{4}})年")  # 2023年全市…；, 2023年，…；
_OPENS_WITH_YEAR = re.compile(_STARTS_WITH_YEAR.pattern + r"(?:以来|来|上半年|下半年|全年)?[，,]")  # 2024年，面对…
_TITLE_YEAR = re.compile(_STARTS_WITH_YEAR.pattern + "度?")  # 《2024年质量月活动安排》 is the year's 质量月活动安排


def _with_cause(chunks: list[Chunk], question: str, corpus: Corpus) -> list[Chunk]:
    """The quote with the sentence before it that says why or names what it points back at (_cause_before), if any."""
    cause = _cause_before(chunks, question, corpus)
    return chunks if cause is None else [cause, *chunks][:2]


_POINTERS = ("这一", "这个", "这些", "该", "此")  # words pointing back at what was named before
_CONCLUDING = re.compile(r"更应|更要|更需|必须|尤其要|尤为重要|至关重要")  # a point drawn from what was said before it


def _cause_before(chunks: Sequence[Chunk], question: str, corpus: Corpus) -> Chunk | None:
    """For a why question quoted by a sentence that opens with 因此 (so…), the sentence before it, which
    says why; for a question quoted by a sentence pointing back at what it asks ("主题是啥" by "…围绕这一主题…"),
    the sentence before it naming that. The quote keeps it and the first chosen sentence."""
    from bot.question_analysis import NUMBER, REASON, TIME, analyse, tagged_as_noun

    first = chunks[0]
    analysis = analyse(question)
    pointed = [
        w for w in analysis.focus
        if analysis.answer_type not in (NUMBER, TIME) and len(w) >= 2 and any(pointer + w in first.text for pointer in _POINTERS)
    ]  # not "行动罚没款多少" of "该行动…罚没款186万元": the figure is in the sentence, and two would be cut
    concluded = analysis.answer_type == REASON and _CONCLUDING.search(first.text) is not None
    if not pointed and not concluded and (not opens_with_consequence(first.text) or analysis.answer_type != REASON):
        return None
    before = corpus.neighbour(first, -1)
    if before is None or any(c.id == before.id for c in chunks) or not quotable(before, corpus):
        return None
    if pointed and (not all(w in before.text for w in pointed) or len(before.text) + len(first.text) > MAX_QUOTE_CHARS):
        return None
    if concluded and not pointed and not opens_with_consequence(first.text):
        # "质监部门…更应高度重视作风建设": the claim before it in its paragraph says why (作风问题关系人心向背…), when it
        # speaks of the point asked and tells nothing to do itself
        topic = [w for w in analysis.focus if len(w) >= 2 and w in first.text]
        things = [w for w in topic if tagged_as_noun(w)] or topic  # 作风 of 重视作风建设, not the verb 重视
        if before.paragraph != first.paragraph or is_directive(before.text) or not any(w in before.text for w in things):
            return None
        if len(before.text) + len(first.text) > MAX_QUOTE_CHARS:
            return None
    return before


def _better_covered_neighbour(chunk: Chunk, row: np.ndarray, corpus: Corpus) -> Chunk | None:
    """The sentence before or after `chunk` that holds more of the question's words than it does, if
    it fits the quote and may be quoted."""
    from bot.answer_features import INDEX

    coverage, step = max((row[INDEX["previous_coverage"]], -1), (row[INDEX["next_coverage"]], 1))
    if coverage <= row[INDEX["coverage_direct"]]:
        return None
    other = corpus.neighbour(chunk, step)
    if other is None or len(chunk.text) + len(other.text) > MAX_QUOTE_CHARS or not quotable(other, corpus):
        return None
    return other


def quotable(chunk: Chunk, corpus: Corpus) -> bool:
    """Headings answer nothing (a paragraph's title sentence, or a section heading standing as its own
    paragraph, a handout's question line), nor does a closing formula (特此报告。); instruction-like text must
    never be quoted or shown to an LLM."""
    return (
        not corpus.is_heading(chunk)
        and (not is_section_heading(chunk) or heads_nothing(chunk, corpus))
        and not is_question_line(chunk.text)
        and CLOSING_FORMULA.match(strip_indent(chunk.text)) is None
        and not corpus.is_instruction_like(chunk)
    )


def heads_nothing(chunk: Chunk, corpus: Corpus) -> bool:
    """A line read as a section heading with no paragraph under it ("5. 陈雅琴（女），市计量测试研究院高级工程师" between
    the 4. and 6. of a 表彰决定's named cadres): an item of a list, which says what it says, not a heading. Not an
    exam's task ("26．简述…程序。（20分）"), whose answer stands elsewhere."""
    if is_question_line("".join(c.text for c in corpus.paragraph(chunk.doc_id, chunk.paragraph))):
        return False
    following = corpus.paragraph(chunk.doc_id, chunk.paragraph + 1)
    return not following or not (following[0].section == chunk.section or following[0].section.startswith(chunk.section + SECTION_SEPARATOR))


def with_section_content(candidates: list[SearchHit], corpus: Corpus) -> list[SearchHit]:
    """The candidates plus, after each section heading found, the opening sentences of its section, so
    that a question naming a section ("工作纪律是什么？") is answered from what the section says."""
    if not any(is_section_heading(hit.chunk) for hit in candidates):
        return candidates
    seen = {hit.chunk.id for hit in candidates}
    expanded: list[SearchHit] = []
    for hit in candidates:
        expanded.append(hit)
        if not is_section_heading(hit.chunk):
            continue
        for chunk in _section_opening(hit.chunk, corpus):
            if chunk.id not in seen:
                seen.add(chunk.id)
                expanded.append(SearchHit(chunk=chunk, score=hit.score))
    return expanded


def _section_opening(heading: Chunk, corpus: Corpus) -> list[Chunk]:
    """The sentences of the first paragraphs under a section heading, at most SECTION_SENTENCES."""
    found: list[Chunk] = []
    paragraph = heading.paragraph + 1
    while len(found) < SECTION_SENTENCES:
        sentences = corpus.paragraph(heading.doc_id, paragraph)
        if not sentences or not sentences[0].section.startswith(heading.section):
            break
        found.extend(sentences[: SECTION_SENTENCES - len(found)])
        paragraph += 1
    return found


def is_section_heading(chunk: Chunk) -> bool:
    """A line such as '四、工作纪律' that names the section it opens: it names a topic, it says nothing about it. A
    handout's question line (2. 问：…？) heads its answer however long it is (its section's label is shortened)."""
    text = chunk.text.rstrip()
    if not chunk.section or text.endswith(tuple(SEMICOLONS)):
        return False  # "3.江州高新区市场监督管理分局10名；": an item of a list the text goes on with, no heading
    said = heading_topic(strip_indent(text))
    if text.endswith(("。", "！", "？")) and ("，" in said or _FIGURE.search(said)):
        return False  # "4. 主持召开局长办公会议，原则上每月召开1次。", "6.4 评价结果有效期为2年。": an item says something
    return strip_sentence_end(chunk.text).strip() == _own_heading(chunk).strip() or (
        chunk.sentence == 1 and is_question_line(chunk.text)
    )


def _own_heading(chunk: Chunk) -> str:
    """The label of the innermost section a sentence stands in ("四、质量发展股股长" of "… > 四、质量发展股股长")."""
    return chunk.section.rsplit(SECTION_SEPARATOR, 1)[-1]


def refusal(question: str, confidence: float = 0.0, injection: bool = False, related: Sequence[Chunk] = ()) -> Answer:
    """A plain refusal: the materials don't cover the question, or it asks to ignore them. With `related`
    (closest first), the materials are on topic but do not answer: up to MAX_RELATED of those passages,
    one a paragraph, are offered as related reading."""
    reading = _related_reading(related)
    text = INJECTION_TEXT if injection else RELATED_REFUSAL_TEXT if reading else REFUSAL_TEXT
    return Answer(question=question, quote=text, refused=True, confidence=confidence, injection=injection, related=reading)


def _related_reading(chunks: Sequence[Chunk]) -> tuple[Source, ...]:
    chosen: dict[tuple[str, int], Chunk] = {}
    for chunk in chunks:
        if len(chosen) == MAX_RELATED:
            break
        chosen.setdefault((chunk.doc_id, chunk.paragraph), chunk)
    return tuple(Source.of(chunk, 0.0) for chunk in chosen.values())


_FIGURE = re.compile(r"\d")


def _presence(word: str, text: str) -> float:
    """1 when the word occurs (a count written in figures or in characters alike: 三支, 3支); partial credit
    for long words whose pieces occur."""
    if word in text:
        return 1.0
    counted = arabic_counts(word)
    if (counted != word or _FIGURE.search(word)) and len(counted) > 1:  # a bare figure ("3") matches too much
        if re.search(rf"(?<![0-9]){re.escape(counted)}", arabic_counts(text)):  # 3年, not the 3年 of 2023年
            return 1.0
    if len(word) < 3:
        return 0.0
    pieces = [word[i : i + 2] for i in range(len(word) - 1)]
    return 0.5 * sum(1 for p in pieces if p in text) / len(pieces)


def _context_credit(word: str, context: str, terms: QuestionTerms, chunk: Chunk, corpus: Corpus) -> float:
    """Credit for a word the sentence lacks but its paragraph holds. The word the asked-for thing attaches
    to ("要反对什么") counts only from the heading the sentence stands under: the answer stands beside that
    word, so a sentence without it cannot hold the answer unless its heading states it for the paragraph."""
    if word != terms.slot:
        return CONTEXT_WEIGHT * _presence(word, context)
    heading = normalize(chunk.section + corpus.heading_of(chunk.doc_id, chunk.paragraph))
    return CONTEXT_WEIGHT * _presence(word, heading)


def _abbreviation(word: str, sentence: str, absent: bool) -> float:
    """Partial credit for a word no sentence of the materials uses when the sentence holds all its
    characters in order within a short phrase: Chinese shortens a phrase to a character of each word
    (减负 for 减轻基层负担), so these characters are the only evidence such a word can have. A word the
    materials use is matched whole or not at all."""
    if not absent or len(word) < 2:
        return 0.0
    longest = ABBREVIATED_PHRASE_CHARS * len(word)
    start = sentence.find(word[0])
    while start >= 0:
        at = start
        for char in word[1:]:
            at = sentence.find(char, at + 1, start + longest)
            if at < 0:
                break
        else:
            return ABBREVIATION_WEIGHT
        start = sentence.find(word[0], start + 1)
    return 0.0


def _with_listed_items(chunks: Sequence[Chunk], question: str, corpus: Corpus) -> list[Chunk]:
    """For a question asking which ones ("质量奖在哪些情况下会被撤销"), a quote holding a lead-in and its first item
    ("…收回奖金和证书：（一）以欺骗…的；", "…可实现以下目标：一是…；") with the items after it in its paragraph
    ("（二）…；（三）…。", "二是…；三是…", or a sentence's next clauses to its end), up to LISTED_ITEMS; else nothing. A
    regulation's article sets out its cases in one paragraph, split at each ；."""
    from bot.question_analysis import LIST, analyse

    if not chunks or analyse(question).answer_type != LIST:
        return []
    items = _from_lead_in(chunks, corpus)
    lead = next((c for c in items if _lead_in_or_item(c)), None)
    if lead is None or not _same_paragraph(items[-1], lead):
        return []
    at = items.index(lead)
    if at + 1 < len(items):  # the cases between the lead-in and a later one quoted, the list running on to it: none left out
        items[at + 1 : at + 1] = _running_on(items[at], items[at + 1], corpus)
    while len(items) - len(chunks) < LISTED_ITEMS and (after := corpus.neighbour(items[-1], 1)) is not None:
        if numbered_heading(after.text) is None and _NEXT_POINT.match(after.text) is None and not _runs_on(items[-1]):
            break
        items.append(after)
    return items if len(items) > len(chunks) else []


_HOW_TO_DO = re.compile(rf"(?:怎样|如何|怎么|咋)(?![样的么呢啊呀吗吧])[{CJK}]")  # how to do something (怎样为干部提供…), not 要怎样


def _with_points_after(chunks: Sequence[Chunk], question: str, corpus: Corpus) -> list[Chunk]:
    """For a how question quoted by one sentence the points of its paragraph follow, the quote with those points, up to
    LISTED_ITEMS: "各级质监部门怎样为干部提供展示才华的机会" is quoted by "为此，各级质监部门应积极搭建平台，为干部提供
    展示才华的机会…", which says what is to be done; its 一方面…；另一方面…；此外… say how. Not for "竞争环境要怎样", which asks
what it is to be like, nor from a sentence within the points or before a later one."""
    from bot.question_analysis import METHOD, analyse

    if len(chunks) != 1 or analyse(question).answer_type != METHOD or not _HOW_TO_DO.search(question):
        return []
    chunk = chunks[0]
    points = {point.sentence for point in corpus.structure(chunk.doc_id).paragraphs[chunk.paragraph - 1].points}
    if not points or min(points) != chunk.sentence + 1:
        return []
    items = [chunk]
    while len(items) <= LISTED_ITEMS and (after := corpus.neighbour(items[-1], 1)) is not None and after.sentence in points:
        items.append(after)
    return items


def _with_introduced_paragraphs(chunks: Sequence[Chunk], question: str, corpus: Corpus) -> list[Chunk]:
    """A quote with a sentence that closes its paragraph with a colon ("具体分配如下：", "查处时应重点做好以下几点："),
    with the paragraphs that colon introduces after it, up to LISTED_ITEMS: the lead-in alone answers nothing. Not
    when it holds what a when, how-many or who question asks (请各单位于3月底前…报送：). The items follow it in its
    section or under it and read as one list: numbered alike when the first is (the text under a numbered item, a
    level below it, passed over: 1.现场处置组 over 组长：王明。), each but the last ending in ； when the first does,
    else one sentence each with a mark in it (not an issuer's name or a date). A line the document ends with
    (联系人：…, 特此通知。) or instruction-like text, never quoted, ends the list. Else nothing."""
    from bot.question_analysis import TYPED, analyse

    last = next((c for c in chunks if ends_with_colon(c.text) and corpus.neighbour(c, 1) is None), None)
    if last is None:
        return []
    if analyse(question).answer_type in TYPED and not _lacks_asked_item(question, [last], corpus):
        return []
    items: list[list[Chunk]] = []
    style, item_section = "", ""
    for number in range(last.paragraph + 1, corpus.paragraph_count(last.doc_id) + 1):
        paragraph = corpus.paragraph(last.doc_id, number)
        if len(items) == LISTED_ITEMS or not paragraph or not _in_section(paragraph[0].section, last.section):
            break
        heading = numbered_heading(paragraph[0].text)
        if heading is None and style not in ("", "semicolon", "plain") and _in_section(paragraph[0].section, item_section):
            continue  # what the numbered item says under it
        if not items:
            style = heading.style if heading is not None else "semicolon" if _runs_on(paragraph[-1]) else "plain"
        elif style == "semicolon" and not _runs_on(items[-1][-1]):
            break  # the item ending in 。 closed the list
        if heading is not None and heading.style != style or heading is None and style not in ("semicolon", "plain"):
            break
        if style == "plain" and (len(paragraph) > 1 or not any(mark in paragraph[0].text for mark in CLAUSE_MARKS + STOPS)):
            break
        if is_back_line(paragraph[0].text) or CLOSING_FORMULA.match(strip_indent(paragraph[0].text)) or any(map(corpus.is_instruction_like, paragraph)):
            break
        items.append(paragraph)
        item_section = paragraph[0].section
    if not items:
        return []
    introduced = [chunk for item in items for chunk in item]
    at = chunks.index(last) + 1
    return [*chunks[:at], *introduced, *(c for c in chunks[at:] if c not in introduced)]


def _in_section(section: str, within: str) -> bool:
    return section == within or section.startswith(within + SECTION_SEPARATOR)


def _running_on(first: Chunk, later: Chunk, corpus: Corpus) -> list[Chunk]:
    """The chunks between two of a paragraph when each from `first` on ends with ；, so the later one is a case of the
    same list ("…不得报名：…的；…的；…的；…其他情形。"); none when the list ends before it."""
    between: list[Chunk] = []
    for after in _clauses_after(first, corpus):
        if not _same_paragraph(after, later):
            return []
        if after.sentence >= later.sentence:
            return between if len(between) <= LISTED_ITEMS else []
        between.append(after)
    return []


def _lead_in_or_item(chunk: Chunk) -> bool:
    return _LEAD_IN_ITEM.search(chunk.text) is not None or _LEAD_IN_CLAUSE.search(chunk.text) is not None


def _from_lead_in(chunks: Sequence[Chunk], corpus: Corpus) -> list[Chunk]:
    """The quote with the lead-in its first chunk continues, when that is a later case of a list split at ；
    ("法律法规规定不得报名的其他情形。" after "有下列情形之一的，不得报名：…的；…的；"), no more than LISTED_ITEMS back;
    else the quote as it is."""
    if _lead_in_or_item(chunks[0]):
        return list(chunks)
    back = _clauses_before(chunks[0], corpus)[:LISTED_ITEMS]
    lead = next((n for n, chunk in enumerate(back) if _lead_in_or_item(chunk)), None)
    if lead is not None:
        return [*reversed(back[: lead + 1]), *chunks]
    return [*reversed(back), *chunks] if len(back) == LISTED_ITEMS else list(chunks)  # walked back as far as allowed


def _adjacent(a: Chunk, b: Chunk) -> bool:
    return _same_paragraph(a, b) and abs(a.sentence - b.sentence) == 1


def _same_paragraph(a: Chunk, b: Chunk) -> bool:
    return (a.doc_id, a.paragraph) == (b.doc_id, b.paragraph)


def _joined(chunks: Sequence[Chunk], texts: Sequence[str]) -> str:
    """The quote's sentences run on within a paragraph, with …… where sentences between are left out (a verbatim
    quote shows its gaps: "…不得报名：受到处分期间…的；法律法规规定…情形。" read as the whole list), and a line apart
    across paragraphs: a table's row has no closing mark to part it from the next paragraph ("籍贯 | 江苏盐城根据市委组织部…")."""
    quote = texts[0] if texts else ""
    for before, chunk, text in zip(chunks, chunks[1:], texts[1:]):
        gap = "" if _adjacent(before, chunk) else "……" if _same_paragraph(before, chunk) else "\n"
        if gap == "……" and (quote.endswith(gap) or text.startswith(gap)):  # a trimmed sentence shows it already
            gap = ""
        quote += gap + text
    return quote


def _fit(sentences: list[str], terms: QuestionTerms, limit: int = MAX_QUOTE_CHARS, titles: Sequence[str] = ()) -> list[str]:
    """Keep quotes within the length budget by trimming long sentences to the clauses that matter; `titles`, the
    sentences' documents' titles, one a sentence (none: no title)."""
    if sum(len(s) for s in sentences) <= limit:
        return sentences
    budget = limit // len(sentences)
    return [s if len(s) <= budget else _trim(s, terms, budget, normalize(title)) for s, title in zip_longest(sentences, titles, fillvalue="")]


def _trim(sentence: str, terms: QuestionTerms, budget: int, title: str = "") -> str:
    """The run of clauses within the budget that holds most of the question's words (each counted once, a longer word
    weighing more, a word of the document's `title` nothing: every sentence of it is about that), then the clauses
    beside it as far as the budget goes, the one after first, with ……: the answer stands beside the question's words,
    after them (列席：袁立新（办公室主任），… after 列席) or before them (于2003年建成，与升悦居、泓景台和宇晴轩同时兴建，
    并合称「西九四小龙」, a long sentence opening on its subject)."""
    clauses: list[str] = []
    start = 0
    for match in _CLAUSE_END.finditer(sentence):
        clauses.append(sentence[start : match.end()])
        start = match.end()
    if start < len(sentence):
        clauses.append(sentence[start:])
    norm = [normalize(c) for c in clauses]
    held = [{w for w in terms.words if w in c} for c in norm]
    first, last, best = 0, 0, (-1, 0)
    for i in range(len(clauses)):
        words: set[str] = set()
        length = 0
        for j in range(i, len(clauses)):
            length += len(clauses[j])
            if j > i and length > budget:
                break
            words |= held[j]
            score = (sum(len(w) for w in words if w not in title), -(j - i))  # most of the question in the fewest clauses
            if score > best:
                first, last, best = i, j, score
    length = sum(len(c) for c in clauses[first : last + 1])
    grew = True
    while grew:
        grew = False
        for at in (last + 1, first - 1):  # the clause after first, then the one before
            if 0 <= at < len(clauses) and length + len(clauses[at]) <= budget:
                first, last, length, grew = min(first, at), max(last, at), length + len(clauses[at]), True
    quote = "".join(clauses[first : last + 1])
    if len(quote) > budget:
        quote = quote[:budget]
    prefix = "……" if first > 0 else ""
    suffix = "……" if last < len(clauses) - 1 or len(quote) < len("".join(clauses[first : last + 1])) else ""
    return prefix + quote.rstrip(CLAUSE_MARKS) + suffix
