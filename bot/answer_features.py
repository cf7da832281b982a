"""What the answer model sees: numbers describing each candidate quote and the question as a whole.

A candidate is one quotable sentence among the search hits, or that sentence with the next one of its
paragraph (CMRC's gold spans cross a sentence end about once in sixty questions). Its features are
what retrieval said about it (BM25, dense similarity, their ranks, the fused score), how much of the
question it covers (`bot.answering.lexical_coverage`, the same figure the hand-tuned answerer used,
plus the question's character bigrams and focus terms), whether it holds the asked-for answer type
(`bot.question_analysis.has_type`), where it stands in its paragraph and document, and its length; and, read
by the ranker only (bot.answer_model: the selection model and refusal classifier were fitted before they were
added), whether it says the words beside the question's interrogative, how close the asked type stands to them,
how many things of that type it names, how much of the question it holds in the question's order, and how many of
the focus terms and asked verb its document's title lacks it holds.
The question's features summarise the best candidate against the rest, for the refusal classifier.
Everything here is string tests and arithmetic over at most a few dozen candidates: cheap per question.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import LCSseq

from bot.answering import lexical_coverage, quotable, short_form_in
from bot.corpus import Corpus
from bot.question_analysis import TYPED, QuestionAnalysis, analyse, tagged_apart, tagged_names, type_by_pattern, type_spans, unglued
from bot.questions import QuestionTerms
from bot.search_hit import SearchHit
from ingest.chunks import Chunk
from ingest.textnorm import bigrams, interrogative_sides, longest_shared_run, normalize, strip_question_words
from ingest.zh_text import written_apart

CANDIDATE_FEATURES = (
    "coverage",  # lexical_coverage with paragraph credit, as the hand-tuned answerer scored
    "coverage_direct",  # the same, words in the candidate itself only
    "coverage_gap",  # coverage_direct less the best coverage_direct among candidates
    "focus_share",  # share of the question's focus terms in the candidate
    "bigram_share",  # share of the question's character bigrams in the candidate
    "bigram_gap",  # bigram_share less the best among candidates
    "trigram_share",  # share of the question's character trigrams in the candidate
    "longest_match",  # the longest piece of the question found verbatim, as a share of the question
    "longest_match_gap",  # longest_match less the best among candidates
    "missing_rarity",  # the rarest content word of the question the candidate lacks (idf / max idf)
    "title_share",  # share of focus terms in the document title
    "typed",  # the question asks for a person, place, organisation, time or number
    "type_found",  # typed, and the candidate holds that type
    "type_missing",  # typed, and the candidate lacks it
    "bm25",  # BM25 relative to the best among candidates
    "bm25_reciprocal_rank",
    "dense",  # similarity placed in the embedding model's known range; NaN (read as the training mean) without one
    "dense_gap",  # dense less the best among candidates
    "dense_reciprocal_rank",
    "fused",  # fused score relative to the best
    "fused_reciprocal_rank",
    "top_document",  # from the document of the best fused hit
    "document_share",  # share of candidates from the same document
    "first_sentence",
    # In a one-paragraph document, as CMRC's contexts are (2 of 1,004 have more): what the model learned of
    # "not the first paragraph" came from two articles, and demoted every sentence of a policy document's first
    # paragraph (the seed essay's holds half its answers), so a document of several paragraphs reads 0 throughout.
    "first_paragraph",
    "relative_position",  # 0 at the paragraph's first sentence, 1 at its last
    "log_length",
    "short",  # under 15 characters
    "pair",  # the sentence with the next one
    "previous_coverage",  # coverage_direct of the sentence before
    "next_coverage",  # coverage_direct of the sentence after
    "left_anchor",  # share of the question's run just before its interrogative found in the candidate (海宁西站 of 海宁西站哪一年启用)
    "right_anchor",  # share of the run just after it (启用)
    "type_near_anchor",  # typed: 1 / (1 + characters between the asked type and those runs / 5); 0 without either
    "type_count",  # typed: log(1 + things of the asked type the candidate names)
    "ordered_share",  # share of the question's characters the candidate holds in the question's order (longest common subsequence)
    # Share of the focus terms and the asked verb (QuestionTerms.slot: 反对 of 作风建设要反对什么, which jieba tags an
    # adverb) that its document's title lacks, held by the candidate (1 when the title holds them all): every sentence
    # of 《盾柱木》 speaks of 盾柱木, so of 盾柱木的羽片有什么特点 only 羽片 tells its sentences apart. 1 too when there are none.
    "untitled_focus_share",
)
QUESTION_FEATURES = (
    "best_score",  # the selection model's logit of the best candidate
    "score_margin",  # its lead over the runner-up
    "best_coverage",
    "best_coverage_direct",
    "best_focus_share",
    "best_bigram_share",
    "best_trigram_share",
    "best_longest_match",
    "best_missing_rarity",
    "paragraph_bigram_share",  # share of the question's bigrams anywhere in the best candidate's paragraph
    "best_dense",
    "best_bm25_raw",  # log(1 + BM25) of the best candidate, absolute
    "max_bm25_raw",
    "max_dense",
    "typed",
    "best_type_found",
    "focus_terms",  # log(1 + number of focus terms)
    "unknown_focus_share",  # share of focus terms no passage holds, nor the best candidate's paragraph as a short form (公车 of 公务用车)
    "paragraph_focus_share",  # share of focus terms found anywhere in the best candidate's paragraph
    "question_length",  # log of the question's length
    # The ranker's view, read by a refusal classifier refitted since it was added (an older one reads the columns
    # above): the ranker's logit of its first candidate, the quote unless the answer checks turn to another, and its
    # lead over the runner-up. A near miss leaves the ranker no candidate it is sure of, where the selection model's
    # view alone let 70% of CMRC's through.
    "ranker_score",
    "ranker_margin",
)
INDEX = {name: i for i, name in enumerate(CANDIDATE_FEATURES)}
SHORT_CHARS = 15
_BREAKS = re.compile(r"[\W_]+")  # punctuation and spaces (question words are already spaces)
NO_RUNNER_UP_MARGIN = 5.0  # score_margin (and ranker_margin, in the ranker's units) when there is a single candidate
NEAR_CHARS = 5.0  # type_near_anchor halves at this many characters between the two; a scale only: trees split it where they learn


@dataclass(frozen=True)
class Candidate:
    """A quote the answer may be: one sentence, or a sentence with the next one; `hit` is the first's."""

    hit: SearchHit
    chunks: tuple[Chunk, ...]
    text: str  # normalised, for matching


