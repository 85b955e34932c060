"""Claim → send → mark against a real SMTP server (aiosmtpd, in this process)."""
from datetime import timedelta

import pytest
from django.utils import timezone

from tracker import services as tracker_services
from tracker.models import OutboxMessage, Task
from tracker.reminders import emails, notify, outbox
from tracker.reminders.sweep import sweep

from .conftest import D, days
from .smtp import start_smtp

pytestmark = pytest.mark.django_db
State = OutboxMessage.State


@pytest.fixture(scope="module")
def smtp_server():
    controller, collector = start_smtp()
    yield controller, collector
    controller.stop()


@pytest.fixture
def smtp(smtp_server, settings):
    controller, collector = smtp_server
    collector.reset()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", controller.port, 5
    settings.EMAIL_USE_TLS = False
    settings.SITE_URL = "https://dondoc.tinh.vn"
    settings.REMINDER_RETRY_BASE_SECONDS = 60
    return collector


def test_digest_is_html_with_text_part_utf8_subject_and_links(units, make_task, no_enqueue, smtp):
    a = units["a"]
    late, today, soon = make_task(a, D - days(1)), make_task(a, D), make_task(a, D + days(3))
    sweep(D)
    stats = outbox.send_pending()
    assert stats.sent == 2
    (msg,) = smtp.to("btc@tinh.vn")
    assert msg.subject == "[dondoc] Nhắc hạn nhiệm vụ ngày 28/12/2021: 1 quá hạn, 1 đến hạn hôm nay, 1 sắp đến hạn"
    assert msg.message.get_content_type() == "multipart/alternative"
    assert msg.task_ids == {late.pk, today.pk, soon.pk}
    assert f"https://dondoc.tinh.vn/nhiem-vu/{late.pk}/" in msg.html
    text = msg.text
    assert text.index("QUÁ HẠN") < text.index("ĐẾN HẠN HÔM NAY") < text.index("SẮP ĐẾN HẠN")
    assert msg.message["Message-ID"] == OutboxMessage.objects.get(recipient="btc@tinh.vn").message_id
    assert msg.rcpt_tos == ["btc@tinh.vn"]  # one message per recipient


def test_temporary_error_retries_with_backoff_then_delivers_once(units, make_task, no_enqueue, smtp):
    make_task(units["a"], D + days(3))
    sweep(D)
    smtp.tempfail = 2
    first = outbox.send_pending()
    assert first.retrying == 2 and first.sent == 0
    rows = OutboxMessage.objects.all()
    assert all(r.state == State.PENDING and r.attempts == 1 and "451" in r.last_error for r in rows)
    assert all(r.next_attempt_at > timezone.now() + timedelta(seconds=50) for r in rows)  # backoff, not now
    assert outbox.send_pending().handled == 0  # not due yet
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    second = outbox.send_pending()
    assert second.sent == 2
    assert len(smtp.to("btc@tinh.vn")) == 1 and len(smtp.to("canbo.a@tinh.vn")) == 1
    assert outbox.send_pending().handled == 0
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {State.SENT}


def test_backoff_is_exponential_and_capped(settings):
    settings.REMINDER_RETRY_BASE_SECONDS = 60
    assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert outbox.backoff(30) == timedelta(seconds=outbox.RETRY_CAP_SECONDS)


def test_permanent_error_is_not_retried_and_stays_visible(units, make_task, no_enqueue, smtp):
    make_task(units["a"], D + days(3))
    sweep(D)
    smtp.reject = {"canbo.a@tinh.vn"}
    stats = outbox.send_pending()
    assert stats.sent == 1 and stats.failed == 1
    failed = OutboxMessage.objects.get(recipient="canbo.a@tinh.vn")
    assert failed.state == State.FAILED and failed.attempts == 1 and "550" in failed.last_error
    OutboxMessage.objects.update(next_attempt_at=timezone.now() + timedelta(days=1))
    assert outbox.send_pending().handled == 0


