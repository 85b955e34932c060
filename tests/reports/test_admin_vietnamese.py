"""The admin's history and login-attempt pages read in Vietnamese, with dates as dd/mm/yyyy."""
from datetime import date

from tracker import services
from tracker.models import Task


def test_task_history_page_shows_labels_not_codes(admin_client, admin_user, unit_a):
    task = services.create_task(title="Rà soát", lead=unit_a, due_date=date(2026, 9, 30))
    services.update_task(task, admin_user, status=Task.Status.AWAITING)
    html = admin_client.get(f"/quan-tri/tracker/task/{task.pk}/history/").content.decode()
    assert "Chờ xác nhận hoàn thành" in html and "Giao mới" in html
    assert "awaiting" not in html and "get_status_display" not in html and "lead_unit" not in html
    assert "Đơn vị chủ trì" in html and "Ngày hoàn thành" in html
    assert "Người thay đổi" in html and "Lý do" in html and "Changed by" not in html
    assert "30/09/2026" in html


def test_axes_admin_and_show_counts_are_vietnamese(admin_client):
    html = admin_client.get("/quan-tri/axes/accessattempt/").content.decode()
    assert "lần đăng nhập sai" in html and "access attempt" not in html.lower()
    html = admin_client.get("/quan-tri/tracker/task/").content.decode()
    assert "Show counts" not in html
