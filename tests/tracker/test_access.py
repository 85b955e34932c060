"""Who reaches what: another unit's staff get 404 everywhere, leadership reads only, the office does all."""
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tracker import services
from tracker.models import ExtensionRequest, ProgressReport, Task

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def post_payloads(task, extension, today):
    """Every POST endpoint with input that would be valid for an authorised user."""
    return {
        "report": (reverse("tracker:report", args=[task.pk]), {"text": "Đã triển khai", "percent": "40"}),
        "mark_done": (reverse("tracker:mark_done", args=[task.pk]), {"text": "Đã hoàn thành"}),
        "confirm": (reverse("tracker:confirm", args=[task.pk]), {"decision": "accept"}),
        "extension_request": (reverse("tracker:extension_request", args=[task.pk]),
                              {"new_due_date": (today + timedelta(days=90)).strftime("%d/%m/%Y"),
                               "reason": "Chờ ý kiến các sở"}),
        "extension_decision": (reverse("tracker:extension_decision", args=[task.pk, extension.pk]),
                               {"decision": "approve"}),
        "set_status": (reverse("tracker:set_status", args=[task.pk]), {"status": "cancelled"}),
    }


@pytest.fixture
def extension(task_a, staff_a, today):
    return services.request_extension(task_a, staff_a, new_due_date=today + timedelta(days=60), reason="Cần thêm thời gian")


@pytest.fixture
def report_with_file(task_a, staff_a):
    return services.report_progress(task_a, staff_a, text="Đã gửi kế hoạch", percent=20,
                                    attachment=SimpleUploadedFile("ke-hoach.pdf", PDF, "application/pdf"))


def snapshot(task):
    task.refresh_from_db()
    return (task.status, task.due_date, task.progress, task.completed_on,
            ProgressReport.objects.filter(task=task).count(),
            list(ExtensionRequest.objects.filter(task=task).values_list("state", flat=True)))


@pytest.mark.django_db
def test_other_unit_gets_404_for_task_page(client, staff_b, task_c):
    client.force_login(staff_b)
    assert client.get(reverse("tracker:task_detail", args=[task_c.pk])).status_code == 404


@pytest.mark.django_db
def test_support_unit_sees_task_but_other_unit_does_not(client, staff_b, task_a, task_c):
    client.force_login(staff_b)  # unit B supports task_a
    assert client.get(reverse("tracker:task_detail", args=[task_a.pk])).status_code == 200
    assert client.get(reverse("tracker:task_detail", args=[task_c.pk])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["report", "mark_done", "confirm", "extension_request",
                                      "extension_decision", "set_status"])
def test_other_unit_gets_404_on_every_post(client, make_task, extension, task_a, today, endpoint):
    from tests.factories import UnitFactory, UserFactory

    outsider = UserFactory(unit=UnitFactory(name="Huyện uỷ Xa"))
    client.force_login(outsider)
    before = snapshot(task_a)
    url, data = post_payloads(task_a, extension, today)[endpoint]
    assert client.post(url, data).status_code == 404
    assert snapshot(task_a) == before


