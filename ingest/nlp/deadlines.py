"""Vietnamese time expressions: a small grammar, not a date library.

``find_time_expressions`` lists every time expression in a piece of text with
its span, kind and strength; ``pick_deadline`` keeps the one that reads as a
time limit (``trước ngày 15/8/2021`` beats a bare ``năm 2021``) and drops
distractors: dates of cited documents (``Kế hoạch số 80 ngày 24/11``),
reference moments (``0 giờ ngày 01/4/2019``), the meeting's own date, periods
that describe past results (``kết quả đạt được trong 6 tháng đầu năm``) and
scopes (``giai đoạn 2021 - 2025``, ``năm học 2024-2025``).

Every deadline is the *last day* the phrase allows. A missing year is taken
from the communiqué's date: the next such date on or after it. Durations
("trong 30 ngày", "15 ngày làm việc") count from the communiqué's date;
working days skip Saturdays and Sundays.

The regexes run on ``lower_aligned`` copies (same length as the original), so
spans are offsets in the text as written.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Callable

from .text import fold_aligned, lower_aligned

D = "[đð]"  # "đ" and its look-alike
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class DateContext:
    """What the resolver knows about the communiqué's own date."""
    ref_date: dt.date | None = None       # for missing years: next such date on or after it
    ref_year: int | None = None           # a year from context when no full date is known
    anchor: dt.date | None = None         # start of durations ("trong 30 ngày")
    meeting_date: dt.date | None = None   # never a deadline by itself

    @property
    def base(self) -> dt.date | None:
        if self.ref_date:
            return self.ref_date
        if self.ref_year:
            return dt.date(self.ref_year, 1, 1)
        return None


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    kind: str        # date | month | quarter | half | year | duration | range | yearend
    strength: int    # 3 hard limit ("trước", "chậm nhất") … 0 bare year
    date: dt.date | None
    has_year: bool


def _last_day(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _year(s: str | None) -> int | None:
    if not s:
        return None
    y = int(s)
    if y < 100:
        y += 2000
    return y if 1945 <= y <= 2100 else None


def _next_on_or_after(make, base: dt.date | None) -> dt.date | None:
    """``make(year)`` → date; the first one on or after ``base``."""
    if base is None:
        return None
    for y in (base.year, base.year + 1):
        d = make(y)
        if d and d >= base:
            return d
    return None


def add_working_days(start: dt.date, n: int) -> dt.date:
    d = start
    while n > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


# --- the grammar -----------------------------------------------------------
_NUMDATE = r"(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2}))?(?![\d/]|\.\d|-\d)"
_LONGDATE = r"ngày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s*,?\s*năm\s+(?P<y2>\d{4}))?"
# Numbers in words ("ngày mười lăm tháng bảy", "ngày hai mươi mốt tháng mười hai năm 2025")
_UNITS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7,
          "tám": 8, "chín": 9}
_U = r"(?:một|mốt|hai|ba|bốn|tư|lăm|năm|sáu|bảy|tám|chín)"
_DAY_WORDS = (r"(?:(?:mồng|mùng)\s+(?:mười|" + _U + r")|(?:hai|ba)\s+mươi(?:\s+" + _U + r")?|mười(?:\s+" + _U + r")?|"
              r"(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín))")
_MONTH_WORDS = r"(?:mười\s+một|mười\s+hai|mười|giêng|chạp|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín)(?!\w)"
WORD_DATE = re.compile(r"ngày\s+(?P<dw>" + _DAY_WORDS + r")\s+tháng\s+(?P<mw>" + _MONTH_WORDS + r"|\d{1,2}(?!\d))"
                       r"(?:\s*,?\s*năm\s+(?P<y>\d{4}))?")


def words_number(words: str) -> int | None:
    """1–39 written in words ("mười lăm" 15, "hai mươi mốt" 21, "giêng" 1, "chạp" 12); None if not one."""
    w = words.split()
    if not w:
        return None
    if w[0] in ("mồng", "mùng"):
        w = w[1:]
    if len(w) == 1 and w[0] == "giêng":
        return 1
    if len(w) == 1 and w[0] == "chạp":
        return 12
    if w and w[0].isdigit():
        return int(w[0])
    if w and w[0] == "mười":
        return 10 + (_UNITS.get(w[1], 0) if len(w) > 1 else 0)
    if len(w) >= 2 and w[1] == "mươi" and w[0] in _UNITS:
        return _UNITS[w[0]] * 10 + (_UNITS.get(w[2], 0) if len(w) > 2 else 0)
    if len(w) == 1 and w[0] in _UNITS:
        return _UNITS[w[0]]
    return None


