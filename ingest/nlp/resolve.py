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

from .text import fold

SENTENCE, PREVIOUS, PARAGRAPH = "sentence", "previous", "paragraph"


def heading(path: str) -> str:
    return f"heading:{path}"


def leadin(path: str) -> str:
    return f"leadin:{path}"


def responsibility(label: str, path: str) -> str:
    return f"responsibility:{label}:{path}"


def column(label: str) -> str:
    return f"table:{label}"


def describe(code: str | None) -> str:
    """The evidence code in the words shown on the review page."""
    if not code:
        return ""
    kind, _, rest = code.partition(":")
    if kind == SENTENCE:
        return "nêu trong câu"
    if kind == PREVIOUS:
        return "kế thừa từ nhiệm vụ trước"
    if kind == PARAGRAPH:
        return "kế thừa từ đầu đoạn"
    if kind == "heading":
        return f"kế thừa từ mục {rest}" if rest else "kế thừa từ tiêu đề phần"
    if kind == "leadin":
        return f"kế thừa từ lời dẫn mục {rest}" if rest else "kế thừa từ lời dẫn"
    if kind == "responsibility":
        label, _, path = rest.partition(":")
        return f"từ dòng {label}" + (f" (mục {path})" if path else "")
    if kind == "table":
        return f"từ cột {rest}" if rest else "từ bảng"
    return code


@dataclass(frozen=True)
class Inherited:
    """A value a directive may take from its context, and where it stands."""
    value: object
    evidence: str


def owners_for(own: list[tuple[str, str]], *, continues: Inherited | None, paragraph: Inherited | None,
               context: Inherited | None) -> list[tuple[str, str, str]]:
    """(name, role, evidence) of a directive: its sentence's lead if it names one; else the directive it
    continues, the head of its paragraph, or its heading/lead-in (first that applies), plus the units the
    sentence itself names as support."""
    if any(r == "lead" for _, r in own):
        return [(n, r, SENTENCE) for n, r in own]
    source = continues or paragraph or context
    inherited = [(n, r, source.evidence) for n, r in (source.value if source else [])]
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
