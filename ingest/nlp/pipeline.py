"""normalize → segment → classify → owners → deadlines (+ metadata): the extractor.

``extract(text)`` never raises on text and every proposal's span lies in the
text: ``text[p.start:p.end] == p.text``. When the input is not in NFC form
(decomposed Vietnamese), it is normalised to NFC first and the offsets refer to
the NFC text — store ``ingest.nlp.text.nfc(text)`` alongside the proposals.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from . import resolve
from .classify import (
    ASSESS,
    NEUTRAL,
    TASK,
    SentInfo,
    analyze,
    is_directive,
    report_continuation,
    report_to_of,
    section_mode,
    subject_is_issuer,
)
from .deadlines import (DateContext, TimeExpr, find_time_expressions, is_recurring, nearest_year, pick_deadline,
                        year_mentions)
from .directory import unit_type
from .learned import Context, Decider, default_model
from .lexicon import ASSIGN_VERBS, TASK_VERBS, cue_regex, key_regex, load_language, match_at, tokenize
from .metadata import Metadata, extract_metadata
from .model import Extraction, OwnerMention, Proposal
from .outline import Responsibility, responsibility_line
from .owners import scan_np, split_owners, unit_head_at
from .segment import Block, mask_furniture, segment, table_cells
from .tables import group_title, join_stacked_tables, join_wrapped_rows, table_header, table_row
from .text import fold, fold_aligned, nfc, typed_bare

if TYPE_CHECKING:
    from .directory import UnitDirectory

log = logging.getLogger(__name__)


@dataclass
class _Ctx:
    level: float
    kind: str                     # root | heading | item | leadin
    mode: str
    owners: list[tuple[str, str]] | None = None   # (name, role)
    deadline: tuple[dt.date, str] | None = None
    unmarked: bool = False
    children: set = field(default_factory=set)
    enacts: bool = False          # "Điều 1. Thành lập …" of a decision
    path: str = ""                # the item's number as the document writes it ("II.2.a")
    first_prop: int = 0           # index of the first directive read under it
    time_part: bool = False       # a plan's "II. THỜI GIAN": what it states is the time frame of the whole plan
    untitled: bool = False        # a heading without number nor capitals ("Về kinh tế - xã hội"): a sub-part
    shape: tuple[bool, bool] = (False, False)  # a title's kind: names a topic ("Về …"), names a section ("Nhiệm vụ …")
    sets_tasks: bool = False      # a lead-in whose verb sets its list's tasks ("Yêu cầu X tập trung … sau:")
    assigned: bool = False        # an item whose own responsibility line follows it ("Trách nhiệm thực hiện: X")


def _owners_of(info: SentInfo) -> list[tuple[str, str]]:
    out = [(n, "lead") for n in info.leads]
    out += [(n, "support") for n in info.supports if n not in info.leads]
    return out


def _heading_owner(src: str, b: Block) -> list[tuple[str, str]] | None:
    """A heading that is just a unit ("2.1. Ban cán sự đảng UBND tỉnh", "a) Đối với các huyện")."""
    return _np_owner(src, b.body_start, b.end)


def _np_owner(src: str, s: int, e: int) -> list[tuple[str, str]] | None:
    """Owners of a heading or lead-in that is nothing but a unit ("2.1. Ban cán sự đảng UBND tỉnh",
    "a) Đối với các huyện", "5. Các huyện ủy, thành ủy:"): every item under it is theirs."""
    from .lexicon import DETERMINERS, UNIT_HEADS, match_at, tokenize
    toks = tokenize(src, s, e)
    while toks and not toks[-1].word:
        toks.pop()
    i = 0
    if len(toks) > 2 and (toks[0].f, toks[1].f) in _VI["pipeline_scope_of"]:
        i = 2
    if not unit_head_at(toks, i):
        return None
    if _caps(src[s:e]):
        # in a heading in capitals every word looks like an abbreviation ("NHIỆM VỤ"): a real unit head is needed
        k = i
        while match_at(toks, k, DETERMINERS):
            k += match_at(toks, k, DETERMINERS)
        if not match_at(toks, k, UNIT_HEADS):
            return None
    end = scan_np(toks, i)
    rest = [t for t in toks[end:] if t.word]
    if rest and rest[0].f in _QUALIFIERS and len(rest) <= 6 and src[s:e].rstrip().endswith(":") and \
            all(not t.cap and not (t.f in _QUALIFIERS and k) for k, t in enumerate(rest)):
        # "1. Chủ tịch UBND các xã, phường có rừng:": a qualifier closes the unit named by the lead-in
        end = len(toks)
        rest = []
    if rest and not _only_time_frame(src, rest[0].start, e):
        return None
    names = split_owners(toks, i, end, src)
    return [(n, "lead") for n in names] or None


def _only_time_frame(src: str, s: int, e: int) -> bool:
    """"Sở Xây dựng, trong quý IV/2026:": what follows the unit is its list's time frame and nothing else."""
    text = src[s:e]
    found = find_time_expressions(text, DateContext())
    rest = "".join(ch for k, ch in enumerate(text) if not any(t.start <= k < t.end for t in found))
    return bool(found) and not any(ch.isalnum() for ch in rest)


_VI = load_language("vi")
_ENACTING = cue_regex(r"({pipeline_enacting})\b")
# A lead-in opened by its time frame: "Trong quý I/2026, tập trung:", "Từ nay đến cuối năm, …:".
_FRONTED_FRAME = cue_regex(r"\W*(?:{pipeline_frame_openers})\b")
_FORWARD_START = cue_regex(r"\W*(?:{pipeline_within}\s+)?(?:{pipeline_forward})\b")
_QUALIFIERS = _VI.word_set("pipeline_qualifiers")
# as written (keys: "năm" is no "Nam"), and folded for a line typed without diacritics
_TOPIC_HEAD = key_regex(r"(?:{pipeline_topics})\b", flags=re.IGNORECASE), cue_regex(r"(?:{pipeline_topics})\b")
# "Về công tác kiểm điểm, đánh giá, xếp loại": the field of work a part is about; its words set no mode
_WORK_TOPIC = key_regex(r"(?:{pipeline_work_topics})\b", flags=re.IGNORECASE), cue_regex(r"(?:{pipeline_work_topics})\b")
_ABOUT = key_regex(r"(?:{pipeline_about})\b", flags=re.IGNORECASE), cue_regex(r"(?:{pipeline_about})\b")


def _opens_with(test: tuple[re.Pattern[str], re.Pattern[str]], body: str) -> bool:
    return bool(test[1].match(fold(body)) if typed_bare(body) else test[0].match(body))
_TIME_PART = cue_regex(r"(?:{pipeline_time_parts})\W*$")


