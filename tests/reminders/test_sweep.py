"""The sweep: which tasks are reminded on which local day, to whom, once."""
from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from tracker import services as tracker_services
from tracker.models import (
    OutboxMessage, ReminderItem, ReminderPolicy, ReminderSweep, Task, UnitReminderPolicy,
)
from tracker.reminders import outbox
from tracker.reminders import sweep as sweeping
from tracker.reminders.sweep import sweep

from .conftest import D, days

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")
Kind = OutboxMessage.Kind


def reminded(day, kind=ReminderItem.Kind.REMINDER):
    return set(ReminderItem.objects.filter(local_date=day, kind=kind).values_list("task_id", "unit_id"))


def test_milestones_before_on_the_day_and_overdue(units, make_task, no_enqueue):
    a = units["a"]
    hit = {n: make_task(a, D + days(n)) for n in (7, 3, 1, 0)}
    miss = {n: make_task(a, D + days(n)) for n in (6, 5, 4, 2, 30)}
    late = {n: make_task(a, D - days(n)) for n in (1, 2, 3, 4, 5, 7, 10)}
    sweep(D)
    got = {t for t, _u in reminded(D)}
    assert {t.pk for t in hit.values()} <= got
    assert not {t.pk for t in miss.values()} & got
    # overdue: the first day late, then every 3 days (1, 4, 7, 10 …)
    assert {t.pk for n, t in late.items() if n in (1, 4, 7, 10)} <= got
    assert not {t.pk for n, t in late.items() if n in (2, 3, 5)} & got


def test_done_cancelled_and_no_deadline_get_nothing(units, make_task, no_enqueue):
    a = units["a"]
    done = make_task(a, D + days(3), status=Task.Status.DONE)
    cancelled = make_task(a, D - days(1), status=Task.Status.CANCELLED)
    no_deadline = make_task(a, None)
    awaiting = make_task(a, D + days(3), status=Task.Status.AWAITING)
    sweep(D)
    got = {t for t, _u in reminded(D)}
    assert awaiting.pk in got
    assert not {done.pk, cancelled.pk, no_deadline.pk} & got


def test_escalation_after_seven_days_to_the_head_with_the_office_in_copy(units, make_task, no_enqueue, settings):
    a = units["a"]
    late7 = make_task(a, D - days(7))
    late6 = make_task(a, D - days(6))
    late14 = make_task(a, D - days(14))  # 7 days after the first đôn đốc: again
    sweep(D)
    assert {t for t, _ in reminded(D, ReminderItem.Kind.ESCALATION)} == {late7.pk, late14.pk}
    row = OutboxMessage.objects.get(kind=Kind.ESCALATION)
    assert row.recipient == "truongban.btc@tinh.vn"
    assert row.cc == settings.OFFICE_EMAIL.lower()
    assert late6.pk not in {t for t, _ in reminded(D, ReminderItem.Kind.ESCALATION)}


def test_sweep_twice_queues_once(units, make_task, no_enqueue):
    make_task(units["a"], D + days(3))
    first = sweep(D)
    second = sweep(D)
    assert first.messages == 2 and not first.already  # the unit's address and its staff member
    assert second.already and second.messages == 0
    assert OutboxMessage.objects.count() == 2
    assert ReminderSweep.objects.count() == 1


def test_one_digest_per_recipient_lists_every_task(units, make_task, no_enqueue):
    a = units["a"]
    tasks = [make_task(a, D + days(3)), make_task(a, D), make_task(a, D - days(4))]
    sweep(D)
    rows = OutboxMessage.objects.filter(kind=Kind.DIGEST)
    assert sorted(rows.values_list("recipient", flat=True)) == ["btc@tinh.vn", "canbo.a@tinh.vn"]
    from tracker.reminders import emails

    built = emails.build(rows.get(recipient="canbo.a@tinh.vn"))
    assert sorted(line.task.pk for line in built.lines) == sorted(t.pk for t in tasks)
    assert "1 quá hạn" in built.subject and "1 đến hạn hôm nay" in built.subject and "1 sắp đến hạn" in built.subject