def test_smtp_down_is_temporary(units, make_task, no_enqueue, settings):
    from .smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    make_task(units["a"], D + days(3))
    sweep(D)
    stats = outbox.send_pending()
    assert stats.retrying == 2
    assert all("ConnectionRefused" in r.last_error for r in OutboxMessage.objects.all())


def test_claim_guard_two_senders_never_share_a_row(units, make_task, no_enqueue, settings):
    settings.REMINDER_CLAIM_LEASE_SECONDS = 60
    make_task(units["a"], D + days(3))
    make_task(units["b"], D + days(3))
    sweep(D)
    token_a, rows_a = outbox.claim(batch=3)
    token_b, rows_b = outbox.claim(batch=10)
    assert len(rows_a) == 3 and len(rows_b) == 1
    assert not {r.pk for r in rows_a} & {r.pk for r in rows_b}
    assert outbox.claim()[1] == []
    # A's lease runs out (killed mid-send): another sender takes the rows; A can no longer mark them
    later = timezone.now() + timedelta(seconds=61)
    token_c, rows_c = outbox.claim(batch=10, now=later)
    assert {r.pk for r in rows_a} <= {r.pk for r in rows_c}
    assert outbox._mark(rows_a[0], token_a, state=State.SENT) is False
    assert outbox._mark(rows_c[0], token_c, state=State.SENT) is True


def test_skipped_when_nothing_left_to_say(units, make_task, no_enqueue, smtp, office_user):
    task = make_task(units["a"], D + days(3))
    sweep(D)
    tracker_services.update_task(task, office_user, status=Task.Status.CANCELLED)
    stats = outbox.send_pending()
    assert stats.skipped == 2 and smtp.messages == []
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {State.SKIPPED}


def test_resend_action_sends_again(units, make_task, no_enqueue, smtp):
    make_task(units["a"], D + days(3))
    sweep(D)
    outbox.send_pending()
    n = outbox.resend(OutboxMessage.objects.filter(recipient="btc@tinh.vn"))
    assert n == 1
    outbox.send_pending()
    assert len(smtp.to("btc@tinh.vn")) == 2 and len(smtp.to("canbo.a@tinh.vn")) == 1


# --- Event emails ----------------------------------------------------------------

def test_extension_decision_is_emailed_on_commit(units, make_task, office_user, smtp,
                                                 django_capture_on_commit_callbacks, monkeypatch):
    published = []
    from tracker.reminders import tasks

    monkeypatch.setattr(tasks.send_pending, "apply_async", lambda *a, **k: published.append(1))
    staff = units["staff_a"]
    task = make_task(units["a"], timezone.localdate() + days(2))
    ext = tracker_services.request_extension(task, staff, new_due_date=task.due_date + days(30), reason="Chờ")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        tracker_services.decide_extension(ext, office_user, approve=False, note="Cần hoàn thành đúng hạn")
    assert len(callbacks) == 1 and published == [1]
    outbox.send_pending()
    assert sorted(m.rcpt_tos[0] for m in smtp.messages) == ["btc@tinh.vn", "canbo.a@tinh.vn"]
    msg = smtp.to("canbo.a@tinh.vn")[0]
    assert msg.subject == f"[dondoc] Nhiệm vụ #{task.pk}: không chấp thuận gia hạn"
    assert "Cần hoàn thành đúng hạn" in msg.text and msg.task_ids == {task.pk}


def test_completion_confirmed_and_sent_back(units, make_task, office_user, smtp, no_enqueue):
    staff = units["staff_a"]
    task = make_task(units["a"], timezone.localdate() + days(5))
    tracker_services.report_progress(task, staff, text="Xong", percent=100, mark_done=True)
    tracker_services.confirm_completion(task, office_user, accept=False, note="Thiếu báo cáo")
    tracker_services.report_progress(task, staff, text="Bổ sung", percent=100, mark_done=True)
    tracker_services.confirm_completion(task, office_user, accept=True)
    assert OutboxMessage.objects.filter(kind=OutboxMessage.Kind.COMPLETION).count() == 4  # 2 decisions × 2
    outbox.send_pending()
    subjects = sorted(m.subject for m in smtp.to("btc@tinh.vn"))
    assert subjects == [f"[dondoc] Nhiệm vụ #{task.pk} bị trả lại, chưa xác nhận hoàn thành",
                        f"[dondoc] Nhiệm vụ #{task.pk} đã được xác nhận hoàn thành"]


