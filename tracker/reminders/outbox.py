"""The outbox: rows written in the caller's transaction, a send enqueued on commit, then claim → send → mark.

Claiming is an atomic conditional UPDATE (state pending → sending with a token
and a lease), so two senders never take the same row; on PostgreSQL the
candidates are picked with SELECT … FOR UPDATE SKIP LOCKED first. A sender
killed mid-send leaves its rows "sending" until the lease runs out, then
another sender takes them. If the broker is down the rows stay pending and the
periodic `flush_outbox` sends them later.
"""
from __future__ import annotations

import logging
import smtplib
import socket
import threading
import time as _time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from celery import signature
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from tracker.models import OutboxMessage

from . import emails, selectors

logger = logging.getLogger("tracker.reminders")
State = OutboxMessage.State
SEND_TASK = "tracker.reminders.tasks.send_pending"


def lease_seconds() -> int:
    """How long a claimed row is reserved for its sender (renewed before each email)."""
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
    """The task is named, not imported: tasks call services, never the other way round."""
    try:
        signature(SEND_TASK).apply_async(
            retry=True, retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.3, "interval_max": 0.5},
        )
    except Exception as exc:  # noqa: BLE001 - any broker failure is only a delay (flush_outbox catches up)
        logger.warning("Không đưa được việc gửi email vào hàng đợi (%s); flush_outbox sẽ gửi sau.", exc)


def wait_for_publishing(timeout: float = 10.0) -> None:
    """Block until the publishes submitted so far are done (commands and tests that exit right after)."""
    _publisher().submit(lambda: None).result(timeout)


def enqueue_sending() -> None:
    """Enqueue a send when the current transaction commits; nothing if it rolls back.

    A transaction that queues several times enqueues several sends: the claim makes
    the extra runs find nothing, so no message goes out twice.
    """
    transaction.on_commit(_publish_send, robust=True)


def add(rows: list[OutboxMessage]) -> int:
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
    """Extend this sender's lease on the rows it still holds, before each email: the lease only
    has to outlast one email, so a killed sender's rows are free again soon."""
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


def resend(queryset) -> int:
    """Admin "send again": back to pending now (a sent message really goes out again)."""
    with transaction.atomic():
        n = queryset.exclude(state=State.SENDING).update(
            state=State.PENDING, next_attempt_at=timezone.now(), attempts=0, claim_token="", claimed_until=None)
        if n:
            enqueue_sending()
    return n
