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
    cue_pattern, match_at, tokenize
from .owners import clean_name, is_person, report_to, scan_np, split_owners, support_after, unit_head_at, verb_len
from .text import fold

TASK, ASSESS, NEUTRAL = "task", "assess", "neutral"

_TASK_KW = re.compile(r"\b(" + cue_pattern("task_cues") + r")\b")
_ASSESS_KW = re.compile(r"\b(" + cue_pattern("assess_cues") +
                        r"|(?:uoc |da |deu )dat|dat(?= \d| muc| ty le| chi tieu| ke hoach))\b")  # "đạt", not "đất đai"
_ASSESS_END = re.compile(r"(nhan dinh|danh gia|nhan xet|ghi nhan|cho thay|nhu sau ve ket qua)\s*:\s*$")
_CLOSING = re.compile(
    r"^(van phong[^.,;]{0,40}?\s)?(xin\s+)?(truyen dat|thong bao|sao gui)\b[^;]*\b(biet|thuc hien|chi dao thuc hien)\s*[./]*\s*$"
    r"|\bde\s+cac\s+(dong chi|co quan|don vi|dia phuong)[^.]{0,80}\b(biet|thuc hien)\s*[./]*\s*$"
    r"|^(noi nhan|luu\s*:|luu vt|luu van phong)")
_OPINION = re.compile(
    r"^dai dien\b[^.;:]{0,80}?\b(de nghi|kien nghi|de xuat|mong muon)\b"
    r"|^(tham gia y kien|phat bieu tham luan|phat bieu thao luan|phat bieu y kien|thao luan|gop y|y kien|"
    r"nhieu y kien|cac y kien|dai bieu|cac dai bieu|phat bieu khai mac|khai mac|tai buoi thao luan|"
    r"tai phien thao luan)\b"
    r"|\b(de nghi|kien nghi|de xuat)\s+(tinh|trung uong|cap tren|chinh phu|tinh uy|ubnd tinh)\s+(can|som|quan tam|xem xet|"
    r"ho tro|bo tri|co)\b"
    r"|\b(de nghi|yeu cau)\s+cac\s+dai\s+bieu\b"
    r"|^theo (dong chi|ong|ba|dai dien)\b"
    r"|^theo [^,;:]{0,80}\b(trinh bay|bao cao|cho biet)\s*,")  # "Theo dự thảo do Sở Nội vụ trình bày, …"
_MEETING = re.compile(
    r"^(du hoi nghi|tham du|cung du|den du|chu tri hoi nghi|chu tri(?=\s*(?::|$|hoi nghi|cuoc hop|buoi|phien|le\b))|quang canh|toan canh|cac dai bieu|dai bieu|"
    r"anh\s*:|hoi nghi (da|cung da|duoc|co)|tai hoi nghi,? (cac|nhieu)? ?(dai bieu|y kien))\b"
    r"|\b(chu tri|dong chu tri)\s*(hoi nghi|cuoc hop|buoi lam viec|phien hop|buoi giao ban|hoi thao|le)?\s*[.]*\s*$"
    r"|\banh\s*:\s*\S")
# "Trong 8 tháng, toàn thành phố phát hiện …", "Sau gần 04 tháng vận hành, …": what an elapsed period brought
_ELAPSED_START = re.compile(
    r"^(?:trong|sau)\s+(?:gan\s+|hon\s+|khoang\s+)?\d+\s+(?:thang|nam|ngay|tuan)\b(?!\s+lam viec)[^,;:]{0,40},")
_MODAL_WORD = re.compile(r"\b(phai|can|khan truong|yeu cau|de nghi|giao)\b")
_DATE_START = re.compile(
    r"^(?:[\w.\-]{1,25}\s+-\s+)?(ngay|sang|chieu|toi|trua|dem|hom nay|hom qua|vao ngay|sang ngay|chieu ngay)"
    r"\s*(ngay\s*)?\(?\s*\d{1,2}[/.\-]\d{1,2}")
