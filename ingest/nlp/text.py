"""Normalized copies of Vietnamese text for matching; the text as written is never changed."""
import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Old-style tone placement ("uỷ", "hoà", "thuỷ") → new style ("ủy", "hòa", "thủy").
_TONE_FIXES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
# Only at a syllable's end ("hoàn" is right either way) and not after "q" ("quý").
_TONE_RE = re.compile("(?<![qQ])(?:" + "|".join(_TONE_FIXES) + r")(?!\w)", re.IGNORECASE)


def _fix_tone(match: re.Match) -> str:
    found = match.group(0)
    fixed = _TONE_FIXES[found.lower()]
    return fixed.upper() if found.isupper() else (fixed[0].upper() + fixed[1:] if found[0].isupper() else fixed)


def normalize(text: str) -> str:
    """NFC, one tone-placement style, single spaces: a copy for matching."""
    text = unicodedata.normalize("NFC", text)
    text = _TONE_RE.sub(_fix_tone, text)
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower case without diacritics (đ → d): "Tỉnh uỷ" and "tinh uy" fold alike."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return _SPACES.sub(" ", text).strip()