def test_opted_out_user_gets_no_digest_but_the_unit_address_does(units, make_task, no_enqueue):
    staff = units["staff_a"]
    staff.email_reminders = False
    staff.save()
    late = make_task(units["a"], D - days(7))
    sweep(D)
    assert list(OutboxMessage.objects.filter(kind=Kind.DIGEST).values_list("recipient", flat=True)) == ["btc@tinh.vn"]
    assert OutboxMessage.objects.filter(kind=Kind.ESCALATION, task=None).exists()  # đôn đốc still goes
    assert late.pk in {t for t, _ in reminded(D)}


def test_unit_without_address_goes_to_the_office(units, make_task, no_enqueue, settings):
    task = make_task(units["c"], D + days(1))
    sweep(D)
    row = OutboxMessage.objects.get(kind=Kind.DIGEST)
    assert row.recipient == settings.OFFICE_EMAIL.lower()
    assert row.unit_ids == [units["c"].pk]
    from tracker.reminders import emails

    assert [line.task.pk for line in emails.build(row).lines] == [task.pk]


def test_support_unit_is_reminded_and_the_email_lists_only_what_each_recipient_may_see(units, make_task, no_enqueue):
    a, b = units["a"], units["b"]
    shared = make_task(a, D + days(3), supports=[b])
    only_a = make_task(a, D + days(3))
    only_b = make_task(b, D + days(3))
    sweep(D)
    from tracker.reminders import emails
    from tracker.selectors import visible_tasks

    for staff, expected in ((units["staff_a"], {shared.pk, only_a.pk}), (units["staff_b"], {shared.pk, only_b.pk})):
        row = OutboxMessage.objects.get(recipient=staff.email)
        listed = {line.task.pk for line in emails.build(row).lines}
        assert listed == expected
        assert listed <= set(visible_tasks(staff).values_list("pk", flat=True))


def test_user_moved_to_another_unit_after_the_sweep_no_longer_sees_the_old_units_tasks(units, make_task, no_enqueue):
    make_task(units["a"], D + days(3))
    sweep(D)
    staff = units["staff_a"]
    staff.unit = units["b"]
    staff.save()
    from tracker.reminders import emails

    assert emails.build(OutboxMessage.objects.get(recipient=staff.email)) is None


def test_per_unit_policy_override(units, make_task, no_enqueue):
    UnitReminderPolicy.objects.create(unit=units["b"], days_before="10", overdue_every_days=0)
    a_task, b_task = make_task(units["a"], D + days(3)), make_task(units["b"], D + days(3))
    b_ten, b_late = make_task(units["b"], D + days(10)), make_task(units["b"], D - days(1))
    sweep(D)
    got = {t for t, _ in reminded(D)}
    assert a_task.pk in got and b_ten.pk in got
    assert b_task.pk not in got and b_late.pk not in got


def test_policy_disabled_sends_nothing(units, make_task, no_enqueue):
    policy = ReminderPolicy.load()
    policy.enabled = False
    policy.save()
    make_task(units["a"], D + days(3))
    sweep(D)
    assert not OutboxMessage.objects.exists()


def test_missed_day_is_caught_up_once(units, make_task, no_enqueue):
    a = units["a"]
    sweep(D - days(2))
    missed = make_task(a, D + days(2))      # its "3 days before" fell on D-1, a day the beat missed
    sent_before = make_task(a, D + days(1))  # "3 days before" on D-2, already in that day's digest
    ReminderItem.objects.create(local_date=D - days(2), unit=a, task=sent_before, kind="reminder", role="lead",
                                due_date=sent_before.due_date)
    result = sweep(D)
    assert result.covers_from == D - days(1)
    got = {t for t, _ in reminded(D)}
    assert missed.pk in got
    assert sent_before.pk in got  # its "1 day before" is today: the policy's own milestone
    # a date already covered by a catch-up is not swept again
    assert sweep(D - days(1)).already


def test_no_previous_sweep_does_not_replay_history(units, make_task, no_enqueue):
    old = make_task(units["a"], D + days(2))  # milestone "3 days before" was yesterday
    result = sweep(D)
    assert result.covers_from == D
    assert old.pk not in {t for t, _ in reminded(D)}


