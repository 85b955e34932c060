"""Task tables as PDF text layers print them: one cell per line, rows apart.

pdfminer emits a table's cells one after another ("STT", "Nội dung nhiệm vụ", "Đơn vị chủ
trì", …, then "1", the task over two or three wrapped lines, the units, the time limit),
where a DOCX or HTML reader gives one row per line with tabs between the cells. Joining such
a table's lines back into rows lets the table reader (``segment.table_cells``) read both
alike. The text keeps its length, so every offset stays valid in the text as written.
"""
from __future__ import annotations

import datetime as dt
import re

from . import resolve
from .deadlines import TimeExpr, is_recurring, pick_deadline
from .lexicon import cue_regex, tokenize
from .model import OwnerMention, Proposal
from .owners import report_to, split_owners
from .segment import table_cells
from .text import fold, fold_aligned

_COLUMN = cue_regex(r"^{column_names}$")
_CONTENT = cue_regex(r"^{content_column_heads}")
_LEAD_OR_TIME = cue_regex(r"{lead_column_heads}|^{time_column_heads}")
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
            not any(_LEAD_OR_TIME.search(n) for n in names):
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


_ROW_SEP = re.compile(r"\t|\s\|\s|^\|\s|\s\|$")
_ROW_START = re.compile(r"^\s*\|?\s*(\d{1,3}|[IVX]{1,5}|[a-zđ])[.)]?(?:\t|\s+\|)")


def _seps(line: str) -> int:
    return len(_ROW_SEP.findall(line))


def join_wrapped_rows(text: str) -> str:
    """``text`` with task-table rows broken over lines by a hard wrap joined back into one line each (same
    length).

    A row as a DOCX/HTML reader gives it — cells between tabs or " | " — wrapped by an e-mail client runs on
    over the next lines. The header (first row of the table) runs on until the line that opens the first
    numbered row and fixes the number of cells; a row then takes the next lines in while they open no row of
    their own, no numbered paragraph, and bring no more cells than the header has; once it has them all, only
    its last cell after a line that ends on a separator, or a lower-case line after a line as long as the text's
    wrap (the rest of its last cell)."""
    if "\t" not in text and " | " not in text:
        return text
    spans = _line_spans(text)
    lines = [text[s:e] for s, e in spans]
    lens = sorted(len(li) for li in lines if li.strip())
    width = lens[int(len(lens) * 0.9) - 1] if len(lens) >= 10 else 0
    out = list(text)
    i = 0
    while i < len(lines):
        if _seps(lines[i]) < 2 or _ROW_START.match(lines[i]):
            i += 1
            continue
        header = [i]
        while len(header) < 4 and header[-1] + 1 < len(lines) and lines[header[-1] + 1].strip() \
                and not _ROW_START.match(lines[header[-1] + 1]):
            header.append(header[-1] + 1)
        joined = " ".join(lines[k] for k in header)
        cells = table_cells(joined, 0, len(joined))
        nxt = header[-1] + 1
        if cells is None or table_header(joined, cells) is None or nxt >= len(lines) or \
                not _ROW_START.match(lines[nxt]):
            i += 1
            continue
        _join(out, spans, [header])
        n_seps = _seps(joined) + _lost_tabs(out, spans, lines, header, len(header))
        i = nxt
        while i < len(lines) and _ROW_START.match(lines[i]):
            row = [i]
            seps = _seps(lines[i])
            opened = _ROW_START.match(lines[i])
            index = opened.group(1) if opened else ""
            while row[-1] + 1 < len(lines):
                li = lines[row[-1] + 1]
                opens = _ROW_START.match(li)
                if opens and seps < n_seps and index.isdigit() and opens.group(1) != str(int(index) + 1):
                    opens = None  # "… thị trường số" / "8 | Từ tháng 11": the rest of a cell, not row 8
                if not li.strip() or opens or _MARKED.match(li) or seps + _seps(li) > n_seps:
                    break
                last_open = lines[row[-1]].rstrip(" ").endswith(("|", "\t"))  # the last cell is still to come
                if seps >= n_seps and not last_open and (_seps(li) or not width or len(lines[row[-1]]) < 0.8 * width
                                                         or not (li[:1].islower() or li[:1].isdigit())):
                    break
                seps += _seps(li)
                row.append(row[-1] + 1)
            _join(out, spans, [row])
            _lost_tabs(out, spans, lines, row, n_seps - seps)
            i = row[-1] + 1
            while i < len(lines) and not lines[i].strip():
                i += 1  # blank lines between rows
    return "".join(out)