_ASSESS_MARK = re.compile(
    r"^(tuy nhien|tuy vay|ben canh (nhung |cac )?(ket qua|uu diem)|mac du|nhin chung|qua \d+ nam|ket qua|"
    r"nhung han che|han che|ton tai)\b"
    r"|\b(con|van con)\s+(mot so |nhieu |nhung )?(han che|ton tai|kho khan|bat cap|yeu kem|vuong mac)"
    r"|\bdat duoc (nhung |nhieu )?ket qua")
_RESULT_MARK = re.compile(
    r"\b(den nay|thoi gian qua|vua qua|mac du|da dat|dat duoc|da co|da duoc|da hoan thanh|da trien khai|"
    r"da tap trung|da khac phuc|da to chuc|da ban hanh|da thuc hien|da qua han|chua hoan thanh|chua thuc hien|"
    r"moi co|moi dat)\b")
_ANNOUNCE_TAIL = re.compile(
    r"[,;]?\s*(voi|gom|theo|trong do|cu the|nhu|,)?\s*(tap trung|chu trong|quan tam)?\s*(vao\s+)?(mot so|cac|nhung|nhom)?\s*"
    r"(nhiem vu|noi dung|giai phap|cong viec|viec|van de|diem|yeu cau|linh vuc)?"
    r"(\s+(trong tam|chu yeu|cu the|co ban|sau day|nhu sau|sau|can|thuc hien|tot|nhu))*\s*(nhu sau|sau day|sau|nhu)?\s*:\s*$")
_GENERIC = {"quan", "tam", "chu", "trong", "tap", "trung", "thuc", "hien", "trien", "khai", "to", "chuc", "lanh",
            "dao", "chi", "luu", "y", "nhan", "manh", "tiep", "tuc", "tot", "co", "hieu", "qua", "nghiem", "mot", "so", "cac", "nhung", "va", "dong", "thoi", "cu", "the", "nhu", "sau", "can", "phai", "bo",
            "quyet", "liet", "de", "nham", "hoan", "thanh", "ket", "luan", "hoi", "nghi", "ve"}
_AT_MEETING = re.compile(r"tai (cuoc hop|hoi nghi|buoi lam viec|phien hop|buoi hop|ky hop)\b")
_ISSUER = re.compile(
    r"^(ban thuong vu|ban chap hanh|thuong truc|tap the thuong truc)?\s*((tinh|thanh|huyen|thi|quan) uy\b|dang uy$)"
    r"|^ban chap hanh dang bo\b|^(ubnd|uy ban nhan dan) (tinh|thanh pho)\b|^chu tich (ubnd|uy ban nhan dan) (tinh|thanh pho)\b"
    r"|^(pho )?thu tuong\b|^bi thu (tinh|thanh) uy\b|^hoi nghi\b|^ban thuong vu\b|^thuong truc\b")


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
    revived: str | None = None     # the exclusion an assignment further on lifted ("past": "X đã …, giao Y …")
    labelled: bool = False         # "Sở Tài chính: Chủ trì …": the unit before the colon carries the task
    toks: list[Tok] = field(default_factory=list)


_ASSESS_HEAD = re.compile(r"^\W*(" + cue_pattern("assess_heads") + r")\b")
_FORWARD = re.compile(r"\b(" + cue_pattern("forward_cues") + r")\b")


_PURPOSE_HEAD = re.compile(r"^\W*(muc dich|yeu cau|muc dich,? yeu cau|muc tieu|quan diem,? muc tieu)\W*$")


def section_mode(text: str) -> str | None:
    """Mode set by a heading or lead-in: task, assess, or None when it says nothing."""
    f = fold(text)
    if _ASSESS_END.search(f):
        return ASSESS
    if _PURPOSE_HEAD.match(f):
        return ASSESS  # a plan's "I. MỤC ĐÍCH, YÊU CẦU": what the plan aims at, not who must do what
    if re.search(r"\b(ket luan|co y kien|y kien chi dao|chi dao|y kien)( nhu sau| cu the nhu sau)?\s*:\s*$", f):
        return NEUTRAL
    t = len(_TASK_KW.findall(f))
    a = len(_ASSESS_KW.findall(f))
    if _ASSESS_HEAD.match(f) and not _FORWARD.search(f):
        return ASSESS  # "Kết quả thực hiện nhiệm vụ năm 2025": the head noun says what the part is about
    if re.search(r"\b(giao|yeu cau|de nghi)\b\s*:?\s*$", f) or re.search(r"\b(yeu cau|de nghi|giao)\s+(cac|ban|so|uy ban|ubnd)\b", f):
        return TASK
    if t > a:
        return TASK
    if a > t:
        return ASSESS
    return None


