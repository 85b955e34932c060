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

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Callable

from .lexicon import cue_regex, load_language
from .text import fold_aligned, lower_aligned, nfc, old_tone, typed_bare

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
# Written once with diacritics; compiled twice (``_grammar``): as written, for text typed with diacritics, and
# folded, for text typed without them (matched on its ``fold_aligned`` copy). The words around a date that
# say whether it is a limit are language data (``lang/vi/time.toml``).
_NUMDATE = r"(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2}))?(?![\d/]|\.\d|-\d)"
_LONGDATE = r"{time_day}\s+(?P<d2>\d{1,2})\s+{time_month}\s+(?P<m2>\d{1,2})(?:\s*,?\s*{time_year}\s+(?P<y2>\d{4}))?"
# Numbers in words ("ngày mười lăm tháng bảy", "ngày hai mươi mốt tháng mười hai năm 2025")
_UNITS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9}
_DAY_WORDS = (r"(?:{time_day_prefixes}\s+(?:{time_ten}|{time_units})|{time_tens}\s+{time_tens_word}(?:\s+{time_units})?|"
              r"{time_ten}(?:\s+{time_units})?|{time_day_units})")
_MONTH_WORDS = r"{time_month_words}(?!\w)"
_WORD_DATE = (r"{time_day}\s+(?P<dw>" + _DAY_WORDS + r")\s+{time_month}\s+(?P<mw>" + _MONTH_WORDS + r"|\d{1,2}(?!\d))"
              r"(?:\s*,?\s*{time_year}\s+(?P<y>\d{4}))?")


def words_number(words: str) -> int | None:
    """1–39 written in words ("mười lăm" 15, "hai mươi mốt" 21, "giêng" 1, "chạp" 12), with or without
    diacritics ("muoi lam"); None if not one."""
    w = fold_aligned(words).split()
    if w and w[0] in ("mong", "mung"):
        w = w[1:]
    if not w:
        return None
    if len(w) == 1 and w[0] in ("gieng", "chap"):
        return 1 if w[0] == "gieng" else 12
    if w[0].isdigit():
        return int(w[0])
    if w[0] == "muoi":
        return 10 + (_UNITS.get(w[1], 0) if len(w) > 1 else 0)
    if len(w) >= 2 and w[1] == "muoi" and w[0] in _UNITS:
        return _UNITS[w[0]] * 10 + (_UNITS.get(w[2], 0) if len(w) > 2 else 0)
    if len(w) == 1 and w[0] in _UNITS:
        return _UNITS[w[0]]
    return None


