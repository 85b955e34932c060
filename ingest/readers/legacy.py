"""Legacy Vietnamese 8-bit font encodings -> Unicode.

Two encodings still circulate in provincial offices:

* **TCVN3 / ABC** (TCVN 5712:1993, "VN3" subset; fonts ``.VnTime``,
  ``.VnArial`` ...).  A single-byte table: each Vietnamese letter is one byte in
  0xA1-0xFE.  VN3 only has the 67 lowercase precomposed letters plus the 7
  uppercase base letters Ă Â Ê Ô Ơ Ư Đ; uppercase letters *with tone* are shown
  by switching to the ``...H`` fonts (``.VnTimeH``), which draw the lowercase
  codes as capitals.  (The full TCVN 5712 "VN1" table adds the 67 uppercase
  toned letters in the C0/C1 control ranges for 134 precomposed letters in all;
  those positions are not used by ABC fonts in practice and are not decoded
  here.)
* **VNI** (VNI-Windows; fonts ``VNI-Times``, ``VNI-Helve`` ...).  A letter is a
  base ASCII vowel followed by a modifier byte (``a`` + ``ù`` = á,
  ``a`` + ``á`` = ấ ...), plus a few single bytes (``ñ`` = đ, ``ô`` = ơ,
  ``ö`` = ư, ``í ì æ ó ò`` = í ì ỉ ĩ ị, ``î`` = ỵ).

Both are "font hacks" over Windows-1252: a file holds cp1252 bytes, a .docx
holds the cp1252 characters of those bytes.  All functions here therefore work
on ``str`` whose characters are the cp1252 decoding of the legacy bytes;
:func:`legacy_bytes_to_str` makes such a string from raw bytes.

The tables below were written from the TCVN 5712 / VNI-Windows code charts and
cross-checked against Unikey's conversion tables.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

# Tone order used by every table in this module.
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
#        none  sắc       huyền     hỏi       ngã       nặng
TONE_MARKS = frozenset(TONES[1:])

# ---------------------------------------------------------------------------
# TCVN3 (ABC, VN3)
# ---------------------------------------------------------------------------
# base vowel -> byte for (no tone, sắc, huyền, hỏi, ngã, nặng);
# None = the plain ASCII letter itself.
_TCVN3_VOWELS: dict[str, tuple[int | None, int, int, int, int, int]] = {
    "a": (None, 0xB8, 0xB5, 0xB6, 0xB7, 0xB9),
    "ă": (0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6),
    "â": (0xA9, 0xCA, 0xC7, 0xC8, 0xC9, 0xCB),
    "e": (None, 0xD0, 0xCC, 0xCE, 0xCF, 0xD1),
    "ê": (0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6),
    "i": (None, 0xDD, 0xD7, 0xD8, 0xDC, 0xDE),
    "o": (None, 0xE3, 0xDF, 0xE1, 0xE2, 0xE4),
    "ô": (0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9),
    "ơ": (0xAC, 0xED, 0xEA, 0xEB, 0xEC, 0xEE),
    "u": (None, 0xF3, 0xEF, 0xF1, 0xF2, 0xF4),
    "ư": (0xAD, 0xF8, 0xF5, 0xF6, 0xF7, 0xF9),
    "y": (None, 0xFD, 0xFA, 0xFB, 0xFC, 0xFE),
}
_TCVN3_OTHER: dict[int, str] = {
    0xAE: "đ",
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
}


def _compose(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + tone)


def _build_tcvn3() -> dict[int, str]:
    table: dict[int, str] = {}
    for base, codes in _TCVN3_VOWELS.items():
        for code, tone in zip(codes, TONES):
            if code is None:
                continue
            assert code not in table, hex(code)
            table[code] = _compose(base, tone)
    for code, ch in _TCVN3_OTHER.items():
        assert code not in table, hex(code)
        table[code] = ch
    return table


#: TCVN3 byte -> Unicode letter (74 entries: 67 lowercase + 7 uppercase).
TCVN3_TO_UNICODE: dict[int, str] = _build_tcvn3()
#: Unicode letter -> TCVN3 byte (inverse of the above).
UNICODE_TO_TCVN3: dict[str, int] = {v: k for k, v in TCVN3_TO_UNICODE.items()}
# str.translate table working on cp1252 characters (0xA1-0xFE == U+00A1-U+00FE).
_TCVN3_TRANSLATE = {code: ch for code, ch in TCVN3_TO_UNICODE.items()}
# Word stores characters of "symbol" fonts in the private use area U+F0xx.
_TCVN3_TRANSLATE.update({0xF000 + code: ch for code, ch in TCVN3_TO_UNICODE.items()})


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 (cp1252 characters) to Unicode NFC."""
    return unicodedata.normalize("NFC", text.translate(_TCVN3_TRANSLATE))