@dataclass(frozen=True)
class QuestionView:
    """What is computed once per question: its analysis, bigrams and weighted content words."""

    question: str
    terms: QuestionTerms
    analysis: QuestionAnalysis
    grams: frozenset[str]
    trigrams: frozenset[str]
    pieces: tuple[str, ...]  # the question's runs between punctuation and question words
    length: int  # characters in `pieces`
    focus: tuple[str, ...]  # the analysis's focus terms, normalised
    normalized: str  # the question, normalised: a name it says itself is no answer to it
    sides: tuple[str, str]  # the runs just before and after its interrogative (ingest.textnorm.interrogative_sides)

    @classmethod
    def of(cls, question: str, terms: QuestionTerms) -> QuestionView:
        analysis = analyse(question)
        pieces = tuple(p for p in _BREAKS.split(normalize(strip_question_words(question))) if p)
        grams = frozenset(g for g in bigrams(" ".join(pieces)) if len(g) > 1)
        trigrams = frozenset(p[i : i + 3] for p in pieces for i in range(len(p) - 2))
        focus = tuple(normalize(word) for word in analysis.focus)
        normalized = normalize(question)
        return cls(question, terms, analysis, grams, trigrams, pieces, sum(len(p) for p in pieces), focus, normalized, interrogative_sides(normalized))

    @property
    def typed(self) -> bool:
        return self.analysis.answer_type in TYPED


def candidates(hits: list[SearchHit], corpus: Corpus) -> list[Candidate]:
    """Each quotable hit alone and with its next sentence; a heading or instruction-like text never."""
    found: list[Candidate] = []
    for hit in hits:
        chunk = hit.chunk
        if not quotable(chunk, corpus):
            continue
        found.append(Candidate(hit, (chunk,), corpus.normalized(chunk)))
        following = corpus.neighbour(chunk, 1)
        if following is not None and not corpus.is_instruction_like(following):
            found.append(Candidate(hit, (chunk, following), corpus.normalized(chunk) + corpus.normalized(following)))
    return found


