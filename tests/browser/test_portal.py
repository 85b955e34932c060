"""The portal in a real browser: unit staff filter, report, see the new status; the office opens the dashboard."""
from datetime import timedelta

import pytest

from tests.factories import UnitFactory
from tracker import selectors, services
from tracker.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tasks(unit_a, unit_b):
    today = selectors.local_today()
    made = {
        "mine": services.create_task(title="Rà soát, bổ sung quy hoạch cán bộ thuộc diện Ban Thường vụ Tỉnh uỷ quản lý",
                                     lead=unit_a, supports=[unit_b], due_date=today + timedelta(days=5),
                                     deadline_phrase="trong tháng này"),
        "late": services.create_task(title="Báo cáo sơ kết công tác xây dựng Đảng 6 tháng", lead=unit_a,
                                     due_date=today - timedelta(days=4)),
        "other": services.create_task(title="Kiểm tra an toàn thực phẩm", lead=UnitFactory(name="Sở Công Thương"),
                                      due_date=today + timedelta(days=30)),
    }
    Task.objects.filter(pk=made["late"].pk).update(status=Task.Status.IN_PROGRESS)
    return made


def test_unit_staff_filter_report_and_see_new_status(page, login, staff_a, tasks):
    login(staff_a.username)
    page.goto("/nhiem-vu/")
    assert page.locator("h1").inner_text() == "Nhiệm vụ của đơn vị"
    rows = page.locator("#task-table tbody tr[data-task]")
    assert rows.count() == 2  # the other unit's task is not listed
    page.fill("#id_q", "quy hoach can bo")  # no diacritics
    page.select_option("#id_status", "new")
    page.click("#task-filter button[type=submit]")
    page.wait_for_load_state()
    assert rows.count() == 1
    assert "badge t-sap_den_han" in rows.first.inner_html()
    page.screenshot(path="/tmp/dondoc_task_list.png", full_page=True)

    rows.first.locator("a").first.click()
    page.wait_for_load_state()
    assert "Giao mới" in page.locator("#task-status").inner_text()
    page.fill("#form-report textarea[name=text]", "Đã xây dựng dự thảo, đang lấy ý kiến các ban.")
    page.fill("#form-report input[name=percent]", "40")
    page.click("#form-report button[type=submit]")
    page.wait_for_load_state()
    assert "Đã gửi báo cáo tiến độ." in page.content()
    assert "Đang thực hiện" in page.locator("#task-status").inner_text()
    assert "Đã xây dựng dự thảo" in page.locator("#reports").inner_text()
    page.screenshot(path="/tmp/dondoc_task_detail.png", full_page=True)

    page.goto("/nhiem-vu/?status=in_progress")
    assert page.locator("#task-table tbody tr[data-task]").count() == 2


def test_bad_input_shows_vietnamese_message(page, login, staff_a, tasks):
    login(staff_a.username)
    page.goto(f"/nhiem-vu/{tasks['mine'].pk}/")
    page.fill("#form-report textarea[name=text]", "Thử")
    page.fill("#form-report input[name=percent]", "150")
    # the browser's own min/max check would block the submit; the server must say it too
    page.eval_on_selector("#form-report input[name=percent]", "el => { el.removeAttribute('max'); }")
    page.click("#form-report button[type=submit]")
    page.wait_for_load_state()
    assert "Tiến độ phải từ 0 đến 100%." in page.locator("#form-report").inner_text()
    assert Task.objects.get(pk=tasks["mine"].pk).progress == 0


def test_office_opens_dashboard(page, login, office_user, tasks):
    login(office_user.username)
    page.click("text=Tổng hợp")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Tổng hợp tình hình thực hiện"
    assert "Báo cáo sơ kết công tác xây dựng Đảng" in page.locator("#overdue").inner_text()
    assert "Rà soát, bổ sung quy hoạch" in page.locator("#due-soon").inner_text()
    page.screenshot(path="/tmp/dondoc_dashboard.png", full_page=True)
    page.locator("#per-unit a", has_text="1").first.click()
    page.wait_for_load_state()
    assert "/nhiem-vu/?unit=" in page.url
