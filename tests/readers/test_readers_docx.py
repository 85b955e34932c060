"""Word .docx: structure, legacy fonts, corrupt files and zip bombs."""
from __future__ import annotations

import io
import struct
import zipfile

import pytest

from ingest.readers import ReadError, read_document
from ingest.readers import legacy as L


def tcvn3(s: str) -> str:
    return L.encode_tcvn3(s).decode("cp1252")


def vni(s: str) -> str:
    return L.encode_vni(s).decode("cp1252")


def _structured(document):
    document.add_heading("THÔNG BÁO KẾT LUẬN", level=1)
    document.add_paragraph("Ngày 29/6/2021, Ban Thường vụ Tỉnh uỷ họp.")
    document.add_paragraph("Phát triển kinh tế", style="List Bullet")
    document.add_paragraph("Xây dựng Đảng", style="List Bullet")
    document.add_paragraph("Giao Ban Tuyên giáo", style="List Number")
    document.add_paragraph("Giao Văn phòng Tỉnh uỷ", style="List Number")
    document.add_paragraph("")  # empty paragraph: dropped
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Họ và tên"
    table.cell(0, 1).text = "Chức vụ"
    table.cell(1, 0).text = "Nguyễn Văn A"
    table.cell(1, 1).text = "Bí thư"
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "Nơi nhận: các huyện uỷ"
    document.add_paragraph("Kết thúc.")


def test_paragraphs_lists_and_table_in_order(docx_bytes):
    doc = read_document(docx_bytes(_structured), "tb.docx")
    assert doc.format == "docx"
    assert doc.text == (
        "THÔNG BÁO KẾT LUẬN\n"
        "Ngày 29/6/2021, Ban Thường vụ Tỉnh uỷ họp.\n"
        "- Phát triển kinh tế\n"
        "- Xây dựng Đảng\n"
        "1. Giao Ban Tuyên giáo\n"
        "2. Giao Văn phòng Tỉnh uỷ\n"
        "Họ và tên\tChức vụ\n"
        "Nguyễn Văn A\tBí thư\n"
        "Nơi nhận: các huyện uỷ\n"
        "Kết thúc."
    )
    assert doc.encoding is None
    assert doc.warnings == []


def test_multi_paragraph_cells_keep_their_lines(docx_bytes):
    def fill(d):
        t = d.add_table(rows=1, cols=2)
        left = t.cell(0, 0)
        left.text = "ĐẢNG BỘ TỈNH NINH BÌNH"
        left.add_paragraph("BAN THƯỜNG VỤ")
        t.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM"

    doc = read_document(docx_bytes(fill), "h.docx")
    assert doc.text.split("\n") == [
        "ĐẢNG BỘ TỈNH NINH BÌNH", "BAN THƯỜNG VỤ", "ĐẢNG CỘNG SẢN VIỆT NAM"]


def test_line_breaks_and_tabs_inside_paragraph(docx_bytes):
    def fill(d):
        p = d.add_paragraph("Dòng một")
        r = p.add_run()
        r.add_break()
        p.add_run("Dòng hai\tcột")

    assert read_document(docx_bytes(fill), "a.docx").text == "Dòng một\nDòng hai\tcột"


def test_tcvn3_and_vni_runs_are_converted(docx_bytes):
    def fill(d):
        p = d.add_paragraph()
        p.add_run(tcvn3("Ban Thường vụ Tỉnh ủy")).font.name = ".VnTime"
        p.add_run(" và ")
        p.add_run(vni("Hội đồng nhân dân")).font.name = "VNI-Times"
        d.add_paragraph().add_run(tcvn3("quyết định")).font.name = ".VnTimeH"
        d.add_paragraph("Nghị quyết (Unicode)")

    doc = read_document(docx_bytes(fill), "legacy.docx")
    assert doc.text == (
        "Ban Thường vụ Tỉnh ủy và Hội đồng nhân dân\n"
        "QUYẾT ĐỊNH\n"
        "Nghị quyết (Unicode)"
    )
    assert doc.encoding == "tcvn3"  # the dominant one
    assert "Đã chuyển từ mã TCVN3 (.VnTime) sang Unicode." in doc.warnings
    assert any("VNI" in w for w in doc.warnings)


def test_legacy_font_inherited_from_style(docx_bytes):
    def fill(d):
        d.styles["Normal"].font.name = ".VnArial"
        d.add_paragraph(tcvn3("Ban Chấp hành Đảng bộ tỉnh"))

    doc = read_document(docx_bytes(fill), "s.docx")
    assert doc.text == "Ban Chấp hành Đảng bộ tỉnh"
    assert doc.encoding == "tcvn3"


def test_vni_letter_split_across_runs(docx_bytes):
    def fill(d):
        p = d.add_paragraph()
        # "Tỉnh ủy" = "Tænh uûy": split between "u" and its modifier "û"
        for piece in ("Tænh u", "ûy"):
            p.add_run(piece).font.name = "VNI-Times"

    assert read_document(docx_bytes(fill), "v.docx").text == "Tỉnh ủy"


