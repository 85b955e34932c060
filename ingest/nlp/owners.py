"""Who must act: unit noun phrases, lead vs support, and who receives the report.

Owners are found with a small grammar over tokens: a unit noun phrase starts
with a determiner ("các", "từng") and/or a unit head ("Ban", "Sở", "UBND",
"cấp ủy", "địa phương", "Chủ tịch"…) and runs until the first verb of the
predicate. Capitalised words and name-forming verbs right after a head
("Ban Chỉ đạo", "cơ quan tham mưu, giúp việc") belong to the name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import (ASSIGN_VERBS, DETERMINERS, NAME_HEADS, NAME_VERBS, NONTASK_VERBS, NP_INTERNAL, NP_STOPS,
                      PERSON_STARTS, PERSON_TITLES, PLACE_TRIGGERS, PRE_ADVERBS, PROPER_NOT_PERSON, STRONG_MODALS,
                      TASK_VERBS, UNIT_HEADS, Tok, folded, key, load_language, match_at)

_NO_TOK = Tok(0, 0, "", "", False, False)


def _at(toks: list[Tok], k: int) -> Tok:
    """The token at ``k``, or an empty one outside the list."""
    return toks[k] if 0 <= k < len(toks) else _NO_TOK


Words = frozenset[str] | tuple[str, ...]


@lru_cache(maxsize=1024)
def _folded_words(words: Words) -> frozenset[str]:
    return frozenset(folded(w) for w in words)


# A word typed without diacritics is read as the listed word the lexicon restored it to ("dang" in "to chuc
# dang" → "đảng"), and by its folded form only when no listed word restored it: one spelling serves both.

def _in(t: Tok, words: Words) -> bool:
    """The token is one of ``words`` (written with diacritics)."""
    return t.f in words or t.bare and t.f == t.a and t.a in _folded_words(words)


def _is(t: Tok, word: str) -> bool:
    return t.f == word or t.bare and t.f == t.a and t.a == folded(word)


def match_restored(toks: list[Tok], k: int, phrases: frozenset[tuple[str, ...]]) -> int:
    """``match_at``, a restored word typed without diacritics read as what it was restored to, so that a unit's
    word ("dang" in "to chuc dang") does not end its name as the verb "đang" would; a unit head matches by its
    folded form too ("phuong" is "phường" as well as "phương")."""
    if k >= len(toks) or not toks[k].bare or phrases is UNIT_HEADS:
        return match_at(toks, k, phrases)
    view = [t._replace(bare=False) if t.bare and t.f != t.a else t for t in toks[k:k + 8]]
    return match_at(view, 0, phrases)


_m = match_restored


_VI = load_language("vi")


@lru_cache(maxsize=None)
def _words(name: str) -> frozenset[str]:
    """A list of ``lang/vi/owners.toml`` as a set of keys."""
    return _VI.word_set("owner_" + name)


@lru_cache(maxsize=None)
def _phrase_list(name: str) -> tuple[tuple[str, ...], ...]:
    """A list of ``lang/vi/owners.toml`` as word tuples (keys), in the data's order."""
    return tuple(tuple(key(w) for w in x.split()) for x in _VI.written["owner_" + name])


def _phrase(name: str) -> tuple[str, ...]:
    """The one collocation a list of ``lang/vi/owners.toml`` holds ("tổ chức")."""
    (only,) = _phrase_list(name)
    return only


def _seq(toks: list[Tok], i: int, words: tuple[str, ...]) -> bool:
    """``words`` stand at ``toks[i:]``."""
    return i + len(words) <= len(toks) and all(_is(toks[i + x], w) for x, w in enumerate(words))


# Unit types whose head is a common noun, written capitalised and followed by the level it serves ("Thuế tỉnh"):
# head word -> the words that may follow it.
TYPE_HEADS: dict[str, frozenset[str]] = {key(k): frozenset(key(w) for w in v)
                                         for k, v in _VI.table("owner_type_heads").items()}

