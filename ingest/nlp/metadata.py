"""Metadata of a communiqué: title, issuer, number, meeting date, province, and its own date.

``meeting_date`` is the date of the meeting or event the text reports
("Ngày 29/6/2021, Ban Chấp hành … họp", "Hôm nay (12/4), …", "Sáng 3-7, …",
"vừa có Chỉ thị số 01-CT/TU, ngày 11/11/2020"), else the date the notice
bears in its header ("Thanh Hoá, ngày 10 tháng 10 năm 2019"). Publication
stamps of web pages ("29/09/2020 - 20:56") are not meeting dates but give the
year when the text leaves it out. Dates of cited documents never count.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Iterator

from .deadlines import nearest_year, year_mentions
from .lexicon import cue_pattern, cue_regex, key_pattern, load_language
from .segment import Block
from .text import fold, fold_aligned, normalize, typed_bare

_VI = load_language("vi")


def _prov_key(name: str) -> str:
    name = name.replace("Ð", "Đ").replace("ð", "đ")
    return re.sub(r"\s+", " ", normalize(name).lower().replace("-", " ")).strip()


_PROV_KEYS = {_prov_key(p): p for p in _VI.written["provinces"]}
_PROV_ALL = {**_PROV_KEYS, **{_prov_key(a): name for name, forms in _VI.table("province_aliases").items()
                              for a in forms}}
_PROV_ALTERNATION = "|".join(sorted((re.escape(k) for k in _PROV_ALL), key=len, reverse=True))
_PROV_RE = re.compile(r"(?<!\w)(" + key_pattern("province_prefixes") + r")\s+(" + _PROV_ALTERNATION + r")(?!\w)")
_PROV_ANY = re.compile(r"(?<!\w)(" + _PROV_ALTERNATION + r")(?!\w)")
_PROV_FOLD = {fold(p).replace(" ", ""): p for p in _VI.written["provinces"] + _VI.written["province_short_names"]}
_DOMAIN = re.compile(r"\b([a-z]{4,})\.gov\.vn\b")
# A web page's trail of sections ("Thời sự > Địa phương"): short names between arrows, no sentence.
_BREADCRUMB = re.compile(r"^[^\W\d][^>»›.!?:\n]{0,40}(?:\s+[>»›]\s+[^>»›.!?:\n]{1,40}){1,5}$")

# Numbers and dates are searched in the folded copy (``fold_aligned``: same offsets) and sliced from the text.
_NUMBER_CODE = r"(\d{1,5}\s*[-–/]\s*[a-z][a-z&\-]*(?:/[a-z][a-z&\-]*)*)"
_NUMBER_BODY = cue_regex(r"\b{minutes}\s+{number_words}\s+(\d{1,5}\s*[-–]\s*[a-z]{1,5}/[a-z]{1,6})")
_NUMBER_ANY = cue_regex(r"(?:^|\n|\s{2,}|\|)\s*{number_words}\s*:?\s*" + _NUMBER_CODE)
_NUMDATE = r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?"
# "(Cổng TTĐT Quảng Ninh) - Sáng nay (14/4), …", "(STO) - Chiều 12/3, …": a news lead with the day; its weekday
# may stand before it ("Sáng nay (thứ Hai, 7/12/2026)", "Sáng thứ Hai, ngày 7/12/2026")
_EVENT_DATE = cue_regex(
    r"^(?:(?:[\w.\-()]{1,25}|\(?[^()]{1,40}\))\s+-\s+)?(?:{date_day}|{day_parts}(?:\s+{day_deictics})?)"
    r"\s*(?:{date_day}\s*)?\(?\s*(?:(?:{weekday}\s+\w+|{sunday})\s*,?\s*(?:{date_day}\s*)?)?" + _NUMDATE)
_EVENT_LONG = cue_regex(
    r"^(?:[\w.\-()]{1,25}\s+-\s+)?{daytime}?\s*{date_day}\s+(\d{1,2})\s+{date_month}\s+(\d{1,2})"
    r"(?:\s+{date_year}\s+(\d{4}))?")
_ISSUED_DOC = cue_regex(
    r"\b{just_issued}\s+{issuing}\s+(?:[\w\-]+\s+){0,3}{number_words}\s+[\w./\-]+\s*,?\s*{date_day}\s+" + _NUMDATE)
_IN_DAY = cue_regex(r"\b{in_day}\s+(?:{session}\s+[^.]{0,40}?\s+)?{date_day}\s+" + _NUMDATE)
_MEETING_WORD = cue_regex(r"\b({meeting_words})\b")
# "Tại phiên họp ngày 14/7/2023, …", "Tại Hội nghị thường kỳ ngày 05/3/2024": the meeting named with its date
_AT_MEETING = cue_regex(r"^{meeting_preps}\s+{meeting_kinds}\b[^.;:]{0,60}?\b{date_day}\s+" + _NUMDATE)
_HEADER_DATE_ANY = cue_regex(
    r"[\w .]{2,40},\s*{date_day}\s+(\d{1,2})\s+{date_month}\s+(\d{1,2})\s+{date_year}\s+(\d{4})")
_STAMP = cue_regex(
    r"^\s*(?:{stamp_labels}(?:\s+{stamp_links})?\s*:?\s*)?"
    r"(?:(?:{weekday}\s+\w+|{sunday})\s*,?\s*)?(?:\d{1,2}:\d{2}(?::\d{2})?\s*,?\s*)?(\d{1,2})/(\d{1,2})/(\d{4})"
    r"(?:\s*[-,|]?\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*(?:\[?gmt[+\-]\d+\]?|\(gmt[+\-]\d+\)))?"
    r"(?:\s*\|\s*[^\W\d][^\d|.]{0,30})?\s*$")  # "Thứ Bảy, 05/12/2026 - 08:40 | Chính trị": its section after it
_DOC_TYPES = _VI.written["doc_types"]
_UPWARD = frozenset(fold(x) for x in _VI.written["upward_doc_types"])


def _type_opening(line: str) -> str | None:
    """The document type ``line`` opens with, as printed ("BÁO CÁO"; typed without diacritics, "BAO CAO")."""
    up = line.upper()
    found = next((dtp for dtp in _DOC_TYPES if up.startswith(dtp)), None)
    if found is None and typed_bare(line):
        f = fold(line)
        found = next((up[:len(dtp)] for dtp in _DOC_TYPES if f.startswith(fold(dtp))), None)
    return found
_BARE_TYPE = cue_regex(r"^({bare_doc_types})$")
_SUBJECT_LINE = cue_regex(r"^{subject_marks}\b")
_TITLE_MORE = cue_regex(r"^({about}|{subject_marks}|{title_of})\b")
_MOTTO = cue_regex(r"{header_mottos}")
_HEADER_LINE = cue_regex(r"^({header_starts}|{number_words}\s*:?\s*\d|\*|{header_heads} )")
_CHROME = cue_regex(
    r"^({chrome_starts}|({chrome_labels})\s*:|a- a a\+|\(?[\w.]+\.(?:gov|com|vn)[\w./]*\)?$|"
    r"{chrome_home}\s*[>»›|/]|{chrome_search}\s*(?:\.\.\.|…)?\s*$|{chrome_login}\s*(?:\||$)|{chrome_print}\b)")
_BODY_END = cue_regex(r"^(- )?{body_end_heads}")
_SIGNATURE = cue_regex(r"^{signature_marks}\.?\s*{signers}")
_APPENDIX = cue_regex(r"{appendix_heads}\b")
_ISSUERS = [(name, cue_pattern(f"issuers.{name}")) for name in _VI.tables["issuers"]]
_ISSUER_ACTION = cue_regex(r"\b\s*(?:{past_adverbs}\s+)?(?:{issuer_actions})")

@dataclass
class Metadata:
    title: str | None = None
    issuer: str | None = None
    number: str | None = None
    meeting_date: dt.date | None = None
    province: str | None = None
    doc_date: dt.date | None = None     # the date the notice bears (header)
    stamp_date: dt.date | None = None   # a web page's publication stamp
    ref_year: int | None = None
    skip_blocks: frozenset[int] = frozenset()   # header, title, chrome, stamps
    end_block: int | None = None                # first block of "Nơi nhận" / signature
    appendix_block: int | None = None           # "PHỤ LỤC" after the signature: its task tables are read
    meeting_from_header: bool = False           # no meeting found: meeting_date is the notice's own date
    doc_type: str | None = None                 # "BÁO CÁO", "QUYẾT ĐỊNH", … as printed in the header
    addressees: tuple[str, ...] = ()            # "Kính gửi: …" (and the recipients listed under it)
    year_from_body: bool = False                # ref_year read in the body, not from a date of the document

    @property
    def upward(self) -> bool:
        """A report or submission sent up to a superior: its "đề nghị" are proposals, not directives."""
        return fold(self.doc_type or "") in _UPWARD


def _date(y, m, d) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None


def _with_year(d: int, m: int, y: int | None, year_hint: int | None) -> dt.date | None:
    if y:
        return _date(y, m, d)
    if year_hint:
        return _date(year_hint, m, d)
    return None


def extract_metadata(text: str, blocks: list[Block]) -> Metadata:
    """The metadata, in stages: where the body ends, the page's chrome, the header and title, the year the
    text speaks of, then the meeting date, the province and the issuer."""
    md = Metadata()
    skip: set[int] = set()
    folded = fold_aligned(text)
    _body_end(text, blocks, md)
    md.stamp_date = _chrome(text, blocks, skip) or _dateline(text, blocks, skip)
    md.addressees = tuple(_address_and_related(text, blocks, skip))
    mail_date, subject = _mail_header(text, blocks, skip)
    md.stamp_date = md.stamp_date or mail_date
    title_parts = _header(text, blocks, md, skip) or ([subject] if subject else [])
    if md.doc_type is None:
        md.doc_type = _doc_type_over_title(text, blocks)
    md.title = " ".join(title_parts) if title_parts else _web_headline(text, blocks, skip)
    md.skip_blocks = frozenset(skip)
    if not md.number:
        m = _NUMBER_BODY.search(folded[:3000])  # "Biên bản số 104-BB/TU"
        if m:
            md.number = re.sub(r"\s+", "", text[m.start(1):m.end(1)]).replace("–", "-")
    md.ref_year = _ref_year(text, md)
    md.year_from_body = md.ref_year is not None and not (md.stamp_date or md.doc_date)
    md.meeting_date = _meeting_date(text, blocks, md, skip)
    if md.meeting_date and not md.stamp_date and not md.doc_date:
        md.ref_year = md.meeting_date.year
        md.year_from_body = False
    if md.meeting_date is None and md.doc_date is not None:
        md.meeting_date = md.doc_date
        md.meeting_from_header = True
    md.province = _province(text, folded)
    md.issuer = _issuer(text)
    return md


def _block_text(text: str, b: Block) -> str:
    return text[b.start:b.end].strip()


def _body_end(text: str, blocks: list[Block], md: Metadata) -> None:
    """The end of the body ("Nơi nhận", a signature block) and an appendix after it ("PHỤ LỤC")."""
    for bi, b in enumerate(blocks):
        ft = fold(_block_text(text, b))
        if (_BODY_END.match(ft) and bi > 0) or (_SIGNATURE.match(ft.lstrip("*")) and bi > len(blocks) // 2):
            md.end_block = bi
            break
    if md.end_block is not None:
        md.appendix_block = next((bi for bi in range(md.end_block + 1, len(blocks))
                                  if _APPENDIX.match(fold(_block_text(text, blocks[bi])))), None)


def _stamp_of(m: re.Match) -> dt.date | None:
    return _date(m.group(3), m.group(2), m.group(1))


def _chrome(text: str, blocks: list[Block], skip: set[int]) -> dt.date | None:
    """Skip publication stamps, a web page's furniture and empty blocks; the first stamp's date."""
    stamp = None
    for bi, b in enumerate(blocks):
        t = _block_text(text, b)
        ft = fold(t)
        m = _STAMP.match(ft[1:-1] if ft.startswith("(") and ft.endswith(")") else ft)  # "(Đăng lúc 06/08/2025 08:30)"
        if m:
            stamp = stamp or _stamp_of(m)
            skip.add(bi)
            continue
        if stamp is None and bi < 4 and "\n" in t:
            # a web page's headline with its publication stamp on the next line, read as one block
            line = next((m for m in (_STAMP.match(fold(x)) for x in t.split("\n")[1:]) if m), None)
            if line:
                stamp = _stamp_of(line)
        if _CHROME.match(ft) or _BREADCRUMB.match(t) or len(t) < 3 or not re.search(r"[^\W\d_]{2}", t):
            skip.add(bi)
    return stamp


_MAIL_HEAD = cue_regex(r"^[>\s]*({mail_heads})\s*:\s*")
_MAIL_DATE = cue_regex(r"^(?:{mail_date_heads})$")
_MAIL_SUBJECT = cue_regex(r"^(?:{mail_subject_heads})$")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def _mail_header(text: str, blocks: list[Block], skip: set[int]) -> tuple[dt.date | None, str | None]:
    """Skip an e-mail's header lines over the message (two or more near the top: "Từ: …", "Ngày: …", "Chủ đề:
    …", in blocks of their own or one); the date they send it on dates the message as a web page's stamp does
    (no meeting is dated by it), and the subject is its title."""
    run: list[int] = []
    heads: list[tuple[re.Match, str]] = []
    for bi, b in enumerate(blocks[:12]):
        if bi in skip:
            continue
        lines = [(_MAIL_HEAD.match(fold(x)), x) for x in _block_text(text, b).split("\n")]
        if lines[0][0] is None:
            if run:
                break
            continue
        run.append(bi)
        heads.extend((m, x) for m, x in lines if m is not None)
    if len(heads) < 2:
        return None, None
    skip.update(run)
    date, subject = None, None
    for m, line in heads:
        head = " ".join(m.group(1).split())
        if date is None and _MAIL_DATE.match(head):
            d = _NUMERIC_DATE.search(line)
            date = _date(d.group(3), d.group(2), d.group(1)) if d else _rfc2822_date(line[m.end():])
        elif subject is None and _MAIL_SUBJECT.match(head):
            subject = re.sub(r"\s+", " ", line[m.end():]).strip() or None
    return date, subject


def _rfc2822_date(value: str) -> dt.date | None:
    """A mail header's own date ("Mon, 7 Dec 2026 11:26:40 +0700"), as the sender's clock gave it."""
    try:
        return parsedate_to_datetime(value.strip()).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


# "Sơn La, 06/12/2026 - Ngày 05/12, …": a news item's dateline, the place and the day it was filed
_DATELINE = re.compile(r"^[^\W\d_][\w.]*(?:\s+[^\W\d_][\w.]*){0,4},\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*[-–]\s")


def _dateline(text: str, blocks: list[Block], skip: set[int]) -> dt.date | None:
    """The date of the dateline that opens a news item's first paragraph."""
    first = next((b for bi, b in enumerate(blocks[:8]) if bi not in skip and b.mtype is None and
                  _DATELINE.match(_block_text(text, b))), None)
    m = _DATELINE.match(_block_text(text, first)) if first is not None else None
    return _date(m.group(3), m.group(2), m.group(1)) if m else None


