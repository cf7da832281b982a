"""Loaders: one function per file type, each returning a SourceDocument; plain text and Markdown live here.

Add a type by writing `load_x(path) -> SourceDocument` (in its own module when it needs a parser
library) and registering its suffix in LOADERS.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ingest.decoding import decode_text, is_blank
from ingest.documents import SourceDocument, clean_title, source_name
from ingest.errors import IngestError, empty_document, unreadable_file
from ingest.sections import Heading, heading_label, numbered_heading, section_labels
from ingest.splitting import TITLE_MAX_CHARS, bounded_title
from ingest.structure import is_back_line
from ingest.tables import markdown_table_rows, starts_markdown_table, table_paragraphs
from ingest.textnorm import CJK_RUN
from ingest.zh_text import CLOSERS, COLONS, SENTENCE_MARKS, STOPS, ends_with_colon, full_title, strip_indent, title_index

Loader = Callable[[Path], SourceDocument]

_URL = re.compile(r"https?://\S+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_BULLET = re.compile(r"^\s{0,3}(?:[-*+]|>)\s+")
_MD_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+")
_MD_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_ATTRIBUTION_MAX_CHARS = 300
# The wording of a scrape credit ("…由互联网用户分享整理。文章地址:http…", "原文链接：", "来源：…网");
# a paragraph with a URL but none of this is content.
_CREDIT = re.compile(r"(?:文章|原文|本文|网页|页面)(?:地址|链接|网址|出处)|来源[:：]|转载|分享整理|整理发布|source\s*:", re.IGNORECASE)
# Marks a Markdown heading line, followed by its level digit, through paragraph splitting; a heading
# is always a paragraph of its own. A private-use character, and only Markdown lines are read for it.
_HEADING_MARK = "\ue000"


def load_text(path: Path) -> SourceDocument:
    """Plain text: first line is the title, blank lines (or single lines) separate paragraphs."""
    return _build(path, _read_lines(path))


def load_markdown(path: Path) -> SourceDocument:
    """Markdown: the first heading is the title, later headings open sections; markers are dropped from the text.

    A heading, list item or code fence starts a block of its own even without a blank line before or
    after it, as Markdown renders it; otherwise `## 二、时间安排` would run into the sentence under it.
    Lines inside code fences are kept as they are, without the fences.
    """
    raw = _read_lines(path)
    separate = _blank_separated(raw)
    raw, tables = _tables_as_paragraphs(raw, separate)
    lines = []
    fenced = False
    for index, line in enumerate(raw):
        if index in tables:
            lines.append(line)
            continue
        if _MD_FENCE.match(line):
            fenced = not fenced
            if separate:
                lines.append("")
            continue
        heading = None if fenced else _MD_HEADING.match(line)
        if separate and (heading or (not fenced and _MD_LIST_ITEM.match(line))):
            lines.append("")
        if not fenced:
            line = _inline_text(_MD_BULLET.sub("", _MD_HEADING.sub("", line)))
        if heading:
            # Marked by position, not by text: a body paragraph that repeats a heading's words is no heading.
            level = heading.group(0).count("#")
            lines.append(f"{_HEADING_MARK}{level}{strip_indent(line)}")
            if separate:
                lines.append("")
        else:
            lines.append(line)
    return _build(path, lines, markdown=True)


def _inline_text(line: str) -> str:
    """A line without Markdown's inline marks, as it renders: **强化质量基础。** is bold text, not asterisks; `代码`
    and [链接文字](网址) show their text."""
    line = _MD_STRONG.sub(r"\2", line)
    line = _MD_CODE.sub(r"\1", line)
    return _MD_LINK.sub(r"\1", line)


_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_CODE = re.compile(r"`([^`]+)`")
_MD_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\([^)\s]+\)")


def _tables_as_paragraphs(lines: list[str], separate: bool) -> tuple[list[str], set[int]]:
    """Each pipe table outside code fences as one paragraph per row (ingest.tables), not one run of lines;
    with the indices of those paragraphs, which are text to keep as it is, not Markdown to read (a cell
    "# " or "> 90分" is no heading or quote)."""
    out: list[str] = []
    tables: set[int] = set()
    fenced = False
    at = 0
    while at < len(lines):
        line = lines[at]
        if _MD_FENCE.match(line):
            fenced = not fenced
        if fenced or not starts_markdown_table(lines, at):
            out.append(line)
            at += 1
            continue
        end = at + 2
        while end < len(lines) and "|" in lines[end] and lines[end].strip():
            end += 1
        for paragraph in table_paragraphs(markdown_table_rows(lines[at:end]) or []):
            out.extend([""] if separate else [])
            tables.add(len(out))
            out.append(paragraph)
        out.extend([""] if separate else [])
        at = end
    return out, tables


def load_docx(path: Path) -> SourceDocument:
    from ingest.docx_loader import load_docx as load

    return load(path)


def load_pdf(path: Path) -> SourceDocument:
    from ingest.pdf_loader import load_pdf as load

    return load(path)


# The Word and PDF parsers are imported on first use: every `ask` would otherwise pay ~0.3 s for them.
LOADERS: dict[str, Loader] = {
    ".txt": load_text,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".docx": load_docx,
    ".pdf": load_pdf,
}


def supported_suffixes() -> list[str]:
    """File name endings an upload may have, for help texts and folder imports."""
    return sorted(LOADERS)


def load_document(path: Path) -> SourceDocument:
    """Load any supported file, raising IngestError with a clear reason for anything unusable."""
    name = source_name(path.name)
    if not path.exists():
        raise IngestError(f"no such file: {path}", f"找不到文件：{path}")
    if not path.is_file():
        raise IngestError(f"not a regular file: {path}", f"不是文件：{path}")
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        kinds = "、".join(supported_suffixes())
        raise IngestError(
            f"unsupported file type {path.suffix or '(none)'}: {path}",
            f"不支持的文件类型《{name}》，目前支持：{kinds}",
        )
    return loader(path)


def _read_lines(path: Path) -> list[str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise unreadable_file(path, exc) from exc
    if is_blank(raw):
        raise empty_document(path)
    return decode_text(raw, source_name(path.name)).replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _build(path: Path, lines: list[str], markdown: bool = False) -> SourceDocument:
    blocks = _paragraph_blocks(lines)
    blocks, levels = _heading_levels(blocks) if markdown else (blocks, [None] * len(blocks))
    if not blocks:
        raise empty_document(path)
    at = title_index(blocks)
    if len(blocks[at]) > TITLE_MAX_CHARS:
        # A paragraph, not a title: it stays text, and the title is made from its opening words.
        title, paragraphs, levels = bounded_title(blocks[at]), blocks, levels
    else:
        # The letterhead and number above an official document's title stay text: 文号 is asked about.
        title, paragraphs, levels = full_title(blocks, at), blocks[:at] + blocks[at + 1 :], levels[:at] + levels[at + 1 :]
    name = source_name(path.name)
    metadata = {"file_name": name}
    if paragraphs and _is_attribution(paragraphs[-1]):
        attribution = paragraphs.pop()
        levels.pop()
        metadata["attribution"] = attribution
        url = _URL.search(attribution)
        if url:
            metadata["source_url"] = url.group(0)
    if not paragraphs:
        if len(title) < 40:
            raise empty_document(path)
        title, paragraphs, levels = Path(name).stem, [title], [None]
    explicit = [None if level is None else Heading(f"md-{level}", heading_label(p)) for p, level in zip(paragraphs, levels)]
    if not markdown:
        explicit = [Heading(_HEADLINE, heading_label(p)) if p in headlines else None for p in paragraphs] if (headlines := _headlines(paragraphs)) else explicit
    return SourceDocument(
        source=name,
        title=bounded_title(clean_title(title)),
        paragraphs=paragraphs,
        metadata=metadata,
        sections=section_labels(paragraphs, explicit),
    )


def _headlines(paragraphs: list[str]) -> set[str]:
    """The headlines of plain text's items (a 工作信息 or 简报 of several news items, each under its own line): short
    lines with no sentence or clause mark, not numbered, each before a paragraph of text. Two or more of them, as
    a Word file's bold ones: one such line alone may be a subtitle or a signature."""
    lines = [strip_indent(p).strip() for p in paragraphs]
    found = {
        paragraph
        for paragraph, text, after in zip(paragraphs, lines, lines[1:])
        if len(text) <= HEADLINE_MAX_CHARS and CJK_RUN.search(text) and not _UNHEADLINED.search(text)
        and not text.startswith(_OPENING_BRACKETS) and numbered_heading(text) is None
        and len(after) > HEADLINE_MAX_CHARS and after[-1:] in SENTENCE_MARKS
    }
    return found if len(found) >= 2 else set()


