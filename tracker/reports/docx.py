"""A draft report (.docx) the clerk edits and signs, in the form of the office's own documents.

Party form (Hướng dẫn 36-HD/VPTW): issuing body at top left over "*" and "Số …-BC/VPTU",
"ĐẢNG CỘNG SẢN VIỆT NAM" at top right over the place and date, "BÁO CÁO" with its summary
line, the body and table, "Nơi nhận" and the signature block. State form (Nghị định
30/2020/NĐ-CP) for a People's Committee office: the national title and motto instead.
Times New Roman 13–14 throughout.
"""
from __future__ import annotations

from typing import IO

from django.conf import settings
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Times New Roman"
FORMS = ("party", "state")


def _font(run, size=14, bold=False, italic=False, underline=False):
    run.font.name = FONT
    run.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    return run


def _para(container, text="", *, size=14, bold=False, italic=False, underline=False, align=None, space_after=0):
    p = container.add_paragraph()
    if text:
        _font(p.add_run(text), size, bold, italic, underline)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    return p


def _no_borders(table):
    borders = table._tbl.tblPr.first_child_found_in("w:tblBorders")
    if borders is not None:
        table._tbl.tblPr.remove(borders)


def _header(doc, form: str, as_of) -> None:
    province = getattr(settings, "REPORT_PROVINCE", "") or "……"
    place = getattr(settings, "REPORT_PLACE", "") or "……"
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].alignment = right.paragraphs[0].alignment = center
    if form == "state":
        _font(left.paragraphs[0].add_run(f"UBND TỈNH {province.upper()}"), 13)
        _para(left, "VĂN PHÒNG", size=13, bold=True, align=center)
        _para(left, "Số:      /BC-VP", size=13, align=center)
        _font(right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 13, bold=True)
        _para(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, underline=True, align=center)
    else:
        _font(left.paragraphs[0].add_run(f"TỈNH ỦY {province.upper()}"), 14)
        _para(left, "VĂN PHÒNG", size=14, bold=True, align=center)
        _para(left, "*", size=14, align=center)
        _para(left, "Số      -BC/VPTU", size=14, align=center)
        _font(right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM"), 15, bold=True, underline=True)
    _para(right, f"{place}, ngày {as_of.day:02d} tháng {as_of.month:02d} năm {as_of.year}", size=14,
          italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT if form == "party" else center, space_after=6)


TABLE_COLUMNS = (("STT", None), ("Đơn vị chủ trì", None), ("Đến hạn trong kỳ", "due_total"),
                 ("Đúng hạn", "due_on_time"), ("Quá hạn (đã xong)", "due_late"),
                 ("Chưa xong, quá hạn", "due_overdue"), ("Hoàn thành trước hạn", "later_done"),
                 ("Đang thực hiện trong hạn", "later_open"), ("Tỷ lệ đúng hạn", "rate"))


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}%".replace(".", ",")
    return str(value)


def _table(doc, report: dict) -> None:
    table = doc.add_table(rows=1, cols=len(TABLE_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, (label, _k) in zip(table.rows[0].cells, TABLE_COLUMNS):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(cell.paragraphs[0].add_run(label), 12, bold=True)

    def add(values, bold=False):
        cells = table.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, values)):
            if i != 1:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(cell.paragraphs[0].add_run(_fmt(value)), 12, bold=bold)

    n = 0
    for group in report["groups"]:
        add(["", group["label"], *[group["totals"][k] for _l, k in TABLE_COLUMNS[2:]]], bold=True)
        for unit in group["units"]:
            n += 1
            add([n, unit["name"], *[unit["counts"][k] for _l, k in TABLE_COLUMNS[2:]]])
    add(["", "Tổng cộng", *[report["totals"][k] for _l, k in TABLE_COLUMNS[2:]]], bold=True)


def report_document(report: dict, out: IO[bytes] | str, *, form: str = "party") -> None:
    """Write the draft report to `out` (a path or a binary file)."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)

    as_of, totals, period = report["as_of"], report["totals"], report["period"]
    _header(doc, form, as_of)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "BÁO CÁO", size=16, bold=True, align=center)
    _para(doc, f"tình hình thực hiện các kết luận, {period['label']}", size=14, bold=True, align=center)
    _para(doc, "-----", size=14, align=center, space_after=6)

    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    rate = _fmt(totals["rate"])
    _para(doc, f"Phạm vi: {report['scope']}. Số liệu tổng hợp đến ngày {as_of:%d/%m/%Y} "
               f"(kỳ báo cáo từ ngày {period['start']:%d/%m/%Y} đến ngày {period['end']:%d/%m/%Y}).",
          align=justify, space_after=6)
    _para(doc, f"Trong kỳ có {totals['due_total']} nhiệm vụ đến hạn: hoàn thành đúng hạn {totals['due_on_time']}, "
               f"hoàn thành quá hạn {totals['due_late']}, chưa hoàn thành quá hạn {totals['due_overdue']}"
               + (f", chưa đến hạn {totals['due_pending']}" if totals["due_pending"] else "")
               + f"; tỷ lệ hoàn thành đúng hạn {rate}. Nhiệm vụ có hạn sau kỳ: đã hoàn thành "
               f"{totals['later_done']}, đang thực hiện trong hạn {totals['later_open']}. Nhiệm vụ quá hạn từ kỳ "
               f"trước chưa hoàn thành: {totals['carried_overdue']}. Nhiệm vụ không thời hạn, thường xuyên, "
               f"định kỳ: {totals['no_deadline']}.", align=justify, space_after=6)
    _para(doc, "1. Kết quả theo đơn vị chủ trì", bold=True, space_after=3)
    _table(doc, report)
    if report["overdue"]:
        _para(doc, "", space_after=3)
        _para(doc, "2. Nhiệm vụ quá hạn chưa hoàn thành", bold=True, space_after=3)
        for i, row in enumerate(report["overdue"], start=1):
            _para(doc, f"{i}. {row['title']} – {row['lead']}; hạn {row['due_date']:%d/%m/%Y}, quá hạn "
                       f"{row['days_overdue']} ngày.", size=13, align=justify, space_after=2)
        if report["overdue_count"] > len(report["overdue"]):
            _para(doc, f"(và {report['overdue_count'] - len(report['overdue'])} nhiệm vụ khác, xem danh sách "
                       "kèm theo)", size=13, italic=True)
    _para(doc, "", space_after=6)

    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    _font(left.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, underline=form == "party")
    recipients = ("- Thường trực Tỉnh ủy (để báo cáo),", "- Các đơn vị liên quan,", "- Lưu Văn phòng.") \
        if form == "party" else ("- Chủ tịch, các PCT UBND tỉnh (để báo cáo),", "- Các sở, ngành liên quan,",
                                 "- Lưu: VT.")
    for line in recipients:
        _para(left, line, size=12)
    right.paragraphs[0].alignment = center
    _font(right.paragraphs[0].add_run("CHÁNH VĂN PHÒNG"), 14, bold=True)
    _para(right, "(Ký, ghi rõ họ tên)", size=14, italic=True, align=center)
    doc.save(out)
