"""A task table in a PDF is read back as rows from the layout's coordinates, not from the text layer's order."""
import datetime as dt

import pytest

from ingest.nlp import extract
from ingest.readers import read_document
from ingest.readers.pdf_tables import Grid, find_grids, rows_text

HEADER = ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
ROWS = [
    ["1", "Xây dựng đề án hỗ trợ hộ kinh doanh chuyển đổi lên doanh nghiệp", "Sở Tài chính",
     "Thuế tỉnh, Sở Công Thương, các xã, phường", "Quý IV/2026"],
    ["2", "Rà soát các quy định của tỉnh gây cản trở hoạt động kinh doanh", "Sở Tư pháp", "Các sở, ngành",
     "Trước ngày 31/10/2026"],
    ["3", "Tổ chức hội nghị đối thoại với cộng đồng doanh nghiệp", "Văn phòng Ủy ban nhân dân tỉnh",
     "Hiệp hội Doanh nghiệp tỉnh", "Hằng năm"],
]
WIDTHS = [10, 62, 36, 46, 36]


def table_pdf(font_path: str, ruled: bool = True) -> bytes:
    """A plan with a task table whose cells are drawn column by column, bottom row first, each wrapped over
    several lines: the text layer interleaves the cells of different rows. ``ruled=False``: no cell borders,
    the columns laid out by position alone."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("U", "", font_path)
    pdf.set_font("U", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 6, "ỦY BAN NHÂN DÂN TỈNH AN BÌNH\nSố: 15/KH-UBND\nAn Bình, ngày 10 tháng 3 năm 2026\n\n"
                         "KẾ HOẠCH\nPhát triển kinh tế tư nhân\n\n"
                         "1. Các nhiệm vụ cụ thể giao các cơ quan, đơn vị như sau:")
    top, height = pdf.get_y() + 4, [14, 24, 24, 24]
    left = pdf.l_margin
    xs = [left]
    for w in WIDTHS:
        xs.append(xs[-1] + w)
    ys = [top]
    for h in height:
        ys.append(ys[-1] + h)
    rows = [HEADER] + ROWS
    for c in range(len(WIDTHS)):                       # column by column …
        for r in reversed(range(len(rows))):           # … bottom row first
            pdf.set_xy(xs[c] + 1, ys[r] + 1)
            pdf.multi_cell(WIDTHS[c] - 2, 5, rows[r][c])
    for y in ys if ruled else ():
        pdf.line(xs[0], y, xs[-1], y)
    for x in xs if ruled else ():
        pdf.line(x, ys[0], x, ys[-1])
    pdf.set_xy(left, ys[-1] + 6)
    pdf.multi_cell(0, 6, "2. Sở Tài chính chủ trì theo dõi, tổng hợp kết quả thực hiện, báo cáo UBND tỉnh.")
    return bytes(pdf.output())


def test_a_grid_is_found_from_the_rules_and_characters_go_to_the_cell_they_stand_in():
    rules = [(0, 100, 300, 100), (0, 80, 300, 80), (0, 40, 300, 40),              # three horizontal rules
             (0, 40, 0, 100), (100, 40, 100, 100), (300, 40, 300, 100)]           # three vertical ones
    (grid,) = find_grids(rules)
    assert grid.xs == [0, 100, 300] and grid.ys == [100, 80, 40]
    chars = [(110, 85, 116, 95, "B", 1), (10, 85, 16, 95, "A", 1),                 # one layout line, two cells
             (110, 60, 116, 70, "d", 2), (10, 60, 16, 70, "c", 3), (10, 45, 16, 55, "e", 4)]
    assert rows_text(grid, chars) == "A\tB\nc e\td"


def test_rules_too_few_for_a_table_give_no_grid():
    assert find_grids([(0, 100, 300, 100), (0, 40, 300, 40)]) == []
    assert isinstance(Grid(xs=[0, 1, 2], ys=[2, 1, 0]).bbox, tuple)


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "borderless"])
def test_a_table_row_read_from_coordinates(unicode_ttf, ruled):
    import io

    from pdfminer.high_level import extract_text

    data = table_pdf(unicode_ttf, ruled=ruled)
    layer = extract_text(io.BytesIO(data))
    assert "\t".join(ROWS[0][1:3]) not in layer and "Sở Tư pháp" in layer  # the layer alone mixes the rows up
    text = read_document(data, "ke-hoach.pdf").text
    lines = text.split("\n")
    assert "\t".join(HEADER) in lines
    for row in ROWS:
        assert "\t".join(row) in lines
    assert text.index("1. Các nhiệm vụ") < text.index("\t".join(HEADER)) < text.index("2. Sở Tài chính")


def test_each_row_of_the_pdf_table_is_one_directive_with_its_columns(unicode_ttf):
    text = read_document(table_pdf(unicode_ttf), "ke-hoach.pdf").text
    ex = extract(text)
    rows = {p.text: p for p in ex.directives}
    first = rows[ROWS[0][1]]
    assert [(o.name, o.role) for o in first.owners][:2] == [("Sở Tài chính", "lead"), ("Thuế tỉnh", "support")]
    assert first.deadline == dt.date(2026, 12, 31)
    assert rows[ROWS[1][1]].deadline == dt.date(2026, 10, 31)
    yearly = rows[ROWS[2][1]]
    assert yearly.recurring and yearly.deadline is None
    assert [o.source for o in yearly.owners] == ["table:Cơ quan chủ trì", "table:Cơ quan phối hợp"]


def test_a_row_cut_by_a_page_break_is_joined_back():
    from ingest.readers.pdf_tables import CONTINUED, join_continued_rows
    text = ("TT\tNội dung\tChủ trì\n4\tTổ chức hội nghị với cộng đồng doanh\tSở Tài chính\n\n\x0c- 3 -\n"
            f"{CONTINUED}\tnghiệp\t\n5\tRà soát quy định\tSở Tư pháp\n")
    assert join_continued_rows(text) == ("TT\tNội dung\tChủ trì\n4\tTổ chức hội nghị với cộng đồng doanh nghiệp\t"
                                         "Sở Tài chính\n\n\x0c- 3 -\n\n5\tRà soát quy định\tSở Tư pháp\n")


def test_each_row_of_a_borderless_pdf_table_is_one_directive_with_its_columns(unicode_ttf):
    ex = extract(read_document(table_pdf(unicode_ttf, ruled=False), "ke-hoach.pdf").text)
    rows = {p.text: p for p in ex.directives}
    assert [(o.name, o.role, o.source) for o in rows[ROWS[1][1]].owners] == [
        ("Sở Tư pháp", "lead", "table:Cơ quan chủ trì"), ("Các sở, ngành", "support", "table:Cơ quan phối hợp")]
    assert rows[ROWS[1][1]].deadline == dt.date(2026, 10, 31)
    assert rows[ROWS[0][1]].deadline == dt.date(2026, 12, 31)


def test_running_text_has_no_borderless_table():
    from ingest.readers.pdf_tables import borderless_grids
    chars = [(10 + 6 * i, 700, 15 + 6 * i, 710, c, 1) for i, c in enumerate("Noi dung nhiem vu")]
    assert borderless_grids(chars, lambda cells: False) == []


def test_two_borderless_tables_on_a_page_are_each_read_by_their_own_columns():
    from ingest.readers.pdf_tables import borderless_grids

    def line(y, cells, key):
        out = []
        for x, text in cells:
            out += [(x + 5 * k, y, x + 5 * k + 4, y + 10, ch, key) for k, ch in enumerate(text)]
        return out

    chars = []
    for top, xs, key in ((700, (10, 100, 220), "a"), (500, (10, 160, 260), "b")):
        chars += line(top, zip(xs, ("TT", "Nhiệm vụ", "Chủ trì")), key + "h")
        chars += line(top - 20, zip(xs, ("1", "Rà soát", "Sở A")), key + "1")
        chars += line(top - 40, zip(xs, ("2", "Báo cáo", "Sở B")), key + "2")
        chars += line(top - 100, [(10, "Văn bản chạy suốt khổ giấy, không phải một bảng, kéo dài qua các cột")], key + "p")
    grids = borderless_grids(chars, lambda cells: cells[1:] == ["Nhiệm vụ", "Chủ trì"])
    assert len(grids) == 2
    assert [len(g.xs) - 1 for g in grids] == [3, 3] and [len(g.ys) - 1 for g in grids] == [3, 3]
    (a, b) = grids
    assert 20 < a.xs[1] < 100 and 140 < a.xs[2] < 220  # each table's own column borders
    assert 20 < b.xs[1] < 160 and 200 < b.xs[2] < 260


def two_page_borderless_pdf(font_path: str) -> bytes:
    """A borderless task table whose last rows stand at the top of page 2, under no header of their own, each
    cell drawn column by column as on page 1; then the next part's heading."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("U", "", font_path)
    pdf.set_font("U", size=10)
    left = pdf.l_margin
    xs = [left]
    for w in WIDTHS:
        xs.append(xs[-1] + w)

    def draw(rows, top):
        ys = [top + 20 * r for r in range(len(rows) + 1)]
        for c in range(len(WIDTHS)):
            for r in reversed(range(len(rows))):
                pdf.set_xy(xs[c] + 1, ys[r] + 1)
                pdf.multi_cell(WIDTHS[c] - 2, 5, rows[r][c])
        return ys[-1]

    pdf.add_page()
    pdf.multi_cell(0, 6, "KẾ HOẠCH\nPhát triển kinh tế tư nhân\n\nII. NHIỆM VỤ CỤ THỂ")
    draw([HEADER] + ROWS[:2], pdf.get_y() + 4)
    pdf.add_page()
    bottom = draw([ROWS[2], ["4", "Tổng kết việc thực hiện Kế hoạch", "Sở Nội vụ", "Các sở, ngành", "Năm 2027"]],
                  pdf.t_margin)
    pdf.set_xy(left, bottom + 8)
    pdf.multi_cell(0, 6, "III. TỔ CHỨC THỰC HIỆN\n\nCác sở, ngành căn cứ nhiệm vụ được giao xây dựng kế hoạch.")
    return bytes(pdf.output())


def test_the_rows_of_a_borderless_table_on_the_next_page_keep_its_columns(unicode_ttf):
    text = read_document(two_page_borderless_pdf(unicode_ttf), "ke-hoach.pdf").text
    assert "4\tTổng kết việc thực hiện Kế hoạch\tSở Nội vụ\tCác sở, ngành\tNăm 2027" in text
    assert "\nIII. TỔ CHỨC THỰC HIỆN" in text  # the heading after the table is no part of its last row
    rows = {p.text: p for p in extract(text).directives}
    assert [(o.name, o.role) for o in rows["Tổng kết việc thực hiện Kế hoạch"].owners] == [
        ("Sở Nội vụ", "lead"), ("Các sở, ngành", "support")]
    assert rows[ROWS[2][1]].owners[0].name == "Văn phòng Ủy ban nhân dân tỉnh"
