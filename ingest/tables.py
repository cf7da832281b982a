"""Table rows as paragraphs that say what each cell is.

A task table (序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限) read row by row as bare cells gives
"1 | 制定培训计划 | 局质量发展科 | 局人事教育科 | 12月15日前": nothing in it says which unit leads and which
helps, so 哪些单位配合 finds no word to match and a reader of the quote cannot tell either. Where the first
row is a header, each later row is written with its header's words: 牵头单位：局质量发展科，配合单位：….
The cells stay verbatim; the header row itself is then no paragraph of its own. A table without such a
header (a key-value form, a layout frame) keeps its cells as they are, separated by CELL_SEPARATOR.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.zh_text import CLAUSE_MARKS, COLONS, STOPS

CELL_SEPARATOR = " | "
LABEL_SEPARATOR = "："
CELL_JOINER = "，"
HEADER_MAX_CHARS = 12  # a column name (重点任务, 完成时限), not a cell of content
MIN_COLUMNS = 3  # two columns are as often a form (姓名 | 张三) as a header and its values
_NOT_A_LABEL = re.compile(rf"[\d{re.escape(STOPS + CLAUSE_MARKS + COLONS)}]")
_MARKDOWN_ROW = re.compile(r"^\s{0,3}\|.*\|\s*$")
_MARKDOWN_RULE = re.compile(r"^\s{0,3}\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-{0,}:?\s*\|?\s*$")


def table_paragraphs(rows: Sequence[Sequence[str]]) -> list[str]:
    """One paragraph per row: labelled by the header where the first row is one, else its cells joined."""
    rows = [[cell.strip() for cell in row] for row in rows if any(cell.strip() for cell in row)]
    if len(rows) > 1 and _is_header(rows[0]):
        header = rows[0]
        return [_labelled(header, row) if len(row) == len(header) else _joined(row) for row in rows[1:]]
    return [_joined(row) for row in rows]


def is_markdown_row(line: str) -> bool:
    return bool(_MARKDOWN_ROW.match(line))


def markdown_table_rows(lines: Sequence[str]) -> list[list[str]] | None:
    """A Markdown pipe table's cells by row, without its |---| rule; None when the lines are no such table."""
    if len(lines) < 2 or not all(_MARKDOWN_ROW.match(line) for line in lines) or not _MARKDOWN_RULE.match(lines[1]):
        return None
    return [_markdown_cells(line) for i, line in enumerate(lines) if i != 1]


def _markdown_cells(line: str) -> list[str]:
    inner = line.strip()[1:-1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", inner)]


def _is_header(row: Sequence[str]) -> bool:
    """Short distinct names in every column, none a figure or a sentence."""
    return (
        len(row) >= MIN_COLUMNS
        and all(0 < len(cell) <= HEADER_MAX_CHARS and not _NOT_A_LABEL.search(cell) for cell in row)
        and len(set(row)) == len(row)
    )


def _labelled(header: Sequence[str], row: Sequence[str]) -> str:
    return CELL_JOINER.join(f"{name}{LABEL_SEPARATOR}{cell}" for name, cell in zip(header, row) if cell)


def _joined(row: Sequence[str]) -> str:
    """A row whose cells do not line up with the header (merged cells) is not labelled wrongly: it stays bare."""
    return CELL_SEPARATOR.join(cell for cell in row if cell)