_STRONG_HEADS = _words("strong_heads")
_REPORT_VERBS = _phrase_list("report_verbs")
_REPORT_FIRST = frozenset(v[0] for v in _REPORT_VERBS)
_REPORT_PREPS = _words("report_preps")
_VERB_BLOCKERS = _words("report_noun_before")
# Plural heads after which a colon introduces the names of the units ("các sở: Tài chính, Xây dựng").
_LIST_HEADS = _words("list_heads")
_NAMED_FIELDS = _phrase_list("named_fields")
_ORGANISE, _LEAD, _BUILD, _INVEST = _phrase("organise"), _phrase("lead"), _phrase("build"), _phrase("invest")


def verb_len(toks: list[Tok], k: int, np_start: int | None = None) -> int:
    """Length in tokens of a verb phrase starting at token ``k`` (0 when it is not one)."""
    if k >= len(toks) or not toks[k].word or _part_of_name(toks, k, np_start):
        return 0
    if _in(_at(toks, k + 1), _words("verb_suffixes")) and \
            not any(_seq(toks, k, noun) for noun in _phrase_list("suffix_nouns")):
        return 2
    return _listed_verb(toks, k)


def _listed_verb(toks: list[Tok], k: int) -> int:
    """Length of the listed verb (or pre-verbal adverb) at ``k`` where the word reads as one there."""
    n = max(_m(toks, k, TASK_VERBS), _m(toks, k, NONTASK_VERBS), _m(toks, k, ASSIGN_VERBS),
            _m(toks, k, PRE_ADVERBS))
    return _verb_reading(toks, k, n)


def _part_of_name(toks: list[Tok], k: int, np_start: int | None) -> bool:
    """The word at ``k`` belongs to the name of the unit phrase that starts at ``np_start``, verb or not."""
    t = toks[k]
    if t.cap and (np_start is None or k > np_start) and k > 0 and toks[k - 1].f not in (":", ".", "“", '"', "("):
        # a capitalised word inside a sentence belongs to a name; after a dash too when the dash joins two
        # parts of one name ("Trung tâm Văn hóa - Thông tin và Thể thao", "Phòng Tài chính - Kế hoạch")
        if not _in(toks[k - 1], ("-", "–")) or (np_start is not None and k - 1 > np_start and toks[k - 2].word):
            return True
    if _m(toks, k, NP_INTERNAL) or k > 0 and _m(toks, k - 1, NP_INTERNAL) >= 2:
        return True  # … or the second word of one ("Văn phòng thường trực": "trực" is no verb there)
    if np_start is not None and k - 1 > np_start and toks[k - 1].cap and toks[k - 1].word and \
            max(_m(toks, k - 1, TASK_VERBS), _m(toks, k - 1, NONTASK_VERBS)) >= 2:
        return True  # the second syllable of a capitalised name part ("Sở Giáo dục và Đào tạo", "… và Phát triển")
    if _seq(toks, k, _ORGANISE) and _organisation_noun(toks, k):
        return True
    if _seq(toks, k, _LEAD) and np_start is not None and (k == np_start or _in(toks[k - 1], _words("leaders_after"))):
        return True
    named = _m(toks, k, NAME_VERBS) if np_start is not None and k > np_start else 0
    if named and _after_name_head(toks, k) and \
            not (_m(toks, k + named, DETERMINERS) and not unit_head_at(toks, k + named)):
        return True  # ("các đơn vị thực hiện các nội dung sau": a verb with its object, not "đơn vị thực hiện";
        # "Ủy ban kiểm tra các cấp" stays one name)
    if np_start is not None and (_named_field(toks, k, np_start) or _inside_coordinate_name(toks, k, np_start)):
        return True
    # "Ban Quản lý dự án đầu tư xây dựng …": one name
    return _seq(toks, k, _BUILD) and np_start is not None and k - 2 > np_start and \
        _seq(toks, k - 2, _INVEST) and not verb_len(toks, k - 2, np_start)