def extract(text: str, directory: "UnitDirectory | None" = None, trace: list | None = None,
            decider: Decider | None = None) -> Extraction:
    """Metadata and proposed directives of a communiqué; pass a list as ``trace`` to record how each sentence
    was read (a debugging aid). ``decider`` has the last word on each sentence (default: the committed learned
    layer beside the rules)."""
    if not isinstance(text, str):
        text = str(text or "")
    try:
        return _extract(nfc(text), directory, trace, decider=decider)
    except Exception:  # noqa: BLE001 - the extractor must never take the caller down
        log.exception("extraction failed; returning no proposals")
        return Extraction()


def propose_span(text: str, start: int, end: int, directory: "UnitDirectory | None" = None) -> Proposal | None:
    """The directive a clerk selected (``text[start:end]`` of the whole document), with the owners and deadline
    the resolver gives it where it stands: what its own words say, else what the directive it falls in, or its
    item's heading, lead-in or responsibility line hands down. None when the span holds no words."""
    text = nfc(text if isinstance(text, str) else str(text or ""))
    start, end = max(0, start), min(len(text), end)
    if not text[start:end].strip():
        return None
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    contexts: list = []
    try:
        whole = _extract(text, directory, contexts=contexts, force=(start, end))
    except Exception:  # noqa: BLE001 - the clerk fills these by hand then
        log.exception("extraction failed; the selection gets no proposal")
        return None
    read = next((p for p in whole.directives if (p.start, p.end) == (start, end)), None)
    if read is not None:
        return read
    # a table cell or a line the walk reads no sentence in: what its own words say, and what the block's context
    # hands down
    doc = _read_document(text, default_model(), None)
    src, dctx = doc.src, doc.dates_at(start)
    here = next((c for c in reversed(contexts) if c[0] <= start), None)
    info = analyze(src, start, end)
    owners = resolve.owners_for(_owners_of(info), continues=None, paragraph=None, context=here[2] if here else None)
    p = Proposal(text=text[start:end], start=start, end=end,
                 owners=[OwnerMention(n, r, source=ev) for n, r, ev in resolve.dedupe(owners)],
                 report_to=report_to_of(info, src), recurring=is_recurring(src[start:end]))
    dl = pick_deadline(src[start:end], dctx)
    inh = here[3] if here else None
    if dl is not None:
        p.deadline, p.deadline_phrase, p.deadline_source = dl.date, text[start + dl.start:start + dl.end], "explicit"
        p.deadline_evidence = resolve.SENTENCE
    elif inh and resolve.keeps_inherited_deadline(src[start:end], inh.value[0]):
        p.deadline, p.deadline_phrase, p.deadline_source = inh.value[0], inh.value[1], "inherited"
        p.deadline_evidence = inh.evidence
    _recognise_units([p], directory)
    return p


_NUMBERED = ("roman", "num", "alpha", "paren")


@dataclass(frozen=True)
class _Doc:
    """What every stage of the walk reads: the text as written and as read, its blocks, metadata and dates."""
    orig: str
    src: str
    blocks: list[Block]
    md: Metadata
    dctx: DateContext
    anchor: dt.date | None
    decider: Decider
    force: tuple[int, int] | None = None
    years: list[tuple[int, int]] = field(default_factory=list)  # where the body writes which year

    def dates_at(self, at: int) -> DateContext:
        """The date context at offset ``at``: in a document that bears no date of its own, a date written without
        its year takes the year written nearest before it."""
        if not self.md.year_from_body:
            return self.dctx
        return replace(self.dctx, ref_year=nearest_year(self.years, at))


@dataclass
class _Walk:
    """The state of one walk through the outline: the items open around the current block, the directives read
    so far, the task table being read and what the last responsibility line spoke for."""
    stack: list[_Ctx]
    props: list[Proposal] = field(default_factory=list)
    last_prop: Proposal | None = None
    last_prop_block: int = -2
    last_resp: tuple[int, int] | None = None   # the directives the last responsibility line spoke for
    table: dict | None = None                  # column roles of the task table being read
    sibling_heading: dict[float, tuple[str | None, bool]] = field(default_factory=dict)  # level -> last item's
    forced_done: bool = False
    trace: list | None = None
    contexts: list | None = None

    def nearest(self, attr: str) -> resolve.Inherited | None:
        """The owners or deadline the innermost heading or lead-in around the current block hands down."""
        for c in reversed(self.stack):
            v = getattr(c, attr)
            if v:
                return resolve.Inherited(v, resolve.heading(c.path) if c.kind == "heading" else resolve.leadin(c.path))
        return None

    def path_of(self, b: Block) -> str:
        """"II.2.a": the numbers of the items around a block and its own (bullets have none)."""
        own = (b.marker or "").strip().rstrip(".):") if b.mtype in _NUMBERED else ""
        outer = [c.path for c in self.stack if c.path]
        base = outer[-1] if outer else ""
        if own and base and not own.startswith(base + "."):
            return f"{base}.{own}"
        return own or base


@dataclass
class _Para:
    """What the sentences of one block hand on to each other."""
    mode: str | None = None
    owners: list[tuple[str, str]] | None = None
    deadline: tuple[dt.date, str] | None = None
    prev_dir: bool = False
    props: list[Proposal] = field(default_factory=list)


@dataclass(frozen=True)
class _Sentence:
    """One sentence where it stands: its span, what the classifier read in it, its block and place there."""
    s: int
    e: int
    info: SentInfo
    bi: int
    block: Block
    index: int
    forced: bool
    within: tuple[int, int, SentInfo] | None = None  # the whole sentence a clerk's selection lies in

    @property
    def marked(self) -> bool:
        return self.block.mtype is not None

    @property
    def whole(self) -> "_Sentence":
        """The sentence itself: a selection inside a lead-in is read in the lead-in's scope."""
        if self.within is None:
            return self
        s, e, info = self.within
        return replace(self, s=s, e=e, info=info, within=None)


def _read_document(orig: str, decider: Decider, force: tuple[int, int] | None) -> _Doc:
    """Page numbers and running headers of PDF text blanked out for reading, and tables printed one cell per
    line joined into rows (same length, so every offset is valid in the text as written); the metadata, and the
    dates a deadline is read against."""
    src = join_wrapped_rows(join_stacked_tables(mask_furniture(orig)))
    blocks = segment(src)
    md = extract_metadata(src, blocks)
    return _Doc(orig=orig, src=src, blocks=blocks, md=md, dctx=_date_context(md), years=year_mentions(src),
                anchor=md.doc_date or md.meeting_date or md.stamp_date, decider=decider, force=force)