def _skip_prefixes(toks: list[Tok], info: SentInfo, src: str) -> tuple[int, list[str]]:
    """Index of the main clause, past adverbials ("Đồng thời,", "Đối với X,", "Trường hợp …,")."""
    n = len(toks)
    i = 0
    doi_voi: list[str] = []
    for _ in range(4):
        if i >= n:
            break
        c = match_at(toks, i, CONT_MARKERS)
        if c:
            info.cont = True
            i += c
            if i < n and toks[i].f == ",":
                i += 1
            continue
        if toks[i].f == "riêng":
            i += 1
            continue
        if toks[i].f in ("hằng", "hàng") and i + 2 < n and toks[i + 1].f in ("năm", "tháng", "quý", "tuần", "ngày") \
                and (toks[i + 2].f == "," or match_at(toks, i + 2, TASK_VERBS)):
            # "Hằng năm, tổ chức đánh giá …", "Hằng tháng công bố …": a periodic adverbial before the verb
            i += 2
            if toks[i].f == ",":
                i += 1
            continue
        if toks[i].f in ("nhất", "đặc") and i + 1 < n and toks[i + 1].f in ("là", "biệt"):
            i += 2
            if i < n and toks[i].f == ",":
                i += 1
            continue
        if toks[i].f == "đối" and i + 1 < n and toks[i + 1].f == "với":
            k = _clause_comma(toks, i + 2, strict=True)
            if k is None:
                break
            if unit_head_at(toks, i + 2):
                doi_voi = split_owners(toks, i + 2, k, src)
            i = k + 1
            continue
        if toks[i].f == "thực" and i + 2 < n and toks[i + 1].f == "hiện" and match_at(toks, i + 2, DOC_NOUNS):
            # "Thực hiện Công văn số …, Ban Thường vụ … báo cáo như sau:": the document acted on frames the clause
            # the document's title may itself hold verbs ("Chương trình kiểm tra, giám sát năm 2024"): a comma
            # followed by a subject with its predicate ("…, Đoàn Kiểm tra … đã tiến hành …") is the main clause
            k = _clause_comma(toks, i + 2, strict=False)
            if k is not None:
                i = k + 1
                continue
        if toks[i].cap or i == 0 or toks[i - 1].f == ",":
            k = _clause_comma(toks, i + 1) if _is_adverbial_start(toks, i) else None
            if k is not None and not (toks[i].cap or i == 0) and _clause_starts(toks, k + 1) != "subject":
                k = None  # a lower-case adverbial after a connective leads to a subject ("Theo đó, trước 17 giờ …,
                # các xã phải …"), not to a bare verb
            if k is not None:
                i = k + 1
                continue
        break
    return i, doi_voi




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
            kind = _clause_starts(toks, k + 1, strict)
            if kind == "subject":
                return k
            if kind == "verb" and _is_assign(toks, k + 1):
                return k
            if kind == "verb" and first_verb is None:
                first_verb = k
    return first_verb


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
        if e < n and (match_at(toks, e, TASK_VERBS) or _is_assign(toks, e)) and toks[e].f not in ("được",):
            return "subject"
        if not strict and e < n and e > j and verb_len(toks, e):
            return "subject"
    if match_at(toks, j, TASK_VERBS) and toks[j].f not in ("có", "được", "là"):
        return "verb"
    return None


