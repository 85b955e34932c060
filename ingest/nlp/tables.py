"""Task tables as PDF text layers print them: one cell per line, rows apart.

pdfminer emits a table's cells one after another ("STT", "Nội dung nhiệm vụ", "Đơn vị chủ
trì", …, then "1", the task over two or three wrapped lines, the units, the time limit),
where a DOCX or HTML reader gives one row per line with tabs between the cells. Joining such
a table's lines back into rows lets the table reader (``segment.table_cells``) read both
alike. The text keeps its length, so every offset stays valid in the text as written.
"""
from __future__ import annotations

import re

from .text import fold

_COLUMN = re.compile(r"^(?:s?tt|so tt|noi dung(?: nhiem vu| cong viec)?|nhiem vu|cong viec|"
                     r"(?:don vi|co quan)(?: chu tri| phoi hop| thuc hien)?|chu tri|phoi hop|"
                     r"thoi (?:gian|han)(?: hoan thanh| thuc hien)?|tien do|san pham|ket qua du kien|ghi chu)$")
_CONTENT = re.compile(r"^(?:noi dung|nhiem vu|cong viec)")
_INDEX = re.compile(r"^\s*(?:\d{1,3}\.?)?\s*$")   # "1", or the blanks a masked page number left
_MARKED = re.compile(r"^\s*(?:\d{1,3}\.\s|[IVX]{1,5}\.\s|[a-zđ]\)\s|[-–+•]\s)")


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def join_stacked_tables(text: str) -> str:
    """``text`` with each stacked task table joined into tab-separated rows (same length)."""
    if "\n" not in text:
        return text
    spans = _line_spans(text)
    lines = [text[s:e] for s, e in spans]
    out = list(text)
    i = 0
    while i < len(lines):
        n_cols = _header_at(lines, i)
        if n_cols < 3:
            i += 1
            continue
        header = list(range(i, i + n_cols))
        content_col = next(k for k, li in enumerate(header) if _CONTENT.match(fold(lines[li]).strip()))
        _join(out, spans, [[li] for li in header])
        i += n_cols
        i = _join_rows(out, spans, lines, i, n_cols, content_col)
    return "".join(out)


def _header_at(lines: list[str], i: int) -> int:
    """Number of column-name lines starting at line i (0 when they do not make a task table's header)."""
    k = i
    while k < len(lines) and lines[k].strip() and len(lines[k]) <= 40 and _COLUMN.match(fold(lines[k]).strip()):
        k += 1
    names = [fold(line).strip() for line in lines[i:k]]
    if k - i < 3 or not any(_CONTENT.match(n) for n in names) or \
            not any("chu tri" in n or n.startswith(("thoi", "tien do")) for n in names):
        return 0
    return k - i


def _join_rows(out: list[str], spans, lines: list[str], i: int, n_cols: int, content_col: int) -> int:
    """Join the rows after a header; returns the index of the first line after the table.

    A row is its number on a line of its own, then its cells; the first column is the number.
    """
    while True:
        while i < len(lines) and not lines[i]:
            i += 1  # blank lines between rows
        start = i
        if not (i < len(lines) and lines[i] and _INDEX.match(lines[i])):
            return start
        group = []
        i += 1
        while i < len(lines) and lines[i].strip():
            group.append(i)
            i += 1
        cells = _assign(group, n_cols - 1, content_col - 1) if group and not _MARKED.match(lines[group[0]]) else None
        if cells is None:
            return start  # the table has ended: a numbered paragraph, or too few lines for a row
        a, b = spans[start]
        if not lines[start].strip():
            out[a:b] = "#" * (b - a)  # a masked row number still holds its column's place
        _join(out, spans, [[start]] + cells)


def _assign(group: list[int], n_cells: int, content: int) -> list[list[int]] | None:
    """Lines to cells: one line for every cell but the content one, which takes the wrapped rest."""
    extra = len(group) - n_cells
    if extra < 0 or content < 0:
        return None
    cells = [[li] for li in group[:content]]
    cells.append(group[content:content + extra + 1])
    cells += [[li] for li in group[content + extra + 1:]]
    return cells


def _join(out: list[str], spans, cells: list[list[int]]) -> None:
    """Newlines inside a cell become spaces, newlines between cells tabs."""
    for ci, cell in enumerate(cells):
        for k, li in enumerate(cell):
            end = spans[li][1]
            if end >= len(out):
                continue
            last_of_row = ci == len(cells) - 1 and k == len(cell) - 1
            if not last_of_row:
                out[end] = " " if k < len(cell) - 1 else "\t"
