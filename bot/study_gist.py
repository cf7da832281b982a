"""A part told: its heading, then its items numbered, or, without items, the sentences that say its gist;
and a part asked for by position (第三段, 第二部分, 第五条).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from bot.answering import Answer
from bot.study_document import StudyDoc, Unit, unit_items
from bot.study_intent import ARTICLE, PartRef, asks_for_list
from bot.study_reply import counted_note, lines_answer, missing_answer
from ingest.sections import is_question_heading, is_question_line, numbered_heading
from ingest.structure import LISTED_POINT_MIN_CHARS, ParagraphStructure, Point, Section, short_point
from ingest.textnorm import CJK_RUN, normalize
from ingest.zh_text import (
    CLOSING_FORMULA,
    CN_NUMERALS,
    COUNTED_ITEMS,
    cn_number,
    ends_with_colon,
    gives_grounds,
    is_directive,
    opens_with_purpose,
    split_sentences,
    strip_indent,
    strip_sentence_end,
)

ANNOUNCEMENT_MAX_CHARS = 20  # a sentence counting a section's items before them, as 活动分三个阶段进行
GIST_MAX_CHARS = 120  # a paragraph without points, asked by position, is told by its heading and sentences up to this length
KEY_MAX_CHARS = 240  # ... as a topic, by its directive sentences (its measures), or by its report when it mostly reports
SECTION_WHOLE_MAX = 600  # a part asked about is told item by item in full up to this length (listed, items that are paragraphs)
_SECTION_NUMBER = re.compile(rf"第?(?:(\d{{1,2}})|([{CN_NUMERALS}]{{1,3}}))(?!\d)(?![.．]\d)")  # 2, 二, 第二 of a heading's opening


def gist_answer(question: str, doc: StudyDoc, unit: Unit, as_list: bool, titled: bool = True) -> Answer:
    """A part's gist: its heading (unless not `titled`: a question naming it has said it), then its items
    numbered (or, without items, what its paragraph says)."""
    heading = unit.heading
    whole = not as_list  # a part asked about, not its measures: read whole when short
    items = unit_items(unit, details=whole)
    as_list = as_list and len(items) >= 2  # without items, a list question gets the part's gist
    lines: list[tuple[str, ParagraphStructure]] = [] if as_list or not titled else _lead(heading)
    rest = _beside_items(unit, items) if whole and titled else None
    listed = {p.number for _, p in items}
    # "第三条消息讲了啥": the points of its last paragraph (一要…二要…) are not all a news item says
    among_others = whole and len(listed) == 1 and any(not p.heading_only and p.number not in listed for p in unit.members)
    if rest is not None:  # "总结一下第二部分" of a post: its 现任人员 and 任职条件 lines, then its duties, all short
        lines += rest
    elif len(items) >= 2 and not (among_others and heading.heading_only):
        told = _whole_items(items) if whole or _separate_paragraphs(items) else None
        if told is not None and len({p.number for _, p in told}) == 1 and len(told) != len(items):
            # A paragraph's sentences, in order, not numbered as its points would be; its opening among them.
            lines = (lines if heading.heading else []) + told
        else:
            lines += [(_numbered(n, text), p) for n, (text, p) in enumerate(told or _listed_points(items), start=1)]
    elif heading.heading_only and len(paragraphs := [p for p in unit.members if not p.heading_only and not _closes_document(p)]) >= 2:
        # A section of plain paragraphs ("三、组织领导": the 领导小组, its office, the counties' 专班): each of
        # them, in full when all fit in SECTION_WHOLE_MAX, else each one's gist; not the first alone.
        full = [(s, p) for p in paragraphs for s in p.told()]
        lines += full if sum(len(s) for s, _ in full) <= SECTION_WHOLE_MAX else _gists_within(paragraphs, whole)
    else:
        told = unit.members[0] if heading.heading_only and unit.members else heading
        # "总结一下第一部分" or "德这一部分讲了哪几点" of a part that is one paragraph under its heading: all of it, up to
        # SECTION_WHOLE_MAX, as for several
        short = titled and told is not heading and sum(map(len, told.told())) <= SECTION_WHOLE_MAX
        said = [] if told.heading_only else [(s, told) for s in (told.told() if short else _gist_sentences(told, whole))]
        if said and told is not heading and told.heading and strip_indent(told.first_sentence) != said[0][0]:
            said.insert(0, (strip_indent(told.first_sentence), told))  # 本次培训不收取培训费。: under a section, its own title is content
        lines += [line for line in said if line not in lines]  # a paragraph without a heading opened the gist already
    if as_list:
        announcing = _announcement(unit, items) or _lead_in_before(unit, items)
        if announcing is not None and heading.heading:  # "活动分三个阶段进行。": the text's own words for the count
            return lines_answer(question, doc, [(f"「{heading.heading}」：", None), announcing] + lines)
        if not heading.heading and len(unit.members) > 1 and heading not in {p for _, p in items}:  # "重点抓好五项活动：" leads in
            lead = strip_indent(heading.text).strip()
            return lines_answer(question, doc, [(lead if len(lead) <= GIST_MAX_CHARS else strip_indent(split_sentences(lead)[-1]), heading)] + lines)
        intro = f"「{heading.heading}」共{len(items)}项：" if heading.heading else f"文中共{len(items)}项："
        return lines_answer(question, doc, [(intro, None)] + lines)
    return lines_answer(question, doc, lines)


def _announcement(unit: Unit, items: list[tuple[str, ParagraphStructure]]) -> tuple[str, ParagraphStructure] | None:
    """The short paragraph before a section's items that counts them, naming what each is ("活动分三个阶段进行。"
    before 动员部署阶段 …), as written."""
    first_item = min(p.number for _, p in items)
    for paragraph in unit.members:
        if paragraph.number >= first_item:
            return None
        if paragraph.heading_only:
            continue
        text = strip_indent(paragraph.text)
        normal = normalize(text)
        counted = COUNTED_ITEMS.search(normal)
        if len(normal) > ANNOUNCEMENT_MAX_CHARS or counted is None or cn_number(counted.group()[:-1]) != len(items):
            continue
        kind = "".join(CJK_RUN.findall(normal[counted.end() : counted.end() + 2]))
        if len(kind) == 2 and all(kind in normalize(item) for item, _ in items):  # 三个阶段 of 动员部署阶段 …, not 3个部门
            return text, paragraph
    return None


def _lead_in_before(unit: Unit, items: list[tuple[str, ParagraphStructure]]) -> tuple[str, ParagraphStructure] | None:
    """The paragraph right before a section's items that leads in to them with a colon and says more before it, up to
    GIST_MAX_CHARS ("调查组组长由…郑立衡担任，副组长由…冯晓岚担任。成员如下：" before 1. 何明哲 …): the leader and deputy
    are not among the members. A lead-in alone ("主要职责：", "本局决定…作出如下行政处罚：") adds nothing to the list."""
    first_item = min(p.number for _, p in items)
    before = next((p for p in unit.members if p.number == first_item - 1 and not p.heading_only and p is not unit.heading), None)
    if before is None or not ends_with_colon(before.text):
        return None
    text = strip_indent(before.text).strip()
    return (text, before) if len(split_sentences(text)) >= 2 and len(text) <= GIST_MAX_CHARS else None


def _gists_within(paragraphs: Sequence[ParagraphStructure], whole: bool) -> list[tuple[str, ParagraphStructure]]:
    """Each paragraph's gist, in order, while they fit in SECTION_WHOLE_MAX (the first always)."""
    lines: list[tuple[str, ParagraphStructure]] = []
    size = 0
    for paragraph in paragraphs:
        gist = _gist_sentences(paragraph, whole)
        length = sum(map(len, gist))
        if lines and size + length > SECTION_WHOLE_MAX:
            break
        lines += [(s, paragraph) for s in gist]
        size += length
    return lines


