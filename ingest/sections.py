"""Numbered structure of Chinese official documents, turned into a section label per paragraph.

Official documents number their parts 一、 → （一） → 1. → （1）, regulations 第一章 → 第一节 → 第一条,
standards 4.2.1. A paragraph that starts with such a number opens a section; the label of every
paragraph is the path of the sections it lies in, e.g. "一、总体要求 > （一）工作目标", so a citation can
say where an answer comes from. Nesting follows the order in which numbering styles first appear,
which fits documents whatever style they start with.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.zh_text import COLONS, COMMAS, CN_DIGITS, ENUMERATION_COMMA, PAUSE_MARKS, SENTENCE_MARKS, strip_indent

SEPARATOR = " > "
_LEVELLED = re.compile(r"(?:md|docx)-\d+")  # the explicit heading styles of a numbered level: Markdown's md-2, Word's docx-2
LABEL_MAX_CHARS = 24

# Heading numbers stay below a thousand: "千万、" opens ordinary sentences ("千万、千万不能……").
_CN_NUMBER = CN_DIGITS + "十百两"
_OPEN = "（("
_CLOSE = "）)"
# What a figure counts or measures ("3 户困难家庭", "10 余家", "6 大类", "2 小时", "5 kg"), not a heading's first word;
# not every counter, since some open a heading's words (部门职责, 期限, 场所).
_SPACED_COUNTS = "个名人位年月日号天次项条家件台批户余多大岁元块倍种支起宗例辆只篇张万亿千百%％/A-Za-z"
_SPACED_MEASURES = "小时|分钟|公里|千米|平方|立方|毫米|厘米"
SPACED_NUMBER = "decimal-0"  # the style of "1 历史沿革"
_MARKS = re.escape(SENTENCE_MARKS + PAUSE_MARKS)
# (style, pattern, whether the rest of the paragraph is body text rather than a heading's words)
_STYLES: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    ("chapter", re.compile(rf"^第[{_CN_NUMBER}\d]{{1,4}}章"), False),
    ("part", re.compile(rf"^第[{_CN_NUMBER}\d]{{1,4}}节"), False),
    ("named-part", re.compile(rf"^第[{_CN_NUMBER}\d]{{1,3}}(?:部分|篇)(?=[\s\u3000{COLONS}]|$)"), False),  # 第二部分 重点任务
    ("article", re.compile(rf"^第[{_CN_NUMBER}\d]{{1,5}}条(?=[\s\u3000]|$)"), True),
    ("cn", re.compile(rf"^[{_CN_NUMBER}]{{1,3}}(?:、|[．.](?!\d))"), False),  # 三、2026年工作打算; not 一.5
    ("cn-paren", re.compile(rf"^[{_OPEN}][{_CN_NUMBER}]{{1,3}}[{_CLOSE}]"), False),
    ("decimal", re.compile(r"^\d{1,2}(?:\.\d{1,2})+(?=[ \u3000]+\S)"), False),
    # An encyclopedia entry's "1 历史沿革" (and "6 所获荣誉"): a bare figure and a space before a line of words
    # alone, not a count or a date a PDF spaced out ("12 月5日", "3 名干部").
    (
        SPACED_NUMBER,
        re.compile(rf"^\d{{1,2}}[ \u3000]+(?!{_SPACED_MEASURES})(?=[^\d\s{_SPACED_COUNTS}{_MARKS}][^\s…．.{_MARKS}]{{1,{LABEL_MAX_CHARS}}}$)"),
        False,
    ),
    ("arabic", re.compile(r"^\d{1,2}[.．、](?![\d.．])"), False),
    ("arabic-paren", re.compile(rf"^[{_OPEN}]\d{{1,2}}[{_CLOSE}]"), False),
    ("arabic-half-paren", re.compile(rf"^\d{{1,2}}[{_CLOSE}]"), False),
    ("circled", re.compile(r"^[\u2460-\u2473]"), False),
)
# An annex (附件, 附件2：重点任务分工表, 附表1, 附：整改台账) follows the body: it opens a section of its own at the top, under no
# heading of the body, whatever numbering came before.
_ANNEX_WORDS = ("附件", "附表", "附录")  # what opens an annex; a bare 附： only before a table, list or form (_ANNEXED)
_ANNEX = re.compile(
    rf"^(?:{'|'.join(_ANNEX_WORDS)}|附(?=\s*[{COLONS}]))\s*[\d{_CN_NUMBER}]{{0,2}}(?:\s*[{COLONS}]|\s+|$)\s*(?![\d{_CN_NUMBER}]+[、.．])"  # 附件：1.… lists the attachments
    rf"[^{re.escape(SENTENCE_MARKS + PAUSE_MARKS)}]{{0,{LABEL_MAX_CHARS + 6}}}$"
)
_ANNEX_LEVEL = -1
# What a bare 附： names when it opens an annex: a table, a list or a form, not a note.
_ANNEXED = re.compile(r"(?:表|台账|清单|名单|名册|回执|目录|汇总|明细|一览|材料|办法|方案|说明)(?:[（(][^）)]{1,6}[）)])?$")
# A heading's words end at the first sentence or clause mark.
# The 问： of a 政策解读's "一、问：考核对象包括哪些人员？": a marker, not the end of the heading's words.
_QUESTION_MARK = re.compile(rf"^(?:问|Q)\s*[{COLONS}]\s*(?=\S)")
_ANSWER_MARK = re.compile(rf"^(?:答|A)\s*[{COLONS}]\s*(?=\S)")
_QUESTION_MARK_BEFORE = re.compile(rf"(?:^|[、.．）)\s\u3000])(?:问|Q)\s*[{COLONS}]$")  # not 问题：, a 总结's problems
_INTERROGATIVE = re.compile(r"如何|怎样|怎么|为什么|为何|什么|哪|谁|多少|几|是否|吗|呢")  # not "1. 加强学习？", a heading
_HEADING_END = re.compile(rf"[{re.escape(SENTENCE_MARKS + COLONS)}]")
_CLAUSE_END = re.compile(rf"[{re.escape(COMMAS + ENUMERATION_COMMA)}]")


@dataclass(frozen=True)
class Heading:
    """A paragraph that opens a section: its numbering style (or explicit style), and its label."""

    style: str
    label: str


def numbered_heading(paragraph: str) -> Heading | None:
    """The numbered heading a paragraph starts with, or None for ordinary text."""
    text = strip_indent(paragraph)
    for style, pattern, body_follows in _STYLES:
        match = pattern.match(text)
        if not match:
            continue
        if style == "decimal":
            style = f"decimal-{match.group(0).count('.')}"
        label = match.group(0) if body_follows else _heading_words(text)
        return Heading(style, label)
    return None


def heading_topic(label: str) -> str:
    """What a heading names, without its number: "三、主要活动" → "主要活动" (an article keeps its number), and
    without the 问： of a question-and-answer heading."""
    text = strip_indent(label)
    words = _after_number(text)
    return text if words is None else _QUESTION_MARK.sub("", words)


def _after_number(text: str) -> str | None:
    """A heading's words after its number ("三、主要活动" → "主要活动"); None when no heading number opens it (or
    an article's, whose number names it)."""
    for _, pattern, body_follows in _STYLES:
        match = pattern.match(text)
        if match and not body_follows:
            return text[match.end() :].strip()
    return None


