"""Celery: the sweep (every 10 minutes) of source files an interrupted import left behind (beat schedule in settings)."""
from datetime import timedelta

from celery import shared_task
from django.conf import settings


@shared_task(name="ingest.tasks.remove_orphan_sources")
def remove_orphan_sources() -> int:
    from ingest.services.cleanup import remove_orphan_sources as sweep

    return len(sweep(older_than=timedelta(hours=settings.ORPHAN_SOURCE_HOURS)).removed)
