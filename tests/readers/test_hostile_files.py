"""Hostile and broken files are refused with a Vietnamese message, in the sandboxed worker;
what real files carry (soft hyphens in TCVN3, symbols) is kept, page chrome is dropped."""
import io
import random
import sys
import zipfile

import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ingest.readers import ReadError, read_document
from ingest.readers import pdf as pdf_module
from ingest.readers.html import extract_article
from ingest.readers.legacy import encode_tcvn3


def tcvn3(text: str) -> str:
    """The text as a TCVN3 font shows it: its bytes read as Latin-1 characters."""
    return encode_tcvn3(text).decode("latin-1")


def _pdf(objects: list[str]) -> bytes:
    """A hand-made PDF: objects numbered from 1, with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


STREAM = "BT /F1 12 Tf 72 720 Td (Giao So Y te chu tri kiem tra cong tac phong chong dich benh) Tj ET"
PAGE = ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>")
CONTENT = f"<< /Length {len(STREAM)} >>\nstream\n{STREAM}\nendstream"
FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def test_a_pdf_whose_page_tree_loops_is_refused():
    looping = _pdf(["<< /Type /Catalog /Pages 2 0 R >>",
                    "<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
                    PAGE, CONTENT, FONT,
                    "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"])  # back to the root
    with pytest.raises(ReadError) as exc:
        read_document(looping, "vong-lap.pdf")
    assert exc.value.code == "corrupt"
    assert "lặp lại" in exc.value.message


def test_a_pdf_without_pages_is_refused():
    empty = _pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>", CONTENT, FONT])
    with pytest.raises(ReadError) as exc:
        read_document(empty, "khong-trang.pdf")
    assert "không có trang nào" in exc.value.message


def test_the_same_hand_made_pdf_with_a_sound_tree_reads():
    sound = _pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                  PAGE, CONTENT, FONT])
    assert "chu tri kiem tra" in read_document(sound, "tot.pdf").text


def _docx_with_document_xml(size: int) -> bytes:
    """A .docx whose document.xml expands to about `size` bytes of varied text (ratio ~3:1, no bomb flag)."""
    rng = random.Random(8)
    words = ["giao", "chủ", "trì", "phối", "hợp", "báo", "cáo", "tỉnh", "ủy", "sở", "kết", "luận"]
    para = "".join(f"<w:p><w:r><w:t>{' '.join(rng.choices(words, k=40))} {rng.random()}</w:t></w:r></w:p>"
                   for _ in range(200))
    body = para * (size // len(para) + 1)
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}</w:body></w:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", xml)
    return out.getvalue()


def test_a_docx_with_too_much_expanded_xml_is_refused_before_parsing():
    data = _docx_with_document_xml(30 * 1024 * 1024)
    assert len(data) < 20 * 1024 * 1024  # under the upload limit, like the 95 MB file of the report
    with pytest.raises(ReadError) as exc:
        read_document(data, "phinh-to.docx")
    assert exc.value.code == "zip_bomb" and "giải nén ra" in exc.value.message


def test_docx_is_parsed_in_the_time_limited_worker(docx_bytes, monkeypatch):
    started = []
    monkeypatch.setattr(pdf_module, "_worker_command",
                        lambda: started.append(1) or [sys.executable, "-c", "import time; time.sleep(60)"])
    with pytest.raises(ReadError) as exc:
        read_document(docx_bytes(lambda d: d.add_paragraph("Giao Sở Y tế")), "treo.docx", pdf_timeout=1.0)
    assert started == [1]
    assert exc.value.code == "timeout" and ".docx" in exc.value.message


def test_tcvn3_soft_hyphen_is_the_letter_u_horn(docx_bytes):
    """TCVN3 stores "ư" as byte 0xAD, which Word keeps as <w:softHyphen/>."""
    def fill(d):
        p = d.add_paragraph()
        for piece in tcvn3("người dân như sau").split("\u00ad"):
            if p.runs:
                run = p.add_run()
                run._r.append(OxmlElement("w:softHyphen"))
                run.font.name = ".VnTime"
            p.add_run(piece).font.name = ".VnTime"
        q = d.add_paragraph()
        q.add_run("Unicode: đồng bộ")
        symbol = OxmlElement("w:sym")
        symbol.set(qn("w:font"), "Symbol")
        symbol.set(qn("w:char"), "F0B7")
        q.add_run()._r.append(symbol)

    text = read_document(docx_bytes(fill), "tcvn3-ư.docx").text
    assert text.splitlines()[0] == "người dân như sau"
    assert text.splitlines()[1] == "Unicode: đồng bộ·"


def test_text_size_controls_are_dropped_from_news_pages():
    page = ("<html><body><article><h1>Thông báo kết luận của Ban Thường vụ Tỉnh ủy</h1>"
            "<div>Cỡ chữ: A- A A+</div><div>A- A A+ | In bài</div>"
            "<p>Giao Sở Y tế chủ trì kiểm tra công tác phòng chống dịch, báo cáo trước ngày 30/9/2025.</p>"
            "<p>Giao Ban Tổ chức Tỉnh ủy rà soát đội ngũ cán bộ, thời gian hoàn thành trong quý IV.</p>"
            "</article></body></html>")
    text = extract_article(page)
    assert "Cỡ chữ" not in text and "A+" not in text
    assert "Giao Sở Y tế chủ trì" in text