_YEAR_AFTER = r"(?:\s*(?:[/.\-]|,?\s*{time_year})\s*(?P<y>\d{4}))?"
_CLOCK = r"\d{1,2}\s*(?:{time_hour}|h)(?:\s*\d{1,2}(?:\s*{time_minute})?)?\s*,?\s*(?:{time_day}\s*)?"
_PATTERN_SOURCES: list[tuple[str, str]] = [
    ("wdate", _WORD_DATE),
    ("monthday", r"{time_day}\s+(?P<d>\d{1,2})\s+(?:{time_every_month})(?!\w)"),
    ("week", r"{time_week}\s+(?P<w>{time_start}(?:\s+{time_first})?|{time_end}|{time_ordinal}\s+(?:{time_week_ordinals})|"
             r"[1-4])\s+(?:{time_of}\s+)?{time_month}\s+(?P<m>\d{1,2})(?!\d)" + _YEAR_AFTER + r"(?![\d])"),
    # "trong tuần này", "tuần tới", "trong tháng này", "trong tuần cuối tháng" (no number): counted from the
    # communiqué's date like a duration
    # "sáng thứ Hai tuần sau", "trước 16h thứ Sáu", "thứ 2 tuần tới": a weekday, this week or the next
    ("weekday", r"(?<!\w)(?P<wd>{time_weekday_names}|{time_weekday_numbers})\s+{time_week}\s+(?P<rel>{time_week_rel})"
                r"(?!\w)"),
    ("weekday", r"(?<!\w)(?:{time_weekday_leads})\s+(?:" + _CLOCK + r")?"
                r"(?P<wd>{time_weekday_names}|{time_weekday_numbers})(?!\w)(?!\s*[(,]?\s*(?:{time_day}\s*)?\d)"
                r"(?!\s+(?:{time_weekday_recurring})(?!\w))(?:\s+{time_week}\s+(?P<rel>{time_week_rel})(?!\w))?"),
    # "chiều nay", "hôm nay", "sáng mai", "ngày mai": the communiqué's day or the next
    ("relday", r"(?<!\w)(?:{time_day_parts})\s+(?P<rel>{time_today}|{time_tomorrow})(?!\w)"
               r"|(?<!\w){time_day}\s+(?P<tomorrow>{time_tomorrow})(?!\w)"),
    ("relweek", r"(?<!\w){time_week}\s+(?P<rel>{time_week_rel})(?!\w)"),
    ("relmonth", r"(?<!\w)(?:(?P<wk>{time_week}|{time_day})\s+)?{time_end}\s+{time_month}(?!\s*\d)"
                 r"(?!\s+(?:{time_this}\s+)?(?:{time_gone_by}))(?:\s+{time_this})?(?!\w)|"
                 r"(?<!\w){time_month}\s+(?P<rel>{time_month_rel})(?!\w)"),
    ("relyear", r"(?<!\w){time_year}\s+(?P<rel>{time_year_rel})(?!\w)"),
    ("half", r"(?<![\d/])(?P<n>[369]|06|09|03)\s+{time_month}\s+(?P<which>{time_start}|{time_end})\s+{time_year}"
             r"(?:\s+(?P<y>\d{4}))?(?![\d])"),
    ("half", r"{time_half}\s+(?P<which>{time_start}|{time_end})\s+{time_year}(?:\s+(?P<y>\d{4}))?"),
    ("months_of_year", r"(?<![\d/])(?P<n>[1-9]|1[01])\s+{time_month}\s+(?:{time_start}\s+)?{time_year}\s+(?P<y>\d{4})"),
    ("duration", r"{time_duration_openers}\s+(?P<n>\d{1,3})\s+(?P<unit>{time_day}(?:\s+{time_working})?|{time_week}|"
                 r"{time_month})(?!\s+(?:{time_start}|{time_end}|{time_year}))"),
    ("duration", r"(?<![\d/])(?P<n>\d{1,3})\s+(?P<unit>{time_day}\s+{time_working})"),
    ("duration", r"(?<![\d/.,])(?P<n>\d{1,3})\s+(?P<unit>{time_day}(?:\s+{time_working})?|{time_week}|{time_month})"
                 r"(?=\s*,?\s*{time_counting_from})"),
    ("range", r"{time_from}\s+(?:{time_day}\s+)?\d{1,2}(?:[/.\-]\d{1,2})?(?:[/.\-]\d{2,4})?\s*(?:{time_until}|-|–)\s*"
              r"(?:{time_through}\s+)?(?:{time_day}\s+)?(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})"
              r"(?:(?P=sep)(?P<y>\d{4}|\d{2}))?(?![\d/])"),
    ("date", _LONGDATE),
    ("date", r"(?<![\d/.,\-])" + _NUMDATE),
    ("quarter", r"(?<!\w){time_quarter}\s+(?P<q>iv|iii|ii|i|[1-4])(?!\w)(?:\s*(?:[/.\-–]|,?\s*{time_year})\s*"
                r"(?P<y>\d{4}))?"),
    # "Tháng 6 - 8/2026", "Tháng 01 - 02/2027": months from one to another; the time ends with the later
    ("month", r"(?<!\w){time_month}\s+0?(?:[1-9]|1[0-2])\s*[-–]\s*(?P<m>0?[1-9]|1[0-2])(?!\d)\s*[/.\-]\s*(?P<y>\d{4})(?![\d])"),
    # "Tháng 12/2026 - 01/2027", "tháng 12/2026 - tháng 01/2027": over the year's end, to the later
    ("month", r"(?<!\w){time_month}\s+0?(?:[1-9]|1[0-2])\s*[/.\-]\s*\d{4}\s*[-–]\s*(?:{time_month}\s+)?"
              r"(?P<m>0?[1-9]|1[0-2])(?!\d)\s*[/.\-]\s*(?P<y>\d{4})(?![\d])"),
    ("month", r"(?<![\d]\s)(?<![\d])(?<!\d\s\s){time_month}\s+(?P<m>\d{1,2})(?!\d)" + _YEAR_AFTER + r"(?![\d])"),
    ("yearend", r"{time_end}\s+{time_year}(?:\s+(?P<y>\d{4}))?"),
    ("year", r"(?<!\w){time_year}\s+(?P<y>\d{4})(?![\d])"),
]
_CONTEXT_SOURCES: dict[str, str] = {
    "maybe": r"\d|{time_year}\s+(?:{time_year_rel})|{time_end}\s+{time_year}|{time_half}|{time_quarter}|{time_week}|{time_month}\s+(?:{time_month_rel})|"
             r"{time_end}\s+{time_month}|{time_day}\s+(?:{time_number_starts})|(?:{time_day_parts}|{time_day})\s+"
             r"(?:{time_today}|{time_tomorrow})|{time_weekday_names}|{time_weekday_numbers}",
    # (a weekday may stand between: "trước 16h thứ Tư (9/12)")
    "strong": r"(?<!\w)(?:{time_strong_prefixes})\s*(?:{time_through}\s+)?(?:{time_day}\s*)?(?:" + _CLOCK + r")?"
              r"(?:(?:{time_weekday_names}|{time_weekday_numbers})\s*[(,]?\s*(?:{time_day}\s*)?)?$",
    "within": r"(?<!\w)(?:{time_in_prefixes})\s*(?:{time_day}\s*)?$",
    "clock": _CLOCK + "$",
    "moment": r"(?<!\w)(?:{time_moment_words})\s*(?:{time_day}\s*)?$",
    "cited": r"(?:\b{time_number_word}\s*:?\s*[\w./\-]*\d[\w./\-]*|\d+[\w\-]*/[\w\-/]+)\s*,?\s*"
             r"(?:(?:{time_cited_by})\s+[^,;:]{1,50}?\s*,?\s*)?(?:{time_cited_dates})?\s*$",
    # (whole words: folded, "đã" is also the start of "dan", "dau")
    "past": r"(?:{!time_reported}{time_result}(?:\s+{time_result_reached})?|(?<!\w)(?:{time_past_before})(?!\w))"
            r"\s*(?:\S+\s+){0,2}$",
    "from": r"(?<!\w)(?:{time_begin}\s+)?{time_from}\s*(?:{time_day}\s*)?$",
    "past_duration": r"(?<!\w)(?:{time_past_duration_before})(?!\w)\s*(?:\S+\s+){0,2}$",
    "past_after": r"^\s*{time_past_after}\b",
    "scope": r"(?<!\w){time_scope_words}\s*(?:\S+\s+){0,1}$",
    "year_list_after": r"^\s*(?:[,;]\s*(?:{time_year}\s+)?\d{4}|[-–]\s*\d{2,4}|\s*{time_and}\s+(?:{time_year}\s+)?\d{4})",
    "recurring_before": r"(?<!\w)(?:{time_recurring})(?!\w)[^.;:]{0,30}$",
    "date_before": r"(?:(?<!\w)(?:{time_date_before}|{time_weekday_names}|{time_weekday_numbers})\s*,?|\()\s*$",
    "day_before": r"{time_day}\s*$",
    "until_after": r"\s*(?:{time_until}|-|–)",
    "per_file": r"\s*,?\s*{time_counting_from}\s+(?:{time_counting_events})\s+(?:{time_receive_pre}\s+)?{time_receive}\s+"
                r"(?:{time_received}\s+)?(?:{time_complete}\s+)?(?:{time_files})",
    # "… kể từ ngày bế mạc đại hội": counted from a day other than the communiqué's own (its signing, issue, receipt)
    "event_day": r"\s*,?\s*{time_counting_from}\s+(?:{time_counting_events})\s+(?!\d)(?!(?:{time_document_days})(?!\w))\w",
    "target": r"{time_target_words}\s*$",
    "school_year": r"{time_school_year}\s*$",
    "feast": r"(?<!\w)(?:{time_feasts})(?:\s+[^\W\d_]+){0,3}\s*$",
    "relative": r",\s*(?:{time_relative})(?!\w)[^,;:]*$",
    "horizon": r"(?:{time_until})\s*$",
    "after_event": r"\s*,?\s*(?:{time_after_event})(?!\w)",
    "state_after": r"\s*,?\s*(?:{time_state_after})(?!\w)",
    "done_lead": r"{time_done}\s+",
    "joined": r"^\s*(?:{time_and}|,)\s*$",
}
def _spell(pattern: str, folded: bool) -> str:
    """A pattern written with diacritics, or the same pattern for text folded by ``fold_aligned``."""
    return "".join(c if c.isascii() else fold_aligned(c) for c in pattern) if folded else pattern


