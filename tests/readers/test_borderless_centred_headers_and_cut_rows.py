"""Borderless task tables of heldout32 (fl32 after its first sight; LibreOffice PDFs of Word tables with invisible
borders): a header centred over wide columns, a cell that ends on a space right before the next column's text, a
time cell broken after "Trước", and a row the page break cuts above the next page's numbered rows."""
from pathlib import Path

import pytest

from ingest.readers import read_document

HERE = Path(__file__).parents[1] / "nlp" / "heldout32"


def rows(name: str) -> list[list[str]]:
    path = HERE / name
    text = read_document(path.read_bytes(), path.name).text
    return [line.split("\t") for line in text.split("\n") if "\t" in line]


@pytest.fixture(scope="module")
def plan() -> list[list[str]]:
    return rows("01_ninhbinh-ubnd-kehoach-2026.pdf")


@pytest.fixture(scope="module")
def notice() -> list[list[str]]:
    return rows("04_hanoi-ubndphuong-thongbaoketluan-2026.pdf")


def test_a_table_over_two_pages_reads_as_one_line_of_five_cells_a_row(plan):
    assert [r[0] for r in plan] == ["STT"] + [str(n) for n in range(1, 13)]
    assert all(len(r) == 5 for r in plan)


def test_the_row_the_page_break_cut_keeps_its_rest(plan):
    assert plan[5][1].startswith("Hướng dẫn kiện toàn tổ chức bộ máy, quy định chức năng")
    assert plan[5][3] == "UBND các xã, phường" and plan[5][4] == "Quý I/2027"


def test_a_cell_ending_on_a_space_stays_out_of_the_next_column(plan):
    assert plan[1][3] == "Văn phòng UBND tỉnh, Sở Tư pháp" and plan[1][4] == "Quý IV/2027"


def test_a_header_centred_over_its_columns_still_frames_the_rows(notice):
    assert notice[0] == ["Nội dung công việc", "Đơn vị thực hiện", "Thời hạn"]
    assert len(notice) == 7 and all(len(r) == 3 for r in notice)


def test_a_time_cell_broken_after_truoc_is_one_cell(notice):
    assert notice[-1][0].startswith("Tổng hợp kết quả thực hiện, báo cáo Chủ tịch")
    assert notice[-1][2] == "Trước 25/12/2026"


def test_a_parts_title_right_after_the_table_is_not_the_last_rows_cell():
    last = rows("05_daklak-btgdvtu-kehoach-2026.pdf")[-1]
    assert last[0] == "13" and last[1] == "Ban Tuyên giáo và Dân vận Tỉnh ủy", last