def candidate_features(view: QuestionView, found: list[Candidate], corpus: Corpus, similarity_range: tuple[float, float] | None) -> np.ndarray:
    """One row per candidate, columns as CANDIDATE_FEATURES; a missing dense similarity is NaN."""
    terms, focus = view.terms, view.focus
    slotted = focus if terms.slot is None or terms.slot in focus else (*focus, terms.slot)
    direct = _DirectCoverage(terms, corpus)
    contexts: dict[tuple[str, int], str] = {}
    rows = np.zeros((len(found), len(CANDIDATE_FEATURES)), dtype=np.float64)
    asked = "".join(view.pieces)
    left, right = view.sides
    fused_order = {id(h): r for r, h in enumerate(sorted({id(c.hit): c.hit for c in found}.values(), key=lambda h: -h.score), start=1)}
    top_doc = max(found, key=lambda c: c.hit.score).hit.chunk.doc_id if found else ""
    docs = [c.hit.chunk.doc_id for c in found]
    max_bm25 = max((c.hit.bm25 for c in found), default=0.0) or 1.0
    max_fused = max((c.hit.score for c in found), default=0.0) or 1.0
    for row, cand in zip(rows, found):
        chunk, hit, text = cand.chunks[0], cand.hit, cand.text
        sentences = corpus.paragraph(chunk.doc_id, chunk.paragraph)
        key = (chunk.doc_id, chunk.paragraph)
        context = contexts.get(key)
        if context is None:
            context = contexts[key] = corpus.normalized_paragraph(chunk.doc_id, chunk.paragraph)
        row[INDEX["coverage"]] = lexical_coverage(terms, text, context, chunk, corpus)[0]
        row[INDEX["coverage_direct"]] = direct.of(chunk) if len(cand.chunks) == 1 else direct.text(text, chunk)
        row[INDEX["focus_share"]] = _share(focus, text)
        row[INDEX["bigram_share"]] = _share(view.grams, text)
        row[INDEX["trigram_share"]] = _share(view.trigrams, text)
        row[INDEX["longest_match"]] = longest_shared_run(view.pieces, text) / max(1, view.length)
        row[INDEX["missing_rarity"]] = _missing_rarity(terms, text, corpus)
        title = corpus.normalized_titles.get(chunk.doc_id, "")
        row[INDEX["title_share"]] = _share(focus, title)
        untitled = tuple(word for word in slotted if word not in title)
        row[INDEX["untitled_focus_share"]] = _share(untitled, text) if untitled else 1.0
        if view.typed:
            found_type = _has_type(cand, corpus, view.analysis.answer_type, view.normalized)
            row[INDEX["typed"]] = 1.0
            row[INDEX["type_found"]] = float(found_type)
            row[INDEX["type_missing"]] = float(not found_type)
        row[INDEX["bm25"]] = hit.bm25 / max_bm25
        row[INDEX["bm25_reciprocal_rank"]] = 1.0 / hit.bm25_rank if hit.bm25_rank else 0.0
        trusted = hit.dense is not None and similarity_range is not None
        row[INDEX["dense"]] = _dense(hit.dense, similarity_range) if trusted else np.nan
        row[INDEX["dense_reciprocal_rank"]] = 1.0 / hit.dense_rank if hit.dense_rank else 0.0
        row[INDEX["fused"]] = hit.score / max_fused
        row[INDEX["fused_reciprocal_rank"]] = 1.0 / fused_order[id(hit)]
        row[INDEX["top_document"]] = float(chunk.doc_id == top_doc)
        row[INDEX["document_share"]] = docs.count(chunk.doc_id) / len(docs)
        row[INDEX["first_sentence"]] = float(chunk.sentence == 1)
        row[INDEX["first_paragraph"]] = float(chunk.paragraph == 1 and corpus.paragraph_count(chunk.doc_id) == 1)
        row[INDEX["relative_position"]] = (chunk.sentence - 1) / max(1, len(sentences) - 1)
        row[INDEX["log_length"]] = math.log1p(len(text))
        row[INDEX["short"]] = float(len(text) < SHORT_CHARS)
        row[INDEX["pair"]] = float(len(cand.chunks) > 1)
        previous, following = corpus.neighbour(chunk, -1), corpus.neighbour(cand.chunks[-1], 1)
        row[INDEX["previous_coverage"]] = direct.of(previous) if previous is not None else 0.0
        row[INDEX["next_coverage"]] = direct.of(following) if following is not None else 0.0
        left_said, right_said = _longest_end(left, text, last=True), _longest_end(right, text, last=False)
        row[INDEX["left_anchor"]] = len(left_said) / len(left) if left else 0.0
        row[INDEX["right_anchor"]] = len(right_said) / len(right) if right else 0.0
        if view.typed:
            spans = type_spans(text, view.analysis.answer_type, view.normalized, _tagged(cand, corpus, view.analysis.answer_type))
            row[INDEX["type_count"]] = math.log1p(len(spans))
            row[INDEX["type_near_anchor"]] = _nearness(spans, text, (left_said, right_said))
        row[INDEX["ordered_share"]] = LCSseq.similarity(asked, text) / max(1, view.length)
    if len(found):
        gaps = (("coverage_direct", "coverage_gap"), ("bigram_share", "bigram_gap"), ("dense", "dense_gap"), ("longest_match", "longest_match_gap"))
        for name, gap in gaps:
            column = rows[:, INDEX[name]]
            best = np.nanmax(column) if not np.all(np.isnan(column)) else np.nan
            rows[:, INDEX[gap]] = column - best
    return rows


