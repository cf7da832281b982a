"""A document as study questions read it: its normalised text, headings and sentences, and the parts (units) a
question may be about, each with the items it lists.

Made once per library version (StudyAnswerer caches them): a study question weighs every document by these.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from bot.corpus import Corpus
from ingest.sections import SEPARATOR, heading_topic, is_question_line, numbered_heading, transcript_turn
from ingest.structure import DATE, DocumentStructure, ParagraphStructure, Section, short_point
from ingest.textnorm import CJK, CJK_RUN, normalize
from ingest.zh_text import CN_NUMERALS, COLONS, STOPS, abbreviates, cn_number, ends_with_colon, part_synonyms, split_clauses, split_sentences, strip_indent, strip_sentence_end

ANSWER_OPENING_CHARS = 40  # a handout's answer, listed after its question, by clauses up to at least this many characters
_NAME_BREAKS = re.compile(rf"[^{CJK}]+|、")  # between the names on a dateline: spaces, brackets, 、


def holding_documents(words: Iterable[str], docs: dict[str, StudyDoc], corpus: Corpus) -> list[StudyDoc]:
    """The documents whose text holds one of the words, or a heading its short form spells out (深化改革 of 深化体制改革). For a
    Chinese word only the documents holding all its characters are tested (the index postings name them), not each of
    a thousand documents."""
    found: set[str] = set()
    for word in {said for word in words for said in (word, *part_synonyms(word))}:
        characters = "".join(CJK_RUN.findall(word))
        candidates = corpus.documents_with_characters(characters) if characters else None
        tested = docs if candidates is None else [doc_id for doc_id in candidates if doc_id in docs]
        found.update(doc_id for doc_id in tested if word in docs[doc_id].text or abbreviates(word, docs[doc_id].headings))
    return [doc for doc_id, doc in docs.items() if doc_id in found]


def from_corpus(corpus: Corpus) -> dict[str, StudyDoc]:
    """Every document of the corpus with its structure, read for study questions."""
    structures = {doc_id: StudyDoc(doc_id, corpus.structure(doc_id)) for doc_id in dict.fromkeys(c.doc_id for c in corpus.passages)}
    for doc in structures.values():
        doc.read()
    return structures


@dataclass(frozen=True)
class StudyDoc:
    doc_id: str
    structure: DocumentStructure

    def read(self) -> None:
        """Normalise the title, text, headings and signers now: the first study question weighs every document by
        them (a tenth of a second at a thousand documents), so they are made with the structures."""
        _ = self.title, self.text, self.headings, self.signers, self.listed_items, self.openings, self.unit_texts, self.unit_headings, self.parts

    @cached_property
    def title(self) -> str:
        """Normalised once: a library of a thousand documents is weighed for every study question."""
        return normalize(self.structure.title)

    @cached_property
    def text(self) -> str:
        return normalize("".join(p.text for p in self.structure.paragraphs))

    @cached_property
    def headings(self) -> str:
        """Every section and paragraph heading, normalised: a word in one names a topic the document treats."""
        return "\x00".join(heading for _, heading, _ in self.units)

    @cached_property
    def signers(self) -> tuple[str, ...]:
        """The names on the dateline that the text never uses: who gave or issued it (宋立群,
        江川市市场监督管理局), not its date, nor a word the text speaks of too."""
        lines = self.structure.issuer_lines
        if not lines:
            return ()
        dateline = normalize(" ".join(line.text for line in lines))
        body = self.text
        for line in lines:
            body = body.replace(normalize(line.text), "")
        return tuple(name for name in _NAME_BREAKS.split(DATE.sub(" ", dateline)) if len(name) >= 2 and name not in body)

    @cached_property
    def units(self) -> tuple[tuple[Unit, str, bool], ...]:
        """Each section and titled paragraph with its normalised heading and whether it lists items."""
        return tuple((unit, normalize(unit.label or unit.heading.heading), len(unit_items(unit)) >= 2) for unit in _units(self))

    @cached_property
    def unit_headings(self) -> tuple[str, ...]:
        """Each unit's normalised heading as written, in the order of `units` (its label leaves out what siblings share)."""
        return tuple(normalize(unit.heading.heading) for unit, _, _ in self.units)

    @cached_property
    def unit_texts(self) -> tuple[str, ...]:
        """Each unit's normalised text, in the order of `units`: read question after question, normalised once."""
        return tuple(normalize("".join(p.text for p in unit.members)) for unit, _, _ in self.units)

    @cached_property
    def parts(self) -> tuple[tuple[Unit, str], ...]:
        """The units without a label (sections and paragraphs, not a point beside its part) with their normalised texts:
        what a topic spread over the text is weighed against."""
        return tuple((unit, text) for (unit, _, _), text in zip(self.units, self.unit_texts) if not unit.label)

    @cached_property
    def listed_items(self) -> tuple[tuple[Unit, tuple[str, ...]], ...]:
        """The units that list items, with what tells each item from the others (its normalised text past the
        opening they all share): "四、工作步骤" lists 动员部署阶段, 排查整治阶段 …, which is what "分几个阶段" asks
        for; the essay's three parts, all opening 质监干部工作要为…, are no list of 干部."""
        listed = []
        for unit, _, lists in self.units:
            if lists:
                items = [normalize(text) for text, _ in unit_items(unit)]
                shared = len(os.path.commonprefix(items))
                listed.append((unit, tuple(item[shared:] for item in items)))
        return tuple(listed)

    @cached_property
    def sentences(self) -> tuple[tuple[ParagraphStructure, str, str], ...]:
        """Each sentence of the text's paragraphs (not headings alone), as written and normalised: read once, not
        for every question looking across the document."""
        return tuple(
            (paragraph, sentence, normalize(sentence))
            for paragraph in self.structure.text_paragraphs
            if not paragraph.heading_only
            for sentence in map(strip_indent, split_sentences(paragraph.text))
        )

    @cached_property
    def sections_by_position(self) -> tuple[Section | ParagraphStructure, ...]:
        """The top-level sections, or, where numbered paragraphs open sections of their own ("一、问：…？答：…"),
        those: what "第三部分" and "第十问" count."""
        sections = self.structure.top_sections()
        if len(sections) >= 2:
            return tuple(sections)
        return tuple(p for p in self.structure.text_paragraphs if p.section and SEPARATOR not in p.section and _opens_section(p))

    @cached_property
    def articles(self) -> dict[int, ParagraphStructure]:
        """The paragraphs that open articles, by number (第十二条 → 12; the first of a number said twice): none in a
        document without articles."""
        found: dict[int, ParagraphStructure] = {}
        for paragraph in self.structure.text_paragraphs:
            number = _article_number(paragraph)
            if number is not None:
                found.setdefault(number, paragraph)
        return found

    @cached_property
    def openings(self) -> tuple[tuple[str, ParagraphStructure], ...]:
        """The paragraphs whose points all open alike, with that opening, normalised."""
        return tuple((normalize(opening), p) for p in self.structure.text_paragraphs if (opening := p.shared_opening()))


