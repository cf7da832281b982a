"""PDF documents with a text layer, read with pypdf; scanned, encrypted or corrupt PDFs are refused clearly.

pypdf hands over text fragments with their position and font size; this module turns them into
positioned lines and leaves paragraphs, headers and page numbers to `ingest.pdf_layout`.

A page's content is a compressed stream that a few kilobytes can inflate to gigabytes. pypdf stops any
one stream at its own limit (75 MB by default) but then extracts no text from the page without a word;
such a page, or pages that together unpack to more than MAX_CONTENT_BYTES, get the file refused as too
large rather than mistaken for a scan.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Sequence
from typing import Any

from pypdf import PdfReader
from pypdf.errors import LimitReachedError

from ingest.documents import SourceDocument, clean_title, source_name
from ingest.errors import IngestError, empty_document, unreadable_file
from ingest.pdf_layout import Block, Line, body_size, join_paragraphs, strip_running_lines
from ingest.pdf_tables import Piece, Row, find_rows
from ingest.sections import numbered_heading, section_labels
from ingest.splitting import bounded_title
from ingest.tables import CELL_SEPARATOR, table_paragraphs
from ingest.textnorm import has_cjk
from ingest.zh_text import DOCUMENT_KINDS, any_of

log = logging.getLogger(__name__)

# Fewer visible characters than this in the whole document means there is no text layer to speak of.
_MIN_CHARS = 10
# Share of characters that must be ordinary (CJK, Latin, punctuation) for extracted text to be trusted;
# fonts without a Unicode map come out as private-use or control characters.
_MIN_ORDINARY_SHARE = 0.7
_SAME_LINE = 0.4
_WORD_GAP_EMS = 0.8
_TITLE_SIZE = 1.15
_TITLE_MAX_CHARS = 60
# Page content streams of the whole document, unpacked; a text PDF of a thousand pages needs a few dozen MB.
MAX_CONTENT_BYTES = 200 * 1024 * 1024
_TITLE_WORDS = re.compile(rf"({any_of(DOCUMENT_KINDS)})$")
_ORDINARY = ((0x20, 0x7F), (0xA0, 0x250), (0x370, 0x530), (0x2000, 0x2C00), (0x3000, 0x3040), (0x3400, 0xA000), (0xFF00, 0xFFF0))


@dataclass(frozen=True)
class _Fragment:
    x: float
    y: float
    size: float
    width: float
    text: str


def load_pdf(path: Path) -> SourceDocument:
    """Load a PDF's text layer as paragraphs, or refuse a scanned, garbled, encrypted or damaged file."""
    reader = _open(path)
    pages = _read_pages(reader, path)
    body = strip_running_lines(pages)
    text = "".join(line.text for page in body for line in page)
    visible = [ch for ch in text if not ch.isspace()]
    if len(visible) < _MIN_CHARS:
        raise IngestError(
            f"PDF has no text layer (scanned?): {path}",
            f"PDF《{source_name(path.name)}》中没有可提取的文字（可能是扫描件），请提供文字版。",
        )
    if sum(1 for ch in visible if _ordinary(ch)) / len(visible) < _MIN_ORDINARY_SHARE:
        raise IngestError(
            f"PDF text layer is not readable text (fonts without a Unicode map?): {path}",
            f"PDF《{source_name(path.name)}》中的文字无法正确提取（字体缺少编码信息），请提供 Word 版或可复制文字的 PDF。",
        )
    blocks = join_paragraphs(body)
    title, paragraphs = _title_and_paragraphs(blocks, reader, path)
    if not paragraphs:
        raise empty_document(path)
    name = source_name(path.name)
    return SourceDocument(
        source=name,
        title=bounded_title(title),
        paragraphs=paragraphs,
        metadata={"file_name": name, "pages": str(len(pages))},
        sections=section_labels(paragraphs),
    )


