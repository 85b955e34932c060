"""Structure of a communiqué: blocks (headings, numbered items, bullets, paragraphs) and sentences.

``segment(text)`` re-joins hard-wrapped lines (PDF text), skips page numbers
and separator lines, recognises list markers (``I.``, ``1.``, ``2.1.``,
``a)``, ``(1)``, ``-``, ``+``, ``*``, ``•``) and gives each block a level, then
splits each block into sentences per the annotation guide: a sentence ends at
``.``, ``!``, ``?`` or ``…`` followed by a space and a capital letter, or at
the end of its block; ``;`` never ends one; abbreviations (``TP.``, ``TX.``,
``Đ/c``) and closing marks (``./.``) do not.

All offsets are offsets into the text passed in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import cue_regex, key, key_regex, load_language, written_pattern
from .text import fold, normalize, typed_bare

_TERMINAL = ".!?…"
_CLOSERS = "\"'”’»)]}*"
# (matched on the folded line)
_PAGE_LINE = cue_regex(
    r"^\s*(?:[-–—]?\s*\d{1,3}\s*[-–—]?|{page_words}\s+\d{1,3}(?:\s*/\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3}"
    # a running footer that ends on its page number ("Thông báo số 88-TB/TU – Trang 1/3")
    r"|[^\n]{0,80}?\s[-–—|,]\s*{page_words}\s+\d{1,3}(?:\s*(?:/|{page_of})\s*\d{1,3})?"
    r"|[^\n]{0,80}?\s{page_words}\s+\d{1,3}\s*(?:/|{page_of})\s*\d{1,3})\s*$")
_SEPARATOR = re.compile(r"^\s*(?:[-–—_=*~.|•:]\s*){1,}$")
_MARKER = re.compile(
    r"(?P<article>(?:" + written_pattern("article_words") + r")\s+\d{1,3}\.)(?=\s)"
    r"|(?P<roman>(?:X{0,3})(?:IX|IV|V?I{0,3})\.)(?=\s)"
    r"|(?P<num>\d{1,2}(?:\.\d{1,2}){1,3}\.?|\d{1,2}[.)])(?=\s)"
    r"|(?P<alpha>[a-zđ][).])(?=\s)"
    r"|(?P<paren>\((?:\d{1,2}|[a-zđ])\))(?=\s)"
    r"|(?P<bullet>[-–—+*•·▪●○◦➢➤✓❖►\uf0b7\uf0a7\uf076\uf0d8\uf0fc])(?=\s*\S)"
)
_OPENERS = "\"“‘(["


def _line_end(alternation: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A line-end word test: (keys, for accented text; folded, for text typed without diacritics)."""
    return key_regex(r"\b(?:" + alternation + r")$"), cue_regex(r"\b(?:" + alternation + r")$")


def _ends_on(line: str, test: tuple[re.Pattern[str], re.Pattern[str]]) -> bool:
    """Whether ``line`` ends on one of the words of ``test`` (see ``_line_end``)."""
    line = line.rstrip()
    return bool(test[1].search(line.lower()) if typed_bare(line) else test[0].search(normalize(line).lower()))


def _lower_start(line: str) -> bool:
    """The line starts (past an opening quote or bracket) with a lower-case letter, a digit, "," or ";"."""
    c = line[1:2] if line[:1] and line[:1] in _OPENERS else line[:1]
    return bool(c) and (c.islower() or c.isdigit() or c in ",;")
_ABBREV = load_language("vi").word_set("abbreviations")
_NUMBER_UNIT = key_regex(r"(?:{number_units})\b")

@dataclass
class Block:
    start: int              # first character (marker included)
    end: int                # one past the last character
    body_start: int         # first character after the marker
    marker: str | None = None
    mtype: str | None = None  # roman | num | alpha | paren | bullet
    level: float = 9.0
    n_lines: int = 1
    gap_before: bool = False  # blank line(s) before it
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def text(self, src: str) -> str:
        return src[self.start:self.end]

    def body(self, src: str) -> str:
        return src[self.body_start:self.end]


_ROMAN_TOKEN = re.compile(r"(?<![^\W\d_])[IVX]{1,4}(?![^\W\d_])")


