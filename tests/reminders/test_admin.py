"""Admin: the reminder log with filters and resend, the policy page, and the đôn đốc action on tasks."""
import pytest
from django.contrib.admin.sites import site
from django.urls import reverse
from django.utils import timezone

from tracker.models import OutboxMessage, ReminderPolicy, Task
from tracker.reminders.admin import send_escalation_now_action
from tracker.reminders.sweep import sweep

from .conftest import D, days

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_office(client, office_user):
    office_user.is_staff = office_user.is_superuser = True
    office_user.save()
    client.force_login(office_user)
    return client


def test_outbox_changelist_filters_and_resend(admin_client_office, units, make_task, no_enqueue):
    make_task(units["a"], D + days(3))
    sweep(D)
    OutboxMessage.objects.filter(recipient="btc@tinh.vn").update(state="failed", last_error="550 5.1.1 Không tồn tại")
    url = reverse("admin:tracker_outboxmessage_changelist")
    page = admin_client_office.get(url, {"state": "failed", "kind": "digest", "don_vi": units["a"].pk})
    assert page.status_code == 200
    assert "550 5.1.1" in page.content.decode() and "canbo.a@tinh.vn" not in page.content.decode()
    failed = OutboxMessage.objects.get(recipient="btc@tinh.vn")
    response = admin_client_office.post(url, {"action": "resend_action", "_selected_action": [failed.pk]})
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.state == "pending" and failed.attempts == 0


def test_policy_page_is_a_singleton(admin_client_office):
    response = admin_client_office.get(reverse("admin:tracker_reminderpolicy_changelist"))
    assert response.status_code == 302 and response.url.endswith("/1/change/")
    page = admin_client_office.get(response.url)
    assert page.status_code == 200 and "nhắc trước hạn" in page.content.decode().lower()
    assert ReminderPolicy.objects.count() == 1


def test_send_escalation_now_action(rf, units, make_task, office_user, no_enqueue):
    task = make_task(units["a"], timezone.localdate() - days(3))
    done = make_task(units["a"], timezone.localdate() - days(3), status=Task.Status.DONE)
    request = rf.post("/")
    request.user = office_user
    notes = []

    class ModelAdmin:
        def message_user(self, request, text, level=None):
            notes.append(text)

    send_escalation_now_action(ModelAdmin(), request, Task.objects.filter(pk__in=[task.pk, done.pk]))
    row = OutboxMessage.objects.get(kind="escalation")
    assert row.task_id == task.pk and row.recipient == "truongban.btc@tinh.vn"
    assert any(f"#{done.pk}" in n for n in notes) and any("1 email đôn đốc" in n for n in notes)
    assert site.is_registered(OutboxMessage)