@dataclass
class _Header:
    """What the header reader has seen so far."""

    title_parts: list[str]
    doc_type_seen: bool = False
    first_body: int | None = None


def _header(text: str, blocks: list[Block], md: Metadata, skip: set[int]) -> list[str]:
    """Header: leading caps lines, "Số:", the place-and-date line, the document type and the title (its parts)."""
    st = _Header([])
    for bi, b in enumerate(blocks[:25]):
        if bi in skip:
            continue
        t = _block_text(text, b)
        if _number_or_date(t, md, st) or _subject_or_type(t, md, st):
            skip.add(bi)
            continue
        if b.mtype in ("roman", "num", "alpha", "paren"):
            st.first_body = bi  # a numbered line belongs to the outline: the header and title end before it
            break
        if _title_line(t, st) or (b.mtype is None and _header_only(t, st)):
            skip.add(bi)
            continue
        break
    return st.title_parts


def _number_or_date(t: str, md: Metadata, st: _Header) -> bool:
    """"Số: 88-TB/TU" and "Hà Tĩnh, ngày …" (two-column PDF headers put both on one line)."""
    if st.doc_type_seen or len(t) >= 200:
        return False
    hd = _HEADER_DATE_ANY.search(fold(t))
    nm = _NUMBER_ANY.search(fold_aligned(t))
    if hd:
        md.doc_date = md.doc_date or _date(hd.group(3), hd.group(2), hd.group(1))
    if nm:
        md.number = md.number or re.sub(r"\s+", "", t[nm.start(1):nm.end(1)])
    return bool(hd or nm)