_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("wdate", WORD_DATE),
    ("week", re.compile(
        r"tuần\s+(?P<w>" + D + r"ầu(?:\s+tiên)?|cuối|thứ\s+(?:nhất|hai|ba|tư)|[1-4])\s+(?:của\s+)?tháng\s+(?P<m>\d{1,2})(?!\d)"
        r"(?:\s*(?:[/.\-]|,?\s*năm)\s*(?P<y>\d{4}))?(?![\d])")),
    # "trong tuần này", "tuần tới", "trong tháng này", "trong tuần cuối tháng" (no number): counted from the
    # communiqué's date like a duration
    ("relweek", re.compile(r"(?<!\w)tuần\s+(?P<rel>này|tới|sau|kế\s+tiếp)(?!\w)")),
    ("relmonth", re.compile(r"(?<!\w)(?:(?P<wk>tuần|ngày)\s+)?cuối\s+tháng(?!\s*\d)(?!\s+(?:này\s+)?(?:" + D + r"ã|qua|trước))"
                            r"(?:\s+này)?(?!\w)|(?<!\w)tháng\s+(?P<rel>này|tới|sau)(?!\w)")),
    ("half", re.compile(
        r"(?<![\d/])(?P<n>[369]|06|09|03)\s+tháng\s+(?P<which>" + D + r"ầu|cuối)\s+năm(?:\s+(?P<y>\d{4}))?(?![\d])")),
    ("half", re.compile(r"nửa\s+(?P<which>" + D + r"ầu|cuối)\s+năm(?:\s+(?P<y>\d{4}))?")),
    ("months_of_year", re.compile(r"(?<![\d/])(?P<n>[1-9]|1[01])\s+tháng\s+(?:" + D + r"ầu\s+)?năm\s+(?P<y>\d{4})")),
    ("duration", re.compile(
        r"(?:trong(?:\s+vòng|\s+thời\s+hạn|\s+thời\s+gian)?|chậm\s+nhất(?:\s+là)?(?:\s+sau)?|sau|không\s+quá|tối\s+" + D + r"a)\s+"
        r"(?P<n>\d{1,3})\s+(?P<unit>ngày(?:\s+làm\s+việc)?|tuần|tháng)(?!\s+(?:" + D + r"ầu|cuối|năm))")),
    ("duration", re.compile(r"(?<![\d/])(?P<n>\d{1,3})\s+(?P<unit>ngày\s+làm\s+việc)")),
    ("duration", re.compile(r"(?<![\d/.,])(?P<n>\d{1,3})\s+(?P<unit>ngày(?:\s+làm\s+việc)?|tuần|tháng)(?=\s*,?\s*kể\s+từ)")),
    ("range", re.compile(
        r"từ\s+(?:ngày\s+)?\d{1,2}(?:[/.\-]\d{1,2})?(?:[/.\-]\d{2,4})?\s*(?:" + D + r"ến|tới|-|–)\s*(?:hết\s+)?(?:ngày\s+)?"
        r"(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2}))?(?![\d/])")),
    ("date", re.compile(_LONGDATE)),
    ("date", re.compile(r"(?<![\d/.,\-])" + _NUMDATE)),
    ("quarter", re.compile(r"(?<!\w)quý\s+(?P<q>iv|iii|ii|i|[1-4])(?!\w)(?:\s*(?:[/.\-–]|,?\s*năm)\s*(?P<y>\d{4}))?")),
    ("month", re.compile(
        r"(?<![\d]\s)(?<![\d])(?<!\d\s\s)tháng\s+(?P<m>\d{1,2})(?!\d)(?:\s*(?:[/.\-]|,?\s*năm)\s*(?P<y>\d{4}))?(?![\d])")),
    ("yearend", re.compile(r"cuối\s+năm(?:\s+(?P<y>\d{4}))?")),
    ("year", re.compile(r"(?<!\w)năm\s+(?P<y>\d{4})(?![\d])")),
]

