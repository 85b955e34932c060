"""The daily sweep: which (unit, task) pairs are reminded or escalated on a local date, into the outbox.

Set-based (a few INSERT … SELECT statements whatever the number of tasks), in one
transaction with its `ReminderSweep` row, whose date is unique: a date is swept
once. Sending is enqueued on commit (`outbox.enqueue_sending`).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from tracker.models import OutboxMessage, ReminderItem, ReminderSweep, Task, TaskAssignment, Unit
from tracker.selectors import days_late_sql, local_today

from . import emails, selectors
from .outbox import enqueue_sending

logger = logging.getLogger("tracker.reminders")
Kind = OutboxMessage.Kind
State = OutboxMessage.State


@dataclass
class SweepResult:
    local_date: date
    covers_from: date | None = None
    already: bool = False
    items: int = 0
    escalations: int = 0
    messages: int = 0
    rolled: int = 0
    created: list[int] = field(default_factory=list)


def _insert_items(day: date, span: int, kind: str, group: selectors.PolicyGroup, stale: int = 0) -> int:
    """One INSERT … SELECT: the (unit, task) pairs whose reminder (or escalation) falls in [day − span, day].

    A task `stale` days late (0: never) is escalated once more, on that day, and then left to
    the office's monthly report: no more daily reminders or repeated đôn đốc.
    """
    p = group.policy
    if not p.enabled:
        return 0
    conds, cond_params = [], []
    fresh, fresh_params = ("s.x < %s AND ", [stale]) if stale else ("", [])
    if kind == ReminderItem.Kind.REMINDER:
        for k in p.days_before:  # k days before the deadline happened on some day of the span
            conds.append("(s.x BETWEEN %s AND %s)")
            cond_params += [-k, span - k]
        if p.overdue_every:  # late 1, 1+N, 1+2N, … days
            conds.append(f"({fresh}s.x >= 1 AND ((s.x - 1) %% %s) <= %s)")
            cond_params += [*fresh_params, p.overdue_every, span]
        role_sql = ""
    else:
        if not p.escalate_after:
            return 0
        if stale and p.escalate_after < stale:  # the last đôn đốc, when the task turns stale
            conds.append("(s.x BETWEEN %s AND %s)")
            cond_params += [stale, stale + span]
        if p.escalate_every:
            conds.append(f"({fresh}s.x >= %s AND ((s.x - %s) %% %s) <= %s)")
            cond_params += [*fresh_params, p.escalate_after, p.escalate_after, p.escalate_every, span]
        else:
            conds.append("(s.x BETWEEN %s AND %s)")
            cond_params += [p.escalate_after, p.escalate_after + span]
        role_sql = " AND a.role = 'lead'"
    if not conds:
        return 0
    q = connection.ops.quote_name
    statuses = list(Task.OPEN_STATUSES)
    unit_sql, unit_params = "", []
    if group.unit_ids is not None:
        unit_sql = f" AND a.unit_id IN ({', '.join(['%s'] * len(group.unit_ids))})"
        unit_params = list(group.unit_ids)
    elif group.excluded_ids:
        unit_sql = f" AND a.unit_id NOT IN ({', '.join(['%s'] * len(group.excluded_ids))})"
        unit_params = list(group.excluded_ids)
    sql = (
        f"INSERT INTO {q(ReminderItem._meta.db_table)} (local_date, unit_id, task_id, kind, role, due_date) "
        f"SELECT %s, s.unit_id, s.task_id, %s, s.role, s.due_date FROM ("
        f" SELECT a.unit_id, a.task_id, a.role, t.due_date, {days_late_sql('t.due_date')} AS x"
        f" FROM {q(TaskAssignment._meta.db_table)} a"
        f" JOIN {q(Task._meta.db_table)} t ON t.id = a.task_id"
        f" JOIN {q(Unit._meta.db_table)} u ON u.id = a.unit_id"
        f" WHERE t.status IN ({', '.join(['%s'] * len(statuses))}) AND t.due_date IS NOT NULL"
        f" AND u.is_active{role_sql}{unit_sql}"
        f") s WHERE {' OR '.join(conds)} "
        f"ON CONFLICT DO NOTHING"
    )
    params = [day, kind, day, *statuses, *unit_params, *cond_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


def next_period(due: date, recurrence: str) -> date | None:
    step = {Task.Recurrence.MONTHLY: relativedelta(months=1), Task.Recurrence.QUARTERLY: relativedelta(months=3),
            Task.Recurrence.YEARLY: relativedelta(years=1)}.get(recurrence)
    if step is None:
        return None
    month_end = (due + timedelta(days=1)).day == 1
    nxt = due + step
    if month_end:  # 30/4 → 31/5, not 30/5
        nxt = nxt + relativedelta(day=31)
    return nxt


def roll_recurring(today: date) -> int:
    """Done recurring tasks whose period has ended start their next period (reminders resume)."""
    done = list(Task.objects.filter(status=Task.Status.DONE, due_date__lt=today,
                                    recurrence__in=[Task.Recurrence.MONTHLY, Task.Recurrence.QUARTERLY,
                                                    Task.Recurrence.YEARLY]))
    for task in done:
        nxt = task.due_date
        while nxt < today:
            nxt = next_period(nxt, task.recurrence)
        task.due_date, task.status, task.completed_on, task.progress = nxt, Task.Status.IN_PROGRESS, None, 0
    if done:
        bulk_update_with_history(done, Task, ["due_date", "status", "completed_on", "progress"],
                                 default_change_reason="Nhiệm vụ định kỳ: chuyển sang kỳ tiếp theo")
    return len(done)


def _monthly_report(day: date, start: date, stale: int) -> OutboxMessage | None:
    """On the first of a month (or the sweep that catches it up): the office's list of long-overdue tasks."""
    first = day.replace(day=1)
    if not stale or first < start or not settings.OFFICE_EMAIL:
        return None
    task_ids = list(Task.objects.filter(status__in=Task.OPEN_STATUSES, due_date__lte=day - timedelta(days=stale))
                    .order_by("due_date", "pk").values_list("pk", flat=True))
    if not task_ids:
        return None
    return OutboxMessage(kind=Kind.LONG_OVERDUE, recipient=settings.OFFICE_EMAIL.strip().lower(), local_date=day,
                         ref=f"month:{first:%Y-%m}", payload={"task_ids": task_ids, "stale_after": stale})