def _subject_or_type(t: str, md: Metadata, st: _Header) -> bool:
    """A công văn's subject line ("V/v đôn đốc …": the header goes on after it) or the document type's line."""
    ft = fold(t)
    if not st.doc_type_seen and not st.title_parts and _SUBJECT_LINE.match(ft) and len(t) < 400:
        st.title_parts.append(re.sub(r"\s+", " ", t))
        return True
    doc_type = _type_opening(t) if _caps(t) else None
    type_line = t.split("\n", 1)[0].strip()
    if doc_type is None and type_line != t and _type_opening(type_line) == type_line.upper() and _caps(type_line) \
            and not t.endswith((".", ":")) and len(t) < 400:
        doc_type = type_line.upper()  # "KẾ HOẠCH\ntăng cường …" (a .docx paragraph): the type over its title
    if doc_type is None:
        return False
    st.doc_type_seen = True
    md.doc_type = doc_type
    if not _BARE_TYPE.match(ft):
        st.title_parts.append(re.sub(r"\s+", " ", t))
    return True


def _title_line(t: str, st: _Header) -> bool:
    """A line of the title under the document type."""
    if not st.doc_type_seen:
        return False
    ft = fold(t)
    first = (not st.title_parts or _SUBJECT_LINE.match(fold(st.title_parts[0])) or
             (len(st.title_parts) == 1 and _type_opening(st.title_parts[0]) == st.title_parts[0].upper())) and \
        not t.endswith((".", ":")) and len(t) < 400 and not any(ft == fold(x) for x in st.title_parts)
    more = bool(st.title_parts) and (_caps(t) or _TITLE_MORE.match(ft)) and len(t) < 300 and not t.endswith(".")
    if first or more:
        st.title_parts.append(re.sub(r"\s+", " ", t))
    return bool(first or more)


