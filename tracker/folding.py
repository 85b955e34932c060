"""Normalized copies of Vietnamese text for matching; the text as written is never changed.

Pure Python (imports nothing from Django or ingest): the unit directory, the task search
and the extractor all fold text here, and importing it loads nothing else.

Two kinds of copies:

* ``fold`` / ``normalize`` return *new* strings (spaces collapsed) for comparing
  names — they are what the rest of the application stores and matches on.
* ``fold_aligned`` / ``lower_aligned`` return copies of exactly the same length
  as their input, character for character, so that a regex match on the copy
  gives offsets that are valid in the original text. The extractor searches
  these copies and slices the original.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
# Old-style tone placement ("uỷ", "hoà", "thuỷ") → new style ("ủy", "hòa", "thủy").
_TONE_FIXES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
# Only at a syllable's end ("hoàn" is right either way) and not after "q" ("quý").
_TONE_RE = re.compile("(?<![qQ])(?:" + "|".join(_TONE_FIXES) + r")(?!\w)", re.IGNORECASE)
_OLD_TONES = {new: old for old, new in _TONE_FIXES.items()}
# Letters that look like "Đ" but are not (Icelandic eth, African D): seen in real texts.
_D_LIKE = {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ɖ": "d", "Ɖ": "d"}


def _fix_tone(match: re.Match) -> str:
    found = match.group(0)
    fixed = _TONE_FIXES[found.lower()]
    return fixed.upper() if found.isupper() else (fixed[0].upper() + fixed[1:] if found[0].isupper() else fixed)


def old_tone(word: str) -> str:
    """A lower-case word in the old tone placement ("khóa" → "khoá"), as many texts still write it."""
    end = word[-2:]
    return word[:-2] + _OLD_TONES[end] if end in _OLD_TONES and not word[:-2].endswith("q") else word


def nfc(text: str) -> str:
    """NFC form (what offsets refer to when the input was decomposed)."""
    return unicodedata.normalize("NFC", text)


def normalize(text: str) -> str:
    """NFC, one tone-placement style, single spaces: a copy for matching."""
    text = unicodedata.normalize("NFC", text)
    text = _TONE_RE.sub(_fix_tone, text)
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower case without diacritics (đ → d): "Tỉnh uỷ" and "tinh uy" fold alike."""
    text = unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)
    return _SPACES.sub(" ", text).strip()


class _Table(dict):
    """A ``str.translate`` table filled on first use of each character."""

    def __init__(self, fn):
        super().__init__()
        self._fn = fn

    def __missing__(self, code: int) -> str:
        v = self[code] = self._fn(chr(code))
        return v


def _fold_char_free(c: str) -> str:
    """Folded form of one character: may be empty (a lone combining mark)."""
    if c in _D_LIKE:
        return "d"
    low = c.lower()
    out = unicodedata.normalize("NFD", low)
    out = "".join(ch for ch in out if unicodedata.category(ch) != "Mn")
    return out.replace("đ", "d").replace("ð", "d")


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    if c in _D_LIKE:
        return "d"
    low = c.lower()
    if len(low) != 1:
        low = c
    base = unicodedata.normalize("NFD", low)[0]
    if unicodedata.category(base) == "Mn":  # a lone combining mark
        return " "
    if base in _D_LIKE:
        return "d"
    return base


@lru_cache(maxsize=4096)
def _lower_char(c: str) -> str:
    low = c.lower()
    return low if len(low) == 1 else c


_FOLD_TABLE = _Table(_fold_char_free)
_FOLD_ALIGNED_TABLE = _Table(_fold_char)
_LOWER_ALIGNED_TABLE = _Table(_lower_char)


def fold_aligned(text: str) -> str:
    """Same length as ``text``: each character lower-cased and stripped of its marks."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_ALIGNED_TABLE)


def lower_aligned(text: str) -> str:
    """Same length as ``text``: each character lower-cased (diacritics kept)."""
    if text.isascii():
        return text.lower()
    return text.translate(_LOWER_ALIGNED_TABLE)
