"""Structured answers to study questions: a summary, a part's gist, a numbered list of parallel items.

Read from the document's own structure (ingest.structure), never written: every line is a verbatim span
of one paragraph and carries its own 出处. Returns None when the structure does not answer the question
(a list question whose topic heads no enumeration, say), and the question goes the ordinary extractive way,
which quotes one sentence or refuses.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from bot.answering import Answer, Source, citation
from bot.corpus import Corpus
from bot.questions import question_terms
from bot.study_intent import LIST, PART, SUMMARY, PartRef, is_whole_document, study_intent
from ingest.structure import DocumentStructure, ParagraphStructure, Section, document_structure
from ingest.textnorm import normalize
from ingest.zh_text import split_sentences, strip_indent, strip_sentence_end

TOPIC_MIN_COVERAGE = 0.6  # share of the question's content (by rarity) a heading must hold to be its topic
GIST_MAX_CHARS = 120  # a paragraph without points is told by its heading and sentences up to this length
# Words that say what kind of answer is wanted, not what it is about.
_GENERIC = frozenset(
    "包括 包含 哪些方面 方面 哪些 几个 几项 几点 主要 内容 主要内容 措施 举措 要求 途径 做法 办法 任务 怎样 如何 怎么"
    " 概括 总结 归纳 一下 中心思想 大意 要点 讲了什么 什么 提出 有 哪几 几 简要 简单 说说 介绍".split()
)


@dataclass(frozen=True)
class Item:
    """One line of a structured answer: verbatim text and where it stands."""

    text: str
    doc_id: str
    title: str
    paragraph: int


@dataclass(frozen=True)
class StudyAnswer(Answer):
    """An Answer whose quote is a list of items; JSON lists them apart under `items`."""

    items: tuple[Item, ...] = ()

    def to_json(self) -> dict:
        data = super().to_json()
        data["items"] = [item.__dict__ for item in self.items]
        return data


class StudyAnswerer:
    """Answers study questions from the structure of the documents a Corpus holds."""

    def __init__(self) -> None:
        self._cache: tuple[tuple, _Library] | None = None

    def answer(self, question: str, corpus: Corpus) -> Answer | None:
        """The structured answer, or None when the question is no study question or the structure has none."""
        intent = study_intent(question)
        if intent is None or not corpus.passages:
            return None
        library = self._library(corpus)
        words = _topic_words(question)
        doc = _document(words, library, corpus)
        if intent.kind == PART and intent.part is not None:
            return _part_answer(question, doc, intent.part)
        unit = _topic_unit(words, doc, corpus, need_items=intent.kind == LIST)
        if unit is not None:
            return _gist_answer(question, doc, unit, as_list=intent.kind == LIST)
        if intent.kind == SUMMARY and (is_whole_document(question) or not words):
            return _summary_answer(question, doc)
        return None

    def _library(self, corpus: Corpus) -> _Library:
        """Each document's structure, rebuilt only when the corpus holds other document versions."""
        if self._cache is None or self._cache[0] != corpus.signature:
            self._cache = (corpus.signature, _Library(_from_corpus(corpus)))
        return self._cache[1]


def _from_corpus(corpus: Corpus) -> dict[str, _Doc]:
    """The documents' paragraphs are their sentences joined back: the splitter covers each paragraph exactly."""
    paragraphs: dict[str, dict[int, list]] = {}
    for chunk in corpus.passages:
        paragraphs.setdefault(chunk.doc_id, {}).setdefault(chunk.paragraph, []).append(chunk)
    structures = {}
    for doc_id, by_number in paragraphs.items():
        numbers = range(1, max(by_number) + 1)
        chunks = [sorted(by_number.get(n, []), key=lambda c: c.sentence) for n in numbers]
        texts = ["".join(c.text for c in cs) for cs in chunks]
        sections = [cs[0].section if cs else "" for cs in chunks]
        title = next(cs[0].title for cs in chunks if cs)
        structures[doc_id] = _Doc(doc_id, document_structure(title, texts, sections))
    return structures


@dataclass(frozen=True)
class _Doc:
    doc_id: str
    structure: DocumentStructure

    @cached_property
    def title(self) -> str:
        """Normalised once: a library of a thousand documents is weighed for every study question."""
        return normalize(self.structure.title)

    @cached_property
    def text(self) -> str:
        return normalize("".join(p.text for p in self.structure.paragraphs))


