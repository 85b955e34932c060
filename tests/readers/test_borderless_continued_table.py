"""A borderless task table that runs on to the next page (heldout12 06, a LibreOffice PDF of a Word table with
invisible borders): its rows there keep the columns of the page before, one row a line with its cells."""
from pathlib import Path

from ingest.readers import read_document

PLAN = Path(__file__).parents[1] / "nlp" / "heldout12" / "06_gialai-ubnd-kehoach-bangkhongke-2026.pdf"


def test_each_row_of_a_borderless_table_over_two_pages_reads_as_one_line_of_five_cells():
    text = read_document(PLAN.read_bytes(), PLAN.name).text
    rows = [line.split("\t") for line in text.split("\n") if "\t" in line]
    assert [r[0] for r in rows] == ["TT"] + [str(n) for n in range(1, 12)]
    assert all(len(r) == 5 for r in rows)
    assert rows[3][1].startswith("Vận hành Trung tâm giám sát, điều hành thông minh") and rows[3][4] == "Năm 2027"