BARE_LABEL_MAX_CHARS = 4  # 基本案情, 处理结果, 编者按: a label naming a part, not what it says
# A heading's label: a word and its number before a colon or space (案例二：…, 专题3 …), which names it in a question.
NUMBERED_LABEL = re.compile(rf"^([{CJK}]{{1,6}}[{CN_NUMERALS}\d]{{1,3}})(?=[{COLONS}\s]|$)")


def coverage(words: Sequence[str], text: str, corpus: Corpus) -> float:
    """The share of the words (by rarity) a normalised text holds."""
    if not words:
        return 0.0
    total = sum(corpus.idf(w) for w in words)
    return sum(corpus.idf(w) for w in words if w in text) / total if total else 0.0


@dataclass(frozen=True)
class Unit:
    """A section, a titled paragraph or a part of a paragraph (ParagraphStructure.parts) a question may be about."""

    heading: ParagraphStructure
    members: tuple[ParagraphStructure, ...]  # the paragraph itself, or the paragraphs of a section
    label: str = ""  # what names it, when not all its heading does: a part's words after the opening all share


def _units(doc: StudyDoc) -> list[Unit]:
    """Not a question standing alone (a 思考题's "2. 查处加油机作弊案件时，如何计算违法所得？"): it names a question, no topic."""
    sections = [Unit(s.heading, s.paragraphs) for s in doc.structure.sections if s.paragraphs or not is_question_line(s.heading.text)]
    titled = [Unit(p, (p, *introduced_paragraphs(p, doc.structure.paragraphs))) for p in doc.structure.paragraphs if p.heading and not p.heading_only]
    parts = [Unit(part, (part,), _label(part, p)) for p in doc.structure.paragraphs for part in p.parts()]
    return sections + titled + parts


