"""Rows of a document's table picked by what a question names in them ("质量发展科牵头哪些任务"): the table
is read as labelled cells, so each row is quoted as it stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answering import Answer
from bot.questions import question_terms
from bot.study_document import StudyDoc
from bot.study_reply import lines_answer
from ingest.structure import ParagraphStructure
from ingest.tables import CELL_JOINER, LABEL_SEPARATOR, labelled_cells
from ingest.textnorm import normalize, strip_question_words
from ingest.zh_text import ALL_TOLD, strip_indent


def table_rows_answer(question: str, doc: StudyDoc) -> Answer | None:
    """The rows of a table a list question picks by what their cells say ("质量发展科牵头哪些任务", "6月底前要完成
    哪些任务"): the question names the column it asks for (任务 of 重点任务), and pieces of it that short cells of
    other columns hold in some rows and not in others (a unit, a person, a deadline; not a topic inside a task's
    content, which the headings and sentences answer). A column the question names besides (牵头 of 牵头单位) is
    where the pieces are looked for: not the 质量监督科 that helps in another row. Each row is told by the asked
    column, with the cells it was picked by. None without a table, or when the question picks no rows of one."""
    asked = normalize(strip_question_words(question))
    for rows in _tables(doc):
        names = [name for name, _ in rows[0][1]]
        columns = _named_columns(asked, names)
        if not columns:
            continue
        main = next((name for name in names if name not in _ORDINAL_COLUMNS), names[0])  # what a row is, told first
        # A named column some row's short cell holds a piece of the question in is one to pick by (牵头 of 牵头单位, where
        # 质量发展科 is); of the others, the one named last is asked for (…哪些任务, …完成时限是什么).
        short = [" ".join(cell for _, cell in cells if len(cell) <= _PICKING_CELL_CHARS) for _, cells in rows]
        said = _picking_pieces(asked, short, doc.text)
        by_columns = [name for name in columns if any(piece in _cell(cells, name) for piece in said for _, cells in rows)]
        shown = next((name for name in columns if name not in by_columns), main)

        def picks_by(name: str, cell: str, shown: str = shown, by_columns: list[str] = by_columns) -> bool:
            return name != shown and len(cell) <= _PICKING_CELL_CHARS and (not by_columns or name in by_columns)

        def cells_by(cells: list[tuple[str, str]]) -> str:
            return " ".join(cell for name, cell in cells if picks_by(name, cell))

        pieces = [p for p in _picking_pieces(asked, [cells_by(cells) for _, cells in rows], doc.text) if not any(p in name for name in names)]
        picked = [(paragraph, cells) for paragraph, cells in rows if pieces and all(piece in cells_by(cells) for piece in pieces)]
        if not pieces and _counts_all_rows(question, doc, names):  # "清单一共列了多少项任务": every row
            picked = rows
        if not picked:
            continue
        lines: list[tuple[str, ParagraphStructure | None]] = [(f"共{len(picked)}项：", None)]
        for n, (paragraph, cells) in enumerate(picked, start=1):
            by = [f"{name}{LABEL_SEPARATOR}{cell}" for name, cell in cells if picks_by(name, cell) and any(piece in cell for piece in pieces)]
            named_by_main = shown == main or any(piece in _cell(cells, main) for piece in pieces)  # 质量发展科 of 负责单位
            told = f"{shown}{LABEL_SEPARATOR}{_cell(cells, shown)}" if shown != main else _cell(cells, shown)  # 配合单位：…
            told = told if named_by_main else f"{_cell(cells, main)}，{told}"
            lines.append((f"{n}. {told}" + (f"（{'，'.join(by)}）" if by else ""), paragraph))
        return lines_answer(question, doc, lines)
    return None


_ORDINAL_COLUMNS = ("序号", "编号")
_PICKING_CELL_CHARS = 20  # a cell a row is picked by: a unit, a person, a deadline, not a task's content
_RUN = re.compile(r"[\u4e00-\u9fff0-9]+")  # ideographs and figures: a piece of the question a cell may hold
_MIN_PIECE_CHARS = 2
_COUNTS_ROWS = re.compile(r"(?:几|多少)[项条个]")
_COUNTING_WORDS = frozenset((*ALL_TOLD, "列", "列了", "项", "条", "个"))


def _counts_all_rows(question: str, doc: StudyDoc, names: Sequence[str]) -> bool:
    """Whether a question counts a table's rows with no word but its column's and its document's ("清单一共列了多少项
    任务"): "质量基础设施这块有几项任务" names a topic, which the rows' cells may hold anywhere."""
    if _COUNTS_ROWS.search(question) is None:
        return False
    words = question_terms(question).words
    return not [w for w in map(normalize, words) if w not in doc.title and not any(w in name for name in names) and w not in _COUNTING_WORDS]


def _tables(doc: StudyDoc) -> list[list[tuple[ParagraphStructure, list[tuple[str, str]]]]]:
    """The document's tables: runs of paragraphs written as labelled rows with the same column names, two rows at least.
    A cell saying "…，要求：…" of its own reads as one more column: it is folded back into the cell it is part of."""
    tables: list[list[tuple[ParagraphStructure, list[tuple[str, str]]]]] = []
    for paragraph in doc.structure.paragraphs:
        cells = labelled_cells(strip_indent(paragraph.text))
        if not cells:
            continue
        last = tables[-1] if tables and tables[-1][-1][0].number == paragraph.number - 1 else None
        if last and (folded := _folded(cells, [name for name, _ in last[0][1]])) is not None:
            last.append((paragraph, folded))
        elif last and (refolded := _refolded(last, [name for name, _ in cells])) is not None:  # the rows before had such a cell
            last[:] = [*refolded, (paragraph, cells)]
        else:
            tables.append([(paragraph, cells)])
    return [table for table in tables if len(table) >= 2]


def _refolded(
    rows: list[tuple[ParagraphStructure, list[tuple[str, str]]]], names: Sequence[str]
) -> list[tuple[ParagraphStructure, list[tuple[str, str]]]] | None:
    """The rows read under `names` (_folded), or None when one of them cannot be."""
    refolded = [(paragraph, _folded(cells, names)) for paragraph, cells in rows]
    return None if any(cells is None for _, cells in refolded) else [(paragraph, cells) for paragraph, cells in refolded if cells is not None]


def _folded(cells: list[tuple[str, str]], names: Sequence[str]) -> list[tuple[str, str]] | None:
    """The row's cells under the table's column `names`, a label that is none of them read as part of the cell before
    it; None when the row lacks one of the names, in order."""
    folded: list[tuple[str, str]] = []
    for name, cell in cells:
        if len(folded) < len(names) and name == names[len(folded)]:
            folded.append((name, cell))
        elif folded:
            before, said = folded[-1]
            folded[-1] = (before, f"{said}{CELL_JOINER}{name}{LABEL_SEPARATOR}{cell}")
        else:
            return None
    return folded if len(folded) == len(names) else None


def _picking_pieces(asked: str, rows: Sequence[str], text: str) -> list[str]:
    """The longest runs of the question that some rows hold and others do not (6月底前, not 月底前 or 2026); not the
    start of a longer run the document's `text` holds (质量 of 质量基础设施: that is the topic, not a cell)."""
    found: list[str] = []
    for start in range(len(asked)):
        for end in range(len(asked), start + _MIN_PIECE_CHARS - 1, -1):
            piece = asked[start:end]
            if not _RUN.fullmatch(piece):
                continue
            holding = sum(piece in row for row in rows)
            if 0 < holding < len(rows):
                if not any(piece in longer for longer in found) and asked[start : end + 1] not in text:
                    found.append(piece)
                break
    return found


def _named_columns(asked: str, names: Sequence[str]) -> list[str]:
    """The columns whose names hold two characters of the question in a row (牵头 of 牵头单位, 任务 of 重点任务), the
    one named last first: a Chinese question closes with what it asks for ("…完成时限是什么", "…牵头哪些任务"; `asked`
    is the question without its interrogatives)."""
    named: dict[str, int] = {}
    for i in range(len(asked) - 1):
        for name in names:
            if name not in _ORDINAL_COLUMNS and asked[i : i + _MIN_PIECE_CHARS] in name:
                named[name] = max(named.get(name, -1), i)
    return sorted(named, key=lambda name: -named[name])


def _cell(cells: Sequence[tuple[str, str]], name: str) -> str:
    return next((cell for column, cell in cells if column == name), "")