def _is_caps_line(s: str) -> bool:
    s = _ROMAN_TOKEN.sub("", s)  # "III/2024." (a wrapped "quý III/2024") is no line in capitals
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _ends_terminal(s: str) -> bool:
    s = s.rstrip().rstrip(_CLOSERS + " |").rstrip()
    if s.endswith("./."):
        return True
    return bool(s) and s[-1] in _TERMINAL


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's stripped content; empty lines give (pos, pos)."""
    out = []
    pos = 0
    for raw in re.split(r"(?<=\n)|(?<=\f)", text):
        if not raw:
            continue
        content = raw.rstrip("\n\f")
        s = len(content) - len(content.lstrip())
        e = len(content.rstrip())
        if e <= s:
            out.append((pos, pos))
        else:
            out.append((pos + s, pos + e))
        pos += len(raw)
    return out


_CLOCK_OR_DAY = re.compile(r"\s*\d{1,2}\s*(?:h|" + written_pattern("time_hour") + r")(?:\d|\b)|\s*\d{1,2}/\d{1,2}(?!\d)",
                           re.IGNORECASE)


def _marker_of(line: str) -> tuple[str | None, str | None, int]:
    m = _MARKER.match(line)
    if not m or not m.group(0):
        return None, None, 0
    kind = m.lastgroup
    mk = m.group(0)
    if kind == "article":
        kind = "roman"  # "Điều 1." of a decision: the top level of its outline
    if kind == "roman" and mk == ".":
        return None, None, 0
    rest = line[m.end():]
    skip = len(rest) - len(rest.lstrip())
    if kind == "bullet" and mk in "-–—" and re.match(r"\s*\d", rest) and not _CLOCK_OR_DAY.match(rest):
        return None, None, 0  # "- 2020; …": a wrapped range, not a bullet (but "- 7h30 sáng thứ Hai …" is one)
    if kind == "num" and (rest.lstrip().startswith("%") or _NUMBER_UNIT.match(normalize(rest).lower())):
        return None, None, 0
    return mk, kind, m.end() + skip


def _wrapped(text: str, lines: list[tuple[int, int]]) -> tuple[bool, int]:
    lens = sorted(e - s for s, e in lines if e > s and "\t" not in text[s:e])  # table rows are no wrapped text
    if len(lens) < 6:
        return False, 0
    width = lens[int(len(lens) * 0.9) - 1] if len(lens) >= 10 else lens[-1]
    if width < 40 or width > 200:
        return False, width
    full = [i for i, (s, e) in enumerate(lines) if e - s >= 0.7 * width and not _ends_terminal(text[s:e])
            and text[e - 1:e] not in ":;"]
    # a wrap breaks sentences mid-way, so the line after a full unfinished one mostly goes on in lower case (0.54
    # of them or more in the corpus); lines that end unfinished over a capital or a blank line are items or
    # paragraphs that lost their stops (an e-mail's bare item lines), not wrapped text
    goes_on = sum(1 for i in full if i + 1 < len(lines) and _lower_start(text[lines[i + 1][0]:lines[i + 1][1]]))
    return len(full) >= 4 and len(full) >= 0.25 * len(lens) and goes_on >= 0.3 * len(full), width


def _earlier_width(text: str, lines: list[tuple[int, int]], width: int) -> int:
    """The width of an earlier wrap, when the text was wrapped twice (a PDF's lines re-wrapped by an e-mail
    client), else 0.

    Wrapping wrapped text leaves each earlier line as a full line and a short tail ("… quản lý thuộc" /
    "diện"). A tail inside a sentence — after a full unfinished line, before a lower-case one — shows it; the
    lengths of such pairs rejoined say how wide the earlier lines were."""
    pairs = []
    for (s0, e0), (s1, e1), (s2, e2) in zip(lines, lines[1:], lines[2:]):
        full, tail = text[s0:e0], text[s1:e1]
        if e0 - s0 >= 0.85 * width and not _ends_terminal(full) and 0 < e1 - s1 <= 0.4 * width \
                and not _ends_terminal(tail) and e2 > s2 and _lower_start(text[s2:e2]):
            pairs.append(e0 - s0 + 1 + e1 - s1)
    if len(pairs) < 5:
        return 0
    pairs.sort()
    return pairs[int(len(pairs) * 0.9) - 1] if len(pairs) >= 10 else pairs[-1]