def _lead(heading: ParagraphStructure) -> list[tuple[str, ParagraphStructure]]:
    """What a part's gist opens with: its heading; a paragraph without one, the sentences before its first
    point, up to GIST_MAX_CHARS ("第一段讲了什么": the thesis it opens with, then its points), and the first of them
    saying what must be done when it falls past that: the claim its points argue."""
    if heading.heading:
        return [(heading.heading, heading)]
    first_point = heading.points[0].sentence if heading.points else len(split_sentences(heading.text)) + 1
    chosen = opening_within(heading, first_point - 1, GIST_MAX_CHARS)
    if not heading.points:
        return chosen
    before = [strip_indent(s) for s in split_sentences(heading.text)[: first_point - 1]]
    # 必须高度重视质监干部队伍建设: what the opening argues, one sentence of a reader's length more
    thesis = next((s for s in before[len(chosen) :] if is_directive(s) and len(s) <= GIST_MAX_CHARS), None)
    return chosen if thesis is None else [*chosen, (thesis, heading)]


def grounds_lines(unit: Unit) -> list[tuple[str, ParagraphStructure]]:
    """Why a part's point matters, as its heading paragraph argues before its measures: the sentences after the heading
    up to its first point ("作风问题关系人心向背…。质监部门…更应高度重视作风建设…"), or, without points, up to the first
    arguing so (随着…提出了更高要求。因此,加强教育培训…显得尤为重要). [] for a part that opens on no heading or says nothing
    before its points."""
    paragraph = unit.heading
    sentences = [strip_indent(s) for s in split_sentences(paragraph.text)]
    if not paragraph.heading or not sentences or not sentences[0].startswith(paragraph.heading):
        return []
    rest = sentences[0][len(paragraph.heading) :].lstrip(" ,，。")  # 新时期… of "围绕工作主题 培养强国人才新时期…"
    glued = bool(strip_sentence_end(rest))
    body = ([rest] if glued else []) + sentences[1:]
    if paragraph.points:  # a point's sentence is counted from 1, the heading's sentence first
        lead = body[: max(0, paragraph.points[0].sentence - 2 + glued)]
        # opening on what argues (作风问题关系人心向背…, 为适应…), then the claim drawn (…更应高度重视作风建设); not on an
        # order (各单位必须高度重视，认真组织实施), which the question then goes the fact way for
        argues = bool(lead) and (opens_with_purpose(lead[0]) or (gives_grounds(lead[0]) and not is_directive(lead[0])))
        return [(s, paragraph) for s in lead] if argues else []
    # without points, up to the first sentence arguing, the measures before it left out (各科室需要每月组织一次读书会)
    grounds = next((n for n, s in enumerate(body) if gives_grounds(s) and not is_directive(s)), None)
    return [] if grounds is None else [(s, paragraph) for s in body[: grounds + 1] if not is_directive(s)]


