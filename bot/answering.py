"""Grounded extractive answers: quote the sentences that answer, cite them, or refuse plainly.

The quote is always a verbatim span of the source. Confidence is how much of the question's
content (weighted by rarity) the chosen sentence and its paragraph cover, blended with the dense
similarity when an embedding model is loaded; below the calibrated threshold the answer is a refusal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from bot.corpus import Corpus
from bot.questions import ANSWER_TYPES, QUANTITY, QuestionTerms
from bot.search_hit import SearchHit
from ingest.chunks import Chunk
from ingest.sections import SEPARATOR as SECTION_SEPARATOR
from ingest.textnorm import normalize
from ingest.zh_text import CLAUSE_MARKS, strip_sentence_end

MAX_QUOTE_CHARS = 150
CONTEXT_WEIGHT = 0.5
DENSE_WEIGHT = 0.35
SECOND_SENTENCE_RATIO = 0.8
ANSWER_TYPE_WEIGHT = 1.0
QUANTITY_MISSING_FACTOR = 0.5
ABBREVIATION_WEIGHT = 0.5  # what a word absent from the materials gets for its characters in order (see _abbreviation)
ABBREVIATED_PHRASE_CHARS = 4  # an abbreviation's characters come from a phrase at most this many times its length
SECTION_SENTENCES = 6  # sentences of a section that stand in for its heading as candidates

_CLAUSE_END = re.compile(rf"[{re.escape(CLAUSE_MARKS)}]")

REFUSAL_TEXT = "抱歉，学习资料中没有找到能回答这个问题的内容，我不能凭空作答。"
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
    note: str = ""  # what the answer assumed, e.g. 按「主题」理解「主提」 (a typo read as the materials' word)
    hint: str = ""  # for a refusal: how to ask so that the materials can answer
    topics: tuple[str, ...] = ()  # for a refusal: headings or titles of the passages nearest to the question

    @property
    def text(self) -> str:
        """The answer as plain text: the quote, then 出处 on its own line (a refusal is its message alone);
        an assumed reading of the question comes first, in brackets."""
        body = f"{self.quote}\n{self.citation}" if self.citation else self.quote
        return f"（{self.note}）\n{body}" if self.note else body

    def to_json(self) -> dict:
        """The shape `ask --json` prints (see ARCHITECTURE.md)."""
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
        """Keys present only when they say something: the assumed reading, a refusal's hint and topics."""
        extras: dict = {}
        if self.note:
            extras["note"] = self.note
        if self.hint:
            extras["hint"] = self.hint
            extras["topics"] = list(self.topics)
        return extras


@dataclass(frozen=True)
class _Scored:
    chunk: Chunk
    confidence: float
    covered: frozenset[str]


def citation(sources: Sequence[Source]) -> str:
    """出处《标题》第N段, grouping paragraphs of one document; a numbered section follows in brackets."""
    by_title: dict[str, dict[int, str]] = {}
    for source in sources:
        by_title.setdefault(source.title, {}).setdefault(source.paragraph, source.section)
    parts = [
        f"《{title}》" + "、".join(f"第{p}段" + (f"（{ps[p]}）" if ps[p] else "") for p in sorted(ps))
        for title, ps in by_title.items()
    ]
    return "出处" + "；".join(parts)


class ExtractiveAnswerer:
    def __init__(self, min_confidence: float, similarity_range: tuple[float, float] | None = None) -> None:
        self.min_confidence = min_confidence
        self._similarity_range = similarity_range

    def answer(self, question: str, terms: QuestionTerms, candidates: list[SearchHit], corpus: Corpus) -> Answer:
        candidates = with_section_content(candidates, corpus)
        scored = [self._score(hit, terms, corpus) for hit in candidates if quotable(hit.chunk, corpus)]
        if not scored or not (terms.words or terms.position):
            return refusal(question)
        scored.sort(key=lambda s: -s.confidence)
        best = scored[0]
        if best.confidence < self.min_confidence:
            return refusal(question, best.confidence)
        chosen = [best]
        second = self._complement(best, scored[1:], corpus)
        if second is not None:
            chosen.append(second)
        chosen.sort(key=lambda s: s.chunk.position)
        quotes = _fit([s.chunk.text for s in chosen], terms)
        sources = tuple(Source.of(s.chunk, s.confidence) for s in chosen)
        return Answer(
            question=question,
            quote="".join(quotes),
            refused=False,
            citation=citation(sources),
            sources=sources,
            confidence=best.confidence,
        )

    def _score(self, hit: SearchHit, terms: QuestionTerms, corpus: Corpus) -> _Scored:
        chunk = hit.chunk
        sentence = normalize(chunk.text)
        context = normalize(chunk.section + corpus.paragraph_text(chunk.doc_id, chunk.paragraph))
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
            direct = _presence(word, sentence) or _abbreviation(word, sentence, weight >= corpus.max_idf)
            total += weight
            covered_weight += weight * max(direct, _context_credit(word, context, terms, chunk, corpus))
            if direct >= 1.0:
                covered.add(word)
        coverage = gate * covered_weight / total if total else 0.0
        dense = hit.dense
        if dense is not None and self._similarity_range is not None:
            low, high = self._similarity_range
            dense_score = min(1.0, max(0.0, (dense - low) / (high - low)))
            confidence = (1 - DENSE_WEIGHT) * coverage + DENSE_WEIGHT * dense_score
        else:
            confidence = coverage
        return _Scored(chunk, confidence, frozenset(covered))

    @staticmethod
    def _complement(best: _Scored, rest: list[_Scored], corpus: Corpus) -> _Scored | None:
        """A second sentence when it adds words the first lacks, or when the first is a bare lead-in."""
        best_len = len(best.chunk.text)
        for other in rest:
            if other.confidence < SECOND_SENTENCE_RATIO * best.confidence:
                break
            if best_len + len(other.chunk.text) > MAX_QUOTE_CHARS:
                continue
            if other.covered - best.covered or _adjacent(best.chunk, other.chunk):
                return other
        if best_len < 25:
            following = _next_sentence(best.chunk, corpus)
            fits = following is not None and best_len + len(following.text) <= MAX_QUOTE_CHARS
            if fits and not corpus.is_instruction_like(following):
                return _Scored(following, best.confidence, frozenset())
        return None