def _named_field(toks: list[Tok], k: int, np_start: int) -> bool:
    """The word at ``k`` goes on a capitalised name part with the field it names ("Phòng Quản lý đầu tư", "Trung
    tâm Xúc tiến đầu tư", "Quỹ Đầu tư phát triển"; ``owner_named_fields``), a noun there and not the predicate's
    verb: what follows is no object, as it would be after the verb, but the predicate ("… chủ trì, phối hợp",
    "… rà soát"), the list's next unit ("… và Trung tâm …"), the unit's level ("… tỉnh") or the phrase's end."""
    for field in _NAMED_FIELDS:
        for part in range(1, len(field)):
            s = k - part
            if s > np_start and toks[s].cap and not toks[k].cap and _seq(toks, s, field):
                after = s + len(field)
                nxt = _at(toks, after)
                return not nxt.word or nxt.cap or _in(nxt, _words("conjunction")) or _in(nxt, PLACE_TRIGGERS) or \
                    _seq(toks, after, _phrase("special_zone")) or bool(_listed_verb(toks, after))
    return False


def _inside_coordinate_name(toks: list[Tok], k: int, np_start: int) -> bool:
    """The word at ``k`` lies inside a capitalised name whose fields are joined ("Phòng Quản lý xây dựng và Hạ tầng
    kỹ thuật": a capital after "và" that heads no unit goes on the name), or ends a name its verb repeats ("Trung
    tâm Kiểm định chất lượng công trình xây dựng xây dựng đề án")."""
    if toks[k].cap or not any(t.cap for t in toks[np_start + 1:k]):
        return False
    length = _listed_verb(toks, k)
    if length and all(_at(toks, k + length + j).f == toks[k + j].f for j in range(length)):
        return True
    for j in range(k + 1, min(len(toks), k + 5)):
        t = toks[j]
        if not t.word or t.cap:
            return False
        if _in(t, _words("conjunction")):
            nxt = _at(toks, j + 1)
            return bool(nxt.word) and nxt.cap and not unit_head_at(toks, j + 1)
    return False


def _organisation_noun(toks: list[Tok], k: int) -> bool:
    """"tổ chức" as a noun ("các tổ chức", "tổ chức đảng", "tổ chức hội"), not the verb "organise"."""
    after = toks[k + 2] if k + 2 < len(toks) else None
    if after is None or not after.word or _in(after, _words("organisation_before")):
        return True
    if _in(after, _words("association")) and k + 3 < len(toks) and \
            not _in(toks[k + 3], _words("event_after_association")):
        return True
    return k > 0 and _in(toks[k - 1], _words("organisation_after"))


def _after_name_head(toks: list[Tok], k: int) -> bool:
    """A name-forming verb right after a unit head ("Ban Chỉ đạo", "cơ quan tham mưu") or another one."""
    t = toks[k]
    j = k - 1
    if j >= 0 and (toks[j].f == "," or _in(toks[j], _words("conjunction"))):
        j -= 1
    if j < 0 or not toks[j].word:
        return False
    for L in (1, 2):
        s = j - L + 1
        if s > 0 and _seq(toks, s - 1, _phrase("grassroots")):
            continue  # "cơ sở", not "Sở"
        if s > 0 and _in(toks[s - 1], _words("party_cells")) and _in(toks[s], _words("cells_part")):
            continue  # "chi bộ", "đảng bộ": whole units, not "Bộ" before a name ("Bộ Tổ chức")
        if s >= 0 and _m(toks, s, NAME_HEADS) == L:
            return True
        if s >= 0 and _m(toks, s, NAME_VERBS) == L and not (toks[s].cap and not t.cap):
            return True  # (but "Sở Giáo dục và Đào tạo chỉ đạo …": a capitalised name, then the verb)
    return False


