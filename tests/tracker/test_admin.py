"""Admin: pages load with bounded queries, folded search, bulk actions go through services with a form page."""
from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from tests.factories import UnitFactory, UserFactory
from tracker import services
from tracker.models import ExtensionRequest, Task, TaskAssignment, UnitAlias, User


@pytest.fixture
def admin_user(office_unit):
    return UserFactory(username="quantri", unit=office_unit, role=User.Role.OFFICE, is_staff=True,
                       is_superuser=True)


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["unit", "user", "task", "progressreport", "extensionrequest"])
def test_changelists_and_add_pages_load(client, admin_user, task_a, model, django_assert_max_num_queries):
    client.force_login(admin_user)
    with django_assert_max_num_queries(25):
        assert client.get(reverse(f"admin:tracker_{model}_changelist")).status_code == 200
    # Reports and extension requests come from the task pages only: the admin cannot add them.
    expected = 403 if model in ("progressreport", "extensionrequest") else 200
    assert client.get(reverse(f"admin:tracker_{model}_add")).status_code == expected


@pytest.mark.django_db
def test_task_change_page_and_history(client, admin_user, task_a):
    client.force_login(admin_user)
    assert client.get(reverse("admin:tracker_task_change", args=[task_a.pk])).status_code == 200
    assert client.get(reverse("admin:tracker_task_history", args=[task_a.pk])).status_code == 200


@pytest.mark.django_db
def test_folded_search_in_unit_and_task_admin(client, admin_user, task_a, unit_a):
    UnitAlias.objects.create(unit=unit_a, name="Ban Tổ chức Tỉnh uỷ (cũ)")
    client.force_login(admin_user)
    units = client.get(reverse("admin:tracker_unit_changelist"), {"q": "to chuc tinh uy"})
    assert list(units.context["cl"].result_list) == [unit_a]
    tasks = client.get(reverse("admin:tracker_task_changelist"), {"q": "ra soat doi ngu"})
    assert [t.pk for t in tasks.context["cl"].result_list] == [task_a.pk]
    timely = client.get(reverse("admin:tracker_task_changelist"), {"timeliness": "qua_han"})
    assert list(timely.context["cl"].result_list) == []


@pytest.mark.django_db
def test_bulk_reassign_shows_form_then_reassigns(client, admin_user, task_a, unit_a):
    new_lead = UnitFactory(name="Sở Nội vụ")
    client.force_login(admin_user)
    url = reverse("admin:tracker_task_changelist")
    data = {"action": "reassign_action", ACTION_CHECKBOX_NAME: [task_a.pk]}
    page = client.post(url, data)
    assert page.status_code == 200 and "Giao lại nhiệm vụ cho đơn vị" in page.content.decode()
    task_a.refresh_from_db()
    assert task_a.lead_unit == unit_a  # nothing yet
    r = client.post(url, {**data, "apply": "1", "lead": new_lead.pk})
    assert r.status_code == 302
    task_a.refresh_from_db()
    assert task_a.lead_unit == new_lead
    assert TaskAssignment.objects.get(task=task_a, role="lead").unit == new_lead
    assert "so noi vu" in task_a.search_text
    assert task_a.history.first().history_change_reason == "Giao lại cho Sở Nội vụ"


@pytest.mark.django_db
def test_bulk_change_due_date_validates_then_applies(client, admin_user, task_a, today):
    client.force_login(admin_user)
    url = reverse("admin:tracker_task_changelist")
    data = {"action": "change_due_date_action", ACTION_CHECKBOX_NAME: [task_a.pk], "apply": "1"}
    bad = client.post(url, {**data, "due_date": "32/01/2030"})
    assert bad.status_code == 200 and "Ngày không hợp lệ" in bad.content.decode()
    new_due = today + timedelta(days=100)
    r = client.post(url, {**data, "due_date": new_due.strftime("%d/%m/%Y"), "note": "Theo kết luận mới"})
    assert r.status_code == 302
    task_a.refresh_from_db()
    assert task_a.due_date == new_due and task_a.original_due_date == today + timedelta(days=20)


@pytest.mark.django_db
def test_extension_admin_action_uses_service(client, admin_user, staff_a, task_a, today):
    ext = services.request_extension(task_a, staff_a, new_due_date=today + timedelta(days=70), reason="Lý do")
    client.force_login(admin_user)
    r = client.post(reverse("admin:tracker_extensionrequest_changelist"),
                    {"action": "approve_action", ACTION_CHECKBOX_NAME: [ext.pk]})
    assert r.status_code == 302
    ext.refresh_from_db()
    task_a.refresh_from_db()
    assert ext.state == ExtensionRequest.State.APPROVED and task_a.due_date == today + timedelta(days=70)


@pytest.mark.django_db
def test_admin_edit_refreshes_search_text(client, admin_user, task_a):
    client.force_login(admin_user)
    Task.objects.filter(pk=task_a.pk).update(title="Tiêu đề cũ")
    task_a.refresh_from_db()
    task_a.title = "Kiểm tra công tác Đảng"
    services.refresh_search_text(task_a)
    task_a.refresh_from_db()
    assert "kiem tra cong tac dang" in task_a.search_text