def _is_assign(toks: list[Tok], k: int) -> int:
    n = match_at(toks, k, ASSIGN_VERBS)
    if not n:
        return 0
    prev = toks[k - 1].f if k > 0 else ""
    if prev in ("theo", "các", "những", "hồ", "sơ", "đáp", "ứng", "của", "và", "nhiều", "mọi", "là", "được"):
        return 0
    if toks[k].f == "giao" and n == 1 and k + 1 < len(toks):
        nx = toks[k + 1]
        if (nx.f == "ban" and not nx.cap) or nx.f in ("thông", "dịch", "lưu", "nhận", "tiếp", "kết", "thoa", "hữu",
                                                       "hàng", "khoán", "đất", "rừng", "diện", "lộ", "thừa", "tranh"):
            return 0
    nxt = toks[k + n].f if k + n < len(toks) else ""
    if nxt in ("của", "đề", "ra", "đặt", "nêu", "chung", "về", "nhiệm", "cao", "công", "cụ", "xây"):
        if not (nxt == "nhiệm" and toks[k].f == "giao") and \
                not (toks[k + n].cap and unit_head_at(toks, k + n)):  # "Giao Công an tỉnh …"
            return 0
    return n


def _delegates(toks: list[Tok], k: int) -> bool:
    """"(lãnh đạo,) chỉ đạo Y …" at token k: a delegation chain — who helps Y is Y's business (GUIDE)."""
    n = len(toks)
    while k < n and toks[k].f in ("lãnh", "đạo", ",", "và") and not (toks[k].f == "lãnh" and k + 1 < n and
                                                                      toks[k + 1].f != "đạo"):
        if toks[k].f == "lãnh" and k + 2 < n and toks[k + 1].f == "đạo" and unit_head_at(toks, k + 2):
            return True
        k += 1
    return k + 2 < n and toks[k].f == "chỉ" and toks[k + 1].f == "đạo" and unit_head_at(toks, k + 2)


def _object_after_assign(toks: list[Tok], k: int, info: SentInfo, src: str, length: int | None = None) -> None:
    """Fill owners from the addressee of an assignment verb at token k (``length`` tokens long, if known)."""
    n = len(toks)
    m = k + (length or _is_assign(toks, k))
    while m < n and toks[m].f in ("trước", "mắt", "cho", ",", "nhiệm", "vụ", "trách") and \
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
        if e > m and e >= n:
            info.leads = split_owners(toks, m, e, src)
            info.unit_object = bool(info.leads)


