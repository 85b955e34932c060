"""The report page and its files agree: .xlsx and .docx re-opened, figures read back, history crossing the as-of date."""
import io
import re
from datetime import date

import openpyxl
import pytest
from docx import Document
from django.core.management import call_command

from tests.reports.conftest import event
from tracker.models import Task

QUERY = {"period": "2026-Q3", "as_of": "05/10/2026"}
KEYS = ["due_total", "due_on_time", "due_late", "due_overdue", "due_pending", "later_done", "later_open",
        "carried_overdue", "no_deadline"]


def _page_figures(html: str, unit_pk: int) -> list[int]:
    row = re.search(rf'<tr data-unit="{unit_pk}">(.*?)</tr>', html, re.S).group(1)
    return [int(re.search(rf'data-key="{k}">(\d+)<', row).group(1)) for k in KEYS]


@pytest.fixture
def office_client(client, office_user):
    client.force_login(office_user)
    return client


def test_page_xlsx_and_docx_show_the_same_figures(office_client, quarter, unit_a, unit_b):
    # A completion after the as-of date: the page and both files still count it overdue.
    event(Task.objects.get(pk=quarter["open_later"].pk), date(2026, 11, 3), status=Task.Status.DONE,
          completed_on=date(2026, 11, 3))
    page = office_client.get("/bao-cao/", QUERY)
    assert page.status_code == 200
    html = page.content.decode()
    a, b = _page_figures(html, unit_a.pk), _page_figures(html, unit_b.pk)
    assert a[:4] == [4, 1, 1, 2] and b[5:9] == [1, 1, 1, 1]
    assert 'id="chart-units"' in html and 'id="chart-trend"' in html
    assert "Cách tính" in html and "Hạn trong kỳ; đến ngày số liệu đã hoàn thành" in html

    response = office_client.get("/bao-cao/tai-ve.xlsx", QUERY)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert wb.sheetnames == ["Tổng hợp", "Chi tiết"]
    summary = wb["Tổng hợp"]
    assert summary.freeze_panes == "A5"
    assert summary.page_setup.orientation == "landscape" and summary.page_setup.paperSize == 9
    rows = {r[1]: r for r in summary.iter_rows(min_row=5, values_only=True) if r[1]}
    assert list(rows[unit_a.name][2:11]) == a
    assert list(rows[unit_b.name][2:11]) == b
    assert rows["Tổng cộng"][2] == a[0] + b[0]
    detail = wb["Chi tiết"]
    header = [c.value for c in detail[3]]
    assert header[:6] == ["STT", "Nội dung nhiệm vụ", "Văn bản giao", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"]
    assert detail["A3"].font.b and detail.freeze_panes == "A4" and detail.auto_filter.ref.startswith("A3:")
    body = list(detail.iter_rows(min_row=4, values_only=True))
    assert len(body) == sum(a) + sum(b) - a[0] - b[0]  # every counted task once (due_total is a sum)
    by_title = {r[1]: r for r in body}
    late = by_title["Báo cáo chuyển đổi số"]
    assert late[5].date() == date(2026, 9, 15) and detail.cell(row=4, column=6).number_format == "dd/mm/yyyy"
    assert late[4] == unit_b.name  # support unit
    assert late[7] == "Chưa hoàn thành, quá hạn (20 ngày)"
    assert by_title["Đề án y tế cơ sở"][7] == "Đang thực hiện, trong hạn"  # as it stood on 5/10
    assert detail.cell(row=4, column=2).alignment.wrap_text

    response = office_client.get("/bao-cao/tai-ve.docx", QUERY)
    doc = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in doc.paragraphs)
    header_cells = [c.text for c in doc.tables[0].rows[0].cells]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header_cells[1] and "*" in header_cells[0] and "-BC/VPTU" in header_cells[0]
    assert "BÁO CÁO" in text and "quý III năm 2026" in text
    assert f"Trong kỳ có {a[0] + b[0]} nhiệm vụ đến hạn: hoàn thành đúng hạn 1" in text
    table = doc.tables[1]
    docx_rows = {r.cells[1].text: [c.text for c in r.cells] for r in table.rows}
    assert docx_rows[unit_a.name][2:6] == [str(n) for n in a[:4]]
    assert docx_rows[unit_a.name][8] == "25,0%"
    assert "Nơi nhận:" in doc.tables[2].rows[0].cells[0].text
    assert "CHÁNH VĂN PHÒNG" in doc.tables[2].rows[0].cells[1].text
    assert doc.paragraphs[0].runs == [] or doc.styles["Normal"].font.name == "Times New Roman"


def test_state_form_for_a_peoples_committee_office(office_client, quarter):
    response = office_client.get("/bao-cao/tai-ve.docx", {**QUERY, "form": "state"})
    doc = Document(io.BytesIO(b"".join(response.streaming_content)))
    right = doc.tables[0].rows[0].cells[1].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right


