"""Celery tasks. All are idempotent (the outbox decides what is sent), so acks_late is safe.

No task is scheduled far ahead: retries wait in the outbox (`next_attempt_at`) and
are picked up by `flush_outbox` from the beat, or by a follow-up send scheduled at
most MAX_COUNTDOWN seconds ahead (well inside the Redis visibility timeout).
"""
from celery import shared_task
from celery.signals import worker_ready

from . import services

TIME_LIMIT = 300
SOFT_TIME_LIMIT = 240
SEND_BUDGET = 200  # seconds of sending per task run, well inside the soft limit
MAX_COUNTDOWN = 300

COMMON = {"acks_late": True, "reject_on_worker_lost": True, "ignore_result": True,
          "time_limit": TIME_LIMIT, "soft_time_limit": SOFT_TIME_LIMIT}


def _send_and_follow_up(task) -> dict:
    stats = services.send_pending(time_budget=SEND_BUDGET)
    if services.has_claimable():
        task.apply_async()  # budget spent with work left: continue in a fresh run
    elif stats.retrying:
        wait = services.next_retry_in()
        if wait is not None and wait <= MAX_COUNTDOWN:
            task.apply_async(countdown=max(wait, 0.5))
    return {"sent": stats.sent, "failed": stats.failed, "retrying": stats.retrying, "skipped": stats.skipped}


@shared_task(name="tracker.reminders.tasks.send_pending", bind=True, **COMMON)
def send_pending(self):
    """Send what the outbox holds (enqueued on commit by the sweep and by event hooks)."""
    return _send_and_follow_up(send_pending)


@shared_task(name="tracker.reminders.tasks.daily_sweep", bind=True, **COMMON)
def daily_sweep(self):
    """The beat's daily run: sweep today once the policy's send time has passed; sending is enqueued on commit."""
    result = services.sweep_if_due(enqueue=True)
    if result is None:
        return {"swept": None}
    return {"swept": str(result.local_date), "messages": result.messages, "already": result.already}


@shared_task(name="tracker.reminders.tasks.flush_outbox", bind=True, **COMMON)
def flush_outbox(self):
    """Every few minutes: catch up a missed sweep, then send whatever is pending (after outages)."""
    services.sweep_if_due(enqueue=False)
    return _send_and_follow_up(send_pending)


@worker_ready.connect
def _catch_up_on_start(sender=None, **kwargs):
    """A (re)started worker sends what waited while it was down: pending rows now, and rows an
    earlier worker had claimed once their lease has run out (a lease is renewed every email)."""
    send_pending.apply_async()
    send_pending.apply_async(countdown=services.lease_seconds() + 1)