def introduced_paragraphs(paragraph: ParagraphStructure, paragraphs: Sequence[ParagraphStructure]) -> tuple[ParagraphStructure, ...]:
    """The paragraphs under a titled paragraph that ends in a colon ("（四）工作组。指挥部下设四个工作组："), in the
    sections its numbered items open (1.现场处置组 …): what it introduces is part of it."""
    if not paragraph.section or not ends_with_colon(paragraph.text):
        return ()
    within = paragraph.section + SEPARATOR
    after = paragraphs[paragraph.number :]  # numbered from 1: the ones after it
    return tuple(itertools.takewhile(lambda p: p.section.startswith(within), after))


def _label(part: ParagraphStructure, paragraph: ParagraphStructure) -> str:
    """A part of a paragraph is named by what follows the opening its points share ("质量强国培养人才" of
    "质监干部工作要为质量强国培养人才"): "质监干部工作" names all of them, so none. Only the opening that made
    them points is cut: a longer shared prefix may end inside a word (为质量强国培养, 培育)."""
    shared = paragraph.shared_opening()
    return part.heading[len(shared) :] if part.heading.startswith(shared) else part.heading


def unit_items(unit: Unit, details: bool = False) -> list[tuple[str, ParagraphStructure]]:
    """The parallel items under a heading: sub-section headings, else enumerated points, else topic sentences; with
    `details` (a part summed up, not listed), the lines between items labelled alike too (责任人：…)."""
    members = unit.members
    if unit.heading.heading_only or len(members) > 1:  # a section, or a lead-in with the paragraphs it introduces
        depth = min((_depth(p) for p in members if p.heading_only), default=0)
        subsections = [(_with_answer(p, members), p) for p in members if p.heading_only and _depth(p) == depth and p is not unit.heading]
        if len(subsections) >= 2:
            return (not details and _same_labelled(subsections)) or subsections
        # A chapter's 第四条, 第五条 … all of them, before the few whose opening clause reads as a heading.
        articles = [(short_point(p.text), p) for p in members if is_article(p) and p is not unit.heading]
        if len(articles) >= 2:
            return articles
        # A list's numbered items, each a paragraph saying all it says in one sentence (1. 对…实施监督检查，每名…。),
        # all of them, not only the few that say more after it (they keep their own numbers: see _numbered); with a
        # heading alone among them, numbered alike, whose items are a level below ("（三）所需材料。" between (二) and (四)).
        numbered = [p for p in members if not p.heading_only and numbered_heading(p.text) is not None]
        shallowest = min(map(_depth, numbered), default=0)
        styles = {numbered_heading(p.text).style for p in numbered if _depth(p) == shallowest}
        items = [
            (p.heading or short_point(p.text), p) for p in members
            if p is not unit.heading and _depth(p) == shallowest and (own := numbered_heading(p.text)) is not None
            and (not p.heading_only or own.style in styles)
        ]
        if len(items) >= 2:
            return items
        # A record of questions and answers (询问记录: 问：… 答：…): what was asked, each question, not the few lines
        # short enough to read as headings.
        turns = [transcript_turn(p.text) for p in members]
        asked = [p for p, turn in zip(members, turns) if turn == "问"]
        if len(asked) >= 2 and "答" in turns:
            return [(short_point(split_sentences(p.text)[0]), p) for p in asked]
        titled = [(p.heading, p) for p in members if p.heading and not p.heading_only and p is not unit.heading]
        if len(titled) >= 2:
            return (not details and _same_labelled(titled)) or titled
    points = [(point.short, p) for p in members for point in p.points]
    if len(points) >= 2:
        return points
    titled = [(p.heading, p) for p in members if p.heading and not p.heading_only]
    below = [item for item in titled if item[1] is not unit.heading]  # a lead-in's items, not the lead-in
    return below if len(below) >= 2 else titled


