"""Bad input on every form: a Vietnamese message, HTTP 400, and nothing changes."""
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tracker import services
from tracker.models import ExtensionRequest, ProgressReport, Task


def state(task):
    task.refresh_from_db()
    return (task.status, task.progress, task.due_date, task.completed_on, ProgressReport.objects.count(),
            list(ExtensionRequest.objects.order_by("pk").values_list("state", flat=True)), task.history.count())


def post_bad(client, url, data, message):
    response = client.post(url, data)
    assert response.status_code == 400
    assert message in response.content.decode(), response.content.decode()[:3000]
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("data,message", [
    ({"text": "Đã làm", "percent": "150"}, "Tiến độ phải từ 0 đến 100%."),
    ({"text": "Đã làm", "percent": "-5"}, "Tiến độ phải từ 0 đến 100%."),
    ({"text": "Đã làm", "percent": "nhiều"}, "Tiến độ phải là một số."),
    ({"text": "   ", "percent": "10"}, "Vui lòng nhập nội dung."),
    ({"text": "Đã làm"}, "Vui lòng nhập tiến độ."),
])
def test_report_bad_input(client, staff_a, task_a, data, message):
    client.force_login(staff_a)
    before = state(task_a)
    post_bad(client, reverse("tracker:report", args=[task_a.pk]), data, message)
    assert state(task_a) == before


@pytest.mark.django_db
@pytest.mark.parametrize("name,content,message", [
    ("virus.exe", b"MZ\x90\x00", "Loại tệp không được phép"),
    ("bao-cao.pdf", b"MZ\x90\x00not a pdf", "Nội dung tệp không đúng định dạng PDF."),
    ("anh.png", b"\xff\xd8\xff\xe0jpeg-in-disguise", "Nội dung tệp không đúng định dạng PNG."),
])
def test_report_bad_attachment_type(client, staff_a, task_a, name, content, message):
    client.force_login(staff_a)
    before = state(task_a)
    upload = SimpleUploadedFile(name, content)
    post_bad(client, reverse("tracker:report", args=[task_a.pk]),
             {"text": "Kèm tệp", "percent": "10", "attachment": upload}, message)
    assert state(task_a) == before


