"""Ruled tables on a PDF page, rebuilt as rows from the layout's coordinates.

A PDF's text layer gives a table's cells in whatever order they were drawn, and pdfminer's layout analysis
groups neighbouring cells' words into one box or line: "Cơ quan chủ trì" of row 1 may come out after the task of
row 3, or "Sở Tư pháp Các sở," on one line from two cells. Word and most generators draw the cell borders as
thin lines, though, so the grid is known: every character is put into the cell its centre falls in, and each
row is written as one line of tab-separated cells — the form the extractor reads as a table row.

Pure geometry (no pdfminer import): the worker passes rules as (x0, y0, x1, y1) and characters as
(x0, y0, x1, y1, text) in PDF coordinates (y grows upwards). A table laid out without rules gets its grid from
its text's positions (``borderless_grids``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.nlp.lexicon import key, load_language

_TOL = 2.0          # points: rules closer than this are one rule
_MIN_RULE = 8.0     # points: shorter segments are glyph strokes, not borders


@dataclass
class Grid:
    xs: list[float]                 # column borders, left to right
    ys: list[float]                 # row borders, top to bottom (descending y)
    cells: dict = field(default_factory=dict)   # (row, col) -> list of (line key, text)
    # text that runs across column borders (a group's title over the task, unit and time columns of a borderless
    # table), as boxes (x0, y0, x1, y1, split, col): what stands right of ``split`` belongs to column ``col``
    merged: list[tuple[float, float, float, float, float, int]] = field(default_factory=list)
    continued: bool = False         # its first row is the rest of a row the page break cut (no index to tell)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[-1], self.xs[-1], self.ys[0]

    def contains(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self.bbox
        return x0 - _TOL <= x <= x1 + _TOL and y0 - _TOL <= y <= y1 + _TOL

    def cell_of(self, x: float, y: float) -> tuple[int, int] | None:
        if not self.contains(x, y):
            return None
        span = next((b for b in self.merged if b[0] <= x <= b[2] and b[1] <= y <= b[3] and x >= b[4]), None)
        col = span[5] if span else max(0, min(len(self.xs) - 2, _index(self.xs, x)))
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
            row.append(_NUMBER_CUT.sub(r"\1", " ".join(" ".join(v[2].split()) for v in lines if v[2].strip())))
        if any(row):
            rows.append(row)
    out = ["\t".join(row) for row in rows]
    if len(rows) > 1 and (grid.continued or not rows[0][0] and all(row[0] for row in rows[1:])):
        out[0] = CONTINUED + out[0]  # the rest of the last row of the page before, cut by the page break
    return "\n".join(out)


CONTINUED = "\x01"
_NUMBER_CUT = re.compile(r"^(\d{1,3}\.) (?=\d{1,3}\.?$)")   # an index wrapped after its dot ("1." | "1"): "1.1"
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


# --- tables laid out without ruling lines ----------------------------------------------------------------
# Columns of a borderless table are told apart by the blank corridors running down between them, and its header
# row by the column names it holds (``is_header``: the extractor's own reading of a task table's header); rows
# start where the index column numbers them, else where the task column resumes after a blank line.
Char = tuple  # (x0, y0, x1, y1, text, line key)
_GAP = 4.0          # points: a blank this wide inside a text line separates two cells
_SPACED_GAP = 10.0  # points: … and this wide after a space (justified text stretches its spaces less)
_ROW_NUMBER = re.compile(r"^\s*(?:\d{1,3}|[IVXLC]{1,6}|[A-Z])\s*[.)]?\s*$")
_RESUME = 24       # lines: how far down the next page a table without row numbers may resume under its cut row
_CUT_INDEX = re.compile(r"^\s*\d{1,3}\.\s*$")
_ROMAN_TITLE = re.compile(r"\s*[IVXLC]{1,6}[.)]\s+")
_NUMBERED_TITLE = re.compile(r"\s*(?:\d{1,3}(?:\.\d{1,2})*|[IVXLC]{1,6}|[A-Z])[.)]\s*")
_GOES_ON = (",", ";", "-", "(", "/", "&")  # a cell whose line ends so goes on under it ("Sở Văn hóa," | "Thể thao")
# … or that holds only the word before a date ("Trước" | "25/12/2026", "Quý" | "I/2027")
_OPEN_CELLS = frozenset(" ".join(key(w) for w in x.split()) for x in load_language("vi").written["line_open_words"])


@dataclass(frozen=True)
class _Fragment:
    """A run of one text line's characters with no wide blank inside: a piece of one cell."""
    x0: float
    x1: float
    y0: float
    y1: float
    text: str
    centres: tuple[float, ...] = ()   # each character's horizontal centre

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2