def _date_context(md: Metadata) -> DateContext:
    """The meeting's own date is never a deadline; a notice that reports no meeting (công văn, ý kiến chỉ đạo)
    can set a task for its own day ("hoàn thành ngay trong ngày 12/9/2025")."""
    return DateContext(ref_date=md.meeting_date or md.doc_date or md.stamp_date, ref_year=md.ref_year,
                       anchor=md.doc_date or md.meeting_date or md.stamp_date,
                       meeting_date=None if md.meeting_from_header else md.meeting_date)


def _extract(orig: str, directory: "UnitDirectory | None", trace: list | None = None,
             contexts: list | None = None, force: tuple[int, int] | None = None,
             decider: Decider | None = None) -> Extraction:
    doc = _read_document(orig, decider or default_model(), force)
    md = doc.md
    out = Extraction(title=md.title, issuer=md.issuer, number=md.number, meeting_date=md.meeting_date,
                     province=md.province, issue_date=md.doc_date,
                     meeting_reported=md.meeting_date is not None and not md.meeting_from_header)
    walk = _Walk(stack=[_Ctx(level=0, kind="root", mode=NEUTRAL)], trace=trace, contexts=contexts)
    for bi, b in enumerate(doc.blocks):
        if md.end_block is not None and bi >= md.end_block and (md.appendix_block is None or bi < md.appendix_block):
            continue  # recipients and signature; an appendix after them ("PHỤ LỤC …") is read again
        if bi not in md.skip_blocks:
            _read_block(doc, walk, bi, b)
    out.directives = walk.props
    _recognise_units(out.directives, directory)
    return out


def _read_block(doc: _Doc, walk: _Walk, bi: int, b: Block) -> None:
    """One block: a table row, a responsibility line, a heading, or an item or paragraph of sentences."""
    if _read_table_block(doc, walk, bi, b):
        return
    walk.table = None
    marked = b.mtype is not None
    _place_block(walk, b)
    parent_mode = walk.stack[-1].mode
    resp = responsibility_line(doc.src, b.body_start, b.end) if b.mtype in (None, "bullet") else None
    if resp is not None:
        _close_group(doc, walk, resp, marked)
        return
    first_info = _analyze(doc.src, *b.sentences[0], doc.md.issuer) if b.sentences else None
    is_heading = first_info is not None and _is_heading(doc, walk, bi, b, first_info)
    if b.mtype in _NUMBERED:
        for lv in [lv for lv in walk.sibling_heading if lv > b.level]:
            del walk.sibling_heading[lv]
        walk.sibling_heading[b.level] = (b.mtype, is_heading)
    if is_heading:
        _open_heading(doc, walk, bi, b, parent_mode)
        _read_selected_heading(doc, walk, bi, b)
        return
    if b.mtype in _NUMBERED:
        enacts = bool(b.marker and b.marker.startswith(_VI.written["pipeline_article"]) and _ENACTING.match(fold(doc.src[b.body_start:b.end].strip())))
        # "Điều 1. Thành lập Tổ công tác …": the article that enacts the decision describes what it creates
        # (its members, its term, its regime) — a decision that needs no follow-up, not a task
        walk.stack.append(_Ctx(level=b.level, kind="item", mode=ASSESS if enacts else parent_mode, enacts=enacts,
                               path=walk.path_of(b), first_prop=len(walk.props),
                               assigned=parent_mode != ASSESS and _assigned_below(doc, bi)))
    _read_sentences(doc, walk, bi, b, first_info)


def _read_table_block(doc: _Doc, walk: _Walk, bi: int, b: Block) -> bool:
    """A table row: a header names the columns; a row of a task table is one directive. True when the block
    was a row (or a group title inside the table) and is done with."""
    src = doc.src
    cells = table_cells(src, b.body_start, b.end) if b.mtype is None else None
    if cells is not None:
        roles = table_header(src, cells)
        if roles is not None:
            walk.table = roles if walk.stack[-1].mode != ASSESS else None
        elif walk.table is not None:
            p = table_row(src, doc.orig, cells, walk.table, doc.dates_at(b.start), walk.nearest)
            if p is not None:
                walk.props.append(p)
                walk.last_prop, walk.last_prop_block = p, bi
        return True  # a data table ("STT | Tên dự án | Tỷ lệ giải ngân") sets no task
    # "II<tab>Đào tạo, bồi dưỡng" (its empty cells trimmed): a group title inside the table
    return walk.table is not None and group_title(src, b.start, b.end)


def _assigned_below(doc: _Doc, bi: int) -> bool:
    """The block after item ``bi`` is a responsibility line that names who carries it."""
    if bi + 1 >= len(doc.blocks) or doc.blocks[bi + 1].mtype not in (None, "bullet"):
        return False
    nxt = doc.blocks[bi + 1]
    resp = responsibility_line(doc.src, nxt.body_start, nxt.end)
    return resp is not None and bool(resp.leads or resp.supports)


def _place_block(walk: _Walk, b: Block) -> None:
    """Close the items the block ends: a numbered block closes those at its level and deeper; a paragraph
    closes the bullets' frames and an unmarked lead-in whose bullets have run."""
    stack = walk.stack
    if b.mtype is not None:
        while len(stack) > 1 and (stack[-1].level >= b.level or b.mtype == "roman" and stack[-1].unmarked):
            stack.pop()  # a part of the outline ("I. MỤC ĐÍCH, YÊU CẦU") also ends the preamble's "… như sau:"
    else:
        while len(stack) > 1 and stack[-1].level >= 6:
            stack.pop()
        if len(stack) > 1 and stack[-1].kind == "leadin" and stack[-1].unmarked and "bullet" in stack[-1].children:
            stack.pop()
    stack[-1].children.add(b.mtype or "para")


def _close_group(doc: _Doc, walk: _Walk, resp: Responsibility, marked: bool) -> None:
    """"Trách nhiệm thực hiện: …" after a group (a bullet of its own under one item): the line names who carries
    the items above it and by when, and is no task itself."""
    stack = walk.stack
    gi = len(stack) - 1 if marked else \
        next((k for k in range(len(stack) - 1, -1, -1) if stack[k].kind in ("heading", "leadin")), 0)
    # named after the item the line closes: the group's first sub-item when the group is a whole part
    group_title = stack[gi].kind == "heading" and stack[gi].level > 1 and not stack[gi].owners
    named = stack[gi + 1] if gi + 1 < len(stack) and stack[gi].kind == "heading" and not group_title \
        else stack[gi]  # … not under a group's own title ("1. Nâng cao chất lượng …" over its "a)", "b)")
    _apply_responsibility(doc, walk, resp, stack[gi].first_prop, named.path or stack[gi].path, [])