def quotable(chunk: Chunk, corpus: Corpus) -> bool:
    """Paragraph and section headings answer nothing; instruction-like text must never be quoted or shown to an LLM."""
    return not corpus.is_heading(chunk) and not is_section_heading(chunk, corpus) and not corpus.is_instruction_like(chunk)


def is_section_heading(chunk: Chunk, corpus: Corpus) -> bool:
    """A paragraph that is nothing but its section's heading ("四、工作纪律"): it names a section, answers nothing."""
    if not chunk.section or len(corpus.paragraph(chunk.doc_id, chunk.paragraph)) != 1:
        return False
    return strip_sentence_end(chunk.text).strip() == chunk.section.split(SECTION_SEPARATOR)[-1]


def with_section_content(candidates: list[SearchHit], corpus: Corpus) -> list[SearchHit]:
    """The candidates plus, after each section heading found, the opening sentences of its section, so
    that a question naming a section ("工作纪律是什么？") is answered from what the section says."""
    if not any(is_section_heading(hit.chunk, corpus) for hit in candidates):
        return candidates
    seen = {hit.chunk.id for hit in candidates}
    expanded: list[SearchHit] = []
    for hit in candidates:
        expanded.append(hit)
        if not is_section_heading(hit.chunk, corpus):
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


def refusal(question: str, confidence: float = 0.0, injection: bool = False) -> Answer:
    """A plain refusal: the materials don't cover the question, or it asks to ignore them."""
    text = INJECTION_TEXT if injection else REFUSAL_TEXT
    return Answer(question=question, quote=text, refused=True, confidence=confidence, injection=injection)


def _presence(word: str, text: str) -> float:
    """1 when the word occurs; partial credit for long words whose pieces occur."""
    if word in text:
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


def _adjacent(a: Chunk, b: Chunk) -> bool:
    return a.doc_id == b.doc_id and a.paragraph == b.paragraph and abs(a.sentence - b.sentence) == 1


def _next_sentence(chunk: Chunk, corpus: Corpus) -> Chunk | None:
    sentences = corpus.paragraph(chunk.doc_id, chunk.paragraph)
    return sentences[chunk.sentence] if chunk.sentence < len(sentences) else None


def _fit(sentences: list[str], terms: QuestionTerms) -> list[str]:
    """Keep quotes within the length budget by trimming long sentences to the clauses that matter."""
    if sum(len(s) for s in sentences) <= MAX_QUOTE_CHARS:
        return sentences
    budget = MAX_QUOTE_CHARS // len(sentences)
    return [s if len(s) <= budget else _trim(s, terms, budget) for s in sentences]


def _trim(sentence: str, terms: QuestionTerms, budget: int) -> str:
    """The clauses from the first to the one after the last that mention the question, with ……"""
    clauses: list[str] = []
    start = 0
    for match in _CLAUSE_END.finditer(sentence):
        clauses.append(sentence[start : match.end()])
        start = match.end()
    if start < len(sentence):
        clauses.append(sentence[start:])
    norm = [normalize(c) for c in clauses]
    hits = [i for i, c in enumerate(norm) if any(w in c for w in terms.words)] or [0]
    first, last = hits[0], min(len(clauses) - 1, hits[-1] + 1)
    while last > first and sum(len(c) for c in clauses[first : last + 1]) > budget:
        last -= 1
    quote = "".join(clauses[first : last + 1])
    if len(quote) > budget:
        quote = quote[:budget]
    prefix = "……" if first > 0 else ""
    suffix = "……" if last < len(clauses) - 1 or len(quote) < len("".join(clauses[first : last + 1])) else ""
    return prefix + quote.rstrip(CLAUSE_MARKS) + suffix