def opening_within(paragraph: ParagraphStructure, count: int, budget: int) -> list[tuple[str, ParagraphStructure]]:
    """The paragraph's first `count` sentences, indent stripped: the first always, the others while all fit in `budget`."""
    chosen: list[tuple[str, ParagraphStructure]] = []
    for sentence in (strip_indent(s) for s in split_sentences(paragraph.text)[:count]):
        if chosen and sum(len(text) for text, _ in chosen) + len(sentence) > budget:
            break
        chosen.append((sentence, paragraph))
    return chosen


def _numbered(n: int, text: str) -> str:
    """A list's nth line; an item numbered 1., 2. as written keeps its own number (not "1. 1. 主持…")."""
    own = numbered_heading(text)
    return text if own is not None and own.style == "arabic" else f"{n}. {text}"


def _beside_items(unit: Unit, items: list[tuple[str, ParagraphStructure]]) -> list[tuple[str, ParagraphStructure]] | None:
    """A short section with paragraphs beside its items (a post's 岗位名称, 现任人员 lines before 主要职责; a meeting's
    汇报 before 会议决定： and its 会议要求： after), every paragraph in full and in order, an item that is a paragraph of its
    own numbered, when all fit in SECTION_WHOLE_MAX: its items alone leave out who holds the post, or what the meeting
    heard and asked. A titled paragraph heading the part says its own text after the heading; a closing formula
    (特此报告。) belongs to no section."""
    per_paragraph = Counter(p.number for _, p in items)
    listed = {p.number: n for n, (_, p) in enumerate(items, start=1) if per_paragraph[p.number] == 1}  # not a paragraph's points
    told = [
        p for p in unit.members
        if (not p.heading_only or p.number in listed) and not _closes_document(p)  # sub-headings listed, with their text
    ]
    if len(items) < 2 or not {p.number for p in told} - set(per_paragraph):
        return None
    if any(is_question_line(p.text) for _, p in items) and any(p.number > min(per_paragraph) for p in told if p.number not in per_paragraph):
        return None  # a handout's answers between its questions are theirs
    sentences = [(strip_indent(s), p, i) for p in told for i, s in enumerate(p.told() if p is unit.heading else split_sentences(p.text))]
    full = [(_numbered(listed[p.number], s) if p.number in listed and i == 0 else s, p) for s, p, i in sentences]
    return full if sum(len(text) for text, _ in full) <= SECTION_WHOLE_MAX else None


def _closes_document(paragraph: ParagraphStructure) -> bool:
    """A closing formula (特此报告。), which the last section's paragraphs hold though it belongs to none."""
    return CLOSING_FORMULA.match(strip_indent(paragraph.text)) is not None