def _verb_reading(toks: list[Tok], k: int, n: int) -> int:
    """``n`` (the listed verb's length at ``k``) where the word reads as a verb there; nouns that begin
    with a verb's syllable ("giao thông", "dự án", "chương trình") read as 0."""
    t = toks[k]
    nxt, prev = _at(toks, k + 1), _at(toks, k - 1)
    if _in(t, _words("have")) and n <= 1 or _in(t, _words("always_verbs")):
        return 1
    if _seq(toks, k, _INVEST) and _in(prev, _words("investor_before")):
        return 0
    if _in(t, _words("prepare")) and _in(nxt, _words("prepare_nouns")):
        return 0
    if _in(t, _words("assign")) and _in(nxt, _words("assign_nouns")):
        return 0  # "giao thông", "giao dịch": nouns, not "giao" (assign)
    if _in(t, _words("send")) and _in(prev, _words("election_before")):
        return 0  # "Ủy ban bầu cử", "ứng cử", "đề cử": nouns, not "cử" (send)
    if _in(t, _words("present")) and _in(prev, _words("programme_before")):
        return 0  # "các công trình giao thông", "chương trình", "quy trình", "đào tạo": nouns, not "trình"
    return n


def unit_head_at(toks: list[Tok], i: int) -> int:
    """Tokens taken by determiners + a unit head at ``i`` (0 if the phrase does not start a unit)."""
    k = i
    for _ in range(2):
        d = _m(toks, k, DETERMINERS)
        if not d:
            break
        k += d
    h = _m(toks, k, UNIT_HEADS)
    if h and _in(toks[k], _words("board")) and not toks[k].cap and k + 1 < len(toks) and \
            _in(toks[k + 1], _words("issue_after_board")):
        h = 0  # "ban hành", "ban bố": verbs
    if not h and k > i and _in(toks[k], _words("school")) and not (k + 1 < len(toks) and
                                                                 _in(toks[k + 1], _words("case_after_school"))):
        h = 1  # "Các trường thường xuyên …": schools after a determiner, not a place ("Trường Xuân") nor "trường hợp"
    if h and _in(toks[k], _words("commune")) and k + 1 < len(toks) and _in(toks[k + 1], _words("association")):
        h = 0  # "Lao động - Thương binh và Xã hội", "chính trị - xã hội": society, not a commune
    if not h and k + 3 < len(toks) and _shared_cell(toks[k]) and toks[k + 1].text == "," and \
            _in(toks[k + 2], _words("party")) and _in(toks[k + 3], _words("cells_part")):
        h = 1  # "các chi, đảng bộ cơ sở": "chi bộ, đảng bộ" with the shared "bộ" said once
    if not h and k + 1 < len(toks) and toks[k].cap and _in(toks[k + 1], TYPE_HEADS.get(toks[k].f, ())):
        h = 1  # "Thuế tỉnh", "Thuế cơ sở 2": a unit type (since 2025) whose head word is a common noun
    if not h:
        # Abbreviations written in capitals: "UBND", "HĐND", "MTTQ", "BCĐ"…
        if k < len(toks) and toks[k].word and toks[k].text.isupper() and len(toks[k].text) >= 2:
            h = 1
    return (k - i + h) if h else 0


def _shared_cell(t: Tok) -> bool:
    """"chi" of "các chi, đảng bộ"; typed without diacritics also by its folded form, since word by word it is read
    "chỉ" (the "đảng bộ" that must follow says which)."""
    return _in(t, _words("cells_shared")) or t.bare and t.a in _folded_words(_words("cells_shared"))


def person_start(toks: list[Tok], i: int) -> int:
    return _m(toks, i, PERSON_STARTS)


