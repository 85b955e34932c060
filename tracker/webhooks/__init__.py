"""Webhooks: task events → signed JSON POSTs, through an outbox like the reminder emails.

`emit(event, task, **data)` is called by tracker.services inside the write's transaction:
it writes one delivery row per interested webhook (so the event commits with the change, or
not at all) and asks a Celery worker to deliver on commit. A failure to record is logged and
never undoes the change.
"""
import logging

from django.db import transaction

logger = logging.getLogger("tracker.webhooks")


def emit(event: str, task, **data) -> int:
    from . import services

    try:
        with transaction.atomic():
            return services.record(event, task, data)
    except Exception:  # noqa: BLE001 - a webhook must never undo a decision
        logger.exception("Không ghi được webhook %s cho nhiệm vụ #%s", event, getattr(task, "pk", None))
        return 0