def analyze(src: str, s: int, e: int) -> SentInfo:
    info = SentInfo()
    toks = tokenize(src, s, e)
    info.toks = toks
    if not toks:
        info.excluded = "empty"
        return info
    raw = src[s:e]
    f = fold(raw)
    info.leadin = raw.rstrip().endswith(":")
    info.date_start = bool(_DATE_START.search(f))
    info.elapsed_start = bool(_ELAPSED_START.search(f) and not _MODAL_WORD.search(f))
    if _CLOSING.search(f):
        info.excluded = "closing"
    elif _OPINION.search(f):
        info.excluded = "opinion"
    elif _MEETING.search(f):
        info.excluded = "meeting"
    info.assess_mark = bool(_ASSESS_MARK.search(f))
    info.result_mark = bool(_RESULT_MARK.search(f))
    i, doi_voi = _skip_prefixes(toks, info, src)
    info.main_start = i
    n = len(toks)
    # Mid-sentence lead-in: "…nhiệm vụ trọng tâm trong quý IV-2020: Tập trung …"
    colon = next((k for k in range(i, n - 1) if toks[k].f == ":"), None)
    if colon is not None and colon < n - 2:
        pre = fold(src[toks[i].start:toks[colon].start])
        post = colon + 1
        while post < n and not toks[post].word:
            post += 1
        if post < n and (_is_assign(toks, post) or (verb_len(toks, post) and match_at(toks, post, TASK_VERBS))) \
                and _TASK_KW.search(pre) and not _ASSESS_END.search(pre + ":") \
                and not re.search(r"\b(nhan dinh|danh gia|ket qua|han che|duoc)\b", pre):
            info.midlead = True
            i = post
            info.main_start = i
    if i >= n:
        return info
    if _is_assign(toks, i):
        info.form = "assign"
        _object_after_assign(toks, i, info, src)
    elif match_at(toks, i, TASK_VERBS) and not (toks[i].f == "có" and match_at(toks, i, TASK_VERBS) < 2):
        info.form = "imperative"
        if doi_voi:
            info.leads = doi_voi
        # "Phối hợp với Ban Tổ chức Tỉnh ủy tổ chức tập huấn …": the units after "phối hợp" help
        if not _delegates(toks, i):
            sup, _ = support_after(toks, i)
            info.supports = [nm for a, b in sup for nm in split_owners(toks, a, b, src)]
        if toks[i].f in ("phải", "cần"):
            info.strong_modal = True
    elif unit_head_at(toks, i) or is_person(toks, i, min(n, i + 12)):
        j = scan_np(toks, i)
        person = is_person(toks, i, j)
        subj = fold(src[toks[i].start:toks[j - 1].end]) if j > i else ""
        info.person_subject = person
        info.issuer_subject = bool(_ISSUER.search(subj)) and "," not in subj and " cac " not in f" {subj} "
        if j > i and j < n and (toks[j].f == "có" and match_at(toks, j, TASK_VERBS) < 2 or
                                toks[j].f in ("chưa", "không", "còn")) and not person:
            # "Các chủ đầu tư có tỷ lệ giải ngân dưới 50% phải báo cáo …", "Các xã chưa đạt tiêu chí … phải xây
            # dựng …": a qualifier clause, then the modal
            for x in range(j + 1, min(n, j + 14)):
                if not toks[x].word and toks[x].f not in ("%", "/", "-"):
                    break
                if toks[x].f in ("phải", "cần") and not toks[x].cap:
                    j = x
                    break
            if toks[j].f == "có" and j + 3 < n and toks[j + 1].word and not verb_len(toks, j + 1) and \
                    match_at(toks, j + 2, TASK_VERBS) >= 2:
                j += 2  # "Các đảng ủy xã, phường có rừng lãnh đạo …": a one-word qualifier, then the predicate
        # pre-verbal adverbs: "vừa", "đã", "cũng", "sẽ", "tiếp tục"
        v = j
        adv = []
        while v < n:
            a = match_at(toks, v, PRE_ADVERBS)
            if not a or _is_assign(toks, v):
                break
            adv.append(" ".join(t.f for t in toks[v:v + a]))
            v += a
        if not adv and v + 3 < n and [t.f for t in toks[v:v + 3]] == ["được", "phân", "công"] and \
                not unit_head_at(toks, v + 3):
            v += 3  # "Các cơ quan, đơn vị được phân công căn cứ nhiệm vụ xây dựng …": the units given the task
        if v < n and toks[v].f in ("theo", "căn", "trong", "tại", "trên", "với") and not adv:
            # "X theo chức năng, nhiệm vụ nghiên cứu …": an adverbial between subject and predicate; the document
            # it names is no predicate ("X căn cứ Chương trình hành động này xây dựng kế hoạch …")
            x = v + 1
            while x < min(n, v + 14):
                if toks[x].f in (".", ";", ":"):
                    break
                doc = match_at(toks, x, DOC_NOUNS)
                if doc:
                    x += doc
                    continue
                if not toks[x].cap and match_at(toks, x, TASK_VERBS) and toks[x].f not in ("được", "có"):
                    v = x
                    break
                x += 1
        if v < n and toks[v].f == ",":
            # "X, căn cứ …, tổ chức …": skip an inserted clause
            k = _clause_comma(toks, v + 1)
            if k is not None and verb_len(toks, k + 1):
                v = k + 1
        if j > i and v < n and _is_assign(toks, v):
            info.form = "assign"
            _object_after_assign(toks, v, info, src)
            # "Tại cuộc họp, Chủ tịch UBND xã X đề nghị tỉnh …": a participant's request, reported
            participant = not info.issuer_subject and _AT_MEETING.match(f) and match_at(toks, i, PERSON_TITLES)
            info.proposal = bool(person or participant) and toks[v].f in ("đề", "kiến")
        elif j > i and v + 2 < n and (person or info.issuer_subject) and \
                [t.f for t in toks[v:v + 2]] in (["lưu", "ý"], ["nhắc", "nhở"]) and \
                (unit_head_at(toks, v + 2) or doi_voi):
            # "Bí thư Tỉnh ủy cũng lưu ý xã cần hướng dẫn …": the speaker's reminder to a unit assigns it a task;
            # "Đối với UBND các huyện, Bí thư Tỉnh ủy lưu ý cần …": to the "đối với" unit (below)
            info.form = "assign"
            if unit_head_at(toks, v + 2):
                _object_after_assign_chidao(toks, v, info, src)
            else:
                info.speaker = True
        elif j > i and v < n and toks[v].f == "chỉ" and v + 1 < n and toks[v + 1].f == "đạo" and info.issuer_subject \
                and unit_head_at(toks, v + 2) and "đã" not in adv:
            # ("Trong tháng, Ban Thường vụ đã chỉ đạo các tổ chức cơ sở đảng …": what it did, a result)
            info.form = "assign"
            _object_after_assign_chidao(toks, v, info, src)
            info.chidao_subject = clean_name(src[toks[i].start:toks[j - 1].end])
        elif j > i and v <= n:
            vl = verb_len(toks, v) if v < n else 0
            past = any(a in ("đã",) for a in adv)
            just = any(a in ("vừa",) for a in adv)
            is_task = bool(match_at(toks, v, TASK_VERBS)) if v < n else False
            nontask = bool(match_at(toks, v, NONTASK_VERBS)) if v < n else False
            if v + 3 < n and [t.f for t in toks[v:v + 4]] == ["chịu", "trách", "nhiệm", "trước"]:
                info.excluded = info.excluded or "accountability"  # "chịu trách nhiệm trước …" assigns nothing
                if not person:
                    info.accountable = split_owners(toks, i, j, src)
            elif v < n and toks[v].f == "được" and not (v + 1 < n and toks[v + 1].f == "giao"):
                info.excluded = info.excluded or "passive"
            elif v < n and toks[v].f == "chủ" and v + 1 < n and toks[v + 1].f == "trì" and \
                    (v + 2 >= n or toks[v + 2].f in (".", "hội", "cuộc", "buổi", "phiên", "lễ")):
                info.excluded = info.excluded or "meeting"
            elif past:
                info.excluded = info.excluded or "past"
            elif just and v < n and toks[v].f in ("có", "ban", "ký", "tổ", "thông", "gửi", "phát"):
                info.excluded = info.excluded or "news"
            elif ((is_task or adv) and not (nontask and not is_task) and vl) or \
                    any(a in ("phải", "cần", "cần phải", "cũng cần") for a in adv) or \
                    any(a in MANNER_ADVERBS for a in adv) and vl or \
                    adv and adv[-1] in MANNER_ADVERBS and match_at(tokenize(adv[-1]), 0, TASK_VERBS) and v < n and \
                    toks[v].word and not toks[v].cap and not nontask:
                # ("chủ động phương án, bố trí lực lượng": the manner word is the verb itself)
                info.form = "subject"
                if person:
                    info.excluded = info.excluded or "person"
                else:
                    info.leads = split_owners(toks, i, j, src)
                    sup, _ = support_after(toks, v)
                    info.supports = [nm for a, b in sup for nm in split_owners(toks, a, b, src)]
                    info.strong_modal = any(match_at(tokenize(a), 0, STRONG_MODALS) for a in adv) or \
                        bool(match_at(toks, v, STRONG_MODALS))
                    _more_clauses(toks, v, info, src)
            else:
                info.excluded = info.excluded or ("decision" if nontask else "other")
    if info.form == "assign" and not info.leads and doi_voi:
        # "Đối với các doanh nghiệp …, Bí thư Tỉnh ủy đề nghị phải cam kết …": the addressee is the "đối với" unit
        info.leads = doi_voi
        info.unit_object = True
    # An assignment further on ("… Chủ tịch UBND tỉnh này đã yêu cầu X …", "Mọi tin, bài đề nghị X gửi …")
    # … also after the speaker's own predicate ("Bí thư Tỉnh ủy ghi nhận …, phê bình … và yêu cầu xã …")
    speaker_subject = info.form == "subject" and (info.issuer_subject or info.person_subject)
    if info.form == "other" or (info.form != "assign" and info.excluded) or info.form == "imperative" or \
            speaker_subject:
        for k in range(i, n):
            joined = speaker_subject and k > 0 and toks[k - 1].f == "và" and match_at(toks, k, ASSIGN_VERBS)
            if joined and not unit_head_at(toks, k + joined):
                joined = 0  # "… và yêu cầu xã …": the speaker's second verb, addressed to a unit
            if toks[k].word and not toks[k].cap and (joined or _is_assign(toks, k)):
                if info.form == "imperative" and not _speaker_before(toks, k):
                    continue
                if speaker_subject and k <= info.main_start + 1:
                    continue
                probe = SentInfo()
                _object_after_assign(toks, k, probe, src, joined or None)
                if probe.unit_object:
                    info.form = "assign"
                    info.leads, info.supports, info.unit_object, info.speaker = \
                        probe.leads, probe.supports, True, True
                    if info.excluded in ("past", "news", "decision", "other", "person", "meeting") and \
                            not _OPINION.search(f):
                        info.revived = info.excluded
                        info.excluded = None
                    break
    if info.form != "assign" and (info.issuer_subject or info.person_subject or info.excluded == "decision"):
        _reported_speech(toks, i, info, src, e)
    if info.leadin:
        body = _ANNOUNCE_TAIL.sub("", f)
        rest = body
        if info.form == "assign" and info.leads:
            last = fold(info.leads[-1])
            pos = body.rfind(last)
            rest = body[pos + len(last):] if pos >= 0 else body
        elif info.form == "subject" and info.leads:
            last = fold(info.leads[-1])
            pos = body.find(last)
            rest = body[pos + len(last):] if pos >= 0 else body
        elif info.form == "assign":
            m = re.search(r"\b(giao|yeu cau|de nghi)\b(?!.*\b(giao|yeu cau|de nghi)\b)", body)
            if m is None:
                # "…, Chủ tịch UBND tỉnh yêu cầu:": the verb itself went with the announcing tail
                m = re.search(r"\b(giao|yeu cau|de nghi)\b(?!.*\b(giao|yeu cau|de nghi)\b)", f)
            rest = body[m.end():] if m else body
        content = [w for w in re.findall(r"\w+", rest) if w not in _GENERIC]
        info.announce_only = len(content) < 6
    return info


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


