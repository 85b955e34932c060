"""Event emails (a task assigned, an extension or a completion decided, a manual đôn đốc).

Each writes its outbox rows in the caller's transaction; sending is enqueued on commit.
"""
from __future__ import annotations

import hashlib
import time as _time

from django.core.exceptions import ValidationError
from django.db import transaction

from tracker import policy
from tracker.models import OutboxMessage, Task, TaskAssignment, User
from tracker.selectors import local_today

from . import outbox, selectors

Kind = OutboxMessage.Kind


def _event_rows(kind: str, unit_ids, *, ref: str, task: Task | None = None, payload: dict | None = None,
                extra_user: User | None = None) -> list[OutboxMessage]:
    today = local_today()
    recipients = selectors.unit_recipients(unit_ids)
    if extra_user and extra_user.email and extra_user.is_active and extra_user.email_reminders:
        r = recipients.setdefault(extra_user.email.lower(), selectors.Recipient(extra_user.email.lower()))
        r.user_ids.add(extra_user.pk)
        if extra_user.unit_id:
            r.unit_ids.add(extra_user.unit_id)
    return [OutboxMessage(kind=kind, recipient=r.email, local_date=today, ref=ref, task=task,
                          unit_ids=sorted(r.unit_ids), user_id=r.user_id, payload=payload or {},
                          unit_id=task.lead_unit_id if task else _only(r.unit_ids))
            for r in recipients.values()]


def _only(unit_ids) -> int | None:
    """The unit of a one-unit recipient, so the admin's unit filter finds its emails."""
    return next(iter(unit_ids)) if len(unit_ids) == 1 else None


def notify_assigned(task_ids) -> int:
    """Tell every unit on the tasks (lead and support) what was assigned to it: one email per recipient."""
    task_ids = sorted({int(t) for t in task_ids})
    if not task_ids:
        return 0
    unit_ids = set(TaskAssignment.objects.filter(task_id__in=task_ids).values_list("unit_id", flat=True))
    ref = "assigned:" + hashlib.sha1(",".join(map(str, task_ids)).encode()).hexdigest()[:20]
    return outbox.add(_event_rows(Kind.ASSIGNED, unit_ids, ref=ref, payload={"task_ids": task_ids}))


def notify_extension_decided(extension) -> int:
    task = extension.task
    payload = {"extension_id": extension.pk, "approved": extension.state == extension.State.APPROVED,
               "new_due_date": extension.new_due_date.isoformat(), "note": extension.decision_note or ""}
    return outbox.add(_event_rows(Kind.EXTENSION, [task.lead_unit_id], ref=f"ext:{extension.pk}", task=task,
                              payload=payload, extra_user=extension.requested_by))


def notify_completion_decided(task: Task, *, accepted: bool, note: str = "") -> int:
    latest = task.history.order_by("-history_id").values_list("history_id", flat=True).first()
    ref = f"done:{task.pk}:{latest or int(_time.time())}"
    return outbox.add(_event_rows(Kind.COMPLETION, [task.lead_unit_id], ref=ref, task=task,
                              payload={"accepted": accepted, "note": note}))


def send_escalation_now(task: Task, user: User) -> OutboxMessage:
    """The office sends a đôn đốc for one task now (at most once per task per day)."""
    policy.require(policy.can_confirm(user))
    if not task.is_open:
        raise ValidationError("Nhiệm vụ đã kết thúc, không cần đôn đốc.")
    to, cc = selectors.escalation_address(task.lead_unit)
    if not to:
        raise ValidationError("Đơn vị chủ trì chưa có địa chỉ email và chưa cấu hình email Văn phòng.")
    today = local_today()
    with transaction.atomic():
        row, created = OutboxMessage.objects.get_or_create(
            kind=Kind.ESCALATION, recipient=to, local_date=today, ref=f"task:{task.pk}",
            defaults={"cc": cc, "task": task, "unit": task.lead_unit,
                      "payload": {"manual": True, "by": user.get_username()}},
        )
        if created:
            outbox.enqueue_sending()
    return row