_STRONG_PREFIX = re.compile(
    r"(?:trước|chậm\s+nhất(?:\s+là)?(?:\s+vào)?|hạn\s+chót|thời\s+hạn|xong\s+trước|hoàn\s+thành\s+trước|"
    r"không\s+quá|hạn|muộn\s+nhất|" + D + r"ến|tới)\s*(?:hết\s+)?(?:ngày\s*)?(?:\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?\s*,?\s*(?:ngày\s*)?)?$")
_IN_PREFIX = re.compile(r"(?:trong|ngay\s+trong|trong\s+suốt|vào|hoàn\s+thành\s+trong|ngay)\s*(?:ngày\s*)?$")
_CLOCK_BEFORE = re.compile(r"\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?\s*,?\s*(?:ngày\s*)?$")
_MOMENT_BEFORE = re.compile(r"(?:thời\s+điểm|mốc|tính\s+" + D + r"ến|số\s+liệu\s+" + D + r"ến)\s*(?:ngày\s*)?$")
_QUOTED = re.compile(r'"[^"\n]{1,300}"|“[^”\n]{1,300}”')
_CITED_BEFORE = re.compile(
    r"(?:\bsố\s*:?\s*[\w./\-]*\d[\w./\-]*|\d+[\w\-]*/[\w\-/]+)\s*,?\s*(?:(?:của|do)\s+[^,;:]{1,50}?\s*,?\s*)?(?:ngày|ban\s+hành\s+ngày|ký\s+ngày)?\s*$")
_PAST_BEFORE = re.compile(
    r"(?:(?<!báo cáo )(?<!báo cáo về )kết\s+quả(?:\s+" + D + r"ạt\s+" + D + r"ược)?|" + D + r"ạt\s+" + D + r"ược|" + D + r"ã|so\s+với|cùng\s+kỳ|tính\s+" + D + r"ến|"
    r"tính\s+từ|hồi|từ\s+" + D + r"ầu\s+năm)\s*(?:\S+\s+){0,2}$")
_FROM_BEFORE = re.compile(r"(?<!\w)(?:bắt\s+" + D + r"ầu\s+)?từ\s*(?:ngày\s*)?$")
_PAST_DURATION_BEFORE = re.compile(r"(?:" + D + r"ạt\s+" + D + r"ược|" + D + r"ã|so\s+với|cùng\s+kỳ|hồi)\s*(?:\S+\s+){0,2}$")
_PAST_AFTER = re.compile(r"^\s*(?:vừa\s+qua|qua|" + D + r"ã|" + D + r"ến\s+nay|trước)\b")
_SCOPE_BEFORE = re.compile(
    r"(?<!\w)(?:giai\s+" + D + r"oạn|nhiệm\s+kỳ|tầm\s+nhìn|" + D + r"ịnh\s+hướng\s+" + D + r"ến|chủ\s+" + D + r"ề|năm\s+học|niên\s+khóa|niên\s+khoá|"
    r"học\s+kỳ|mùa\s+vụ|khóa|khoá)\s*(?:\S+\s+){0,1}$")
_YEAR_LIST_AFTER = re.compile(r"^\s*(?:[,;]\s*(?:năm\s+)?\d{4}|[-–]\s*\d{2,4}|\s*và\s+(?:năm\s+)?\d{4})")


Resolved = tuple[dt.date | None, bool]  # the last day the phrase allows, and whether it wrote its year


def _in_year(make: Callable[[int], dt.date | None], y: int | None, base: dt.date | None) -> Resolved:
    """``make(year)`` in the year written, else the first such date on or after ``base``."""
    if y:
        return make(y), True
    return _next_on_or_after(make, base), False


def _r_date(g: dict, ctx: DateContext) -> Resolved:
    d = int(g.get("d") or g.get("d2") or 0)
    mo = int(g.get("m") or g.get("m2") or 0)
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None, False
    return _in_year(lambda yy: _safe_date(yy, mo, d), _year(g.get("y") or g.get("y2")), ctx.base)


def _r_wdate(g: dict, ctx: DateContext) -> Resolved:
    d, mo = words_number(g["dw"]), words_number(g["mw"])
    if not (d and mo and 1 <= d <= 31 and 1 <= mo <= 12):
        return None, False
    return _in_year(lambda yy: _safe_date(yy, mo, d), _year(g.get("y")), ctx.base)