def _header_only(t: str, st: _Header) -> bool:
    """A header line with nothing to read: the issuer beside the national motto, or a line in capitals or a
    short organisation line ("Đảng bộ tỉnh X") before the document type (a longer sentence-case line that
    starts with "UBND tỉnh …" is a web headline, not a header)."""
    if st.doc_type_seen or st.first_body is not None:
        return False
    ft = fold(t)
    if len(t) < 160 and _MOTTO.search(ft):
        return True  # a two-column header line ("TỈNH X   Độc lập - …")
    return (_caps(t) or (bool(_HEADER_LINE.match(ft)) and len(t.split()) <= 8)) and len(t) < 100 \
        and not t.endswith((".", ":"))


def _doc_type_over_title(text: str, blocks: list[Block]) -> str | None:
    """The type line read together with the title under it ("BÁO CÁO\nkết quả …")."""
    for b in blocks[:25]:
        first = _block_text(text, b).split("\n")[0].strip()
        if _caps(first) and len(first) < 60:
            found = _type_opening(first)
            if found:
                return found
    return None


def _web_headline(text: str, blocks: list[Block], skip: set[int]) -> str | None:
    """A web page's headline: the first short line without final punctuation (skipped, with its repeats)."""
    for bi, b in enumerate(blocks[:8]):
        if bi in skip:
            continue
        t = _block_text(text, b)
        if b.mtype is not None:
            return None  # a numbered heading belongs to the outline, not a web headline
        if len(b.sentences) == 1 and not t.endswith((".", ":", "…", "?", "!", "...")) and 10 < len(t) < 250 \
                and bi + 1 < len(blocks):
            skip.add(bi)
            for bj in range(bi + 1, min(len(blocks), bi + 6)):  # web pages often print it twice
                if fold(text[blocks[bj].start:blocks[bj].end]) == fold(t):
                    skip.add(bj)
            return re.sub(r"\s+", " ", t)
        return None
    return None