def _lost_tabs(out: list[str], spans, lines: list[str], row: list[int], missing: int) -> int:
    """A tab the wrap broke the line at is gone with the blank it stood in: in a tab-separated row short of
    cells, the last line breaks before a capital (a cell's first word) become tabs again, as many as are missing.
    Returns how many were put back."""
    if missing <= 0 or "\t" not in lines[row[0]]:
        return 0
    breaks = [a for a, b in zip(row, row[1:]) if lines[b][:1].isupper() and not lines[a].endswith("\t")]
    for a in breaks[-missing:]:
        out[spans[a][1]] = "\t"
    return len(breaks[-missing:])


# --- task tables read as rows: column roles from the header, one directive a row

_COL_INDEX = cue_regex(r"^{index_columns}\.?$")
_COL_SUPPORT = cue_regex(r"\b{support_columns}\b")
_COL_DEADLINE = cue_regex(r"\b{deadline_columns}\b")
_COL_LEAD = cue_regex(r"\b{lead_columns}\b")
_COL_CONTENT = cue_regex(r"\b{content_columns}\b")
_COL_RESULT = cue_regex(r"\b{result_columns}\b")


def table_header(src: str, cells: list[tuple[int, int]]) -> dict | None:
    """Column roles of a task table's header row ("TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp |
    Thời gian hoàn thành"), or None when the row is not such a header."""
    roles: dict = {"n": len(cells)}
    for ci, (a, b) in enumerate(cells):
        f = fold(src[a:b]).strip()
        if not f:
            continue
        if any(ch.isdigit() for ch in f) or len(f.split()) > 8:
            return None  # data, not a column name
        if _COL_INDEX.match(f):
            roles.setdefault("index", ci)
        elif _COL_RESULT.search(f):
            roles["result"] = ci
        elif _COL_SUPPORT.search(f):
            roles.setdefault("support", ci)
        elif _COL_DEADLINE.search(f):
            roles.setdefault("deadline", ci)
        elif _COL_CONTENT.search(f) and "content" not in roles:
            roles["content"] = ci
        elif _COL_LEAD.search(f):
            roles.setdefault("lead", ci)
    if "content" not in roles or "result" in roles or not ("lead" in roles or "deadline" in roles):
        return None
    roles["labels"] = {ci: " ".join(src[a:b].split()) for ci, (a, b) in enumerate(cells)}
    return roles