def question_features(
    view: QuestionView, found: list[Candidate], rows: np.ndarray, scores: np.ndarray, corpus: Corpus, ranked: np.ndarray | None = None
) -> np.ndarray:
    """The refusal classifier's view: how good the best candidate (highest `scores`) is, absolutely
    and against the others, and how much of the question the knowledge base knows at all; with the
    ranker's scores (`ranked`), how sure the ranker is of its own first."""
    return question_features_for(view, found, rows, scores, int(np.argmax(scores)), corpus, ranked, None if ranked is None else int(np.argmax(ranked)))


def question_features_for(
    view: QuestionView,
    found: list[Candidate],
    rows: np.ndarray,
    scores: np.ndarray,
    chosen: int,
    corpus: Corpus,
    ranked: np.ndarray | None = None,
    quoted: int | None = None,
) -> np.ndarray:
    """The same view of candidate `chosen`, whichever its rank: its lead over the best of the others is
    negative when it is not the first. The ranker's columns describe candidate `quoted` (default `chosen`)."""
    row = best_candidate_features(view, found, rows, chosen, corpus)
    row[QUESTION_FEATURES.index("best_score")], row[QUESTION_FEATURES.index("score_margin")] = lead(scores, chosen)
    if ranked is not None:
        row[QUESTION_FEATURES.index("ranker_score")], row[QUESTION_FEATURES.index("ranker_margin")] = lead(ranked, chosen if quoted is None else quoted)
    return row


def lead(scores: np.ndarray, chosen: int) -> tuple[float, float]:
    """Candidate `chosen`'s score and its lead over the best of the others (NO_RUNNER_UP_MARGIN when it is alone)."""
    others = np.delete(scores, chosen)
    return float(scores[chosen]), float(scores[chosen] - others.max()) if len(others) else NO_RUNNER_UP_MARGIN


def best_candidate_features(view: QuestionView, found: list[Candidate], rows: np.ndarray, best: int, corpus: Corpus) -> np.ndarray:
    """QUESTION_FEATURES with candidate `best` taken as the selected one, the score columns left NaN:
    they depend on the selection model and the ranker, so training fills them in after fitting them."""
    cand, row = found[best], rows[best]
    focus = view.focus
    chunk = cand.chunks[0]
    paragraph = corpus.normalized_paragraph(chunk.doc_id, chunk.paragraph)
    unknown = sum(1 for word in focus if not _said(word, view, paragraph, corpus)) / len(focus) if focus else 0.0
    dense = rows[:, INDEX["dense"]]
    values = {
        "best_score": np.nan,
        "score_margin": np.nan,
        "best_coverage": row[INDEX["coverage"]],
        "best_coverage_direct": row[INDEX["coverage_direct"]],
        "best_focus_share": row[INDEX["focus_share"]],
        "best_bigram_share": row[INDEX["bigram_share"]],
        "best_trigram_share": row[INDEX["trigram_share"]],
        "best_longest_match": row[INDEX["longest_match"]],
        "best_missing_rarity": row[INDEX["missing_rarity"]],
        "paragraph_bigram_share": _share(view.grams, paragraph),
        "best_dense": row[INDEX["dense"]],
        "best_bm25_raw": math.log1p(cand.hit.bm25),
        "max_bm25_raw": math.log1p(max(c.hit.bm25 for c in found)),
        "max_dense": np.nan if np.all(np.isnan(dense)) else float(np.nanmax(dense)),
        "typed": row[INDEX["typed"]],
        "best_type_found": row[INDEX["type_found"]],
        "focus_terms": math.log1p(len(focus)),
        "unknown_focus_share": unknown,
        "paragraph_focus_share": _share(focus, paragraph),
        "question_length": math.log1p(len(view.question)),
        "ranker_score": np.nan,
        "ranker_margin": np.nan,
    }
    return np.array([values[name] for name in QUESTION_FEATURES], dtype=np.float64)