_DOC_TYPE_LINE = cue_regex(r"^\s*(?:{doc_types})\s*$")
_NUMBER_LINE = cue_regex(r"^\s*{number_words}\s*:?\s*\d{1,5}\s*[-/]")


def _furniture(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """Indexes of page furniture: page numbers and the running headers/footers printed next to them.

    A running header is a line next to a page number (or right after a form feed) that repeats in the
    document, or that is in capitals / a document number while the text around it runs on.
    """
    nonempty = [i for i, (s, e) in enumerate(lines) if e > s]
    pos = {i: k for k, i in enumerate(nonempty)}
    pages = {i for i in nonempty if _PAGE_LINE.match(fold(text[lines[i][0]:lines[i][1]]))}
    out = set(pages)
    anchors = set(pages) | {i for i in nonempty if lines[i][0] > 0 and text[lines[i][0] - 1] == "\f"}
    if not anchors:
        return out

    def key(i: int) -> str:
        s, e = lines[i]
        return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text[s:e].lower())).strip()

    cand: list[int] = []
    for a in sorted(anchors):
        k = pos[a]
        for d in (-2, -1, 1, 2):
            if 0 <= k + d < len(nonempty):
                j = nonempty[k + d]
                if j not in pages and (abs(d) == 1 or nonempty[k + d // 2] in pages):
                    cand.append(j)
        if a not in pages:
            cand.append(a)
    if not cand:
        return out
    counts: dict[str, int] = {}
    for i in nonempty:
        kk = key(i)
        counts[kk] = counts.get(kk, 0) + 1
    for j in set(cand):
        s, e = lines[j]
        line = text[s:e]
        if len(line) > 120 or _marker_of(line)[0] is not None:
            continue
        k = pos[j]
        after = [i for i in nonempty[k + 1:k + 4] if i not in pages]  # the body line after, past the page number
        nxt = text[lines[after[0]][0]:lines[after[0]][1]] if after else ""
        prv = text[lines[nonempty[k - 1]][0]:lines[nonempty[k - 1]][1]] if k > 0 else ""
        # the body runs on across the page break: a lowercase continuation after, or a wrapped line (a long
        # one: a short unpunctuated line is a heading, "Phần thứ ba" over "KIẾN NGHỊ, ĐỀ XUẤT") before
        runs_on = _lower_start(nxt) or (len(prv) >= 60 and not _ends_terminal(prv)
                                                    and not prv.rstrip().endswith(":"))
        if counts.get(key(j), 0) >= 2 or ((_is_caps_line(line) or _NUMBER_LINE.match(fold(line))) and runs_on):
            out.add(j)
    return out


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of page numbers and running headers (see ``segment``)."""
    lines = _lines(text)
    return [lines[i] for i in sorted(_furniture(text, lines))]


def mask_furniture(text: str) -> str:
    """``text`` with page numbers and running headers blanked out (same length: offsets stay valid)."""
    spans = furniture_spans(text)
    if not spans:
        return text
    parts = []
    last = 0
    for s, e in spans:
        parts.append(text[last:s])
        parts.append(" " * (e - s))
        last = e
    parts.append(text[last:])
    return "".join(parts)


def segment(text: str) -> list[Block]:
    """Blocks with their sentences, in document order."""
    lines = _lines(text)
    wrapped, _width = _wrapped(text, lines)
    earlier = _earlier_width(text, lines, _width) if wrapped else 0
    furniture = _furniture(text, lines)
    blocks: list[Block] = []
    cur: Block | None = None
    cur_last = ""           # last line of the current block
    cur_before = ""         # the line before it in the block
    cur_caps = False
    gap = False
    page_break = False
    cur_row = False
    title = False           # the current block is the title under a document type's line
    listing = False         # the current block is an item of a list (after a lead-in's ":", or an item's ";")
    clean_start = True      # the current block starts after a finished sentence
    for li, (s, e) in enumerate(lines):
        if e <= s:
            if not page_break:
                gap = True
            continue
        line = text[s:e]
        if li in furniture:
            page_break = True
            continue  # page number, running header: ignored, does not end a sentence
        if _SEPARATOR.match(line):
            if cur is not None:
                blocks.append(cur)
                cur = None
            gap = True
            continue
        row = table_cells(text, s, e) is not None
        if row or cur_row:
            # a table row is a block of its own: rows neither run on nor take the next line in
            if cur is not None:
                blocks.append(cur)
                cur = None
            cur_row = row
            if row:
                cur = Block(start=s, end=e, body_start=s, gap_before=gap)
                cur_last, cur_before = line, ""
                cur_caps = False
                gap = False
                page_break = False
                continue
        mk, kind, skip = _line_marker(cur, cur_last, line, gap)
        caps = _is_caps_line(line)
        broken = page_break and not _ends_terminal(cur_last) and not cur_last.rstrip().endswith(":") and not caps
        page_break = False
        heading_line = _title_line(cur, cur_last, wrapped, _width, clean_start)
        # a title under its type's line ("KẾ HOẠCH" / "tăng cường …"): a line that opens with a capital starts the body
        title_ends = title and line[:1].isupper() and not _wrapper_break(cur_last, line, wrapped, _width)
        if cur is not None and mk is None and not title_ends and \
                (broken or _continues(cur_last, line, gap, wrapped, cur_caps, caps, _width, heading_line, listing)
                 or _rejoins_earlier_line(cur_before, cur_last, line, gap, earlier, _width, caps)):
            cur.end = e
            cur.n_lines += 1
            cur_before, cur_last = cur_last, line
            cur_caps = cur_caps and caps
            gap = False
            continue
        title = cur is not None and cur.n_lines == 1 and bool(_DOC_TYPE_LINE.match(fold(cur_last)))
        listing = cur is not None and (cur_last.rstrip().endswith(":") or listing and cur_last.rstrip().endswith(";"))
        clean_start = cur is None or _ends_terminal(cur_last) or cur_last.rstrip().endswith(":")
        if cur is not None:
            blocks.append(cur)
        cur = Block(start=s, end=e, body_start=s + skip if mk else s, marker=mk, mtype=kind, gap_before=gap)
        cur_last, cur_before = line, ""
        cur_caps = caps
        gap = False
    if cur is not None:
        blocks.append(cur)
    _levels(blocks, text)
    for b in blocks:
        b.sentences = split_sentences(text, b.body_start, b.end)
    return [b for b in blocks if b.sentences]


def _line_marker(cur: Block | None, prev: str, line: str, gap: bool) -> tuple[str | None, str | None, int]:
    """The line's list marker, but for a wrapped compound ("… kinh tế" / "- xã hội năm 2026."): a dash under a line
    that ends mid-phrase, going on in lower case, inside a block that is no dash list itself, joins the two halves."""
    mk, kind, skip = _marker_of(line)
    if cur is None or gap or mk is None or mk not in "-–" or cur.marker in ("-", "–"):
        return mk, kind, skip
    p = prev.rstrip()
    if p and p[-1].isalpha() and _lower_start(line[len(mk):].lstrip()):
        return None, None, 0
    return mk, kind, skip


def _title_line(cur: Block | None, line: str, wrapped: bool, width: int, clean_start: bool) -> bool:
    """The block so far is one title line, whose line break is the author's: a numbered block's first line, or (wrapped
    text) a short line of its own, unterminated, that ends on no linking word or stands after a finished sentence
    (``clean_start``: a short line there is no wrapped sentence's tail) — "Đảng ủy Công an tỉnh, Đảng ủy Quân sự tỉnh"
    over "Lãnh đạo …"."""
    if cur is None or cur.n_lines != 1:
        return False
    if cur.mtype in ("roman", "num", "alpha", "paren"):
        return True
    return cur.mtype is None and wrapped and len(line) < 0.6 * width and (clean_start or not _ends_on(line, _LINK_END))


_LINK_END = _line_end("{line_link_words}")
_LINK_OR_NAME_END = _line_end("{line_link_words}|{line_date_words}|{line_name_words}")
_PERIOD_END = _line_end("{line_period_words}")


_PIPE = re.compile(r"\s\|\s|^\|\s|\s\|$")


def table_cells(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """Cell spans of a table row as DOCX/HTML readers flatten it — cells joined by tabs or " | " on one line —
    or None when the line is not a row of three cells or more. Empty cells are kept (as empty spans)."""
    line = text[start:end]
    if "\t" in line:
        sep = re.compile(r"\t")
    elif len(_PIPE.findall(line)) >= 2:
        sep = re.compile(r"\s*\|\s*")
    else:
        return None
    cells = []
    pos = start
    for m in sep.finditer(text, start, end):
        cells.append((pos, m.start()))
        pos = m.end()
    cells.append((pos, end))
    out = []
    for a, b in cells:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        out.append((a, b))
    while out and out[0][0] == out[0][1] and text[start:out[0][0]].strip(" |\t") == "":
        out.pop(0)  # a leading "| "
    while out and out[-1][0] == out[-1][1]:
        out.pop()
    return out if len(out) >= 3 else None


_STAMP_LINE = cue_regex(
    r"^(?:(?:{weekday}\s+\w+|{sunday})\s*,?\s*)?(?:\d{1,2}:\d{2}(?::\d{2})?\s*,?\s*)?\d{1,2}/\d{1,2}/\d{4}"
    r"(?:\s*[-,|]?\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*\(?\[?gmt[+\-]\d+\]?\)?)?$")


_CAPTION_LINE = cue_regex(r"^\(?{captions}\s*:")
_GREETING_LINE = cue_regex(r"^\s*{address_heads}\b")


def _continues(prev: str, line: str, gap: bool, wrapped: bool, prev_caps: bool, caps: bool, width: int = 0,
               heading_line: bool = False, listing: bool = False) -> bool:
    """Whether ``line`` goes on the paragraph whose last line is ``prev``; ``listing``: the paragraph is an item of a
    list (it follows a lead-in's ":" or an item ending on ";")."""
    if _STAMP_LINE.match(fold(prev)):
        return False  # a web page's publication stamp ("Thứ Năm, 20/03/2025 - 18:42") is a line of its own
    if _CAPTION_LINE.match(fold(prev)) or _CAPTION_LINE.match(fold(line)):
        return False  # a photo caption ("Ảnh: … Hoàng Long") is a line of its own, even one ending on a name
    if _ends_terminal(prev):
        # hard-wrapped text: a sentence that ends on a full line says nothing of the paragraph — when the next
        # line's first word would not have fitted, the break is the wrapper's and the paragraph goes on
        # — but a short line that ends no sentence is no such rest: the wrapper would have filled it (a title, "Về
        # công tác kiểm tra, giám sát" after a paragraph whose last line was full)
        return not gap and not caps and not prev_caps and not heading_line and \
            _wrapper_break(prev, line, wrapped, width) and \
            not (len(line) < 0.6 * width and not _ends_terminal(line) and not re.search(r"[,;:\-–(&/]$", line))
    p = prev.rstrip()
    if p.endswith(":"):
        return _lower_start(line) and not line[:1].isdigit()
    if gap and _GREETING_LINE.match(fold(prev)):
        return False  # a letter's greeting over a blank line ("Kính gửi các đồng chí,"): the body starts below it
    if prev_caps and caps:
        return not gap
    if prev_caps and _DOC_TYPE_LINE.match(fold(prev)):
        return False  # "KẾ HOẠCH" over its title: the type's line is a block of its own
    if prev_caps != caps and (prev_caps or caps) and len(line) < 120 and \
            not (prev_caps and _lower_start(line) and _full_line(line, wrapped, width)):
        return False  # (a wrapped line in lower case after a heading in capitals is its long title, as unwrapped)
    if _lower_start(line):
        return True
    if p.endswith(";") and listing and not wrapped and line[:1].isupper():
        return False  # "…;" over a capital, in a list not wrapped: its next item, where the list's markers were lost
    if re.search(r"[,;\-–(&/]$", p):
        return True
    if wrapped and not gap:
        return _wrapped_line_goes_on(p, line, width, heading_line)
    if not gap and _ends_on(p, _PERIOD_END) and \
            re.match(r"(?:[IVX]{1,4}|\d{1,4})\b", line):
        return True  # "… trong quý" / "III/2025.": a time phrase broken by the line end
    if _ends_on(p, _LINK_END):
        return True  # "… phối hợp với các sở, ngành và" never ends a paragraph, not even over a PDF's blank line
    return False


def _wrapped_line_goes_on(p: str, line: str, width: int, heading_line: bool) -> bool:
    """Hard-wrapped text: a line short of the wrap width ended its paragraph — a heading
    ("1. Đánh giá chung", "6 tháng cuối năm 2021") — when the next line starts with a capital and the
    short line does not stop on a name part ("…, Luật") or a linking word ("… của")."""
    first = line.split()[0] if line.split() else ""
    if width and len(p) + 1 + len(first) <= 0.95 * width and line[:1].isupper():
        # the next line's first word would have fitted: the line break is the author's, not the wrapper's
        words = p.split()
        last = words[-1] if words else ""
        name_part = last[:1].isupper() and not any(ch.isdigit() for ch in last)
        if heading_line or (not name_part and not _ends_on(p, _LINK_OR_NAME_END)):
            return False
    return True


def _wrapper_break(prev: str, line: str, wrapped: bool, width: int) -> bool:
    """Hard-wrapped text: the next line's first word would not have fitted after ``prev``."""
    first = line.split()[0] if line.split() else ""
    return wrapped and bool(width) and len(prev.rstrip()) + 1 + len(first) > width


def _full_line(line: str, wrapped: bool, width: int) -> bool:
    """Hard-wrapped text: an unfinished line as long as the wrap (its paragraph goes on)."""
    return wrapped and bool(width) and len(line) >= 0.85 * width and not _ends_terminal(line)


def _rejoins_earlier_line(before: str, prev: str, line: str, gap: bool, earlier: int, width: int,
                          caps: bool) -> bool:
    """Text wrapped twice: ``prev`` is the tail of an earlier line that began with ``before``; the paragraph
    goes on when the next line's first word would not have fitted on that earlier line either."""
    if not earlier or gap or caps or not before or len(before) < 0.85 * width or len(prev) > 0.4 * width \
            or _ends_terminal(before) or _is_caps_line(prev):
        return False
    first = line.split()[0] if line.split() else ""
    return len(before) + 1 + len(prev) + 1 + len(first) > 0.95 * earlier


def _levels(blocks: list[Block], text: str) -> None:
    bullet_stack: list[str] = []
    prev: Block | None = None
    for b in blocks:
        if b.mtype == "roman":
            b.level = 1
            bullet_stack = []
        elif b.mtype == "num":
            parts = [p for p in re.split(r"[.)]", b.marker or "") if p]
            b.level = 1 + len(parts)
            bullet_stack = []
        elif b.mtype == "alpha":
            b.level = 5
            bullet_stack = []
        elif b.mtype == "paren":
            b.level = 5.5
            bullet_stack = []
        elif b.mtype == "bullet":
            marker = b.marker or "-"
            sym = "-" if marker in "-–—" else marker
            if sym in bullet_stack:
                bullet_stack = bullet_stack[:bullet_stack.index(sym) + 1]
            elif prev is not None and prev.mtype == "bullet" and text[prev.start:prev.end].rstrip().endswith(":"):
                bullet_stack.append(sym)
            else:
                bullet_stack = [sym]
            b.level = 6 + len(bullet_stack) - 1
        else:
            b.level = 9  # an unmarked paragraph
        prev = b


_SPLIT = re.compile(r"(?:\.{3}|…|[.!?])[\"”’»)\]]*(?=\s+)")
_NEXT_START = re.compile(r"\s+[\"“‘«(\[]?(?=[A-ZÀ-ỸĐÐ])|\s+(?=[-–•+*]\s)")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], stripped of surrounding blanks and closing marks."""
    out: list[tuple[int, int]] = []
    seg_start = start
    chunk = text[start:end]
    for m in _SPLIT.finditer(chunk):
        p = start + m.end()
        nxt = _NEXT_START.match(text, p, end)
        if not nxt:
            continue
        dot = start + m.start()
        if text[dot] == "." and _is_abbrev(text, seg_start, dot):
            continue
        out.append((seg_start, p))
        seg_start = p
    out.append((seg_start, end))
    res = []
    for s, e in out:
        s, e = _trim(text, s, e)
        if e > s and any(c.isalnum() for c in text[s:e]):
            res.append((s, e))
    return res


def _is_abbrev(text: str, seg_start: int, dot: int) -> bool:
    j = dot
    while j > seg_start and not text[j - 1].isspace():
        j -= 1
    word = text[j:dot].strip("(\"“")
    if not word:
        return False
    if key(word) in _ABBREV:
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "Nguyễn V. A"
    return False


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "|"):
        e -= 1
    if text[s:e].endswith("./."):
        e -= 2
    elif text[s:e].endswith("/.") and e - s > 2:
        e -= 2
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
