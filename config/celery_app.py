"""The Celery app: broker from REDIS_URL (filesystem transport when unset), beat schedule in code."""
import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("dondoc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["tracker.reminders", "tracker.webhooks"])

REMINDER_HOUR = int(os.environ.get("REMINDER_HOUR", "7"))
REMINDER_MINUTE = int(os.environ.get("REMINDER_MINUTE", "30"))

app.conf.beat_schedule = {
    "daily-reminder-sweep": {
        "task": "tracker.reminders.tasks.daily_sweep",
        "schedule": crontab(hour=REMINDER_HOUR, minute=REMINDER_MINUTE),
        "options": {"expires": 6 * 3600},
    },
    # Picks up outbox rows left behind by a broker or SMTP outage, and runs a
    # sweep the daily run missed (or that the office moved to a later hour).
    "flush-outbox": {
        "task": "tracker.reminders.tasks.flush_outbox",
        "schedule": crontab(minute="*/10"),
        "options": {"expires": 9 * 60},
    },
    # Webhook retries wait in their outbox; this pass picks up any left by a broker outage.
    "flush-webhooks": {
        "task": "tracker.webhooks.tasks.deliver_webhooks",
        "schedule": crontab(minute="*/5"),
        "options": {"expires": 4 * 60},
    },
}
