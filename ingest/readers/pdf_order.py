"""Characters drawn out of reading order, put back where they stand on their line.

Word processors writing a PDF draw each line's run of one font, then the glyphs a fallback font supplied
(LibreOffice: "Ủ", "ố", "ỉ" from DejaVu when the body font lacks them). pdfminer builds lines from the order
characters are drawn, so those glyphs became lines of their own and "Ủy ban nhân dân tỉnh" read
"Y BAN NHÂN DÂN T NH" with "Ủ" and "Ỉ" below it. Pure: works on anything with ``x0 x1 y0 y1``.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

LOOKBACK = 2000  # characters searched back for the line a glyph belongs to


class Box(Protocol):
    x0: float
    x1: float
    y0: float
    y1: float


B = TypeVar("B", bound=Box)


def same_line(a: Box, b: Box) -> bool:
    """The two overlap vertically by at least half the smaller one's height."""
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap >= 0.5 * min(a.y1 - a.y0, b.y1 - b.y0) > 0


def reading_order(chars: Sequence[B]) -> list[B]:
    """`chars` in drawing order, except that a glyph drawn after its line, into a gap of that line wide
    enough to hold it, is moved into the gap. Everything else keeps its place: overprinted (fake bold)
    glyphs have no gap to go to, table cells and columns drawn one after another are not behind the line."""
    out: list[B] = []
    for ch in chars:
        at = _gap_for(out, ch)
        if at is None:
            out.append(ch)
        else:
            out.insert(at, ch)
    return out


def _gap_for(out: list[B], ch: B) -> int | None:
    """Where `ch` goes in `out`, if it belongs in a gap of the latest line it shares; None to append it."""
    last = next((i for i in range(len(out) - 1, max(-1, len(out) - 1 - LOOKBACK), -1) if same_line(out[i], ch)),
                None)
    if last is None or ch.x0 >= out[last].x0:
        return None
    width = ch.x1 - ch.x0
    j = last
    while j > 0 and same_line(out[j - 1], ch) and out[j - 1].x0 > ch.x0:
        j -= 1
    before = out[j - 1].x1 if j > 0 and same_line(out[j - 1], ch) else float("-inf")
    room = out[j].x0 - before
    return j if room >= 0.8 * width and ch.x1 <= out[j].x0 + 0.25 * width else None
