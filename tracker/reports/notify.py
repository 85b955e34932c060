"""Emails to the office when a unit asks for more time or reports completion, and the monthly report.

Each is one outbox row (unique per kind, recipient, day and ref), written in the caller's
transaction and sent on commit by the reminder workers: sent once, never lost.
"""
import logging

from django.conf import settings
from django.db import transaction

from tracker.models import OutboxMessage, ReminderPolicy, Task
from tracker.selectors import local_today

logger = logging.getLogger("tracker.reports")
Kind = OutboxMessage.Kind


def _queue(kind: str, recipients, *, ref: str, task: Task | None = None, payload: dict | None = None) -> int:
    from tracker.reminders import outbox

    made = 0
    today = local_today()
    try:
        with transaction.atomic():
            for recipient in {r.strip().lower() for r in recipients if r and r.strip()}:
                if OutboxMessage.objects.filter(kind=kind, recipient=recipient, ref=ref).exists():
                    continue  # once per ref, whatever the day (a job retried tomorrow sends nothing new)
                _row, created = OutboxMessage.objects.get_or_create(
                    kind=kind, recipient=recipient, local_date=today, ref=ref,
                    defaults={"task": task, "unit_id": task.lead_unit_id if task else None,
                              "payload": payload or {}})
                made += created
            if made:
                outbox.enqueue_sending()
    except Exception:  # noqa: BLE001 - an email must never undo the unit's request
        logger.exception("Không ghi được email gửi Văn phòng (%s)", kind)
        return 0
    return made


def extension_requested(extension) -> int:
    return _queue(Kind.EXTENSION_REQUESTED, [settings.OFFICE_EMAIL], ref=f"extreq:{extension.pk}",
                  task=extension.task, payload={"extension_id": extension.pk})


def completion_reported(task: Task, report) -> int:
    return _queue(Kind.COMPLETION_REPORTED, [settings.OFFICE_EMAIL], ref=f"donerep:{report.pk}", task=task,
                  payload={"report_id": report.pk})


def monthly_report(today=None) -> int:
    """Queue last month's report to the addresses the office set in the reminder policy."""
    from .periods import previous_month

    period = previous_month(today or local_today())
    recipients = ReminderPolicy.load().report_recipient_list
    return _queue(Kind.MONTHLY_REPORT, recipients, ref=f"report:{period.code}", payload={"period": period.code})
