"""The report and any task list as .xlsx, in openpyxl's write-only mode: rows stream to disk, memory stays flat."""
from __future__ import annotations

from copy import copy
from datetime import date
from typing import IO, Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

DATE_FORMAT = "dd/mm/yyyy"
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FONT = Font(name="Times New Roman", bold=True, size=12)
BODY_FONT = Font(name="Times New Roman", size=12)
HEADER_FILL = PatternFill("solid", fgColor="E8E8E8")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

DETAIL_COLUMNS = (
    ("STT", 6), ("Nội dung nhiệm vụ", 60), ("Văn bản giao", 22), ("Đơn vị chủ trì", 28),
    ("Đơn vị phối hợp", 28), ("Thời hạn", 12), ("Tình hình thực hiện", 50), ("Kết quả", 26),
)


def _setup(ws, widths: Iterable[int], header_row: int) -> None:
    """A4 landscape, fit to width, the header repeated on every printed page."""
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.freeze_panes = f"A{header_row + 1}"


def _style(ws, font, alignment, fill, number_format):
    """The style array of a cell styled this way, built once per combination.

    Assigning font, alignment and border to each cell hashes every style object each time
    (~80% of an export's time); copying a finished style array is a tuple copy. The arrays
    index the workbook's own style tables, so the cache lives on the workbook.
    """
    cache = ws.parent.__dict__.setdefault("_dondoc_styles", {})
    key = (id(font), id(alignment), id(fill), number_format)
    if key not in cache:
        cell = WriteOnlyCell(ws)
        cell.font, cell.alignment, cell.border = font, alignment, BORDER
        if fill is not None:
            cell.fill = fill
        if number_format:
            cell.number_format = number_format
        cache[key] = cell._style
    return cache[key]


def _cell(ws, value, *, font=BODY_FONT, alignment=WRAP, fill=None, number_format=None):
    cell = WriteOnlyCell(ws, value=value)
    cell._style = copy(_style(ws, font, alignment, fill, number_format))
    return cell


def _header(ws, labels) -> list:
    return [_cell(ws, label, font=HEADER_FONT, alignment=CENTER, fill=HEADER_FILL) for label in labels]


def _title(ws, text: str):
    cell = WriteOnlyCell(ws, value=text)
    cell.font = Font(name="Times New Roman", bold=True, size=14)
    return [cell]


def write_detail(wb: Workbook, rows: Iterable[dict], *, title: str, result_key: str = "result",
                 progress=None) -> int:
    """The detail sheet: one row per task, real date cells, bold frozen header, autofilter."""
    ws = wb.create_sheet("Chi tiết")
    _setup(ws, [w for _l, w in DETAIL_COLUMNS], header_row=3)
    ws.append(_title(ws, title))
    ws.append([])
    ws.append(_header(ws, [label for label, _w in DETAIL_COLUMNS]))
    n = 0
    for n, row in enumerate(rows, start=1):
        due = row["due_date"]
        ws.append([
            _cell(ws, n, alignment=CENTER), _cell(ws, row["title"]), _cell(ws, row["communique"]),
            _cell(ws, row["lead"]), _cell(ws, row["supports"]),
            _cell(ws, due if due else "Không thời hạn", alignment=CENTER,
                  number_format=DATE_FORMAT if isinstance(due, date) else None),
            _cell(ws, row["progress"]), _cell(ws, row[result_key]),
        ])
        if progress is not None and n % 1000 == 0:
            progress(n)
    ws.auto_filter.ref = f"A3:{get_column_letter(len(DETAIL_COLUMNS))}{max(3, n + 3)}"
    return n


def write_summary(wb: Workbook, report: dict) -> None:
    """The summary sheet: per unit in its group, the counts, group subtotals and the grand total."""
    ws = wb.create_sheet("Tổng hợp", 0)
    labels = ["STT", "Đơn vị chủ trì", "Đến hạn trong kỳ", *[c["label"] for c in report["columns"]],
              "Tỷ lệ đúng hạn (%)"]
    keys = ["due_total", *[c["key"] for c in report["columns"]]]
    _setup(ws, [6, 40, 12, *([13] * len(report["columns"])), 12], header_row=4)
    ws.append(_title(ws, f"TÌNH HÌNH THỰC HIỆN KẾT LUẬN {report['period']['label'].upper()}"))
    ws.append([WriteOnlyCell(ws, value=f"Phạm vi: {report['scope']}. Số liệu đến ngày "
                                        f"{report['as_of']:%d/%m/%Y}.")])
    ws.append([])
    ws.append(_header(ws, labels))
    bold = Font(name="Times New Roman", bold=True, size=12)
    n = 0
    for group in report["groups"]:
        ws.append([_cell(ws, "", font=bold), _cell(ws, group["label"], font=bold),
                   *[_cell(ws, group["totals"][k], font=bold) for k in keys],
                   _cell(ws, group["totals"]["rate"], font=bold, number_format="0.0")])
        for unit in group["units"]:
            n += 1
            ws.append([_cell(ws, n, alignment=CENTER), _cell(ws, unit["name"]),
                       *[_cell(ws, unit["counts"][k]) for k in keys],
                       _cell(ws, unit["counts"]["rate"], number_format="0.0")])
    totals = report["totals"]
    ws.append([_cell(ws, "", font=bold), _cell(ws, "Tổng cộng", font=bold),
               *[_cell(ws, totals[k], font=bold) for k in keys],
               _cell(ws, totals["rate"], font=bold, number_format="0.0")])
    ws.auto_filter.ref = f"A4:{get_column_letter(len(labels))}{n + len(report['groups']) + 5}"
    ws.append([])
    for column in report["columns"]:
        ws.append([None, WriteOnlyCell(ws, value=f"{column['label']}: {column['definition']}")])


def report_workbook(report: dict, detail: Iterable[dict], out: IO[bytes] | str, *, progress=None) -> int:
    """Write the report's two sheets to `out`; returns the number of detail rows."""
    wb = Workbook(write_only=True)
    write_summary(wb, report)
    n = write_detail(wb, detail, title=f"DANH SÁCH NHIỆM VỤ – {report['period']['label'].upper()} "
                                        f"(số liệu đến ngày {report['as_of']:%d/%m/%Y})", progress=progress)
    wb.save(out)
    return n


def task_list_workbook(rows: Iterable[dict], out: IO[bytes] | str, *, title: str, progress=None) -> int:
    """A filtered task list as one detail sheet ("Kết quả" is the task's timeliness today)."""
    wb = Workbook(write_only=True)
    n = write_detail(wb, rows, title=title, progress=progress)
    wb.save(out)
    return n