def test_unicode_text_in_legacy_font_is_left_alone(docx_bytes):
    def fill(d):
        d.add_paragraph().add_run("Tỉnh uỷ Ninh Bình thông báo").font.name = ".VnTime"

    doc = read_document(docx_bytes(fill), "u.docx")
    assert doc.text == "Tỉnh uỷ Ninh Bình thông báo"
    assert doc.encoding is None


def test_legacy_text_without_legacy_font_is_detected_by_characters(docx_bytes):
    def fill(d):
        d.add_paragraph(vni("Ban Thường vụ Tỉnh ủy họp bàn về Nghị quyết của Đảng"))

    doc = read_document(docx_bytes(fill), "nofont.docx")
    assert doc.text == "Ban Thường vụ Tỉnh ủy họp bàn về Nghị quyết của Đảng"
    assert doc.encoding == "vni"


def test_empty_docx(docx_bytes):
    with pytest.raises(ReadError) as exc:
        read_document(docx_bytes(lambda d: d.add_paragraph("   ")), "e.docx")
    assert exc.value.code == "empty"


# --------------------------------------------------------------------------
# broken files
# --------------------------------------------------------------------------
@pytest.mark.parametrize("data", [
    b"this is not a zip file at all, just text pretending to be docx",
    b"PK\x03\x04" + b"\x00" * 100,  # zip magic, broken body
])
def test_not_a_zip_is_corrupt(data):
    with pytest.raises(ReadError) as exc:
        read_document(data, "bad.docx")
    assert exc.value.code == "corrupt"
    assert exc.value.message == "Tệp .docx bị hỏng hoặc không phải định dạng Word hợp lệ."


def test_truncated_docx_is_corrupt(docx_bytes):
    data = docx_bytes(_structured)
    with pytest.raises(ReadError) as exc:
        read_document(data[: len(data) // 2], "cut.docx")
    assert exc.value.code == "corrupt"


def _rezip(data: bytes, replace: dict[str, bytes | None]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    z.writestr(info.filename, replace[info.filename])
            else:
                z.writestr(info, src.read(info))
    return out.getvalue()


def test_zip_without_document_xml_is_corrupt(docx_bytes):
    data = _rezip(docx_bytes(_structured), {"word/document.xml": None})
    with pytest.raises(ReadError) as exc:
        read_document(data, "x.docx")
    assert exc.value.code == "corrupt"
    assert "word/document.xml" in exc.value.message


def test_broken_xml_is_corrupt(docx_bytes):
    data = _rezip(docx_bytes(_structured), {"word/document.xml": b"<w:document><oops"})
    with pytest.raises(ReadError) as exc:
        read_document(data, "x.docx")
    assert exc.value.code == "corrupt"


def test_zip_bomb_by_compression_ratio(docx_bytes, monkeypatch):
    import docx

    base = docx_bytes(_structured)
    src = zipfile.ZipFile(io.BytesIO(base))
    doc_xml = src.read("word/document.xml")
    # 40 MB of padding compresses to ~40 KB: a ~1000:1 ratio
    bomb = _rezip(base, {"word/document.xml": doc_xml + b" " * (40 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    opened = []
    monkeypatch.setattr(docx, "Document", lambda *a, **k: opened.append(a))
    with pytest.raises(ReadError) as exc:
        read_document(bomb, "bomb.docx")
    assert exc.value.code == "zip_bomb"
    assert opened == []  # refused before python-docx inflates anything


def _patch_declared_size(data: bytes, name: bytes, size: int) -> bytes:
    buf = bytearray(data)
    pos = 0
    while (pos := buf.find(b"PK\x01\x02", pos)) >= 0:
        name_len = struct.unpack("<H", buf[pos + 28:pos + 30])[0]
        if bytes(buf[pos + 46:pos + 46 + name_len]) == name:
            buf[pos + 24:pos + 28] = struct.pack("<I", size)
        pos += 4
    return bytes(buf)


def test_zip_bomb_by_declared_size(docx_bytes):
    data = _patch_declared_size(docx_bytes(_structured), b"word/document.xml", 0xF0000000)
    with pytest.raises(ReadError) as exc:
        read_document(data, "big.docx")
    assert exc.value.code == "zip_bomb"


def test_understated_size_cannot_inflate_past_declaration(docx_bytes):
    base = docx_bytes(_structured)
    doc_xml = zipfile.ZipFile(io.BytesIO(base)).read("word/document.xml")
    big = _rezip(base, {"word/document.xml": doc_xml + b" " * (30 * 1024 * 1024)})
    lying = _patch_declared_size(big, b"word/document.xml", 5000)
    with pytest.raises(ReadError) as exc:
        read_document(lying, "lie.docx")
    assert exc.value.code == "corrupt"


def test_zip_bomb_by_member_count():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        z.writestr("word/document.xml", b"<x/>")
        for i in range(2100):
            z.writestr(f"junk/{i}", b"")
    with pytest.raises(ReadError) as exc:
        read_document(out.getvalue(), "many.docx")
    assert exc.value.code == "zip_bomb"


def test_docx_that_is_really_a_pdf_is_read_as_pdf(make_pdf):
    doc = read_document(make_pdf(["Ban Thuong vu Tinh uy"]), "really-pdf.docx")
    assert doc.format == "pdf"
    assert "Ban Thuong vu Tinh uy" in doc.text
    assert doc.warnings
