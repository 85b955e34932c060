"""Writes for reminders: the daily sweep into the outbox, event emails, and claim → send → mark.

The sweep is set-based (a few INSERT … SELECT statements whatever the number of
tasks) and runs in one transaction with its `ReminderSweep` row, whose date is
unique: a date is swept once. Sending is enqueued on commit; if the broker is
down the rows stay pending and the periodic `flush_outbox` sends them later.

Claiming is an atomic conditional UPDATE (state pending → sending with a token
and a lease), so two senders never take the same row; on PostgreSQL the
candidates are picked with SELECT … FOR UPDATE SKIP LOCKED first. A sender
killed mid-send leaves its rows "sending" until the lease runs out, then
another sender takes them.
"""
from __future__ import annotations

import hashlib
import logging
import smtplib
import socket
import threading
import time as _time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta

from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max, Min
from django.utils import timezone

from tracker import access
from tracker.models import OutboxMessage, ReminderItem, ReminderSweep, Task, TaskAssignment, Unit, User
from tracker.selectors import local_today

from . import emails, selectors

logger = logging.getLogger("tracker.reminders")
Kind = OutboxMessage.Kind
State = OutboxMessage.State


def lease_seconds() -> int:
    """How long a claimed row is reserved for its sender (must exceed a batch's send time)."""
    return settings.REMINDER_CLAIM_LEASE_SECONDS


def retry_base_seconds() -> int:
    return settings.REMINDER_RETRY_BASE_SECONDS


def max_attempts() -> int:
    return settings.REMINDER_MAX_ATTEMPTS


RETRY_CAP_SECONDS = 6 * 3600
CLAIM_BATCH = 10


# --- Enqueueing ------------------------------------------------------------------

def _publish_send() -> None:
    """Ask a worker to send, from a background thread: the web request never waits for the broker.

    A hung or stopped broker only delays the email: the row is already committed in the
    outbox, and a worker's start-up and the periodic `flush_outbox` send it later.
    """
    _publisher().submit(_publish_now)


_executor = None
_executor_lock = threading.Lock()


def _publisher() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dondoc-publish")
        return _executor


def _publish_now() -> None:
    from .tasks import send_pending

    try:
        send_pending.apply_async(
            retry=True, retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.3, "interval_max": 0.5},
        )
    except Exception as exc:  # noqa: BLE001 - any broker failure is only a delay (flush_outbox catches up)
        logger.warning("Không đưa được việc gửi email vào hàng đợi (%s); flush_outbox sẽ gửi sau.", exc)


def wait_for_publishing(timeout: float = 10.0) -> None:
    """Block until the publishes submitted so far are done (commands and tests that exit right after)."""
    _publisher().submit(lambda: None).result(timeout)


def enqueue_sending() -> None:
    """Enqueue one send when the current transaction commits (once per transaction)."""
    conn = transaction.get_connection()
    if any(func is _publish_send for _sids, func, _robust in conn.run_on_commit):
        return
    transaction.on_commit(_publish_send, robust=True)


# --- The sweep -------------------------------------------------------------------

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


def is_swept(day: date) -> bool:
    return ReminderSweep.objects.filter(covers_from__lte=day, local_date__gte=day).exists()


def _catch_up_start(day: date, catch_up_days: int) -> date:
    last = ReminderSweep.objects.filter(local_date__lt=day).aggregate(m=Max("local_date"))["m"]
    if last is None:
        return day
    return max(last + timedelta(days=1), day - timedelta(days=catch_up_days))


def _days_sql(vendor: str) -> str:
    """SQL for (%s date − t.due_date) in whole days: the days a task is late (negative: days left)."""
    if vendor == "sqlite":
        return "CAST(julianday(%s) - julianday(t.due_date) AS INTEGER)"
    if vendor == "postgresql":
        return "(CAST(%s AS date) - t.due_date)"
    if vendor == "mysql":
        return "DATEDIFF(%s, t.due_date)"
    raise NotImplementedError(vendor)


