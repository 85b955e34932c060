"""A borderless task table with no row-number column ("Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp |
Thời gian"): its rows are told apart by where cells start again, since top-aligned cells start together and a
column that ran dry fills again only in the next row; a line that starts left of the table's lines is a heading
after it; on the next page the table resumes with a line that keeps to its columns. Checked on every ruled table
of the repository's PDFs with its rules and its index column removed, and on a Word table with invisible borders
printed by LibreOffice, also when every cell of a row ends on the same line."""
import shutil
import subprocess
from pathlib import Path

import pytest

from ingest.nlp import extract
from ingest.readers import read_document

from tests.readers.test_borderless_group_rows import RULED, rows_of

TASKS = [
    ("Rà soát, bổ sung trang thiết bị chữa cháy rừng cho các Hạt Kiểm lâm và Ban quản lý rừng phòng hộ",
     "Sở Nông nghiệp và Môi trường", "Sở Tài chính", "Tháng 12/2026"),
    ("Bố trí kinh phí sự nghiệp cho công tác phòng cháy, chữa cháy rừng năm 2027", "Sở Tài chính",
     "Sở Nông nghiệp và Môi trường", "Quý I/2027"),
    ("Tuyên truyền trên sóng phát thanh, truyền hình và mạng xã hội về cấp dự báo cháy rừng",
     "Báo và Phát thanh, Truyền hình tỉnh", "Ủy ban nhân dân các xã, phường", "Thường xuyên"),
    ("Kiểm tra việc thực hiện quy định về phòng cháy tại các cơ sở chế biến lâm sản", "Công an tỉnh",
     "Sở Công Thương", "Trước ngày 30/6/2027"),
]


@pytest.mark.parametrize("path", RULED, ids=[p.stem[:12] for p in RULED])
def test_a_ruled_table_without_its_rules_and_its_index_column_gives_the_rows_its_rules_give(path):
    from pdfminer.layout import LTCurve

    from ingest.readers import pdf_worker as w
    from ingest.readers.pdf_tables import CONTINUED, borderless_grids, find_grids, rows_text

    def rows(grids, chars, drop_first=False):
        out = []
        for g in grids:
            text = rows_text(g, [c for c in chars if g.contains((c[0] + c[2]) / 2, (c[1] + c[3]) / 2)])
            lines = text.replace(CONTINUED, "").split("\n")
            out.append([line.split("\t", 1)[1] if drop_first else line for line in lines])
        return out

    def in_index(grids, c):
        cells = [g.cell_of((c[0] + c[2]) / 2, (c[1] + c[3]) / 2) for g in grids]
        return any(cell is not None and cell[1] == 0 for cell in cells)

    carried, pages = None, 0
    for page in w._pages(path.read_bytes()):
        ruled = find_grids([el.bbox for el in w._walk(page) if isinstance(el, LTCurve)])
        chars = [c for c in w._page_chars(page) if not in_index(ruled, c)]  # the number column's words dropped
        found = borderless_grids(chars, w._task_header, carried) if ruled else []
        carried = found[-1].xs if found else None
        if ruled:
            pages += 1
            assert rows(found, chars) == rows(ruled, chars, drop_first=True)
    assert pages


def _invisible_table_docx(tasks, repeat: int = 1) -> bytes:
    """A plan whose task table is a Word table with its borders set to none, its cells wrapped over several lines
    and no more space between rows than between a cell's lines."""
    import io

    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    doc.styles["Normal"].font.size = Pt(12)
    doc.styles["Normal"].paragraph_format.space_after = Pt(0)  # tight rows: no blank line between them
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Phòng cháy, chữa cháy rừng mùa khô 2026 - 2027")
    doc.add_paragraph("II. NHIỆM VỤ CỤ THỂ")
    table = doc.add_table(rows=1, cols=4)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    table._tbl.tblPr.append(borders)
    for cell, text in zip(table.rows[0].cells,
                          ("Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian")):
        cell.text = text
    for _ in range(repeat):
        for task in tasks:
            for cell, text in zip(table.add_row().cells, task):
                cell.text = text
    for row in table.rows:
        for cell, width in zip(row.cells, (Cm(6.5), Cm(3.5), Cm(3.5), Cm(2.8))):
            cell.width = width
    doc.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    doc.add_paragraph("Các sở, ngành căn cứ nhiệm vụ được giao xây dựng kế hoạch và báo cáo kết quả.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _printed(docx: bytes, tmp_path: Path) -> bytes:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    (tmp_path / "ke-hoach.docx").write_bytes(docx)
    subprocess.run([office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "ke-hoach.docx")], check=True, capture_output=True,
                   timeout=180)
    return (tmp_path / "ke-hoach.pdf").read_bytes()