def _vocabulary(name: str, folded: bool) -> str:
    """A list of ``time.toml`` as a regex alternation, longest phrase first; any run of spaces between words. The
    folded grammar leaves out the words ``time_written_only`` lists."""
    forms: set[tuple[str, ...]] = set()
    lang = load_language("vi")
    for phrase in lang.written[name]:
        if folded and phrase in lang.written["time_written_only"]:
            continue  # typed bare it is another word ("hoi": "hồi", but also "hội", "hỏi")
        words = tuple(nfc(phrase).lower().split())
        forms.add(tuple(fold_aligned(w) for w in words) if folded else words)
        if not folded:
            forms.add(tuple(old_tone(w) for w in words))
    alts = [r"\s+".join(re.escape(w).replace("đ", D) for w in f) for f in forms]
    return "(?:" + "|".join(sorted(alts, key=lambda a: (-len(a), a))) + ")"


@dataclass(frozen=True)
class _Grammar:
    patterns: list[tuple[str, re.Pattern]]
    context: dict[str, re.Pattern]


_SLOT = re.compile(r"\{(!?)(time_[a-z_]+)\}")


def _not_after(name: str) -> str:
    """Fixed-width lookbehinds that refuse a list's phrases, each followed by one space, right before."""
    return "".join(r"(?<!" + re.escape(nfc(x).lower()) + " )" for x in load_language("vi").written[name])