def scan_np(toks: list[Tok], i: int, maxlen: int = 70) -> int:
    """Index one past the last token of the noun phrase starting at ``i``.

    ``maxlen`` bounds the walk, not the grammar: a dozen addressees with their titles
    ("Giám đốc các sở, Trưởng các ban, ngành, …, các chủ đầu tư") run to ~60 tokens.
    """
    n = len(toks)
    k = i
    depth = 0
    last_good = i
    while k < n and k - i < maxlen:
        t = toks[k]
        if depth or _is(t, "("):
            depth += (_is(t, "(")) - (_is(t, ")"))
            if _is(t, ")"):
                last_good = k + 1
            k += 1
            continue
        if not t.word:
            if not _np_punctuation(toks, k, i):
                break
            k += 1
            continue
        if k > i:
            rel = _relative_end(toks, k) if _in(t, _words("passive")) else \
                _qualifier_end(toks, k, i) if _in(t, _words("qualifiers")) else 0
            inside = rel - k if rel else _m(toks, k, NP_INTERNAL)
            if inside:
                k += inside
                last_good = k
                continue
            if _np_ends_at(toks, k, i):
                break
        k += 1
        last_good = k
    # Drop trailing separators and conjunctions.
    end = last_good
    while end > i and (not toks[end - 1].word or _in(toks[end - 1], _words("conjunction"))) and \
            not _in(toks[end - 1], (")", "%")):
        end -= 1
    return end


def _qualifier_end(toks: list[Tok], k: int, i: int) -> int:
    """"UBND các xã, phường có dự án đi qua | phối hợp …": a qualifier after a plural group of units, closed by the
    predicate: a modal ("… có tỷ lệ giải ngân dưới 50% | phải báo cáo"), else the first task verb within a few words.
    Returns the index where the predicate opens (0 when the phrase stops at ``k``)."""
    if not any(_in(toks[x], _words("plurals")) for x in range(i, k)) or \
            any(_seq(toks, k + 1, p) for p in _phrase_list("qualifier_predicates")):
        return 0
    verb, broken = 0, False
    for x in range(k + 2, min(len(toks), k + 13)):
        t = toks[x]
        if t.f in (".", ";", ":"):
            break
        if not t.word:
            broken = broken or t.f != ","
            continue
        if t.cap or _m(toks, x, NP_INTERNAL):
            continue
        if _m(toks, x, STRONG_MODALS):
            return x
        if not verb and not broken and x < k + 9 and (_m(toks, x, TASK_VERBS) or _m(toks, x, ASSIGN_VERBS)):
            verb = x
    return verb


def _np_punctuation(toks: list[Tok], k: int, i: int) -> bool:
    """Punctuation the phrase runs through: list separators, quotes, the colon of "các huyện: Mường Lát"."""
    t = toks[k]
    if _in(t, (",", ";", "-", "–", "&", "/", "'", "’", "“", "”", "\"")):
        return True
    # "Chủ tịch UBND các huyện: Mường Lát, Quan Sơn": the places named after a colon
    return _is(t, ":") and k > i and _in(toks[k - 1], _LIST_HEADS) and k + 1 < len(toks) and toks[k + 1].cap \
        and toks[k + 1].word


def _np_ends_at(toks: list[Tok], k: int, i: int) -> bool:
    """The phrase that started at ``i`` stops before the word at ``k``: a stop word, a preposition, a verb."""
    t = toks[k]
    if not t.cap:
        if _m(toks, k, NP_STOPS):
            return True
        if _in(t, _words("within")) and not (k + 1 < len(toks) and toks[k + 1].cap):
            return True
        if _in(t, _words("purpose")):
            return True
    return bool(verb_len(toks, k, i)) or k > i and any(_seq(toks, k, v) for v in _phrase_list("verbs_after_name"))


_REL_VERBS = _phrase_list("role_verbs")
_REL_PRED = _words("role_predicate")