def test_a_word_table_with_invisible_borders_and_no_numbers_reads_one_row_per_task(tmp_path):
    text = read_document(_printed(_invisible_table_docx(TASKS), tmp_path), "ke-hoach.pdf").text
    rows = rows_of(text)
    assert rows[0] == ["Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]
    assert [tuple(r) for r in rows[1:]] == TASKS
    assert "\nIII. TỔ CHỨC THỰC HIỆN" in text
    tasks = {p.text: p for p in extract(text).directives}
    lead = tasks["Bố trí kinh phí sự nghiệp cho công tác phòng cháy, chữa cháy rừng năm 2027"]
    assert [(o.name, o.role) for o in lead.owners] == [("Sở Tài chính", "lead"),
                                                       ("Sở Nông nghiệp và Môi trường", "support")]


def test_a_table_without_numbers_resumes_on_the_next_page_and_its_cut_row_rejoins(tmp_path):
    text = read_document(_printed(_invisible_table_docx(TASKS, repeat=5), tmp_path), "ke-hoach.pdf").text
    rows = rows_of(text)
    assert [tuple(r) for r in rows[1:]] == TASKS * 5


# Rows whose every cell ends on the same line (1, 2 and 3 lines, as LibreOffice wraps them in this table's
# columns): no column runs dry, so only the next row's capitals tell it; "Hạt Kiểm lâm | Thể thao | Công nghệ |
# 15/3/2027" goes on in capitals everywhere, after "Sở Văn hóa," broke at a comma.
SAME_LINES = [
    ("Rà soát hồ sơ", "Sở Tài chính", "Sở Nội vụ", "Quý I/2027"),
    ("Bố trí kinh phí sự nghiệp", "Sở Khoa học và Công nghệ", "Ủy ban nhân dân các xã", "Trước ngày 15/3/2027"),
    ("Lập danh sách", "Công an tỉnh", "Sở Tư pháp", "Hằng quý"),
    ("Tuyên truyền trên sóng phát thanh về", "Sở Văn hóa, Thể thao và Du lịch", "Sở Nông nghiệp và Môi trường",
     "Trước ngày 30 tháng 6 năm 2027"),
    ("Kiểm tra các Hạt Kiểm lâm", "Sở Văn hóa, Thể thao", "Sở Khoa học và Công nghệ", "Trước ngày 15/3/2027"),
    ("Kiểm tra việc thực hiện", "Ủy ban nhân dân các phường", "Sở Khoa học và Công nghệ", "Trong tháng 12/2026"),
]


def test_rows_whose_cells_all_end_on_the_same_line_read_one_row_per_task(tmp_path):
    text = read_document(_printed(_invisible_table_docx(SAME_LINES), tmp_path), "ke-hoach.pdf").text
    assert [tuple(r) for r in rows_of(text)[1:]] == SAME_LINES
    assert "\nIII. TỔ CHỨC THỰC HIỆN" in text
    tasks = {p.text: p for p in extract(text).directives}
    lead = tasks["Lập danh sách"]
    assert [(o.name, o.role) for o in lead.owners] == [("Công an tỉnh", "lead"), ("Sở Tư pháp", "support")]


def test_rows_ending_together_keep_apart_over_a_page_break(tmp_path):
    text = read_document(_printed(_invisible_table_docx(SAME_LINES, repeat=5), tmp_path), "ke-hoach.pdf").text
    assert [tuple(r) for r in rows_of(text)[1:]] == SAME_LINES * 5