def _topic_words(question: str) -> list[str]:
    """The words naming what a study question is about; the answer-type word when there is nothing else
    ("主要任务有哪些" is about 任务, as a section "二、主要任务" says)."""
    terms = question_terms(question)
    words = [w for w in terms.words if w not in _GENERIC]
    return words or [w for w in terms.answer_types if w in question]


_SEPARATOR = "\x00"


class _Library:
    """The documents in doc_id order, with one string of every title and text, so the documents that
    hold a word are found by C-level `find` over it, not by a Python test of each of a thousand documents."""

    def __init__(self, docs: dict[str, _Doc]) -> None:
        self.docs = sorted(docs.values(), key=lambda d: d.doc_id)
        blobs = [d.title + _SEPARATOR + d.text for d in self.docs]
        self._joined = _SEPARATOR.join(blobs)
        self._starts = list(itertools.accumulate((len(b) + 1 for b in blobs[:-1]), initial=0))

    def holding(self, word: str) -> list[int]:
        """Indexes (in `docs`) of the documents whose title or text holds `word`, in order."""
        if not word or _SEPARATOR in word:
            return [i for i, d in enumerate(self.docs) if word in d.text or word in d.title]
        found, at = [], 0
        starts, joined = self._starts, self._joined
        while (hit := joined.find(word, at)) >= 0:
            doc = bisect.bisect_right(starts, hit)  # the index of the document after the hit's
            found.append(doc - 1)
            if doc >= len(starts):
                break
            at = starts[doc]
        return found


def _document(words: Sequence[str], library: _Library, corpus: Corpus) -> _Doc:
    """The document a question is about: the one whose title or text holds most of its words (the first
    by doc_id of equals; every weight is positive, so a document holding none of them never wins over one
    that holds some)."""
    docs = library.docs
    if len(docs) == 1:
        return docs[0]
    weights: dict[int, float] = {}
    for word in words:  # each document's weight summed in the words' order, as one sum per document would
        holding = library.holding(word)
        weight = corpus.idf(word) if holding else 0.0
        for i in holding:
            weights[i] = weights.get(i, 0) + weight * (2 if word in docs[i].title else 1)
    return docs[max(sorted(weights), key=weights.__getitem__, default=0)]


def _coverage(words: Sequence[str], text: str, corpus: Corpus) -> float:
    if not words:
        return 0.0
    text = normalize(text)
    total = sum(corpus.idf(w) for w in words)
    return sum(corpus.idf(w) for w in words if w in text) / total if total else 0.0


@dataclass(frozen=True)
class _Unit:
    """A section or a titled paragraph a question may be about."""

    heading: ParagraphStructure
    members: tuple[ParagraphStructure, ...]  # the paragraph itself, or the paragraphs of a section


def _units(doc: _Doc) -> list[_Unit]:
    sections = [_Unit(s.heading, s.paragraphs) for s in doc.structure.sections]
    titled = [_Unit(p, (p,)) for p in doc.structure.paragraphs if p.heading and not p.heading_only]
    return sections + titled


def _topic_unit(words: Sequence[str], doc: _Doc, corpus: Corpus, need_items: bool) -> _Unit | None:
    """The section or paragraph whose heading names the question's topic (a list needs items under it)."""
    best, best_score = None, TOPIC_MIN_COVERAGE
    for unit in _units(doc):
        if need_items and len(_unit_items(unit)) < 2:
            continue
        score = _coverage(words, unit.heading.heading, corpus)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = unit, score
    return best


def _unit_items(unit: _Unit) -> list[tuple[str, ParagraphStructure]]:
    """The parallel items under a heading: sub-section headings, else enumerated points, else topic sentences."""
    members = unit.members
    if unit.heading.heading_only:
        depth = min((_depth(p) for p in members if p.heading_only), default=0)
        subsections = [(p.heading, p) for p in members if p.heading_only and _depth(p) == depth]
        if len(subsections) >= 2:
            return subsections
        titled = [(p.heading, p) for p in members if p.heading and not p.heading_only]
        if len(titled) >= 2:
            return titled
    points = [(point.short, p) for p in members for point in p.points]
    if len(points) >= 2:
        return points
    return [(p.heading, p) for p in members if p.heading and not p.heading_only]


def _depth(paragraph: ParagraphStructure) -> int:
    return paragraph.section.count(">") + 1 if paragraph.section else 0


