"""Closed tasks counted once: per unit, role and closed bucket, so pages count only open tasks live."""
from datetime import date

from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce


class ClosedTally(models.Model):
    """How many closed tasks (done on time, done late, cancelled) a unit holds in a role.

    Kept by tracker.tallies in the same transaction as the task change; `manage.py
    recount_tallies` rebuilds it from the tasks. The rows of unit NULL (role ALL) count every task, once. Closed history never changes, so the list
    and the dashboard read these few rows instead of recounting it on every request.
    """

    class Bucket(models.TextChoices):
        DONE_ON_TIME = "xong_dung_han", "Hoàn thành đúng hạn"
        DONE_LATE = "xong_qua_han", "Hoàn thành quá hạn"
        CANCELLED = "cancelled", "Tạm dừng/hủy"

    ALL = ""  # the role of the rows that count every closed task (unit NULL): the office's counts, three rows

    unit = models.ForeignKey("tracker.Unit", on_delete=models.CASCADE, related_name="+", null=True)
    role = models.CharField(max_length=8, blank=True)  # TaskAssignment.Role, or ALL
    bucket = models.CharField(max_length=16, choices=Bucket.choices)
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = "số nhiệm vụ đã kết thúc"
        verbose_name_plural = "số nhiệm vụ đã kết thúc"
        # The rows of every task (unit NULL) compared as a value, so each key is one row on both engines.
        constraints = [models.UniqueConstraint(Coalesce("unit", Value(0)), "role", "bucket", name="closed_tally_once")]
        # The dashboard's closed counts are every unit's lead rows: from this index alone.
        indexes = [models.Index(fields=["role", "bucket", "n"], name="closed_tally_role")]

    def __str__(self):
        return f"{self.unit_id}/{self.role}/{self.bucket}: {self.n}"


class OpenTally(models.Model):
    """How many open tasks fall due on each date: per unit and role (its assignments), and in all (unit NULL,
    role "": one a task).

    The pages' open counts are ranges of due dates relative to today (`selectors.open_due_ranges`): summing these
    rows by those ranges gives them without reading the open tasks (19,400 at every archive size here; the office
    reads ~700 rows, a unit its few dozen). Kept by tracker.tallies like ClosedTally, rebuilt by `recount_tallies`.
    A task without a deadline is counted under due_date NULL.
    """

    ALL = ""  # the role of the rows that count every open task (unit NULL)

    unit = models.ForeignKey("tracker.Unit", on_delete=models.CASCADE, related_name="+", null=True)
    role = models.CharField(max_length=8, blank=True)  # TaskAssignment.Role, or ALL
    due_date = models.DateField(null=True)
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = "số nhiệm vụ đang mở theo hạn"
        verbose_name_plural = "số nhiệm vụ đang mở theo hạn"
        # NULLs (the rows of every task, no deadline) compared as values, so each key is one row on both engines.
        constraints = [models.UniqueConstraint(Coalesce("unit", Value(0)), "role",
                                               Coalesce("due_date", Value(date.min)), name="open_tally_once")]
        # The office reads unit NULL, a unit its own rows: each a range of this index.
        indexes = [models.Index(fields=["unit", "role", "due_date", "n"], name="open_tally_unit")]

    def __str__(self):
        return f"{self.unit_id}/{self.role}/{self.due_date}: {self.n}"