def section_labels(paragraphs: Sequence[str], explicit: Sequence[Heading | None] | None = None) -> list[str]:
    """One label per paragraph: the path of headings it lies under ("" before the first heading).

    `explicit` carries headings a format marks itself (Word heading styles, Markdown #); where it has
    none for a paragraph, numbering at the paragraph's start is used. A marked heading that is also
    numbered ties its numbering style to its level, so an unmarked "二、" still sits beside a marked "一、";
    the marked levels are known before any unmarked one, so "1." lines met before a marked "（二）" still nest under it.
    """
    numbers = [numbered_heading(paragraph) for paragraph in paragraphs]
    marks = list(explicit) if explicit is not None else [None] * len(paragraphs)
    depth = _marked_depths(numbers, marks)
    stack: list[tuple[int, str, bool]] = []  # level, label, whether the next unnumbered paragraph leaves it
    labels: list[str] = []
    ends_run = _item_runs_ends(paragraphs, numbers, marks)
    for index, (paragraph, numbered, marked) in enumerate(zip(paragraphs, numbers, marks)):
        heading = marked or numbered or _annex(paragraph)
        if heading is not None:
            level = _ANNEX_LEVEL if heading.style == "annex" else depth.setdefault(heading.style, len(depth))
            if marked and numbered:
                depth.setdefault(numbered.style, level)
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading.label, index in ends_run))
        elif stack and stack[-1][2]:
            stack.pop()
        labels.append(SEPARATOR.join(label for _, label, _ in stack))
    return labels


def _marked_depths(numbers: Sequence[Heading | None], marks: Sequence[Heading | None]) -> dict[str, int]:
    """Levels known before the paragraphs are walked, so that numbering met inside a marked section cannot rank
    above a marked level that comes later: each level the format numbers (Markdown's ##, Word's Heading 2) with the
    numbering of its headings, and before them the unmarked numbering met ahead of the first (a plain 一、 over a
    marked ### （一）). Bold lines and plain text's headlines say no level; they are placed as they first appear."""
    depth: dict[str, int] = {}
    if not any(marked is not None and _LEVELLED.fullmatch(marked.style) for marked in marks):
        return depth
    marked_seen = False
    for numbered, marked in zip(numbers, marks):
        if marked is not None and _LEVELLED.fullmatch(marked.style):
            marked_seen = True
            level = depth.setdefault(marked.style, len(depth))
            if numbered is not None:
                depth.setdefault(numbered.style, level)
        elif not marked_seen and marked is None and numbered is not None:
            depth.setdefault(numbered.style, len(depth))
    return depth


