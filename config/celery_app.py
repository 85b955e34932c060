"""The Celery app: broker from REDIS_URL (filesystem transport when unset), beat schedule in code."""
import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("dondoc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["tracker.reminders", "tracker.reports"])

REMINDER_HOUR = int(os.environ.get("REMINDER_HOUR", "7"))
REMINDER_MINUTE = int(os.environ.get("REMINDER_MINUTE", "30"))

app.conf.beat_schedule = {
    "daily-reminder-sweep": {
        "task": "tracker.reminders.tasks.daily_sweep",
        "schedule": crontab(hour=REMINDER_HOUR, minute=REMINDER_MINUTE),
        "options": {"expires": 6 * 3600},
    },
    # Last month's report to the addresses in the reminder policy, on the 1st.
    "monthly-report": {
        "task": "tracker.reports.tasks.monthly_report",
        "schedule": crontab(day_of_month=1, hour=6, minute=0),
        "options": {"expires": 20 * 3600},
    },
    # Picks up outbox rows left behind by a broker or SMTP outage, and runs a
    # sweep the daily run missed (or that the office moved to a later hour).
    "flush-outbox": {
        "task": "tracker.reminders.tasks.flush_outbox",
        "schedule": crontab(minute="*/10"),
        "options": {"expires": 9 * 60},
    },
}