def _r_week(g: dict, ctx: DateContext) -> Resolved:
    mo = int(g["m"])
    if not 1 <= mo <= 12:
        return None, False
    w = g["w"]
    nth = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4}.get(w.split()[-1]) or (int(w) if w.isdigit() else None)
    # the last day the phrase allows: the 7th for the first week, the month's end for the last one
    if w == "cuối":
        return _in_year(lambda yy: _last_day(yy, mo), _year(g.get("y")), ctx.base)
    return _in_year(lambda yy: _safe_date(yy, mo, 7 * (nth or 1)), _year(g.get("y")), ctx.base)


def _r_month(g: dict, ctx: DateContext) -> Resolved:
    mo = int(g["m"])
    if not 1 <= mo <= 12:
        return None, False
    return _in_year(lambda yy: _last_day(yy, mo), _year(g.get("y")), ctx.base)


def _r_quarter(g: dict, ctx: DateContext) -> Resolved:
    q = _ROMAN[g["q"]]
    return _in_year(lambda yy: _last_day(yy, q * 3), _year(g.get("y")), ctx.base)


def _r_half(g: dict, ctx: DateContext) -> Resolved:
    end_month = 12 if g["which"].endswith("uối") else int(g.get("n") or 6)
    return _in_year(lambda yy: _last_day(yy, end_month), _year(g.get("y")), ctx.base)


def _r_months_of_year(g: dict, ctx: DateContext) -> Resolved:
    y = _year(g.get("y"))
    return (_last_day(y, int(g["n"])) if y else None), True


def _r_yearend(g: dict, ctx: DateContext) -> Resolved:
    return _in_year(lambda yy: dt.date(yy, 12, 31), _year(g.get("y")), ctx.base)


def _r_year(g: dict, ctx: DateContext) -> Resolved:
    y = _year(g.get("y"))
    return (dt.date(y, 12, 31) if y else None), True


def _r_relweek(g: dict, ctx: DateContext) -> Resolved:
    if ctx.anchor is None:
        return None, True
    sunday = ctx.anchor + dt.timedelta(days=6 - ctx.anchor.weekday())
    return (sunday if g["rel"] == "này" else sunday + dt.timedelta(weeks=1)), True


def _r_relmonth(g: dict, ctx: DateContext) -> Resolved:
    if ctx.anchor is None:
        return None, True
    if g.get("rel") in ("tới", "sau"):
        nxt = _add_months(ctx.anchor.replace(day=1), 1)
        return _last_day(nxt.year, nxt.month), True
    return _last_day(ctx.anchor.year, ctx.anchor.month), True


def _r_duration(g: dict, ctx: DateContext) -> Resolved:
    """Durations count from the communiqué's date; working days skip Saturdays and Sundays."""
    if ctx.anchor is None:
        return None, True
    n = int(g["n"])
    unit = g["unit"]
    if unit.startswith("ngày") and "làm" in unit:
        return add_working_days(ctx.anchor, n), True
    if unit.startswith("ngày"):
        return ctx.anchor + dt.timedelta(days=n), True
    if unit == "tuần":
        return ctx.anchor + dt.timedelta(weeks=n), True
    return _add_months(ctx.anchor, n), True


_RESOLVERS: dict[str, Callable[[dict, DateContext], Resolved]] = {
    "date": _r_date, "range": _r_date, "wdate": _r_wdate, "week": _r_week, "month": _r_month,
    "quarter": _r_quarter, "half": _r_half, "months_of_year": _r_months_of_year, "yearend": _r_yearend,
    "year": _r_year, "relweek": _r_relweek, "relmonth": _r_relmonth, "duration": _r_duration,
}


def _resolve(kind: str, m: re.Match, ctx: DateContext) -> Resolved:
    fn = _RESOLVERS.get(kind)
    return fn(m.groupdict(), ctx) if fn else (None, False)


_MAYBE_TIME = re.compile(r"\d|cuối\s+năm|nửa|quý|tuần|tháng\s+(?:này|tới|sau)|cuối\s+tháng|ngày\s+(?:mười|mươi|mồng|mùng|hai|ba|bốn|năm|sáu|bảy|tám|chín|một)",
                         re.IGNORECASE)