def _item_runs_ends(paragraphs: Sequence[str], numbers: Sequence[Heading | None], marks: Sequence[Heading | None]) -> set[int]:
    """The last items of runs of numbered lines with nothing between them, each saying its whole point
    (（一）云川市恒通线缆有限公司生产的电线，导体电阻项目不合格。): a list, not headings. The unnumbered paragraph after
    such a run ("对上述不合格产品，各区（县）局已依法…") belongs to the section holding the list, not to its last item.
    A last line that ends without a sentence mark ("（三）保障措施") or with a colon heads what follows."""
    ends: set[int] = set()
    run = 0
    for index, paragraph in enumerate(paragraphs):
        numbered = None if marks[index] is not None else numbers[index]
        previous = numbers[index - 1] if index and run else None
        run = run + 1 if numbered is not None and previous is not None and previous.style == numbered.style else int(numbered is not None)
        following = numbers[index + 1] if index + 1 < len(paragraphs) else None
        if run >= 2 and (following is None or following.style != numbered.style) and _says_whole_point(paragraph):
            ends.add(index)
    return ends


def _says_whole_point(paragraph: str) -> bool:
    text = strip_indent(paragraph).rstrip()
    return text.endswith(tuple(SENTENCE_MARKS)) and _after_number(text) is not None


def _annex(paragraph: str) -> Heading | None:
    text = strip_indent(paragraph)
    if not _ANNEX.match(text) or (not text.startswith(_ANNEX_WORDS) and not _ANNEXED.search(text)):
        return None  # 附：表中数据截至2024年12月底 is a note; 附：整改台账（节选） an annex
    return Heading("annex", text)


def is_annex_heading(paragraph: str) -> bool:
    """Whether the paragraph opens an annex (附件2：重点任务分工表, 附：整改台账): what follows is no part of the body."""
    return _annex(paragraph) is not None


def heading_label(text: str) -> str:
    """A short label for a heading paragraph: its words up to the first sentence mark, shortened."""
    return _heading_words(strip_indent(text))


def is_question_heading(text: str) -> bool:
    """Whether a heading asks a question of its own after a 问： marker (九、问：对考核结果不服怎么办？), as a
    政策解读's do: it is named by its question."""
    text = strip_indent(text)
    end = _HEADING_END.search(text)
    return end is not None and _QUESTION_MARK_BEFORE.search(text[: end.end()]) is not None and bool(text[end.end() :].strip())


# An exam's task, its marks after it: 简述…。（20分）, …？（本题10分）; not a scoring rule's criterion (建立…制度。（5分）).
_SCORED_PROMPT = re.compile(r"^(?:(?:简述|试述|论述|阐述|分析|说明|谈谈|请|结合).*[。？?]|.*[？?])\s*[（(](?:本题)?共?\s*\d+\s*分[）)]$")
_GLUED_ANSWER = re.compile(rf"[？?]\s*(?:答|A)\s*[{COLONS}]\s*(?=\S)")


def glued_answer(text: str) -> str | None:
    """The answer a 政策解读's question heading holds after it in one paragraph ("一、问：考核对象包括哪些人员？答：《办法》
    适用于…"), else None: what the question alone does not teach."""
    if not is_question_heading(text):
        return None
    found = _GLUED_ANSWER.search(text)
    return text[found.end() :] if found else None


def transcript_turn(text: str) -> str | None:
    """"问" or "答" for a line of a record of questions and answers (询问笔录, 知识问答: "问：…", "答：…"), else None."""
    text = strip_indent(text)
    return "问" if _QUESTION_MARK.match(text) else "答" if _ANSWER_MARK.match(text) else None


def is_question_line(text: str) -> bool:
    """Whether a line is a question a handout asks itself (3. 问：…？, 问：…？, a 思考题's "2. 如何计算违法所得？", an exam
    paper's "26．简述产品质量监督抽查的基本工作程序。（20分）"): the heading of the answer below it, if any, which it
    never answers."""
    text = strip_indent(text)
    words = _after_number(text)
    if words is not None and _SCORED_PROMPT.search(words):
        return True
    if _QUESTION_MARK.match(words if words is not None else text):
        return (words or text).rstrip().endswith(("？", "?"))
    return words is not None and words.rstrip().endswith(("？", "?")) and _INTERROGATIVE.search(words) is not None


def _heading_words(text: str) -> str:
    end = _HEADING_END.search(text)
    if end and is_question_heading(text):
        end = _HEADING_END.search(text, end.end())
    words = text[: end.start()] if end else text
    if len(words) > LABEL_MAX_CHARS:
        clause = _CLAUSE_END.search(words, 4)
        words = words[: clause.start()] if clause and clause.start() <= LABEL_MAX_CHARS else words[:LABEL_MAX_CHARS] + "…"
    return words.rstrip()
