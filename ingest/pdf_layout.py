"""Rebuild paragraphs from the positioned text lines of a PDF, dropping running headers and page numbers.

A PDF stores lines, not paragraphs. Chinese text wraps anywhere, with no hyphen or space to tell a
wrapped line from a paragraph's end, so the page geometry decides:

- a line that stops well short of the right edge of the text block ends its paragraph;
- an indented line (about two characters, as Chinese paragraphs are set) starts one;
- so do a change of font size, an extra-large gap between lines, and a numbered heading (一、 （一） 1.)
  after a line that ends a sentence;
- in documents that space their paragraphs apart, a gap wider than the usual line distance starts one;
- in documents that neither indent nor space their paragraphs, a line ending in 。！？： ends one too;
- consecutive centred lines, or consecutive lines set larger than the body, are one block (a title
  wrapped over two lines);
- a line opening with a clause or sentence mark (，。) never starts one.

The text's left edge is where lines following a full line start, not where most lines start: in a notice
of one-line items, most lines are first lines, indented; of those places, the leftmost that several share,
not a list's hanging indent.

Which convention a document follows is learnt from the lines that surely end a paragraph (short
ones): whether the line after them is mostly indented, or mostly set after extra space.

"Short" allows for a Latin word or number that did not fit and moved to the next line. Widths are
estimated (one em for a Chinese character, half for others), which is close enough to tell a full
line from a short one.

Running headers and footers are lines among the top or bottom two of a page that recur (digits aside)
at the same height on at least 40% of pages (two at least); page numbers ("- 3 -", "第 3 页", "3/10")
among those lines go whatever the page count.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ingest.sections import numbered_heading
from ingest.wrapping import join_lines
from ingest.zh_text import CLOSERS, COLONS, ENUMERATION_COMMA, PAUSE_MARKS, SEMICOLONS, SENTENCE_MARKS, STOPS

_EDGE_LINES = 2
_RUNNING_SHARE = 0.4
_SAME_PLACE = 4.0
_SHORT_EMS = 2.0
_INDENT_EMS = 0.8
_MAX_INDENT_EMS = 4.5
_CENTRE_EMS = 1.5
_GAP_FACTOR = 1.6
_SPACED_FACTOR = 1.15
# A paragraph-start convention (indent, extra space) counts when most sure paragraph ends show it.
_CONVENTION = 0.6
_MIN_SAMPLES = 3
_SIZE_CHANGE = 0.15
_TEXT_WIDTH_PERCENTILE = 0.9

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~\s]*(?:\d{1,4}|(?-i:[ivxlc]{1,5}))[-—–－~\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
# Which line ends close a paragraph differs from sentence ends: a colon does (a list follows on the next
# lines), a semicolon only before a numbered line (list items), an ellipsis never; built from the classes.
_SENTENCE_END = re.compile(rf"[{re.escape(STOPS + COLONS)}][{re.escape(CLOSERS)}]*$")
_CLAUSE_END = re.compile(rf"[{re.escape(STOPS + COLONS + SEMICOLONS)}][{re.escape(CLOSERS)}]*$")
_LEADING_WORD = re.compile(r"[\x21-\x7e]+")
# A line opening with a clause or sentence mark continues the line before: some layouts wrap "，" to a line's start.
# Full-width marks only: an ASCII quote or bracket opens text ("双随机、一公开"监管…, (一)加强…).
_CONTINUES = re.compile(rf"[{re.escape(''.join(ch for ch in PAUSE_MARKS + SENTENCE_MARKS + ENUMERATION_COMMA + CLOSERS if not ch.isascii()))}]")


@dataclass(frozen=True)
class Line:
    """One line of text on a page: where it starts and (about) ends, its baseline and font size, in points."""

    page: int
    x: float
    end: float
    y: float
    size: float
    text: str
    cells: tuple[str, ...] = ()  # a table row's cells (ingest.pdf_tables), which no other line joins


@dataclass(frozen=True)
class Block:
    """A rebuilt paragraph, with the font size and page of its first line; or a table row."""

    text: str
    size: float
    page: int
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Geometry:
    body_size: float
    leading: float
    left: dict[int, float]
    width: float
    uses_indent: bool
    spaced: bool

    def right(self, page: int) -> float:
        return self.left[page] + self.width


def strip_running_lines(pages: Sequence[Sequence[Line]]) -> list[list[Line]]:
    """Drop page numbers and repeated headers/footers at the top and bottom of each page."""
    ordered = [sorted(page, key=lambda line: (-line.y, line.x)) for page in pages]
    candidates = [_edges(page) for page in ordered]
    places: dict[str, Counter[int]] = {}
    for edges in candidates:
        for key, y in {(_key(line), round(line.y / _SAME_PLACE)) for line in edges}:
            places.setdefault(key, Counter())[y] += 1
    threshold = max(2.0, _RUNNING_SHARE * len(ordered))
    running = {key for key, counts in places.items() if _near_count(counts) >= threshold}
    kept: list[list[Line]] = []
    for page, edges in zip(ordered, candidates):
        drop = {id(line) for line in edges if _key(line) in running or _PAGE_NUMBER.match(line.text.strip())}
        kept.append([line for line in page if id(line) not in drop])
    return kept


def join_paragraphs(pages: Sequence[Sequence[Line]]) -> list[Block]:
    """Paragraphs in reading order, each joined from the lines layout broke it into."""
    ordered = [sorted(page, key=lambda line: (-line.y, line.x)) for page in pages]
    lines = [line for page in ordered for line in page if line.text.strip()]
    text_lines = [line for line in lines if not line.cells]
    if not text_lines:
        return [Block(line.text, line.size, line.page, line.cells) for line in lines]
    geometry = _geometry([[line for line in page if not line.cells] for page in ordered], text_lines)
    blocks: list[Block] = []
    current: list[Line] = []
    for line in lines:
        if line.cells:
            blocks.extend([_block(current)] if current else [])
            blocks.append(Block(line.text, line.size, line.page, line.cells))
            current = []
            continue
        if current and _starts_paragraph(current[-1], line, geometry):
            blocks.append(_block(current))
            current = []
        current.append(line)
    blocks.extend([_block(current)] if current else [])
    return [b for b in blocks if b.text]


def _starts_paragraph(prev: Line, line: Line, g: _Geometry) -> bool:
    em = g.body_size
    if abs(line.size - prev.size) > _SIZE_CHANGE * g.body_size:
        return True
    if _CONTINUES.match(line.text):
        return False
    gap = _SPACED_FACTOR if g.spaced else _GAP_FACTOR
    if line.page == prev.page and prev.y - line.y > gap * g.leading * max(1.0, line.size / g.body_size):
        return True
    if _centred(prev, g) and _centred(line, g):
        return False
    if abs(line.size - g.body_size) > _SIZE_CHANGE * g.body_size and not numbered_heading(line.text):
        return False
    if prev.end < g.right(prev.page) - _SHORT_EMS * em - _unbreakable_width(line):
        return True
    if line.x >= g.left[line.page] + _INDENT_EMS * em:
        return True
    if not (g.uses_indent or g.spaced) and _SENTENCE_END.search(prev.text.rstrip()):
        return True
    return bool(_CLAUSE_END.search(prev.text.rstrip()) and numbered_heading(line.text))


def _unbreakable_width(line: Line) -> float:
    """Width of the Latin word or number a line starts with: it did not fit at the end of the line before."""
    word = _LEADING_WORD.match(line.text)
    return 0.5 * line.size * len(word.group(0)) if word else 0.0


def _centred(line: Line, g: _Geometry) -> bool:
    left, right = g.left[line.page], g.right(line.page)
    indented = line.x >= left + 2 * g.body_size
    return indented and abs((line.x + line.end) / 2 - (left + right) / 2) < _CENTRE_EMS * g.body_size


def _block(lines: list[Line]) -> Block:
    return Block(join_lines(line.text for line in lines), lines[0].size, lines[0].page)


def _geometry(pages: list[list[Line]], lines: list[Line]) -> _Geometry:
    size = body_size(lines)
    body = [line for line in lines if abs(line.size - size) <= _SIZE_CHANGE * size] or lines
    in_body = set(body)
    full = _percentile([line.end for line in body], _TEXT_WIDTH_PERCENTILE) - _SHORT_EMS * size
    continued = [[line.x for prev, line in itertools.pairwise(p for p in page if p in in_body) if prev.end >= full] for page in pages]
    doc_left = _leftmost([x for xs in continued for x in xs], _MIN_SAMPLES)
    if doc_left is None:
        doc_left = _mode(line.x for line in body)
    left: dict[int, float] = {}
    for line in lines:
        left.setdefault(line.page, doc_left)
    for page, xs in zip(pages, continued):
        page_body = [line for line in page if line in in_body]
        if (page_left := _leftmost(xs, 2)) is not None:
            left[page_body[0].page] = page_left
        elif len(page_body) >= 5:
            left[page_body[0].page] = _mode(line.x for line in page_body)
    width = _percentile([line.end - left[line.page] for line in body], _TEXT_WIDTH_PERCENTILE)
    leading = _leading(pages, size)
    rough = _Geometry(size, leading, left, width, uses_indent=False, spaced=False)
    indents, gaps, ends = _paragraph_starts(pages, in_body, rough)
    if ends >= _MIN_SAMPLES:
        return replace(rough, uses_indent=indents >= _CONVENTION * ends, spaced=gaps >= _CONVENTION * ends)
    indented = [
        line
        for line in body
        if _INDENT_EMS * size <= line.x - left[line.page] <= _MAX_INDENT_EMS * size
        and line.end >= rough.right(line.page) - _SHORT_EMS * size
    ]
    return replace(rough, uses_indent=len(indented) >= 2)


def _paragraph_starts(pages: list[list[Line]], body: set[Line], g: _Geometry) -> tuple[int, int, int]:
    """How this document starts paragraphs, learnt where a paragraph surely ended (a short body line):
    (next line indented, next line after a wider gap, such ends)."""
    indents = gaps = ends = 0
    for page in pages:
        lines = [line for line in page if line in body]
        for prev, line in itertools.pairwise(lines):
            if prev.end >= g.right(prev.page) - _SHORT_EMS * g.body_size or _centred(prev, g):
                continue
            ends += 1
            indents += line.x >= g.left[line.page] + _INDENT_EMS * g.body_size
            gaps += prev.y - line.y > _SPACED_FACTOR * g.leading
    return indents, gaps, ends


def body_size(lines: Sequence[Line] | Sequence[Block]) -> float:
    """The font size most characters are set in."""
    weights: Counter[float] = Counter()
    for line in lines:
        weights[round(line.size * 2) / 2] += len(line.text)
    return weights.most_common(1)[0][0]


def _leading(pages: Sequence[Sequence[Line]], body_size: float) -> float:
    """The usual distance between consecutive body lines."""
    steps: Counter[float] = Counter()
    for page in pages:
        body = [line for line in page if abs(line.size - body_size) <= _SIZE_CHANGE * body_size]
        for upper, lower in itertools.pairwise(body):
            step = round(upper.y - lower.y, 0)
            if step > 0:
                steps[step] += 1
    return steps.most_common(1)[0][0] if steps else body_size * 1.5


def _edges(page: list[Line]) -> list[Line]:
    if len(page) <= 2 * _EDGE_LINES:
        return list(page)
    return page[:_EDGE_LINES] + page[-_EDGE_LINES:]


def _key(line: Line) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


def _near_count(places: Counter[int]) -> int:
    """How many pages put a line at (about) its most common height: headers keep their place."""
    top = places.most_common(1)[0][0]
    return sum(count for place, count in places.items() if abs(place - top) <= 1)


def _leftmost(xs: list[float], times: int) -> float | None:
    """The leftmost place at least `times` of these line starts share: a list's hanging indent, to the right of
    the text's edge, is no edge even where its lines outnumber the prose's."""
    counts: Counter[int] = Counter(round(x) for x in xs)
    places = [place for place, count in counts.items() if count + counts[place - 1] + counts[place + 1] >= times]
    return float(min(places)) if places else None


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _mode(values: Iterable[float]) -> float:
    counts: Counter[int] = Counter(round(v) for v in values)
    return float(counts.most_common(1)[0][0]) if counts else 0.0