def _apply_responsibility(doc: _Doc, walk: _Walk, resp: Responsibility, first: int, path: str,
                          block_props: list[Proposal]) -> None:
    props = walk.props + block_props
    a, z = resolve.responsibility_covers(first, walk.last_resp, len(props))
    walk.last_resp = (a, z)
    resolve.apply_responsibility(doc.src, doc.orig, resp, props[a:z], resolve.responsibility(resp.label, path),
                                 doc.dates_at(resp.start))


def _is_heading(doc: _Doc, walk: _Walk, bi: int, b: Block, first_info: SentInfo) -> bool:
    """A title rather than an item: one unpunctuated sentence that reads as a topic, not a task."""
    body = doc.src[b.body_start:b.end].strip()
    if len(b.sentences) != 1 or _punctuated(body):
        return False
    nwords = len(body.split())
    nxt = doc.blocks[bi + 1] if bi + 1 < len(doc.blocks) else None
    if b.mtype in _NUMBERED:
        return _is_numbered_heading(walk, b, body, nwords, first_info, nxt) or \
            _first_of_titled_siblings(doc, bi, b, nwords, first_info, nxt)
    if b.mtype == "bullet":
        # "*  Đánh giá chung" over a paragraph or a list with another marker: a section title, not an item
        return nwords <= 6 and section_mode(body) is not None and nxt is not None and \
            (nxt.marker or "")[:1] != (b.marker or "")[:1]
    if b.mtype is None and walk.stack[-1].kind == "leadin" and walk.stack[-1].mode == TASK and nwords > 12 and \
            not _opens_with(_TOPIC_HEAD, body) and not (b.gap_before and (nxt is None or nxt.gap_before)):
        # a task list's item that lost its marker and its stop (an e-mail's bare lines, one under the other): a
        # title is short, opens a topic ("Về …") or stands apart between blank lines
        return False
    if b.mtype is None:
        # a line of four words or fewer ("Yêu cầu", "Yêu cầu khắc phục") names a part whatever its first word: a plan's
        # "2. Yêu cầu" whose number was lost
        return (nwords <= 35 and first_info.form not in ("assign", "subject")) or _caps(body) or nwords <= 4
    return False


def _is_numbered_heading(walk: _Walk, b: Block, body: str, nwords: int, first_info: SentInfo,
                         nxt: Block | None) -> bool:
    topic = _opens_with(_TOPIC_HEAD, body)
    if nwords <= 4 or topic or _caps(body) or (nwords <= 30 and first_info.form not in ("assign", "imperative",
                                                                                          "subject")):
        return True
    if first_info.form == "assign" and first_info.leads and fold(body).endswith(fold(first_info.leads[-1])):
        return True  # "3. Đề nghị Ủy ban MTTQ Việt Nam tỉnh" over its paragraph: a title naming whom it asks, no task
    if nwords <= 15 and first_info.form != "assign" and walk.sibling_heading.get(b.level) == (b.mtype, True) and \
            nxt is not None and (nxt.mtype is None or nxt.level > b.level):
        # "2. Chuẩn bị kỳ họp thứ 25 …" between "1. Kết quả hoạt động …" and "3. Nhiệm vụ …": an
        # unpunctuated line whose sibling before was a title, with a body of its own under it
        return True
    if nwords <= 15 and first_info.form == "imperative" and nxt is not None and nxt.mtype in _NUMBERED and \
            nxt.level > b.level:
        # "1. Hoàn thiện thể chế, cơ chế, chính sách" over "a) …", "b) …": an unpunctuated line whose items are
        # the tasks, the title of a group in a long plan
        return True
    if nwords <= 20 and first_info.form == "imperative" and nxt is not None and nxt.mtype == "bullet" and \
            nxt.level > b.level and not nxt.gap_before:
        # "1. Giám sát việc quản lý, sử dụng đất đai …" right over "+ …" bullets of its own: the group's title
        return True
    # "1. Đánh giá tình hình 10 tháng năm 2025" over a paragraph: the review part's title
    return nwords <= 12 and first_info.form == "imperative" and section_mode(body) == ASSESS and \
        nxt is not None and nxt.mtype is None


def _first_of_titled_siblings(doc: _Doc, bi: int, b: Block, nwords: int, first_info: SentInfo,
                              nxt: Block | None) -> bool:
    """"1. Rà soát, hoàn thiện hệ thống …" over bullets or a paragraph, with "2. …" after that body unpunctuated
    too: the first of a run of group titles, which has no title before it to go by."""
    if nwords > 15 or first_info.form != "imperative" or nxt is None or \
            not (nxt.mtype is None or nxt.mtype == "bullet" or nxt.level > b.level):
        return False
    for later in doc.blocks[bi + 2:]:
        if later.level < b.level:
            return False
        if later.level == b.level and later.mtype == b.mtype:
            text = doc.src[later.body_start:later.end].strip()
            return len(later.sentences) == 1 and len(text.split()) <= 15 and not _punctuated(text)
    return False


def _punctuated(line: str) -> bool:
    """A line that ends as a sentence or a lead-in does: no title."""
    return line.rstrip("\"”’)*").endswith((".", "!", "?", "…", ";")) or line.endswith(":")


def _open_heading(doc: _Doc, walk: _Walk, bi: int, b: Block, parent_mode: str) -> None:
    """A heading opens a part: its mode (task or assessment), and the owners and time frame it hands down."""
    body = doc.src[b.body_start:b.end].strip()
    marked = b.mtype is not None
    if walk.trace is not None:
        walk.trace.append((bi, "HEADING", b.level, section_mode(body), body[:90]))
    level = b.level if marked else _place_unmarked_heading(walk, body)
    mode = parent_mode if _opens_with(_WORK_TOPIC, body) else section_mode(body) or parent_mode
    if doc.md.upward and _PROPOSALS_HEAD.match(fold(body)):
        mode = ASSESS  # a report's "Kiến nghị, đề xuất": what it asks of its superiors
    dl = _frame(pick_deadline(body, doc.dates_at(b.body_start)), doc.dctx)
    if dl is not None and _scope_year(body, dl):
        dl = None
    walk.stack.append(_Ctx(level=level, kind="heading", mode=mode,
                           # a part's title ("III. TỔ CHỨC THỰC HIỆN") names no unit, whatever its first word
                           owners=None if _caps(body) and section_mode(body) else _heading_owner(doc.src, b),
                           deadline=(dl.date, body[dl.start:dl.end]) if dl and dl.date else None,
                           path=walk.path_of(b), first_prop=len(walk.props),
                           time_part=marked and bool(_TIME_PART.match(fold(body))),
                           untitled=not marked and not _caps(body), shape=_title_shape(body)))


def _title_shape(body: str) -> tuple[bool, bool]:
    """What kind of title a line is: whether it names a topic ("Về kinh tế"), whether it names a section (a task
    or review part: "Nhiệm vụ trọng tâm thời gian tới"). Titles of one shape in a row are siblings."""
    return _opens_with(_TOPIC_HEAD, body), section_mode(body) is not None


