"""Recording, signing and delivering webhook events: record → claim (token + lease) → POST → mark.

The same outbox discipline as the reminder emails (tracker.reminders.services): a delivery is
claimed by a conditional UPDATE so two workers never take the same row, a worker killed
mid-POST leaves it "sending" until the lease runs out, and a failed POST waits the emails'
back-off before the next try. Every try sends the same body and Idempotency-Key, so a receiver
that got a delivery whose answer was lost can recognise the retry (at-least-once).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import timedelta

from celery import signature
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from tracker.models import Task, Webhook, WebhookDelivery
from tracker.reminders.outbox import backoff, lease_seconds, max_attempts
# The email outbox's claimable rows: a delivery has the same fields and states.
from tracker.reminders.selectors import claimable

logger = logging.getLogger("tracker.webhooks")
State = WebhookDelivery.State
CLAIM_BATCH = 10
SIGNATURE_HEADER = "X-Dondoc-Signature"
DELIVER_TASK = "tracker.webhooks.tasks.deliver_webhooks"


def task_data(task: Task) -> dict:
    return {
        "id": task.pk,
        "title": task.title,
        "status": task.status,
        "due_date": task.due_date.isoformat() if task.due_date else None,
        "original_due_date": task.original_due_date.isoformat() if task.original_due_date else None,
        "lead_unit": {"id": task.lead_unit_id, "name": task.lead_unit.name},
        "url": settings.SITE_URL + reverse("tracker:task_detail", args=[task.pk]),
        "api_url": settings.SITE_URL + reverse("api:task-detail", args=[task.pk]),
    }


def _enqueue() -> None:
    """Ask a worker to deliver (the task is named, not imported: tasks call services)."""
    try:
        signature(DELIVER_TASK).apply_async(retry=True, retry_policy={"max_retries": 2, "interval_start": 0,
                                                               "interval_step": 0.3, "interval_max": 0.5})
    except Exception as exc:  # noqa: BLE001 - a broker outage must not reach the request; the beat catches up
        logger.warning("Không đưa được việc gửi webhook vào hàng đợi (%s); lần quét sau sẽ gửi.", exc)


def record(event: str, task: Task, data: dict) -> int:
    """One delivery row per active webhook that wants `event`, written in the caller's transaction."""
    hooks = [h for h in Webhook.objects.filter(is_active=True) if h.wants(event)]
    if not hooks:
        return 0
    now = timezone.now()
    body = {"event": event, "occurred_at": now.isoformat(), "task": task_data(task), **data}
    rows = []
    for hook in hooks:
        key = uuid.uuid4()
        rows.append(WebhookDelivery(webhook=hook, event=event, task=task, idempotency_key=key,
                                    payload={"id": str(key), **body}, next_attempt_at=now))
    WebhookDelivery.objects.bulk_create(rows)
    conn = transaction.get_connection()
    if not any(func is _enqueue for _sids, func, _robust in conn.run_on_commit):
        transaction.on_commit(_enqueue, robust=True)
    return len(rows)


def body_of(delivery: WebhookDelivery) -> bytes:
    """The exact bytes sent and signed: the same on every try."""
    return json.dumps(delivery.payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, signature: str) -> bool:
    """What a receiver does (shown in docs/api.md); used by the tests."""
    return hmac.compare_digest(sign(secret, body), signature or "")


def claim(now, batch: int = CLAIM_BATCH) -> tuple[str, list[WebhookDelivery]]:
    token = uuid.uuid4().hex
    with transaction.atomic():
        candidates = WebhookDelivery.objects.filter(claimable(now)).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        ids = list(candidates.values_list("pk", flat=True)[:batch])
        if not ids:
            return token, []
        WebhookDelivery.objects.filter(pk__in=ids).filter(claimable(now)).update(
            state=State.SENDING, claim_token=token, claimed_until=timezone.now() + timedelta(seconds=lease_seconds()),
            attempts=F("attempts") + 1, updated_at=timezone.now())
    return token, list(WebhookDelivery.objects.filter(claim_token=token, state=State.SENDING)
                       .select_related("webhook").order_by("id"))


def _mark(delivery: WebhookDelivery, token: str, **fields) -> bool:
    fields.setdefault("updated_at", timezone.now())
    return bool(WebhookDelivery.objects.filter(pk=delivery.pk, claim_token=token, state=State.SENDING).update(
        claim_token="", claimed_until=None, **fields))


def post(delivery: WebhookDelivery) -> int:
    """POST the delivery; the HTTP status, or an exception for a network error."""
    body = body_of(delivery)
    request = urllib.request.Request(delivery.webhook.url, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "dondoc-webhook/1",
        "X-Dondoc-Event": delivery.event,
        "X-Dondoc-Delivery": str(delivery.idempotency_key),
        "Idempotency-Key": str(delivery.idempotency_key),
        SIGNATURE_HEADER: sign(delivery.webhook.secret, body),
    })
    try:
        with urllib.request.urlopen(request, timeout=settings.WEBHOOK_TIMEOUT) as response:  # noqa: S310 - office-set URL
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@dataclass
class DeliveryStats:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def deliver_one(delivery: WebhookDelivery, token: str, stats: DeliveryStats) -> None:
    try:
        code, error = post(delivery), ""
    except Exception as exc:  # noqa: BLE001 - network errors are retried like 5xx
        code, error = None, f"{type(exc).__name__}: {exc}"
    if code is not None and 200 <= code < 300:
        _mark(delivery, token, state=State.SENT, delivered_at=timezone.now(), response_status=code)
        stats.sent += 1
        return
    error = error or f"HTTP {code}"
    if delivery.attempts < max_attempts():
        _mark(delivery, token, state=State.PENDING, response_status=code,
              last_error=f"Lỗi (lần {delivery.attempts}): {error}",
              next_attempt_at=timezone.now() + backoff(delivery.attempts))
        stats.retrying += 1
        logger.warning("Webhook #%s tới %s lỗi (%s); sẽ gửi lại.", delivery.pk, delivery.webhook.url, error)
    else:
        _mark(delivery, token, state=State.FAILED, response_status=code,
              last_error=f"Đã thử hết số lần (lần {delivery.attempts}): {error}")
        stats.failed += 1
        logger.error("Webhook #%s tới %s thất bại hẳn: %s", delivery.pk, delivery.webhook.url, error)


def deliver_pending(max_batches: int = 50) -> DeliveryStats:
    """One pass: every delivery due when the pass starts is tried once (a retry waits for a later pass)."""
    stats = DeliveryStats()
    started = timezone.now()
    for _ in range(max_batches):
        token, rows = claim(started)
        if not rows:
            break
        for delivery in rows:
            deliver_one(delivery, token, stats)
    return stats


def resend(queryset) -> int:
    """Admin "send again": back to pending now, the same idempotency key."""
    n = queryset.exclude(state=State.SENDING).update(state=State.PENDING, next_attempt_at=timezone.now(), attempts=0)
    if n:
        transaction.on_commit(_enqueue, robust=True)
    return n