def _gist_answer(question: str, doc: _Doc, unit: _Unit, as_list: bool) -> Answer:
    """A part's gist: its heading, then its items numbered (or, without items, its opening sentences)."""
    heading = unit.heading
    lines: list[tuple[str, ParagraphStructure]] = [] if as_list else [(heading.heading, heading)]
    items = _unit_items(unit)
    if len(items) >= 2:
        lines += [(f"{n}. {text}", p) for n, (text, p) in enumerate(items, start=1)]
    elif not heading.heading_only:
        lines += [(s, heading) for s in _opening(heading)]
    if as_list:
        intro = f"「{heading.heading}」共{len(items)}项："
        return _answer(question, doc, [(intro, None)] + lines)
    return _answer(question, doc, lines)


def _opening(paragraph: ParagraphStructure) -> list[str]:
    """The sentences after a paragraph's heading, up to GIST_MAX_CHARS, for a paragraph without points."""
    sentences = [strip_indent(s) for s in split_sentences(paragraph.text)]
    if paragraph.heading:
        sentences = sentences[1:]
    chosen, size = [], 0
    for sentence in sentences:
        if chosen and size + len(sentence) > GIST_MAX_CHARS:
            break
        chosen.append(sentence)
        size += len(sentence)
    return chosen


def _part_answer(question: str, doc: _Doc, part: PartRef) -> Answer:
    """The gist of the paragraph or section a question names by position; a clear reply when there is none."""
    structure = doc.structure
    if part.unit == "section" and len(structure.top_sections()) >= 2:
        sections = structure.top_sections()
        index = len(sections) if part.number == -1 else part.number
        if index > len(sections):
            return _missing(question, f"《{structure.title}》共有{len(sections)}个部分，没有{part.words}。")
        section: Section = sections[index - 1]
        return _gist_answer(question, doc, _Unit(section.heading, section.paragraphs), as_list=False)
    paragraphs = structure.paragraphs
    index = len(paragraphs) if part.number == -1 else part.number
    if index > len(paragraphs):
        return _missing(question, f"《{structure.title}》共有{len(paragraphs)}段，没有{part.words}。")
    paragraph = paragraphs[index - 1]
    if paragraph.heading_only:
        section = next(s for s in structure.sections if s.heading is paragraph)
        return _gist_answer(question, doc, _Unit(paragraph, section.paragraphs), as_list=False)
    if not paragraph.heading and not paragraph.points:
        return _answer(question, doc, [(s, paragraph) for s in _opening(paragraph)])
    return _gist_answer(question, doc, _Unit(paragraph, (paragraph,)), as_list=False)


def _summary_answer(question: str, doc: _Doc) -> Answer:
    """A summary: the thesis, the headings numbered, the conclusion's opening sentence."""
    structure = doc.structure
    lines: list[tuple[str, ParagraphStructure | None]] = []
    if structure.thesis is not None:
        lines.append((strip_indent(structure.thesis.first_sentence), structure.thesis))
    headings = structure.headings()
    if headings:
        lines.append(("主要内容：", None))
        lines += [(f"{n}. {p.heading}", p) for n, p in enumerate(headings, start=1)]
    if structure.conclusion is not None:
        lines.append((strip_indent(structure.conclusion.first_sentence), structure.conclusion))
    return _answer(question, doc, lines)


def _missing(question: str, message: str) -> Answer:
    """A part that does not exist: refused, with how many the document has, so the learner can ask again."""
    return Answer(question=question, quote=message, refused=True)


def _answer(question: str, doc: _Doc, lines: Sequence[tuple[str, ParagraphStructure | None]]) -> Answer:
    """Lines (each verbatim, with its paragraph's number as its own 出处) as one answer citing every paragraph."""
    title = doc.structure.title
    rendered, sources, items = [], [], []
    several = len({p.number for _, p in lines if p is not None}) > 1  # one paragraph: the 出处 line says it all
    for text, paragraph in lines:
        if paragraph is None:
            rendered.append(text)
            continue
        rendered.append(f"{text}（第{paragraph.number}段）" if several else text)
        words = text.split(". ", 1)[1] if text[:1].isdigit() and ". " in text else text
        items.append(Item(strip_sentence_end(words), doc.doc_id, title, paragraph.number))
        if all(s.paragraph != paragraph.number for s in sources):
            sources.append(Source(doc.doc_id, title, paragraph.number, paragraph.text, 1.0, 0, paragraph.section))
    sources.sort(key=lambda s: s.paragraph)
    return StudyAnswer(
        question=question,
        quote="\n".join(rendered),
        refused=False,
        citation=citation(sources),
        sources=tuple(sources),
        confidence=1.0,
        items=tuple(items),
    )
    return answer