HEADLINE_MAX_CHARS = 40
_HEADLINE = "txt-headline"  # one level, placed by first appearance, as a Word file's bold headings
_UNHEADLINED = re.compile(rf"[{re.escape(SENTENCE_MARKS + COLONS)}\s]")  # nor a by-line (…质量发展股　孙志远)
_OPENING_BRACKETS = ("（", "(", "【", "[")


def _heading_levels(blocks: list[str]) -> tuple[list[str], list[int | None]]:
    """The blocks without heading marks, and each block's heading level (None for body text)."""
    levels: list[int | None] = []
    texts: list[str] = []
    for block in blocks:
        marked = len(block) > 1 and block[0] == _HEADING_MARK and block[1].isdigit()
        levels.append(int(block[1]) if marked else None)
        texts.append(block[2:] if marked else block)
    return texts, levels


def _title_and_body(lines: list[str]) -> tuple[str, list[str]]:
    """The first non-blank line and the lines after it, without blank lines at either end."""
    stripped = [strip_indent(line) for line in lines]
    while stripped and not stripped[0]:
        stripped.pop(0)
    if not stripped:
        return "", []
    title, body = stripped[0], stripped[1:]
    while body and not body[0]:
        body.pop(0)
    while body and not body[-1]:
        body.pop()
    return title, body