def fragments(chars: list[Char]) -> list[_Fragment]:
    """Each layout line's characters, cut at blanks wider than ``_GAP``."""
    by_line: dict = {}
    for ch in chars:
        by_line.setdefault(ch[5], []).append(ch)
    out: list[_Fragment] = []
    for line in by_line.values():
        line.sort(key=lambda c: c[0])
        run: list[Char] = []
        for ch in line:
            # a stretched space of justified text ("Thời   gian") stays inside the cell, but not a wide blank after
            # a cell's trailing space ("UBND các xã, " … "Quý I/2027")
            gap = ch[0] - run[-1][2] if run else 0.0
            if run and not ch[4].isspace() and (gap > _GAP and not run[-1][4].isspace() or gap > _SPACED_GAP):
                out.append(_fragment(run))
                run = []
            run.append(ch)
        if run:
            out.append(_fragment(run))
    return [f for f in out if f.text.strip()]


def _fragment(run: list[Char]) -> _Fragment:
    return _Fragment(min(c[0] for c in run), max(c[2] for c in run), min(c[1] for c in run),
                     max(c[3] for c in run), "".join(c[4] for c in run),
                     tuple((c[0] + c[2]) / 2 for c in run for _ in c[4]))


def _rows_of(frags: list[_Fragment]) -> list[list[_Fragment]]:
    """Fragments grouped into visual lines, top first."""
    lines: list[list[_Fragment]] = []
    for f in sorted(frags, key=lambda f: -f.yc):
        if lines and abs(lines[-1][0].yc - f.yc) <= (f.y1 - f.y0) / 2:
            lines[-1].append(f)
        else:
            lines.append([f])
    return [sorted(line, key=lambda f: f.x0) for line in lines]


def _columns(frags: list[_Fragment]) -> list[list[_Fragment]]:
    """Fragments that overlap horizontally, as columns left to right."""
    cols: list[list[_Fragment]] = []
    for f in sorted(frags, key=lambda f: f.x0):
        if cols and f.x0 <= max(g.x1 for g in cols[-1]):
            cols[-1].append(f)
        else:
            cols.append([f])
    return cols


def _header(lines: list[list[_Fragment]], is_header,
            start: int = 0) -> tuple[int, int, list[list[_Fragment]]] | None:
    """(first line, lines it takes, its cells) of the first header row from line ``start`` on: one line, or
    more when its names wrap."""
    for i in range(start, len(lines)):
        for n in (1, 2, 3):
            if i + n > len(lines):
                break
            if n > 1 and (not _tight(lines[i + n - 2], lines[i + n - 1]) or
                          _opens_cells(lines[i + n - 2], lines[i + n - 1], _spans(_header_cells(lines[i:i + n - 1])))):
                break
            cells = _header_cells(lines[i:i + n])
            if len(cells) >= 3 and is_header(_texts(cells)):
                # the names of a column wrapped over the lines right under it ("Thời gian hoàn | thành")
                while i + n < len(lines) and _tight(lines[i + n - 1], lines[i + n]) and \
                        not _opens_cells(lines[i + n - 1], lines[i + n], _spans(_header_cells(lines[i:i + n]))) and \
                        is_header(_texts(_header_cells(lines[i:i + n + 1]))):
                    n += 1
                return i, n, _header_cells(lines[i:i + n])
    return None


def _header_cells(lines: list[list[_Fragment]]) -> list[list[_Fragment]]:
    return _columns([f for line in lines for f in line])


def _opens_cells(upper: list[_Fragment], lower: list[_Fragment], spans: list[tuple[float, float]]) -> bool:
    """``lower`` starts a new row of cells: in a column ``upper`` leaves empty, a text begins with a capital or a
    digit. A table's cells start together at the top of their row, so a column that ran dry fills again only in
    the next row ("… tế tư nhân" alone, then "Xây dựng | Sở Tài | Thuế tỉnh | Quý"). When no column ran dry (every
    cell of a row ended on the same line), the next row opens every column with a capital or a digit, where a
    wrapped task goes on in lower case; a cell that broke at a comma or a hyphen goes on. The page gives no wider
    gap between rows than between a cell's lines (LibreOffice: none at all)."""
    def column(f: _Fragment) -> int | None:
        return next((k for k, (a, b) in enumerate(spans) if f.x0 < b and f.x1 > a), None)

    above = {column(f) for f in upper}
    if any(column(f) not in above and _capital(f.text) for f in lower):
        return True
    every = set(range(len(spans)))
    return len(spans) >= 3 and above == every and {column(f) for f in lower} == every and \
        all(_capital(f.text) for f in lower) and not any(_goes_on(f.text) for f in upper)