def _alike(a: tuple[bool, bool], b: tuple[bool, bool]) -> bool:
    """Two titles of one kind: both topics ("Về …"), or neither and both sections or neither."""
    return a[0] == b[0] and (a[0] or a[1] == b[1])


def _place_unmarked_heading(walk: _Walk, body: str) -> float:
    """Where a heading without a number stands, closing what it ends; its level. A title in capitals is a part of
    the document (it closes everything). Any other opens a sub-part: under the lead-in just read ("… tập trung
    các nhiệm vụ sau:" over "Về kinh tế - xã hội") unless it is the next of a run of titles, else beside the last
    unnumbered title — the outermost one for
    a section's title ("Nhiệm vụ trọng tâm thời gian tới" after "Đánh giá chung"), the innermost for a topic —
    else inside the numbered part around it ("II. NHIỆM VỤ NĂM 2026" over "Về xây dựng Đảng"). Text whose list
    numbering was lost (a web page's or an e-mail's) keeps its outline so: its lead-ins and parts still hand their
    units and time frames down."""
    stack = walk.stack
    if _caps(body):
        del stack[1:]
        return 0.5
    while len(stack) > 1 and (stack[-1].kind == "item" or stack[-1].level >= 6):
        stack.pop()  # an item or a bullet's frame ends at a title
    titles = [k for k, c in enumerate(stack) if c.untitled]
    # … a title after the lists of another of its shape ("Về phát triển kinh tế" … "Đảng ủy UBND tỉnh lãnh đạo:" …
    # "Về văn hóa - xã hội") is that one's sibling
    sibling = bool(titles) and _alike(stack[titles[-1]].shape, _title_shape(body))
    if stack[-1].kind == "leadin" and stack[-1].mode == TASK and stack[-1].sets_tasks and not sibling:
        return stack[-1].level + 0.25
    if titles:
        k = titles[0] if section_mode(body) is not None else titles[-1]
        level = stack[k].level
        del stack[k:]
        return level
    while len(stack) > 1 and stack[-1].kind == "leadin" and stack[-1].unmarked:
        stack.pop()  # a headline's or a preamble's "…:" that sets no task
    return stack[-1].level + 0.25


def _read_selected_heading(doc: _Doc, walk: _Walk, bi: int, b: Block) -> None:
    """A clerk's selection inside a heading is read as a directive under it: the heading's own unit and time
    frame, and whatever closes its group (a responsibility line), apply to it as to the items below."""
    force = doc.force
    if force is None or walk.forced_done or not (force[0] < b.end and b.body_start < force[1]):
        return
    walk.forced_done = True
    s, e = force
    para = _Para()
    _read_sentence(doc, walk, para, _Sentence(s, e, _analyze(doc.src, s, e, doc.md.issuer), bi, b, 0, True))
    walk.props.extend(para.props)


def _read_sentences(doc: _Doc, walk: _Walk, bi: int, b: Block, first_info: SentInfo | None) -> None:
    """The sentences of an item or paragraph, in order; the directives read are added at the block's end."""
    src, md = doc.src, doc.md
    if walk.contexts is not None:
        walk.contexts.append((b.start, b.end, walk.nearest("owners"), walk.nearest("deadline")))
    if walk.stack[-1].time_part and walk.stack[0].deadline is None:
        frame = _frame(pick_deadline(src[b.body_start:b.end], doc.dates_at(b.body_start)), doc.dctx)
        if frame is not None and frame.date is not None:
            # "Thời gian thực hiện từ tháng 6/2025 đến hết tháng 12/2025.": the plan's tasks below take it
            walk.stack[0].deadline = (frame.date, src[b.body_start + frame.start:b.body_start + frame.end])
    para = _Para()
    for si, (s, e) in enumerate(b.sentences):
        resp = responsibility_line(src, s, e) if si > 0 else None
        if resp is not None:
            # "… . Thời gian hoàn thành: chậm nhất ngày …": the item's own line for its sentences before
            _apply_responsibility(doc, walk, resp, len(walk.props), walk.stack[-1].path, para.props)
            continue
        info = first_info if si == 0 and first_info is not None else _analyze(src, s, e, md.issuer)
        forced, within = False, None
        if doc.force is not None and s < doc.force[1] and doc.force[0] < e:
            if walk.forced_done:
                continue  # the rest of a selection that spans several sentences
            # the span the clerk selected is read as one directive where it stands
            walk.forced_done = forced = True
            within = (s, e, info)
            s, e = doc.force
            info = _analyze(src, s, e, md.issuer)
        para.prev_dir = _read_sentence(doc, walk, para, _Sentence(s, e, info, bi, b, si, forced, within))
    walk.props.extend(para.props)


def _read_sentence(doc: _Doc, walk: _Walk, para: _Para, st: _Sentence) -> bool:
    """Decide whether the sentence is a directive and give it its owners and deadline; a lead-in opens the list
    under it. True when the sentence was taken as a directive."""
    src, info = doc.src, st.info
    mode = para.mode or walk.stack[-1].mode
    leadin = st.index == len(st.block.sentences) - 1 and st.whole.info.leadin
    if mode != TASK and _FORWARD_START.match(fold(src[st.s:min(st.e, st.s + 40)])):
        # "Thời gian tới, X …" after an assessment: the paragraph turns to what must be done
        mode = para.mode = TASK
        info.issuer_subject = False  # … and what even the issuer's own bodies will do is set as a task
    dl = _sentence_deadline(src, st.s, st.e, doc.dates_at(st.s))
    ok = _rule_decision(doc, walk, para, st, mode, leadin, dl)
    ok = True if st.forced else doc.decider.decide(
        info, Context(mode=mode, zone=walk.stack[-1].kind, depth=len(walk.stack) - 1, marker=st.block.mtype,
                      index=st.index, prev_label=para.prev_dir, has_deadline=dl is not None, upward=doc.md.upward,
                      rule=ok))
    if walk.trace is not None:
        walk.trace.append((st.bi, st.block.mtype, st.block.level, mode, info.form, info.excluded, info.midlead,
                           info.leadin, info.announce_only, ok, [c.kind + str(c.level) for c in walk.stack],
                           src[st.s:st.e][:90]))
    own = _owners_of(info)
    if leadin:
        return _open_leadin(doc, walk, para, st, own, ok and not info.announce_only)
    if ok and dl is not None and dl.has_year and doc.anchor is not None and dl.date is not None and \
            dl.date < doc.anchor and mode != TASK and not info.midlead:
        ok = False  # "Theo Công văn số …, các đơn vị phải báo cáo trước ngày 30/9/2024": an old obligation
    if ok:
        _add_directive(doc, walk, para, st, own, dl)
    else:
        if info.assess_mark and info.form != "assign":
            para.mode = ASSESS
        if info.accountable and mode != ASSESS:
            # "X chịu trách nhiệm trước … . Tập trung …": the sentences after it are X's tasks
            para.owners = [(n, "lead") for n in info.accountable]
    return ok


