"""The study structure of a document, read from its archived text: headings, topic sentences, enumerated
points, thesis and conclusion.

Derived at read time, like the sentence chunks, so it needs no storage of its own and is the same after a
restart, a reindex or a replacement. Chinese policy texts say their structure out loud: numbered section
headings (一、 （一）, Markdown and Word headings), a short sentence opening a paragraph that names its topic
("提供展示舞台,激发干部潜能。"), enumerations (一是/二是, 首先/其次/最后, 一方面/另一方面, 1. 2.), a thesis
near the start and a conclusion (总之/综上) at the end. Every text here is a verbatim span of a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ingest.documents import SourceDocument
from ingest.sections import SEPARATOR, heading_label, is_annex_heading, is_question_line, numbered_heading
from ingest.textnorm import CJK, CJK_RUN
from ingest.zh_text import ADDITIVE_OPENER, CLOSING_FORMULA, CN_NUMERALS, COLONS, DOCUMENT_NUMBER, OFFICIAL_TITLES, SEMICOLONS, any_of, ends_with_colon, split_clauses, split_sentences, strip_indent, strip_sentence_end

TOPIC_MAX_CHARS = 20  # a first sentence this short, followed by more, titles its paragraph
HEADING_PARAGRAPH_MAX_CHARS = 40  # a numbered paragraph this short with one sentence is a heading line
POINT_MAX_CHARS = 40  # a longer point is shown by its opening clauses
POINT_MIN_CHARS = 8  # ... but at least this many characters of them
# A point in a list answer is shown by at least this many: 三是畅通干部进出渠道 says less than the clause after it
# (建立健全干部退出机制), which testers asked for. Matching topics keeps POINT_MIN_CHARS: longer items name more topics.
LISTED_POINT_MIN_CHARS = 16
PARALLEL_OPENING_CHARS = 8  # sentences opening with the same this many ideographs enumerate ...
PARALLEL_MIN_POINTS = 3  # ... when at least this many do (two may share a subject by chance: 质监部门要把…)

# Enumeration markers by family: points of one family make one list.
_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ordinal", re.compile(rf"^[{CN_NUMERALS}]{{1,3}}(?:是|要(?!素))")),  # 一是…二是…, a speech's 一要…二要…
    ("sequence", re.compile(r"^(?:首先|其次|再次|然后|最后|第[一二三四五六七八九十]{1,3}(?=[，,、]))")),
    ("aspect", re.compile(r"^(?:一方面|另一方面|另外一方面)")),
    ("arabic", re.compile(r"^(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|[\u2460-\u2473])")),
)
# How a list's items are told: joined within a clause (形式主义、官僚主义; A及B), as short clauses of their own (立法权，行政权，
# 司法权), or numbered as enumerated points are (_FAMILIES: 一是…, 首先…, 1. …, ①…).
_ITEM_JOINERS = re.compile(r"[、和与及或]")
_LIST_CLAUSES = re.compile(r"[，,；;。！!？?：:]")
_ITEM_CLAUSE_CHARS = 12  # a clause this short may be an item of its own; a longer one says something of one


def listed_count(text: str) -> int:
    """How many things a text lists, at most: the items joined in one clause, its short clauses, or its numbered items
    ("重点抓好质量技术检测干部、质量综合管理干部、质量行政执法干部3支队伍建设" three; the sentence naming 八项规定 fewer than eight;
    "单人剧情模式由…开始，中途须经历28个关卡，最后一战为…对决" no three)."""
    clauses = [c.strip() for c in _LIST_CLAUSES.split(text) if c.strip()]
    joined = max((len(_ITEM_JOINERS.split(c)) for c in clauses), default=0)
    short = sum(1 for c in clauses if len(c) <= _ITEM_CLAUSE_CHARS)
    numbered = max((sum(1 for c in clauses if pattern.match(c)) for _, pattern in _FAMILIES), default=0)
    return max(joined, short, numbered)


FRONT_MAX_PARAGRAPHS = 6  # an official document's number, dateline, addressees and greeting, at most (a 意见书 adds 信访人：, 信访件编号：)
FRONT_MAX_CHARS = 100  # ... each a line, not a paragraph of text
SIGNATURE_MAX_CHARS = 50  # a closing issuer-and-date line is no conclusion
_SENTENCE_END = re.compile(r"[。！？!?；;]")
# A line naming who issued or gave a text: a body (…监督管理局, …委员会), a title and a name (局长　魏承远), or the
# reporter named after a label (述职人：周立衡); not 特此通知, a 联系人 or 附件 line, a document number, a subtitle.
_REPORTER_LABELS = ("述职人", "报告人", "汇报人", "发言人", "讲话人", "执笔人", "撰稿人", "对照检查人", "检查人", "承诺人", "填报人")
_ISSUER = re.compile(
    r"^(?![^：:]*[：:])(?!.*(?:附件|特此|〔))[^。！？；]{2,40}?"
    rf"(?:局|委|厅|办公室|政府|委员会|院|中心|协会|调研组|调查组|督查组|检查组|专家组|工作组|小组|党组|考察组|巡察组|党支部|(?:{any_of(OFFICIAL_TITLES)})[\s\u3000]*[\u4e00-\u9fff]{{2,4}})$"
    rf"|^(?:{any_of(_REPORTER_LABELS)})[：:][\s\u3000]*[\u4e00-\u9fff]{{2,4}}$"
)
_YEAR_MONTH = rf"(?:\d{{4}}|[{CN_NUMERALS}〇]{{4}})\s*年\s*[\d{CN_NUMERALS}]{{1,2}}\s*月"
_DAY = rf"\s*[\d{CN_NUMERALS}]{{1,3}}\s*日"
DATE = re.compile(rf"{_YEAR_MONTH}(?:{_DAY})?")  # a date as a dateline gives it, the month only or the day too
_DATE_END = re.compile(rf"{_YEAR_MONTH}{_DAY}$")  # a signature ends with the full date
_IMPRINT = re.compile(r"^[（(]|(?:印发|编发|发布)?[）)]$")
BACK_MAX_PARAGRAPHS = 8  # a 纪要's 出席, 请假, 列席, 记录, 分送, 抄送, imprint and print run
_ATTENDANCE = "出席|列席|缺席|请假|记录人?|出席人员|列席人员"  # who attended, as a 纪要 lists them after its text
_SEAL = re.compile(r"^[（(](?:印章|公章|盖章|签章)[）)]$")  # where the seal goes, between the issuer and the date
DISTRIBUTION_LABELS = "抄送|抄报|主送|分送|报送|送|发"  # whom it goes to: a notice's 抄送, a 纪要's 送：, 发：, 分送：
CONTACT_LABELS = "联系人|联系电话|联系方式"  # whom to ask: a line after the text, and no title of what follows it
_BACK_LINE = re.compile(
    rf"^[（(]?(?:{CONTACT_LABELS}|{DISTRIBUTION_LABELS}|附件|{_ATTENDANCE})\s*[:：]|{_SEAL.pattern}"
    rf"|^[（(]共印[\d{CN_NUMERALS}]+份[）)]$|^[^。；;]{{0,40}}?{_YEAR_MONTH}{_DAY}印发$"  # its print run and imprint: （共印30份）, …2024年4月18日印发
    r"|^[\u4e00-\u9fff]{1,6}[（(]\s*(?:签名|签字|盖章|签章)\s*[）)]\s*[:：]"  # a form's 当事人（签名）：邵建国 2025年11月18日
    r"|^[（(](?:本|以上)[^）)]{0,80}(?:整理|编印|编辑|汇编|摘编|编写)[^）)]{0,80}[）)]$"
    r"|^[（(]此件[^）)]{0,12}[）)]$"  # an official document's release mark under its date: （此件公开发布）, （此件不予公开）
    r"|^[（(][^）)]{0,30}(?:供稿|来稿|供图|撰稿|记者[^）)]{0,12}|通讯员[^）)]{0,12}|来源[:：][^）)]{0,30})[）)]$"  # a news item's byline: （市市场监管局办公室供稿）
)


def is_back_line(line: str) -> bool:
    """Whether a line is one an official document ends with after its text (联系人：…, 抄送：…, （共印30份））: the plain-text
    loader keeps such a line apart from the date typed above it, so the signature still ends with its date."""
    return _BACK_LINE.match(strip_indent(line).strip()) is not None


_CONCLUSION = re.compile(r"^(?:总之|综上所述|综上|总而言之|总的来看|总的来说)")
_EMBEDDED_HEADING = re.compile(rf"^([{CJK}]{{4,8}})[ \u3000]+([{CJK}]+)")
# A lead-in before a first point ends in a colon within its first 40 characters, before any sentence's or point's end:
# "主要目标是：", "从检验情况看，问题主要集中在三个方面：", and in a handout "答：2026年重点抓好三项任务：" (the later colon).
LEAD_IN_MAX_CHARS = 60  # "…科长宋佳琪在通气会上介绍，下一步，市局将重点做好三方面工作：一是…"
_LEAD_IN = re.compile(rf"^[^。；;]{{1,{LEAD_IN_MAX_CHARS}}}")
LEAD_IN_END = re.compile(rf"[{COLONS}]")  # where a lead-in ends
_NUMBER_PREFIX = re.compile(rf"^(?:[{CN_NUMERALS}]{{1,3}}[、．.]|[（(][{CN_NUMERALS}]{{1,3}}[）)])")


@dataclass(frozen=True)
class Point:
    """One enumerated point: its full sentence, the short form shown in a list, where it is."""

    text: str
    short: str
    paragraph: int
    sentence: int  # 1-based, as the splitter numbers sentences


@dataclass(frozen=True)
class ParagraphStructure:
    number: int  # 1-based, as cited in 出处
    text: str
    section: str  # the section path the paragraph lies in ("" for none)
    heading: str  # the heading line or topic sentence, without its closing mark; "" for none
    heading_only: bool  # the paragraph is a heading line of its own (一、总体要求)
    points: tuple[Point, ...]

    @property
    def first_sentence(self) -> str:
        sentences = split_sentences(self.text)
        return sentences[0] if sentences else self.text

    def told(self) -> list[str]:
        """Its sentences after its heading, indent stripped: what it says under it. A heading glued to its
        first sentence (embedded_heading) leaves the rest of that sentence."""
        sentences = [strip_indent(s) for s in split_sentences(self.text)]
        if not self.heading or not sentences:
            return sentences
        heading, end = _glued_heading(sentences[0])
        if heading == self.heading:
            return [sentences[0][end:], *sentences[1:]]
        return sentences[1:]

    def shared_opening(self) -> str:
        """The PARALLEL_OPENING_CHARS its points all open with, when they are parallel openings; else ""."""
        openings = {strip_indent(point.text)[:PARALLEL_OPENING_CHARS] for point in self.points}
        return next(iter(openings)) if len(self.points) >= PARALLEL_MIN_POINTS and len(openings) == 1 else ""

    def parts(self) -> tuple[ParagraphStructure, ...]:
        """The paragraph's parts when its points open alike and say more after them (see _parallel_openings):
        each point with the sentences up to the next, titled by the point, numbered as the paragraph. "培养人才
        那部分" of a paragraph enumerating 凝聚共识, 培养人才, 统筹力量 is the second part, not the paragraph."""
        if not self.shared_opening():
            return ()
        sentences = split_sentences(self.text)
        starts = [point.sentence for point in self.points] + [len(sentences) + 1]
        parts = tuple(
            ParagraphStructure(self.number, "".join(sentences[start - 1 : end - 1]), self.section, strip_sentence_end(strip_indent(point.text)), False, ())
            for point, start, end in zip(self.points, starts, starts[1:])
            if end - start >= 2
        )
        headed = [(i, heading) for i, sentence in enumerate(sentences[: starts[0] - 1], start=1) if (heading := embedded_heading(sentence))]
        if not headed:
            return parts
        at, heading = headed[-1]
        points = tuple(replace(point, sentence=point.sentence - at + 1) for point in self.points)
        return (ParagraphStructure(self.number, "".join(sentences[at - 1 :]), self.section, heading, False, points), *parts)

    def glued_part(self) -> ParagraphStructure | None:
        """The part of the paragraph a heading that lost its line break opens (embedded_heading, before parallel
        points), from that heading on; None without one. Only that part of `parts` has points of its own."""
        parts = self.parts()
        return parts[0] if parts and parts[0].points else None


@dataclass(frozen=True)
class Section:
    """A section opened by a heading paragraph, with the paragraphs under it (sub-sections included)."""

    heading: ParagraphStructure
    depth: int  # 1 for a top-level section
    paragraphs: tuple[ParagraphStructure, ...]


@dataclass(frozen=True)
class DocumentStructure:
    title: str
    paragraphs: tuple[ParagraphStructure, ...]
    thesis: ParagraphStructure | None  # the paragraph whose first sentence states the thesis
    conclusion: ParagraphStructure | None
    front: tuple[ParagraphStructure, ...] = ()  # an official document's lines before its text (see _front_matter)
    signature: ParagraphStructure | None = None  # its closing issuer and date
    back: tuple[ParagraphStructure, ...] = ()  # lines after its text: 联系人, 抄送, an editor's note (see _back_matter)

    @property
    def text_paragraphs(self) -> tuple[ParagraphStructure, ...]:
        """The paragraphs a reader counts ("讲话的第三段"): the text, without the lines before it, the closing
        formula (特此报告。), an annex (附件…, 附：…台账) and the closing signature (with the issuer's line over its date: 述职人：周立衡 is no last
        paragraph), which 出处 numbers all the same."""
        skipped = {id(p) for p in (*self.front, *self.issuer_lines, *self.back)} | {id(self.signature)}
        annex = next((i for i, p in enumerate(self.paragraphs) if is_annex_heading(p.text)), len(self.paragraphs))
        text = [p for p in self.paragraphs[:annex] if id(p) not in skipped and not CLOSING_FORMULA.match(strip_indent(p.text))]
        while text and not text[-1].heading_only and _BACK_LINE.match(_line(text[-1])):
            text.pop()  # 联系人 over the 附件 line that an official document puts before its signature
        return tuple(text)

    @property
    def address(self) -> ParagraphStructure | None:
        """The line naming whom the document is sent to (各市市场监督管理局…：) or the greeting (同志们：)."""
        return next((p for p in self.front if ends_with_colon(p.text)), None)

    @property
    def dateline(self) -> ParagraphStructure | None:
        """Who issued or gave it and when: the closing signature, else an opening line holding a date."""
        return self.signature or next((p for p in self.front if DATE.search(p.text)), None)

    @property
    def issuer_lines(self) -> tuple[ParagraphStructure, ...]:
        """The dateline, with the line before it when it holds nothing but the date: a speech's "局长　魏承远"
        over "（2026年2月12日）", an issuer's name over the closing date. Who and when, as the lines say."""
        line = self.dateline
        if line is None:
            return ()
        if CJK_RUN.search(DATE.sub("", line.text)):
            return (line,)
        back = {id(p) for p in self.back}
        lines = self.front if line is not self.signature else tuple(
            p for p in self.paragraphs if p is line or (id(p) not in back and not _SEAL.match(_line(p)))
        )
        index = next(i for i, p in enumerate(lines) if p is line)
        before = lines[index - 1] if index > 0 else None
        if before is None or before.heading_only or not _ISSUER.search(strip_indent(before.text).strip()):
            return (line,)
        return (before, line)

    @property
    def document_number(self) -> ParagraphStructure | None:
        """The issuing number of an official document (江市监人〔2024〕17号)."""
        return next((p for p in self.front if DOCUMENT_NUMBER.search(p.text)), None)

    @property
    def sections(self) -> list[Section]:
        """Every section, in document order."""
        found = []
        for index, paragraph in enumerate(self.paragraphs):
            if not paragraph.heading_only:
                continue
            depth = _depth(paragraph.section)
            under = self.paragraphs[index + 1 :]
            # It ends at a heading of its level or above, or at text outside it (an annex: 附件：参训人员报名回执).
            end = next(
                (i for i, p in enumerate(under) if (p.heading_only and _depth(p.section) <= depth) or not p.section.startswith(paragraph.section)),
                len(under),
            )
            found.append(Section(paragraph, depth, tuple(under[:end])))
        return found

    def top_sections(self) -> list[Section]:
        sections = self.sections
        top = min((s.depth for s in sections), default=1)
        return [s for s in sections if s.depth == top]

    def headings(self) -> list[ParagraphStructure]:
        """Paragraphs with a heading: the top-level section headings when the document has numbered
        sections, else the paragraphs' topic sentences and the parts a heading glued into a paragraph opens
        (glued_part: from that heading on, numbered as its paragraph)."""
        top = self.top_sections()
        if len(top) >= 2:
            return [s.heading for s in top]
        found = []
        for paragraph in self.paragraphs:
            if paragraph.heading and not paragraph.heading_only:
                found.append(paragraph)
            elif (glued := paragraph.glued_part()) is not None:
                found.append(glued)  # 围绕工作主题 培养强国人才, the first of the seed essay's five parts, in its opening paragraph
        return found


def structure_of(document: SourceDocument) -> DocumentStructure:
    """The structure of an archived document."""
    return document_structure(document.title, document.paragraphs, document.sections)


def document_structure(title: str, paragraphs: Sequence[str], sections: Sequence[str]) -> DocumentStructure:
    """The structure of a document given as paragraph texts and their section labels."""
    labels = list(sections) or [""] * len(paragraphs)
    parsed = tuple(
        paragraph_structure(number, text, label, labels[number - 2] if number > 1 else "", labels[number] if number < len(labels) else "")
        for number, (text, label) in enumerate(zip(paragraphs, labels), start=1)
    )
    front = _front_matter(parsed)
    back = _back_matter(parsed)
    after_text = {id(p) for p in back}
    closing = [p for p in parsed if id(p) not in after_text and not _SEAL.match(_line(p))]
    signature = next((p for p in reversed(closing[-2:]) if _is_signature(p.text)), None)
    body = [p for p in closing if not p.heading_only and p not in front and p is not signature]
    thesis = next(iter(body), None)
    conclusion = next((p for p in reversed(body) if _CONCLUSION.match(strip_indent(p.text))), None)
    official = signature is not None or any(ends_with_colon(p.text) for p in front)
    if conclusion is None and len(body) > 2 and not (official and body[-1].section):
        conclusion = body[-1]  # an official document's last point under a section concludes nothing
    return DocumentStructure(title, parsed, thesis, conclusion if conclusion is not thesis else None, front, signature, back)


def paragraph_structure(
    number: int, text: str, section: str, previous_section: str = "", next_section: str | None = None
) -> ParagraphStructure:
    """A paragraph's heading (a heading line, a numbered opening or a short topic sentence) and its points."""
    sentences = split_sentences(text)
    stripped = strip_indent(text)
    if _is_heading_line(stripped, sentences, section, previous_section, next_section):
        return ParagraphStructure(number, text, section, heading_label(stripped) or strip_sentence_end(stripped), True, ())
    heading = ""
    points = enumerated_points(number, sentences)
    if numbered_heading(stripped) is not None and len(sentences) > 1:
        heading = strip_sentence_end(strip_indent(sentences[0]))
    elif len(sentences) > 1 and len(strip_indent(sentences[0])) <= TOPIC_MAX_CHARS and not (points and points[0].sentence == 1):
        # "一是抓思想政治建设。局党组…二是抓业务能力培训。…": a short first point heads its point, not the paragraph.
        heading = strip_sentence_end(strip_indent(sentences[0]))
    return ParagraphStructure(number, text, section, heading, False, points)


def enumerated_points(number: int, sentences: Sequence[str]) -> tuple[Point, ...]:
    """The longest run of sentences opened by markers of one family (at least two), in order; else the
    sentences of a parallel opening (see _parallel_openings)."""
    best: list[Point] = []
    for _, pattern in _FAMILIES:
        points = [
            Point(sentence, short_point(marked), number, index)
            for index, sentence in enumerate(sentences, start=1)
            if (marked := _marked(pattern, strip_indent(sentence))) is not None
        ]
        if len(points) >= 2 and len(points) > len(best):
            best = points
    if best and best[-1].sentence < len(sentences) and ADDITIVE_OPENER.match(sentences[best[-1].sentence]):
        following = sentences[best[-1].sentence]  # "此外，还应注重干部的职业发展规划": one more point
        best.append(Point(following, short_point(following), number, best[-1].sentence + 1))
    if not best:
        best = [Point(sentences[i - 1], short_point(sentences[i - 1]), number, i) for i in _parallel_openings(sentences)]
    return tuple(best)


def _marked(pattern: re.Pattern[str], sentence: str) -> str | None:
    """The sentence from where its marker opens: the start, else after a short lead-in ending in a colon
    ("主要目标是：一是…；"), not a point's own heading ("一是加强组织领导：…" is marked at the start); None
    when no marker opens it."""
    if pattern.match(sentence):
        return sentence
    found = _LEAD_IN.match(sentence)
    for colon in LEAD_IN_END.finditer(found.group() if found else "", 1):
        rest = sentence[colon.end() :]
        if rest and pattern.match(rest):
            return rest
    return None


def embedded_heading(sentence: str) -> str:
    """A heading of two parallel phrases that lost its line break, glued to the sentence after it ("围绕工作主题
    培养强国人才新时期质监干部工作…"): a space after the first, the second taken as long as it; "" for none.
    Read only before a paragraph's parallel points (ParagraphStructure.parts), which it heads."""
    return _glued_heading(strip_indent(sentence))[0]


def _glued_heading(sentence: str) -> tuple[str, int]:
    """embedded_heading of an indent-stripped sentence, and where the sentence after it starts ("", 0 for none)."""
    found = _EMBEDDED_HEADING.match(sentence)
    if found is None:
        return "", 0
    first, second = found.group(1), found.group(2)[: len(found.group(1))]
    if len(second) != len(first) or len(found.group(2)) == len(first):
        return "", 0
    return f"{first} {second}", found.start(2) + len(second)


def _parallel_openings(sentences: Sequence[str]) -> list[int]:
    """The sentences (1-based) that open alike, PARALLEL_MIN_POINTS or more of them, the same
    PARALLEL_OPENING_CHARS ideographs first: a paragraph enumerating by repeating its subject and verb
    ("质监干部工作要为质量强国凝聚共识。… 要为质量强国培养人才。… 要为质量强国统筹力量。")."""
    by_opening: dict[str, list[int]] = {}
    for index, sentence in enumerate(sentences, start=1):
        opening = strip_indent(sentence)[:PARALLEL_OPENING_CHARS]
        if len(opening) == PARALLEL_OPENING_CHARS and CJK_RUN.fullmatch(opening):
            by_opening.setdefault(opening, []).append(index)
    found = max(by_opening.values(), key=len, default=[])
    return found if len(found) >= PARALLEL_MIN_POINTS else []


def short_point(sentence: str, min_chars: int = POINT_MIN_CHARS) -> str:
    """A point as a list shows it: the whole sentence when short, else its opening clauses (verbatim), at least
    `min_chars` of them."""
    text = strip_indent(sentence)
    if len(text) <= POINT_MAX_CHARS:
        return strip_sentence_end(text).rstrip("，,、：:")
    short = ""
    for clause in split_clauses(text):
        short += clause
        if len(_NUMBER_PREFIX.sub("", short)) >= min_chars and len(short) > 4:
            break
    return strip_sentence_end(short).rstrip("，,、：:")


def _is_heading_line(text: str, sentences: Sequence[str], section: str, previous_section: str, next_section: str | None = None) -> bool:
    """A paragraph that is a heading of its own: a short numbered line, the line a section label starts at, or a
    handout's numbered question however long (5. 问：生产、销售不符合…的产品，会受到什么处罚？). A numbered
    sentence (it ends with 。) heads nothing when the next paragraph opens a section of its own: it is an item of
    a list (1. 主持局全面工作，对全县市场监管工作负总责。 2. 落实…), not "（一）加强组织领导。" over its text."""
    if len(sentences) > 1:
        return False
    if section and section != previous_section and numbered_heading(text) is not None and is_question_line(text):
        return True
    if len(text) > HEADING_PARAGRAPH_MAX_CHARS:
        return False
    numbered = numbered_heading(text) is not None
    sentence = text.endswith(("。", "！", "？"))
    item = sentence or text.endswith(tuple(SEMICOLONS))  # （二）没收查封的电热水壶340台；
    if numbered and item and next_section is not None and not next_section.startswith(section):
        return False  # a sibling follows (2. 落实…); not items under it ("（二）加强流通环节监管。" then 1. …)
    if section and section != previous_section and section.split(SEPARATOR)[-1] == heading_label(text):
        return True
    return numbered and not sentence


def _front_matter(paragraphs: Sequence[ParagraphStructure]) -> tuple[ParagraphStructure, ...]:
    """The lines before an official document's text: its number (〔2024〕17号), the speaker and date of a
    speech, an adoption note, whom it is sent to, a greeting. None of them is a sentence; the text starts
    at the first paragraph that is one (or at the first heading)."""
    front: list[ParagraphStructure] = []
    for paragraph in paragraphs[:FRONT_MAX_PARAGRAPHS]:
        text = strip_indent(paragraph.text).strip()
        if paragraph.heading_only or len(text) > FRONT_MAX_CHARS or _SENTENCE_END.search(text):
            break
        front.append(paragraph)
    return tuple(front)


def _back_matter(paragraphs: Sequence[ParagraphStructure]) -> tuple[ParagraphStructure, ...]:
    """The lines an official document ends with after its text and signature: whom to ask (联系人：…), whom it is
    copied to (抄送：…), a seal mark (（印章）), a release mark (（此件公开发布）), an editor's note (（本摘编由…整理…）) or a form's signed lines
    (记录人（签名）：…). None says anything the document stresses; "通知最后强调了什么" is answered by the text before them."""
    back: list[ParagraphStructure] = []
    for paragraph in reversed(paragraphs[-BACK_MAX_PARAGRAPHS:]):
        if paragraph.heading_only or not _BACK_LINE.match(_line(paragraph)):
            break
        back.append(paragraph)
    return tuple(back)


def _line(paragraph: ParagraphStructure) -> str:
    """A paragraph's text as a line reads, without its indent or trailing space."""
    return strip_indent(paragraph.text).strip()


def _is_signature(text: str) -> bool:
    """The issuer and date an official document ends with ("浙江省市场监督管理局 2026年8月20日"), or a 简报's imprint
    ("（滨江市市场监督管理局办公室 2025年11月10日印发）")."""
    text = _IMPRINT.sub("", strip_indent(text).strip())
    return len(text) <= SIGNATURE_MAX_CHARS and _DATE_END.search(text) is not None and not _SENTENCE_END.search(text)


def _depth(section: str) -> int:
    return section.count(SEPARATOR) + 1 if section else 0
