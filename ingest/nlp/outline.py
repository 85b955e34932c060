"""Parts of a document's outline that are not sentences: responsibility lines.

Action programmes and plans end a numbered group with a line that says who carries its items and by when —
"Trách nhiệm thực hiện: Ban Tổ chức Tỉnh ủy.", "Cơ quan chủ trì: Sở Xây dựng; phối hợp: các sở, ngành liên
quan; thời gian: năm 2026." ``responsibility_line`` reads one such line into its fields (spans in the text as
written); the resolver hands them to the items of the group.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import cue_regex, load_language, tokenize
from .owners import scan_np, split_owners, verb_len
from .text import fold, fold_aligned

# Field labels of a responsibility line, folded (no diacritics, lower case), by the role of what follows them.
RESPONSIBILITY_LABELS: dict[str, tuple[str, ...]] = {
    role: tuple(fold(x) for x in labels) for role, labels in load_language("vi").table("outline_labels").items()}

_ALTERNATIVES = sorted(((lab, role) for role, labs in RESPONSIBILITY_LABELS.items() for lab in labs),
                       key=lambda x: -len(x[0]))
# a label may be broken over two lines by a hard wrap ("phối\nhợp: …"): any blank between its words
_LABEL = re.compile(r"(?:^|(?<=[;.,]\s)|(?<=[;.,]))\s*(" +
                    "|".join(r"\s+".join(map(re.escape, a.split())) for a, _ in _ALTERNATIVES) + r")\s*:\s*")
_ROLE = {lab: role for lab, role in _ALTERNATIVES}
_FIRST_WORDS = tuple({lab.split()[0] for lab, _ in _ALTERNATIVES})
_LEAD_BULLET = re.compile(r"[\s\-+*•–]*")
# "Sở Văn hóa … chủ trì; …" inside the lead field: the verb after the unit is not part of its name
# "X chủ trì; Y phối hợp" / "X chủ trì, Y thực hiện" inside one field: Y supports, or carries it out with X
_LEAD_THEN_OTHERS = re.compile(cue_regex(r"(?<={outline_lead_verb})").pattern + cue_regex(
    r"\s*[,;]\s*(.+?)\s+(?:(?P<support>{outline_support_verbs})|{outline_carry_out})(?:\s+{outline_carry_out})?\s*$",
    space=r"\s+").pattern, re.S)
_LEAD_THEN_SUPPORT = re.compile(cue_regex(r"(?<={outline_lead_verb})").pattern + cue_regex(
    r"\s*,?\s*(?:{outline_lead_then_support})\s+(.+?)\s*$", space=r"\s+").pattern, re.S)
_TRAILING_VERB = cue_regex(r"\s+(?:{outline_trailing_verbs})\s*$", space=r"\s+")
_SUPPORT_VERB = cue_regex(r"(?:{outline_support_verbs})\b")
# "X chủ trì, Y phối hợp" in one clause: read by the field's own rule
_FIELD_VERB = cue_regex(r"(?:{outline_lead_verb}|{outline_trailing_verbs})\b")
_OWN_TASK_VERB = cue_regex(r"(?:{outline_own_task_verbs})\b")
_DEADLINE_CLAUSE = cue_regex(r";\s*(?P<clause>(?:{outline_deadline_clause})\b)", space=r"\s+")


@dataclass(frozen=True)
class Field:
    role: str              # lead | support | deadline
    label: str             # the label as written ("Trách nhiệm thực hiện")
    start: int             # value span in the source text
    end: int


@dataclass
class Responsibility:
    start: int
    end: int
    fields: list[Field] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.fields[0].label

    def deadline_field(self) -> Field | None:
        return next((f for f in self.fields if f.role == "deadline"), None)


def responsibility_line(src: str, s: int, e: int) -> Responsibility | None:
    """The line ``src[s:e]`` read as a responsibility line, or None when it does not open with a field label."""
    m0 = _LEAD_BULLET.match(src, s, e)
    a = m0.end() if m0 else s
    if not fold(src[a:a + 8]).startswith(_FIRST_WORDS):
        return None  # most lines: no label can start here
    low = fold_aligned(src[a:e])  # same length as the text: offsets carry over
    matches = list(_LABEL.finditer(low))
    if not matches or matches[0].start(1) != 0 or matches[0].start() != 0:
        return None
    out = Responsibility(start=s, end=e)
    for k, m in enumerate(matches):
        vs = a + m.end()
        ve = a + (matches[k + 1].start() if k + 1 < len(matches) else len(low))
        while ve > vs and src[ve - 1] in " \t\n;.,":
            ve -= 1
        if ve <= vs:
            continue
        role = _ROLE[" ".join(m.group(1).split())]
        out.fields.append(Field(role, src[a + m.start(1):a + m.end(1)], vs, ve))
        limit = _DEADLINE_CLAUSE.search(low, vs - a, ve - a) if role in ("lead", "support") else None
        if limit:  # "…; hoàn thành trong tháng 02": the field's units end at the ";", the clause is the limit
            out.fields[-1] = Field(role, out.fields[-1].label, vs, a + limit.start())
            out.fields.append(Field("deadline", src[a + limit.start("clause"):a + limit.end("clause")],
                                    a + limit.start("clause"), ve))
            ve = a + limit.start()
        if role in ("lead", "support"):
            names = _names(src, vs, ve, low[vs - a:ve - a], role, out)
            (out.leads if role == "lead" else out.supports).extend(n for n in names if n not in out.leads)
    if not out.fields:
        return None
    return out


def _names(src: str, vs: int, ve: int, folded: str, role: str, out: Responsibility) -> list[str]:
    """Units named in a lead or support field, clause by clause ("X chủ trì; Y phối hợp; Z giám sát")."""
    cuts = [k for k, c in enumerate(folded) if c == ";"]
    if not cuts:
        return _clause_names(src, vs, ve, folded, role, out)
    names: list[str] = []
    for a, z in zip([-1] + cuts, cuts + [len(folded)]):
        part = folded[a + 1:z]
        lead = len(part) - len(part.lstrip())
        names += [n for n in _clause_names(src, vs + a + 1 + lead, vs + z, part[lead:], role, out) if n not in names]
    return names


def _clause_names(src: str, vs: int, ve: int, folded: str, role: str, out: Responsibility) -> list[str]:
    """Units of one clause of a field. A unit with a verb after it says what it does there: "phối hợp" makes it
    support, "giám sát" is the Front's own task (not this one's), any other verb ("X lãnh đạo Y tổ chức thực
    hiện", "X hướng dẫn, kiểm tra") leaves X as the one who carries it."""
    toks = tokenize(src, vs, ve)
    end = scan_np(toks, 0) if toks else 0
    verb = fold(src[toks[end].start:ve]) if 0 < end < len(toks) else ""
    then = _LEAD_THEN_OTHERS.search(folded) or (role == "lead" and _LEAD_THEN_SUPPORT.search(folded))
    if verb and verb_len(toks, end, 0) and not (_FIELD_VERB.match(verb) and then):
        names = split_owners(toks, 0, end, src)
        if _SUPPORT_VERB.match(verb):
            out.supports.extend(n for n in names if n not in out.supports)
            return []
        return [] if _OWN_TASK_VERB.match(verb) else names
    m = _LEAD_THEN_OTHERS.search(folded)
    others: list[str] = []
    helped = _LEAD_THEN_SUPPORT.search(folded) if role == "lead" and not m else None
    if helped:  # "X chủ trì, phối hợp với Y, Z": Y and Z support
        out.supports.extend(n for n in _names(src, vs + helped.start(1), vs + helped.end(1),
                                              folded[helped.start(1):helped.end(1)], "support", out)
                            if n not in out.supports)
        ve = vs + helped.start()
        folded = folded[:helped.start()]
    if role == "lead" and m:
        others = _names(src, vs + m.start(1), vs + m.end(1), folded[m.start(1):m.end(1)], "support", out)
        if m.group("support"):
            out.supports.extend(others)
            others = []
        ve = vs + m.start()
        folded = folded[:m.start()]
    t = _TRAILING_VERB.search(folded)
    if t:
        ve = vs + t.start()
    while ve > vs and src[ve - 1] in " \t\n;.,":
        ve -= 1
    toks = tokenize(src, vs, ve)
    return (split_owners(toks, 0, len(toks), src) if toks else []) + others