def _grammar(folded: bool) -> _Grammar:
    return _Grammar(patterns=[(kind, _compile(p, folded)) for kind, p in _PATTERN_SOURCES],
                    context={k: _compile(p, folded) for k, p in _CONTEXT_SOURCES.items()})


def _compile(source: str, folded: bool) -> re.Pattern:
    """A source with its ``{list}`` slots filled from ``time.toml`` (``{!list}``: not right after one of them)."""
    source = _SLOT.sub(lambda m: _not_after(m.group(2)) if m.group(1) else _vocabulary(m.group(2), folded), source)
    return re.compile(_spell(source, folded))


_WRITTEN, _FOLDED = _grammar(False), _grammar(True)
WORD_DATE = _compile(_WORD_DATE, False)
# a quotation (its dates are not limits), also one a hard wrap broke over lines — but no blank line inside
_QUOTED = re.compile(r'"(?:[^"\n]|\n(?!\s*\n)){1,300}"|“(?:[^”\n]|\n(?!\s*\n)){1,300}”')
# "(27/7/1947 - 27/7/2027)": an event's day and its anniversary, dates of no time limit
_ANNIVERSARY = re.compile(r"\(\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*[-–]\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*\)")


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


def _r_monthday(g: dict, ctx: DateContext) -> Resolved:
    """"ngày 20 hằng tháng": the first 20th on or after the communiqué's date."""
    d = int(g["d"])
    base = ctx.base
    if not 1 <= d <= 31 or base is None:
        return None, True
    for k in range(13):
        m = _add_months(base.replace(day=1), k)
        day = _safe_date(m.year, m.month, d)
        if day is not None and day >= base:
            return day, True
    return None, True