_OWN_BODIES = re.compile(r"^(hoi nghi|thuong truc|tap the thuong truc|ban thuong vu|ban chap hanh)\b")


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
        if toks[k].f in ("đã", "được", "là", "đạt", ",", ";", ":"):
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
        elif f == "," and k + 2 < n and toks[k + 1].f in ("trong", "còn") and \
                (toks[k + 1].f == "còn" or toks[k + 2].f == "khi"):
            start = k + (3 if toks[k + 1].f == "trong" else 2)
        if start is not None and start < n and unit_head_at(toks, start) and toks[start].f not in ("các",) or \
                start is not None and start < n and toks[start].cap and unit_head_at(toks, start):
            e = scan_np(toks, start)
            if e > start and e < n and match_at(toks, e, TASK_VERBS) and \
                    [t.f for t in toks[e:e + 4]] != ["chịu", "trách", "nhiệm", "trước"]:
                names = split_owners(toks, start, e, src)
                if toks[e].f == "phối" and e + 1 < n and toks[e + 1].f == "hợp":
                    info.supports.extend(names)
                else:
                    info.leads.extend(names)
                k = e
                continue
        k += 1


def is_directive(info: SentInfo, mode: str, first_in_block: bool, prev_directive: bool) -> bool:
    """Whether a sentence with ``info`` in a part of ``mode`` is a directive."""
    if info.excluded in ("closing", "opinion", "empty"):
        return False
    if info.leadin and info.announce_only and not info.midlead:
        return False
    if info.midlead and info.form in ("assign", "imperative", "subject"):
        return True
    if info.form == "assign":
        if info.proposal and mode == ASSESS:
            return False  # "Tại phiên họp, đồng chí X, Bí thư Đảng ủy xã Y đề nghị huyện …": a delegate's proposal
        if info.date_start and not info.unit_object:
            return False
        if info.excluded in ("meeting",) and not info.unit_object:
            return False
        return True
    if info.excluded:
        return False
    if info.date_start or info.elapsed_start and mode != TASK:
        return False
    if info.form == "subject":
        if info.issuer_subject or info.person_subject:
            return False
        if mode == ASSESS:
            return info.strong_modal
        return True
    if info.form == "imperative":
        if mode == TASK:
            return True
        if mode == ASSESS:
            return False
        if info.result_mark:
            return False
        return first_in_block or prev_directive
    return False
