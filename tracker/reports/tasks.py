"""Celery: the monthly report to the office's addresses (beat schedule in config/celery_app.py)."""
from celery import shared_task


@shared_task(name="tracker.reports.tasks.monthly_report")
def monthly_report() -> int:
    """Queue last month's report (one outbox row per address, once per month); the outbox sends it."""
    from .notify import monthly_report as queue

    return queue()


@shared_task(name="tracker.reports.tasks.export_xlsx")
def export_xlsx(token: str) -> None:
    """A large report export (see tracker.reports.jobs)."""
    from .jobs import run

    run(token)