def _r_week(g: dict, ctx: DateContext) -> Resolved:
    mo = int(g["m"])
    if not 1 <= mo <= 12:
        return None, False
    w = g["w"]
    nth = {"nhat": 1, "hai": 2, "ba": 3, "tu": 4}.get(fold_aligned(w.split()[-1])) or (int(w) if w.isdigit() else None)
    # the last day the phrase allows: the 7th for the first week, the month's end for the last one
    if fold_aligned(w) == "cuoi":
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
    end_month = 12 if fold_aligned(g["which"]).endswith("uoi") else int(g.get("n") or 6)
    return _in_year(lambda yy: _last_day(yy, end_month), _year(g.get("y")), ctx.base)


def _r_months_of_year(g: dict, ctx: DateContext) -> Resolved:
    y = _year(g.get("y"))
    return (_last_day(y, int(g["n"])) if y else None), True


def _r_yearend(g: dict, ctx: DateContext) -> Resolved:
    return _in_year(lambda yy: dt.date(yy, 12, 31), _year(g.get("y")), ctx.base)


def _r_year(g: dict, ctx: DateContext) -> Resolved:
    y = _year(g.get("y"))
    return (dt.date(y, 12, 31) if y else None), True


def _weekday_table() -> dict[str, int]:
    """Monday 0 … Sunday 6 by each weekday's folded name ("thu tu", "thu 4", "chu nhat")."""
    lang = load_language("vi")
    return {" ".join(fold_aligned(w) for w in n.split()): k
            for names in (lang.written["time_weekday_names"], lang.written["time_weekday_numbers"])
            for k, n in enumerate(names)}


_WEEKDAYS = _weekday_table()


def _r_weekday(g: dict, ctx: DateContext) -> Resolved:
    """The named weekday of the communiqué's week ("… tuần này"), of the next ("… tuần sau"), or else the next such
    day on or after the communiqué's date."""
    if ctx.anchor is None:
        return None, True
    wd = _WEEKDAYS[" ".join(fold_aligned(w) for w in g["wd"].lower().split())]
    monday = ctx.anchor - dt.timedelta(days=ctx.anchor.weekday())
    rel = fold_aligned(g.get("rel") or "")
    if rel == "nay":
        return monday + dt.timedelta(days=wd), True
    if rel:
        return monday + dt.timedelta(days=7 + wd), True
    return ctx.anchor + dt.timedelta(days=(wd - ctx.anchor.weekday()) % 7), True


def _r_relday(g: dict, ctx: DateContext) -> Resolved:
    if ctx.anchor is None:
        return None, True
    tomorrow = g.get("tomorrow") or fold_aligned(g.get("rel") or "") == "mai"
    return ctx.anchor + dt.timedelta(days=1 if tomorrow else 0), True


def _r_relweek(g: dict, ctx: DateContext) -> Resolved:
    if ctx.anchor is None:
        return None, True
    sunday = ctx.anchor + dt.timedelta(days=6 - ctx.anchor.weekday())
    return (sunday if fold_aligned(g["rel"]) == "nay" else sunday + dt.timedelta(weeks=1)), True


def _r_relmonth(g: dict, ctx: DateContext) -> Resolved:
    if ctx.anchor is None:
        return None, True
    if fold_aligned(g.get("rel") or "") in ("toi", "sau"):
        nxt = _add_months(ctx.anchor.replace(day=1), 1)
        return _last_day(nxt.year, nxt.month), True
    return _last_day(ctx.anchor.year, ctx.anchor.month), True


def _r_relyear(g: dict, ctx: DateContext) -> Resolved:
    """"trong năm nay": the end of the communiqué's year; "năm tới": of the next one."""
    if ctx.anchor is None:
        return None, True
    return dt.date(ctx.anchor.year + (1 if fold_aligned(g["rel"]) == "toi" else 0), 12, 31), True


def _r_duration(g: dict, ctx: DateContext) -> Resolved:
    """Durations count from the communiqué's date; working days skip Saturdays and Sundays."""
    if ctx.anchor is None:
        return None, True
    n = int(g["n"])
    unit = fold_aligned(g["unit"])
    if unit.startswith("ngay") and "lam" in unit:
        return add_working_days(ctx.anchor, n), True
    if unit.startswith("ngay"):
        return ctx.anchor + dt.timedelta(days=n), True
    if unit == "tuan":
        return ctx.anchor + dt.timedelta(weeks=n), True
    return _add_months(ctx.anchor, n), True