def _blank_separated(lines: list[str]) -> bool:
    """Whether blank lines separate the paragraphs (otherwise every line is a paragraph of its own)."""
    return not all(_title_and_body(lines)[1])


def _paragraph_blocks(lines: list[str]) -> list[str]:
    """The title line, then paragraphs: blank lines separate them; without any blank line, each line stands alone.
    In a block that opens with a bare heading ("一、聚焦安全底线" over "（一）特种设备安全监管" and "1．…"), each line
    with a heading number opens a paragraph too: a 总结 pasted with blank lines between its parts alone keeps its
    items apart, as typed; a lead-in's items (含义：（一）…（二）…) stay with it. A block that opens with a numbered item
    keeps each of its items, numbered alike, a paragraph of its own (_next_item). A line the text ends with (（联系人：…）,
    抄送：…) is a paragraph of its own too: typed under the date, it is no part of the signature."""
    title, body = _title_and_body(lines)
    if not title:
        return []
    if all(body):
        return [title, *body]
    blocks: list[str] = []
    current: list[str] = []
    in_block = False  # within a block of lines between blank lines
    under_heading = False  # ... that opens with a bare heading
    for line in [*body, ""]:
        if not line:
            if current:
                blocks.append("".join(current))
            current, in_block = [], False
            continue
        if not in_block:
            in_block, under_heading = True, _bare_heading(line)
        elif is_back_line(line) or (under_heading and _opens_paragraph(line, current)) or _next_item(line, current):
            blocks.append("".join(current))
            current = []
        current.append(line)
    return [title, *blocks]


def _bare_heading(line: str) -> bool:
    """A numbered line that only names its part (一、聚焦安全底线): a block it opens holds its part's lines as typed,
    not a paragraph wrapped over lines."""
    return numbered_heading(line) is not None and not any(mark in line for mark in SENTENCE_MARKS + COLONS)


def _opens_paragraph(line: str, current: list[str]) -> bool:
    """Under a bare heading: whether a line starts a paragraph of its own. Any line after the heading alone does; a
    numbered one after a finished sentence or another bare heading does, but not after a lead-in (下列用语的含义：,
    whose items are its own) unless it is a titled item of sentences (重点抓好五项活动： over "（一）开展“质量开放日”活动。
    组织…。"), nor in the middle of a clause (…第八十四条第 / （一）项规定处罚, a wrapped line)."""
    if len(current) == 1 and _bare_heading(current[0]):
        return True
    if numbered_heading(line) is None:
        return False
    last = current[-1].rstrip()
    if any(ends_with_colon(previous) for previous in current):
        return _titled_item(line) and last.endswith(tuple(COLONS + SENTENCE_MARKS))
    return last.endswith(tuple(SENTENCE_MARKS)) or _bare_heading(current[-1])


def _next_item(line: str, current: list[str]) -> bool:
    """In a block that opens with a numbered item, whether a line is the next item, numbered alike after a finished
    sentence: items typed one per line with no blank line between ("（一）…变更登记。" over "（二）设备停用…"), not one
    paragraph wrapped over lines."""
    opening, item = numbered_heading(current[0]), numbered_heading(line)
    return opening is not None and item is not None and item.style == opening.style and current[-1].rstrip().endswith(tuple(SENTENCE_MARKS))


def _titled_item(line: str) -> bool:
    """A numbered line of more than one sentence: an item's title and its text, a paragraph as a 讲话 or 方案 types it;
    not a clause ending in ；, nor one sentence ending in a quotation's closing mark (…。”)."""
    return any(mark in line.rstrip().rstrip(CLOSERS)[:-1] for mark in STOPS)


def _is_attribution(paragraph: str) -> bool:
    """A scraped 'shared by … address: http…' line at the end belongs to metadata, not to the text;
    it takes both a URL and a credit's wording, so a last paragraph that merely cites a web page stays."""
    return len(paragraph) <= _ATTRIBUTION_MAX_CHARS and bool(_URL.search(paragraph)) and bool(_CREDIT.search(paragraph))