def test_day_boundary_in_ho_chi_minh(units, make_task, no_enqueue):
    """Due 31/12: at 23:30 local (16:30 UTC) it is due today; at 00:30 local (17:30 UTC) it is overdue."""
    task = make_task(units["a"], date(2021, 12, 31))
    from tracker.reminders import emails

    with mock.patch("django.utils.timezone.now", return_value=datetime(2021, 12, 31, 16, 30, tzinfo=UTC)):
        first = sweep()  # today from local_today()
    assert first.local_date == date(2021, 12, 31)
    row = OutboxMessage.objects.get(recipient="btc@tinh.vn", local_date=date(2021, 12, 31))
    built = emails.build(row)
    assert [ln.standing for ln in built.lines] == ["Đến hạn hôm nay"]
    assert "quá hạn" not in built.subject

    with mock.patch("django.utils.timezone.now", return_value=datetime(2021, 12, 31, 17, 30, tzinfo=UTC)):
        second = sweep()
    assert second.local_date == date(2022, 1, 1)
    row = OutboxMessage.objects.get(recipient="btc@tinh.vn", local_date=date(2022, 1, 1))
    built = emails.build(row)
    assert [ln.task.pk for ln in built.lines] == [task.pk]
    assert [ln.standing for ln in built.lines] == ["Quá hạn 1 ngày"]
    assert "1 quá hạn" in built.subject


def test_sweep_if_due_waits_for_the_local_send_time(units, make_task, no_enqueue):
    make_task(units["a"], date(2022, 1, 3))
    # 07:29 in Hà Nội is 00:29 UTC
    assert sweeping.sweep_if_due(datetime(2021, 12, 31, 0, 29, tzinfo=UTC)) is None
    result = sweeping.sweep_if_due(datetime(2021, 12, 31, 0, 31, tzinfo=UTC))
    assert result.local_date == date(2021, 12, 31) and result.messages == 2
    assert sweeping.sweep_if_due(datetime(2021, 12, 31, 9, 0, tzinfo=UTC)) is None  # done for today


def test_extension_moves_task_out_of_the_overdue_set(units, make_task, office_user, no_enqueue):
    staff = units["staff_a"]
    task = make_task(units["a"], D - days(4))  # 4 days late: an overdue reminder is due today
    ext = tracker_services.request_extension(task, staff, new_due_date=D + days(3), reason="Chờ số liệu",
                                             now=datetime.combine(D - days(5), datetime.min.time(), ZoneInfo("Asia/Ho_Chi_Minh")))
    # decided after the sweep, before sending: the reminder no longer applies
    sweep(D)
    row = OutboxMessage.objects.get(kind=Kind.DIGEST, recipient="btc@tinh.vn")
    tracker_services.decide_extension(ext, office_user, approve=True)
    from tracker.reminders import emails

    assert emails.build(row) is None  # skipped, not sent as "overdue"
    assert OutboxMessage.objects.filter(kind=Kind.EXTENSION, task=task).exists()
    # the next sweeps follow the new deadline: "3 days before" → due soon, not overdue
    sweep(D + days(1))
    assert task.pk not in {t for t, _ in reminded(D + days(1))}
    sweep(D + days(2))
    assert task.pk in {t for t, _ in reminded(D + days(2))}  # 1 day before
    built = emails.build(OutboxMessage.objects.get(kind=Kind.DIGEST, recipient="btc@tinh.vn", local_date=D + days(2)))
    assert [ln.standing for ln in built.lines] == ["Còn 1 ngày"]


def test_recurring_task_rolls_to_next_period_when_done(units, make_task, no_enqueue):
    monthly = make_task(units["a"], date(2021, 11, 30), status=Task.Status.DONE, recurrence=Task.Recurrence.MONTHLY)
    once = make_task(units["a"], date(2021, 11, 30), status=Task.Status.DONE)
    result = sweep(D)
    monthly.refresh_from_db()
    once.refresh_from_db()
    assert result.rolled == 1
    assert monthly.due_date == date(2021, 12, 31) and monthly.status == Task.Status.IN_PROGRESS
    assert once.status == Task.Status.DONE
    assert monthly.pk in {t for t, _ in reminded(D)}  # 3 days before the new deadline
    assert monthly.history.first().history_change_reason.startswith("Nhiệm vụ định kỳ")


def test_next_period_keeps_month_ends():
    assert sweeping.next_period(date(2021, 4, 30), "monthly") == date(2021, 5, 31)
    assert sweeping.next_period(date(2021, 1, 15), "quarterly") == date(2021, 4, 15)
    assert sweeping.next_period(date(2020, 2, 29), "yearly") == date(2021, 2, 28)
    assert sweeping.next_period(date(2021, 1, 15), "ongoing") is None


