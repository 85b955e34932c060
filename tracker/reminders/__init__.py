"""Reminders and event emails: daily sweep → outbox → Celery workers → SMTP.

Modules: `sweep` (the daily run into the outbox), `notify` (event emails),
`outbox` (enqueue on commit, claim → send → mark), `tasks` (thin Celery tasks),
`selectors` (reads), `emails` (rendering).

Hooks for other services (each writes its outbox rows in the caller's
transaction and enqueues sending on commit; a failure is only logged):

- `notify_assigned(task_ids)`          – at publish, inside the publish transaction
- `extension_decided(extension)`       – from tracker.services.decide_extension
- `completion_decided(task, accepted)` – from tracker.services.confirm_completion
"""
import logging

from django.db import transaction

from . import notify

logger = logging.getLogger("tracker.reminders")


def _safely(func, *args, **kwargs) -> int:
    """Queue an event email without ever breaking the caller: a failure is logged, the savepoint undone."""
    try:
        with transaction.atomic():
            return func(*args, **kwargs)
    except Exception:  # noqa: BLE001 - an email must never undo a decision
        logger.exception("Không ghi được email thông báo (%s)", getattr(func, "__name__", func))
        return 0


def notify_assigned(task_ids) -> int:
    """Tell the units (lead and support) of newly published tasks; one email per recipient."""
    return _safely(notify.notify_assigned, task_ids)


def extension_decided(extension) -> int:
    return _safely(notify.notify_extension_decided, extension)


def completion_decided(task, accepted: bool, note: str = "") -> int:
    return _safely(notify.notify_completion_decided, task, accepted=accepted, note=note)