def _with_answer(heading: ParagraphStructure, members: Sequence[ParagraphStructure]) -> str:
    """A sub-section's heading as a list shows it; a handout's question with the opening of its answer after it
    (问：标准分为哪几类？答：按照…), since the questions alone teach nothing; so is an unnumbered label of a few
    characters that every case of a compilation repeats (基本案情：2025年3月12日，…)."""
    after = next((p for p in members if p.number == heading.number + 1 and not p.heading_only), None)
    if not is_question_line(heading.text):
        if after is None or numbered_heading(heading.text) is not None or len(heading.heading) > BARE_LABEL_MAX_CHARS:
            return heading.heading
        return f"{heading.heading}：{answer_opening(after.text)}"  # 基本案情, 处理结果: a label, no gist
    question = f"问：{heading_topic(strip_indent(heading.text))}"  # the list numbers it: not "1. 1. 问：…" (review)
    return question if after is None else f"{question}{answer_opening(after.text)}"


def answer_opening(text: str) -> str:
    """A handout's answer as its question's list line shows it: its clauses up to ANSWER_OPENING_CHARS, within its
    first full sentence (a figure or a deadline is rarely in the first clause: 接到电梯困人报警后，…30分钟内; the
    六不准 are not one rule: 一是…；二是…)."""
    opening = ""
    for clause in split_clauses(strip_indent(text)):
        opening += clause
        if len(opening) >= ANSWER_OPENING_CHARS or clause.rstrip().endswith(tuple(STOPS)):
            break
    return strip_sentence_end(opening).rstrip("，,、；;：:")


def is_article(paragraph: ParagraphStructure) -> bool:
    heading = numbered_heading(paragraph.text)
    return heading is not None and heading.style == "article"


def _depth(paragraph: ParagraphStructure) -> int:
    return paragraph.section.count(">") + 1 if paragraph.section else 0


def _same_labelled(subsections: list[tuple[str, ParagraphStructure]]) -> list[tuple[str, ParagraphStructure]]:
    """The sub-headings labelled alike with a number (问题10：…, 问题11：…) when others stand between them (责任人：…
    under each): those are the items, the others their details; [] when there are no such two."""
    words = [label.group(1).rstrip(CN_NUMERALS + "0123456789") if (label := NUMBERED_LABEL.match(p.heading)) else "" for _, p in subsections]
    common = max(set(words) - {""}, key=words.count, default="")
    chosen = [item for item, word in zip(subsections, words) if word == common] if common else []
    return chosen if 2 <= len(chosen) < len(subsections) else []


def _article_number(paragraph: ParagraphStructure) -> int | None:
    """The number of the article a paragraph opens (第十二条 → 12), or None."""
    heading = numbered_heading(paragraph.text)
    return cn_number(heading.label[1:-1]) if heading is not None and heading.style == "article" else None


def _opens_section(paragraph: ParagraphStructure) -> bool:
    """Whether the paragraph opens with the numbered heading its section is named by."""
    heading = numbered_heading(strip_indent(paragraph.text))
    return heading is not None and heading.label == paragraph.section