def _cp1252_low_byte(ch: str) -> int | None:
    """cp1252 byte 0x80-0x9F for punctuation like “ ” – • … (same in both
    legacy encodings), else None."""
    try:
        b = ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        return None
    return b if 0x80 <= b < 0xA0 else None


def encode_tcvn3(text: str, *, fold_case: bool = True) -> bytes:
    """Unicode -> TCVN3 bytes (the inverse table).

    VN3 has no uppercase toned letters; with ``fold_case`` they are written with
    the lowercase code (what Unikey does, relying on a ``...H`` font);
    otherwise :class:`ValueError` is raised.
    """
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in UNICODE_TO_TCVN3:
            out.append(UNICODE_TO_TCVN3[ch])
        elif ord(ch) < 0x80:
            out.append(ord(ch))
        elif fold_case and ch.lower() in UNICODE_TO_TCVN3:
            out.append(UNICODE_TO_TCVN3[ch.lower()])
        elif (b := _cp1252_low_byte(ch)) is not None:
            out.append(b)
        else:
            raise ValueError(f"character {ch!r} has no TCVN3 code")
    return bytes(out)


# ---------------------------------------------------------------------------
# VNI (VNI-Windows)
# ---------------------------------------------------------------------------
# modifier characters, lowercase form; the uppercase form is .upper()
# (all are Latin-1 letters whose case pairs differ by 0x20).
_VNI_TONE_MODS = ("", "ù", "ø", "û", "õ", "ï")      # on a e o u y ơ ư
_VNI_CIRC_MODS = ("â", "á", "à", "å", "ã", "ä")     # â ê ô + tone
_VNI_BREVE_MODS = ("ê", "é", "è", "ú", "ü", "ë")    # ă + tone
# single-character letters
_VNI_SINGLE_LOWER: dict[str, str] = {
    "ñ": "đ",
    "ô": "ơ",
    "ö": "ư",
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
}


def _build_vni() -> tuple[dict[str, str], dict[str, str]]:
    """Return (pairs, singles): legacy sequence -> Unicode letter."""
    pairs: dict[str, str] = {}
    singles: dict[str, str] = {}

    def add_pair(legacy_base_lower: str, mods: tuple[str, ...],
                 uni_base_lower: str) -> None:
        for mod, tone in zip(mods, TONES):
            if not mod:
                continue
            uni = _compose(uni_base_lower, tone)
            for upper in (False, True):
                b = legacy_base_lower.upper() if upper else legacy_base_lower
                u = uni.upper() if upper else uni
                # the modifier may come in either case (mixed-case typing,
                # uppercase text in a lowercase font and vice versa)
                for m in {mod, mod.upper()}:
                    key = b + m
                    assert pairs.get(key, u) == u, key
                    pairs[key] = u

    for v in "aeouy":
        add_pair(v, _VNI_TONE_MODS, v)
    add_pair("a", _VNI_CIRC_MODS, "â")
    add_pair("e", _VNI_CIRC_MODS, "ê")
    add_pair("o", _VNI_CIRC_MODS, "ô")
    add_pair("a", _VNI_BREVE_MODS, "ă")
    add_pair("ô", _VNI_TONE_MODS, "ơ")
    add_pair("ö", _VNI_TONE_MODS, "ư")
    for leg, uni in _VNI_SINGLE_LOWER.items():
        singles[leg] = uni
        singles[leg.upper()] = uni.upper()
    return pairs, singles


VNI_PAIRS, VNI_SINGLES = _build_vni()
_VNI_ALL = {**VNI_SINGLES, **VNI_PAIRS}

# Fast decoder.  In VNI text a modifier byte only ever follows the letter it
# modifies, so each modifier can be turned into combining marks independently
# and NFC composes them with the preceding letter ("a" + "á" -> a + U+0302 +
# U+0301 -> "ấ").  The pair table above stays the reference; the tests check
# that both agree on every entry.
def _build_vni_translate() -> dict[int, str]:
    table: dict[int, str] = {}
    for mods, prefix in ((_VNI_TONE_MODS, ""), (_VNI_CIRC_MODS, "\u0302"),
                         (_VNI_BREVE_MODS, "\u0306")):
        for mod, tone in zip(mods, TONES):
            if not mod:
                continue
            for m in (mod, mod.upper()):
                table[ord(m)] = prefix + tone
    for leg, uni in VNI_SINGLES.items():
        assert ord(leg) not in table, leg
        table[ord(leg)] = uni
    # Word keeps characters of some legacy fonts in the private use area
    for code in range(0x20, 0x100):
        table.setdefault(0xF000 + code, table.get(code, chr(code)))
    return table


_VNI_TRANSLATE = _build_vni_translate()