def _said(word: str, view: QuestionView, paragraph: str, corpus: Corpus) -> bool:
    """Whether the materials say a focus term: some passage holds it, or the paragraph spells it out as a short form
    (公车 of 公务用车), holds the two words of a common compound apart (基层干部: 减轻基层负担,让干部…) or holds what
    jieba's HMM glued a function character to (学 of 要学, 瞳 of 瞳的)."""
    return (
        corpus.knows(word) or short_form_in(word, paragraph, corpus) or (word in view.analysis.common_compounds and written_apart(word, paragraph))
        or ((rest := unglued(word)) is not None and rest in paragraph)
    )


class _DirectCoverage:
    """Coverage by the words of a text alone, remembered per sentence for one question: a sentence
    comes up as a candidate, in a pair and as a neighbour."""

    def __init__(self, terms: QuestionTerms, corpus: Corpus) -> None:
        self._terms = terms
        self._corpus = corpus
        self._by_chunk: dict[str, float] = {}

    def text(self, text: str, chunk: Chunk) -> float:
        return lexical_coverage(self._terms, text, "", chunk, self._corpus, context_weight=0.0)[0]

    def of(self, chunk: Chunk) -> float:
        found = self._by_chunk.get(chunk.id)
        if found is None:
            found = self._by_chunk[chunk.id] = self.text(self._corpus.normalized(chunk), chunk)
        return found


def _share(words: tuple[str, ...] | frozenset[str], text: str) -> float:
    """Share of the (normalised) words that `text` holds."""
    return sum(1 for w in words if w in text) / len(words) if words else 0.0


def _missing_rarity(terms: QuestionTerms, text: str, corpus: Corpus) -> float:
    """How rare the rarest question word absent from `text` is: a near miss lacks the specific one."""
    missing = [corpus.idf(word) for word in terms.words if word not in text]
    return max(missing) / corpus.max_idf if missing else 0.0


def _longest_end(run: str, text: str, last: bool) -> str:
    """The longest end of `run` (its last characters, or its first), two characters or more, that `text` holds."""
    for size in range(len(run), 1, -1):
        end = run[-size:] if last else run[:size]
        if end in text:
            return end
    return ""


def _tagged(cand: Candidate, corpus: Corpus, answer_type: str) -> tuple[str, ...]:
    """The tagger's names of `answer_type` in a candidate; a pair's sentence by sentence where the tagger would
    separate them anyway, which gives the same names and lets each sentence's be remembered alone."""
    parts = [corpus.normalized(chunk) for chunk in cand.chunks]
    if len(parts) == 2 and tagged_apart(*parts):
        return tagged_names(parts[0], answer_type) + tagged_names(parts[1], answer_type)
    return tagged_names(cand.text, answer_type)


def _nearness(spans: list[tuple[int, int]], text: str, words: tuple[str, ...]) -> float:
    """1 / (1 + gap / NEAR_CHARS) for the closest pair of a typed span and an occurrence of one of `words`; 0 without."""
    places = [(m.start(), m.end()) for word in words if word for m in re.finditer(re.escape(word), text)]
    if not spans or not places:
        return 0.0
    gap = min(max(0, start - word_end, word_start - end) for start, end in spans for word_start, word_end in places)
    return 1.0 / (1.0 + gap / NEAR_CHARS)


def _dense(similarity: float, similarity_range: tuple[float, float]) -> float:
    low, high = similarity_range
    return (similarity - low) / (high - low)


def _has_type(cand: Candidate, corpus: Corpus, answer_type: str, question: str) -> bool:
    """`has_type` of the candidate's text, its names as `_tagged` reads them (`tagged_as` of each sentence of a pair)."""
    found = type_by_pattern(cand.text, answer_type, question)
    if found is not None:
        return found
    return any(not question or word not in question for word in _tagged(cand, corpus, answer_type))