def test_enqueue_happens_on_commit_only(units, make_task, django_capture_on_commit_callbacks, monkeypatch):
    published = []
    from tracker.reminders import tasks

    monkeypatch.setattr(tasks.send_pending, "apply_async", lambda *a, **k: published.append(k))
    make_task(units["a"], D + days(3))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sweep(D)
    assert published == []  # nothing is published before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    outbox.wait_for_publishing()  # published from a background thread, not the request
    assert len(published) == 1


def test_sweep_rolled_back_enqueues_nothing(units, make_task, django_capture_on_commit_callbacks):
    make_task(units["a"], D + days(3))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sweeping.preview_sweep(D)
    assert callbacks == []
    assert not OutboxMessage.objects.exists() and not ReminderSweep.objects.exists()


def test_broker_down_is_logged_not_raised(units, make_task, monkeypatch, caplog, django_capture_on_commit_callbacks):
    from kombu.exceptions import OperationalError

    from tracker.reminders import tasks

    def down(*a, **k):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(tasks.send_pending, "apply_async", down)
    make_task(units["a"], D + days(3))
    with django_capture_on_commit_callbacks(execute=True):
        result = sweep(D)
    outbox.wait_for_publishing()
    assert result.messages == 2
    assert OutboxMessage.objects.filter(state="pending").count() == 2  # flush_outbox will send them
    assert "flush_outbox" in caplog.text


def test_dry_run_command_prints_and_writes_nothing(units, make_task, capsys):
    task = make_task(units["a"], D + days(3))
    call_command("send_reminders", "--date", D.isoformat(), "--dry-run")
    out = capsys.readouterr().out
    assert "→ btc@tinh.vn" in out and "→ canbo.a@tinh.vn" in out
    assert f"/nhiem-vu/{task.pk}/" in out
    assert not OutboxMessage.objects.exists() and not ReminderSweep.objects.exists()
    assert not ReminderItem.objects.exists()


def test_command_sends_once_per_date(units, make_task, capsys, mailoutbox):
    make_task(units["a"], D + days(3))
    call_command("send_reminders", "--date", D.isoformat())
    assert "Đã gửi 2 email" in capsys.readouterr().out
    assert sorted(m.to[0] for m in mailoutbox) == ["btc@tinh.vn", "canbo.a@tinh.vn"]
    call_command("send_reminders", "--date", D.isoformat())
    out = capsys.readouterr().out
    assert "đã được quét trước đó" in out and "Đã gửi 0 email" in out
    assert len(mailoutbox) == 2


def test_command_rejects_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_reminders", "--date", "28/12/2021")


def test_query_count_does_not_grow_with_tasks(units, make_task, no_enqueue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    policy = ReminderPolicy.load()
    policy.stale_after_days = 0  # its monthly report costs one query on a month's first day, whatever the tasks
    policy.save()
    for _ in range(5):
        make_task(units["a"], D + days(3))
    with CaptureQueriesContext(connection) as small:
        sweep(D)
    many = [make_task(units[("a", "b")[i % 2]], D + days(10)).pk for i in range(60)]
    with CaptureQueriesContext(connection) as large:
        sweep(D + days(7))
    assert len(large.captured_queries) == len(small.captured_queries)
    assert set(many) <= {t for t, _ in reminded(D + days(7))}


def test_celery_limits_and_schedule_come_from_the_settings_and_the_policy_is_the_clock(settings):
    from config.celery_app import app
    from tracker.reminders import tasks

    assert app.conf.beat_schedule == settings.CELERY_BEAT_SCHEDULE
    # the beat only polls (every few minutes); the hour is ReminderPolicy.send_time, read by sweep_if_due
    assert all(isinstance(entry["schedule"], (int, float)) and entry["schedule"] <= 600
               for entry in app.conf.beat_schedule.values())
    assert (app.conf.task_time_limit, app.conf.task_soft_time_limit) == (300, 240)
    assert settings.REMINDER_SEND_BUDGET_SECONDS < app.conf.task_soft_time_limit
    for task in (tasks.send_pending, tasks.daily_sweep, tasks.flush_outbox):
        assert (task.acks_late, task.reject_on_worker_lost, task.ignore_result) == (True, True, True)
        assert (task.time_limit, task.soft_time_limit) == (300, 240)
