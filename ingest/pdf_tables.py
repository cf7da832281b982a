"""Table rows rebuilt from a PDF page's positioned text.

A PDF draws a table as text set in columns, with nothing to say which pieces make a row: a cell that wraps
puts its lines above and below the row's other cells (centred rows) or between them, and reading the page
line by line splices one row's cells into the next ("…总工程师4月14日 8:30-11:30 …" then "赵志强" alone).

A table starts at a line of MIN_COLUMNS pieces or more, set apart by gaps wider than a space, and goes on
over the lines close below it while their text leaves MIN_COLUMNS columns with gaps between them; it needs
two such lines of pieces at least. A line with a piece in the first column starts a row (it needs a
second piece: a short line at the left margin is body text), as does one with text in the second column and
another (a date given once for its day's rows); the other lines' pieces belong to the row whose start is nearest
in height. A line of one piece is a wrapped cell only if set in the table's size under one column other than the
first: a signature or a note under the table is not. Each row's cells are the pieces in its columns, top to
bottom. A first column whose cells wrap is not told apart (its wrapped lines end the table).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ingest.tables import MIN_COLUMNS
from ingest.wrapping import join_lines

# Lines more than this many line heights apart are not one table.
_MAX_STEP = 3.0
_SAME_SIZE = 0.1  # a wrapped cell is set in the table's size


@dataclass(frozen=True)
class Piece:
    """Text on one baseline with no column gap inside: a word, a clause, or one cell's line."""

    x: float
    end: float
    y: float
    size: float
    text: str


@dataclass(frozen=True)
class Row:
    """One table row: its cells in column order (empty where the row has none), placed at its first line."""

    cells: tuple[str, ...]
    x: float
    end: float
    y: float
    size: float


def find_rows(lines: Sequence[Sequence[Piece]]) -> list[Sequence[Piece] | Row]:
    """The page's lines (top to bottom), with the lines of each table replaced by its rows."""
    out: list[Sequence[Piece] | Row] = []
    at = 0
    while at < len(lines):
        table = _table_at(lines, at)
        if table is None:
            out.append(lines[at])
            at += 1
            continue
        end, columns = table
        out.extend(_rows(lines[at:end], columns))
        at = end
    return out


def _table_at(lines: Sequence[Sequence[Piece]], at: int) -> tuple[int, list[tuple[float, float]]] | None:
    """(end, columns) of a table starting at this line, or None."""
    if len(lines[at]) < MIN_COLUMNS:
        return None
    seeds = 1
    end = at + 1
    while end < len(lines):
        line, prev = lines[end], lines[end - 1]
        if prev[0].y - line[0].y > _MAX_STEP * max(piece.size for piece in (*line, *prev)):
            break
        columns = _columns(lines[at : end + 1])
        if len(columns) < MIN_COLUMNS or (len(line) < 2 and not _wraps_a_cell(line[0], lines[at], _columns(lines[at:end]))):
            break
        seeds += len(line) >= MIN_COLUMNS
        end += 1
    return (end, _columns(lines[at:end])) if seeds >= 2 else None


def _wraps_a_cell(piece: Piece, first: Sequence[Piece], columns: list[tuple[float, float]]) -> bool:
    """Whether a line of one piece may be a cell's wrapped line: set in the table's size, under one column other
    than the first. A short line at the left margin, a signature or a note under the table (set in the body's
    size, or across columns) is none."""
    size = first[0].size
    if abs(piece.size - size) > _SAME_SIZE * size:
        return False
    column = _column_of(piece, columns)
    return column is not None and column != 0


def _columns(lines: Sequence[Sequence[Piece]]) -> list[tuple[float, float]]:
    """The x ranges the lines have text in, left to right; two side by side are one column unless some line has
    text in both (a centred header cell and the shorter left-aligned cell under it)."""
    columns: list[tuple[float, float]] = []
    for left, right in sorted((piece.x, piece.end) for line in lines for piece in line):
        if columns and left < columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], right))
        else:
            columns.append((left, right))
    at = 0
    while at + 1 < len(columns):
        if any(_column_of(a, columns) == at and _column_of(b, columns) == at + 1 for line in lines for a, b in zip(line, line[1:])):
            at += 1
        else:
            columns[at : at + 2] = [(columns[at][0], columns[at + 1][1])]
    return columns


def _column_of(piece: Piece, columns: list[tuple[float, float]]) -> int | None:
    """The column the piece lies in."""
    hits = [i for i, (left, right) in enumerate(columns) if piece.x < right and piece.end > left]
    return hits[0] if len(hits) == 1 else None


def _rows(lines: Sequence[Sequence[Piece]], columns: list[tuple[float, float]]) -> list[Row]:
    # A row starts at a line with text in the first column, or in the second and another (a date said once for its
    # day); not at the wrapped lines of two later cells side by side.
    starts = [line for line in lines if 0 in (places := {_column_of(p, columns) for p in line}) or (1 in places and len(places) >= 2)]
    cells: list[list[list[Piece]]] = [[[] for _ in columns] for _ in starts]
    for line in lines:
        for piece in line:
            row = min(range(len(starts)), key=lambda i: (abs(starts[i][0].y - piece.y), -starts[i][0].y))
            column = _column_of(piece, columns)
            if column is not None:
                cells[row][column].append(piece)
    return [
        Row(
            cells=tuple(join_lines(p.text for p in sorted(cell, key=lambda p: (-p.y, p.x))) for cell in row),
            x=start[0].x,
            end=max(piece.end for piece in start),
            y=start[0].y,
            size=start[0].size,
        )
        for start, row in zip(starts, cells)
    ]