# Unicode -> VNI sequence (canonical: lowercase base + lowercase modifier,
# uppercase base + uppercase modifier, as VNI keyboards produce)
UNICODE_TO_VNI: dict[str, str] = {}
for _k, _v in _VNI_ALL.items():
    if len(_k) == 2 and _k[0].isupper() != _k[1].isupper():
        continue
    UNICODE_TO_VNI.setdefault(_v, _k)
del _k, _v


def vni_to_unicode(text: str) -> str:
    """Convert VNI (cp1252 characters) to Unicode NFC."""
    return unicodedata.normalize("NFC", text.translate(_VNI_TRANSLATE))


def encode_vni(text: str) -> bytes:
    """Unicode -> VNI-Windows bytes (the inverse table)."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in UNICODE_TO_VNI:
            out.append(UNICODE_TO_VNI[ch])
        elif ord(ch) < 0x80 or _cp1252_low_byte(ch) is not None:
            out.append(ch)
        else:
            raise ValueError(f"character {ch!r} has no VNI code")
    return "".join(out).encode("cp1252")


# ---------------------------------------------------------------------------
# Windows-1258 helpers
# ---------------------------------------------------------------------------
def encode_cp1258(text: str) -> bytes:
    """Unicode -> Windows-1258 the way Windows writes it.

    cp1258 has the base letters (â ê ô ơ ư ă đ and some toned Latin-1 letters)
    but most tones only as combining marks, so each letter that has no code of
    its own is written as base letter + combining tone mark.
    """
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in TONE_MARKS)
        base = unicodedata.normalize(
            "NFC", "".join(c for c in decomposed if c not in TONE_MARKS)
        )
        out += (base + tones).encode("cp1258")  # raises if really impossible
    return bytes(out)


def _cp1252_char(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(b)


_TCVN3_CHARMAP = "".join(TCVN3_TO_UNICODE.get(b, _cp1252_char(b)) for b in range(256))
_VNI_CHARMAP = {b: _cp1252_char(b).translate(_VNI_TRANSLATE) for b in range(256)}


def decode_tcvn3_bytes(data: bytes) -> str:
    """TCVN3 file bytes -> Unicode NFC (bytes outside the table read as cp1252)."""
    return unicodedata.normalize("NFC", codecs.charmap_decode(data, "strict", _TCVN3_CHARMAP)[0])


def decode_vni_bytes(data: bytes) -> str:
    """VNI file bytes -> Unicode NFC."""
    text = codecs.charmap_decode(data, "strict", _VNI_CHARMAP)[0]
    return unicodedata.normalize("NFC", text)


def legacy_bytes_to_str(data: bytes) -> str:
    """Bytes of a legacy-font file -> the cp1252 characters a font would see.

    Bytes undefined in cp1252 (0x81 0x8D 0x8F 0x90 0x9D) map to U+0081 ...
    so that nothing is lost.
    """
    return data.decode("cp1252", errors="legacy_latin1")


def _latin1_fallback(exc: UnicodeError):
    if isinstance(exc, UnicodeDecodeError):
        bad = exc.object[exc.start:exc.end]
        return bad.decode("latin-1"), exc.end
    raise exc


codecs.register_error("legacy_latin1", _latin1_fallback)


# ---------------------------------------------------------------------------
# Is this Vietnamese?  A syllable validator used to score candidate decodings.
# ---------------------------------------------------------------------------
_NUCLEI = sorted(
    """a ă â e ê i o ô ơ u ư y
    ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uă ue uê ui uô uơ
    uy ưa ưi ươ ưu yê
    iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu""".split(),
    key=len,
    reverse=True,
)
_SYLLABLE_RE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?:" + "|".join(_NUCLEI) + r")"
    r"(?:ch|ng|nh|[cmnpt])?"
)
# separators: whitespace, ASCII punctuation/digits and common typographic marks
_TOKEN_SPLIT_RE = re.compile(r"[\s!-@\[-`{-~\u2010-\u2027\u00ab\u00bb]+")


_ACRONYM_RE = re.compile("[A-ZĐ]{2,8}")


def is_vietnamese_syllable(token: str) -> bool:
    """True if ``token`` (one word) is a well-formed Vietnamese syllable
    (or an acronym such as "HĐND")."""
    if _ACRONYM_RE.fullmatch(token):
        return True
    decomposed = unicodedata.normalize("NFD", token.lower())
    n_tones = 0
    last_base = ""
    for c in decomposed:
        if c in TONE_MARKS:
            # a tone sits on a vowel ("ñ" is n + tilde, not a tone)
            if last_base not in "aeiouy" or not last_base:
                return False
            n_tones += 1
        elif not unicodedata.combining(c):
            last_base = c
    if n_tones > 1:
        return False
    base = unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if c not in TONE_MARKS)
    )
    return _SYLLABLE_RE.fullmatch(base) is not None


@dataclass(frozen=True)
class Score:
    tokens: int      # words that contain a non-ASCII character
    valid: int       # ... of which are valid Vietnamese syllables

    @property
    def ratio(self) -> float:
        return self.valid / self.tokens if self.tokens else 0.0


_SAMPLE_CHARS = 200_000


def _sample(text: str) -> str:
    if len(text) <= _SAMPLE_CHARS:
        return text
    third = _SAMPLE_CHARS // 3
    mid = len(text) // 2
    return "\n".join(
        (text[:third], text[mid - third // 2: mid + third // 2], text[-third:])
    )


def score_vietnamese(text: str) -> Score:
    """How much of the non-ASCII vocabulary of ``text`` is valid Vietnamese."""
    tokens = valid = 0
    for tok in _TOKEN_SPLIT_RE.split(_sample(text)):
        if not tok or tok.isascii():
            continue
        tokens += 1
        if is_vietnamese_syllable(tok):
            valid += 1
    return Score(tokens, valid)


# ---------------------------------------------------------------------------
# Detection on text
# ---------------------------------------------------------------------------
LEGACY_LABELS = {
    "tcvn3": "TCVN3 (ABC, phông .VnTime)",
    "vni": "VNI (phông VNI-Times)",
}
CONVERTERS = {"tcvn3": tcvn3_to_unicode, "vni": vni_to_unicode}

_LEGACY_CHARS_RE = re.compile("[\u00a1-\u00fe\uf0a1-\uf0fe]")

CONFIDENT = 0.8     # share of valid syllables needed to convert automatically
MARGIN = 0.25       # ... and by how much it must beat the text as it is
MIN_VALID = 2       # ... and at least this many valid words


@dataclass
class LegacyGuess:
    encoding: str | None          # "tcvn3" | "vni" | None (text is fine as is)
    text: str                     # converted text (or the input)
    unsure: bool = False          # legacy characters found but no safe decision
    candidate: str | None = None  # best legacy guess when unsure
    scores: dict | None = None


def guess_legacy(text: str) -> LegacyGuess:
    """Decide whether Unicode ``text`` is really TCVN3/VNI shown as cp1252.

    Keys on: (1) presence of cp1252 characters in U+00A1-U+00FE (what legacy
    bytes look like once read as Unicode); (2) the share of non-ASCII words that
    are valid Vietnamese syllables as is, after TCVN3 conversion and after VNI
    conversion.  Converts only if one conversion is clearly Vietnamese and the
    original is clearly not.
    """
    sample = _sample(text)
    legacy_chars = len(_LEGACY_CHARS_RE.findall(sample))
    if legacy_chars == 0:
        return LegacyGuess(None, text)
    as_is = score_vietnamese(sample)
    # Real Unicode Vietnamese: letters that exist in no legacy cp1252 form.
    if as_is.tokens and as_is.ratio >= CONFIDENT:
        return LegacyGuess(None, text)
    scores = {"unicode": as_is}
    for name, conv in CONVERTERS.items():
        scores[name] = score_vietnamese(conv(sample))
    best = max(("tcvn3", "vni"), key=lambda n: (scores[n].ratio, scores[n].valid))
    other = "vni" if best == "tcvn3" else "tcvn3"
    b = scores[best]
    if (
        b.ratio >= CONFIDENT
        and b.valid >= MIN_VALID
        and b.ratio >= as_is.ratio + MARGIN
        and b.ratio >= scores[other].ratio + 0.1
    ):
        return LegacyGuess(best, CONVERTERS[best](text), scores=scores)
    # Unsure: legacy-looking, the conversion helps but not enough to trust.
    if (
        b.tokens >= 3
        and b.ratio >= 0.4
        and b.ratio > as_is.ratio + 0.1
        and legacy_chars >= 3
    ):
        return LegacyGuess(None, text, unsure=True, candidate=best, scores=scores)
    return LegacyGuess(None, text, scores=scores)


# ---------------------------------------------------------------------------
# Fonts (for .docx / html)
# ---------------------------------------------------------------------------
def font_encoding(font_name: str | None) -> str | None:
    """'tcvn3' for .VnTime/.VnArial/... fonts, 'vni' for VNI-* fonts, else None."""
    if not font_name:
        return None
    name = font_name.strip().strip("'\"").lower()
    if name.startswith(".vn") or name.startswith("vn3-"):
        return "tcvn3"
    if name.startswith("vni-") or name.startswith("vni "):
        return "vni"
    return None


def is_uppercase_font(font_name: str | None) -> bool:
    """TCVN3 '...H' fonts (.VnTimeH, .VnArialH) draw every letter as a capital."""
    if not font_name or font_encoding(font_name) != "tcvn3":
        return False
    name = font_name.strip().strip("'\"")
    return name.endswith("H")  # .VnTimeH, .VnArialH, .VnAvantH ...