def _relative_end(toks: list[Tok], k: int) -> int:
    """"các cơ quan, đơn vị được giao nhiệm vụ | khẩn trương …", "các đồng chí … được phân công phụ trách thôn |
    thường xuyên …": a relative clause "được giao/phân công/cử …" inside the subject, closed by a modal or
    manner adverb that opens the predicate. Returns the index of that adverb (0 when there is none)."""
    n = len(toks)
    m = k + 1
    best = 0
    for rv in _REL_VERBS:
        if _seq(toks, m, rv):
            best = max(best, len(rv))
    if not best:
        return 0
    m += best
    start = m
    if best == 1 and _in(toks[k + 1], _words("assign")) and m < n and _m(toks, m, TASK_VERBS) and \
            not _in(toks[m], _words("role_task_verbs")):
        return 0  # "X được giao định hướng các cơ quan báo chí …": the assignment itself, not a standing role
    for x in range(m, min(n, m + 10)):
        t = toks[x]
        if not t.word:
            return 0
        if _seq(toks, x, _phrase("preside")):
            return 0  # "X được giao chủ trì …": the assignment itself
        a = _m(toks, x, PRE_ADVERBS)
        ok_pos = x > start or best == 3  # "được giao nhiệm vụ" has its object already
        if ok_pos and a and not _in(t, _REL_PRED) and not t.cap or \
                ok_pos and _in(toks[x], _words("responsible_verbs")) and x + 1 < n and \
                _in(toks[x + 1], _words("responsibility")):
            return x
    return 0


def is_person(toks: list[Tok], i: int, j: int) -> bool:
    """A named person ("đồng chí X", "Bí thư Tỉnh ủy Hoàng Trung Dũng") rather than a unit."""
    if person_start(toks, i):
        return True
    run = 0
    place = False
    after_title = False
    unit_after_title = False  # "Giám đốc Vườn quốc gia Vũ Quang": capitals after the unit name it, not a person
    # an organisation ("Công ty TNHH MTV Thủy lợi Bắc Nghệ An", "Ban Quản lý dự án …") names no person unless a
    # title follows it ("Giám đốc Công ty X Nguyễn Văn A")
    org = bool(_m(toks, i, UNIT_HEADS)) and not _m(toks, i, PERSON_TITLES) and \
        not _in(toks[i], _words("not_organisation"))
    for k in range(i, j):
        t = toks[k]
        if _m(toks, k, PERSON_TITLES):
            after_title = True
        if not t.word:
            run = 0
            place = False
            continue
        if _in(t, PLACE_TRIGGERS) or (t.text.isupper() and len(t.text) > 1):
            run = 0
            place = True  # the capitalised words that follow name a place ("tỉnh Lâm Đồng", "TP Thủ Đức")
            continue
        if after_title and _m(toks, k, UNIT_HEADS) and not _m(toks, k, PERSON_TITLES):
            unit_after_title = True
        if t.cap and not _m(toks, k, UNIT_HEADS) and not _in(t, _words("not_person_name")):
            if place:
                continue
            run += 1
            if (run >= 3 and not org) or (run >= 2 and after_title and not unit_after_title):
                words = tuple(x.f for x in toks[k - run + 1:k + 1])
                if not any(words[s0:s0 + len(p)] == p for p in PROPER_NOT_PERSON for s0 in range(len(words))):
                    return True
        else:
            run = 0
            place = False
    return False