_RESOLVERS: dict[str, Callable[[dict, DateContext], Resolved]] = {
    "date": _r_date, "range": _r_date, "wdate": _r_wdate, "monthday": _r_monthday, "week": _r_week, "month": _r_month,
    "quarter": _r_quarter, "half": _r_half, "months_of_year": _r_months_of_year, "yearend": _r_yearend,
    "year": _r_year, "weekday": _r_weekday, "relday": _r_relday, "relweek": _r_relweek, "relmonth": _r_relmonth,
    "relyear": _r_relyear, "duration": _r_duration,
}


def _resolve(kind: str, m: re.Match, ctx: DateContext) -> Resolved:
    fn = _RESOLVERS.get(kind)
    return fn(m.groupdict(), ctx) if fn else (None, False)


def find_time_expressions(text: str, ctx: DateContext) -> list[TimeExpr]:
    """Every time expression that can be a time limit, left to right, without overlaps. Text typed without
    diacritics is read by the folded grammar on its folded copy (same offsets)."""
    folded = typed_bare(text)
    gr = _FOLDED if folded else _WRITTEN
    low = fold_aligned(text) if folded else lower_aligned(text)
    if not gr.context["maybe"].search(low):
        return []
    # a slogan quoted inside a sentence; not a quotation that is the speaker's words ("yêu cầu: “Chậm nhất …”")
    quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(low) if not re.search(r"(?:^|:)\s*$", low[:q.start()])]
    quoted += [a.span() for a in _ANNIVERSARY.finditer(low)
               if (int(a[1]), int(a[2])) == (int(a[4]), int(a[5])) and a[3] != a[6]]
    out: list[TimeExpr] = []
    for s, e, kind, m in _candidates(gr, low):
        if any(a < s and e < b for a, b in quoted):
            continue  # "quán triệt tinh thần “không để … khi mùa mưa bão năm 2026 đến”": a slogan, not a limit
        before, after = low[max(0, s - 90):s], low[e:e + 25]
        strong = bool(gr.context["strong"].search(before))
        if _distractor(gr, kind, m.groupdict(), low[e:e + 60], before, after) or \
                _looks_back(gr, kind, before, after, strong) or _scope(gr, kind, low, s, before, after):
            continue
        date, has_year = _resolve(kind, m, ctx)
        if date is not None and not has_year and kind in ("half", "quarter") and ctx.base is not None \
                and 0 <= (date - ctx.base).days < 10 and not strong:
            continue  # "6 tháng đầu năm" said at the end of June: the period under review, not a limit
        if kind == "monthday" and not strong:
            continue  # a bare "ngày 25 hằng tháng" names the reporting day of periodic work; "trước ngày 20 …" is a limit
        strength = _strength(gr, kind, strong, before)
        if kind == "year" and not _year_in_reach(gr, date, strength, before, ctx):
            continue
        out.append(TimeExpr(_phrase_start(gr, low, s, before), e, kind, strength, date, has_year))
    return _joined_months(gr, low, out)


