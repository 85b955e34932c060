"""Celery: deliver due webhook events, then schedule the next pass when a retry is waiting (back-off)."""
from celery import shared_task

from tracker.reminders.tasks import COMMON, MAX_COUNTDOWN

from . import services


@shared_task(name="tracker.webhooks.tasks.deliver_webhooks", bind=True, **COMMON)
def deliver_webhooks(self):
    stats = services.deliver_pending()
    wait = services.next_retry_in()
    if wait is not None and wait <= MAX_COUNTDOWN:
        deliver_webhooks.apply_async(countdown=max(wait, 0.5))
    return {"sent": stats.sent, "retrying": stats.retrying, "failed": stats.failed}
