"""What a sentence does: sets a task, assesses, describes the meeting, or closes the notice.

``analyze`` looks at one sentence alone and returns its *form* — an
assignment ("giao/yêu cầu/đề nghị X …"), a subject with a task predicate
("Sở Y tế chủ trì …"), an imperative without subject ("Tập trung …") — and the
signals that rule it out (meeting description, delegate's opinion, decision
without follow-up, past result, closing formula, caption). ``section_mode``
reads a heading or lead-in: does the part under it set tasks or assess
results? ``is_directive`` combines the two with the mode of the part the
sentence is in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import ADMIN_WORDS, ADVERBIAL_STARTS, ASSIGN_VERBS, CONT_MARKERS, DETERMINERS, DOC_NOUNS, MANNER_ADVERBS, \
    NONTASK_VERBS, NP_STOPS, PERSON_TITLES, PRE_ADVERBS, REPORT_HEADS, SPEECH_VERBS, STRONG_MODALS, TASK_VERBS, UNIT_HEADS, Tok, \
    cue_regex, load_language, match_at, tokenize
from .owners import (clean_name, is_person, match_restored, report_to, scan_np, split_owners, support_after,
                     unit_head_at, verb_len)
from .text import fold

TASK, ASSESS, NEUTRAL = "task", "assess", "neutral"
_VI = load_language("vi")

_TASK_KW = cue_regex(r"\b({task_cues})\b")
_ASSESS_KW = cue_regex(r"\b({assess_cues}|{attain_adverbs} {attain_verbs}|{attain_verbs}(?= \d| {attain_objects}))\b")
_ASSESS_END = cue_regex(r"({review_leadins})\s*:\s*$")
_ATTENDEES = r"(?:{attendees})\b(?!\s+(?:{elected_bodies})\b(?![^.;:]{0,80}\b(?:{proposal_verbs})\b))"
_CLOSING = cue_regex(
    r"^({closing_senders}[^.,;]{0,40}?\s)?({closing_polite}\s+)?({closing_verbs})\b[^;]*\b({closing_ends})\s*[./]*\s*$"
    r"|\b{closing_addressees}[^.]{0,80}\b({closing_ends})\s*[./]*\s*$"
    r"|^({closing_heads}|{closing_file}\s*:)"
    # "VP xin truyền đạt ý kiến chỉ đạo … như sau:": the office conveys what follows, itself no task
    r"|^({closing_senders})\b[^.,;]{0,40}?\s{closing_polite}\s+({closing_verbs})\b[^;]*:\s*$"
    # "Nhận được công văn này, đề nghị các chi bộ nghiêm túc triển khai thực hiện./.": any addressee (no verb in it),
    # no action named
    r"|^({closing_openers}\s*,\s*|[^\d.,;:]{3,60}?\s)?{closing_exhort}\s+(?:(?!\b(?:{task_verbs})\b)[^\d.;:]){1,60}?\s+(({closing_manner})\s*,?\s+)*{closing_implement}"
    r"(\s+{closing_manner})?\s*[./]*\s*$")
_OPINION = cue_regex(
    r"^(?:{at_conference},?\s+)?{representatives}\b[^.;:]{0,80}?\b({proposal_verbs})\b"
    r"|^({opinion_starts})\b|^" + _ATTENDEES +
    r"|\b({upward_requests})\s+({superiors})\s+({superior_asks})\b"
    r"|\b{delegate_requests}\b"
    r"|^{according_to_persons}\b"
    r"|^{according_to_reports}\b[^,;:]{0,80},"
    r"|^{according_to} [^,;:]{0,80}\b({presented})\s*,")  # "Theo dự thảo do Sở Nội vụ trình bày, …"
_PURPOSE_BEFORE = cue_regex(r"\b(?:{purpose_words})\s*$")
_MEETING = cue_regex(
    r"^(" + _ATTENDEES + r"|{meeting_starts}|{chair_verbs}(?=\s*(?::|$|{chaired_events}\b))|{captions}\s*:|{meeting_narration}"
    r"|{at_conference},? {many}? ?{delegate_views})\b"
    r"|\b{chair_verbs}\s*{chaired_events}?\s*[.]*\s*$"
    r"|\b{captions}\s*:\s*\S")
# "Trong 8 tháng, toàn thành phố phát hiện …", "Sau gần 04 tháng vận hành, …": what an elapsed period brought
_ELAPSED_START = cue_regex(
    r"^{elapsed_preps}\s+(?:{approximately}\s+)?\d+\s+{period_units}\b(?!\s+{working_day})[^,;:]{0,40},")
_MODAL_WORD = cue_regex(r"\b({modal_words})\b")
_DATE_START = cue_regex(r"^(?:[\w.\-]{1,25}\s+-\s+)?({day_openers})\s*({day}\s*)?\(?\s*\d{1,2}[/.\-]\d{1,2}")
_ASSESS_MARK = cue_regex(
    r"^({review_openers})\b"
    r"|\b{still}\s+({some} )?{shortcomings}"
    r"|\b{results_attained}")
_RESULT_MARK = cue_regex(r"\b({result_marks})\b")
_ANNOUNCE_TAIL = cue_regex(
    r"[,;]?\s*({announce_links}|,)?\s*({announce_focus})?\s*({announce_into}\s+)?({announce_quantities})?\s*"
    r"({announce_nouns})?(\s+({announce_qualifiers}))*\s*({announce_follows})?\s*:\s*$")
_OBLIGATION = _VI["obligation_modals"]
_BACKREF = cue_regex(r"\s*(?:{announce_quantities})\s+(?:{announce_nouns})\s+(?:{backref_tails})\b")
_ISSUES_ITSELF = cue_regex(r"\s*(?:{issuing_own})\s+(?:{doc_nouns})\b")
_GENERIC = frozenset(w for x in _VI.word_set("announce_generic") for w in fold(x).split())
_AT_MEETING = cue_regex(r"{at_meetings}\b")
_ISSUER = cue_regex(
    r"^{standing_bodies}?\s*({party_committees}\b|{party_committee_alone}$)|^{issuer_subjects}\b")
_PLURAL = cue_regex(r"\b{plural_markers}\b")
# Words tested token by token (their keys; a token typed without diacritics carries its restored key).
_ASIDE = _VI.word_set("aside_words")
_ROLE_OPENERS = _VI.word_set("role_openers")
_OPENING_QUOTES = frozenset("“\"‘«")
_PERIODIC, _PERIODIC_UNITS = _VI.word_set("periodic"), _VI.word_set("periodic_units")
_PERIODIC_LEAD = _VI["periodic_lead"]
_EMPHASIS, _REGARDING, _ACTING_ON = _VI["emphasis"], _VI["regarding"], _VI["acting_on"]
_NUMBER_WORDS, _AND = _VI.word_set("number_words"), _VI.word_set("owner_conjunction")
_WEAK_VERBS, _PASSIVE = _VI.word_set("weak_verbs"), _VI.word_set("passive")
_PASSIVE_ASSIGNED, _PASSIVE_GIVEN = _VI["passive_assigned"], _VI["passive_given"]
_NOUN_BEFORE, _NOUN_AFTER = _VI.word_set("assign_noun_before"), _VI.word_set("assign_noun_after")
_GIAO_COMPOUNDS, _ASSIGN_DUTY = _VI["giao_compounds"], _VI["assign_duty"]
_LEADING, _DIRECTING, _DELEGATION_LINKS = _VI["leading"], _VI["directing"], _VI.word_set("delegation_links")
_ADDRESSEE_FILLERS = _VI.word_set("addressee_fillers")
_MODALS, _HAVING, _QUALIFIER_NEG = _VI.word_set("modals"), _VI.word_set("having"), _VI.word_set("qualifier_negations")
_INSERTED = _VI.word_set("inserted_adverbials")
_ROLE_COPULA = _VI["role_copula"]
_REMINDERS, _PAST, _JUST = _VI["reminders"], _VI.word_set("past_adverbs"), _VI.word_set("just_adverbs")
_PROMISE = _VI.word_set("promise_adverbs")
_NEWS_VERBS, _ACCOUNTABILITY = _VI.word_set("news_verbs"), _VI["accountability"]
_CHAIRING, _CHAIRED = _VI["chairing"], _VI.word_set("chaired_words")
_MUST, _REPORT_BREAKERS = _VI.word_set("must_adverbs"), _VI.word_set("report_breakers")
_WHILE, _WHEREAS, _SUPPORTING, _AND = _VI["while_words"], _VI.word_set("whereas"), _VI["supporting"], \
    _VI.word_set("and_words")
_PROPOSING, _PLURALS = _VI["proposing"], _VI.word_set("plural_markers")
_TOPIC_LABELS, _TOPIC_FRONTS, _PROHIBITIONS = _VI["topic_labels"], _VI["topic_fronts"], _VI["prohibitions"]
_CITIZEN, _GRASSROOTS = _VI.word_set("citizen_honorifics"), _VI["grassroots_places"]


@dataclass
class SentInfo:
    form: str = "other"            # assign | subject | imperative | other
    excluded: str | None = None    # why it cannot be a directive
    leads: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    report_to: str | None = None
    unit_object: bool = False      # the assignment names a unit
    speaker: bool = False          # someone (issuer, chair) gives the assignment
    cont: bool = False             # "Đồng thời", "Trong đó"… continues the sentence before
    strong_modal: bool = False
    obligation: bool = False       # "… phải (được) thu hồi …" with no unit as subject
    issuer_subject: bool = False
    person_subject: bool = False
    date_start: bool = False
    midlead: bool = False          # "…nhiệm vụ trọng tâm: Tập trung …"
    leadin: bool = False           # ends with ":"
    announce_only: bool = False    # a lead-in that only announces a list
    assess_mark: bool = False
    result_mark: bool = False
    main_start: int = 0            # token index where the main clause starts
    chidao_subject: str | None = None  # "X chỉ đạo Y …" read as an assignment to Y: X as written
    accountable: list[str] = field(default_factory=list)  # "X chịu trách nhiệm trước …": X (no task by itself)
    elapsed_start: bool = False    # opens on an elapsed period ("Trong 8 tháng, …"): a review, outside task parts
    proposal: bool = False         # a named person "đề nghị/kiến nghị …": a delegate's proposal in a review part
    citizen: bool = False          # … by a resident or a village's delegate ("Bà Lê Thị Hoa (khu phố 3)"): outside task parts
    revived: str | None = None     # the exclusion an assignment further on lifted ("past": "X đã …, giao Y …")
    labelled: bool = False         # "Sở Tài chính: Chủ trì …": the unit before the colon carries the task
    toks: list[Tok] = field(default_factory=list)


_ASSESS_HEAD = cue_regex(r"^\W*({assess_heads})\b")
_LOCALITIES = _VI.word_set("owner_localities")
_VERB_HEADS = _VI["verb_heads"]
_SCHEDULE = cue_regex(r"\b(?:{schedule_words})\s+(?:{schedule_after})\b")
_LABEL = re.compile(r"^\W*((?:\w+[ ,]*){1,4}?)\s*:\s*\S")
_FORWARD = cue_regex(r"\b({forward_cues})\b")
_PURPOSE_HEAD = cue_regex(r"^\W*({purpose_heads})\W*$")
_NEUTRAL_LEADIN = cue_regex(r"\b({neutral_leadins})( {as_follows})?\s*:\s*$")
_ASSIGN_END = cue_regex(r"\b({assign_cues})\b\s*:?\s*$")
_ASSIGN_UNITS = cue_regex(r"\b({assign_cues})\s+({addressee_starts})\b")
_LAST_ASSIGN = cue_regex(r"\b({assign_cues})\b(?!.*\b({assign_cues})\b)")
_REVIEW_WORD = cue_regex(r"\b({review_words})\b")


def section_mode(text: str) -> str | None:
    """Mode set by a heading or lead-in: task, assess, or None when it says nothing."""
    f = fold(text)
    if _ASSESS_END.search(f):
        return ASSESS
    if _PURPOSE_HEAD.match(f):
        return ASSESS  # a plan's "I. MỤC ĐÍCH, YÊU CẦU": what the plan aims at, not who must do what
    if _NEUTRAL_LEADIN.search(f):
        return NEUTRAL
    t = len(_TASK_KW.findall(f))
    a = len(_ASSESS_KW.findall(f))
    if _ASSESS_HEAD.match(f) and not _FORWARD.search(f):
        return ASSESS  # "Kết quả thực hiện nhiệm vụ năm 2025": the head noun says what the part is about
    if _ASSIGN_END.search(f) or _ASSIGN_UNITS.search(f):
        return TASK
    if t > a:
        return TASK
    if a > t:
        return ASSESS
    return None


def _skip_prefixes(toks: list[Tok], info: SentInfo, src: str) -> tuple[int, list[str]]:
    """Index of the main clause, past adverbials ("Đồng thời,", "Đối với X,", "Trường hợp …,"), and the units
    an "Đối với X," names."""
    i = 0
    doi_voi: list[str] = []
    for _ in range(4):
        if i >= len(toks):
            break
        colon = _topic_colon(toks, i)
        if colon is not None:
            # "Về đề nghị bổ sung biên chế …: Giao Ban Tổ chức …", "Đối với Công an xã: tăng cường …"
            if match_at(toks, i, _REGARDING) == 2 and unit_head_at(toks, i + 2):
                doi_voi = split_owners(toks, i + 2, colon, src)
            i = colon + 1
            continue
        if match_at(toks, i, _REGARDING) == 2:
            k = _clause_comma(toks, i + 2, strict=True)
            if k is None:
                break
            if unit_head_at(toks, i + 2):
                doi_voi = split_owners(toks, i + 2, k, src)
            i = k + 1
            continue
        nxt = _skip_opening_word(toks, i, info)
        if nxt is None:
            nxt = _skip_adverbial(toks, i, info.leadin)
        if nxt is None:
            nxt = _fronted_topic(toks, i)
        if nxt is None:
            break
        i = nxt
    return i, doi_voi


def _fronted_topic(toks: list[Tok], i: int) -> int | None:
    """Past a fronted object ("Những ý kiến chưa được trả lời tại hội nghị, Văn phòng … tổng hợp …") when a named
    unit and its task follow the comma; None otherwise (a list of units is no topic: "Các sở, ngành …")."""
    if not match_at(toks, i, _TOPIC_FRONTS) or unit_head_at(toks, i) or unit_head_at(toks, i + 1):
        return None
    for k in range(i + 1, min(len(toks) - 1, i + 16)):
        if toks[k].f in (".", ";", ":") or toks[k].f in _PAST:
            return None  # ("Những ý kiến đó đã được đồng chí …, Chủ tịch UBND xã … trả lời": a report)
        if toks[k].f == ",":
            named = k + 1 < len(toks) and toks[k + 1].cap and unit_head_at(toks, k + 1)
            return k + 1 if named and _clause_starts(toks, k + 1, strict=True) == "subject" else None
    return None


def _topic_colon(toks: list[Tok], i: int) -> int | None:
    """The colon that closes a topic label opening at ``i`` ("Về …:", "Đối với …:") when a task follows it."""
    if not match_at(toks, i, _TOPIC_LABELS):
        return None
    for k in range(i + 1, min(len(toks) - 1, i + 40)):
        if toks[k].f in (".", ";"):
            return None
        if toks[k].f == ":":
            j = k + 1
            return k if _is_assign(toks, j) or _clause_starts(toks, j) in ("subject", "verb") else None
    return None


def _past_comma(toks: list[Tok], i: int) -> int:
    return i + 1 if i < len(toks) and toks[i].f == "," else i


def _past_aside(toks: list[Tok], i: int) -> int:
    """Past a bracketed aside that opens at ``i`` ("(trước ngày 20 của tháng cuối quý)"), if one does."""
    if i < len(toks) and toks[i].f == "(":
        close = next((k for k in range(i + 1, min(len(toks), i + 25)) if toks[k].f == ")"), None)
        if close is not None:
            return close + 1
    return i


def _skip_opening_word(toks: list[Tok], i: int, info: SentInfo) -> int | None:
    """Past a connective ("Đồng thời,"), "Riêng", a periodic adverbial ("Hằng năm,") or "Nhất là"; None if none."""
    n = len(toks)
    c = match_at(toks, i, CONT_MARKERS)
    if c:
        info.cont = True
        return _past_comma(toks, i + c)
    if toks[i].f in _ASIDE or toks[i].f in _OPENING_QUOTES and i + 1 < n and toks[i + 1].word:
        return i + 1  # "Riêng …"; a quotation's opening mark (“Các chi bộ phải …”): the clause starts after it
    lead = match_at(toks, i, _PERIODIC_LEAD)
    if lead and i + lead + 2 < n and toks[i + lead].f in _PERIODIC:
        j = _past_aside(toks, i + lead + 2)  # "Định kỳ hằng quý (trước ngày 20 của tháng cuối quý), các phòng …"
        if j < n and toks[j].f == "," and unit_head_at(toks, j + 1):
            return j + 1  # "Định kỳ hằng tháng, các đơn vị báo cáo …" (not "Định kỳ hằng quý, trước ngày …")
    if toks[i].f in _PERIODIC and i + 2 < n and toks[i + 1].f in _PERIODIC_UNITS \
            and (toks[i + 2].f == "," or match_at(toks, i + 2, TASK_VERBS)):
        # "Hằng năm, tổ chức đánh giá …", "Hằng tháng công bố …": a periodic adverbial before the verb
        return _past_comma(toks, i + 2)
    emphasis = match_at(toks, i, _EMPHASIS)
    if emphasis:
        return _past_comma(toks, i + emphasis)
    if toks[i].f in _ROLE_OPENERS:
        # "Là cơ quan thường trực, chủ trì theo dõi …": the unit's standing role, then its task
        comma = next((k for k in range(i + 1, min(n, i + 9)) if toks[k].f == ","), None)
        if comma is not None and match_at(toks, comma + 1, TASK_VERBS):
            return comma + 1
    return None


def _skip_adverbial(toks: list[Tok], i: int, leadin: bool = False) -> int | None:
    """Past the grounds ("Thực hiện Công văn số …,") or a fronted adverbial clause ("Trường hợp …,"); None if none.
    In a lead-in the main clause is the one whose subject assigns or speaks ("Sau khi nghe X, Y báo cáo, …, Ban
    Thường vụ kết luận như sau:")."""
    if match_at(toks, i, _ACTING_ON) == 2 and match_at(toks, i + 2, DOC_NOUNS):
        # "Thực hiện Công văn số …, Ban Thường vụ … báo cáo như sau:": the document acted on frames the clause
        # the document's title may itself hold verbs ("Chương trình kiểm tra, giám sát năm 2024"): a comma
        # followed by a subject with its predicate ("…, Đoàn Kiểm tra … đã tiến hành …") is the main clause
        last = _last_citation(toks, i + 2)
        k = _clause_comma(toks, last, strict=False)
        if k is not None:
            return (_assigning_clause(toks, k) if leadin else k) + 1
        if last > i + 2:
            # "… và Kế hoạch số 77/KH-UBND … của UBND tỉnh, thời điểm kiểm kê tính đến …": the grounds, then a
            # statement of no task
            return next((m + 1 for m in range(last, len(toks) - 1) if toks[m].f == ","), None)
    if not (toks[i].cap or i == 0 or toks[i - 1].f == ",") or not _is_adverbial_start(toks, i):
        return None
    k = _clause_comma(toks, i + 1)
    if k is not None and not (toks[i].cap or i == 0) and _clause_starts(toks, k + 1) != "subject":
        return None  # a lower-case adverbial after a connective leads to a subject ("Theo đó, trước 17 giờ …,
        # các xã phải …"), not to a bare verb
    return None if k is None else (_assigning_clause(toks, k) if leadin else k) + 1


def _last_citation(toks: list[Tok], i: int) -> int:
    """Where the last of the documents the grounds cite begins ("Thực hiện Chỉ thị số … về kiểm kê …, lập bản đồ
    … và Kế hoạch số … của UBND tỉnh, …"): a title's own commas before it are no clause's."""
    def cites(m: int) -> bool:  # "… và Kế hoạch số 77/KH-UBND", "…; Hướng dẫn số 12-HD/…": one more in a list
        d = match_at(toks, m, DOC_NOUNS)
        return bool(d) and m + d + 1 < len(toks) and toks[m + d].f in _NUMBER_WORDS and \
            any(c.isdigit() for c in toks[m + d + 1].text) and (toks[m - 1].f in (",", ";") or toks[m - 1].f in _AND)

    last = i
    for m in range(i + 1, len(toks)):
        if toks[m].f in (":", ".") or toks[m].f == ";" and not (m + 1 < len(toks) and cites(m + 1)):
            break  # ("…; Hướng dẫn số 12-HD/…, Ban … xây dựng Kế hoạch như sau:": one document more)
        if cites(m):
            last = m
    return last


def _assigning_clause(toks: list[Tok], k: int) -> int:
    """The comma from ``k`` on after which a subject assigns the work ("Thực hiện Hướng dẫn số … về kiểm điểm …
    tập thể, cá nhân cán bộ lãnh đạo, quản lý năm 2025, Ban Thường vụ … đề nghị …"): the cited title's own
    commas may be followed by a noun and a verb; ``k`` when no later clause assigns."""
    j: int | None = k
    while j is not None:
        e = scan_np(toks, j + 1)
        if j + 1 < e < len(toks) and (_is_assign(toks, e) or match_at(toks, e, SPEECH_VERBS)):
            return j
        j = next((m for m in range(j + 1, len(toks)) if toks[m].f in (",", ":", ";", ".")), None)
        if j is not None and toks[j].f != ",":
            return k
    return k


def _is_adverbial_start(toks: list[Tok], i: int) -> bool:
    return bool(match_at(toks, i, ADVERBIAL_STARTS))


def _clause_comma(toks: list[Tok], start: int, strict: bool = False) -> int | None:
    """The comma after which the main clause starts; None if none within reach.

    A comma followed by a subject (unit or person) with its predicate is preferred
    over one followed by a bare verb ("Về các kiến nghị, đề xuất …, Ban Thường vụ giao").
    """
    depth = 0
    quote = False
    first_verb = None
    for k in range(start, min(len(toks) - 1, start + 220)):
        f = toks[k].f
        if f in ("(", "“", "«"):
            depth += 1
        elif f in (")", "”", "»"):
            depth = max(0, depth - 1)
        elif f == '"':
            quote = not quote
        elif f in (":", ";", ".") and not depth and not quote:
            break
        elif f == "," and not depth and not quote:
            if not strict and _reports_past(toks, k + 1):
                return k  # "Tại hội nghị, người dân đã nêu 17 ý kiến, …": the main clause, a report
            kind = _clause_starts(toks, k + 1, strict)
            if kind == "subject":
                return k
            if kind == "verb" and _is_assign(toks, k + 1):
                return k
            if kind == "verb" and first_verb is None:
                first_verb = k
    return first_verb


def _reports_past(toks: list[Tok], j: int) -> bool:
    """A short subject and "đã" after it ("người dân đã nêu …"): a clause that reports what was done."""
    for k in range(j + 1, min(len(toks), j + 5)):
        if not toks[k].word:
            return False
        if toks[k].f in _PAST:
            return k + 1 < len(toks) and toks[k + 1].word
    return False


def _clause_starts(toks: list[Tok], j: int, strict: bool = False) -> str | None:
    """What starts at token j: "subject" (a unit or person with its predicate), "verb", or None."""
    n = len(toks)
    if j >= n or not toks[j].word:
        return None
    if _is_assign(toks, j):
        return "verb"
    listed = j >= 2 and toks[j - 1].f == "," and (match_at(toks, j - 2, UNIT_HEADS) or toks[j - 2].f in ADMIN_WORDS) \
        and not match_at(toks, j, DETERMINERS) and not toks[j].cap  # "14/63 tỉnh, thành phố hoàn thành …"
    if not listed and (unit_head_at(toks, j) or is_person(toks, j, min(n, j + 12))):
        e = scan_np(toks, j)
        if e < n and (match_at(toks, e, TASK_VERBS) or _is_assign(toks, e)) and toks[e].f not in _PASSIVE:
            return "subject"
        if not strict and e < n and e > j and verb_len(toks, e):
            return "subject"
    if match_at(toks, j, TASK_VERBS) and toks[j].f not in _WEAK_VERBS:
        return "verb"
    return None


def _is_assign(toks: list[Tok], k: int) -> int:
    n = match_at(toks, k, ASSIGN_VERBS)
    if not n:
        return 0
    prev = toks[k - 1].f if k > 0 else ""
    if prev in _NOUN_BEFORE:
        return 0
    if n == 1 and match_at(toks, k, _GIAO_COMPOUNDS) == 2 and not toks[k + 1].cap:
        return 0  # "giao thông", "giao ban" (but "giao Ban Tuyên giáo …")
    nxt = toks[k + n].f if k + n < len(toks) else ""
    if nxt in _NOUN_AFTER:
        if not match_at(toks, k, _ASSIGN_DUTY) and \
                not (toks[k + n].cap and unit_head_at(toks, k + n)):  # "Giao Công an tỉnh …"
            return 0
    return n


def _delegates(toks: list[Tok], k: int) -> bool:
    """"(lãnh đạo,) chỉ đạo Y …" at token k: a delegation chain — who helps Y is Y's business (GUIDE)."""
    n = len(toks)
    while k < n and (toks[k].f in _DELEGATION_LINKS or toks[k].f == ",") and \
            not (toks[k].f in _LEADING.firsts and not match_at(toks, k, _LEADING)):
        if match_at(toks, k, _LEADING) == 2 and unit_head_at(toks, k + 2):
            return True
        k += 1
    return match_at(toks, k, _DIRECTING) == 2 and bool(unit_head_at(toks, k + 2))


def _object_after_assign(toks: list[Tok], k: int, info: SentInfo, src: str, length: int | None = None) -> None:
    """Fill owners from the addressee of an assignment verb at token k (``length`` tokens long, if known)."""
    n = len(toks)
    m = k + (length or _is_assign(toks, k))
    while m < n and (toks[m].f in _ADDRESSEE_FILLERS or toks[m].f == ",") and \
            not (toks[m].f == "," and m + 1 < n and (verb_len(toks, m + 1) or not unit_head_at(toks, m + 1))):
        m += 1
    if m < n and toks[m].f == "," and not unit_head_at(toks, m + 1):
        # "đề nghị, công việc … nặng nề, các đồng chí … cần …": the addressee after a clause
        x = m + 1
        while x < n and toks[x].f not in (";", ".", ":"):
            if toks[x].f == "," and x + 1 < n and unit_head_at(toks, x + 1):
                m = x + 1
                break
            x += 1
    info.speaker = True
    # "Giao các sở, ban, ngành; Thường trực Ban Chỉ huy …; Đài …; UBND các huyện tổ chức …": whole segments,
    # each of them nothing but a unit ("…; báo cáo Thường trực …" after a predicate is no segment)
    bounds = []
    x = m
    while x < n and toks[x].f not in (".", ":"):
        if toks[x].f == ";" and x + 1 < n and (unit_head_at(toks, x + 1) or toks[x + 1].cap):
            if not toks[x + 1].cap and verb_len(toks, x + 1):
                break  # "…; báo cáo Thường trực Tỉnh ủy …": a predicate, not a unit
            bounds.append(x)
        x += 1
    if bounds and m < n and (unit_head_at(toks, m) or toks[m].cap):
        last = bounds[-1] + 1
        e = scan_np(toks, last)
        if e > last and e < n and (verb_len(toks, e) or match_at(toks, e, NP_STOPS)):
            names = []
            seg = m
            for bnd in bounds:
                names += split_owners(toks, seg, bnd, src)
                seg = bnd + 1
            names += split_owners(toks, last, e, src)
            info.leads = names
            info.unit_object = bool(names)
            sup, _ = support_after(toks, e)
            info.supports = [nm for a, b in sup for nm in split_owners(toks, a, b, src)]
            return
    if m < n and (unit_head_at(toks, m) or (toks[m].cap and toks[m].word and not verb_len(toks, m, m))):
        e = scan_np(toks, m)
        if e > m and e < n and (verb_len(toks, e) or match_at(toks, e, NP_STOPS) or
                                toks[e].f in (",",) and e + 1 < n and verb_len(toks, e + 1)):
            info.leads = split_owners(toks, m, e, src)
            info.unit_object = bool(info.leads)
            if not _delegates(toks, e):  # "đề nghị X chỉ đạo Y chủ trì, phối hợp với Z": Y and Z are X's to direct
                sup, _ = support_after(toks, e)
                info.supports = [nm for a, b in sup for nm in split_owners(toks, a, b, src)]
            return
        if e > m and (e >= n or e == n - 1 and toks[e].f == ":"):  # ("Giao nhiệm vụ cho các cơ quan …:")
            info.leads = split_owners(toks, m, e, src)
            info.unit_object = bool(info.leads)


def analyze(src: str, s: int, e: int) -> SentInfo:
    """What the sentence ``src[s:e]`` does, in stages: its signals, the main clause past its adverbials, the
    form of that clause, an assignment further on, reported speech, and whether a lead-in only announces."""
    info = SentInfo()
    toks = tokenize(src, s, e)
    info.toks = toks
    if not toks:
        info.excluded = "empty"
        return info
    f = fold(src[s:e])
    _signals(info, src[s:e], f)
    if _BACKREF.match(f):
        info.excluded = "backref"
    i, doi_voi = _skip_prefixes(toks, info, src)
    i = info.main_start = _mid_leadin(toks, i, info, src)
    if i >= len(toks):
        return info
    _read_form(toks, i, info, src, f, doi_voi)
    if info.form == "assign" and not info.leads and doi_voi:
        # "Đối với các doanh nghiệp …, Bí thư Tỉnh ủy đề nghị phải cam kết …": the addressee is the "đối với" unit
        info.leads = doi_voi
        info.unit_object = True
    _assignment_further_on(toks, i, info, src, f)
    if info.form != "assign" and (info.issuer_subject or info.person_subject or info.excluded == "decision"):
        _reported_speech(toks, i, info, src, e)
    if info.leadin:
        info.announce_only = _announces_only(info, f)
    if info.form == "other" and not info.excluded and not _OPINION.search(f):
        info.obligation = _obligation(toks, i)
    return info


def _obligation(toks: list[Tok], i: int) -> bool:
    """A modal of obligation after a subject, then a task verb, perhaps passive ("phải được thu hồi")."""
    for k in range(i + 1, min(len(toks), i + 25)):
        m = match_at(toks, k, _OBLIGATION)
        if m:
            v = k + m + (1 if k + m < len(toks) and toks[k + m].f in _PASSIVE else 0)
            return bool(match_at(toks, v, TASK_VERBS))
        if toks[k].f in (";", ":", "."):
            return False
    return False


def _signals(info: SentInfo, raw: str, f: str) -> None:
    """The sentence's signals read on its whole folded text (closing formula, opinion, meeting, dateline …)."""
    info.leadin = raw.rstrip().endswith(":")
    info.date_start = bool(_DATE_START.search(f))
    info.elapsed_start = bool(_ELAPSED_START.search(f) and not _MODAL_WORD.search(f))
    if _CLOSING.search(f):
        info.excluded = "closing"
    elif (opinion := _OPINION.search(f)) and not _PURPOSE_BEFORE.search(f[:opinion.start()]):
        info.excluded = "opinion"  # (not a task's purpose: "…, báo cáo Giám đốc Sở để kiến nghị UBND tỉnh xem xét …")
    elif _MEETING.search(f):
        info.excluded = "meeting"
    info.assess_mark = bool(_ASSESS_MARK.search(f))
    info.result_mark = bool(_RESULT_MARK.search(f))
    if not info.excluded and _SCHEDULE.search(f):
        info.excluded = "schedule"  # "Sinh hoạt chi bộ tháng 6 dự kiến vào tối 10/6": when an event will be held
    label = _LABEL.match(f)
    if label and not info.excluded and _ASSESS_HEAD.match(label[1]) and section_mode(label[1]) == ASSESS:
        info.excluded = "review"  # "Đánh giá chung: 5 tháng đầu năm, …": a review under its label, in one line
        info.assess_mark = True


def _mid_leadin(toks: list[Tok], i: int, info: SentInfo, src: str) -> int:
    """"…nhiệm vụ trọng tâm trong quý IV-2020: Tập trung …": the main clause starts after a mid-sentence lead-in."""
    n = len(toks)
    colon = next((k for k in range(i, n - 1) if toks[k].f == ":"), None)
    if colon is None or colon >= n - 2:
        return i
    pre = fold(src[toks[i].start:toks[colon].start])
    post = colon + 1
    while post < n and not toks[post].word:
        post += 1
    if post < n and (_is_assign(toks, post) or (verb_len(toks, post) and match_at(toks, post, TASK_VERBS))) \
            and _TASK_KW.search(pre) and not _ASSESS_END.search(pre + ":") and not _REVIEW_WORD.search(pre):
        info.midlead = True
        return post
    return i


def _inspectorate_subject(toks: list[Tok], i: int) -> bool:
    """"Thanh tra tỉnh chủ trì …", "Thanh tra Sở xây dựng kế hoạch …": a capitalised unit head that is also a task
    verb (``verb_heads``) names the unit when its level follows (a locality word, or a capitalised unit head such as
    "Sở") and the predicate after it is in lower case; "Thanh tra các dự án …" stays the verb."""
    h = match_at(toks, i, _VERB_HEADS)
    if not (h and toks[i].cap and i + h + 1 < len(toks)):
        return False
    level, after = toks[i + h], toks[i + h + 1]
    named_level = level.f in _LOCALITIES or level.cap and bool(match_at(toks, i + h, UNIT_HEADS))
    return named_level and after.word and not after.cap


def _read_form(toks: list[Tok], i: int, info: SentInfo, src: str, f: str, doi_voi: list[str]) -> None:
    """The main clause's form: an assignment, an imperative, or a subject with its predicate."""
    n = len(toks)
    if _is_assign(toks, i):
        info.form = "assign"
        _object_after_assign(toks, i, info, src)
    elif _inspectorate_subject(toks, i):
        _subject_clause(toks, i, info, src, f, doi_voi)
    elif match_restored(toks, i, TASK_VERBS) and not (toks[i].f in _HAVING and match_at(toks, i, TASK_VERBS) < 2) \
            or _prohibits(toks, i):
        # (a word typed without diacritics reads as the word it was restored to: "Nam 2026" is "Năm", not "Nắm")
        info.form = "imperative"
        if doi_voi:
            info.leads = doi_voi
        # "Phối hợp với Ban Tổ chức Tỉnh ủy tổ chức tập huấn …": the units after "phối hợp" help
        if not _delegates(toks, i):
            info.supports = _supports_after(toks, i, src)
        if toks[i].f in _MODALS:
            info.strong_modal = True
    elif unit_head_at(toks, i) or is_person(toks, i, min(n, i + 12)):
        _subject_clause(toks, i, info, src, f, doi_voi)


def _prohibits(toks: list[Tok], i: int) -> bool:
    """"Không tạm ứng, không chi …", "Nghiêm cấm sử dụng …": a prohibition, then the verb it forbids."""
    p = match_at(toks, i, _PROHIBITIONS)
    return bool(p) and i + p < len(toks) and bool(match_at(toks, i + p, TASK_VERBS))


def _supports_after(toks: list[Tok], k: int, src: str) -> list[str]:
    sup, _ = support_after(toks, k)
    return [nm for a, b in sup for nm in split_owners(toks, a, b, src)]


def _subject_clause(toks: list[Tok], i: int, info: SentInfo, src: str, f: str, doi_voi: list[str]) -> None:
    """A subject (a unit or a person) at token i, then its predicate."""
    j = scan_np(toks, i)
    person = is_person(toks, i, j)
    subj = fold(src[toks[i].start:toks[j - 1].end]) if j > i else ""
    info.person_subject = person
    info.issuer_subject = bool(_ISSUER.search(subj)) and "," not in subj and not _PLURAL.search(subj)
    if j <= i:
        return
    if not person:
        j = _past_qualifier(toks, j)
    v, adv = _predicate_start(toks, j)
    _subject_predicate(toks, (i, j, v), adv, person, info, src, f, doi_voi)


def _past_qualifier(toks: list[Tok], j: int) -> int:
    """"Các chủ đầu tư có tỷ lệ giải ngân dưới 50% phải báo cáo …", "Các xã chưa đạt tiêu chí … phải xây
    dựng …": past a qualifier clause to its modal; "Các đảng ủy xã, phường có rừng lãnh đạo …": past a
    one-word qualifier to the predicate."""
    n = len(toks)
    if not (j < n and (toks[j].f in _HAVING and match_at(toks, j, TASK_VERBS) < 2 or toks[j].f in _QUALIFIER_NEG)):
        return j
    for x in range(j + 1, min(n, j + 14)):
        if not toks[x].word and toks[x].f not in ("%", "/", "-"):
            break
        if toks[x].f in _MODALS and not toks[x].cap:
            j = x
            break
    if toks[j].f in _HAVING and j + 3 < n and toks[j + 1].word and not verb_len(toks, j + 1) and \
            match_at(toks, j + 2, TASK_VERBS) >= 2:
        j += 2
    return j


def _predicate_start(toks: list[Tok], j: int) -> tuple[int, list[str]]:
    """Where the predicate starts after a subject ending at j, and the pre-verbal adverbs before it ("vừa",
    "đã", "cũng", "sẽ", "tiếp tục")."""
    n = len(toks)
    v = j
    adv = []
    while v < n:
        a = match_at(toks, v, PRE_ADVERBS)
        if not a or _is_assign(toks, v) or match_at(toks, v, TASK_VERBS) > a:
            break  # (a task verb that opens with an adverb's word: "không để hồ sơ quá hạn")
        adv.append(" ".join(t.f for t in toks[v:v + a]))
        v += a
    if not adv and v + 3 < n and match_at(toks, v, _PASSIVE_GIVEN) == 3 and not unit_head_at(toks, v + 3):
        v += 3  # "Các cơ quan, đơn vị được phân công căn cứ nhiệm vụ xây dựng …": the units given the task
    if v < n and toks[v].f in _INSERTED and not adv:
        v = _past_inserted_adverbial(toks, v)
    if v < n and toks[v].f == ",":
        # "X, căn cứ …, tổ chức …": skip an inserted clause
        k = _clause_comma(toks, v + 1)
        if k is not None and verb_len(toks, k + 1):
            v = k + 1
    return v, adv


def _past_inserted_adverbial(toks: list[Tok], v: int) -> int:
    """"X theo chức năng, nhiệm vụ nghiên cứu …": an adverbial between subject and predicate; the document it
    names is no predicate ("X căn cứ Chương trình hành động này xây dựng kế hoạch …")."""
    n = len(toks)
    x = v + 1
    while x < min(n, v + 14):
        if toks[x].f in (".", ";", ":"):
            break
        doc = match_at(toks, x, DOC_NOUNS)
        if doc:
            x += doc
            continue
        if not toks[x].cap and match_at(toks, x, TASK_VERBS) and toks[x].f not in _PASSIVE | _HAVING:
            return x
        x += 1
    return v


def _subject_predicate(toks: list[Tok], span: tuple[int, int, int], adv: list[str], person: bool, info: SentInfo,
                       src: str, f: str, doi_voi: list[str]) -> None:
    """The predicate at v of the subject toks[i:j]: an assignment, a speaker's reminder, "chỉ đạo Y", or a task."""
    i, j, v = span
    n = len(toks)
    if v < n and _is_assign(toks, v):
        info.form = "assign"
        _object_after_assign(toks, v, info, src)
        # "Tại cuộc họp, Chủ tịch UBND xã X đề nghị tỉnh …": a participant's request, reported
        participant = not info.issuer_subject and _AT_MEETING.match(f) and match_at(toks, i, PERSON_TITLES)
        info.proposal = bool(person or participant) and bool(match_at(toks, v, _PROPOSING))
        info.citizen = info.proposal and person and (
            toks[i].f in _CITIZEN and not any(match_at(toks, k, PERSON_TITLES) for k in range(i, j))
            or any(match_at(toks, k, _GRASSROOTS) for k in range(i, j)))
    elif v + 2 < n and (person or info.issuer_subject) and match_at(toks, v, _REMINDERS) == 2 and \
            (unit_head_at(toks, v + 2) or doi_voi):
        # "Bí thư Tỉnh ủy cũng lưu ý xã cần hướng dẫn …": the speaker's reminder to a unit assigns it a task;
        # "Đối với UBND các huyện, Bí thư Tỉnh ủy lưu ý cần …": to the "đối với" unit (analyze)
        info.form = "assign"
        if unit_head_at(toks, v + 2):
            _object_after_assign_chidao(toks, v, info, src)
        else:
            info.speaker = True
    elif v < n and match_at(toks, v, _DIRECTING) == 2 and info.issuer_subject and unit_head_at(toks, v + 2) \
            and not _PAST & set(adv):
        # ("Trong tháng, Ban Thường vụ đã chỉ đạo các tổ chức cơ sở đảng …": what it did, a result)
        info.form = "assign"
        _object_after_assign_chidao(toks, v, info, src)
        info.chidao_subject = clean_name(src[toks[i].start:toks[j - 1].end])
    elif v <= n:
        _task_predicate(toks, span, adv, person, info, src)


def _ruled_out_predicate(toks: list[Tok], v: int, adv: list[str]) -> str | None:
    """Why the predicate at v sets no task: accountability, passive, chairing, a past or just-reported act."""
    n = len(toks)
    if match_at(toks, v, _ACCOUNTABILITY) == 4:
        return "accountability"  # "chịu trách nhiệm trước …" assigns nothing
    if v < n and toks[v].f in _PASSIVE and not match_at(toks, v, _PASSIVE_ASSIGNED):
        return "passive"
    if match_at(toks, v, _CHAIRING) == 2 and (v + 2 >= n or toks[v + 2].f == "." or toks[v + 2].f in _CHAIRED):
        return "meeting"
    if _PAST & set(adv):
        return "past"
    if _JUST & set(adv) and v < n and toks[v].f in _NEWS_VERBS:
        return "news"
    return None


def _sets_task(toks: list[Tok], v: int, adv: list[str]) -> bool:
    """Whether the predicate at v (after the adverbs ``adv``) is a task."""
    n = len(toks)
    vl = verb_len(toks, v) if v < n else 0
    is_task = bool(match_at(toks, v, TASK_VERBS)) if v < n else False
    nontask = bool(match_at(toks, v, NONTASK_VERBS)) if v < n else False
    if (is_task or adv) and not (nontask and not is_task) and vl or _MUST & set(adv):
        return True
    if any(a in MANNER_ADVERBS for a in adv) and vl:
        return True
    # ("chủ động phương án, bố trí lực lượng": the manner word is the verb itself)
    return bool(adv) and adv[-1] in MANNER_ADVERBS and bool(match_at(tokenize(adv[-1]), 0, TASK_VERBS)) and \
        v < n and toks[v].word and not toks[v].cap and not nontask


def _task_predicate(toks: list[Tok], span: tuple[int, int, int], adv: list[str], person: bool, info: SentInfo,
                    src: str) -> None:
    """A subject's own predicate: ruled out, a task (its owners and support), or no task."""
    i, j, v = span
    n = len(toks)
    if not adv and v < n and match_at(toks, v, _ROLE_COPULA):
        comma = next((k for k in range(v + 1, min(n, v + 12)) if toks[k].f == ","), None)
        if comma is not None and comma + 1 < n and match_at(toks, comma + 1, TASK_VERBS):
            v = comma + 1  # "Sở X là cơ quan thường trực, có trách nhiệm theo dõi …": the task after the role
    ruled_out = _ruled_out_predicate(toks, v, adv)
    if ruled_out:
        info.excluded = info.excluded or ruled_out
        if ruled_out == "accountability" and not person:
            info.accountable = split_owners(toks, i, j, src)
        return
    if not _sets_task(toks, v, adv):
        nontask = bool(match_at(toks, v, NONTASK_VERBS)) if v < n else False
        info.excluded = info.excluded or ("decision" if nontask else "other")
        return
    info.form = "subject"
    if person:
        info.excluded = info.excluded or "person"
        return
    if toks[i].cap and unit_head_at(toks, i) == j - i and _PROMISE & set(adv):
        info.excluded = info.excluded or "promise"  # "Phòng sẽ tổng hợp, báo cáo …": the issuer's bare head
        return
    info.leads = split_owners(toks, i, j, src)
    info.supports = _supports_after(toks, v, src)
    info.strong_modal = any(match_at(tokenize(a), 0, STRONG_MODALS) for a in adv) or \
        bool(match_at(toks, v, STRONG_MODALS))
    _more_clauses(toks, v, info, src)


def _assignment_further_on(toks: list[Tok], i: int, info: SentInfo, src: str, f: str) -> None:
    """An assignment further on ("… Chủ tịch UBND tỉnh này đã yêu cầu X …", "Mọi tin, bài đề nghị X gửi …"),
    also after the speaker's own predicate ("Bí thư Tỉnh ủy ghi nhận …, phê bình … và yêu cầu xã …")."""
    speaker_subject = info.form == "subject" and (info.issuer_subject or info.person_subject)
    if not (info.form in ("other", "imperative") or (info.form != "assign" and info.excluded) or speaker_subject):
        return
    for k in range(i, len(toks)):
        joined = speaker_subject and k > 0 and toks[k - 1].f in _AND and match_at(toks, k, ASSIGN_VERBS)
        if joined and not unit_head_at(toks, k + joined):
            joined = 0  # "… và yêu cầu xã …": the speaker's second verb, addressed to a unit
        if not (toks[k].word and not toks[k].cap and (joined or _is_assign(toks, k))):
            continue
        if (info.form == "imperative" and not _speaker_before(toks, k)) or \
                (speaker_subject and k <= info.main_start + 1):
            continue
        probe = SentInfo()
        _object_after_assign(toks, k, probe, src, joined or None)
        if probe.unit_object:
            info.form = "assign"
            info.leads, info.supports, info.unit_object, info.speaker = probe.leads, probe.supports, True, True
            if info.excluded in ("past", "news", "decision", "other", "person", "meeting") and \
                    not _OPINION.search(f):
                info.revived = info.excluded
                info.excluded = None
            return


def _announces_only(info: SentInfo, f: str) -> bool:
    """A lead-in that only announces a list: fewer than six content words besides its owners and assignment,
    or the issuer's preamble that issues the document itself."""
    body = _ANNOUNCE_TAIL.sub("", re.sub(r"\s*\([^()]*\)\s*:\s*$", ":", f))  # "… như sau (văn bản gửi kèm):"
    rest = body
    if info.form in ("assign", "subject") and info.leads:
        last = fold(info.leads[-1])
        pos = body.rfind(last) if info.form == "assign" else body.find(last)
        rest = body[pos + len(last):] if pos >= 0 else body
        if info.form == "subject" and _ISSUES_ITSELF.match(rest):
            return True
        for name in info.supports:  # "X chủ trì, phối hợp với Y và Z thực hiện:": who helps is no content
            rest = rest.replace(fold(name), " ")
    elif info.form == "assign":
        # "…, Chủ tịch UBND tỉnh yêu cầu:": the verb itself may have gone with the announcing tail
        m = _LAST_ASSIGN.search(body) or _LAST_ASSIGN.search(f)
        rest = body[m.end():] if m else body
    return len([w for w in re.findall(r"\w+", rest) if w not in _GENERIC]) < 6


def _reported_speech(toks: list[Tok], i: int, info: SentInfo, src: str, e: int) -> None:
    """"Bí thư Tỉnh ủy nhấn mạnh: "Xã phải …"": what the speaker says must be done is the directive, read as
    a sentence of its own (its subject owns it)."""
    n = len(toks)
    j = scan_np(toks, i)
    while j < n and match_at(toks, j, PRE_ADVERBS) and not match_at(toks, j, SPEECH_VERBS):
        j += match_at(toks, j, PRE_ADVERBS)
    sv = match_at(toks, j, SPEECH_VERBS) if j > i else 0
    if not sv or j + sv >= n - 1 or toks[j + sv].f not in (":", ","):
        return
    k = j + sv + 1
    while k < n and not toks[k].word:
        k += 1
    if k >= n:
        return
    said = analyze(src, toks[k].start, e)
    if said.excluded or said.form not in ("subject", "assign", "imperative") or said.issuer_subject or \
            said.person_subject or (said.form != "assign" and not said.strong_modal):
        return  # ("… nhấn mạnh: "Sắp xếp đơn vị hành chính lần này là …"": a view, not what must be done)
    info.form, info.leads, info.supports = said.form, said.leads, said.supports
    info.strong_modal, info.unit_object, info.speaker = said.strong_modal, said.unit_object, True
    info.issuer_subject = info.person_subject = False
    info.revived, info.excluded = info.excluded, None
    info.main_start = next((x for x, t in enumerate(toks) if t.start == said.toks[said.main_start].start), k) \
        if said.main_start < len(said.toks) else k


_OWN_BODIES = cue_regex(r"^({own_bodies})\b")


def subject_is_issuer(info: SentInfo, src: str, issuer: str | None) -> bool:
    """Whether a subject shaped like an issuer ("Tỉnh ủy", "Huyện ủy X", "UBND tỉnh") is this notice's issuer.

    The meeting and the issuer's standing bodies always are; another Party committee or one named in a pasted
    text without a header is a unit given a task ("Huyện ủy Gio Linh chỉ đạo …", "Thành ủy tập trung …").
    """
    toks, i = info.toks, info.main_start
    if not info.issuer_subject or i >= len(toks):
        return info.issuer_subject
    j = scan_np(toks, i)
    subject = src[toks[i].start:toks[max(i, j - 1)].end]
    if _OWN_BODIES.match(fold(subject)):
        return True
    if not issuer:
        return False
    a, b = fold(subject), fold(issuer)
    return a == b or b.endswith(" " + a) or a.endswith(" " + b)


def report_continuation(info: SentInfo) -> bool:
    """"Kết quả giám sát báo cáo Thường trực Tỉnh ủy trước ngày …": no subject, the result of the task before
    is to be reported — it continues the directive before it (and its owners)."""
    toks, i = info.toks, info.main_start
    n = len(toks)
    if info.excluded or info.form != "other" or i >= n or unit_head_at(toks, i) or is_person(toks, i, min(n, i + 12)):
        return False
    for k in range(i + 1, min(n, i + 8)):
        if toks[k].f in _REPORT_BREAKERS or toks[k].f in (",", ";", ":"):
            return False
        if match_at(toks, k, REPORT_HEADS) and not toks[k].cap:
            return True
    return False


def report_to_of(info: SentInfo, src: str) -> str | None:
    """The body the result goes to (computed only for directives)."""
    return report_to(info.toks, src, info.main_start)


def _speaker_before(toks: list[Tok], k: int) -> bool:
    """"…, Chủ tịch UBND tỉnh yêu cầu": a unit or person right before the assignment verb, after a comma."""
    c = k - 1
    while c >= 0 and toks[c].f not in (",", ";", ":"):
        c -= 1
    if c < 0 or toks[c].f != ",":
        return False
    j = c + 1
    if not (unit_head_at(toks, j) or is_person(toks, j, k)):
        return False
    e = scan_np(toks, j)
    while e < k and match_at(toks, e, PRE_ADVERBS):
        e += match_at(toks, e, PRE_ADVERBS)
    return e == k


def _object_after_assign_chidao(toks: list[Tok], v: int, info: SentInfo, src: str) -> None:
    m = v + 2
    e = scan_np(toks, m)
    info.speaker = True
    if e > m:
        info.leads = split_owners(toks, m, e, src)
        info.unit_object = bool(info.leads)


def _more_clauses(toks: list[Tok], v: int, info: SentInfo, src: str) -> None:
    """Further subjects in the same sentence: "…; Sở KH-CN chủ trì …", "…, trong khi Sở X …"."""
    n = len(toks)
    k = v
    while k < n:
        f = toks[k].f
        start = None
        if f == ";":
            start = k + 1
        elif f == "," and k + 2 < n and (toks[k + 1].f in _WHEREAS or match_at(toks, k + 1, _WHILE) == 2):
            start = k + 1 + (match_at(toks, k + 1, _WHILE) or 1)
        if start is not None and start < n and verb_len(toks, start):
            start = None  # "…; tổ chức ký cam kết": a unit's head word read as a verb there opens a predicate
        if start is not None and start < n and unit_head_at(toks, start) and toks[start].f not in _PLURALS or \
                start is not None and start < n and toks[start].cap and unit_head_at(toks, start):
            e = scan_np(toks, start)
            if e > start and e < n and match_at(toks, e, TASK_VERBS) and \
                    match_at(toks, e, _ACCOUNTABILITY) != 4:
                names = split_owners(toks, start, e, src)
                if match_at(toks, e, _SUPPORTING) == 2:
                    info.supports.extend(names)
                else:
                    info.leads.extend(names)
                k = e
                continue
        k += 1


def is_directive(info: SentInfo, mode: str, first_in_block: bool, prev_directive: bool) -> bool:
    """Whether a sentence with ``info`` in a part of ``mode`` is a directive."""
    if info.excluded in ("closing", "opinion", "empty", "review"):
        return False
    if info.leadin and info.announce_only and not info.midlead:
        return False
    if info.midlead and info.form in ("assign", "imperative", "subject"):
        return True
    if info.form == "assign":
        return _assignment_is_directive(info, mode)
    if info.excluded or info.date_start or info.elapsed_start and mode != TASK:
        return False
    if info.form == "subject":
        if info.issuer_subject or info.person_subject:
            return False
        return info.strong_modal if mode == ASSESS else True
    if info.form == "imperative":
        return _imperative_is_directive(info, mode, first_in_block, prev_directive)
    return info.obligation and mode == TASK


def _assignment_is_directive(info: SentInfo, mode: str) -> bool:
    if info.proposal and (mode == ASSESS or info.citizen and mode != TASK):
        return False  # "Tại phiên họp, đồng chí X, Bí thư Đảng ủy xã Y đề nghị huyện …": a delegate's proposal
    if (info.date_start or info.excluded == "meeting") and not info.unit_object:
        return False
    return True


def _imperative_is_directive(info: SentInfo, mode: str, first_in_block: bool, prev_directive: bool) -> bool:
    """An imperative without subject: a task in a task part, never in a review; elsewhere when it opens its
    block or follows a directive, and reports no result."""
    if mode in (TASK, ASSESS):
        return mode == TASK
    if info.result_mark:
        return False
    return first_in_block or prev_directive