def _joined_months(gr: _Grammar, low: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """"tháng 01 và tháng 02/2027", "tháng 12/2026 và tháng 02/2027": months named together share the last one's
    year, and the later ends the time."""
    out: list[TimeExpr] = []
    for t in found:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == t.kind == "month" and t.has_year and \
                (not prev.has_year or prev.date is not None and t.date is not None and t.date >= prev.date) and \
                gr.context["joined"].match(low[prev.end:t.start]):
            out[-1] = TimeExpr(prev.start, t.end, "month", max(prev.strength, t.strength), t.date, True)
        else:
            out.append(t)
    return out


def _candidates(gr: _Grammar, low: str) -> list[tuple[int, int, str, re.Match]]:
    """Every pattern's matches, longest first at each position, dropping anything overlapping a kept span."""
    found: list[tuple[int, int, str, re.Match]] = []
    for kind, pat in gr.patterns:
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


def _distractor(gr: _Grammar, kind: str, g: dict, following: str, before: str, after: str) -> bool:
    """A date that is no time limit by what stands around it: a cited document's date, a start, a processing
    time, a target length, a day/month that does not read as a date."""
    c = gr.context
    if kind == "date" and not (g.get("y") or g.get("y2")) and not c["date_before"].search(before):
        return True  # a day/month without a year only when it reads as a date ("ngày 20.5", "trước 15/8")
    if kind == "date" and g.get("sep") in (".", "-") and not (g.get("y")) and not c["day_before"].search(before):
        return True
    if kind == "weekday" and c["recurring_before"].search(before):
        return True  # "định kỳ hằng tuần vào chiều thứ Sáu", "Hằng tuần, trước 15 giờ thứ Sáu": every week's day
    if c["cited"].search(before) and kind in ("date", "year", "month"):
        return True
    if kind in ("date", "wdate", "month", "quarter", "year", "relmonth", "relweek", "relyear") and c["from"].search(before) and \
            not c["until_after"].match(after):
        return True  # "mở chuyên mục … từ tháng 7/2025": when the work starts, not when it must be done
    if kind == "duration" and (c["per_file"].match(following) or c["after_event"].match(following) or
                               c["event_day"].match(following)):
        # "không quá 10 ngày làm việc kể từ ngày nhận đủ hồ sơ", "15 ngày sau khi …", "30 ngày kể từ ngày bế mạc đại
        # hội": counted per event
        return True
    if c["relative"].search(before):
        return True  # "Trường Mầm non Hoa Sen, nơi ghi nhận ca bệnh trong tháng 11, …": what the relative clause tells
    if kind in ("date", "wdate", "month") and c["state_after"].match(following):
        return True  # "đến ngày 30/11/2026 chưa giải ngân": how things stand on that day
    # "rút ngắn thời gian thẩm định xuống không quá 30 ngày": a target length, not a time limit
    return kind == "duration" and bool(c["target"].search(before))


def _looks_back(gr: _Grammar, kind: str, before: str, after: str, strong: bool) -> bool:
    """A reference moment ("0 giờ ngày 01/4/2019", "tại thời điểm 30/9/2023") or a past period ("kết quả đạt
    được trong 6 tháng đầu năm")."""
    c = gr.context
    if c["moment"].search(before) or not strong and c["clock"].search(before):
        return True
    if strong:
        return False
    if kind == "duration":
        # "báo cáo … kết quả trong 10 ngày làm việc": a time limit; only "đã/đạt được … trong 10 ngày (qua)"
        # looks back
        return bool(c["past_after"].search(after) or c["past_duration"].search(before))
    return bool(c["past"].search(before) or c["past_after"].search(after))


def _scope(gr: _Grammar, kind: str, low: str, s: int, before: str, after: str) -> bool:
    """A period that scopes the work ("giai đoạn 2021 - 2025", "năm học 2024-2025", "năm 2025, 2026")."""
    c = gr.context
    if kind in ("year", "yearend", "half", "quarter", "month", "months_of_year") and c["scope"].search(before):
        return True
    if kind != "year":
        return False
    # "Tết Nguyên đán Bính Ngọ năm 2026": the year says which feast, not by when
    return bool(c["year_list_after"].search(after) or re.search(r"[-–,]\s*$", before[-3:]) or
                c["school_year"].search(low[max(0, s - 10):s + 8]) or c["feast"].search(before))


def _strength(gr: _Grammar, kind: str, strong: bool, before: str) -> int:
    if kind == "range":
        return 2
    if strong:
        return 3
    if gr.context["within"].search(before) or kind == "duration":
        return 2
    return 0 if kind == "year" else 1


def _year_in_reach(gr: _Grammar, date: dt.date | None, strength: int, before: str, ctx: DateContext) -> bool:
    """A bare year is a time limit only within two years of the communiqué; "đến năm 2030" is a horizon."""
    if date is None or ctx.base is None:
        return True
    if strength == 3 and date.year > ctx.base.year + 2 and gr.context["horizon"].search(before):
        return False  # "quy hoạch sử dụng đất đến năm 2030": a horizon that scopes the task, not its time limit
    if strength < 3 and not (ctx.base.year <= date.year <= ctx.base.year + 2):
        return False
    return date.year >= ctx.base.year


def _phrase_start(gr: _Grammar, low: str, s: int, before: str) -> int:
    """The phrase extended to its prefix as written ("trước ngày", "trong"), without "hoàn thành"."""
    pm = gr.context["strong"].search(before) or gr.context["within"].search(before)
    if not pm:
        return s
    ps = s - (len(before) - pm.start())
    lead = gr.context["done_lead"].match(low[ps:s])
    return ps + lead.end() if lead else ps


_YEAR_WRITTEN = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?![\d/])")


