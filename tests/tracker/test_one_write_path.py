"""The admin is not a second write path: its task form saves through the services, refuses a
stale form, and nothing in the record can be bulk-deleted; the task page refuses stale decisions too."""
from datetime import date

import pytest
from django.urls import reverse

from ingest.models import Directive
from tests.factories import UnitFactory, UserFactory
from tracker import selectors, services
from tracker.models import ProgressReport, Task, TaskAssignment, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(office_unit):
    return UserFactory(username="quantri", unit=office_unit, role=User.Role.OFFICE, is_staff=True,
                       is_superuser=True)


def _form_data(client, task=None) -> dict:
    """The admin change (or add) form as a browser would post it back, unchanged."""
    url = reverse("admin:tracker_task_change", args=[task.pk]) if task else reverse("admin:tracker_task_add")
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name, _field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        elif isinstance(value, date):
            data[name] = value.strftime("%d/%m/%Y")
        elif hasattr(value, "pk"):
            data[name] = str(value.pk)
        else:
            data[name] = str(value)
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = str(management[name].value())
    return data


def test_admin_edit_of_lead_and_status_keeps_assignments_completion_and_history(client, admin_user, task_a,
                                                                              unit_a, unit_b):
    new_lead = UnitFactory(name="Ban Dân vận Tỉnh ủy", short_name="BDVTU", code="BDVTU")
    client.force_login(admin_user)
    data = _form_data(client, task_a)
    data.update(lead_unit=str(new_lead.pk), status=Task.Status.DONE, note="Đã kiểm tra tại chỗ")
    response = client.post(reverse("admin:tracker_task_change", args=[task_a.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""

    task = Task.objects.get(pk=task_a.pk)
    assert task.lead_unit == new_lead and task.status == Task.Status.DONE
    assert task.completed_on == selectors.local_today()  # done always has its date
    roles = dict(task.assignments.values_list("unit_id", "role"))
    assert roles == {new_lead.pk: TaskAssignment.Role.LEAD, unit_b.pk: TaskAssignment.Role.SUPPORT}
    assert unit_a.pk not in roles  # the old lead no longer sees or is reminded of it
    assert list(selectors.visible_tasks(UserFactory(unit=new_lead, role=User.Role.UNIT_STAFF))) == [task]
    assert not selectors.visible_tasks(UserFactory(unit=unit_a, role=User.Role.UNIT_STAFF)).exists()
    last = task.history.latest("history_id")
    assert (last.lead_unit_id, last.status, last.completed_on) == (new_lead.pk, "done", task.completed_on)
    assert last.history_user == admin_user
    assert "Giao lại" in last.history_change_reason and "Đã kiểm tra tại chỗ" in last.history_change_reason
    assert task.version == task_a.version + 1


def test_a_task_added_in_the_admin_is_made_by_the_service(client, admin_user, unit_a, unit_b):
    client.force_login(admin_user)
    data = _form_data(client)
    assert "status" not in data  # a new task starts "giao mới"
    data.update(title="Kiểm tra công tác phòng chống thiên tai", lead_unit=str(unit_a.pk),
                supports=[str(unit_b.pk)], due_date="31/12/2026", recurrence="")
    response = client.post(reverse("admin:tracker_task_add"), data)
    assert response.status_code == 302
    task = Task.objects.get(title="Kiểm tra công tác phòng chống thiên tai")
    assert dict(task.assignments.values_list("unit_id", "role")) == {unit_a.pk: "lead", unit_b.pk: "support"}
    assert task.original_due_date == task.due_date == date(2026, 12, 31)
    assert task.history.latest("history_id").history_user == admin_user
    assert task.search_text  # found by the list's search


def test_admin_stale_form_gets_a_conflict_not_a_silent_overwrite(client, admin_user, office_user, task_a):
    client.force_login(admin_user)
    stale = _form_data(client, task_a)
    services.update_task(task_a, office_user, due_date=date(2030, 1, 31), reason="đồng chí khác sửa trước")
    stale["title"] = "Tiêu đề sửa trên trang cũ"
    response = client.post(reverse("admin:tracker_task_change", args=[task_a.pk]), stale)
    assert response.status_code == 200
    assert services.STALE in response.content.decode()
    task = Task.objects.get(pk=task_a.pk)
    assert task.title == task_a.title and task.due_date == date(2030, 1, 31)  # the first edit stands


def test_page_stale_decision_gets_a_conflict(client, office_user, task_a):
    client.force_login(office_user)
    page = client.get(reverse("tracker:task_detail", args=[task_a.pk]))
    version = page.context["forms"]["status"]["version"].value()
    assert f'name="version" value="{version}"' in page.content.decode()
    services.update_task(task_a, office_user, due_date=date(2030, 1, 31))  # someone else, meanwhile
    response = client.post(reverse("tracker:set_status", args=[task_a.pk]),
                           {"status": Task.Status.CANCELLED, "note": "trùng", "version": version})
    assert response.status_code == 400
    assert services.STALE in response.content.decode()
    assert Task.objects.get(pk=task_a.pk).status == task_a.status
    fresh = Task.objects.get(pk=task_a.pk).version
    response = client.post(reverse("tracker:set_status", args=[task_a.pk]),
                           {"status": Task.Status.CANCELLED, "note": "trùng", "version": fresh})
    assert response.status_code == 302
    assert Task.objects.get(pk=task_a.pk).status == Task.Status.CANCELLED


@pytest.mark.parametrize("model", ["task", "progressreport", "extensionrequest", "outboxmessage"])
def test_the_record_cannot_be_deleted_from_the_admin(client, admin_user, task_a, model):
    client.force_login(admin_user)
    changelist = client.get(reverse(f"admin:tracker_{model}_changelist"))
    assert "delete_selected" not in changelist.content.decode()
    if model == "task":
        assert client.post(reverse("admin:tracker_task_delete", args=[task_a.pk]), {"post": "yes"}).status_code == 403
        client.post(reverse("admin:tracker_task_changelist"),
                    {"action": "delete_selected", "_selected_action": [task_a.pk], "post": "yes"})
        assert Task.objects.filter(pk=task_a.pk).exists()


def test_cancel_with_a_reason_instead_of_delete(client, admin_user, task_a):
    client.force_login(admin_user)
    url = reverse("admin:tracker_task_changelist")
    response = client.post(url, {"action": "cancel_action", "_selected_action": [task_a.pk], "apply": "1",
                                 "reason": "Trùng với nhiệm vụ khác"})
    assert response.status_code == 302
    task = Task.objects.get(pk=task_a.pk)
    assert task.status == Task.Status.CANCELLED
    assert "Trùng với nhiệm vụ khác" in task.history.latest("history_id").history_change_reason


def test_a_report_is_withdrawn_with_a_reason_and_keeps_its_history(client, admin_user, staff_a, task_a):
    report = services.report_progress(task_a, staff_a, text="Đã rà soát 50%", percent=50)
    client.force_login(admin_user)
    url = reverse("admin:tracker_progressreport_change", args=[report.pk])
    response = client.post(url, {"withdrawn_reason": "Báo cáo nhầm nhiệm vụ"})
    assert response.status_code == 302
    report = ProgressReport.objects.get(pk=report.pk)
    assert report.text == "Đã rà soát 50%" and report.withdrawn_reason == "Báo cáo nhầm nhiệm vụ"
    first, last = report.history.order_by("history_id")
    assert first.withdrawn_reason == "" and first.history_user == staff_a
    assert last.withdrawn_reason == "Báo cáo nhầm nhiệm vụ" and last.history_user == admin_user


def test_who_edited_a_draft_directive_is_recorded(client, office_user, directive):
    from ingest.models import Communique
    from ingest.services import review

    Communique.objects.filter(pk=directive.communique_id).update(state=Communique.State.DRAFT)
    review.update_directive(directive, user=office_user, text="Giao Ban Tổ chức chủ trì rà soát lại.")
    last = Directive.objects.get(pk=directive.pk).history.latest("history_id")
    assert last.history_user == office_user and last.text == "Giao Ban Tổ chức chủ trì rà soát lại."