def _sentence_deadline(src: str, s: int, e: int, dctx: DateContext) -> TimeExpr | None:
    """The sentence's time limit. Where a later clause assigns the work ("X thống nhất tổ chức Đại hội vào quý
    II/2026; giao Sở Nội vụ xây dựng kế hoạch, trình trong tháng 12") and the clauses before assign nothing, the
    assigned clause's limit is the task's (the other dates what was agreed)."""
    whole = pick_deadline(src[s:e], dctx)
    cuts = [k for k in range(s, e) if src[k] == ";"]
    if whole is None or not cuts:
        return whole
    starts = [s] + [k + 1 for k in cuts]
    clauses = [(a, z) for a, z in zip(starts, cuts + [e])]

    def assigning(a: int, z: int) -> list[int]:
        toks = tokenize(src, a, z)
        return [i for i in range(len(toks)) if match_at(toks, i, ASSIGN_VERBS)]

    verbs = [assigning(a, z) for a, z in clauses]
    given = [c for c, v in zip(clauses[1:], verbs[1:]) if v[:1] == [0]]
    if len(given) != 1 or sum(bool(v) for v in verbs) != 1:
        return whole
    a, z = given[0]
    own = pick_deadline(src[a:z], dctx)
    if own is None or s + whole.start >= a:
        return whole
    return replace(own, start=own.start + a - s, end=own.end + a - s)


def _rule_decision(doc: _Doc, walk: _Walk, para: _Para, st: _Sentence, mode: str, leadin: bool,
                   dl: TimeExpr | None) -> bool:
    """The rules' reading of a sentence where it stands (the decider has the last word)."""
    info, md = st.info, doc.md
    ok = is_directive(info, mode, st.index == 0, para.prev_dir)
    if not ok and para.prev_dir and st.index > 0 and not leadin and report_continuation(info) and dl is not None:
        ok = True
        info.cont = True  # "Kết quả … báo cáo X trước ngày …": the task before, reported
    if not ok and st.index == 0 and (st.marked or st.block.n_lines == 1) and mode == TASK and \
            walk.stack[-1].kind == "leadin" and _loose_imperative(info):
        # "- Thu hoạch dứt điểm …", "- Không đốt …": an item of a task list starts with its verb (a line of its own
        # where the list's markers were lost)
        ok = True
    if not ok and walk.stack[-1].assigned and mode != ASSESS and info.form in ("other", "imperative") and \
            not (info.excluded or info.result_mark or info.leadin):
        ok = True  # "b) Thăm hỏi, tặng quà …" over "Trách nhiệm thực hiện: X chủ trì": the line assigns the item
    if ok and md.upward and (info.revived == "past" or info.form == "assign" and mode == ASSESS or
                             info.form == "assign" and bool(info.leads) and
                             all(any(_same_body(ld, ad) for ad in md.addressees) for ld in info.leads)):
        # a report sent up: what its author did ("đã chỉ đạo …, trong đó giao …") is a result, and
        # "Đề nghị <the addressee> …" a proposal to the superior, not a directive of the communiqué
        ok = False
    return ok


def _around(walk: _Walk, para: _Para, st: _Sentence) -> resolve.Around:
    return resolve.Around(previous=walk.last_prop if walk.last_prop_block >= st.bi - 1 else None,
                          paragraph_owners=para.owners, paragraph_deadline=para.deadline,
                          context_owners=walk.nearest("owners"), context_deadline=walk.nearest("deadline"))


def _add_directive(doc: _Doc, walk: _Walk, para: _Para, st: _Sentence, own: list[tuple[str, str]],
                   dl: TimeExpr | None) -> None:
    """A directive read in its sentence; what it hands on to the sentences after it in the block."""
    info = st.info
    p = resolve.make_proposal(doc.src, doc.orig, st.s, st.e, info, own, dl, _around(walk, para, st))
    para.props.append(p)
    walk.last_prop, walk.last_prop_block = p, st.bi
    if any(r == "lead" for _, r in own) and (info.form == "assign" or info.form == "subject" and st.index == 0 or
                                             info.labelled):
        # "- Sở Y tế: Chủ trì, phối hợp với Y …. Phân bổ …": the labelled unit carries the item's other
        # sentences; the units it works with in one task do not
        para.owners = [o for o in own if o[1] == "lead"] if info.labelled else own
    if info.midlead:
        para.mode = TASK
        if dl and dl.date:
            para.deadline = (dl.date, doc.src[st.s:st.e][dl.start:dl.end])
        walk.stack[-1].mode = TASK
    elif info.form == "assign" and walk.stack[-1].mode != TASK and info.speaker:
        walk.stack[-1].mode = TASK
        para.mode = TASK


def _leadin_deadline(doc: _Doc, st: _Sentence) -> TimeExpr | None:
    """The list's time frame, stated in the lead-in's main clause (after adverbials and the last ";"), or in a
    time frame the lead-in opens with ("Trong quý I/2026, tập trung:")."""
    info, sent = st.info, doc.src[st.s:st.e]
    main_from = info.toks[info.main_start].start - st.s if info.toks and info.main_start < len(info.toks) else 0
    semi = sent.rfind(";")
    cut = max(main_from, semi + 1 if semi >= 0 else 0, _purpose_end(sent))
    dl_l = pick_deadline(sent[cut:], doc.dates_at(st.s))
    if dl_l is not None:
        return TimeExpr(dl_l.start + cut, dl_l.end + cut, dl_l.kind, dl_l.strength, dl_l.date, dl_l.has_year)
    if cut and _FRONTED_FRAME.match(fold(sent[:cut])):
        return pick_deadline(sent[:cut], doc.dates_at(st.s))
    return None


def _leadin_scope(doc: _Doc, walk: _Walk, st: _Sentence,
                  own: list[tuple[str, str]]) -> tuple[str | None, list[tuple[str, str]] | None]:
    """The mode of the list a lead-in opens, and the units that carry it."""
    src, info, s, e = doc.src, st.info, st.s, st.e
    main_from = info.toks[info.main_start].start - s if info.toks and info.main_start < len(info.toks) else 0
    lmode = section_mode(src[s:e][main_from:])
    if info.midlead or lmode is None and info.form == "assign":
        lmode = TASK
    ctx_owners = own if (own and info.form in ("assign", "subject")) else None
    if ctx_owners is None and info.form == "assign":
        lab = unit_label(src, s, e, at_end=True)  # "1. Yêu cầu các sở, ngành, địa phương:"
        ctx_owners = lab[0] if lab else _addressee(src, s, e)
    if ctx_owners is None and info.form == "other":
        ctx_owners = _np_owner(src, s, e)  # "5. Các huyện ủy, thành ủy:" — the list is theirs
        if ctx_owners and walk.stack[-1].mode != ASSESS:
            lmode = TASK  # … and its items are their tasks
    return lmode, ctx_owners


