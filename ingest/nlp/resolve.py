"""Who carries a directive and by when, and where in the document each of these was read.

The pipeline walks the outline and gives every directive what its own sentence says; the rules here decide what
it takes from around it — the directive before it, the head of its paragraph, the heading or lead-in of its
item, a responsibility line after its group, a table column — and record where each owner and the deadline
came from as an *evidence* code ("leadin:2.a", "responsibility:Cơ quan chủ trì:3", "table:Cơ quan phối hợp"),
which ``describe`` turns into the words a clerk reads beside the proposal.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .classify import SentInfo, report_to_of
from .deadlines import TimeExpr, is_recurring, pick_deadline
from .lexicon import load_language
from .model import SENTENCE, OwnerMention, Proposal, quote
from .text import fold

PREVIOUS, PARAGRAPH = "previous", "paragraph"


def heading(path: str) -> str:
    return f"heading:{path}"


def leadin(path: str) -> str:
    return f"leadin:{path}"


def responsibility(label: str, path: str) -> str:
    return f"responsibility:{label}:{path}"


def column(label: str) -> str:
    return f"table:{label}"


_EVIDENCE = {kind: words[0] for kind, words in load_language("vi").table("resolve_evidence").items()}


def describe(code: str | None) -> str:
    """The evidence code in the words shown on the review page."""
    if not code:
        return ""
    kind, _, rest = code.partition(":")
    if kind in (SENTENCE, PREVIOUS, PARAGRAPH):
        return _EVIDENCE[kind]
    if kind in ("heading", "leadin"):
        return _EVIDENCE[f"{kind}_path"].format(path=rest) if rest else _EVIDENCE[kind]
    if kind == "responsibility":
        label, _, path = rest.partition(":")
        return _EVIDENCE["responsibility_path" if path else "responsibility"].format(label=label, path=path)
    if kind == "table":
        return _EVIDENCE["table_column"].format(column=rest) if rest else _EVIDENCE["table"]
    return code


@dataclass(frozen=True)
class Inherited:
    """A value a directive may take from its context, and where it stands."""
    value: Any  # owners [(name, role)] or a deadline (date, phrase as written)
    evidence: str


def owners_for(own: list[tuple[str, str]], *, continues: Inherited | None, paragraph: Inherited | None,
               context: Inherited | None) -> list[tuple[str, str, str]]:
    """(name, role, evidence) of a directive: its sentence's lead if it names one; else the directive it
    continues, the head of its paragraph, or its heading/lead-in (first that applies), plus the units the
    sentence itself names as support."""
    if any(r == "lead" for _, r in own):
        return [(n, r, SENTENCE) for n, r in own]
    source = continues or paragraph or context
    inherited = [(n, r, source.evidence) for n, r in source.value] if source else []
    names = {(n, r) for n, r, _ in inherited}
    return inherited + [(n, r, SENTENCE) for n, r in own if (n, r) not in names]


_YEARLY = re.compile(r"\b(?:hang|moi|tung) nam\b|\bdinh ky (?:hang |moi )?nam\b")


def keeps_inherited_deadline(text: str, inherited: dt.date | None) -> bool:
    """A task that repeats every year ("hằng năm", "định kỳ mỗi năm") is not bounded by the year-end limit of the
    list it stands in: one year's end cannot close a duty that comes back each year (a monthly report in a
    year's plan is bounded by the plan's year)."""
    if inherited is None:
        return False
    return not (inherited.month == 12 and inherited.day == 31 and _YEARLY.search(fold(text)))


def responsibility_covers(first_of_group: int, last_line: tuple[int, int] | None, now: int) -> tuple[int, int]:
    """Which directives (indices [a, b) of the list so far) a responsibility line speaks for: those of its group
    after the last such line; a line right after another one ("- Cơ quan chủ trì: …" then "- Thời gian: …")
    speaks for the same directives."""
    start = first_of_group
    if last_line is not None:
        if last_line[1] == now and last_line[0] < now:
            return last_line
        start = max(start, last_line[1])
    return (min(start, now), now)


# --- the rules that give a directive what it takes from where it stands

@dataclass(frozen=True)
class Around:
    """What stands around a directive that it may take its owners and deadline from."""
    previous: Proposal | None = None                       # the directive before it (same or previous block)
    paragraph_owners: list[tuple[str, str]] | None = None  # the head of its paragraph
    paragraph_deadline: tuple[dt.date, str] | None = None  # a time limit its paragraph set before it
    context_owners: Inherited | None = None                # the innermost heading or lead-in
    context_deadline: Inherited | None = None


def make_proposal(src: str, orig: str, s: int, e: int, info: SentInfo, own: list[tuple[str, str]],
                  dl: TimeExpr | None, around: Around) -> Proposal:
    """The directive ``src[s:e]`` with what its sentence says and, where it says nothing, what it inherits."""
    continues = None
    if info.cont and around.previous is not None:
        continues = Inherited([(o.name, o.role) for o in around.previous.owners], PREVIOUS)
    paragraph = Inherited(around.paragraph_owners, PARAGRAPH) if around.paragraph_owners else None
    owners = owners_for(own, continues=continues, paragraph=paragraph, context=around.context_owners)
    p = Proposal(text=quote(orig, src, s, e), start=s, end=e,
                 owners=[OwnerMention(n, r, source=ev) for n, r, ev in dedupe(owners)],
                 report_to=report_to_of(info, src), recurring=is_recurring(src[s:e]))
    inh = Inherited(around.paragraph_deadline, PARAGRAPH) if around.paragraph_deadline else around.context_deadline
    if dl is not None and not _narrowed(dl, inh.value if inh else None):
        p.deadline, p.deadline_phrase, p.deadline_source = dl.date, orig[s + dl.start:s + dl.end], "explicit"
        p.deadline_evidence = SENTENCE
    elif inh and keeps_inherited_deadline(src[s:e], inh.value[0]):
        p.deadline, p.deadline_phrase, p.deadline_source = inh.value[0], inh.value[1], "inherited"
        p.deadline_evidence = inh.evidence
    return p


def apply_responsibility(src: str, orig: str, resp, props: list[Proposal], evidence: str, dctx) -> None:
    """A responsibility line after a group gives its lead, support and time limit to the group's directives
    that name no lead of their own (and its time limit to those that state none)."""
    owners = [(n, "lead") for n in resp.leads] + [(n, "support") for n in resp.supports if n not in resp.leads]
    field = resp.deadline_field()
    dl = pick_deadline(src[field.start:field.end], dctx) if field else None
    recurring = field is not None and dl is None and is_recurring(src[field.start:field.end])
    for p in props:
        if owners and not any(o.role == "lead" and o.source == SENTENCE for o in p.owners):
            if not resp.leads:
                p.owners = p.owners + [OwnerMention(n, r, source=evidence) for n, r in owners
                                       if all(o.name != n for o in p.owners)]
            else:
                p.owners = [OwnerMention(n, r, source=evidence) for n, r in owners] + \
                    [o for o in p.owners if o.source == SENTENCE and o.role == "support" and
                     all(o.name != n for n, _ in owners)]
        if p.deadline_source == "explicit" and not (dl is not None and _narrowed_by(p.text, dl, dctx)):
            continue
        if dl is not None:
            p.deadline, p.deadline_source = dl.date, "inherited"
            p.deadline_phrase = orig[field.start + dl.start:field.start + dl.end]
            p.deadline_evidence = evidence
        elif recurring:
            p.recurring = True
            p.deadline = p.deadline_phrase = p.deadline_source = p.deadline_evidence = None


def _narrowed_by(text: str, limit: TimeExpr, dctx) -> bool:
    """"… phương án của cấp xã năm 2027." under "Thời gian hoàn thành: chậm nhất ngày 31/3/2027": the item's
    bare year says less than its group's limit."""
    own = pick_deadline(text, dctx)
    return own is not None and _narrowed(own, (limit.date,))


def _narrowed(dl: TimeExpr, inherited: tuple | None) -> bool:
    """A bare year in the item ("kế hoạch vốn năm 2026") says less than its list's frame inside that
    year ("Trong quý I/2026, tập trung:"): the frame is the item's time limit."""
    return dl.kind == "year" and dl.strength == 0 and inherited is not None and inherited[0] is not None and \
        dl.date is not None and inherited[0].year == dl.date.year and inherited[0] < dl.date


def dedupe(owners):
    seen = set()
    out = []
    for n, r, *rest in owners:
        k = (n.lower(), r)
        if k in seen:
            continue
        seen.add(k)
        out.append((n, r, *rest))
    return out
