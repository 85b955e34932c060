"""Plain text files: encodings, limits, sniffing."""
from __future__ import annotations

import unicodedata

import pytest

from ingest.readers import SUPPORTED_EXTENSIONS, Document, ReadError, read_document
from ingest.readers import legacy as L

SENTENCE = (
    "Ban Thường vụ Tỉnh uỷ thông báo kết luận của Hội đồng nhân dân tỉnh về "
    "Nghị quyết của Đảng bộ; các cấp uỷ, chính quyền quán triệt thực hiện."
)
TEXT = f"THÔNG BÁO\n\n{SENTENCE}\nQuyết định số 12-QĐ/TU."


def read_txt(data: bytes, name: str = "thong-bao.txt") -> Document:
    doc = read_document(data, name)
    assert doc.format == "txt"
    assert unicodedata.is_normalized("NFC", doc.text)
    return doc


def test_utf8():
    doc = read_txt(TEXT.encode("utf-8"))
    assert doc.text == TEXT
    assert doc.encoding == "utf-8"
    assert doc.warnings == []


def test_utf8_with_bom():
    doc = read_txt(TEXT.encode("utf-8-sig"))
    assert doc.text == TEXT
    assert not doc.text.startswith("\ufeff")
    assert doc.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(codec):
    data = TEXT.encode(codec)
    assert (codec == "utf-16") == data.startswith((b"\xff\xfe", b"\xfe\xff"))
    doc = read_txt(data)
    assert doc.text == TEXT
    assert doc.encoding == "utf-16"


def test_utf16_big_endian_with_bom():
    doc = read_txt(b"\xfe\xff" + TEXT.encode("utf-16-be"))
    assert doc.text == TEXT


def test_cp1258_combining_tones_are_composed():
    data = L.encode_cp1258(TEXT)
    # cp1258 really stores tones as separate combining bytes (e.g. 0xF2 dot below)
    assert b"\xf2" in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = read_txt(data)
    assert doc.text == TEXT
    assert doc.encoding == "cp1258"
    assert "uỷ" in doc.text and "ủy" not in doc.text  # spelling kept


def test_tcvn3_file():
    data = L.encode_tcvn3(TEXT.lower())
    doc = read_txt(data)
    assert doc.text == TEXT.lower()
    assert doc.encoding == "tcvn3"
    assert any("TCVN3" in w for w in doc.warnings)


def test_tcvn3_known_bytes():
    data = b"Ban Th\xad\xeang v\xf4 T\xd8nh \xf1y h\xe4p b\xb5n v\xd2 c\xabng t\xb8c c\xb8n b\xe9"
    doc = read_txt(data)
    assert doc.text == "Ban Thường vụ Tỉnh ủy họp bàn về công tác cán bộ"
    assert doc.encoding == "tcvn3"


def test_vni_file():
    data = L.encode_vni(TEXT)
    doc = read_txt(data)
    assert doc.text == TEXT
    assert doc.encoding == "vni"
    assert any("VNI" in w for w in doc.warnings)


def test_vni_saved_as_utf8_mojibake_is_converted():
    mojibake = L.encode_vni(TEXT).decode("cp1252")  # "Tænh uûy" style characters
    assert "Tænh" in mojibake
    doc = read_txt(mojibake.encode("utf-8"))
    assert doc.text == TEXT
    assert doc.encoding == "vni"


def test_tcvn3_saved_as_utf8_mojibake_is_converted():
    mojibake = L.encode_tcvn3(SENTENCE).decode("cp1252")
    doc = read_txt(mojibake.encode("utf-8"))
    assert doc.text == SENTENCE  # no uppercase toned letter in SENTENCE: exact
    assert doc.encoding == "tcvn3"


def test_crlf_and_control_characters_are_normalised():
    data = ("Dòng một\r\nDòng hai\rDòng ba\x00\x07\n\n\n\n\nDòng bốn  \t").encode("utf-8")
    doc = read_txt(data)
    assert doc.text == "Dòng một\nDòng hai\nDòng ba\n\nDòng bốn"


def test_decomposed_utf8_becomes_nfc_but_spelling_is_kept():
    nfd = unicodedata.normalize("NFD", "Tỉnh uỷ và Tỉnh ủy")
    doc = read_txt(nfd.encode("utf-8"))
    assert doc.text == "Tỉnh uỷ và Tỉnh ủy"
    assert len(doc.text) == len("Tỉnh uỷ và Tỉnh ủy")


def test_plain_ascii_with_a_stray_latin1_byte():
    doc = read_txt(b"Meeting notes: caf\xe9 at 9am. Everything else is ASCII here.")
    assert "caf" in doc.text and doc.encoding in ("cp1258", "cp1252")


@pytest.mark.parametrize("data", [b"", b"   \n\t  \r\n", "\ufeff  ".encode("utf-8")])
def test_empty(data):
    with pytest.raises(ReadError) as exc:
        read_document(data, "a.txt")
    assert exc.value.code == "empty"
    assert exc.value.message


def test_too_large_states_limit_in_mb():
    with pytest.raises(ReadError) as exc:
        read_document(b"a" * (2 * 1024 * 1024 + 1), "a.txt", max_bytes=2 * 1024 * 1024)
    assert exc.value.code == "too_large"
    assert "2 MB" in exc.value.message
    # exactly at the limit is fine
    assert read_document(b"a" * 1024, "a.txt", max_bytes=1024).text == "a" * 1024


@pytest.mark.parametrize("name", ["a.doc", "a.odt", "a.xlsx", "a.rtf", "noextension", "a.exe"])
def test_unknown_format_lists_supported(name):
    with pytest.raises(ReadError) as exc:
        read_document(b"some text here", name)
    assert exc.value.code == "unknown_format"
    for ext in (".txt", ".docx", ".pdf", ".html"):
        assert ext in exc.value.message
    if name.endswith(".doc"):
        assert ".docx" in exc.value.message and "Word" in exc.value.message


def test_supported_extensions_constant():
    assert {".txt", ".docx", ".pdf", ".html"} <= set(SUPPORTED_EXTENSIONS)
    assert all(e.startswith(".") and e == e.lower() for e in SUPPORTED_EXTENSIONS)


def test_extension_is_case_insensitive():
    assert read_document("Tỉnh uỷ".encode(), "THONG-BAO.TXT").text == "Tỉnh uỷ"


def test_binary_garbage_in_txt_is_refused():
    with pytest.raises(ReadError) as exc:
        read_document(bytes(range(256)) * 4, "a.txt")
    assert exc.value.code in ("encoding", "unknown_format")


def test_txt_that_is_html_is_read_as_html():
    html = "<!DOCTYPE html><html><body><script>x()</script><p>Tỉnh uỷ họp.</p></body></html>"
    doc = read_document(html.encode(), "a.txt")
    assert doc.format == "html"
    assert doc.text == "Tỉnh uỷ họp."
    assert doc.warnings


def test_ole_doc_renamed():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    with pytest.raises(ReadError) as exc:
        read_document(data, "a.doc")
    assert exc.value.code == "unknown_format"
    with pytest.raises(ReadError) as exc:
        read_document(data, "a.docx")
    assert exc.value.code == "corrupt"
    assert ".doc" in exc.value.message
