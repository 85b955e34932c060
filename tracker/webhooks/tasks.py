"""Celery: deliver due webhook events, then schedule the next pass when a retry is waiting (back-off)."""
from celery import shared_task
from django.conf import settings

from . import selectors, services


@shared_task(name=services.DELIVER_TASK)
def deliver_webhooks():
    stats = services.deliver_pending()
    wait = selectors.next_retry_in()
    if wait is not None and wait <= settings.REMINDER_MAX_COUNTDOWN_SECONDS:
        deliver_webhooks.apply_async(countdown=max(wait, 0.5))
    return {"sent": stats.sent, "retrying": stats.retrying, "failed": stats.failed}
