"""Table rows as paragraphs that say what each cell is.

A task table (序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限) read row by row as bare cells gives
"1 | 制定培训计划 | 局质量发展科 | 局人事教育科 | 12月15日前": nothing in it says which unit leads and which
helps, so 哪些单位配合 finds no word to match and a reader of the quote cannot tell either. Where the first
row is a header, each later row is written with its header's words: 牵头单位：局质量发展科，配合单位：….
The cells stay verbatim (less a closing 。, which would cut the row into sentences); the header row itself
is then no paragraph of its own. A header is trusted only when most of its cells name columns as tables
do (…单位, …时限, 姓名, a count or a rate: 企业数（家）, 占比): a list of members (组长 | 韦承舟 | 局长) or a form (姓名 | 王芳 | 性别 | 女) is no
header, and its rows keep their cells as they are, separated by CELL_SEPARATOR.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.zh_text import CLAUSE_MARKS, COLONS, COUNTERS, MEASURE_WORDS, STOPS, strip_sentence_end

CELL_SEPARATOR = " | "
LABEL_SEPARATOR = "："
CELL_JOINER = "，"
HEADER_MAX_CHARS = 12  # a column name (重点任务, 完成时限), not a cell of content
MIN_COLUMNS = 3  # two columns are as often a form (姓名 | 张三) as a header and its values
# How the names of a table's columns end: what a column holds (…单位, …时限, 序号), not a value in it.
COLUMN_NAME_ENDS = (
    "序号", "编号", "名称", "单位", "部门", "机构", "时限", "时间", "日期", "期限", "周期", "任务", "事项", "内容", "措施",
    "要求", "标准", "职务", "职责", "姓名", "备注", "金额", "经费", "数量", "项目", "地点", "类别", "类型", "方式", "依据",
    "对象", "范围", "目标", "指标", "分值", "责任人", "联系人", "电话", "情况", "结果", "级别", "环节", "阶段",
    "数", "率", "占比", "比例", "比重", "数量", "总额", "区县", "县区", "地区", "区域", "年度", "年份", "月份",
)
# A column's unit after its name (抽样企业数（家）, 金额(万元): a counter, 万 or 亿 before it; a measure; 批次; %), not
# another qualifier (投诉件数（上年）).
_UNIT = re.compile(rf"[（(](?:[万亿千百]?[{COUNTERS}]|{'|'.join(MEASURE_WORDS)}|批次|[%％])[）)]$")
_BARE_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_NOT_A_LABEL = re.compile(rf"[\d{re.escape(STOPS + CLAUSE_MARKS + COLONS)}]")
_MARKDOWN_RULE_CELL = re.compile(r"^\s*:?-+:?\s*$")


class TableReader:
    """One table's rows in order, each to its paragraph: the header is remembered across the caption and
    divider rows (一、能力提升类) that a Word table puts between its rows, and said again only if no row follows."""

    def __init__(self) -> None:
        self.header: list[str] | None = None
        self._rows_read = False

    def paragraph(self, row: Sequence[str]) -> str | None:
        """The row's paragraph; None for an empty row, the header, or the header repeated."""
        raw = [cell.strip() for cell in row]
        cells = [strip_sentence_end(cell) for cell in raw]
        filled = [cell for cell in cells if cell]
        if len(filled) <= 1:
            return filled[0] if filled else None  # a caption or divider
        if self.header is None and not self._rows_read and is_header(raw):
            self.header = cells
            return None
        self._rows_read = True
        if self.header is not None and cells == self.header:
            return None  # repeated on a new page
        if self.header is not None and len(cells) == len(self.header):
            return CELL_JOINER.join(_labelled(name, cell) for name, cell in zip(self.header, cells) if cell)
        return CELL_SEPARATOR.join(cell for cell in raw if cell)  # cells not lined up with the header (merged) are not labelled wrongly

    def close(self) -> str | None:
        """A header with no row under it is all the table says: kept as its cells."""
        return CELL_SEPARATOR.join(self.header) if self.header is not None and not self._rows_read else None


def _labelled(name: str, cell: str) -> str:
    """A cell with its column's name; a bare figure takes the unit the name gives it (抽样企业数（家）, 86 →
    抽样企业数：86家), as a sentence would say it: "几家企业" is then answered by a count of 家."""
    unit = _UNIT.search(name)
    if unit is not None and _BARE_FIGURE.fullmatch(cell):
        return f"{name[: unit.start()]}{LABEL_SEPARATOR}{cell}{unit.group(0)[1:-1]}"
    return f"{name}{LABEL_SEPARATOR}{cell}"


_LABEL = re.compile(rf"(?:^|{CELL_JOINER})([^{CELL_JOINER}{LABEL_SEPARATOR}\s]{{1,{HEADER_MAX_CHARS}}}){LABEL_SEPARATOR}")


def labelled_cells(paragraph: str) -> list[tuple[str, str]]:
    """A row as TableReader wrote it, read back into its (column name, cell) pairs; [] for other text. A cell
    holding a comma and a colon of its own reads as two: the rows of one table share their names, so a caller
    takes the rows whose names are their table's."""
    marks = list(_LABEL.finditer(paragraph))
    if len(marks) < MIN_COLUMNS or marks[0].start() != 0:
        return []
    ends = [mark.start() for mark in marks[1:]] + [len(paragraph)]
    return [(mark.group(1), paragraph[mark.end() : end]) for mark, end in zip(marks, ends)]


def table_paragraphs(rows: Sequence[Sequence[str]]) -> list[str]:
    """One paragraph per row of a table (TableReader)."""
    reader = TableReader()
    paragraphs = [p for row in rows if (p := reader.paragraph(row)) is not None]
    closing = reader.close()
    return paragraphs + ([closing] if closing else [])


def is_header(row: Sequence[str]) -> bool:
    """Short distinct names in every column, none a figure or a sentence, most ending as column names do."""
    return (
        len(row) >= MIN_COLUMNS
        and all(0 < len(cell) <= HEADER_MAX_CHARS and not _NOT_A_LABEL.search(cell) for cell in row)
        and len(set(row)) == len(row)
        and 2 * sum(_UNIT.sub("", cell).endswith(COLUMN_NAME_ENDS) for cell in row) >= len(row)
    )


def markdown_table_rows(lines: Sequence[str]) -> list[list[str]] | None:
    """A Markdown pipe table's cells by row, without its rule (|---|:-:|, with or without outer pipes);
    None when the lines are no such table: a row, then a rule of as many cells, then rows."""
    if len(lines) < 2 or not all("|" in line for line in lines):
        return None
    rows = [_markdown_cells(line) for line in lines]
    if len(rows[1]) != len(rows[0]) or not all(_MARKDOWN_RULE_CELL.match(cell) for cell in rows[1]):
        return None
    return [row for i, row in enumerate(rows) if i != 1]


def starts_markdown_table(lines: Sequence[str], at: int) -> bool:
    """Whether a pipe table starts at line `at`: the next line is its rule."""
    return at + 1 < len(lines) and markdown_table_rows(lines[at : at + 2]) is not None


def _markdown_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner)]