def _insert_items(day: date, span: int, kind: str, group: selectors.PolicyGroup) -> int:
    """One INSERT … SELECT: the (unit, task) pairs whose reminder (or escalation) falls in [day − span, day]."""
    p = group.policy
    if not p.enabled:
        return 0
    conds, cond_params = [], []
    if kind == ReminderItem.Kind.REMINDER:
        for k in p.days_before:  # k days before the deadline happened on some day of the span
            conds.append("(s.x BETWEEN %s AND %s)")
            cond_params += [-k, span - k]
        if p.overdue_every:  # late 1, 1+N, 1+2N, … days
            conds.append("(s.x >= 1 AND ((s.x - 1) %% %s) <= %s)")
            cond_params += [p.overdue_every, span]
        role_sql = ""
    else:
        if not p.escalate_after:
            return 0
        if p.escalate_every:
            conds.append("(s.x >= %s AND ((s.x - %s) %% %s) <= %s)")
            cond_params += [p.escalate_after, p.escalate_after, p.escalate_every, span]
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
        f" SELECT a.unit_id, a.task_id, a.role, t.due_date, {_days_sql(connection.vendor)} AS x"
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
    from simple_history.utils import bulk_update_with_history

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
            if is_swept(day):
                result.already = True
                if preview is not None:
                    preview.extend(_preview(OutboxMessage.objects.filter(state=State.PENDING)))
                return result
            start = _catch_up_start(day, policy.catch_up_days)
            span = (day - start).days
            result.covers_from = start
            sweep_row = ReminderSweep.objects.create(local_date=day, covers_from=start)
            result.rolled = roll_recurring(day)
            for group in selectors.policy_groups(policy):
                result.items += _insert_items(day, span, ReminderItem.Kind.REMINDER, group)
                result.escalations += _insert_items(day, span, ReminderItem.Kind.ESCALATION, group)
            rows = _outbox_rows(day)
            OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
            result.messages = (OutboxMessage.objects.filter(local_date=day, kind=Kind.DIGEST).count()
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
        if not is_swept(day):
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
    if local.time() < policy.send_time or is_swept(local.date()):
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


# --- Event emails (written in the caller's transaction, sent on commit) -------------

def _queue(rows: list[OutboxMessage]) -> int:
    """Write event rows not already in the outbox (same kind, recipient, day and ref); send on commit."""
    if not rows:
        return 0
    keys = {(r.kind, r.recipient, r.local_date, r.ref) for r in rows}
    with transaction.atomic():
        existing = set(OutboxMessage.objects.filter(
            kind__in={k[0] for k in keys}, recipient__in={k[1] for k in keys},
            local_date__in={k[2] for k in keys}, ref__in={k[3] for k in keys},
        ).values_list("kind", "recipient", "local_date", "ref"))
        new = [r for r in rows if (r.kind, r.recipient, r.local_date, r.ref) not in existing]
        if new:
            OutboxMessage.objects.bulk_create(new, ignore_conflicts=True)
            enqueue_sending()
    return len(new)


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
    return _queue(_event_rows(Kind.ASSIGNED, unit_ids, ref=ref, payload={"task_ids": task_ids}))


def notify_extension_decided(extension) -> int:
    task = extension.task
    payload = {"extension_id": extension.pk, "approved": extension.state == extension.State.APPROVED,
               "new_due_date": extension.new_due_date.isoformat(), "note": extension.decision_note or ""}
    return _queue(_event_rows(Kind.EXTENSION, [task.lead_unit_id], ref=f"ext:{extension.pk}", task=task,
                              payload=payload, extra_user=extension.requested_by))


def notify_completion_decided(task: Task, *, accepted: bool, note: str = "") -> int:
    latest = task.history.order_by("-history_id").values_list("history_id", flat=True).first()
    ref = f"done:{task.pk}:{latest or int(_time.time())}"
    return _queue(_event_rows(Kind.COMPLETION, [task.lead_unit_id], ref=ref, task=task,
                              payload={"accepted": accepted, "note": note}))


def send_escalation_now(task: Task, user: User) -> OutboxMessage:
    """The office sends a đôn đốc for one task now (at most once per task per day)."""
    access.require(user.is_office)
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
            enqueue_sending()
    return row


# --- Claim, send, mark -------------------------------------------------------------

def claim(batch: int = CLAIM_BATCH, *, now=None) -> tuple[str, list[OutboxMessage]]:
    """Take up to `batch` sendable rows for this sender: a token, and the rows it now holds."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    with transaction.atomic():  # SQLite: BEGIN IMMEDIATE, so the pick and the UPDATE hold the write lock
        candidates = OutboxMessage.objects.filter(selectors.claimable(now)).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        ids = list(candidates.values_list("pk", flat=True)[:batch])
        if not ids:
            return token, []
        # The guard: only rows still claimable are taken, whatever another sender did meanwhile.
        OutboxMessage.objects.filter(pk__in=ids).filter(selectors.claimable(now)).update(
            state=State.SENDING, claim_token=token, claimed_until=now + timedelta(seconds=lease_seconds()),
            attempts=F("attempts") + 1, updated_at=now,
        )
    rows = list(OutboxMessage.objects.filter(claim_token=token, state=State.SENDING)
                .select_related("user", "unit", "task").order_by("id"))
    return token, rows


def classify(exc: BaseException) -> bool:
    """True if the error is temporary (retry): SMTP 4xx, disconnects, timeouts, network errors."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    if isinstance(exc, (smtplib.SMTPServerDisconnected, socket.timeout, TimeoutError, ConnectionError, OSError)):
        return True
    return False


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{rcpt}: {code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}"
                         for rcpt, (code, msg) in exc.recipients.items())
    if isinstance(exc, smtplib.SMTPResponseException):
        msg = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        return f"{exc.smtp_code} {msg}"
    return f"{type(exc).__name__}: {exc}"


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(retry_base_seconds() * 2 ** max(attempts - 1, 0), RETRY_CAP_SECONDS))