def year_mentions(text: str) -> list[tuple[int, int]]:
    """(offset, year) of the years a date written without its year may belong to: every year the text writes,
    in a date or after "năm", but the bounds of a period or a horizon ("giai đoạn 2021 - 2025", "đến năm
    2030", "tầm nhìn 2045", "năm học 2024-2025")."""
    low = fold_aligned(text)
    c = _FOLDED.context
    out = []
    for m in _YEAR_WRITTEN.finditer(low):
        before, after = low[max(0, m.start() - 40):m.start()], low[m.end():m.end() + 12]
        if c["scope"].search(before) or c["horizon"].search(before[:-4] if before.endswith("nam ") else before) or \
                re.match(r"\s*[-–]\s*\d{2,4}", after) or re.search(r"\d{4}\s*[-–]\s*$", before):
            continue
        out.append((m.start(), int(m.group(1))))
    return out


def nearest_year(mentions: list[tuple[int, int]], at: int) -> int | None:
    """The year a date without its year takes at offset ``at`` of a document that bears no date of its own:
    the nearest year written before it, else the first written after it (never the most frequent one)."""
    i = bisect.bisect_right(mentions, (at, 10_000))
    if i:
        return mentions[i - 1][1]
    return mentions[0][1] if mentions else None


_FIRST_YEAR = cue_regex(r"\b(?:{time_since_year}) (\d{4})\b")


def pick_deadline(text: str, ctx: DateContext) -> TimeExpr | None:
    """The expression that states the time limit of ``text``, or None. A yearly limit that starts in a later
    year ("trước ngày 15 tháng 12 hằng năm, bắt đầu từ năm 2028") falls first in that year."""
    best = _pick(text, ctx)
    if best is not None and not best.has_year:
        first = _FIRST_YEAR.search(fold_aligned(text))
        if first and best.date is not None and best.date.year < int(first.group(1)):
            later = _pick(text, replace(ctx, ref_date=dt.date(int(first.group(1)), 1, 1)))
            if later is not None and later.date is not None:
                best = later
    return best


def _pick(text: str, ctx: DateContext) -> TimeExpr | None:
    best: TimeExpr | None = None
    for t in find_time_expressions(text, ctx):
        if t.date is None:
            continue
        if ctx.meeting_date and t.date == ctx.meeting_date and t.strength < 3 and t.kind != "relday":
            continue  # (the meeting's own day is no limit; "chiều nay", said of it, is)
        if best is None or t.strength > best.strength or \
                t.strength == best.strength and _pushed_a_year(best, ctx) and not _pushed_a_year(t, ctx):
            best = t
    return best


def _pushed_a_year(t: TimeExpr, ctx: DateContext) -> bool:
    """A year-less day just before the communiqué's own ("số liệu đến hết ngày 4/12" sent on 7/12), read as next
    year's: more likely the day the figures stop than a limit, when another limit as strong is named."""
    return not t.has_year and ctx.base is not None and t.date is not None and (t.date - ctx.base).days > 330


_RECURRING = cue_regex(r"\b(?:{time_recurring})\b")


def is_recurring(text: str, folded: str | None = None) -> bool:
    """Ongoing or periodic work: "thường xuyên", "định kỳ", "hằng năm", "hằng quý"…"""
    folded = folded if folded is not None else fold_aligned(text)
    return bool(_RECURRING.search(folded))
