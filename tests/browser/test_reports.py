"""The office's report in a real browser: pick a quarter, see the chart and table, download both files;
a unit user gets only their unit; at 390×844 the list, the task page and the report do not scroll sideways."""
import io
from datetime import date, timedelta

import openpyxl
import pytest
from docx import Document

from tests.reports.conftest import created, event
from tracker import selectors, services
from tracker.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def q3(unit_a, unit_b):
    jun = date(2026, 6, 15)
    on_time = created(unit_a, jun, date(2026, 8, 31), "Rà soát quy hoạch cán bộ thuộc diện Ban Thường vụ quản lý")
    event(on_time, date(2026, 8, 20), status=Task.Status.DONE, completed_on=date(2026, 8, 20))
    late = created(unit_a, jun, date(2026, 9, 15), "Báo cáo chuyển đổi số")
    event(late, date(2026, 11, 2), status=Task.Status.DONE, completed_on=date(2026, 11, 2))  # after the as-of date
    created(unit_b, jun, date(2026, 9, 1), "Kiểm tra an toàn thực phẩm của Sở Y tế")
    return {"on_time": on_time, "late": late}


def _download(page, selector):
    with page.expect_download() as info:
        page.click(selector)
    return open(info.value.path(), "rb").read()


def test_office_picks_a_quarter_sees_chart_and_table_downloads_both(page, login, office_user, q3, unit_a, unit_b):
    login(office_user.username)
    page.click("#nav-main a[href='/bao-cao/']")
    page.select_option("#id_period", "2026-Q3")
    page.fill("#id_as_of", "05/10/2026")
    page.click("#report-filter button[type=submit]")
    page.wait_for_load_state()
    assert "quý III năm 2026" in page.locator("#report-heading").inner_text()
    assert page.locator("#chart-units rect[data-key]").count() >= 2
    assert page.locator("#chart-units").bounding_box()["width"] > 200  # drawn, not an empty box
    row_a = page.locator(f"#report-table tr[data-unit='{unit_a.pk}']")
    assert row_a.locator("[data-key=due_total]").inner_text() == "2"
    assert row_a.locator("[data-key=due_overdue]").inner_text() == "1"  # done in November, overdue on 5/10
    assert page.locator("#report-total [data-key=rate]").inner_text() == "33,3%"
    page.screenshot(path="/tmp/dondoc_report.png", full_page=True)
    assert page.locator("#chart-trend circle[data-rate]").count() == 2  # August, September (nothing due in July)

    wb = openpyxl.load_workbook(io.BytesIO(_download(page, "#download-xlsx")))
    summary = {r[1]: r for r in wb["Tổng hợp"].iter_rows(min_row=5, values_only=True) if r[1]}
    assert summary[unit_a.name][2:6] == (2, 1, 0, 1) and summary["Tổng cộng"][2] == 3
    doc = Document(io.BytesIO(_download(page, "#download-docx")))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in doc.tables[0].rows[0].cells[1].text
    assert [c.text for c in doc.tables[1].rows[-1].cells][1:3] == ["Tổng cộng", "3"]

    page.goto("/nhiem-vu/tong-hop/")
    assert page.locator("#chart-dashboard-units rect[data-key]").count() >= 2
    assert page.locator("#dashboard-charts #chart-trend").is_visible()


def test_unit_user_gets_no_other_units_rows_in_any_export(page, login, staff_b, q3, unit_a, unit_b):
    login(staff_b.username)
    for path in ("/bao-cao/tai-ve.xlsx", "/bao-cao/tai-ve.docx", "/bao-cao/in/", "/bao-cao/"):
        response = page.request.get(f"{path}?period=2026-Q3&unit={unit_a.pk}")
        assert response.status == 404, path
    response = page.request.get("/bao-cao/tai-ve.xlsx?period=2026-Q3&as_of=05/10/2026")
    wb = openpyxl.load_workbook(io.BytesIO(response.body()))
    leads = {r[3] for r in wb["Chi tiết"].iter_rows(min_row=4, values_only=True)}
    assert leads == {unit_b.name}
    response = page.request.get("/nhiem-vu/tai-ve.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(response.body()))
    assert {r[3] for r in wb["Chi tiết"].iter_rows(min_row=4, values_only=True)} == {unit_b.name}


def test_phone_width_has_no_horizontal_scroll(browser, live_server, staff_a, office_user, q3, unit_a):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844},
                                  locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", is_mobile=True, has_touch=True)
    page = context.new_page()
    task = services.create_task(title="Chỉ đạo đẩy nhanh tiến độ giải ngân vốn đầu tư công " * 3, lead=unit_a,
                                due_date=selectors.local_today() + timedelta(days=3))
    try:
        for user, paths in ((staff_a, ["/nhiem-vu/", f"/nhiem-vu/{task.pk}/", "/bao-cao/?period=2026-Q3"]),
                            (office_user, ["/nhiem-vu/", "/bao-cao/?period=2026-Q3", "/viec-cho-xu-ly/"])):
            context.clear_cookies()
            page.goto("/dang-nhap/")
            page.fill("#id_username", user.username)
            page.fill("#id_password", "matkhau-thu-123")
            page.click("button[type=submit]")
            page.wait_for_load_state()
            assert page.locator("#nav-main").is_hidden()  # the navbar is collapsed behind its toggler
            page.click(".navbar-toggler")
            page.locator("#nav-main").wait_for(state="visible")
            for path in paths:
                page.goto(path)
                widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                assert widths[0] <= widths[1], (path, widths)
        page.goto("/nhiem-vu/")
        card = page.locator("#task-table tbody tr[data-task]").first
        assert card.evaluate("e => getComputedStyle(e).display") == "block"  # rows are cards
        page.screenshot(path="/tmp/dondoc_phone_list.png", full_page=True)
    finally:
        context.close()
