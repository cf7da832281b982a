"""Answers about a whole text: its summary (thesis, parts, close), its headings, how many parts it has, the
things of a kind it names, and the measures it gives on a topic across its paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answering import Answer
from bot.corpus import Corpus
from bot.kinds_named import names_of_kind
from bot.study_document import StudyDoc, Unit, answer_opening, is_article, unit_items
from bot.study_gist import KEY_MAX_CHARS, opening_within
from bot.study_intent import asks_shape, news_counter
from bot.study_reply import SUB_ITEM_INDENT, lines_answer
from ingest.sections import glued_answer, heading_topic
from ingest.structure import ParagraphStructure, Section, embedded_heading
from ingest.textnorm import normalize
from ingest.zh_text import compound_halves, ends_with_colon, split_sentences, strip_indent

ACROSS_MIN_SHARE = 0.4  # a sentence holding this share of a topic's words (by rarity) speaks of it ...
ACROSS_MAX_ITEMS = 4  # ... and a list across paragraphs shows at most this many of them
SUMMARY_SUB_ITEMS = 8  # a summary names at most this many parts of each top-level section
_CHAPTERS_COUNTED = re.compile(r"(?:几|多少)个?章")


def kinds_answer(question: str, words: Sequence[str], doc: StudyDoc) -> Answer | None:
    """The things of the kind a question asks which of ("文章提到了哪些主义", "讲了几种意识"): their names, then each
    sentence naming them. None when the question names more than the kind, a heading names it (the part answers),
    or the text names fewer than two."""
    if len(words) != 1 or not re.search(rf"(?:哪些|哪几|几)[种类个项]?{re.escape(words[0])}", question):
        return None
    kind = words[0]
    if any(kind in unit.heading.heading for unit, _, _ in doc.units):
        return None
    naming = [(text, p, found) for p, text, _ in doc.sentences if kind in text and (found := names_of_kind(text, kind))]
    named = [name for _, _, found in naming for name in found]
    names = list(dict.fromkeys(name for name in named if not any(other != name and other.endswith(name) for other in named)))
    if len(names) < 2:
        return None
    return lines_answer(question, doc, [(f"文中提到的{kind}：{'、'.join(names)}", None), *((text, p) for text, p, _ in naming)])


def across_answer(question: str, doc: StudyDoc, words: Sequence[str], corpus: Corpus) -> Answer | None:
    """A topic no heading names, spoken of in several paragraphs ("咋调动干部积极性，文章给了哪些招": the
    激励机制 of one part, the 绩效考核 of another): the sentence of each paragraph saying most of it (at least
    ACROSS_MIN_SHARE of its words by rarity), the ACROSS_MAX_ITEMS saying most, in the text's order. A compound
    is looked for by its halves (选拔干部: 选拔, 干部; "干部选拔任用" speaks of it too), a word of the title not at all."""
    topic: list[str] = []
    for word in map(normalize, words):
        if word in doc.title:
            continue
        if not speaks_of(word, doc):
            return None  # "红烧肉怎么做", "发展航天事业有哪些举措": a topic the document never speaks of
        topic += [half for half in compound_halves(word) or (word,) if half not in doc.title]
    weights = {word: corpus.idf(word) for word in topic}
    total = sum(weights.values())
    if not total:
        return None
    best: dict[int, tuple[float, str, ParagraphStructure]] = {}
    for paragraph, sentence, text in doc.sentences:
        share = sum(weight for word, weight in weights.items() if word in text) / total
        if share >= ACROSS_MIN_SHARE and share > best.get(paragraph.number, (0.0,))[0]:
            best[paragraph.number] = (share, sentence, paragraph)
    if len(best) < 2:
        return None
    chosen = sorted(sorted(best.values(), key=lambda b: -b[0])[:ACROSS_MAX_ITEMS], key=lambda b: b[2].number)
    lines = [("文中有这几处谈到：", None)] + [(f"{n}. {sentence}", p) for n, (_, sentence, p) in enumerate(chosen, start=1)]
    return lines_answer(question, doc, lines)


def speaks_of(word: str, doc: StudyDoc) -> bool:
    """Whether a document speaks of a (normalised) word: its title or text says it, or its text says both halves of a
    compound (选拔干部: 选拔, 干部)."""
    halves = compound_halves(word)
    return word in doc.title or word in doc.text or bool(halves and all(half in doc.text for half in halves))


def summary_answer(question: str, doc: StudyDoc) -> Answer:
    """A summary: the thesis, the headings numbered, each top-level section's own parts (sub-headings or
    points) under its heading, the conclusion's opening sentence. "一、工作目标" alone says little; its
    "（一）总体目标 （二）质量目标" say what it holds."""
    structure = doc.structure
    lines: list[tuple[str, ParagraphStructure | None]] = [(f"《{structure.title}》", None)]
    if structure.thesis is not None:
        lines += _thesis_lines(structure.thesis)
    headings = structure.headings()
    if headings:
        lines.append(("主要内容：", None))
    sections = {section.heading.number: section for section in structure.top_sections()}
    for n, heading in enumerate(headings, start=1):
        answer = glued_answer(heading.text)  # a 政策解读's question says what is asked, its answer what the reading says
        section = sections.get(heading.number)
        items = unit_items(Unit(section.heading, section.paragraphs)) if section is not None else []
        lines.append((f"{n}. {heading.heading}" + (f"？答：{answer_opening(answer)}" if answer else ""), heading))
        if len(items) >= 2 and not all(is_article(p) for _, p in items):  # a chapter's articles: ask for the chapter
            if section is not None and (lead := _summing_lead_in(section)) is not None:
                lines.append((f"{SUB_ITEM_INDENT}{strip_indent(lead.text)}", lead))
            lines += [(f"{SUB_ITEM_INDENT}{text}", p) for text, p in items[:SUMMARY_SUB_ITEMS]]
            if len(items) > SUMMARY_SUB_ITEMS:
                lines.append((f"{SUB_ITEM_INDENT}……共{len(items)}项，可问「{heading_topic(heading.heading)}有哪些」看全部", None))
    if structure.conclusion is not None and structure.conclusion not in headings:  # not the last question again
        lines.append((strip_indent(structure.conclusion.first_sentence), structure.conclusion))
    return lines_answer(question, doc, lines)


def points_by_part_answer(question: str, doc: StudyDoc) -> Answer | None:
    """Each top-level part's heading with its points under it, for a learner revising part by part ("列个复习提纲，每部分下面要有
    几个要点", "各部分分别提出了哪些措施"): a part's items (一是…, 首先…, its sub-headings), else its own sentences after the
    heading. None for a text without two headed parts."""
    structure = doc.structure
    headings = structure.headings()
    if len(headings) < 2:
        return None
    sections = {section.heading.number: section for section in structure.top_sections()}
    units = {id(unit.heading): unit for unit, _, _ in doc.units}
    lines: list[tuple[str, ParagraphStructure | None]] = [(f"《{structure.title}》共{len(headings)}个部分，各部分要点：", None)]
    for n, heading in enumerate(headings, start=1):
        lines.append((f"{n}. {heading.heading}", heading))
        section = sections.get(heading.number)
        unit = Unit(section.heading, section.paragraphs) if section is not None else units.get(id(heading), Unit(heading, (heading,)))
        items = [(text, p) for text, p in unit_items(unit) if normalize(strip_indent(text)) != normalize(heading.heading)]
        if len(items) < 2:  # no points of its own: what it says after its heading
            items = [(text, p) for p, text, _ in doc.sentences if p is heading and normalize(text).rstrip("。！？!?；;") != normalize(heading.heading)]
        lines += [(f"{SUB_ITEM_INDENT}{text}", p) for text, p in items[:SUMMARY_SUB_ITEMS]]
    return lines_answer(question, doc, lines)


def _summing_lead_in(section: Section) -> ParagraphStructure | None:
    """The paragraph of one sentence opening a section that leads in to its items ("经…测算，本次共申请专项经费386.4万元，
    具体如下："): it sums them up, as the items' own openings do not."""
    first = next((p for p in section.paragraphs if not p.heading_only and p is not section.heading), None)
    if first is None or first.section != section.heading.section or first.points or not ends_with_colon(first.text):
        return None  # not a sub-section's lead-in ("（一）抽检经费" … "本项共需经费100万元，具体如下："): it sums up less
    return first if len(split_sentences(first.text)) == 1 else None


def _thesis_lines(thesis: ParagraphStructure) -> list[tuple[str, ParagraphStructure]]:
    """What a summary opens with: the thesis paragraph's sentences up to KEY_MAX_CHARS, before any heading glued into it
    or its points: "我局组织开展了…评价工作。" says what was done, the sentence after it (最终拟评定12家) what came of it."""
    sentences = split_sentences(thesis.text)
    glued = next((i for i, sentence in enumerate(sentences) if embedded_heading(sentence)), len(sentences))
    first_point = thesis.points[0].sentence - 1 if thesis.points else len(sentences)
    return opening_within(thesis, max(1, min(glued, first_point)), KEY_MAX_CHARS)


def headings_answer(question: str, doc: StudyDoc) -> Answer | None:
    """A list over the whole document ("文章提出了哪几方面的举措"): its top-level headings, numbered. Asked its shape
    ("文章的结构是怎样安排的", 分几个层次), the opening and the closing around them too, by their first sentences: an essay
    opens on its thesis and closes on its conclusion outside its headed parts."""
    structure = doc.structure
    headings = structure.headings()
    if len(headings) < 2:
        return None
    lines: list[tuple[str, ParagraphStructure | None]] = [(f"《{structure.title}》共提出{len(headings)}个方面：", None)]
    lines += _heading_lines(headings)
    if not asks_shape(question):
        return lines_answer(question, doc, lines)
    thesis, conclusion = structure.thesis, structure.conclusion
    opening = thesis is not None and bool(thesis.first_sentence) and not embedded_heading(thesis.first_sentence)
    closing = conclusion is not None and conclusion not in headings and bool(conclusion.first_sentence)
    if not opening and not closing:
        return lines_answer(question, doc, lines)
    shape: list[tuple[str, ParagraphStructure | None]] = [(f"《{structure.title}》的结构：", None)]
    if opening:
        shape.append((f"开头：{strip_indent(thesis.first_sentence)}", thesis))
    shape += [(f"主体：共{len(headings)}个方面", None), *_heading_lines(headings)]
    if closing:
        shape.append((f"结尾：{strip_indent(conclusion.first_sentence)}", conclusion))
    return lines_answer(question, doc, shape)


def keywords_answer(question: str, doc: StudyDoc) -> Answer | None:
    """The text's key phrases as it states them: its thesis and its parts' headings. Words counted out of it would cut
    质量强国 into 质量 and 强国 and name no phrase the text says; None for a text without headed parts."""
    structure = doc.structure
    headings = structure.headings()
    if len(headings) < 2:
        return None
    lines: list[tuple[str, ParagraphStructure | None]] = [(f"《{structure.title}》的关键提法（文章的论断和各部分标题）：", None)]
    thesis = structure.thesis
    if thesis is not None and thesis.first_sentence and not embedded_heading(thesis.first_sentence):
        lines.append((f"论断：{strip_indent(thesis.first_sentence)}", thesis))
    return lines_answer(question, doc, lines + _heading_lines(headings))


def count_answer(question: str, doc: StudyDoc) -> Answer:
    """How many paragraphs a document has, and its top-level headings when it has some: the learner can
    then ask for any of them ("总结一下第三段")."""
    structure = doc.structure
    headings = structure.headings()
    # "这规定一共几章": its chapters; "这期简报有几条消息": its items; each named by its heading.
    counted = "章" if _CHAPTERS_COUNTED.search(question) else news_counter(question)
    if counted and len(headings) >= 2:
        return lines_answer(question, doc, [(f"《{structure.title}》共{len(headings)}{counted}：", None), *_heading_lines(headings)])
    lines: list[tuple[str, ParagraphStructure | None]] = [(f"《{structure.title}》共有{len(structure.text_paragraphs)}段。", None)]
    if len(headings) >= 2:
        lines.append((f"主体分{len(headings)}个部分：", None))
        lines += _heading_lines(headings)
    return lines_answer(question, doc, lines)


def _heading_lines(headings: Sequence[ParagraphStructure]) -> list[tuple[str, ParagraphStructure | None]]:
    """The headings numbered, each line cited by its own paragraph."""
    return [(f"{n}. {p.heading}", p) for n, p in enumerate(headings, start=1)]