def _open(path: Path) -> PdfReader:
    try:
        reader = PdfReader(str(path))
        encrypted = reader.is_encrypted
    except OSError as exc:
        raise unreadable_file(path, exc) from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types for damaged files
        raise _corrupt(path, exc) from exc
    if encrypted:
        try:
            unlocked = bool(reader.decrypt(""))
        except Exception as exc:  # noqa: BLE001 - unsupported ciphers raise their own types
            log.info("cannot decrypt %s: %s: %s", path, type(exc).__name__, exc)
            unlocked = False
        if not unlocked:
            raise IngestError(f"encrypted PDF: {path}", f"PDF《{source_name(path.name)}》已加密，无法读取，请提供未加密的版本。")
    return reader


def _read_pages(reader: PdfReader, path: Path) -> list[list[Line]]:
    try:
        pages = list(reader.pages)
    except Exception as exc:  # noqa: BLE001 - a broken page tree
        raise _corrupt(path, exc) from exc
    if not pages:
        raise _corrupt(path, ValueError("no pages"))
    lines: list[list[Line]] = []
    failures = unpacked = 0
    for number, page in enumerate(pages):
        try:
            unpacked += _content_bytes(page)
            lines.append(_page_lines(page, number))
        except LimitReachedError as exc:
            raise _too_large(path, str(exc)) from exc
        except Exception as exc:  # noqa: BLE001 - one damaged page should not lose the others
            log.warning("%s: cannot extract text from page %d: %s: %s", path, number + 1, type(exc).__name__, exc)
            failures += 1
            lines.append([])
        if unpacked > MAX_CONTENT_BYTES:
            raise _too_large(path, f"page contents unpack to {unpacked} bytes by page {number + 1}")
    if failures == len(pages):
        raise _corrupt(path, RuntimeError("no page could be read"))
    return lines


def _content_bytes(page: Any) -> int:
    """Size of the page's unpacked content stream; pypdf raises LimitReachedError for a stream over its limit
    (text extraction would swallow it). The unpacked data stays cached for the extraction that follows."""
    contents = page.get_contents()
    return len(contents.get_data()) if contents is not None else 0


def _page_lines(page: Any, number: int) -> list[Line]:
    """Fragments pypdf reports, grouped into lines by baseline and ordered left to right."""
    fragments: list[_Fragment] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, font_size: float) -> None:
        if not text.strip():
            return
        a, b, c, d, e, f = _multiply(tm, cm)
        size = abs(font_size) * (math.hypot(c, d) or 1.0)
        scale = abs(font_size) * (math.hypot(a, b) or 1.0)
        for offset, part in enumerate(text.split("\n")):
            if part.strip():
                fragments.append(_Fragment(e, f - offset * size * 1.2, size, _ems(part) * scale, part))

    page.extract_text(visitor_text=visit)
    fragments.sort(key=lambda fr: (-fr.y, fr.x))
    groups: list[list[_Fragment]] = []
    for fragment in fragments:
        if groups and abs(groups[-1][0].y - fragment.y) <= _SAME_LINE * max(fragment.size, groups[-1][0].size):
            groups[-1].append(fragment)
        else:
            groups.append([fragment])
    lines: list[Line] = []
    for found in find_rows([_pieces(group) for group in groups]):
        if isinstance(found, Row):
            lines.append(Line(page=number, x=found.x, end=found.end, y=found.y, size=found.size, text=CELL_SEPARATOR.join(found.cells), cells=found.cells))
        else:
            lines.append(_line(found, number))
    return lines


def _pieces(group: list[_Fragment]) -> list[Piece]:
    """A baseline's fragments, left to right, joined where no gap wider than a space parts them."""
    group.sort(key=lambda fr: fr.x)
    runs: list[list[_Fragment]] = []
    end = group[0].x
    for fragment in group:
        if runs and fragment.x - end <= _WORD_GAP_EMS * fragment.size:
            runs[-1].append(fragment)
        else:
            runs.append([fragment])
        end = max(end, fragment.x + fragment.width)
    return [
        Piece(
            x=run[0].x,
            end=max(fr.x + fr.width for fr in run),
            y=run[0].y,
            size=Counter(round(fr.size, 1) for fr in run).most_common(1)[0][0],
            text="".join(fr.text.strip("\r") for fr in run),
        )
        for run in runs
    ]


