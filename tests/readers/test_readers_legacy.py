"""TCVN3 / VNI / cp1258 tables and detection."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.readers import ReadError, read_document
from ingest.readers import legacy as L

# All 67 lowercase Vietnamese letters that are not plain ASCII, plus the ASCII
# vowels they build on.
VOWELS = "aăâeêioôơuưy"
LOWER = sorted({unicodedata.normalize("NFC", v + t) for v in VOWELS for t in L.TONES} | {"đ"})
UPPER = sorted(ch.upper() for ch in LOWER)
NON_ASCII_LOWER = [c for c in LOWER if not c.isascii()]

# The TCVN3 (ABC) chart 0xA1-0xFE, written out independently of the
# structured table in legacy.py ("." = position not used by VN3).
TCVN3_CHART = {
    0xA1: "ĂÂÊÔƠƯĐăâêôơưđ",
    0xB5: "àảãáạ.ằẳẵắ",
    0xC6: "ặầẩẫấậè.ẻẽéẹềểễếệìỉ...ĩíịò.ỏõóọồổỗốộờởỡớợù.ủũúụừửữứựỳỷỹýỵ",
}

PHRASES = {
    # unicode: (TCVN3 as cp1252 text, VNI as cp1252 text)
    "Ban Thường vụ Tỉnh ủy": ("Ban Th\u00adêng vô TØnh ñy", "Ban Thöôøng vuï Tænh uûy"),
    "Hội đồng nhân dân": ("Héi ®ång nh©n d©n", "Hoäi ñoàng nhaân daân"),
    "Quyết định": ("QuyÕt ®Þnh", "Quyeát ñònh"),
    "Nghị quyết": ("NghÞ quyÕt", "Nghò quyeát"),
    "Đảng": ("§¶ng", "Ñaûng"),
    "Tỉnh ủy": ("TØnh ñy", "Tænh uûy"),
}


def test_alphabet_has_134_letters():
    assert len(NON_ASCII_LOWER) + len(UPPER) - sum(c.isascii() for c in UPPER) == 134


def test_tcvn3_table_matches_published_chart():
    expected = {}
    for start, chars in TCVN3_CHART.items():
        for i, ch in enumerate(chars):
            if ch != ".":
                expected[start + i] = ch
    assert L.TCVN3_TO_UNICODE == expected
    assert len(L.TCVN3_TO_UNICODE) == 74  # 67 lowercase + Ă Â Ê Ô Ơ Ư Đ


@pytest.mark.parametrize("unicode_text", sorted(PHRASES))
def test_known_phrases_tcvn3(unicode_text):
    tcvn3, _ = PHRASES[unicode_text]
    assert L.encode_tcvn3(unicode_text).decode("cp1252").lower() == tcvn3.lower()
    assert L.tcvn3_to_unicode(tcvn3) == unicode_text


@pytest.mark.parametrize("unicode_text", sorted(PHRASES))
def test_known_phrases_vni(unicode_text):
    _, vni = PHRASES[unicode_text]
    assert L.encode_vni(unicode_text).decode("cp1252") == vni
    assert L.vni_to_unicode(vni) == unicode_text


def test_vni_full_alphabet_round_trip():
    alphabet = "".join(LOWER + UPPER)
    encoded = L.encode_vni(alphabet)
    assert L.vni_to_unicode(L.legacy_bytes_to_str(encoded)) == alphabet
    # every non-ASCII letter has its own code
    assert all(ch in L.UNICODE_TO_VNI for ch in NON_ASCII_LOWER)
    assert len(L.UNICODE_TO_VNI) == 134


def test_tcvn3_full_alphabet_round_trip():
    alphabet = "".join(LOWER) + "ĂÂÊÔƠƯĐ"
    encoded = L.encode_tcvn3(alphabet)
    assert L.tcvn3_to_unicode(L.legacy_bytes_to_str(encoded)) == alphabet
    # one byte per non-ASCII letter, all distinct
    codes = [L.UNICODE_TO_TCVN3[c] for c in NON_ASCII_LOWER]
    assert len(set(codes)) == len(codes) == 67


def test_tcvn3_uppercase_toned_letters_fold_to_lowercase_codes():
    assert L.encode_tcvn3("ỦY") == L.encode_tcvn3("ủY")
    with pytest.raises(ValueError):
        L.encode_tcvn3("Ủ", fold_case=False)


def test_vni_accepts_mixed_case_modifiers():
    assert L.vni_to_unicode("AÙ aÙ Aù") == "Á á Á"
    assert L.vni_to_unicode("î Î") == "ỵ Ỵ"  # ỵ is the single byte 0xEE


_viet_text = st.text(
    alphabet=st.sampled_from(LOWER + UPPER + list("bcdghklmnpqrstvx BCDGHT.,;:-()0123456789\n")),
    max_size=80,
)


@settings(max_examples=200, deadline=None)
@given(_viet_text)
def test_vni_round_trip_property(text):
    assert L.vni_to_unicode(L.legacy_bytes_to_str(L.encode_vni(text))) == text


@settings(max_examples=200, deadline=None)
@given(_viet_text)
def test_tcvn3_round_trip_property(text):
    # VN3 has no uppercase toned letters: compare case-folded
    back = L.tcvn3_to_unicode(L.legacy_bytes_to_str(L.encode_tcvn3(text)))
    assert back.lower() == text.lower()
    assert len(back) == len(text)


@settings(max_examples=200, deadline=None)
@given(_viet_text)
def test_cp1258_round_trip_property(text):
    data = L.encode_cp1258(text)
    assert unicodedata.normalize("NFC", data.decode("cp1258")) == text


def test_cp1258_uses_combining_tones():
    data = L.encode_cp1258("Việt")
    # ê is a cp1258 letter (0xEA); the dot below is the combining byte 0xF2
    assert data == b"Vi\xea\xf2t"


@pytest.mark.parametrize(
    "word,ok",
    [("người", True), ("uỷ", True), ("ủy", True), ("nghiêng", True), ("quyết", True),
     ("khuyến", True), ("HĐND", True), ("gì", True),
     ("th\u00adêng", False), ("tØnh", False), ("ñy", False), ("viêịt", False),
     ("café", False), ("hoáả", False)],
)
def test_syllable_validator(word, ok):
    assert L.is_vietnamese_syllable(word) is ok


def test_guess_legacy_detects_each_encoding():
    sentence = "Ban Thường vụ Tỉnh ủy đã họp và thống nhất ban hành Nghị quyết của Đảng bộ"
    tcvn3 = L.encode_tcvn3(sentence).decode("cp1252")
    vni = L.encode_vni(sentence).decode("cp1252")
    g = L.guess_legacy(tcvn3)
    assert (g.encoding, g.text) == ("tcvn3", sentence)
    g = L.guess_legacy(vni)
    assert (g.encoding, g.text) == ("vni", sentence)
    g = L.guess_legacy(sentence)
    assert g.encoding is None and g.text == sentence
    g = L.guess_legacy("Le café de la gare, très sympa, déjà vu.")
    assert g.encoding is None and not g.unsure


def test_unsure_legacy_text_is_refused_naming_the_encoding():
    good = L.encode_tcvn3("Tỉnh ủy họp bàn về công tác").decode("cp1252")
    noise = " ".join(["ø¥þ", "µµµ", "§§ñ", "¤¤¤", "ÞÞ", "æøå", "×÷"])
    with pytest.raises(ReadError) as exc:
        read_document((good + " " + noise).encode("cp1252"), "a.txt")
    assert exc.value.code == "legacy_encoding"
    assert "TCVN3" in exc.value.message


@pytest.mark.parametrize(
    "font,enc,upper",
    [(".VnTime", "tcvn3", False), (".VnTimeH", "tcvn3", True), (".VnArial", "tcvn3", False),
     (".VnArialH", "tcvn3", True), ("VNI-Times", "vni", False), ("VNI-Helve", "vni", False),
     ("Times New Roman", None, False), (None, None, False)],
)
def test_font_classification(font, enc, upper):
    assert L.font_encoding(font) == enc
    assert L.is_uppercase_font(font) is upper


def test_fast_vni_decoder_agrees_with_pair_table():
    for legacy_seq, uni in {**L.VNI_PAIRS, **L.VNI_SINGLES}.items():
        assert L.vni_to_unicode(legacy_seq) == uni, legacy_seq
        assert L.decode_vni_bytes(legacy_seq.encode("cp1252")) == uni, legacy_seq


def test_byte_decoders_match_string_decoders():
    text = "Ban Thường vụ Tỉnh ủy “họp” – bàn về Nghị quyết của Đảng… ĐƯỢC"
    t = L.encode_tcvn3(text)
    v = L.encode_vni(text)
    assert L.decode_tcvn3_bytes(t) == L.tcvn3_to_unicode(t.decode("cp1252"))
    assert L.decode_vni_bytes(v) == L.vni_to_unicode(v.decode("cp1252")) == text
    # cp1252 punctuation survives in both
    assert "“họp” –" in L.decode_tcvn3_bytes(t)