def _separate_paragraphs(items: list[tuple[str, ParagraphStructure]]) -> bool:
    """Whether each listed item is a paragraph of text of its own (a chapter's articles, a list's numbered items, a
    sub-section's heading over its text): then each is shown whole when all fit (see _whole_items), since what the
    testers ask a list for (a deadline, a penalty, what a measure does) comes after the opening clause or heading:
    "4.4.2 对消费者提出的计量纠纷，市场开办者应在24小时内受理". A heading line among them stays a line ("（三）所需材料。"
    over its own list); points of one paragraph are listed as they are."""
    return len({p.number for _, p in items}) == len(items) and not all(p.heading_only for _, p in items)


def point_listed_as(text: str, paragraph: ParagraphStructure) -> Point | None:
    """The point of `paragraph` a list shows as `text` (its short form), or None for an item that is no point."""
    return next((point for point in paragraph.points if point.short == text), None)


def _listed_points(items: list[tuple[str, ParagraphStructure]]) -> list[tuple[str, ParagraphStructure]]:
    """The items, each point of a paragraph shown by LISTED_POINT_MIN_CHARS of its opening clauses (三是畅通干部进出渠道,
    建立健全干部退出机制), not the fewer that name it among the others."""
    shown = []
    for text, paragraph in items:
        point = point_listed_as(text, paragraph)
        at = point.text.find(text) if point is not None else -1  # the marker may open after a lead-in (答：…：一是…)
        shown.append((short_point(point.text[at:], LISTED_POINT_MIN_CHARS) if at >= 0 else text, paragraph))
    return shown


def _whole_items(items: list[tuple[str, ParagraphStructure]]) -> list[tuple[str, ParagraphStructure]] | None:
    """A part asked about (or listed, when its items are paragraphs: _separate_paragraphs), in full when no longer
    than SECTION_WHOLE_MAX: "总结一下第三章" wants what each article says, its deadlines and fees too, not its opening
    clause; a paragraph of points ("第二段讲了什么") is told sentence by sentence, those around its points too (此外…)."""
    paragraphs = {paragraph.number: paragraph for _, paragraph in items}
    if len(paragraphs) == 1:
        (paragraph,) = paragraphs.values()
        sentences = paragraph.told()
        return [(s, paragraph) for s in sentences] if sum(map(len, sentences)) <= SECTION_WHOLE_MAX else None
    full = []
    for text, paragraph in items:
        point = point_listed_as(text, paragraph)
        shown = is_question_line(paragraph.text) or (paragraph.heading_only and text != paragraph.heading)  # with its answer
        told = point.text if point is not None else text if shown else paragraph.text
        full.append((strip_sentence_end(strip_indent(told)), paragraph))
    return full if sum(len(text) for text, _ in full) <= SECTION_WHOLE_MAX else None


def _gist_sentences(paragraph: ParagraphStructure, whole: bool = False) -> list[str]:
    """What a paragraph without points says: all of it when `whole` is asked for ("讲了什么", not "有哪些做法")
    and it is no longer than KEY_MAX_CHARS; else its opening sentence when it has no heading, then the
    sentences that say what to do (its measures, not their background), up to KEY_MAX_CHARS, when at least
    half of its sentences direct; else its opening."""
    sentences = [strip_indent(s) for s in split_sentences(paragraph.text)]
    told = paragraph.told()
    if whole and sum(map(len, told)) <= KEY_MAX_CHARS:  # its figures are its content too
        return told
    opening = [] if paragraph.heading else sentences[:1]
    chosen: list[str] = []
    size = sum(map(len, opening))
    for sentence in sentences[1:]:
        if not is_directive(sentence):
            continue
        if chosen and size + len(sentence) > KEY_MAX_CHARS:
            break
        chosen.append(sentence)
        size += len(sentence)
    body = len(sentences) - 1
    # A paragraph that mostly reports (成绩, 问题, 情况) rather than directs is told from its opening: its few
    # directive sentences ("这些问题必须引起重视") are its close, not its content.
    return opening + chosen if chosen and 2 * _directives(sentences[1:]) >= body else _opening(paragraph, KEY_MAX_CHARS)


def _directives(sentences: Sequence[str]) -> int:
    return sum(1 for sentence in sentences if is_directive(sentence))


def _opening(paragraph: ParagraphStructure, limit: int = GIST_MAX_CHARS) -> list[str]:
    """The sentences after a paragraph's heading, up to `limit` characters, for a paragraph without points."""
    sentences = paragraph.told()
    chosen, size = [], 0
    for sentence in sentences:
        if chosen and size + len(sentence) > limit:
            break
        chosen.append(sentence)
        size += len(sentence)
    return chosen


