"""Tasks overdue a very long time: one last đôn đốc, then the office's monthly report, not daily emails."""
import pytest

from tracker.models import OutboxMessage, ReminderItem, ReminderPolicy
from tracker.reminders import emails
from tracker.reminders.sweep import sweep

from .conftest import days

pytestmark = pytest.mark.django_db
Kind = OutboxMessage.Kind
FIRST = __import__("datetime").date(2026, 3, 1)


def _items(day, kind):
    return set(ReminderItem.objects.filter(local_date=day, kind=kind).values_list("task_id", flat=True))


def test_a_task_turning_stale_is_escalated_once_then_only_reported_monthly(units, make_task, no_enqueue, settings):
    a = units["a"]
    policy = ReminderPolicy.load()
    assert policy.stale_after_days == 60
    ancient = make_task(a, FIRST - days(2231))  # the old demo's "quá hạn 2231 ngày"
    turning = make_task(a, FIRST - days(60))
    weekly = make_task(a, FIRST - days(14))  # still in the ordinary rhythm

    sweep(FIRST)
    assert _items(FIRST, ReminderItem.Kind.ESCALATION) == {turning.pk, weekly.pk}
    assert ancient.pk not in _items(FIRST, ReminderItem.Kind.REMINDER)
    report = OutboxMessage.objects.get(kind=Kind.LONG_OVERDUE)
    assert report.recipient == settings.OFFICE_EMAIL.lower() and report.payload["task_ids"] == [ancient.pk, turning.pk]
    built = emails.build(report)
    assert built.subject.endswith("Báo cáo tháng 03/2026: 2 nhiệm vụ quá hạn trên 60 ngày")
    assert f"#{ancient.pk}" in built.message.body

    for n in range(1, 31):  # the rest of the month: neither task is reminded or escalated again
        day = FIRST + days(n)
        sweep(day)
        assert not ({ancient.pk, turning.pk} & (_items(day, ReminderItem.Kind.REMINDER)
                                                 | _items(day, ReminderItem.Kind.ESCALATION)))
    assert OutboxMessage.objects.filter(kind=Kind.LONG_OVERDUE).count() == 1
    sweep(FIRST + days(31))  # 1 April: the next monthly report
    assert OutboxMessage.objects.filter(kind=Kind.LONG_OVERDUE).count() == 2


def test_the_office_can_turn_the_policy_off(units, make_task, no_enqueue):
    policy = ReminderPolicy.load()
    policy.stale_after_days = 0
    policy.save()
    ancient = make_task(units["a"], FIRST - days(7 * 319))  # a weekly đôn đốc day, 2233 days late
    sweep(FIRST)
    assert ancient.pk in _items(FIRST, ReminderItem.Kind.REMINDER) | _items(FIRST, ReminderItem.Kind.ESCALATION)
    assert not OutboxMessage.objects.filter(kind=Kind.LONG_OVERDUE).exists()