def _mark(row: OutboxMessage, token: str, **fields) -> bool:
    fields.setdefault("updated_at", timezone.now())
    return bool(OutboxMessage.objects.filter(pk=row.pk, claim_token=token, state=State.SENDING).update(
        claim_token="", claimed_until=None, **fields))


@dataclass
class SendStats:
    sent: int = 0
    failed: int = 0
    retrying: int = 0
    skipped: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.failed + self.retrying + self.skipped


TIME_LIMITS = (SoftTimeLimitExceeded, TimeLimitExceeded)


def _renew(token: str) -> None:
    """Extend this sender's lease on the rows it still holds, before each email."""
    OutboxMessage.objects.filter(claim_token=token, state=State.SENDING).update(
        claimed_until=timezone.now() + timedelta(seconds=lease_seconds()))


def release(token: str) -> int:
    """Give back the rows this sender holds and has not sent (a time limit stopped it): pending again."""
    return OutboxMessage.objects.filter(claim_token=token, state=State.SENDING).update(
        state=State.PENDING, claim_token="", claimed_until=None, next_attempt_at=timezone.now(),
        updated_at=timezone.now())


def send_one(row: OutboxMessage, token: str, conn, stats: SendStats) -> None:
    try:
        built = emails.build(row)
    except TIME_LIMITS:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken row must not stop the batch
        logger.exception("Không dựng được email #%s", row.pk)
        _mark(row, token, state=State.FAILED, last_error=f"Lỗi dựng nội dung: {exc}")
        stats.failed += 1
        return
    if built is None:
        _mark(row, token, state=State.SKIPPED, last_error="")
        stats.skipped += 1
        return
    try:
        if getattr(conn, "connection", True) is None:  # SMTP backend, not yet (or no longer) connected
            conn.open()  # one connection per batch; a failure here is classified like any other
        conn.send_messages([built.message])
    except TIME_LIMITS:
        raise  # the task's time limit: the row goes back to pending (send_pending), never failed
    except Exception as exc:  # noqa: BLE001
        temporary = classify(exc)
        text = _describe(exc)
        try:
            conn.close()
        except Exception:  # noqa: BLE001
            pass
        if temporary and row.attempts < max_attempts():
            _mark(row, token, state=State.PENDING, last_error=f"Lỗi tạm thời (lần {row.attempts}): {text}",
                  next_attempt_at=timezone.now() + backoff(row.attempts), subject=built.subject[:255])
            stats.retrying += 1
            logger.warning("Gửi email #%s tới %s lỗi tạm thời: %s", row.pk, row.recipient, text)
        else:
            prefix = "Lỗi tạm thời, đã thử hết số lần" if temporary else "Lỗi vĩnh viễn"
            _mark(row, token, state=State.FAILED, last_error=f"{prefix} (lần {row.attempts}): {text}",
                  subject=built.subject[:255])
            stats.failed += 1
            logger.error("Gửi email #%s tới %s thất bại: %s", row.pk, row.recipient, text)
        return
    # last_error is kept: a message delivered after temporary errors still shows them in the log
    _mark(row, token, state=State.SENT, sent_at=timezone.now(),
          subject=built.subject[:255], message_id=built.message_id)
    stats.sent += 1


def send_pending(*, time_budget: float | None = None, max_messages: int | None = None,
                 batch: int = CLAIM_BATCH) -> SendStats:
    """Claim and send until nothing is due, the time budget is spent, or `max_messages` were handled."""
    stats = SendStats()
    started = _time.monotonic()
    conn = None
    token = ""
    try:
        while True:
            if time_budget is not None and _time.monotonic() - started > time_budget:
                break
            if max_messages is not None and stats.handled >= max_messages:
                break
            token, rows = claim(batch if max_messages is None else min(batch, max_messages - stats.handled))
            if not rows:
                break
            if conn is None:
                conn = get_connection(fail_silently=False, timeout=settings.EMAIL_TIMEOUT)
            for row in rows:
                _renew(token)
                send_one(row, token, conn, stats)
    except TIME_LIMITS:
        if token:
            release(token)
        raise
    finally:
        if conn is not None:
            try:
                conn.close()
            except Exception:  # noqa: BLE001
                pass
    return stats


def next_retry_in(now=None) -> float | None:
    """Seconds until the earliest pending retry, if any."""
    now = now or timezone.now()
    first = OutboxMessage.objects.filter(state=State.PENDING).aggregate(m=Min("next_attempt_at"))["m"]
    if first is None:
        return None
    return max((first - now).total_seconds(), 0.0)


def has_claimable(now=None) -> bool:
    return OutboxMessage.objects.filter(selectors.claimable(now or timezone.now())).exists()


def resend(queryset) -> int:
    """Admin "send again": back to pending now (a sent message really goes out again)."""
    with transaction.atomic():
        n = queryset.exclude(state=State.SENDING).update(
            state=State.PENDING, next_attempt_at=timezone.now(), attempts=0, claim_token="", claimed_until=None)
        if n:
            enqueue_sending()
    return n
