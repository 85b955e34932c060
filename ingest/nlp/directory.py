"""Resolving owner mentions ("các cấp uỷ", "Ban cán sự đảng UBND tỉnh") to unit ids."""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Iterable

from .lexicon import cue_regex, load_language, written_pattern
from .text import fold

# Abbreviations expanded on both sides before comparing (folded forms).
ABBREVIATIONS = {fold(abbreviation): fold(name) for name, abbreviations in
                 load_language("vi").table("directory_abbreviations").items() for abbreviation in abbreviations}
_LEADING = cue_regex(r"^(?:(?:{directory_leading})\s+)+")
_LIST_SEP = re.compile(r"\s*,\s*|\s+(?:" + written_pattern("directory_and") + r")\s+", re.IGNORECASE)
# "UBND các xã, phường có rừng", "… bị ảnh hưởng bởi mưa lũ": a qualified part of a group names the group
_QUALIFIER = cue_regex(r"\s+(?!{directory_not_qualifiers})(?:{directory_qualifiers})\b.*$")
_PROVINCE_NAMED = cue_regex(r"\s+({directory_province_words})\s+[a-z ]+$")


def canonical(mention: str) -> str:
    """Folded, abbreviations expanded, leading "các"/"đồng chí" and trailing punctuation dropped."""
    f = fold(mention or "")
    f = re.sub(r"\s*\([^)]*\)", "", f)
    words = []
    for w in re.findall(r"[\w&]+(?:[&\-][\w&]+)*", f):
        words.append(ABBREVIATIONS.get(w, w))
    f = " ".join(words)
    f = _LEADING.sub("", f).strip()
    return f


class UnitDirectory:
    """Resolves owner mentions to unit ids: names/aliases/abbreviations matched after folding."""

    def __init__(self, entries: Iterable[tuple[int, Iterable[str]]]):
        self._exact: dict[str, int | None] = {}
        self._canon: dict[str, int | None] = {}
        for unit_id, names in entries:
            for name in names:
                if not name:
                    continue
                for table, keyf in ((self._exact, fold), (self._canon, canonical)):
                    k = keyf(name)
                    if not k:
                        continue
                    if k in table and table[k] != unit_id:
                        table[k] = None  # ambiguous: two units share it
                    else:
                        table.setdefault(k, unit_id)

    def resolve(self, mention: str) -> int | None:
        if not mention:
            return None
        k = fold(mention).strip(" .,;:")
        if k in self._exact and self._exact[k] is not None:
            return self._exact[k]
        c = canonical(mention)
        if c in self._canon:
            return self._canon[c]
        # "Ban Tổ chức Tỉnh ủy" vs "Ban Tổ chức Tỉnh uỷ (BTC)"… and "UBND tỉnh X" where X is the province name.
        c2 = _PROVINCE_NAMED.sub(r" \1", c)
        if c2 != c and c2 in self._canon:
            return self._canon[c2]
        if " cac " in f" {fold(mention)} ":
            c3 = _QUALIFIER.sub("", c)
            if c3 != c and self._canon.get(c3) is not None:
                return self._canon[c3]
        # "các xã, phường": a list whose every item names the same unit (group) names that unit
        parts = [p for p in _LIST_SEP.split(mention) if p.strip()]
        if len(parts) > 1:
            ids = {self.resolve(p) for p in parts}
            if len(ids) == 1:
                return ids.pop()
        return None

    def __len__(self) -> int:
        return len({v for v in self._canon.values() if v is not None})

    def closest(self, mention: str, n: int = 3, cutoff: float = 0.6) -> list[int]:
        """Ids of the units whose names read most like a mention that resolves to none (for the office to
        pick from): the same unit type first, then by similarity of the canonical names."""
        c = canonical(mention)
        if not c:
            return []
        kind = unit_type(mention)
        scored: dict[int, float] = {}
        for name, unit_id in self._canon.items():
            if unit_id is None:
                continue
            score = difflib.SequenceMatcher(None, c, name).ratio() + (0.1 if kind and unit_type(name) == kind else 0)
            if score >= cutoff and score > scored.get(unit_id, 0):
                scored[unit_id] = score
        return [u for u, _ in sorted(scored.items(), key=lambda kv: -kv[1])[:n]]


def _type_pattern(entry: str) -> str:
    """One entry of the grammar of unit types as a regex over a canonical name: "…" is a name's words, and
    an entry that goes on after it must end the name."""
    words = [r"[a-z ,]+" if w == "…" else re.escape(fold(w)) for w in entry.split()]
    tail = "" if words[-1] == r"[a-z ,]+" else "$" if r"[a-z ,]+" in words else r"\b"
    return " ".join(words) + tail


# The grammar of unit types (lang/vi/directory.toml), in its order: the first type that matches wins.
_VI = load_language("vi")
_UNIT_TYPES = tuple((label, re.compile("|".join(f"(?:{_type_pattern(x)})" for x in entries)))
                    for label, entries in [*_VI.table("directory_unit_types").items(),
                                           (_VI.written["directory_unit_type_fallback_label"][0],
                                            _VI.written["directory_unit_type_fallback"])])


@lru_cache(maxsize=4096)  # a pure function of the name; owner names recur across a document
def unit_type(mention: str) -> str | None:
    """The type of unit a mention names by the grammar of unit types ("Thuế tỉnh" → "Thuế", "Phòng Kinh tế" →
    "Phòng chuyên môn cấp xã"), or None when it follows none (a person, a group of people, a thing)."""
    c = canonical(mention)
    return next((label for label, rx in _UNIT_TYPES if rx.match(c)), None)