def named_part(doc: StudyDoc, part: PartRef) -> Section | ParagraphStructure | None:
    """The top-level section or the paragraph a question names by position; None when there is none."""
    if part.unit == ARTICLE:
        return doc.articles.get(part.number)
    sections = doc.sections_by_position
    units = sections if part.unit == "section" and len(sections) >= 2 else doc.structure.text_paragraphs
    if units is sections and part.number > 0:  # "第二部分" of a standard is "2　规范性引用文件", not 前言 counted first
        numbered: dict[int, Section | ParagraphStructure] = {}
        for section in sections:
            if (number := _section_number(section)) is not None:
                numbered.setdefault(number, section)
        if len(numbered) >= 2:
            return numbered.get(part.number)  # none numbered so: no such part, not the one counted there
    index = len(units) + part.number + 1 if part.number < 0 else part.number  # -1 the last, -2 倒数第二
    return units[index - 1] if 1 <= index <= len(units) else None  # 第零段 is none, not the last


def _section_number(section: Section | ParagraphStructure) -> int | None:
    """The number a top-level section's heading gives it (二、…, 2　…, 2. …, 第二部分), or None for an unnumbered one (前言)."""
    heading = section.heading if isinstance(section, Section) else section
    text = strip_indent(heading.text)
    if numbered_heading(text) is None:
        return None
    found = _SECTION_NUMBER.match(text)
    return None if found is None else int(found.group(1)) if found.group(1) else cn_number(found.group(2))


def asks_of_questions(part: PartRef, doc: StudyDoc) -> bool:
    """Whether a part asked for as a question (第六个问题, 第十问) may be one: the document's sections are questions
    (一、问：…), not a 通报's 典型问题 or a 总结's 问题 in other words."""
    if "问" not in part.words:
        return True
    return any(is_question_heading(s.heading.text if isinstance(s, Section) else s.text) for s in doc.sections_by_position)


# A part's own title asked ("第一部分的小标题是什么", "第三段的标题叫啥"): its heading line, not its gist.
_HEADING_ASKED = re.compile(r"(?:小标题|标题|题目)(?:是|叫)?(?:什么|啥)(?:名字)?[呢吗啊呀]?[？?。！!\s]*$")  # not "…标题是啥 简单说说"


def part_heading_answer(question: str, doc: StudyDoc, part: PartRef) -> Answer | None:
    """The heading of the part a question names by position (as named_part counts parts), when it asks for that
    heading; None when the question asks no heading or the part has none."""
    if not _HEADING_ASKED.search(question):
        return None
    named = named_part(doc, part)
    if isinstance(named, Section):
        found: ParagraphStructure | None = named.heading
    elif named is not None and named.heading:
        found = named
    else:  # a heading glued into the paragraph (the seed essay's first part opens mid-paragraph)
        found = next((p for p in doc.structure.headings() if named is not None and p.number == named.number), None)
    return None if found is None or not found.heading else lines_answer(question, doc, [(found.heading, found)])


def part_answer(question: str, doc: StudyDoc, part: PartRef) -> Answer:
    """The gist of the paragraph or section a question names by position; a clear reply when there is none."""
    structure = doc.structure
    named = named_part(doc, part)
    if named is None:
        sections = doc.sections_by_position
        if part.unit == ARTICLE:
            return missing_answer(question, f"《{structure.title}》中没有{part.words}。")
        if part.unit == "section" and len(sections) >= 2:
            return missing_answer(question, f"《{structure.title}》共有{len(sections)}个部分，没有{part.words}。")
        return missing_answer(question, f"《{structure.title}》共有{len(structure.text_paragraphs)}段，没有{part.words}。")
    if isinstance(named, Section):
        return gist_answer(question, doc, Unit(named.heading, named.paragraphs), as_list=asks_for_list(question))
    return counted_note(paragraph_answer(question, doc, named), structure, part)


def paragraph_answer(question: str, doc: StudyDoc, paragraph: ParagraphStructure) -> Answer:
    """The gist of one paragraph: a heading of its own tells its section, a titled paragraph its points, a plain one its
    leading sentences."""
    if paragraph.heading_only:
        section = next(s for s in doc.structure.sections if s.heading is paragraph)
        return gist_answer(question, doc, Unit(paragraph, section.paragraphs), as_list=False)
    if not paragraph.heading and not paragraph.points:
        return lines_answer(question, doc, [(s, paragraph) for s in _gist_sentences(paragraph, whole=True)])
    return gist_answer(question, doc, Unit(paragraph, (paragraph,)), as_list=False)