@pytest.mark.django_db
def test_other_unit_gets_404_for_attachment(client, staff_b, report_with_file, task_c, office_user):
    other = services.report_progress(task_c, office_user, text="VP báo cáo", percent=10,
                                     attachment=SimpleUploadedFile("a.pdf", PDF, "application/pdf"))
    client.force_login(staff_b)
    assert client.get(reverse("tracker:attachment", args=[other.pk])).status_code == 404
    # B supports task_a, so B may download its report's file.
    response = client.get(reverse("tracker:attachment", args=[report_with_file.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.django_db
def test_attachment_missing_report_or_file_is_404(client, staff_a, task_a):
    report = services.report_progress(task_a, staff_a, text="Không có tệp", percent=5)
    client.force_login(staff_a)
    assert client.get(reverse("tracker:attachment", args=[report.pk])).status_code == 404
    assert client.get(reverse("tracker:attachment", args=[999999])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["report", "mark_done", "confirm", "extension_request",
                                      "extension_decision", "set_status"])
def test_viewer_cannot_write(client, viewer, extension, task_a, today, endpoint):
    client.force_login(viewer)
    before = snapshot(task_a)
    url, data = post_payloads(task_a, extension, today)[endpoint]
    assert client.post(url, data).status_code == 403
    assert snapshot(task_a) == before


@pytest.mark.django_db
def test_viewer_reads_everything(client, viewer, task_a, task_c, report_with_file):
    client.force_login(viewer)
    page = client.get(reverse("tracker:task_list")).content.decode()
    assert f'data-task="{task_a.pk}"' in page and f'data-task="{task_c.pk}"' in page
    detail = client.get(reverse("tracker:task_detail", args=[task_c.pk]))
    assert detail.status_code == 200
    assert 'id="form-report"' not in detail.content.decode()
    assert client.get(reverse("tracker:dashboard")).status_code == 200
    assert client.get(reverse("tracker:attachment", args=[report_with_file.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["mark_done", "extension_request", "confirm", "extension_decision",
                                      "set_status"])
def test_support_unit_cannot_act_as_lead_or_office(client, staff_b, extension, task_a, today, endpoint):
    client.force_login(staff_b)
    before = snapshot(task_a)
    url, data = post_payloads(task_a, extension, today)[endpoint]
    assert client.post(url, data).status_code == 403
    assert snapshot(task_a) == before


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["confirm", "extension_decision", "set_status"])
def test_lead_unit_staff_cannot_do_office_work(client, staff_a, extension, task_a, today, endpoint):
    client.force_login(staff_a)
    before = snapshot(task_a)
    url, data = post_payloads(task_a, extension, today)[endpoint]
    assert client.post(url, data).status_code == 403
    assert snapshot(task_a) == before


@pytest.mark.django_db
def test_unit_staff_cannot_open_dashboard(client, staff_a):
    client.force_login(staff_a)
    assert client.get(reverse("tracker:dashboard")).status_code == 403


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, task_a):
    for url in (reverse("tracker:task_list"), reverse("tracker:task_detail", args=[task_a.pk]),
                reverse("tracker:dashboard")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    response = client.post(reverse("tracker:report", args=[task_a.pk]), {"text": "x", "percent": "1"})
    assert response.status_code == 302
    assert not ProgressReport.objects.exists()


@pytest.mark.django_db
def test_office_can_do_everything(client, office_user, staff_a, task_a, today):
    client.force_login(office_user)
    detail = reverse("tracker:task_detail", args=[task_a.pk])

    r = client.post(reverse("tracker:report", args=[task_a.pk]), {"text": "VP ghi nhận", "percent": "30"})
    assert r.status_code == 302 and r["Location"] == detail
    task_a.refresh_from_db()
    assert (task_a.status, task_a.progress) == (Task.Status.IN_PROGRESS, 30)

    ext = services.request_extension(task_a, staff_a, new_due_date=today + timedelta(days=45), reason="Lý do")
    r = client.post(reverse("tracker:extension_decision", args=[task_a.pk, ext.pk]), {"decision": "approve"})
    assert r.status_code == 302
    task_a.refresh_from_db()
    assert task_a.due_date == today + timedelta(days=45)
    assert task_a.original_due_date == today + timedelta(days=20)

    services.report_progress(task_a, staff_a, text="Xong", percent=100, mark_done=True)
    r = client.post(reverse("tracker:confirm", args=[task_a.pk]), {"decision": "accept"})
    assert r.status_code == 302
    task_a.refresh_from_db()
    assert task_a.status == Task.Status.DONE

    r = client.post(reverse("tracker:set_status", args=[task_a.pk]), {"status": "in_progress", "note": "Làm lại"})
    assert r.status_code == 302
    task_a.refresh_from_db()
    assert task_a.status == Task.Status.IN_PROGRESS and task_a.completed_on is None

    r = client.post(reverse("tracker:set_status", args=[task_a.pk]), {"status": "cancelled"})
    task_a.refresh_from_db()
    assert task_a.status == Task.Status.CANCELLED

    r = client.post(reverse("tracker:set_status", args=[task_a.pk]), {"status": "in_progress"})
    task_a.refresh_from_db()
    assert task_a.status == Task.Status.IN_PROGRESS
    r = client.post(reverse("tracker:mark_done", args=[task_a.pk]), {"text": "VP ghi nhận hoàn thành"})
    task_a.refresh_from_db()
    assert task_a.status == Task.Status.DONE  # the office's own completion needs no confirmation


@pytest.mark.django_db
def test_lead_unit_flow_report_done_then_office_sends_back(client, staff_a, office_user, task_a):
    client.force_login(staff_a)
    r = client.post(reverse("tracker:mark_done", args=[task_a.pk]), {"text": "Đã hoàn thành rà soát"})
    assert r.status_code == 302
    task_a.refresh_from_db()
    assert task_a.status == Task.Status.AWAITING
    client.force_login(office_user)
    r = client.post(reverse("tracker:confirm", args=[task_a.pk]), {"decision": "return", "note": "Thiếu số liệu"})
    assert r.status_code == 302
    task_a.refresh_from_db()
    assert task_a.status == Task.Status.IN_PROGRESS
    assert task_a.history.first().history_change_reason.endswith("Thiếu số liệu")


@pytest.mark.django_db
def test_extension_of_another_task_is_404(client, office_user, staff_a, task_a, make_task, unit_a, today):
    other = make_task(unit_a, title="Việc khác", due=today + timedelta(days=5))
    ext = services.request_extension(other, staff_a, new_due_date=today + timedelta(days=30), reason="Lý do")
    client.force_login(office_user)
    r = client.post(reverse("tracker:extension_decision", args=[task_a.pk, ext.pk]), {"decision": "approve"})
    assert r.status_code == 404
    ext.refresh_from_db()
    assert ext.state == ExtensionRequest.State.PENDING