def _outbox_rows(day: date) -> list[OutboxMessage]:
    """One digest per recipient for the units reminded today, and one đôn đốc per late lead unit."""
    rows = []
    reminded = set(ReminderItem.objects.filter(local_date=day, kind=ReminderItem.Kind.REMINDER)
                   .values_list("unit_id", flat=True).distinct())
    for r in selectors.unit_recipients(reminded, office_fallback=True).values():
        rows.append(OutboxMessage(kind=Kind.DIGEST, recipient=r.email, local_date=day, ref="",
                                  unit_ids=sorted(r.unit_ids), user_id=r.user_id,
                                  unit_id=next(iter(r.unit_ids)) if len(r.unit_ids) == 1 else None))
    escalated = ReminderItem.objects.filter(local_date=day, kind=ReminderItem.Kind.ESCALATION).values_list(
        "unit_id", flat=True).distinct()
    for unit in Unit.objects.filter(pk__in=set(escalated)):
        to, cc = selectors.escalation_address(unit)
        if to:
            rows.append(OutboxMessage(kind=Kind.ESCALATION, recipient=to, cc=cc, local_date=day,
                                      ref=f"unit:{unit.pk}", unit=unit))
    return rows


def sweep(day: date | None = None, *, enqueue: bool = True, dry_run: bool = False,
          preview: list | None = None) -> SweepResult:
    """Sweep one local date into the outbox: once per date, catching up missed days.

    With `dry_run` everything runs and is then rolled back; `preview` receives the
    rendered messages first.
    """
    day = day or local_today()
    result = SweepResult(day)
    policy = selectors.default_policy()
    try:
        with transaction.atomic():
            if selectors.is_swept(day):
                result.already = True
                if preview is not None:
                    preview.extend(_preview(OutboxMessage.objects.filter(state=State.PENDING)))
                return result
            start = selectors.catch_up_start(day, policy.catch_up_days)
            span = (day - start).days
            result.covers_from = start
            sweep_row = ReminderSweep.objects.create(local_date=day, covers_from=start)
            result.rolled = roll_recurring(day)
            stale = policy.stale_after_days
            for group in selectors.policy_groups(policy):
                result.items += _insert_items(day, span, ReminderItem.Kind.REMINDER, group, stale)
                result.escalations += _insert_items(day, span, ReminderItem.Kind.ESCALATION, group, stale)
            rows = _outbox_rows(day)
            report = _monthly_report(day, start, stale)
            rows += [report] if report else []
            OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
            result.messages = (OutboxMessage.objects.filter(local_date=day, kind__in=[Kind.DIGEST, Kind.LONG_OVERDUE])
                               .count()
                               + OutboxMessage.objects.filter(local_date=day, kind=Kind.ESCALATION,
                                                              ref__startswith="unit:").count())
            ReminderSweep.objects.filter(pk=sweep_row.pk).update(items=result.items + result.escalations,
                                                                 messages=result.messages, rolled=result.rolled)
            if dry_run:
                if preview is not None:
                    preview.extend(_preview(OutboxMessage.objects.filter(state=State.PENDING)))
                transaction.set_rollback(True)
                return result
            if enqueue and result.messages:
                enqueue_sending()
    except IntegrityError:
        if not selectors.is_swept(day):
            raise
        result.already = True  # a concurrent sweep of the same date won the unique row
    logger.info("Quét nhắc hạn %s (từ %s): %d mục, %d đôn đốc, %d email.", day, result.covers_from,
                result.items, result.escalations, result.messages)
    return result


def sweep_if_due(now=None, *, enqueue: bool = True) -> SweepResult | None:
    """Sweep today once the policy's send time has passed (the beat and the flush both call this)."""
    policy = selectors.default_policy()
    if not policy.enabled:
        return None
    local = timezone.localtime(now)
    if local.time() < policy.send_time or selectors.is_swept(local.date()):
        return None
    return sweep(local.date(), enqueue=enqueue)


def _preview(qs) -> list[dict]:
    out = []
    for message in qs.order_by("recipient", "kind", "id"):
        built = emails.build(message)
        out.append({
            "recipient": message.recipient, "cc": message.cc, "kind": message.get_kind_display(),
            "subject": built.subject if built else "(không còn nội dung – bỏ qua)",
            "tasks": [(line.task.pk, line.url) for line in (built.lines if built else [])],
        })
    return out


def preview_sweep(day: date) -> tuple[SweepResult, list[dict]]:
    """What a sweep of `day` would send, per recipient; nothing is written."""
    preview: list[dict] = []
    result = sweep(day, enqueue=False, dry_run=True, preview=preview)
    return result, preview