def _open_leadin(doc: _Doc, walk: _Walk, para: _Para, st: _Sentence, own: list[tuple[str, str]],
                 ok: bool) -> bool:
    """A lead-in ("Đề nghị các sở, ngành:") opens a list: its items take its mode, owners and time frame. The
    lead-in is a directive itself when it was read as one."""
    stack, b = walk.stack, st.block
    dl = _leadin_deadline(doc, st.whole)
    lmode, ctx_owners = _leadin_scope(doc, walk, st.whole, _owners_of(st.whole.info))
    if ctx_owners is None and st.index > 0 and para.owners:
        ctx_owners = para.owners  # "1. Đảng ủy UBND tỉnh lãnh đạo … Trong đó chú trọng các nội dung:": the item's unit
    frame = _frame(dl, doc.dctx)
    sent = doc.src[st.s:st.e]
    new = _Ctx(level=(b.level if st.marked else stack[-1].level + 0.5), kind="leadin",
               mode=lmode or (TASK if stack[-1].mode == TASK else NEUTRAL),
               owners=ctx_owners,
               deadline=(frame.date, sent[frame.start:frame.end]) if frame and frame.date else None,
               unmarked=not st.marked, path=stack[-1].path if st.marked else walk.path_of(b),
               first_prop=len(walk.props) + len(para.props),
               sets_tasks=st.whole.info.form in ("assign", "subject", "imperative"))
    if ok:
        around = replace(_around(walk, para, st), paragraph_deadline=None)
        if st.forced:
            # a clerk's selection of the lead-in: the units and time frame it hands its list are its own too
            scope = resolve.leadin(new.path)
            around = replace(around, context_owners=resolve.Inherited(new.owners, scope) if new.owners else
                             around.context_owners,
                             context_deadline=resolve.Inherited(new.deadline, scope) if new.deadline else
                             around.context_deadline)
        if st.within is not None:  # the lead-in's time frame was read in the whole sentence: the part has its own
            dl = pick_deadline(doc.src[st.s:st.e], doc.dates_at(st.s))
        para.props.append(resolve.make_proposal(doc.src, doc.orig, st.s, st.e, st.info, own, dl, around))
        walk.last_prop, walk.last_prop_block = para.props[-1], st.bi
    if not st.marked:
        stack.append(new)
    elif stack[-1].kind == "item" and stack[-1].level == b.level:
        stack[-1].kind = "leadin"
        if not stack[-1].enacts:
            stack[-1].mode = new.mode
        stack[-1].owners = new.owners
        stack[-1].deadline = new.deadline
        stack[-1].sets_tasks = new.sets_tasks
    else:
        new.level = b.level
        stack.append(new)
    return ok


def _recognise_units(props: list[Proposal], directory: "UnitDirectory | None") -> None:
    """Each owner resolved to a directory unit where one matches, and typed by the grammar of unit types."""
    for p in props:
        if directory is not None:
            p.owners = [_whole_bare_name(p.text, o, directory) for o in p.owners]
        p.owners = [replace(o, unit_id=directory.resolve(o.name) if directory is not None else o.unit_id,
                            unit_type=unit_type(o.name)) for o in p.owners]
        if p.report_to and directory is not None:
            p.report_to_unit_id = directory.resolve(p.report_to)


_PROPOSALS_HEAD = cue_regex(r"\W*(?:{pipeline_part} \w+\s+)?(?:[ivx\d]+[.)]\s*)?(?:{pipeline_plural}\s+)?"
                            r"(?:{pipeline_proposals})\b")
_TOPIC_START = cue_regex(r"^({pipeline_topic_nouns})\b")


_NEXT_WORDS = re.compile(r"(?:\s+[^\W_]+){1,3}")


def _whole_bare_name(text: str, o: OwnerMention, directory: "UnitDirectory") -> OwnerMention:
    """A unit's name typed without diacritics, cut short where one of its words folds like a verb or a
    preposition ("So Giao thong van tai": "tai" read as "tại"), taken whole when the directory knows the longer
    name and not the one read."""
    at = text.find(o.name)
    if at < 0 or not typed_bare(o.name) or directory.resolve(o.name) is not None:
        return o
    m = _NEXT_WORDS.match(text, at + len(o.name))
    if not m:
        return o
    words = m.group().split()
    for n in range(len(words), 0, -1):
        longer = o.name + " " + " ".join(words[:n])
        if directory.resolve(longer) is not None:
            return replace(o, name=longer)
    return o


def _loose_imperative(info: SentInfo) -> bool:
    """An item under a task lead-in whose verb the lexicon does not know: a directive when it starts with a
    (lower-case) word that is neither a unit nor a person nor a topic noun, and reads as no result."""
    from .lexicon import PRE_ADVERBS, match_at
    toks, i = info.toks, info.main_start
    if info.form != "other" or info.excluded or info.result_mark or info.date_start or info.leadin or \
            info.assess_mark or i >= len(toks) or i > 0:
        return False
    t = toks[i]
    if not t.word or any(ch.isdigit() for ch in t.text) or (t.text.isupper() and len(t.text) > 1):
        return False
    if unit_head_at(toks, i) or match_at(toks, i, PRE_ADVERBS) and toks[i].f in _VI.word_set("pipeline_done_adverbs"):
        return False
    from .owners import is_person
    if is_person(toks, i, min(len(toks), i + 12)):
        return False
    words = [x for x in toks if x.word]
    if len(words) < 5:
        return False
    return not _TOPIC_START.match(fold(" ".join(x.text for x in toks[i:i + 3])))


_LABEL_NOT_NAME = cue_regex(r"\b({pipeline_label_not_name})\b")
_LABEL_VERB = (key_regex(r"\s*(?:(?:{pipeline_assign})\s+)?", flags=re.IGNORECASE),
               cue_regex(r"\s*(?:(?:{pipeline_assign})\s+)?"))
_LABEL_REGARDING = (key_regex(r"\s*(?:{regarding})\s+", flags=re.IGNORECASE), cue_regex(r"\s*(?:{regarding})\s+"))


def _opens_task(text: str) -> bool:
    """The text opens with a task's verb ("kiểm tra …", "phối hợp …")."""
    return bool(match_at(tokenize(text, 0, min(len(text), 60)), 0, TASK_VERBS))


