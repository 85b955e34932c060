"""Keeps ClosedTally and OpenTally equal to the tasks, in the same transaction as each change.

Model signals rather than calls in each service: every door that saves or deletes a task
or an assignment (services, admin forms and inlines, other apps, test factories) keeps the
tallies, and a write costs a few small queries more. QuerySet.update() and bulk_create()
bypass signals: code that changes status, dates or assignments in bulk runs `recount()`
afterwards (bench_tracker does), and `manage.py recount_tallies` rebuilds from scratch.

A task's place in the tallies (`_place_in_db`) is its closed bucket once closed, else its due date:
an open task's timeliness is a range of due dates relative to today (`selectors.open_due_ranges`).
"""
from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from .models import ClosedTally, OpenTally, Task, TaskAssignment
from .selectors import closed_bucket, timeliness_filter

Bucket = ClosedTally.Bucket
_BUCKET_FIELDS = {"status", "due_date", "completed_on"}
_OPEN, _CLOSED = "open", "closed"


def _place(status, due_date, completed_on) -> tuple:
    bucket = closed_bucket(status, due_date, completed_on)
    return (_OPEN, due_date) if bucket is None else (_CLOSED, bucket)


def _place_in_db(task_id) -> tuple | None:
    row = Task.objects.filter(pk=task_id).values_list("status", "due_date", "completed_on").first()
    return _place(*row) if row else None


def _bump(model, key: dict, delta: int) -> None:
    model.objects.bulk_create([model(**key)], ignore_conflicts=True)
    model.objects.filter(**{name: value for name, value in key.items() if value is not None},
                         **{f"{name}__isnull": True for name, value in key.items() if value is None}).update(
        n=F("n") + delta)


def _add(unit_id, role: str, place: tuple | None, delta: int) -> None:
    """`delta` tasks at `place` for a unit in a role."""
    if place is None or not delta:
        return
    kind, value = place
    if kind == _CLOSED:
        _bump(ClosedTally, {"unit_id": unit_id, "role": role, "bucket": value}, delta)
    else:
        _bump(OpenTally, {"unit_id": unit_id, "role": role, "due_date": value}, delta)


def _add_task(place: tuple | None, delta: int) -> None:
    """`delta` tasks at `place` in the rows that count every task (unit NULL)."""
    if place is not None and delta:
        _add(None, OpenTally.ALL, place, delta)


def _task_pre_save(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._tally_before = None
    if raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and not _BUCKET_FIELDS & set(update_fields):
        instance._tally_before = "skip"
        return
    instance._tally_before = ("was", _place_in_db(instance.pk))


def _task_post_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:  # a new task has no assignment yet: its assignments add it to their units
        _add_task(_place_in_db(instance.pk), +1)
        return
    before = getattr(instance, "_tally_before", None)
    if not isinstance(before, tuple):
        return
    old, new = before[1], _place_in_db(instance.pk)
    if old == new:
        return
    _add_task(old, -1)
    _add_task(new, +1)
    for unit_id, role in TaskAssignment.objects.filter(task_id=instance.pk).values_list("unit_id", "role"):
        _add(unit_id, role, old, -1)
        _add(unit_id, role, new, +1)


def _task_pre_delete(sender, instance, **kwargs):
    instance._tally_before = _place_in_db(instance.pk)


def _task_post_delete(sender, instance, **kwargs):
    _add_task(getattr(instance, "_tally_before", None), -1)


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
    place = _place_in_db(instance.task_id)
    if before is not None:
        _add(*before, place, -1)
    _add(instance.unit_id, instance.role, place, +1)


def _assignment_post_delete(sender, instance, **kwargs):
    # A task's assignments are deleted before the task itself, so its row is still readable here.
    _add(instance.unit_id, instance.role, _place_in_db(instance.task_id), -1)


def connect() -> None:
    pre_save.connect(_task_pre_save, sender=Task, dispatch_uid="tally_task_pre")
    post_save.connect(_task_post_save, sender=Task, dispatch_uid="tally_task_post")
    pre_delete.connect(_task_pre_delete, sender=Task, dispatch_uid="tally_task_pre_del")
    post_delete.connect(_task_post_delete, sender=Task, dispatch_uid="tally_task_del")
    pre_save.connect(_assignment_pre_save, sender=TaskAssignment, dispatch_uid="tally_assign_pre")
    post_save.connect(_assignment_post_save, sender=TaskAssignment, dispatch_uid="tally_assign_post")
    post_delete.connect(_assignment_post_delete, sender=TaskAssignment, dispatch_uid="tally_assign_del")


def counted() -> dict[tuple, int]:
    """The tallies from the tasks themselves: {(unit_id, role, bucket): n} by `timeliness_filter` for the closed
    tasks, {("open", unit_id, role, due_date): n} for the open ones (unit None, role "": every task)."""
    parts = {Bucket.DONE_ON_TIME: timeliness_filter(Bucket.DONE_ON_TIME),
             Bucket.DONE_LATE: timeliness_filter(Bucket.DONE_LATE),
             Bucket.CANCELLED: Q(status=Task.Status.CANCELLED)}
    result = {}
    for bucket, condition in parts.items():
        rows = TaskAssignment.objects.order_by().filter(task__in=Task.objects.filter(condition).values("pk")).values_list(
            "unit_id", "role").annotate(n=Count("*"))
        result.update({(unit_id, role, bucket.value): n for unit_id, role, n in rows})
        n = Task.objects.filter(condition).count()
        if n:
            result[(None, ClosedTally.ALL, bucket.value)] = n
    open_tasks = Task.objects.order_by().filter(status__in=Task.OPEN_STATUSES)
    rows = TaskAssignment.objects.order_by().filter(task__in=open_tasks.values("pk")).values_list(
        "unit_id", "role", "task__due_date").annotate(n=Count("*"))
    result.update({(_OPEN, unit_id, role, due): n for unit_id, role, due, n in rows})
    for due, n in open_tasks.values_list("due_date").annotate(n=Count("*")):
        result[(_OPEN, None, OpenTally.ALL, due)] = n
    return result


def stored() -> dict[tuple, int]:
    closed = ClosedTally.objects.filter(n__gt=0).values_list("unit_id", "role", "bucket", "n")
    opened = OpenTally.objects.filter(n__gt=0).values_list("unit_id", "role", "due_date", "n")
    return {**{(u, r, b): n for u, r, b, n in closed}, **{(_OPEN, u, r, d): n for u, r, d, n in opened}}


@transaction.atomic
def recount() -> int:
    """Rebuild the tallies from the tasks; returns the number of rows written."""
    ClosedTally.objects.all().delete()
    OpenTally.objects.all().delete()
    rows = counted()
    ClosedTally.objects.bulk_create([ClosedTally(unit_id=key[0], role=key[1], bucket=key[2], n=n)
                                     for key, n in rows.items() if key[0] != _OPEN], batch_size=1000)
    OpenTally.objects.bulk_create([OpenTally(unit_id=key[1], role=key[2], due_date=key[3], n=n)
                                   for key, n in rows.items() if key[0] == _OPEN], batch_size=1000)
    return len(rows)
