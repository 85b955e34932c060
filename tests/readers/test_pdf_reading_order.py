"""Glyphs a fallback font drew after their line are read where they stand ("Ủy ban", not "Y ban" + "Ủ")."""
from dataclasses import dataclass

from ingest.readers import read_document
from ingest.readers.pdf_order import reading_order

LINES = ["ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", "Số: 412/KH-UBND",
         "Sở Tài chính chủ trì, tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2026."]
FALLBACK = set("ỦỈốỞởủỉổ")  # what LibreOffice's body font lacked in the PDFs that failed


def fallback_drawn_last(font_path: str) -> bytes:
    """Each line's ordinary glyphs first, then the fallback ones at their places, as LibreOffice writes it."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("U", "", font_path)
    pdf.set_font("U", size=12)
    for n, line in enumerate(LINES):
        y, xs, x = 30 + 10 * n, [], 20.0
        for ch in line:
            xs.append(x)
            x += pdf.get_string_width(ch)
        for later in (False, True):
            for ch, at in zip(line, xs, strict=True):
                if (ch in FALLBACK) == later and ch != " ":
                    pdf.text(at, y, ch)
    return bytes(pdf.output())


def test_fallback_glyphs_drawn_after_their_line_are_read_in_place(unicode_ttf):
    text = read_document(fallback_drawn_last(unicode_ttf), filename="kehoach.pdf").text
    for line in LINES:
        assert line in text


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    y0: float = 0.0
    y1: float = 10.0


def test_a_glyph_goes_into_the_gap_of_its_line():
    y, ban, u = Glyph("Y", 10, 16), Glyph("B", 20, 26), Glyph("Ủ", 4, 10)
    gap = Glyph("ỉ", 16, 20)
    assert [g.text for g in reading_order([y, ban, u, gap])] == ["Ủ", "Y", "ỉ", "B"]


def test_overprinted_glyphs_and_cells_drawn_one_after_another_keep_their_order():
    bold = [Glyph("T", 10, 16), Glyph("h", 16, 22), Glyph("T", 10.3, 16.3), Glyph("h", 16.3, 22.3)]
    assert reading_order(bold) == bold  # fake bold: no gap to move into
    cells = [Glyph("a", 10, 16), Glyph("b", 10, 16, -12, -2), Glyph("c", 100, 106), Glyph("d", 100, 106, -12, -2)]
    assert reading_order(cells) == cells  # a table's cells drawn cell by cell