_PAREN = re.compile(r"\s*\([^()]*\)")
_NAME_PREFIX = re.compile(r"^(?:" + "|".join(r"\s+".join(map(re.escape, x.split()))
                                             for x in _VI.written["owner_name_prefixes"]) + r")\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def clean_name(text: str) -> str:
    text = _PAREN.sub("", text)
    text = _SPACES.sub(" ", text).strip(" ,;:-–.\"“”'")
    # "và …", "với …"; and a table cell's "Đề nghị Ủy ban MTTQ …": the verb is not the unit's name
    text = _NAME_PREFIX.sub("", text)
    return text.strip()


def split_owners(toks: list[Tok], i: int, j: int, src: str) -> list[str]:
    """Names in the noun phrase toks[i:j], one per unit or group."""
    parts: list[tuple[int, int]] = []
    seg = i
    depth = 0
    for k in range(i, j):
        t = toks[k]
        if _is(t, "("):
            depth += 1
        elif _is(t, ")"):
            depth = max(0, depth - 1)
        if depth:
            continue
        if k + 1 < j and _seq(toks, k, _phrase("singled_out")):
            # "đảng viên, nhất là cán bộ chủ chốt": the singled-out ones are owners too
            if k > seg:
                parts.append((seg, k))
            seg = k + 2
            continue
        conjunction = _in(t, _words("conjunction"))
        if _is(t, ";") or ((t.f == "," or conjunction) and k + 1 < j and _starts_new_owner(toks, k + 1, seg)):
            if conjunction and _joint_office(toks, seg, k):
                continue
            if k > seg:
                parts.append((seg, k))
            seg = k + 1
    if j > seg:
        parts.append((seg, j))
    return _names(toks, parts, src)


def _names(toks: list[Tok], parts: list[tuple[int, int]], src: str) -> list[str]:
    """The owners' names of a list's parts, as written (a bare body takes the organisation the list ends on)."""
    names = []
    shared = _shared_organisation(toks, parts, src)
    for n, (a, b) in enumerate(parts):
        while a < b and not toks[a].word:
            a += 1
        if a >= b or _in(toks[a], _words("places")):
            continue  # "…, nhất là ở các huyện ven biển": where, not who
        name = clean_name(src[toks[a].start:toks[b - 1].end])
        if shared and n < len(parts) - 1 and _body_at(toks, a) == b - a:
            name = name + " " + shared
        if name and any(c.isalpha() for c in name):
            names.append(name)
    return names


def _body_at(toks: list[Tok], a: int) -> int:
    """Tokens of a unit's collegial body at ``a`` ("Đảng ủy", "Ban Giám đốc", "Ban Thường vụ"; ``shared_bodies``)."""
    return max((len(p) for p in _phrase_list("shared_bodies") if _seq(toks, a, p)), default=0)


def _shared_organisation(toks: list[Tok], parts: list[tuple[int, int]], src: str) -> str:
    """"Đảng ủy, Ban Giám đốc Sở Nội vụ": bodies listed bare before one named with its organisation are that
    organisation's too; the organisation's name as written, or "" when the list is no such list."""
    if len(parts) < 2:
        return ""
    a, b = parts[-1]
    m = _body_at(toks, a)
    if not m or a + m >= b or not unit_head_at(toks, a + m) or \
            not all(_body_at(toks, x) == y - x for x, y in parts[:-1]):
        return ""
    return clean_name(src[toks[a + m].start:toks[b - 1].end])


_LOCALITY = _words("localities")
_JOINT_BODIES = _words("joint_bodies")


def _joint_office(toks: list[Tok], a: int, k: int) -> bool:
    """"Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Văn phòng HĐND và UBND huyện": one office serving two bodies —
    the first body, named without its locality, shares the one after "và"."""
    while a < k and not toks[a].word:
        a += 1
    if k - a < 3 or not _seq(toks, a, _phrase("office")) or k + 1 >= len(toks):
        return False
    if any(_in(toks[x], _LOCALITY) or not toks[x].word for x in range(a + 2, k)):
        return False
    return _in(toks[k + 1], _JOINT_BODIES) and toks[k + 1].cap


_LOCALITY_KINDS = _words("locality_kinds")
_LIST_PLACE_ENDS = _words("list_place_ends")
_ROLE_HEADS = _phrase_list("role_heads")


def _starts_new_owner(toks: list[Tok], k: int, seg: int = 0) -> bool:
    t = toks[k]
    if not t.word:
        return False
    if _in(t, _LOCALITY_KINDS) and not t.cap and k >= 2 and _in(toks[k - 2], _LIST_PLACE_ENDS) and \
            (k + 1 < len(toks) and _in(toks[k + 1], _words("committee")) or not _in(toks[seg], _words("plurals"))):
        # "các huyện, thành, thị ủy" (one "ủy" for the list), "UBND các huyện, thị xã, thành phố" (one head
        # for the list): one owner; a bare list ("các xã, phường, thị trấn") gives one per place
        return False
    if _in(t, _words("party")) and k >= 2 and _shared_cell(toks[k - 2]):
        return False  # "các chi, đảng bộ cơ sở": "chi bộ, đảng bộ" with one "bộ"
    if not t.cap and any(_seq(toks, seg, r) for r in _ROLE_HEADS):
        return False  # "Người đứng đầu cấp ủy, chính quyền", "thủ trưởng các cơ quan, đơn vị": the head of each
    if _in(t, _STRONG_HEADS) and unit_head_at(toks, k):
        return True
    # A capitalised word starts a new owner only when it heads a unit ("Văn phòng", "Ủy ban"), not a
    # place in a list ("các huyện Phù Mỹ, Vân Canh") nor a name part ("Sở Nông nghiệp và Phát triển…").
    return t.cap and bool(unit_head_at(toks, k)) and not _in(t, _words("name_parts"))


def support_after(toks: list[Tok], start: int, end: int | None = None) -> tuple[list[tuple[int, int]], int]:
    """Noun phrases after "phối hợp (với)" in toks[start:end]: the units that help."""
    end = len(toks) if end is None else end
    out = []
    k = start
    while k < end - 1:
        if _seq(toks, k, _phrase("cooperate")):
            m = k + 2
            while m < end and _in(toks[m], _words("cooperate_with")):
                m += 1
            # "phối hợp tổ chức các hoạt động": a verb after it, which may also head a unit, is what they do together
            if m < end and (unit_head_at(toks, m) or (toks[m].cap and toks[m].word)) and not verb_len(toks, m):
                e = scan_np(toks, m)
                if e > m:
                    out.append((m, e))
                    k = e
                    continue
        k += 1
    return out, k


def report_to(toks: list[Tok], src: str, start: int = 0) -> str | None:
    """The body the result goes to: "báo cáo (về) X", "gửi (…) về X", "trình X"."""
    n = len(toks)
    k = start
    while k < n:
        t = toks[k]
        hit = 0
        if not _in(t, _REPORT_FIRST):
            k += 1
            continue
        for ws in _REPORT_VERBS:
            if _seq(toks, k, ws):
                hit = max(hit, len(ws))
        if not hit or t.cap and k > start:
            k += 1
            continue
        if k > 0 and _in(toks[k - 1], _VERB_BLOCKERS) and _in(toks[k], _words("report_noun")):
            k += hit
            continue
        m = k + hit
        needs_prep = _in(toks[k], _words("report_needs_prep"))
        cand = None
        if not needs_prep and m < n and toks[m].word and (unit_head_at(toks, m) or toks[m].cap) \
                and not _in(toks[m], _words("report_object")):
            cand = m
        else:
            for x in range(m, min(n, m + 12)):
                if _in(toks[x], (".", ";", ":")):
                    break
                if _seq(toks, x - 1, _phrase("scope_of")):
                    continue  # "… đối với các cơ sở nhà, đất": a scope, not an addressee
                if _in(toks[x], _REPORT_PREPS) and x + 1 < n and toks[x + 1].word and \
                        (unit_head_at(toks, x + 1) or toks[x + 1].cap):
                    cand = x + 1
                    break
        if cand is not None:
            e = scan_np(toks, cand)
            if e > cand:
                name = clean_name(src[toks[cand].start:toks[e - 1].end])
                if name:
                    return name
        k += hit
    return None