def _ref_year(text: str, md: Metadata) -> int | None:
    """The year the text speaks of: its stamp's, its date's, else the first plausible year its body writes
    (never the one it names most); a date further on takes the year written nearest before it
    (``deadlines.nearest_year``)."""
    if md.stamp_date:
        return md.stamp_date.year
    if md.doc_date:
        return md.doc_date.year
    return nearest_year(year_mentions(text), 0)


def _event_words() -> re.Pattern:
    from .deadlines import WORD_DATE
    return re.compile(r"(?:(?:" + key_pattern("day_parts") + r")\s+)?" + WORD_DATE.pattern)


_EVENT_WORDS = _event_words()
_CITED_ISSUE = cue_regex(r"^[^,]{0,40},[^.]{0,80}?\b({cited_issuing})\s+(?:[\w\-]+\s+){1,3}{number_words}\s+\d")
_ADDRESS = cue_regex(r"^\s*{address_heads}\s*:?\s*")
_RELATED = cue_regex(r"^{related_nouns}\s+{related_kinds}\b|^{related_heads}\b")


def _address_and_related(text: str, blocks: list[Block], skip: set[int]) -> list[str]:
    """Skip a công văn's address block ("Kính gửi: …" and the recipients under it) and a web page's list of
    related articles ("Tin liên quan" and the headlines under it): neither is part of the body.
    Returns the addressees."""
    n = len(blocks)
    out: list[str] = []
    for bi, b in enumerate(blocks):
        t = text[b.start:b.end].strip()
        ft = fold(t)
        if _ADDRESS.match(ft):
            skip.add(bi)
            head = _ADDRESS.match(fold_aligned(t))
            rest = t[head.end():].strip(" ;,.") if head else t.strip(" ;,.")
            if rest:
                out.append(rest)
            for bj in range(bi + 1, min(n, bi + 40)):
                c = blocks[bj]
                ct = text[c.start:c.end].strip()
                if c.mtype == "bullet" and len(ct) < 200 and len(c.sentences) <= 1 and \
                        not ct.rstrip(" ;,.").endswith(":"):
                    skip.add(bj)
                    out.append(text[c.body_start:c.end].strip(" ;,."))
                    continue
                break
        elif _RELATED.match(ft) and len(t) < 60:
            skip.add(bi)
            for bj in range(bi + 1, min(n, bi + 30)):
                c = blocks[bj]
                ct = text[c.body_start:c.end].strip()
                if len(c.sentences) == 1 and len(ct) < 200 and not ct.endswith((".", ":", "!", "?", "…")):
                    skip.add(bj)
                    continue
                break
    return out


