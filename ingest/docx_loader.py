"""Word (.docx) documents: paragraphs and table rows in reading order, headings as title and sections.

Word marks headings by style ("Heading 1", the Chinese "标题 1", "Title") or by an outline level,
which is what WPS writes; either is trusted over numbering guesses. Many office documents mark them only
by type: a short paragraph set wholly in bold, with no closing mark (a 简报's headline for each item),
is a heading too. Anything python-docx cannot
open — a corrupt file, an old .doc or an encrypted file renamed to .docx — is refused with a message
that says what to do, never a traceback. So is a "zip bomb": a .docx is a zip archive, and its parts'
uncompressed sizes are checked (declared, then actual, in bounded reads) before python-docx inflates them.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ingest.documents import SourceDocument, clean_title, source_name
from ingest.errors import IngestError, empty_document, unreadable_file
from ingest.sections import SPACED_NUMBER, Heading, heading_label, numbered_heading, section_labels
from ingest.splitting import TITLE_MAX_CHARS, bounded_title
from ingest.tables import TableReader
from ingest.wrapping import join_lines
from ingest.zh_text import COLONS, SENTENCE_MARKS, full_title, title_index

log = logging.getLogger(__name__)

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "标题"}
_BODY_OUTLINE_LEVEL = 9
_TITLE_MAX_CHARS = 60
BOLD_HEADING_MAX_CHARS = 40  # a bold paragraph longer than this is emphasis, not a heading
_BOLD_HEADING = "docx-bold"  # the heading style of unnumbered bold headings: one level, placed by first appearance
# Uncompressed size of all parts together; real documents, pictures included, stay far below it.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
_READ_BLOCK = 1024 * 1024


@dataclass(frozen=True)
class _Block:
    """One paragraph as read: its text, its heading level if Word marks one (0 = title), whether it is centred."""

    text: str
    level: int | None = None
    centred: bool = False
    bold: bool = False  # every run holding text is bold


def load_docx(path: Path) -> SourceDocument:
    """Load a .docx; the title is the Title-styled paragraph, else a centred first paragraph (how official
    documents set it), else the first unnumbered heading, else the first paragraph."""
    try:
        _check_unpacked_size(path)
        document = docx.Document(str(path))
        blocks = [b for b in _blocks(document.iter_inner_content(), _Styles()) if b.text]
    except OSError as exc:
        raise unreadable_file(path, exc) from exc
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx, zipfile and lxml raise many unrelated types
        log.info("cannot open %s as .docx: %s: %s", path, type(exc).__name__, exc)
        raise IngestError(
            f"not a readable .docx file: {path} ({type(exc).__name__}: {exc})",
            f"无法打开 Word 文件《{source_name(path.name)}》：文件已损坏、已加密或不是 .docx 格式。"
            "如果是旧版 .doc 文件，请在 Word 中另存为 .docx 后重试。",
        ) from exc
    if not blocks:
        raise empty_document(path)
    title_at = _title_index(blocks)
    title = full_title([b.text for b in blocks], title_at)
    # A paragraph too long for a title stays text; the title is made from its opening words.
    body = blocks if len(title) > TITLE_MAX_CHARS else blocks[:title_at] + blocks[title_at + 1 :]
    if not body:
        raise empty_document(path)
    paragraphs = [b.text for b in body]
    above = title_at if body is not blocks else 0  # a letterhead or number printed above the title heads nothing
    explicit = [None if index < above else _heading(b) for index, b in enumerate(body)]
    name = source_name(path.name)
    return SourceDocument(
        source=name,
        title=bounded_title(clean_title(title)),
        paragraphs=paragraphs,
        metadata={"file_name": name},
        sections=section_labels(paragraphs, explicit),
    )


def _heading(block: _Block) -> Heading | None:
    """The heading a block is: by its style or outline level, else by being a short unnumbered line wholly in bold
    with no sentence end or colon (not "特此通知。", "现将有关事项通知如下：", "联系人：张三")."""
    if block.level:
        return Heading(f"docx-{block.level}", heading_label(block.text))
    text = block.text.strip()
    numbered = numbered_heading(text)
    if not block.bold or len(text) > BOLD_HEADING_MAX_CHARS or (numbered is not None and numbered.style != SPACED_NUMBER):
        # A numbered one (一、, （一）, 第一章) is placed by its numbering, bold or not; a standard's bold "1　范围" beside its
        # bold 前言 and 表1 by its bold, as a plain text's "1 历史沿革" could not be.
        return None
    if text[-1:] in SENTENCE_MARKS or any(mark in text for mark in COLONS):
        return None  # "特此通知。", "联系人：张三，电话…"
    return Heading(_BOLD_HEADING, heading_label(text))


def _check_unpacked_size(path: Path) -> None:
    """Refuse an archive that would unpack to more than MAX_UNPACKED_BYTES. The sizes the archive declares
    are checked first; then every part is read in bounded blocks, which zipfile stops at the declared size
    and checks against the part's CRC, so a part that lies about its size fails here, not in memory."""
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        declared = sum(part.file_size for part in parts)
        if declared > MAX_UNPACKED_BYTES:
            raise _too_large(path, declared)
        for part in parts:
            with archive.open(part) as stream:
                while stream.read(_READ_BLOCK):
                    pass