def test_notify_assigned_groups_per_recipient_and_respects_visibility(units, make_task, smtp, no_enqueue):
    from tracker import reminders

    a, b = units["a"], units["b"]
    t1, t2 = make_task(a, D + days(60), supports=[b]), make_task(a, D + days(60))
    t3 = make_task(b, None)
    assert reminders.notify_assigned([t1.pk, t2.pk, t3.pk]) == 4
    assert reminders.notify_assigned([t1.pk, t2.pk, t3.pk]) == 0  # the same publish twice: once
    outbox.send_pending()
    assert smtp.to("canbo.a@tinh.vn")[0].task_ids == {t1.pk, t2.pk}
    assert smtp.to("syt@tinh.vn")[0].task_ids == {t1.pk, t3.pk}
    assert smtp.to("btc@tinh.vn")[0].subject == "[dondoc] 2 nhiệm vụ mới được giao"


def test_hook_failure_never_breaks_the_decision(units, make_task, office_user, monkeypatch, caplog):
    def boom(*a, **k):
        raise RuntimeError("outbox down")

    monkeypatch.setattr(notify, "notify_extension_decided", boom)
    task = make_task(units["a"], timezone.localdate() + days(2))
    ext = tracker_services.request_extension(task, units["staff_a"], new_due_date=task.due_date + days(9), reason="x")
    tracker_services.decide_extension(ext, office_user, approve=True)
    task.refresh_from_db()
    assert task.due_date == ext.new_due_date
    assert "Không ghi được email thông báo" in caplog.text


def test_send_escalation_now(units, make_task, office_user, smtp, no_enqueue, settings):
    from django.core.exceptions import PermissionDenied

    task = make_task(units["a"], timezone.localdate() - days(9))
    with pytest.raises(PermissionDenied):
        notify.send_escalation_now(task, units["staff_a"])
    row = notify.send_escalation_now(task, office_user)
    again = notify.send_escalation_now(task, office_user)
    assert row.pk == again.pk  # once per task per day
    outbox.send_pending()
    (msg,) = smtp.messages
    assert msg.rcpt_tos == ["truongban.btc@tinh.vn", settings.OFFICE_EMAIL.lower()]
    assert str(msg.message["cc"]) == settings.OFFICE_EMAIL.lower()
    assert msg.subject == f"[dondoc] Đôn đốc thực hiện nhiệm vụ #{task.pk} (quá hạn 9 ngày) – yêu cầu giải trình"
    assert "giải trình" in msg.text and "quá hạn 9 ngày" in msg.text


def test_escalation_from_the_sweep_says_how_late(units, make_task, no_enqueue, smtp):
    t7, t14 = make_task(units["a"], D - days(7)), make_task(units["a"], D - days(14))
    sweep(D)
    outbox.send_pending()
    (msg,) = smtp.to("truongban.btc@tinh.vn")
    assert msg.subject == "[dondoc] Đôn đốc 2 nhiệm vụ quá hạn – yêu cầu giải trình"
    assert msg.task_ids == {t7.pk, t14.pk}
    assert "Quá hạn 7 ngày" in msg.text and "Quá hạn 14 ngày" in msg.text


def test_opted_out_after_the_sweep_is_skipped(units, make_task, no_enqueue, smtp):
    make_task(units["a"], D + days(3))
    sweep(D)
    staff = units["staff_a"]
    staff.email_reminders = False
    staff.save()
    outbox.send_pending()
    assert smtp.to("canbo.a@tinh.vn") == [] and len(smtp.to("btc@tinh.vn")) == 1


def test_message_id_is_stable(units, make_task, no_enqueue):
    make_task(units["a"], D + days(3))
    sweep(D)
    row = OutboxMessage.objects.first()
    assert emails.build(row).message_id == emails.build(row).message_id == emails.message_id_for(row)