def _line(pieces: Sequence[Piece], page: int) -> Line:
    """Pieces of one baseline as a line of text, a space where a gap parts them."""
    size = Counter(piece.size for piece in pieces).most_common(1)[0][0]
    text = " ".join(piece.text for piece in pieces)
    return Line(page=page, x=pieces[0].x, end=max(piece.end for piece in pieces), y=pieces[0].y, size=size, text=text.strip())


def _multiply(tm: list[float], cm: list[float]) -> tuple[float, float, float, float, float, float]:
    """The text matrix in page space: tm × cm, both as PDF's [a b c d e f]."""
    a = tm[0] * cm[0] + tm[1] * cm[2]
    b = tm[0] * cm[1] + tm[1] * cm[3]
    c = tm[2] * cm[0] + tm[3] * cm[2]
    d = tm[2] * cm[1] + tm[3] * cm[3]
    e = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
    f = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
    return a, b, c, d, e, f


def _ems(text: str) -> float:
    """Approximate advance in ems: wide (CJK, full-width) characters take one, others half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def _ordinary(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code < high for low, high in _ORDINARY)


def _title_and_paragraphs(blocks: list[Block], reader: PdfReader, path: Path) -> tuple[str, list[str]]:
    """A title set larger than the body on the first page, else a short first block, else the PDF's own title."""
    if not blocks:
        raise empty_document(path)
    body = body_size(blocks)
    first_page = blocks[0].page
    large = [
        i
        for i, block in enumerate(blocks)
        if block.page == first_page and block.size >= _TITLE_SIZE * body and len(block.text) <= _TITLE_MAX_CHARS
    ]
    named = [i for i in large if _TITLE_WORDS.search(blocks[i].text)]
    chosen = (named or large or [None])[0]
    first = blocks[0].text
    if chosen is None and len(first) <= _TITLE_MAX_CHARS and numbered_heading(first) is None:
        chosen = 0
    paragraphs = _with_table_rows([block for i, block in enumerate(blocks) if i != chosen])
    if chosen is not None:
        return clean_title(blocks[chosen].text), paragraphs
    return _metadata_title(reader) or Path(source_name(path.name)).stem, paragraphs


def _with_table_rows(blocks: list[Block]) -> list[str]:
    """Block texts, each run of table rows read as one table (ingest.tables): labelled by its header row, which a
    page break repeats."""
    paragraphs: list[str] = []
    rows: list[tuple[str, ...]] = []
    for block in [*blocks, None]:
        if block is not None and block.cells:
            rows.append(block.cells)
            continue
        if rows:
            paragraphs.extend(table_paragraphs(rows))
            rows = []
        if block is not None:
            paragraphs.append(block.text)
    return paragraphs


def _metadata_title(reader: PdfReader) -> str:
    try:
        title = (reader.metadata or {}).get("/Title") or ""
    except Exception:  # noqa: BLE001 - a damaged info dictionary only costs the title
        return ""
    title = str(title).strip()
    return title if has_cjk(title) and "Microsoft Word" not in title else ""


def _too_large(path: Path, why: str) -> IngestError:
    return IngestError(
        f"PDF content unpacks beyond the limits (decompression bomb?): {path} ({why})",
        f"PDF《{source_name(path.name)}》的页面内容解压后过大（超过 {MAX_CONTENT_BYTES // (1024 * 1024)} MB 或单个数据流超限），无法导入；请提供正常导出的 PDF 或 Word 版。",
    )


def _corrupt(path: Path, exc: Exception) -> IngestError:
    log.info("cannot open %s as PDF: %s: %s", path, type(exc).__name__, exc)
    return IngestError(
        f"not a readable PDF: {path} ({type(exc).__name__}: {exc})",
        f"无法打开 PDF 文件《{source_name(path.name)}》：文件已损坏或不是 PDF 格式。",
    )
