"""What the extractor proposes: a communiqué's metadata and its directives, each with owners and a deadline and
the evidence of where each was read (codes explained by ``resolve.describe``)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

SENTENCE = "sentence"  # evidence: read in the directive's own sentence


@dataclass(frozen=True)
class OwnerMention:
    name: str
    role: str  # "lead" | "support"
    unit_id: int | None = None
    source: str = SENTENCE  # where it was read (an evidence code, see ``resolve.describe``)
    unit_type: str | None = None    # the kind of unit the name is by the grammar of unit types ("Sở", "Đảng ủy")

    @property
    def kind(self) -> str:
        """How the owner was recognised: a unit of the directory, a unit by its type only, or neither."""
        return "directory" if self.unit_id else ("type" if self.unit_type else "unknown")


@dataclass
class Proposal:
    text: str
    start: int
    end: int
    owners: list[OwnerMention] = field(default_factory=list)
    report_to: str | None = None
    report_to_unit_id: int | None = None
    deadline: dt.date | None = None
    deadline_phrase: str | None = None
    deadline_source: str | None = None   # "explicit" | "inherited" | None
    deadline_evidence: str | None = None  # where the deadline was read (an evidence code)
    recurring: bool = False


@dataclass
class Extraction:
    title: str | None = None
    issuer: str | None = None
    number: str | None = None
    meeting_date: dt.date | None = None   # the meeting's date; the document's own when it reports none
    province: str | None = None
    directives: list[Proposal] = field(default_factory=list)
    issue_date: dt.date | None = None     # the date the document bears ("…, ngày … tháng … năm …")
    meeting_reported: bool = False        # the text itself dates a meeting (else meeting_date is issue_date)

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "issuer": self.issuer,
            "number": self.number,
            "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
            "province": self.province,
            "issue_date": self.issue_date.isoformat() if self.issue_date else None,
            "meeting_reported": self.meeting_reported,
            "directives": [
                {
                    "text": p.text, "start": p.start, "end": p.end,
                    "owners": [{"name": o.name, "unit": o.unit_id, "role": o.role, "source": o.source,
                                "kind": o.kind, "unit_type": o.unit_type} for o in p.owners],
                    "report_to": p.report_to,
                    "deadline": p.deadline.isoformat() if p.deadline else None,
                    "deadline_phrase": p.deadline_phrase,
                    "deadline_source": p.deadline_source,
                    "deadline_evidence": p.deadline_evidence,
                    "recurring": p.recurring,
                }
                for p in self.directives
            ],
        }


_PAGE_GAP = re.compile(r"[ \t]*\n\s*\n\s*")


def quote(orig: str, src: str, s: int, e: int) -> str:
    """The directive as written; a sentence that runs over a page break leaves out the page number and
    running header between its halves (`src` has them blanked), which no one wrote into the task."""
    if src[s:e] == orig[s:e]:
        return orig[s:e]
    return _PAGE_GAP.sub("\n", src[s:e])