def test_print_view_is_a4_landscape(office_client, quarter, unit_a):
    response = office_client.get("/bao-cao/in/", QUERY)
    html = response.content.decode()
    assert response.status_code == 200 and "css/print.css" in html and f'data-unit="{unit_a.pk}"' in html
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/print.css")).read()
    assert "size: A4 landscape" in css


def test_export_report_command_writes_both_files(quarter, unit_a, tmp_path):
    out = tmp_path / "q3.xlsx"
    call_command("export_report", "--period", "2026-Q3", "--unit", unit_a.code, "--as-of", "05/10/2026",
                 "--format", "xlsx", "--output", str(out), stdout=io.StringIO())
    wb = openpyxl.load_workbook(out)
    rows = [r for r in wb["Tổng hợp"].iter_rows(min_row=5, values_only=True) if r[1] == unit_a.name]
    assert list(rows[0][2:6]) == [4, 1, 1, 2]
    assert {r[3] for r in wb["Chi tiết"].iter_rows(min_row=4, values_only=True)} == {unit_a.name}
    docx_out = tmp_path / "q3.docx"
    call_command("export_report", "--from", "01/07/2026", "--to", "30/09/2026", "--as-of", "2026-10-05",
                 "--format", "docx", "--output", str(docx_out), stdout=io.StringIO())
    assert "Tổng cộng" in [r.cells[1].text for r in Document(docx_out).tables[1].rows]


def test_export_report_command_rejects_a_bad_period(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("export_report", "--period", "2026-Q7", "--output", str(tmp_path / "x.xlsx"))


def test_task_list_export_follows_the_filters(client, staff_a, unit_a):
    from tests.factories import UnitFactory
    from tracker import services

    task_a = services.create_task(title="Rà soát đội ngũ cán bộ", lead=unit_a, due_date=date(2026, 12, 1))
    services.create_task(title="Cân đối ngân sách", lead=UnitFactory(), due_date=date(2026, 12, 1))
    client.force_login(staff_a)
    response = client.get("/nhiem-vu/tai-ve.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    titles = [r[1] for r in wb["Chi tiết"].iter_rows(min_row=4, values_only=True)]
    assert titles == [task_a.title]  # never another unit's task
    response = client.get("/nhiem-vu/tai-ve.xlsx", {"q": "khong co"})
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert list(wb["Chi tiết"].iter_rows(min_row=4, values_only=True)) == []


def test_a_large_export_runs_as_a_job_with_progress_for_its_owner_only(client, office_user, viewer, quarter,
                                                                       monkeypatch, settings, tmp_path, unit_a):
    from tracker.reports import jobs, tasks

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(jobs, "SYNC_LIMIT", 2)
    queued = []
    monkeypatch.setattr(tasks.export_xlsx, "delay", queued.append)
    client.force_login(office_user)
    response = client.get("/bao-cao/tai-ve.xlsx", QUERY)
    assert response.status_code == 302 and "/bao-cao/xuat/" in response["Location"]
    progress = client.get(response["Location"]).content.decode()
    assert 'id="job-progress"' in progress and 'http-equiv="refresh"' in progress
    jobs.run(queued[0])  # what the Celery worker does
    done = client.get(response["Location"]).content.decode()
    assert 'id="job-download"' in done
    file = client.get(response["Location"] + "tep.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(file.streaming_content)))
    rows = {r[1]: r for r in wb["Tổng hợp"].iter_rows(min_row=5, values_only=True) if r[1]}
    assert list(rows[unit_a.name][2:6]) == [4, 1, 1, 2]
    client.force_login(viewer)  # another user with the link: nothing
    assert client.get(response["Location"]).status_code == 404
    assert client.get(response["Location"] + "tep.xlsx").status_code == 404


def test_a_large_task_list_export_runs_as_a_job_scoped_to_its_owner(client, staff_a, unit_a, monkeypatch,
                                                                      settings, tmp_path):
    from tests.factories import UnitFactory
    from tracker import services
    from tracker.reports import jobs, tasks

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(jobs, "SYNC_LIMIT", 1)
    queued = []
    monkeypatch.setattr(tasks.export_xlsx, "delay", queued.append)
    for title in ("Rà soát đội ngũ cán bộ", "Sơ kết công tác dân vận"):
        services.create_task(title=title, lead=unit_a, due_date=date(2026, 12, 1))
    services.create_task(title="Cân đối ngân sách", lead=UnitFactory(), due_date=date(2026, 12, 1))
    client.force_login(staff_a)
    response = client.get("/nhiem-vu/tai-ve.xlsx", {"q": "ra soat"})
    assert response.status_code == 200  # one row: under the limit, served at once
    response = client.get("/nhiem-vu/tai-ve.xlsx")
    assert response.status_code == 302
    jobs.run(queued[0])
    file = client.get(response["Location"] + "tep.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(file.streaming_content)))
    titles = sorted(r[1] for r in wb["Chi tiết"].iter_rows(min_row=4, values_only=True))
    assert titles == ["Rà soát đội ngũ cán bộ", "Sơ kết công tác dân vận"]
