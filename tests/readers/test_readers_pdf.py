"""PDF: text layer, scanned pages, broken files, time limit."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ingest.readers import ReadError, read_document
from ingest.readers import legacy as L
from ingest.readers import pdf as pdf_module

VI_PAGE_1 = "THÔNG BÁO\nBan Thường vụ Tỉnh uỷ họp bàn về Nghị quyết của Đảng."
VI_PAGE_2 = "Hội đồng nhân dân tỉnh thống nhất Quyết định số 12-QĐ/TU."


def test_ascii_pdf_with_core_font(make_pdf):
    doc = read_document(make_pdf(["Communique No. 12", "Second page text"]), "a.pdf")
    assert doc.format == "pdf"
    assert "Communique No. 12" in doc.text
    assert "Second page text" in doc.text
    assert doc.text.index("Communique") < doc.text.index("Second page")
    assert "\x0c" not in doc.text


def test_vietnamese_pdf_text_layer(make_pdf, unicode_ttf):
    doc = read_document(make_pdf([VI_PAGE_1, VI_PAGE_2], unicode_ttf), "tb.pdf")
    assert doc.format == "pdf"
    assert doc.encoding is None
    assert "\x0c" not in doc.text
    lines = [ln for ln in doc.text.split("\n") if ln]
    assert lines == ["THÔNG BÁO", "Ban Thường vụ Tỉnh uỷ họp bàn về Nghị quyết của Đảng.",
                     "Hội đồng nhân dân tỉnh thống nhất Quyết định số 12-QĐ/TU."]


def test_pdf_printed_from_vntime_document_is_converted(make_pdf, unicode_ttf):
    # A PDF made from a .VnTime document carries the TCVN3 code points.
    # (No "ư" here: TCVN3 "ư" is U+00AD, which fpdf2 treats as a soft hyphen
    # and does not draw.)
    sentence = "Ban Chấp hành Đảng bộ tỉnh họp bàn về công tác cán bộ và Nghị quyết"
    mojibake = L.encode_tcvn3(sentence).decode("cp1252")
    doc = read_document(make_pdf([mojibake], unicode_ttf), "old.pdf")
    assert doc.text == sentence
    assert doc.encoding == "tcvn3"


def test_image_only_pdf_is_scanned(image_only_pdf):
    with pytest.raises(ReadError) as exc:
        read_document(image_only_pdf, "scan.pdf")
    assert exc.value.code == "scanned_pdf"
    assert exc.value.message.startswith("Tệp PDF là bản quét (không có lớp chữ)")


@pytest.mark.parametrize("data", [
    b"%PDF-1.4\nthis is no pdf body at all\n%%EOF",
    b"%PDF-1.7\n" + bytes(range(256)) * 20,
])
def test_corrupt_pdf(data):
    with pytest.raises(ReadError) as exc:
        read_document(data, "bad.pdf")
    assert exc.value.code == "corrupt"
    assert exc.value.message == "Tệp .pdf bị hỏng hoặc không phải định dạng PDF hợp lệ."


def test_pdf_extension_on_text_is_corrupt():
    with pytest.raises(ReadError) as exc:
        read_document("Chỉ là văn bản".encode(), "fake.pdf")
    assert exc.value.code == "corrupt"


def test_truncated_pdf_never_leaks_exceptions(make_pdf):
    data = make_pdf(["Truncated document text"])
    for cut in (50, len(data) // 2):
        try:
            doc = read_document(data[:cut], "t.pdf")
        except ReadError as exc:
            assert exc.code in ("corrupt", "scanned_pdf", "empty")
        else:
            assert isinstance(doc.text, str)


def test_password_protected_pdf(make_pdf):
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "secret")
    pdf.set_encryption(owner_password="o", user_password="u",
                       encryption_method=EncryptionMethod.RC4)
    with pytest.raises(ReadError) as exc:
        read_document(bytes(pdf.output()), "locked.pdf")
    assert exc.value.code == "corrupt"
    assert "mật khẩu" in exc.value.message


def test_txt_that_is_a_pdf_is_read_as_pdf(make_pdf):
    doc = read_document(make_pdf(["Real PDF content"]), "notes.txt")
    assert doc.format == "pdf"
    assert "Real PDF content" in doc.text
    assert any(".txt" in w and ".pdf" in w for w in doc.warnings)


def test_tiny_timeout_raises_timeout(make_pdf):
    data = make_pdf(["Some text"])
    with pytest.raises(ReadError) as exc:
        read_document(data, "slow.pdf", pdf_timeout=0.001)
    assert exc.value.code == "timeout"
    assert "giây" in exc.value.message


def test_hung_parser_process_is_killed(make_pdf, monkeypatch):
    """A worker that never returns (a PDF looping the parser) is killed."""
    started: list[subprocess.Popen] = []
    real_popen = subprocess.Popen

    def spy(*args, **kwargs):
        proc = real_popen(*args, **kwargs)
        started.append(proc)
        return proc

    monkeypatch.setattr(pdf_module, "_worker_command",
                        lambda: [sys.executable, "-c", "import time\nwhile True: time.sleep(0.05)"])
    monkeypatch.setattr(pdf_module.subprocess, "Popen", spy)
    with pytest.raises(ReadError) as exc:
        read_document(make_pdf(["x"]), "loop.pdf", pdf_timeout=1.0)
    assert exc.value.code == "timeout"
    assert len(started) == 1
    proc = started[0]
    assert proc.returncode is not None  # reaped
    with pytest.raises(ProcessLookupError):
        os.kill(proc.pid, 0)


def test_worker_crash_is_corrupt(make_pdf, monkeypatch):
    monkeypatch.setattr(pdf_module, "_worker_command",
                        lambda: [sys.executable, "-c", "import os; os._exit(3)"])
    with pytest.raises(ReadError) as exc:
        read_document(make_pdf(["x"]), "crash.pdf")
    assert exc.value.code == "corrupt"


def test_worker_runs_as_module_without_django():
    """The worker is importable and answers JSON on its own."""
    out = subprocess.run(
        [sys.executable, "-m", "ingest.readers.pdf_worker"],
        input=b"not a pdf", capture_output=True, timeout=30,
        cwd=pdf_module._IMPORT_ROOT,
    )
    assert out.returncode == 0
    assert b'"ok": false' in out.stdout
    assert b"django" not in out.stdout.lower()


def test_scan_with_only_page_numbers_is_scanned(make_pdf):
    with pytest.raises(ReadError) as exc:
        read_document(make_pdf(["1", "2", "3"]), "scan-numbered.pdf")
    assert exc.value.code == "scanned_pdf"
