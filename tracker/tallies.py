"""Keeps ClosedTally equal to the closed tasks, in the same transaction as each change.

Model signals rather than calls in each service: every door that saves or deletes a task
or an assignment (services, admin forms and inlines, other apps, test factories) keeps the
tally, and a write costs one or two small queries more. QuerySet.update() and bulk_create()
bypass signals: code that changes status, dates or assignments in bulk runs `recount()`
afterwards (bench_tracker does), and `manage.py recount_tallies` rebuilds from scratch.
"""
from django.db import transaction
from django.db.models import Count, F
from django.db.models.signals import post_delete, post_save, pre_save

from .models import ClosedTally, Task, TaskAssignment
from .selectors import closed_bucket, timeliness_filter

Bucket = ClosedTally.Bucket
_BUCKET_FIELDS = {"status", "due_date", "completed_on"}


def _bucket_in_db(task_id) -> str | None:
    row = Task.objects.filter(pk=task_id).values_list("status", "due_date", "completed_on").first()
    return closed_bucket(*row) if row else None


def _add(unit_id, role: str, bucket: str | None, delta: int) -> None:
    if bucket is None or not delta:
        return
    ClosedTally.objects.bulk_create([ClosedTally(unit_id=unit_id, role=role, bucket=bucket)], ignore_conflicts=True)
    ClosedTally.objects.filter(unit_id=unit_id, role=role, bucket=bucket).update(n=F("n") + delta)


def _task_pre_save(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._tally_before = None
    if raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and not _BUCKET_FIELDS & set(update_fields):
        instance._tally_before = "skip"
        return
    instance._tally_before = ("was", _bucket_in_db(instance.pk))


def _task_post_save(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_tally_before", None)
    if raw or created or not isinstance(before, tuple):
        return  # a new task has no assignment yet: its assignments add it
    old, new = before[1], _bucket_in_db(instance.pk)
    if old == new:
        return
    for unit_id, role in TaskAssignment.objects.filter(task_id=instance.pk).values_list("unit_id", "role"):
        _add(unit_id, role, old, -1)
        _add(unit_id, role, new, +1)


def _assignment_pre_save(sender, instance, raw=False, **kwargs):
    instance._tally_before = None
    if not raw and not instance._state.adding and instance.pk is not None:
        instance._tally_before = TaskAssignment.objects.filter(pk=instance.pk).values_list("unit_id", "role").first()


def _assignment_post_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = None if created else getattr(instance, "_tally_before", None)
    if before == (instance.unit_id, instance.role):
        return
    bucket = _bucket_in_db(instance.task_id)
    if before is not None:
        _add(*before, bucket, -1)
    _add(instance.unit_id, instance.role, bucket, +1)


def _assignment_post_delete(sender, instance, **kwargs):
    # A task's assignments are deleted before the task itself, so its row is still readable here.
    _add(instance.unit_id, instance.role, _bucket_in_db(instance.task_id), -1)


def connect() -> None:
    pre_save.connect(_task_pre_save, sender=Task, dispatch_uid="tally_task_pre")
    post_save.connect(_task_post_save, sender=Task, dispatch_uid="tally_task_post")
    pre_save.connect(_assignment_pre_save, sender=TaskAssignment, dispatch_uid="tally_assign_pre")
    post_save.connect(_assignment_post_save, sender=TaskAssignment, dispatch_uid="tally_assign_post")
    post_delete.connect(_assignment_post_delete, sender=TaskAssignment, dispatch_uid="tally_assign_del")


def counted() -> dict[tuple, int]:
    """The tally from the tasks themselves, by `timeliness_filter`: {(unit_id, role, bucket): n}."""
    parts = {Bucket.DONE_ON_TIME: timeliness_filter(Bucket.DONE_ON_TIME),
             Bucket.DONE_LATE: timeliness_filter(Bucket.DONE_LATE),
             Bucket.CANCELLED: None}
    result = {}
    for bucket, condition in parts.items():
        tasks = Task.objects.order_by()
        tasks = tasks.filter(status=Task.Status.CANCELLED) if condition is None else tasks.filter(condition)
        rows = TaskAssignment.objects.order_by().filter(task__in=tasks.values("pk")).values_list(
            "unit_id", "role").annotate(n=Count("*"))
        result.update({(unit_id, role, bucket.value): n for unit_id, role, n in rows})
    return result


def stored() -> dict[tuple, int]:
    return {(u, r, b): n for u, r, b, n in ClosedTally.objects.filter(n__gt=0).values_list("unit_id", "role", "bucket", "n")}


@transaction.atomic
def recount() -> int:
    """Rebuild the tally from the tasks; returns the number of rows written."""
    ClosedTally.objects.all().delete()
    rows = [ClosedTally(unit_id=u, role=r, bucket=b, n=n) for (u, r, b), n in counted().items()]
    ClosedTally.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