def _goes_on(text: str) -> bool:
    return text.rstrip().endswith(_GOES_ON) or " ".join(key(w) for w in text.split()) in _OPEN_CELLS


def _spans(cols: list[list[_Fragment]]) -> list[tuple[float, float]]:
    return [(min(f.x0 for f in c), max(f.x1 for f in c)) for c in cols]


def _capital(text: str) -> bool:
    first = text.lstrip()[:1]
    return first.isupper() or first.isdigit()


def _texts(cells: list[list[_Fragment]]) -> list[str]:
    return [" ".join(" ".join(f.text.split()) for f in sorted(c, key=lambda f: (-round(f.yc), f.x0))) for c in cells]


def _tight(upper: list[_Fragment], lower: list[_Fragment]) -> bool:
    """Two lines of one cell: less than half a line's height of blank between them."""
    pitch = upper[0].y1 - upper[0].y0
    return min(f.y0 for f in upper) - max(f.y1 for f in lower) < 0.6 * pitch


def borderless_grids(chars: list[Char], is_header, carried: list[float] | None = None) -> list[Grid]:
    """Task tables laid out without rules (any number of them on a page), as grids built from where their text
    stands; with ``carried`` (the column borders of a table the page before ended with), also the rest of that
    table at the top of this page, which repeats no header."""
    lines = _rows_of(fragments(chars))
    grids: list[Grid] = []
    start = 0
    first = _header(lines, is_header)
    rest = _continued_grid(lines[:first[0]] if first else lines, carried) if carried else None
    if rest is not None:
        grids.append(rest)
    while (found := _header(lines, is_header, start)) is not None:
        i, n, head = found
        index = _index_column(head, lines[i + n:i + n + 6])
        body = _table_lines(lines[i + n:], *_span(head), index=index,
                            second=None if index or len(head) < 2 else min(f.x0 for f in head[1]))
        grid = _grid_of(head, body)
        if grid is not None:
            grids.append(grid)
        start = i + n + len(body)
    return grids


def _continued_grid(lines: list[list[_Fragment]], xs: list[float]) -> Grid | None:
    """The rest of a borderless table on the next page: the page opens (past a line or two of page number or
    running header) with a numbered row in the table's first column, and the rows keep to its columns. Text
    right above that row, close to it and in the columns after the index, is the rest of the row the page break
    cut ("… phát" | page 2: "triển du lịch"): the grid's first row, with no number. A table without an index
    column resumes with a line whose cells keep to its columns, the first one opening with a capital, under
    the cut row's rest (any number of lines, in any column)."""
    for k, line in enumerate(lines[:_RESUME]):
        # (under a page number or running header, or under the cut row's rest: lines right of the index column)
        above_rest = all(f.x0 >= xs[1] - _TOL for ln in lines[:k] for f in ln)
        numbered = (k < 3 or above_rest) and xs[0] <= line[0].x0 and line[0].x1 <= xs[1] and \
            bool(_ROW_NUMBER.match(line[0].text))
        if numbered or _keeps_columns(line, xs):
            top = k
            while top > 0 and (_cut_rest(lines[top - 1], lines[top], xs, numbered)
                               or numbered and _row_title(lines[top - 1], xs)):
                top -= 1
            if not numbered and top > 2:
                continue
            body = _table_lines(lines[top:], xs[0], xs[-1], index=(xs[1], xs[1]) if numbered else None,
                                second=None if numbered else xs[1])
            if len(body) <= k - top:
                return None
            slack = 0.5 * (xs[-1] - xs[-2])  # the last column's text may run wider here ("Thường xuyên")
            inside = sum(xs[0] <= f.x0 and f.x1 <= xs[-1] + slack for ln in body for f in ln)
            if inside < 0.9 * sum(len(ln) for ln in body) or not any(len(ln) > 1 for ln in body):
                return None
            xs = [*xs[:-1], max(xs[-1], max(f.x1 for ln in body for f in ln) + 1)]
            ys = [max(f.y1 for f in lines[top]) + 1] + _row_starts(body, xs)
            ys.append(min(f.y0 for ln in body for f in ln) - 1)
            return Grid(xs=list(xs), ys=_merge_desc(ys), merged=_merged(body, xs), continued=not numbered and top < k)
    return None


