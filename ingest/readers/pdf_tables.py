"""Ruled tables on a PDF page, rebuilt as rows from the layout's coordinates.

A PDF's text layer gives a table's cells in whatever order they were drawn, and pdfminer's layout analysis
groups neighbouring cells' words into one box or line: "Cơ quan chủ trì" of row 1 may come out after the task of
row 3, or "Sở Tư pháp Các sở," on one line from two cells. Word and most generators draw the cell borders as
thin lines, though, so the grid is known: every character is put into the cell its centre falls in, and each
row is written as one line of tab-separated cells — the form the extractor reads as a table row.

Pure geometry (no pdfminer import): the worker passes rules as (x0, y0, x1, y1) and characters as
(x0, y0, x1, y1, text) in PDF coordinates (y grows upwards).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_TOL = 2.0          # points: rules closer than this are one rule
_MIN_RULE = 8.0     # points: shorter segments are glyph strokes, not borders


@dataclass
class Grid:
    xs: list[float]                 # column borders, left to right
    ys: list[float]                 # row borders, top to bottom (descending y)
    cells: dict = field(default_factory=dict)   # (row, col) -> list of (line key, text)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[-1], self.xs[-1], self.ys[0]

    def contains(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self.bbox
        return x0 - _TOL <= x <= x1 + _TOL and y0 - _TOL <= y <= y1 + _TOL

    def cell_of(self, x: float, y: float) -> tuple[int, int] | None:
        if not self.contains(x, y):
            return None
        col = max(0, min(len(self.xs) - 2, _index(self.xs, x)))
        row = max(0, min(len(self.ys) - 2, _index([-v for v in self.ys], -y)))
        return row, col


def _index(borders: list[float], v: float) -> int:
    """Which interval between ascending borders holds v."""
    for i in range(len(borders) - 1):
        if v < borders[i + 1]:
            return i
    return len(borders) - 2


def _merge(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= _TOL:
            continue
        out.append(v)
    return out


def find_grids(rules: list[tuple[float, float, float, float]]) -> list[Grid]:
    """Tables drawn with borders: runs of horizontal rules joined by vertical ones, with their column borders."""
    horizontal = [(min(x0, x1), max(x0, x1), (y0 + y1) / 2) for x0, y0, x1, y1 in rules
                  if abs(y1 - y0) <= _TOL and abs(x1 - x0) >= _MIN_RULE]
    vertical = [(min(y0, y1), max(y0, y1), (x0 + x1) / 2) for x0, y0, x1, y1 in rules
                if abs(x1 - x0) <= _TOL and abs(y1 - y0) >= _MIN_RULE]
    if len(horizontal) < 2 or len(vertical) < 3:
        return []
    ys = sorted(_merge([y for _, _, y in horizontal]), reverse=True)
    grids: list[Grid] = []
    run: list[float] = [ys[0]]
    for upper, lower in zip(ys, ys[1:]):
        spanned = [x for y0, y1, x in vertical if y0 <= lower + _TOL and y1 >= upper - _TOL]
        if len(spanned) >= 3:
            run.append(lower)
            continue
        grids += _grid(run, vertical)
        run = [lower]
    grids += _grid(run, vertical)
    return grids


def _grid(ys: list[float], vertical) -> list[Grid]:
    if len(ys) < 3:  # a header and at least one row
        return []
    top, bottom = ys[0], ys[-1]
    xs = _merge([x for y0, y1, x in vertical if y0 <= top + _TOL and y1 >= bottom - _TOL or
                 (y0 >= bottom - _TOL and y1 <= top + _TOL)])
    if len(xs) < 3:
        return []
    return [Grid(xs=xs, ys=ys)]


def rows_text(grid: Grid, chars) -> str:
    """The table as lines of tab-separated cells, top row first; ``chars`` are (x0, y0, x1, y1, text, line key)
    in drawing order, where the line key tells the text lines of the layout apart."""
    cells: dict[tuple[int, int], dict] = {}
    for x0, y0, x1, y1, text, line in chars:
        at = grid.cell_of((x0 + x1) / 2, (y0 + y1) / 2)
        if at is None:
            continue
        lines = cells.setdefault(at, {})
        lines.setdefault(line, [(y0 + y1) / 2, x0, ""])
        entry = lines[line]
        entry[2] += text
    rows = []
    for r in range(len(grid.ys) - 1):
        row = []
        for c in range(len(grid.xs) - 1):
            lines = sorted(cells.get((r, c), {}).values(), key=lambda v: (-round(v[0]), v[1]))
            row.append(" ".join(" ".join(v[2].split()) for v in lines if v[2].strip()))
        if any(row):
            rows.append(row)
    out = ["\t".join(row) for row in rows]
    if len(rows) > 1 and not rows[0][0] and all(row[0] for row in rows[1:]):
        out[0] = CONTINUED + out[0]  # the rest of the last row of the page before, cut by the page break
    return "\n".join(out)


CONTINUED = "\x01"
_CONTINUATION = re.compile(r"(?m)^([^\n\t]*(?:\t[^\n\t]*)+)\n((?:[^\n\t]*\n){0,8}?)\x01([^\n]*)")


def join_continued_rows(text: str) -> str:
    """A row cut by a page break ("… cộng đồng doanh" | page 2: "nghiệp"): the cells of its continuation, the
    first row of the next page's table, are appended to its cells; what stood between (page number, running
    header) stays after it."""
    def merge(m: re.Match) -> str:
        before, between, after = m.group(1).split("\t"), m.group(2), m.group(3).split("\t")
        if len(before) != len(after):
            return m.group(1) + "\n" + between + m.group(3)
        joined = [" ".join(x for x in (a, b) if x) for a, b in zip(before, after)]
        return "\t".join(joined) + "\n" + between
    return _CONTINUATION.sub(merge, text).replace(CONTINUED, "")
