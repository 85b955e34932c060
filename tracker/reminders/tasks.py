"""Celery tasks: thin, each calls the services. All are idempotent (the outbox decides what is sent).

Limits (acks_late, time limits) and the beat schedule are in the settings
(`CELERY_*`). No task is scheduled far ahead: retries wait in the outbox
(`next_attempt_at`) and are picked up by `flush_outbox` from the beat, or by a
follow-up send scheduled at most REMINDER_MAX_COUNTDOWN_SECONDS ahead (well
inside the Redis visibility timeout).
"""
from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings

from . import outbox, selectors, sweep


def _send_and_follow_up(task) -> dict:
    stats = outbox.send_pending(time_budget=settings.REMINDER_SEND_BUDGET_SECONDS)
    if selectors.has_claimable():
        task.apply_async()  # budget spent with work left: continue in a fresh run
    elif stats.retrying:
        wait = selectors.next_retry_in()
        if wait is not None and wait <= settings.REMINDER_MAX_COUNTDOWN_SECONDS:
            task.apply_async(countdown=max(wait, 0.5))
    return {"sent": stats.sent, "failed": stats.failed, "retrying": stats.retrying, "skipped": stats.skipped}


@shared_task(name=outbox.SEND_TASK)
def send_pending():
    """Send what the outbox holds (enqueued on commit by the sweep and by event hooks)."""
    return _send_and_follow_up(send_pending)


@shared_task(name="tracker.reminders.tasks.daily_sweep")
def daily_sweep():
    """Sweep today once the policy's send time has passed (the beat polls; the policy is the clock)."""
    result = sweep.sweep_if_due(enqueue=True)
    if result is None:
        return {"swept": None}
    return {"swept": str(result.local_date), "messages": result.messages, "already": result.already}


@shared_task(name="tracker.reminders.tasks.flush_outbox")
def flush_outbox():
    """Every few minutes: catch up a missed sweep, then send whatever is pending (after outages)."""
    sweep.sweep_if_due(enqueue=False)
    return _send_and_follow_up(send_pending)


@worker_ready.connect
def _catch_up_on_start(sender=None, **kwargs):
    """A (re)started worker sends what waited while it was down: pending rows now, and rows an
    earlier worker had claimed once their lease has run out (a lease is renewed every email)."""
    send_pending.apply_async()
    send_pending.apply_async(countdown=outbox.lease_seconds() + 1)