def unit_label(src: str, s: int, e: int, at_end: bool = False) -> tuple[list[tuple[str, str]], int] | None:
    """A sentence that opens with a unit and a colon ("Sở Tài chính: Chủ trì …", "Đề nghị Kho bạc Nhà nước: Kiểm
    soát …"; with ``at_end`` the lead-in "Yêu cầu các sở, ngành, địa phương:"): the unit's owners and the offset
    of the colon. What follows the colon is the unit's task."""
    text = src[s:e]
    c = text.find(":", 0, 160)
    if c <= 0:
        return None
    if at_end:
        if text[c + 1:].strip():
            return None
    bare = typed_bare(text)
    regarding = None if at_end else _LABEL_REGARDING[bare].match(fold_aligned(text) if bare else text)
    if not at_end:
        rest = text[c + 1:].lstrip()
        # "Đối với UBND các xã còn lại: cập nhật …": after a label that says whom it is for, the task may go on in
        # lower case
        if not rest or not (rest[0].isupper() or rest[0].islower() and (regarding or ";" not in text[:c] and
                                                                         _opens_task(rest))):
            return None  # (in lower case, "Chi cục Kiểm lâm, Chi cục Thủy lợi: kiểm tra …": a task's verb goes on)
    m = regarding or _LABEL_VERB[bare].match(fold_aligned(text) if bare else text)
    a = s + (m.end() if m else 0)
    if a >= s + c:
        return None
    owners = _np_owner(src, a, s + c + 1)
    if not owners:
        # a long proper name the phrase reader stops inside ("Ban Quản lý dự án đầu tư xây dựng các công trình
        # giao thông tỉnh:"): before a colon, a unit head with no list punctuation is the unit's whole name
        from .lexicon import tokenize
        from .owners import clean_name
        toks = tokenize(src, a, s + c)
        if not toks or not unit_head_at(toks, 0) or len(toks) > 24 or any(not t.word for t in toks) or \
                _caps(src[a:s + c]) or _LABEL_NOT_NAME.search(fold(src[a:s + c])):
            return None
        owners = [(clean_name(src[a:s + c]), "lead")]
    return owners, s + c


def _analyze(src: str, s: int, e: int, issuer: str | None) -> SentInfo:
    lab = unit_label(src, s, e)
    if lab is not None:
        # "a) Sở Tài chính: Chủ trì tổng hợp …": the clause after the colon is the labelled unit's task, and the
        # unit carries it whoever the clause names (GUIDE: delegation chains)
        owners, c = lab
        info = analyze(src, c + 1, e)
    if lab is not None and info.form in ("imperative", "assign"):
        names = [n for n, _ in owners]
        info.supports = [x for x in info.supports if x not in names]
        info.leads = names
        info.chidao_subject = None
        if info.excluded in ("decision", "other", "meeting"):
            info.excluded = None
        info.labelled = True
        return info
    info = analyze(src, s, e)
    info.issuer_subject = subject_is_issuer(info, src, issuer)
    if info.chidao_subject and not _same_body(info.chidao_subject, issuer):
        # "UBND thành phố chỉ đạo các phòng …" in a Party committee's notice: the communiqué assigns the task to
        # the subject, who passes it on (GUIDE: delegation chains); only the issuer's own "chỉ đạo" names Y.
        info.leads = [info.chidao_subject]
        info.supports = []
    return info


_LAST_ASSIGN = (key_regex(r"\b(?:{pipeline_assign})\s+", flags=re.IGNORECASE),
                cue_regex(r"\b(?:{pipeline_assign})\s+"))


def _addressee(src: str, s: int, e: int) -> list[tuple[str, str]] | None:
    """"Để bảo đảm tiến độ, Sở … đề nghị Ủy ban nhân dân các xã, phường:": the units the lead-in addresses, named
    between its last assignment verb and the colon, carry the list under it."""
    text = src[s:e]
    bare = typed_bare(text)
    verbs = list(_LAST_ASSIGN[bare].finditer(fold_aligned(text) if bare else text))
    if not verbs or not text.rstrip().endswith(":"):
        return None
    return _np_owner(src, s + verbs[-1].end(), e)


def _same_body(a: str, b: str | None) -> bool:
    if not b:
        return False
    from .directory import canonical
    ca, cb = canonical(a), canonical(b)
    return bool(ca and cb) and (ca == cb or ca.endswith(" " + cb) or cb.endswith(" " + ca))


def _caps(t: str) -> bool:
    letters = [c for c in t if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8


# as written, and folded for a sentence typed without diacritics ("Xet Bao cao so …")
_PURPOSE_SPEECH = (key_regex(r"\b(?:{pipeline_purpose_speech})\b", flags=re.IGNORECASE),
                   cue_regex(r"\b(?:{pipeline_purpose_speech})\b"))
_PURPOSE_OPENING = (key_regex(r"\s*(?:{pipeline_purpose_openings})\b", flags=re.IGNORECASE),
                    cue_regex(r"\s*(?:{pipeline_purpose_openings})\b"))


def _purpose_end(sent: str) -> int:
    """Where a fronted purpose or grounds clause ends ("Để … trong mùa mưa bão năm 2026, Phó Chủ tịch yêu
    cầu …:", "Xét Báo cáo số … về … năm 2026, Văn phòng truyền đạt …:"): its period says what the work is for
    or what was read, not by when; 0 when the sentence opens otherwise."""
    bare = typed_bare(sent)
    low = fold_aligned(sent) if bare else sent  # same length: offsets carry over
    if not _PURPOSE_OPENING[bare].match(low):
        return 0
    verb = _PURPOSE_SPEECH[bare].search(low)
    comma = sent.rfind(",", 0, verb.start()) if verb else -1
    return comma + 1 if comma >= 0 else 0


def _scope_year(body: str, dl: TimeExpr) -> bool:
    """"Về công tác phòng, chống thiên tai năm 2026": a topic heading whose bare year says which year's
    work it is about, not by when ("Nhiệm vụ năm 2026", and "Về nhiệm vụ trọng tâm năm 2027", a part of tasks,
    do set the year as the time frame)."""
    return dl.kind == "year" and dl.strength == 0 and _opens_with(_ABOUT, body) and section_mode(body) != TASK


def _frame(dl: TimeExpr | None, dctx: DateContext) -> TimeExpr | None:
    """The time frame a heading or lead-in hands down to its items: a period that had already ended when the
    meeting was held ("… tiến độ xây dựng nông thôn mới 6 tháng đầu năm 2023" in a July conclusion) is the
    period under review, not a time limit for the tasks below it."""
    base = dctx.ref_date or dctx.anchor
    if dl is not None and dl.date is not None and base is not None and dl.date < base and dl.strength < 3:
        return None
    return dl


