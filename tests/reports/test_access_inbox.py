"""A unit user gets only their own unit in every report path; the office's inbox and its emails."""
import io
from datetime import date, timedelta

import openpyxl
import pytest

from tests.factories import UserFactory
from tracker import services
from tracker.models import OutboxMessage, User
from tracker.selectors import local_today

QUERY = {"period": "2026-Q3", "as_of": "05/10/2026"}


def _xlsx(response):
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_unit_head_sees_only_their_unit(client, head_a, quarter, unit_a, unit_b):
    client.force_login(head_a)
    html = client.get("/bao-cao/", QUERY).content.decode()
    assert f'data-unit="{unit_a.pk}"' in html and f'data-unit="{unit_b.pk}"' not in html
    wb = _xlsx(client.get("/bao-cao/tai-ve.xlsx", QUERY))
    assert {r[3] for r in wb["Chi tiết"].iter_rows(min_row=4, values_only=True)} == {unit_a.name}
    assert unit_b.name not in [r[1] for r in wb["Tổng hợp"].iter_rows(values_only=True)]


@pytest.mark.parametrize("path", ["/bao-cao/", "/bao-cao/in/", "/bao-cao/tai-ve.xlsx", "/bao-cao/tai-ve.docx"])
def test_unit_user_asking_for_another_unit_gets_404(client, staff_b, quarter, unit_a, path):
    client.force_login(staff_b)
    assert client.get(path, {**QUERY, "unit": unit_a.pk}).status_code == 404
    assert client.get(path, {**QUERY, "communique": 1}).status_code == 404


def test_support_unit_scoped_export_has_no_rows_of_the_lead(client, staff_b, quarter, unit_a):
    """Unit B supports one of A's tasks: B's report counts B's own tasks only."""
    client.force_login(staff_b)
    wb = _xlsx(client.get("/bao-cao/tai-ve.xlsx", QUERY))
    assert unit_a.name not in {r[3] for r in wb["Chi tiết"].iter_rows(min_row=4, values_only=True)}


def test_user_without_unit_is_refused(client, db):
    client.force_login(UserFactory(unit=None))
    assert client.get("/bao-cao/", QUERY).status_code == 403


def test_extension_request_and_completion_email_the_office_once(settings, unit_a, staff_a, office_user,
                                                                client, django_capture_on_commit_callbacks):
    settings.OFFICE_EMAIL = "vanphong@tinh.vn"
    task = services.create_task(title="Rà soát cán bộ", lead=unit_a, due_date=local_today() + timedelta(days=3))
    extension = services.request_extension(task, staff_a, new_due_date=local_today() + timedelta(days=30),
                                           reason="Chờ số liệu của Sở")
    rows = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.EXTENSION_REQUESTED)
    assert list(rows.values_list("recipient", "ref")) == [("vanphong@tinh.vn", f"extreq:{extension.pk}")]
    from tracker.reports import notify

    assert notify.extension_requested(extension) == 0  # never twice
    services.report_progress(task, staff_a, text="Đã xong", percent=100, mark_done=True)
    assert OutboxMessage.objects.filter(kind=OutboxMessage.Kind.COMPLETION_REPORTED).count() == 1
    from tracker.reminders.emails import build

    built = build(rows.get())
    assert "đề nghị gia hạn nhiệm vụ" in built.subject and "Chờ số liệu của Sở" in built.message.body

    client.force_login(office_user)
    html = client.get("/nhiem-vu/").content.decode()
    assert 'id="inbox-badge">2<' in html  # one extension, one completion
    page = client.get("/viec-cho-xu-ly/").content.decode()
    assert "Chờ số liệu của Sở" in page and f'data-task="{task.pk}"' in page


def test_new_progress_reports_are_new_until_the_office_looks(client, unit_a, staff_a, office_user):
    task = services.create_task(title="Rà soát cán bộ", lead=unit_a, due_date=local_today() + timedelta(days=3))
    services.report_progress(task, staff_a, text="Đang tổng hợp ý kiến", percent=30)
    client.force_login(office_user)
    assert "Đang tổng hợp ý kiến" in client.get("/viec-cho-xu-ly/").content.decode()
    assert "Đang tổng hợp ý kiến" not in client.get("/viec-cho-xu-ly/").content.decode()


def test_badge_counts_are_each_users_own_and_fresh(client, unit_a, staff_a, office_user):
    """The badge's SQL is compiled once per process for every user: it must still read each user's own reports and
    moment of looking, and show a change made through the service on the very next page."""
    from tracker.reports.inbox import counts, mark_seen

    other_office = UserFactory(role=office_user.role, unit=office_user.unit)
    task = services.create_task(title="Rà soát cán bộ", lead=unit_a, due_date=local_today() + timedelta(days=3))
    services.report_progress(task, staff_a, text="Đang tổng hợp", percent=30)
    services.report_progress(task, office_user, text="Văn phòng ghi chú", percent=40)
    assert counts(office_user)["reports"] == 1  # not their own
    assert counts(other_office)["reports"] == 2
    mark_seen(office_user)
    assert counts(office_user)["reports"] == 0 and counts(other_office)["reports"] == 2
    assert counts(staff_a)["reports"] == 1
    client.force_login(other_office)
    assert 'id="inbox-badge">2<' in client.get("/nhiem-vu/").content.decode()
    services.report_progress(task, staff_a, text="Đã xong", percent=100, mark_done=True)
    assert 'id="inbox-badge">3<' in client.get("/nhiem-vu/").content.decode()  # + one completion awaiting


def test_inbox_is_for_the_office(client, staff_a):
    client.force_login(staff_a)
    assert client.get("/viec-cho-xu-ly/").status_code == 403


def test_monthly_report_is_queued_once_with_both_files(db, quarter):
    from tracker.models import ReminderPolicy
    from tracker.reminders.emails import build
    from tracker.reports import notify

    policy = ReminderPolicy.load()
    policy.report_recipients = "thuongtruc@tinh.vn, chanhvanphong@tinh.vn"
    policy.save()
    assert notify.monthly_report(date(2026, 10, 1)) == 2
    assert notify.monthly_report(date(2026, 10, 1)) == 0
    row = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.MONTHLY_REPORT).first()
    built = build(row)
    names = [a[0] for a in built.message.attachments]
    assert names == ["bao-cao-tinh-hinh-thuc-hien-2026-09.xlsx", "bao-cao-tinh-hinh-thuc-hien-2026-09.docx"]
    wb = openpyxl.load_workbook(io.BytesIO(built.message.attachments[0][1]))
    assert wb.sheetnames == ["Tổng hợp", "Chi tiết"]


def test_preferences_page_turns_reminders_off(client, staff_a):
    client.force_login(staff_a)
    assert client.get("/ca-nhan/").status_code == 200
    client.post("/ca-nhan/", {})
    assert User.objects.get(pk=staff_a.pk).email_reminders is False
    client.post("/ca-nhan/", {"email_reminders": "on"})
    assert User.objects.get(pk=staff_a.pk).email_reminders is True



def test_office_sets_the_monthly_report_addresses_in_the_admin(admin_client):
    from tracker.models import ReminderPolicy

    from django.urls import reverse

    response = admin_client.get(reverse("admin:tracker_reminderpolicy_changelist"))  # makes the one row
    html = admin_client.get(response.url).content.decode()
    assert 'name="report_recipients"' in html
    policy = ReminderPolicy(report_recipients="khong-phai-email")
    with pytest.raises(Exception, match="không hợp lệ"):
        policy.full_clean()
