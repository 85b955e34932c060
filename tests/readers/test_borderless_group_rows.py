"""A borderless task table whose columns are crossed by its groups' titles (heldout13 04, a Word table with
invisible borders printed by LibreOffice: "1 | Hoàn thiện thể chế, cải thiện môi trường kinh doanh" over the task,
unit and time columns, its rows numbered "1.1" wrapped in a narrow column as "1." over "1"). The titles block no
corridor between the columns, the wrapped numbers open no row, and a heading after the table ends it; the same
finder reads every ruled table of the repository's PDFs, with its rules ignored, as the rules do."""
from pathlib import Path

import pytest

from ingest.nlp import extract
from ingest.readers import read_document

HERE = Path(__file__).parents[1] / "nlp"
PLAN = HERE / "heldout13" / "04_quangngai-ubnd-kehoach-kttunhan-2027.pdf"
WIDTHS = [10, 56, 34, 44, 34]
HEADER = ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]


def grouped_pdf(font_path: str, whole_row: bool = False) -> bytes:
    """Two groups of rows, each under a title that runs across the columns after the index (``whole_row``: across
    the index too, its number leading: "I. Hoàn thiện …"); the second group opens page 2, under the rest of the row
    the page break cut; then the next part's heading."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("U", "", font_path)
    pdf.set_font("U", size=10)
    pdf.set_auto_page_break(False)
    left = pdf.l_margin
    xs = [left]
    for w in WIDTHS:
        xs.append(xs[-1] + w)

    def row(cells, y, height=16):
        for c, text in enumerate(cells):
            pdf.set_xy(xs[c] + 1, y + 1)
            pdf.multi_cell(WIDTHS[c] - 2, 5, text, align="L")
        return y + height

    def title(number, text, y):
        if whole_row:
            pdf.set_xy(xs[0] + 1, y + 1)
            pdf.multi_cell(xs[-1] - xs[0] - 2, 5, f"{number}. {text}", align="L")
            return y + 10
        pdf.set_xy(xs[0] + 1, y + 1)
        pdf.multi_cell(WIDTHS[0] - 2, 5, number)
        pdf.set_xy(xs[1] + 1, y + 1)
        pdf.multi_cell(xs[-1] - xs[1] - 2, 5, text, align="L")  # one cell over the task, unit and time columns
        return y + 10

    pdf.add_page()
    pdf.multi_cell(0, 6, "KẾ HOẠCH\nPhát triển kinh tế tư nhân\n\nII. NHIỆM VỤ CỤ THỂ")
    y = row(HEADER, pdf.get_y() + 4, 12)
    y = title("I" if whole_row else "1", "Hoàn thiện thể chế, cải thiện môi trường đầu tư kinh doanh của tỉnh", y)
    y = row(["1.\n1", "Rà soát các thủ tục hành chính không cần thiết", "Sở Tư pháp", "Các sở, ngành", "Quý I/2027"], y)
    y = row(["1.\n2", "Tổ chức đối thoại với cộng đồng doanh nghiệp", "Văn phòng UBND tỉnh", "Sở Tài chính",
             "Hằng quý"], y)
    row(["1.\n3", "Xây dựng nền tảng số kết nối doanh", "Sở Khoa học", "Sở Công Thương", "Quý III/2027"], y)
    pdf.add_page()
    pdf.set_xy(xs[1] + 1, pdf.t_margin)
    pdf.multi_cell(WIDTHS[1] - 2, 5, "nghiệp", align="L")
    y = title("II" if whole_row else "2", "Nguồn nhân lực, bảo vệ quyền và lợi ích hợp pháp của doanh nghiệp", pdf.t_margin + 7)
    y = row(["2.\n1", "Bồi dưỡng kỹ năng quản trị cho chủ doanh nghiệp", "Sở Công Thương", "Sở Nội vụ",
             "Thường xuyên"], y)
    pdf.set_xy(left, y + 6)
    pdf.multi_cell(0, 6, "III. TỔ CHỨC THỰC HIỆN\n\nCác sở, ngành căn cứ nhiệm vụ được giao xây dựng kế hoạch.")
    return bytes(pdf.output())


def rows_of(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.split("\n") if "\t" in line]


def test_group_titles_across_the_columns_leave_the_columns_apart(unicode_ttf):
    rows = rows_of(read_document(grouped_pdf(unicode_ttf), "ke-hoach.pdf").text)
    assert [r[0] for r in rows] == ["TT", "1", "1.1", "1.2", "1.3", "2", "2.1"]
    assert [len(r) for r in rows] == [5, 2, 5, 5, 5, 2, 5]  # a title's empty cells are trimmed with the line
    assert rows[1][1] == "Hoàn thiện thể chế, cải thiện môi trường đầu tư kinh doanh của tỉnh"
    assert rows[2][1:] == ["Rà soát các thủ tục hành chính không cần thiết", "Sở Tư pháp", "Các sở, ngành",
                           "Quý I/2027"]


def test_a_title_across_the_whole_row_keeps_its_number_in_the_index_column(unicode_ttf):
    text = read_document(grouped_pdf(unicode_ttf, whole_row=True), "ke-hoach.pdf").text
    rows = rows_of(text)
    assert [r[0] for r in rows] == ["TT", "I.", "1.1", "1.2", "1.3", "II.", "2.1"]
    assert rows[1][1] == "Hoàn thiện thể chế, cải thiện môi trường đầu tư kinh doanh của tỉnh"
    assert all(len(r) == 5 for r in rows if r[0] not in ("I.", "II."))
    tasks = [p.text for p in extract(text).directives]
    assert "Xây dựng nền tảng số kết nối doanh nghiệp" in tasks and not any(t.startswith("Hoàn thiện") for t in tasks)


def test_the_rest_of_a_row_cut_by_the_page_break_rejoins_it(unicode_ttf):
    rows = rows_of(read_document(grouped_pdf(unicode_ttf), "ke-hoach.pdf").text)
    assert rows[4][1] == "Xây dựng nền tảng số kết nối doanh nghiệp"
    assert rows[5][1] == "Nguồn nhân lực, bảo vệ quyền và lợi ích hợp pháp của doanh nghiệp"


def test_a_heading_after_the_table_is_no_part_of_it(unicode_ttf):
    text = read_document(grouped_pdf(unicode_ttf), "ke-hoach.pdf").text
    assert "\nIII. TỔ CHỨC THỰC HIỆN" in text
    assert rows_of(text)[-1][-1] == "Thường xuyên"


def test_a_group_title_is_no_task_and_its_rows_are(unicode_ttf):
    ex = extract(read_document(grouped_pdf(unicode_ttf), "ke-hoach.pdf").text)
    tasks = {p.text: p for p in ex.directives}
    assert "Hoàn thiện thể chế, cải thiện môi trường đầu tư kinh doanh của tỉnh" not in tasks
    assert [(o.name, o.role) for o in tasks["Bồi dưỡng kỹ năng quản trị cho chủ doanh nghiệp"].owners] == [
        ("Sở Công Thương", "lead"), ("Sở Nội vụ", "support")]


def test_the_plan_of_heldout13_reads_each_of_its_twelve_tasks_as_a_row_of_five_cells():
    rows = rows_of(read_document(PLAN.read_bytes(), PLAN.name).text)
    tasks = [r for r in rows if "." in r[0]]
    assert [r[0] for r in tasks] == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2",
                                     "4.3"]
    assert all(len(r) == 5 for r in tasks)
    assert tasks[9][2:] == ["Sở Công Thương", "Sở Nội vụ; Hiệp hội Doanh nghiệp tỉnh", "Thường xuyên"]


RULED = [HERE / "firstlook" / "fl1" / "01_ninhbinh-btvtu-ctrhd-nq68-kinhtetunhan-2025.pdf",
         HERE / "firstlook" / "fl2" / "10_gialai-ubnd-kehoach-pccc-rung-muakho-2026.pdf",
         HERE / "firstlook" / "fl3" / "19_quangngai-btvtu-thongbao-ketluan-vungdtts-2025.pdf",
         HERE / "firstlook" / "fl3" / "20_laocai-ubnd-kehoach-pctt-tkcn-2026.pdf",
         HERE / "heldout11" / "r09_quangtri-ubndphuongdongha-kehoach-tet-2026-bang.pdf"]


@pytest.mark.parametrize("path", RULED, ids=[p.stem[:12] for p in RULED])
def test_a_ruled_table_read_without_its_rules_gives_the_rows_its_rules_give(path):
    from pdfminer.layout import LTCurve

    from ingest.readers import pdf_worker as w
    from ingest.readers.pdf_tables import borderless_grids, find_grids, rows_text

    def rows(grids, chars):
        return [rows_text(g, [c for c in chars if g.contains((c[0] + c[2]) / 2, (c[1] + c[3]) / 2)]) for g in grids]

    carried, pages = None, 0
    for page in w._pages(path.read_bytes()):
        ruled = find_grids([el.bbox for el in w._walk(page) if isinstance(el, LTCurve)])
        chars = w._page_chars(page)
        found = borderless_grids(chars, w._task_header, carried) if ruled else []
        carried = found[-1].xs if found else None
        if ruled:
            pages += 1
            assert rows(found, chars) == rows(ruled, chars)
    assert pages
