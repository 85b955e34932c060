"""The Celery app: configuration (broker, limits, beat schedule) comes from the settings' CELERY_* names."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("dondoc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["tracker.reminders", "tracker.reports", "tracker.webhooks", "ingest"])