def find_time_expressions(text: str, ctx: DateContext, low: str | None = None) -> list[TimeExpr]:
    """Every time expression that can be a time limit, left to right, without overlaps."""
    if not _MAYBE_TIME.search(text):
        return []
    low = low if low is not None else lower_aligned(text)
    # a slogan quoted inside a sentence; not a quotation that is the speaker's words ("yêu cầu: “Chậm nhất …”")
    quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(low) if not re.search(r"(?:^|:)\s*$", low[:q.start()])]
    out: list[TimeExpr] = []
    for s, e, kind, m in _candidates(low):
        if any(a < s and e < b for a, b in quoted):
            continue  # "quán triệt tinh thần “không để … khi mùa mưa bão năm 2026 đến”": a slogan, not a limit
        before, after = low[max(0, s - 90):s], low[e:e + 25]
        strong = bool(_STRONG_PREFIX.search(before))
        if _distractor(kind, m.groupdict(), low, e, before, after) or _looks_back(kind, before, after, strong) or \
                _scope(kind, low, s, before, after):
            continue
        date, has_year = _resolve(kind, m, ctx)
        if date is not None and not has_year and kind in ("half", "quarter") and ctx.base is not None \
                and 0 <= (date - ctx.base).days < 10 and not strong:
            continue  # "6 tháng đầu năm" said at the end of June: the period under review, not a limit
        strength = _strength(kind, strong, before)
        if kind == "year" and not _year_in_reach(date, strength, before, ctx):
            continue
        out.append(TimeExpr(_phrase_start(low, s, before), e, kind, strength, date, has_year))
    return out


def _candidates(low: str) -> list[tuple[int, int, str, re.Match]]:
    """Every pattern's matches, longest first at each position, dropping anything overlapping a kept span."""
    found: list[tuple[int, int, str, re.Match]] = []
    for kind, pat in _PATTERNS:
        for m in pat.finditer(low):
            found.append((m.start(), m.end(), kind, m))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    kept: list[tuple[int, int, str, re.Match]] = []
    last_end = -1
    for s, e, kind, m in found:
        if s < last_end:
            continue
        kept.append((s, e, kind, m))
        last_end = e
    return kept


def _distractor(kind: str, g: dict, low: str, e: int, before: str, after: str) -> bool:
    """A date that is no time limit by what stands around it: a cited document's date, a start, a processing
    time, a target length, a day/month that does not read as a date."""
    if kind == "date" and not (g.get("y") or g.get("y2")):
        # A day/month without a year only when it reads as a date ("ngày 20.5", "trước 15/8").
        if not re.search(r"(?:ngày|trước|hạn|" + D + r"ến|nhất|\()\s*$", before):
            return True
    if kind == "date" and g.get("sep") in (".", "-") and not (g.get("y")) and not re.search(r"ngày\s*$", before):
        return True
    if _CITED_BEFORE.search(before) and kind in ("date", "year", "month"):
        return True
    if kind in ("date", "wdate", "month", "quarter", "year", "relmonth", "relweek") and _FROM_BEFORE.search(before) and \
            not re.match(r"\s*(?:" + D + r"ến|tới|-|–)", after):
        return True  # "mở chuyên mục … từ tháng 7/2025": when the work starts, not when it must be done
    if kind == "duration" and re.match(r"\s*,?\s*kể\s+từ\s+(?:ngày|khi|thời\s+điểm)\s+(?:tiếp\s+)?nhận\s+(?:được\s+)?"
                                       r"(?:đủ\s+|đầy\s+đủ\s+)?(?:hồ\s+sơ|đơn|hồ\s+sơ)", low[e:e + 60]):
        return True  # "không quá 10 ngày làm việc kể từ ngày nhận đủ hồ sơ": a processing time, counted per file
    # "rút ngắn thời gian thẩm định xuống không quá 30 ngày": a target length, not a time limit
    return kind == "duration" and bool(re.search(r"(?:xuống|còn|giảm|rút\s+ngắn)\s*$", before))


