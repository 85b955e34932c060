"""Public API: read_pasted, ReadError, and 'no library exception escapes'."""
from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ingest.readers as readers
from ingest.readers import Document, ReadError, read_document, read_pasted
from ingest.readers import legacy as L
from ingest.readers.errors import CODES


def test_public_names():
    for name in ("read_document", "read_pasted", "ReadError", "Document", "SUPPORTED_EXTENSIONS"):
        assert hasattr(readers, name)
    assert CODES == {"empty", "too_large", "unknown_format", "corrupt", "scanned_pdf",
                     "zip_bomb", "timeout", "legacy_encoding", "encoding"}


def test_read_error_shape():
    err = ReadError("scanned_pdf", "Tệp PDF là bản quét (không có lớp chữ).")
    assert err.code == "scanned_pdf"
    assert err.message == str(err) == "Tệp PDF là bản quét (không có lớp chữ)."
    assert isinstance(err, Exception)
    default = ReadError("empty")
    assert default.message and default.message != "empty"
    with pytest.raises(ValueError):
        ReadError("no_such_code")


def test_readers_package_does_not_import_django():
    import subprocess
    import sys

    code = ("import sys, ingest.readers, ingest.readers.docx, ingest.readers.html, "
            "ingest.readers.pdf; print(any(m.startswith('django') for m in sys.modules))")
    from ingest.readers import pdf as pdf_module

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=pdf_module._IMPORT_ROOT, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_pasted_text_is_nfc_and_stripped_spelling_kept():
    raw = "  \n" + unicodedata.normalize("NFD", "Tỉnh uỷ và Tỉnh ủy") + "\r\n\n\n\nHết.  \n"
    doc = read_pasted(raw)
    assert doc == Document(text="Tỉnh uỷ và Tỉnh ủy\n\nHết.", format="pasted",
                           encoding=None, warnings=[])


@pytest.mark.parametrize("raw", ["", "   \n\t ", "\u200b\ufeff"])
def test_pasted_empty(raw):
    with pytest.raises(ReadError) as exc:
        read_pasted(raw)
    assert exc.value.code == "empty"


def test_pasted_too_long():
    with pytest.raises(ReadError) as exc:
        read_pasted("a" * 101, max_chars=100)
    assert exc.value.code == "too_large"
    assert "100" in exc.value.message


def test_pasted_vni_mojibake_is_converted():
    doc = read_pasted(L.encode_vni("Ban Thường vụ Tỉnh ủy họp bàn").decode("cp1252"))
    assert doc.text == "Ban Thường vụ Tỉnh ủy họp bàn"
    assert doc.encoding == "vni"
    assert doc.warnings == ["Đã chuyển từ mã VNI (VNI-Times) sang Unicode."]


def test_too_large_checked_before_parsing():
    with pytest.raises(ReadError) as exc:
        read_document(b"%PDF-1.4" + b"x" * 3000, "a.pdf", max_bytes=1000)
    assert exc.value.code == "too_large"
    assert "MB" in exc.value.message


_EXTS = st.sampled_from(["a.txt", "a.html", "a.docx", "a.htm", "a", "a.doc"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), name=_EXTS)
def test_random_bytes_never_leak_library_exceptions(data, name):
    try:
        doc = read_document(data, name)
    except ReadError as exc:
        assert exc.code in CODES and exc.message
    else:
        assert isinstance(doc.text, str) and doc.text.strip()
        assert unicodedata.is_normalized("NFC", doc.text)


@pytest.fixture(scope="module")
def sample_docx(docx_bytes):
    def fill(d):
        d.add_paragraph("Ban Thường vụ Tỉnh uỷ")
        d.add_paragraph("Mục một", style="List Bullet")
        t = d.add_table(rows=1, cols=2)
        t.cell(0, 0).text = "A"
        t.cell(0, 1).text = "B"
    return docx_bytes(fill)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(st.data())
def test_mutated_docx_never_leaks_library_exceptions(sample_docx, data):
    buf = bytearray(sample_docx)
    for _ in range(data.draw(st.integers(1, 20))):
        pos = data.draw(st.integers(0, len(buf) - 1))
        buf[pos] = data.draw(st.integers(0, 255))
    try:
        doc = read_document(bytes(buf), "m.docx")
    except ReadError as exc:
        assert exc.code in CODES
    else:
        assert isinstance(doc.text, str)


def test_mutated_docx_xml_parts(sample_docx):
    """Valid zip, garbage inside each XML part in turn."""
    src = zipfile.ZipFile(io.BytesIO(sample_docx))
    for target in src.namelist():
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for info in src.infolist():
                body = src.read(info)
                if info.filename == target:
                    body = body[: len(body) // 2]
                z.writestr(info.filename, body)
        try:
            read_document(out.getvalue(), "p.docx")
        except ReadError as exc:
            assert exc.code in CODES


@settings(max_examples=3, deadline=None)
@given(st.binary(min_size=10, max_size=400))
def test_random_pdf_bytes(payload):
    try:
        read_document(b"%PDF-1.4\n" + payload, "r.pdf")
    except ReadError as exc:
        assert exc.code in ("corrupt", "scanned_pdf", "encoding", "empty")
