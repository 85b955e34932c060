"""The Celery app: broker from REDIS_URL (filesystem transport when unset), beat schedule in code."""
import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("dondoc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["tracker.reminders"])

REMINDER_HOUR = int(os.environ.get("REMINDER_HOUR", "7"))
REMINDER_MINUTE = int(os.environ.get("REMINDER_MINUTE", "30"))

app.conf.beat_schedule = {
    "daily-reminder-sweep": {
        "task": "tracker.reminders.tasks.daily_sweep",
        "schedule": crontab(hour=REMINDER_HOUR, minute=REMINDER_MINUTE),
        "options": {"expires": 6 * 3600},
    },
    # Every minute: picks up outbox rows left behind by a broker or SMTP outage or a killed
    # worker (once their lease has run out), and runs a
    # sweep the daily run missed (or that the office moved to a later hour).
    "flush-outbox": {
        "task": "tracker.reminders.tasks.flush_outbox",
        "schedule": crontab(minute="*"),
        "options": {"expires": 50},
    },
}