def _keeps_columns(line: list[_Fragment], xs: list[float]) -> bool:
    """Three cells or more, each inside one of the columns ``xs`` and no two in one, the first in the first."""
    cols = [next((c for c in range(len(xs) - 1) if xs[c] - _TOL <= f.x0 and f.x1 <= xs[c + 1] + _TOL), None)
            for f in line]
    return len(line) >= 3 and cols[0] == 0 and None not in cols and len(set(cols)) == len(cols) and \
        _capital(line[0].text)


def _row_title(line: list[_Fragment], xs: list[float]) -> bool:
    """"II. CÔNG TÁC TUYÊN TRUYỀN" across the whole row, its number in the index column."""
    return line[0].x0 < xs[1] < line[0].x1 and bool(_NUMBERED_TITLE.match(line[0].text))


def _cut_rest(upper: list[_Fragment], lower: list[_Fragment], xs: list[float], numbered: bool) -> bool:
    """``upper`` is more of the row the page break cut: close above, inside the columns (after the index if
    there is one), words (or, without an index, any text but a page number: "2027")."""
    pitch = lower[0].y1 - lower[0].y0
    left = xs[1] if numbered else xs[0]
    return min(f.y0 for f in upper) - max(f.y1 for f in lower) < 1.5 * pitch and \
        all(left <= f.x0 and f.x1 <= xs[-1] and (any(ch.isalpha() for ch in f.text) or
                                                  not numbered and not _ROW_NUMBER.match(f.text)) for f in upper)


def _span(head: list[list[_Fragment]]) -> tuple[float, float]:
    return min(f.x0 for c in head for f in c), max(f.x1 for c in head for f in c)


def _grid_of(head: list[list[_Fragment]], body: list[list[_Fragment]]) -> Grid | None:
    if not body:
        return None
    xs = _corridors(head, body, *_span(head))
    if len(xs) < 3:
        return None
    top = max(f.y1 for c in head for f in c) + 1
    ys = [top, min(f.y0 for c in head for f in c) - 0.5] + _row_starts(body, xs)
    ys.append(min(f.y0 for line in body for f in line) - 1)
    return Grid(xs=xs, ys=_merge_desc(ys), merged=_merged(body, xs))


def _numbered_row(line: list[_Fragment], index: tuple[float, float] | None) -> bool:
    """A line that opens a row by its number in the index column, beside other cells."""
    return index is not None and len(line) > 1 and line[0].x1 <= index[1] and bool(_ROW_NUMBER.match(line[0].text))


def _index_column(head: list[list[_Fragment]], below: list[list[_Fragment]]) -> tuple[float, float] | None:
    """(right edge of the index column, left edge of the next) when the header's first cell heads the rows'
    numbers ("TT" over "1", "2"), else None."""
    if len(head) < 2:
        return None
    index_right, next_left = max(f.x1 for f in head[0]), min(f.x0 for f in head[1])
    if any(line[0].x1 < next_left and _ROW_NUMBER.match(line[0].text) for line in below):
        return index_right, next_left
    return None


def _table_lines(lines: list[list[_Fragment]], left: float, right: float,
                 index: tuple[float, float] | None = None, second: float | None = None) -> list[list[_Fragment]]:
    """The lines under the header down to the first that reads as running text across the columns (or a wide
    blank between lines). With an ``index`` column, a line that starts in it and runs on into the next column
    is a heading after the table ("IV. TỔ CHỨC THỰC HIỆN"), as is a part's title in capitals alone on its line
    wherever it starts, and a row number beside a line across the other columns is a group's title inside it
    ("1 | Hoàn thiện thể chế, cải thiện môi trường kinh doanh"). Without one, a
    line that starts a line's height left of every line above it, or a numbered one alone across the border of
    the ``second`` column unless cells follow, is a heading ("V. TỔ CHỨC THỰC HIỆN")."""
    out: list[list[_Fragment]] = []
    if lines:
        left = min(left, lines[0][0].x0)  # a header centred over its column starts right of the column's text
    for k, line in enumerate(lines):
        first = line[0]
        numbered = _numbered_row(line, index)
        across = index is not None and first.x0 <= index[0] and first.x1 > index[1]
        part = index is not None and len(line) == 1 and _part_title(first.text)
        if (across or part) and not (k + 1 < len(lines) and _numbered_row(lines[k + 1], index)):
            break  # (but a title across the whole row, rows under it: "II. CÔNG TÁC TUYÊN TRUYỀN" over "1 | …")
        if not (numbered or across) and any(f.x1 - f.x0 > 0.6 * (right - left) for f in line):
            break
        if index is None and out and first.x0 < min(ln[0].x0 for ln in out) - (first.y1 - first.y0):
            break
        if second is not None and len(line) == 1 and first.x0 < second < first.x1 and \
                _NUMBERED_TITLE.match(first.text) and not (k + 1 < len(lines) and len(lines[k + 1]) >= 3):
            break
        if out:
            pitch = out[-1][0].y1 - out[-1][0].y0
            if out[-1][0].y0 - line[0].y1 > 3 * pitch:
                break
        out.append(line)
    return out