def _looks_back(kind: str, before: str, after: str, strong: bool) -> bool:
    """A reference moment ("0 giờ ngày 01/4/2019", "tại thời điểm 30/9/2023") or a past period ("kết quả đạt
    được trong 6 tháng đầu năm")."""
    if _MOMENT_BEFORE.search(before) or not strong and _CLOCK_BEFORE.search(before):
        return True
    if strong:
        return False
    if kind == "duration":
        # "báo cáo … kết quả trong 10 ngày làm việc": a time limit; only "đã/đạt được … trong 10 ngày (qua)"
        # looks back
        return bool(_PAST_AFTER.search(after) or _PAST_DURATION_BEFORE.search(before))
    return bool(_PAST_BEFORE.search(before) or _PAST_AFTER.search(after))


def _scope(kind: str, low: str, s: int, before: str, after: str) -> bool:
    """A period that scopes the work ("giai đoạn 2021 - 2025", "năm học 2024-2025", "năm 2025, 2026")."""
    if kind in ("year", "yearend", "half", "quarter", "month", "months_of_year") and _SCOPE_BEFORE.search(before):
        return True
    if kind != "year":
        return False
    return bool(_YEAR_LIST_AFTER.search(after) or re.search(r"[-–,]\s*$", before[-3:]) or
                re.search(r"năm\s+học\s*$", low[max(0, s - 10):s + 8]))


def _strength(kind: str, strong: bool, before: str) -> int:
    if kind == "range":
        return 2
    if strong:
        return 3
    if _IN_PREFIX.search(before) or kind == "duration":
        return 2
    return 0 if kind == "year" else 1


def _year_in_reach(date: dt.date | None, strength: int, before: str, ctx: DateContext) -> bool:
    """A bare year is a time limit only within two years of the communiqué; "đến năm 2030" is a horizon."""
    if date is None or ctx.base is None:
        return True
    if strength == 3 and date.year > ctx.base.year + 2 and re.search(D + r"ến\s*$|tới\s*$", before):
        return False  # "quy hoạch sử dụng đất đến năm 2030": a horizon that scopes the task, not its time limit
    if strength < 3 and not (ctx.base.year <= date.year <= ctx.base.year + 2):
        return False
    return date.year >= ctx.base.year


def _phrase_start(low: str, s: int, before: str) -> int:
    """The phrase extended to its prefix as written ("trước ngày", "trong"), without "hoàn thành"."""
    pm = _STRONG_PREFIX.search(before) or _IN_PREFIX.search(before)
    if not pm:
        return s
    ps = s - (len(before) - pm.start())
    lead = re.match(r"(?:hoàn\s+thành|xong)\s+", low[ps:s])
    return ps + lead.end() if lead else ps


_FIRST_YEAR = re.compile(r"\b(?:bat dau|ke|bat dau ke) tu nam (\d{4})\b")


def pick_deadline(text: str, ctx: DateContext, low: str | None = None) -> TimeExpr | None:
    """The expression that states the time limit of ``text``, or None. A yearly limit that starts in a later
    year ("trước ngày 15 tháng 12 hằng năm, bắt đầu từ năm 2028") falls first in that year."""
    best = _pick(text, ctx, low)
    if best is not None and not best.has_year:
        first = _FIRST_YEAR.search(fold_aligned(text))
        if first and best.date is not None and best.date.year < int(first.group(1)):
            later = _pick(text, replace(ctx, ref_date=dt.date(int(first.group(1)), 1, 1)), low)
            if later is not None and later.date is not None:
                best = later
    return best


def _pick(text: str, ctx: DateContext, low: str | None) -> TimeExpr | None:
    best: TimeExpr | None = None
    for t in find_time_expressions(text, ctx, low):
        if t.date is None:
            continue
        if ctx.meeting_date and t.date == ctx.meeting_date and t.strength < 3:
            continue
        if best is None or t.strength > best.strength:
            best = t
    return best


_RECURRING = re.compile(
    r"\b(?:thuong xuyen|dinh ky|hang (?:nam|quy|thang|tuan|ngay)|moi (?:nam|quy|thang|tuan)|luon luon|luon)\b")


def is_recurring(text: str, folded: str | None = None) -> bool:
    """Ongoing or periodic work: "thường xuyên", "định kỳ", "hằng năm", "hằng quý"…"""
    folded = folded if folded is not None else fold_aligned(text)
    return bool(_RECURRING.search(folded))