def _caps(t: str) -> bool:
    letters = [c for c in t if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _meeting_date(text: str, blocks: list[Block], md: Metadata, skip: set[int]) -> dt.date | None:
    """The first date of a meeting in the body's opening sentences (see the module's docstring)."""
    for s, e in _opening_sentences(blocks, md, skip):
        d = _sentence_meeting_date(text[s:e], md)
        if d:
            return d
    return None


def _opening_sentences(blocks: list[Block], md: Metadata, skip: set[int]) -> Iterator[tuple[int, int]]:
    """The first three sentences of each of the body's first six blocks."""
    seen = 0
    for bi, b in enumerate(blocks):
        if bi in skip:
            continue
        if md.end_block is not None and bi >= md.end_block:
            break
        seen += 1
        if seen > 6:
            break
        yield from b.sentences[:3]


def _numeric_date(m: re.Match | None, hint: int | None) -> dt.date | None:
    """The date of a match whose groups are day, month and (optional) year."""
    if m is None:
        return None
    return _with_year(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None, hint)


def _sentence_meeting_date(sentence: str, md: Metadata) -> dt.date | None:
    hint = md.ref_year
    f = re.sub(r"^\W+", "", fold(sentence))
    if md.doc_date is not None and _CITED_ISSUE.search(f):
        return None  # "Ngày 03/6/2024, Ban Thường vụ ban hành Kết luận số 45": a cited document's date
    m = _EVENT_WORDS.match(re.sub(r"^\W+", "", sentence.lower()))
    if m:
        # "Chiều ngày mười tháng sáu năm 2025, …": the date in words
        from .deadlines import words_number
        d = _with_year(words_number(m.group("dw")) or 0, words_number(m.group("mw")) or 0,
                       int(m.group("y")) if m.group("y") else None, hint)
        if d:
            return d
    for found in (_EVENT_LONG.match(f), _EVENT_DATE.match(f), _AT_MEETING.match(f), _ISSUED_DOC.search(f)):
        d = _numeric_date(found, hint)
        if d:
            return d
    return _numeric_date(_IN_DAY.search(f), hint) if _MEETING_WORD.search(f) else None


def _province(text: str, folded: str) -> str | None:
    low = _prov_key(text[:5000])
    counts: Counter = Counter()
    for m in _PROV_RE.finditer(low):
        counts[_PROV_ALL.get(m.group(2))] += 3
    for m in _PROV_ANY.finditer(low):
        counts[_PROV_ALL.get(m.group(1))] += 1
    for m in _DOMAIN.finditer(folded[:5000]):
        v = _PROV_FOLD.get(m.group(1))
        if v:
            counts[v] += 2
    counts.pop(None, None)
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


def _issuer(text: str) -> str | None:
    f = fold(text[:6000])
    best = None
    for name, pat in _ISSUERS:
        m = re.search(r"\b(?:" + pat + r")" + _ISSUER_ACTION.pattern, f)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    if best:
        return best[1]
    counts: Counter[str] = Counter()
    for name, pat in _ISSUERS:
        counts[name] = len(re.findall(r"\b(?:" + pat + r")\b", f))
    name, c = counts.most_common(1)[0]
    return name if c else None