def _part_title(text: str) -> bool:
    """A part's heading in capitals after a Roman number ("III. TỔ CHỨC THỰC HIỆN"), wherever it starts."""
    m = _ROMAN_TITLE.match(text)
    return bool(m) and text[m.end():].strip().isupper()


def _corridors(head: list[list[_Fragment]], body: list[list[_Fragment]], left: float, right: float) -> list[float]:
    """Column borders: the middle of each blank corridor that runs down the whole table between header cells."""
    spans = sorted((f.x0, f.x1) for line in body for f in line if not _title_across(line, f, head))
    spans += sorted((f.x0, f.x1) for c in head for f in c)
    spans.sort()
    covered: list[list[float]] = []
    for a, b in spans:
        if covered and a <= covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], b)
        else:
            covered.append([a, b])
    xs = [min(left, covered[0][0]) - 1]
    xs += [(covered[k][1] + covered[k + 1][0]) / 2 for k in range(len(covered) - 1)]
    xs.append(max(right, covered[-1][1]) + 1)
    return xs


def _title_across(line: list[_Fragment], f: _Fragment, head: list[list[_Fragment]]) -> bool:
    """A line's one text, beside its row number at most, under two header cells or more: a group's title across
    the row ("1 | Hoàn thiện thể chế, cải thiện môi trường kinh doanh"), which blocks no corridor between them."""
    rest = line[1:] if len(line) > 1 and _ROW_NUMBER.match(line[0].text) else line
    return rest == [f] and sum(f.x0 < max(g.x1 for g in c) and f.x1 > min(g.x0 for g in c) for c in head) >= 2


def _merged(body: list[list[_Fragment]], xs: list[float]) -> list[tuple[float, float, float, float, float, int]]:
    """Text across column borders belongs to the column it starts in; a title across the whole row that starts
    with its number in the index column ("II. CÔNG TÁC TUYÊN TRUYỀN") keeps the number there, the rest goes to
    the next column."""
    out = []
    for f in (f for line in body for f in line if any(f.x0 < x < f.x1 for x in xs[1:-1])):
        col = max(0, min(len(xs) - 2, _index(xs, f.x0 + _TOL)))
        split = f.x0
        number = _NUMBERED_TITLE.match(f.text) if col == 0 else None
        if number and number.end() < len(f.centres):
            split, col = f.centres[number.end()] - 0.01, 1
        out.append((f.x0, f.y0, f.x1, f.y1, split, col))
    return out


def _row_starts(body: list[list[_Fragment]], xs: list[float]) -> list[float]:
    """The top of each row after the first: where the first column numbers a row, else where the text resumes
    after a blank line. A number right under one that ends in a dot ("1." | "1") is the rest of that index."""
    numbered = [line for prev, line in zip([None, *body], body)
                if (line[0].x1 <= xs[1] and _ROW_NUMBER.match(line[0].text) or _row_title(line, xs))
                and not (prev is not None and prev[0].x1 <= xs[1] and _CUT_INDEX.match(prev[0].text)
                         and line[0].text.strip().isdigit() and _tight(prev, line))]
    if len(numbered) >= 2 or numbered and numbered[0] is not body[0]:
        # (lines before the first number: the rest of a row the page break cut)
        return [max(f.y1 for f in line) + 0.5 for line in numbered if line is not body[0]]
    columns = list(zip(xs, xs[1:]))
    out = []
    for prev, line in zip(body, body[1:]):
        pitch = prev[0].y1 - prev[0].y0
        if min(f.y0 for f in prev) - max(f.y1 for f in line) > 0.8 * pitch or _opens_cells(prev, line, columns):
            out.append(max(f.y1 for f in line) + 0.5)
    return out


def _merge_desc(ys: list[float]) -> list[float]:
    out: list[float] = []
    for y in sorted(ys, reverse=True):
        if out and out[-1] - y <= _TOL:
            continue
        out.append(y)
    return out