def _too_large(path: Path, size: int) -> IngestError:
    limit_mb = MAX_UNPACKED_BYTES // (1024 * 1024)
    return IngestError(
        f"{path}: .docx unpacks to {size} bytes, over the {MAX_UNPACKED_BYTES}-byte limit (zip bomb?)",
        f"Word 文件《{source_name(path.name)}》解压后超过 {limit_mb} MB，无法导入；如含大量图片，请删除图片后另存再试。",
    )


def _title_index(blocks: list[_Block]) -> int:
    for index, block in enumerate(blocks):
        if block.level == 0:
            return index
    at = title_index([block.text for block in blocks])
    first = blocks[at]
    if first.centred and len(first.text) <= _TITLE_MAX_CHARS and numbered_heading(first.text) is None:
        return at
    for index, block in enumerate(blocks):
        if block.level and numbered_heading(block.text) is None:
            return index
    return at


def _blocks(content: Iterator[Paragraph | Table], styles: _Styles) -> Iterator[_Block]:
    for item in content:
        if isinstance(item, Paragraph):
            yield _paragraph_block(item, styles)
        else:
            yield from _table_blocks(item, styles)


def _table_blocks(table: Table, styles: _Styles) -> Iterator[_Block]:
    """Each row is a paragraph (ingest.tables: labelled by a header row); a one-cell row is a frame around
    ordinary paragraphs, or a caption or divider between the rows."""
    reader = TableReader()
    for row in table.rows:
        cells = _distinct(row.cells)
        if len(cells) == 1:
            yield from _blocks(cells[0].iter_inner_content(), styles)
            continue
        paragraph = reader.paragraph([join_lines(cell.text.split("\n")) for cell in cells])
        if paragraph is not None:
            yield _Block(paragraph)
    closing = reader.close()
    if closing:
        yield _Block(closing)


def _paragraph_block(paragraph: Paragraph, styles: _Styles) -> _Block:
    """The paragraph's text, with its heading level: 0 for a title, N for a heading of level N."""
    facts = styles.facts(paragraph)
    level = facts.named_level
    if level is None:
        outline = _outline_level(paragraph._p)
        outline = facts.outline if outline is None else outline
        level = outline + 1 if outline is not None and outline < _BODY_OUTLINE_LEVEL else None
    alignment = paragraph.alignment
    centred = facts.centred if alignment is None else alignment == WD_ALIGN_PARAGRAPH.CENTER
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(facts.bold if run.bold is None else run.bold for run in runs)
    return _Block(join_lines(paragraph.text.split("\n")), level, centred, bold)


def _distinct(cells: list[_Cell]) -> list[_Cell]:
    """Merged cells appear once per grid column they span; keep each once."""
    seen: set[int] = set()
    unique: list[_Cell] = []
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            unique.append(cell)
    return unique


@dataclass(frozen=True)
class _StyleFacts:
    named_level: int | None
    outline: int | None
    centred: bool
    bold: bool  # the style sets its text in bold


class _Styles:
    """What each paragraph style says about headings and alignment, worked out once per style:
    python-docx scans the whole style sheet every time a paragraph's style is asked for."""

    def __init__(self) -> None:
        self._facts: dict[str | None, _StyleFacts] = {}

    def facts(self, paragraph: Paragraph) -> _StyleFacts:
        key = paragraph._p.style
        if key not in self._facts:
            self._facts[key] = _style_facts(paragraph.style)
        return self._facts[key]


def _style_facts(style: Any) -> _StyleFacts:
    if style is None:
        return _StyleFacts(None, None, False, False)
    name = (style.name or "").strip()
    match = _HEADING_STYLE.match(name)
    named = 0 if name.lower() in _TITLE_STYLES else int(match.group(1)) if match else None
    outline = alignment = bold = None
    while style is not None and (outline is None or alignment is None or bold is None):
        outline = _outline_level(style.element) if outline is None else outline
        alignment = style.paragraph_format.alignment if alignment is None else alignment
        bold = style.font.bold if bold is None else bold
        style = style.base_style
    return _StyleFacts(named, outline, alignment == WD_ALIGN_PARAGRAPH.CENTER, bool(bold))


def _outline_level(element: Any) -> int | None:
    values = element.xpath("./w:pPr/w:outlineLvl/@w:val")
    return int(values[0]) if values and str(values[0]).isdigit() else None