def table_row(src, orig, cells, roles, dctx, nearest) -> Proposal | None:
    """A row of a task table as one directive: the task cell, with units and time limit from their columns
    (the heading or lead-in around the table gives them when the row names none)."""
    ci = roles["content"]
    if ci >= len(cells):
        return None
    cs, ce = cells[ci]
    if ce <= cs or not any(ch.isalpha() for ch in src[cs:ce]):
        return None
    if _group_row(src, cells, roles):
        return None
    end = cells[-1][1]
    owners: list[tuple[str, str, str]] = []
    labels = roles.get("labels", {})
    for role, key in (("lead", "lead"), ("support", "support")):
        k = roles.get(key)
        if k is not None and k < len(cells) and cells[k][1] > cells[k][0]:
            a, b = cells[k]
            toks = tokenize(src, a, b)
            owners += [(nm, role, resolve.column(labels.get(k, ""))) for nm in split_owners(toks, 0, len(toks), src)]
    if not any(r == "lead" for _, r, _ in owners):
        context = nearest("owners")
        owners = [(n, r, context.evidence) for n, r in (context.value if context else [])] + owners
    # the task is the content cell; units and time limit come from their own cells
    p = Proposal(text=orig[cs:ce], start=cs, end=ce,
                 owners=[OwnerMention(n, r, source=ev) for n, r, ev in resolve.dedupe(owners)],
                 recurring=is_recurring(src[cs:end]))
    p.report_to = report_to(tokenize(src, cs, ce), src)
    dl, base, evidence = None, 0, resolve.SENTENCE
    k = roles.get("deadline")
    if k is not None and k < len(cells) and cells[k][1] > cells[k][0]:
        dl, base = pick_deadline(src[cells[k][0]:cells[k][1]], dctx), cells[k][0]
        evidence = resolve.column(labels.get(k, ""))
        years = _YEAR_SPAN.match(fold_aligned(src[cells[k][0]:cells[k][1]]))
        if dl is None and years:  # "2026-2027" in the time column: done by the end of the last year
            dl = TimeExpr(years.start(1), years.end(2), "year", 1, dt.date(int(years.group(2)), 12, 31), True)
    if dl is None:
        dl, base, evidence = pick_deadline(src[cs:ce], dctx), cs, resolve.SENTENCE
    if dl is not None:
        p.deadline, p.deadline_phrase, p.deadline_source = dl.date, orig[base + dl.start:base + dl.end], "explicit"
        p.deadline_evidence = evidence
    else:
        inh = nearest("deadline")
        if inh and resolve.keeps_inherited_deadline(src[cs:end], inh.value[0]):
            p.deadline, p.deadline_phrase, p.deadline_source = inh.value[0], inh.value[1], "inherited"
            p.deadline_evidence = inh.evidence
    return p


_YEAR_SPAN = cue_regex(r"\s*(?:{date_year}\s+)?((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\s*$")  # on the folded cell
GROUP_LINE = re.compile(r"^\s*(?:[IVX]{1,5}|[A-Z])\.?(?:\t|\s\|\s)")
_GROUP_INDEX = re.compile(r"^(?:[IVX]{1,5}|[A-Z])\.?$")
_NUMBERED_LINE = re.compile(r"^\s*(\d{1,2})\.?(?:\t|\s\|\s)")
_SUBROW = r"\s*\|?\s*{}\.1\.?(?:\t|\s\|\s)"


def group_title(src: str, start: int, end: int) -> bool:
    """A line of a task table that titles the rows under it: a Roman or letter index ("II<tab>Đào tạo, bồi
    dưỡng"), or a number whose first sub-row follows ("1<tab>Hoàn thiện thể chế" over "1.1<tab>Rà soát …")."""
    line = src[start:end]
    if GROUP_LINE.match(line):
        return True
    m = _NUMBERED_LINE.match(line)
    if m is None:
        return False
    nxt = src[end:].lstrip("\n")
    return re.match(_SUBROW.format(m.group(1)), nxt[:nxt.find("\n") if "\n" in nxt else len(nxt)]) is not None


def _group_row(src: str, cells: list[tuple[int, int]], roles: dict) -> bool:
    """"I | Công tác tuyên truyền | | |": a row that titles the rows under it (a group's index, no unit, no time
    limit), not a task."""
    k = roles.get("index", 0)
    if k >= len(cells):
        return False
    index = src[cells[k][0]:cells[k][1]].strip()
    line_start = src.rfind("\n", 0, cells[0][0]) + 1
    if not (_GROUP_INDEX.match(index) or index.rstrip(".").isdigit() and group_title(src, line_start, cells[-1][1])):
        return False
    others = [roles[r] for r in ("lead", "support", "deadline") if r in roles]
    return all(c >= len(cells) or not src[cells[c][0]:cells[c][1]].strip() for c in others)
