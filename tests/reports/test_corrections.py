"""Corrections after publishing, from the task and communiqué pages, through the services, in the history."""
from datetime import date

import pytest

from ingest.models import Communique
from tests.factories import UnitFactory
from tracker import services
from tracker.models import Task


@pytest.fixture
def published(db):
    return Communique.objects.create(number="20-TB/TU", title="Kết luận", meeting_date=date(2026, 7, 1),
                                     text="Nội dung", content_hash="corr-20", state=Communique.State.PUBLISHED)


def test_office_corrects_text_owners_and_deadline_with_a_reason(client, office_user, unit_a, unit_b):
    task = services.create_task(title="Rà soát cán bo", lead=unit_a, due_date=date(2026, 9, 30))
    other = UnitFactory(name="Sở Nội vụ")
    client.force_login(office_user)
    assert "form-correct" in client.get(f"/nhiem-vu/{task.pk}/").content.decode()
    response = client.post(f"/nhiem-vu/{task.pk}/dieu-chinh/", {
        "correct-title": "Rà soát cán bộ", "correct-lead": other.pk, "correct-supports": [unit_b.pk],
        "correct-due_date": "31/10/2026", "correct-reason": "Văn bản ghi nhầm đơn vị"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.title, task.lead_unit, task.due_date) == ("Rà soát cán bộ", other, date(2026, 10, 31))
    assert set(task.assignments.values_list("unit_id", "role")) == {(other.pk, "lead"), (unit_b.pk, "support")}
    record = task.history.latest()
    # What changed, then why (the list is shortened, never the reason: the history column holds 100).
    assert record.history_change_reason == ("Sửa nội dung; Giao lại cho Sở Nội vụ; Đổi đơn vị phối hợp; … – "
                                            "Văn bản ghi nhầm đơn vị")
    assert record.history_user == office_user
    search = Task.objects.get(pk=task.pk).search_text
    assert all(part in search for part in ("ra soat can bo", "so noi vu", "so y te"))


def test_correction_needs_a_reason_and_the_office(client, office_user, staff_a, unit_a):
    task = services.create_task(title="Rà soát", lead=unit_a, due_date=date(2026, 9, 30))
    client.force_login(office_user)
    client.post(f"/nhiem-vu/{task.pk}/dieu-chinh/", {"correct-title": "Khác", "correct-lead": unit_a.pk,
                                                      "correct-reason": " "})
    assert Task.objects.get(pk=task.pk).title == "Rà soát"
    client.force_login(staff_a)
    response = client.post(f"/nhiem-vu/{task.pk}/dieu-chinh/", {
        "correct-title": "Khác", "correct-lead": unit_a.pk, "correct-reason": "thử"})
    assert response.status_code == 403 and Task.objects.get(pk=task.pk).title == "Rà soát"


def test_office_adds_a_missed_task_from_the_communique_page(client, office_user, unit_a, published):
    client.force_login(office_user)
    assert "form-missed" in client.get(f"/thong-bao/{published.pk}/").content.decode()
    response = client.post(f"/thong-bao/{published.pk}/bo-sung-nhiem-vu/", {
        "missed-title": "Tổng kết 5 năm thực hiện Nghị quyết", "missed-lead": unit_a.pk,
        "missed-due_date": "15/12/2026", "missed-reason": "ý 3 bị sót"})
    assert response.status_code == 302
    task = Task.objects.get(directive__communique=published)
    assert task.due_date == date(2026, 12, 15) and task.lead_unit == unit_a
    assert task.history.get().history_change_reason == "Bổ sung nhiệm vụ bị sót khi trích xuất: ý 3 bị sót"
    assert task.directive.order == 1 and task.directive.review == "accepted"


def test_every_door_records_the_same_edit_the_same_way(client, office_user, admin_user, unit_a, unit_b):
    """The correction page, the admin's bulk action and the API all edit through services.update_task."""
    tasks = [services.create_task(title=f"Rà soát {i}", lead=unit_a) for i in range(3)]
    client.force_login(office_user)
    client.post(f"/nhiem-vu/{tasks[0].pk}/dieu-chinh/", {
        "correct-title": "Rà soát 0", "correct-lead": unit_b.pk, "correct-reason": "Ghi nhầm",
        "correct-version": tasks[0].version})
    client.force_login(admin_user)
    client.post("/quan-tri/tracker/task/", {"action": "reassign_action", "_selected_action": [tasks[1].pk],
                                             "apply": "1", "lead": unit_b.pk})
    services.update_task(tasks[1], admin_user, reason="Ghi nhầm")  # nothing changes: nothing is written
    client.force_login(office_user)
    response = client.patch(f"/api/v1/tasks/{tasks[2].pk}/", {"lead_unit": unit_b.pk, "note": "Ghi nhầm"},
                            content_type="application/json")
    assert response.status_code == 200, response.content
    reasons = [Task.objects.get(pk=t.pk).history.latest().history_change_reason for t in tasks]
    assert reasons == [f"Giao lại cho {unit_b} – Ghi nhầm", f"Giao lại cho {unit_b}", f"Giao lại cho {unit_b} – Ghi nhầm"]
    assert all(Task.objects.get(pk=t.pk).version == 2 for t in tasks)


def test_correction_from_a_stale_page_or_with_no_change_writes_nothing(client, office_user, unit_a):
    task = services.create_task(title="Rà soát", lead=unit_a)
    client.force_login(office_user)
    form = {"correct-title": "Rà soát", "correct-lead": unit_a.pk, "correct-reason": "thử",
            "correct-version": task.version}
    page = client.post(f"/nhiem-vu/{task.pk}/dieu-chinh/", form, follow=True).content.decode()
    assert "Không có thay đổi nào để lưu." in page and Task.objects.get(pk=task.pk).version == task.version
    services.update_task(task, office_user, due_date=date(2027, 1, 31))  # someone else, meanwhile
    page = client.post(f"/nhiem-vu/{task.pk}/dieu-chinh/", {**form, "correct-title": "Khác"}, follow=True)
    assert services.STALE in page.content.decode() and Task.objects.get(pk=task.pk).title == "Rà soát"


def test_a_task_cannot_lose_its_text(office_user, unit_a):
    from django.core.exceptions import ValidationError

    task = services.create_task(title="Rà soát", lead=unit_a)
    with pytest.raises(ValidationError, match="không được để trống"):
        services.update_task(task, office_user, title="   ")