@pytest.mark.django_db
def test_report_oversize_attachment(client, staff_a, task_a, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    client.force_login(staff_a)
    before = state(task_a)
    upload = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    post_bad(client, reverse("tracker:report", args=[task_a.pk]),
             {"text": "Kèm tệp", "percent": "10", "attachment": upload}, "Tệp đính kèm quá lớn")
    assert state(task_a) == before


@pytest.mark.django_db
def test_report_with_allowed_attachments_is_saved(client, staff_a, task_a):
    client.force_login(staff_a)
    files = {"a.pdf": b"%PDF-1.7 x", "b.docx": b"PK\x03\x04 x", "c.xls": b"\xd0\xcf\x11\xe0 x", "d.jpg": b"\xff\xd8\xff x"}
    for name, content in files.items():
        r = client.post(reverse("tracker:report", args=[task_a.pk]),
                        {"text": f"Kèm {name}", "percent": "10", "attachment": SimpleUploadedFile(name, content)})
        assert r.status_code == 302
    assert ProgressReport.objects.exclude(attachment="").count() == 4


@pytest.mark.django_db
def test_report_on_finished_task_is_refused(client, staff_a, task_a):
    Task.objects.filter(pk=task_a.pk).update(status=Task.Status.DONE)
    client.force_login(staff_a)
    before = state(task_a)
    post_bad(client, reverse("tracker:report", args=[task_a.pk]), {"text": "Thêm", "percent": "50"},
             "Nhiệm vụ đã kết thúc, không thể báo cáo thêm.")
    assert state(task_a) == before


@pytest.mark.django_db
def test_mark_done_needs_text(client, staff_a, task_a):
    client.force_login(staff_a)
    before = state(task_a)
    post_bad(client, reverse("tracker:mark_done", args=[task_a.pk]), {"text": ""}, "Vui lòng nhập nội dung.")
    assert state(task_a) == before


@pytest.mark.django_db
@pytest.mark.parametrize("offset,reason,message", [
    (-1, "Lý do", "Hạn đề nghị không được ở trong quá khứ."),
    (5, "Lý do", "Hạn đề nghị phải sau hạn hiện tại."),  # task_a is due in 20 days
    (60, "", "Cần nêu lý do xin gia hạn."),
])
def test_extension_request_bad_input(client, staff_a, task_a, today, offset, reason, message):
    client.force_login(staff_a)
    before = state(task_a)
    post_bad(client, reverse("tracker:extension_request", args=[task_a.pk]),
             {"new_due_date": (today + timedelta(days=offset)).strftime("%d/%m/%Y"), "reason": reason}, message)
    assert state(task_a) == before


@pytest.mark.django_db
def test_extension_request_bad_date_format_and_duplicate(client, staff_a, task_a, today):
    client.force_login(staff_a)
    before = state(task_a)
    post_bad(client, reverse("tracker:extension_request", args=[task_a.pk]),
             {"new_due_date": "31/13/2030", "reason": "Lý do"}, "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.")
    assert state(task_a) == before
    services.request_extension(task_a, staff_a, new_due_date=today + timedelta(days=40), reason="Lần một")
    before = state(task_a)
    post_bad(client, reverse("tracker:extension_request", args=[task_a.pk]),
             {"new_due_date": (today + timedelta(days=50)).strftime("%d/%m/%Y"), "reason": "Lần hai"},
             "Đã có một đề nghị gia hạn đang chờ duyệt.")
    assert state(task_a) == before


@pytest.mark.django_db
def test_confirm_when_not_awaiting(client, office_user, task_a):
    client.force_login(office_user)
    before = state(task_a)
    post_bad(client, reverse("tracker:confirm", args=[task_a.pk]), {"decision": "accept"},
             "Nhiệm vụ không ở trạng thái chờ xác nhận hoàn thành.")
    assert state(task_a) == before


@pytest.mark.django_db
def test_confirm_bad_choice_and_return_without_reason(client, office_user, staff_a, task_a):
    services.report_progress(task_a, staff_a, text="Xong", percent=100, mark_done=True)
    client.force_login(office_user)
    before = state(task_a)
    post_bad(client, reverse("tracker:confirm", args=[task_a.pk]), {"decision": "maybe"}, "Lựa chọn không hợp lệ.")
    post_bad(client, reverse("tracker:confirm", args=[task_a.pk]), {"decision": "return"},
             "Khi trả lại, vui lòng nêu lý do.")
    assert state(task_a) == before


@pytest.mark.django_db
def test_decide_extension_twice(client, office_user, staff_a, task_a, today):
    ext = services.request_extension(task_a, staff_a, new_due_date=today + timedelta(days=40), reason="Lý do")
    services.decide_extension(ext, office_user, approve=False)
    client.force_login(office_user)
    before = state(task_a)
    post_bad(client, reverse("tracker:extension_decision", args=[task_a.pk, ext.pk]), {"decision": "approve"},
             "Đề nghị gia hạn này đã được xử lý.")
    assert state(task_a) == before


@pytest.mark.django_db
def test_status_change_that_makes_no_sense(client, office_user, task_a):
    client.force_login(office_user)
    before = state(task_a)
    # reopening an open task is not offered
    post_bad(client, reverse("tracker:set_status", args=[task_a.pk]), {"status": "in_progress"},
             "Không thể chuyển nhiệm vụ sang trạng thái này.")
    post_bad(client, reverse("tracker:set_status", args=[task_a.pk]), {"status": "bogus"},
             "Không thể chuyển nhiệm vụ sang trạng thái này.")
    assert state(task_a) == before
