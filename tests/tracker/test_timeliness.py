"""The one timeliness rule, three ways (Python, SQL annotation, SQL filter), agree on a grid of cases."""
from datetime import date, timedelta
from itertools import product

import pytest
from django.db import connection
from django.db.models import Sum

from tests.factories import TaskFactory, UnitFactory, UserFactory
from tracker import selectors, tallies
from tracker.models import OpenTally, Task, Timeliness, User

TODAY = date(2025, 6, 15)
DUE_OFFSETS = [None, -30, -1, 0, 1, 6, 7, 8, 30]   # around "overdue" and the 7-day "due soon" edge
DONE_OFFSETS = [None, -5, 0, 1, 10]                 # completion relative to the due date


@pytest.mark.django_db
def test_annotation_filter_and_python_agree_on_grid(settings):
    settings.DUE_SOON_DAYS = 7
    unit = UnitFactory()
    expected = {}
    for status, due_off, done_off in product(Task.Status.values, DUE_OFFSETS, DONE_OFFSETS):
        due = TODAY + timedelta(days=due_off) if due_off is not None else None
        completed = None
        if done_off is not None:
            completed = (due or TODAY) + timedelta(days=done_off)
        task = TaskFactory(lead_unit=unit, status=status, due_date=due, completed_on=completed)
        expected[task.pk] = selectors.timeliness_of(status, due, completed, TODAY)
    annotated = dict(selectors.with_timeliness(Task.objects.all(), TODAY).values_list("pk", "timeliness"))
    assert annotated == expected
    for bucket in Timeliness:
        filtered = set(Task.objects.filter(selectors.timeliness_filter(bucket, TODAY)).values_list("pk", flat=True))
        assert filtered == {pk for pk, b in expected.items() if b == bucket}, bucket
    # the sweep's lateness (raw SQL) is the Python count, and overdue / due soon are what it says
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {selectors.days_late_sql('due_date')} FROM tracker_task"
                       " WHERE due_date IS NOT NULL", [TODAY])
        late_sql = dict(cursor.fetchall())
    tasks = {t.pk: t for t in Task.objects.all()}
    assert late_sql == {pk: selectors.days_late(t.due_date, TODAY) for pk, t in tasks.items() if t.due_date}
    for pk, late in late_sql.items():
        if tasks[pk].status in Task.OPEN_STATUSES:
            assert (expected[pk] == Timeliness.OVERDUE) == (late > 0)
            assert (expected[pk] == Timeliness.DUE_SOON) == (-settings.DUE_SOON_DAYS <= late <= 0)
    # every bucket occurs, so the grid really exercised each branch
    assert set(expected.values()) == {*Timeliness.values, None}
    # the list's counts and the dashboard's per-unit counts are these buckets, counted
    per_bucket = {b: sum(1 for v in expected.values() if v == b) for b in Timeliness.values}
    counts = selectors.list_counts(Task.objects.all(), TODAY)
    assert counts.pop("total") == len(expected)
    assert counts == per_bucket
    for by_range in (True, False):
        assert selectors.list_counts(Task.objects.all(), TODAY, by_range=by_range) == {**per_bucket,
                                                                                      "total": len(expected)}
    # the closed-task tally, kept by the factories' saves, and the unfiltered list's counts built on it
    closed = {b: n for b, n in per_bucket.items() if b in selectors.CLOSED_BUCKETS}
    closed["cancelled"] = sum(1 for v in expected.values() if v is None)
    assert {key[2]: n for key, n in tallies.stored().items() if key[0] == unit.pk} == closed
    assert {key[2]: n for key, n in tallies.stored().items() if key[0] is None} == closed  # every task's rows
    assert tallies.stored() == tallies.counted()
    # the open-task tally, by due date: each open bucket is its range of due dates, for every task and the unit's
    for rows in (OpenTally.objects.filter(unit__isnull=True, role=OpenTally.ALL), OpenTally.objects.filter(unit=unit)):
        assert {b: rows.filter(due).aggregate(n=Sum("n", default=0))["n"]
                for b, due in selectors.open_due_ranges(TODAY).items()} == {
            b: n for b, n in per_bucket.items() if b in selectors.OPEN_BUCKETS}
    assert {k: selectors.closed_bucket(*Task.objects.filter(pk=k).values_list(
        "status", "due_date", "completed_on").get()) for k in expected} == {
        k: ("cancelled" if v is None else v if v in selectors.CLOSED_BUCKETS else None) for k, v in expected.items()}
    office = UserFactory(role=User.Role.OFFICE)
    assert selectors.user_list_counts(office, TODAY) == {**per_bucket, "total": len(expected)}
    unit_counts = selectors.dashboard(TODAY)["per_unit"][0]
    assert {b: getattr(unit_counts, b) for b in Timeliness.values} == per_bucket
    assert unit_counts.total == len(expected)  # cancelled tasks count in the total, in no bucket


@pytest.mark.parametrize("status,due,completed,bucket", [
    ("in_progress", TODAY - timedelta(days=1), None, Timeliness.OVERDUE),
    ("new", TODAY, None, Timeliness.DUE_SOON),
    ("awaiting", TODAY + timedelta(days=7), None, Timeliness.DUE_SOON),
    ("new", TODAY + timedelta(days=8), None, Timeliness.ON_TRACK),
    ("new", None, None, Timeliness.NO_DEADLINE),
    ("done", TODAY, TODAY, Timeliness.DONE_ON_TIME),
    ("done", TODAY, TODAY + timedelta(days=1), Timeliness.DONE_LATE),
    ("done", None, TODAY, Timeliness.DONE_ON_TIME),
    ("cancelled", TODAY - timedelta(days=9), None, None),
])
def test_timeliness_of_edges(status, due, completed, bucket, settings):
    settings.DUE_SOON_DAYS = 7
    assert selectors.timeliness_of(status, due, completed, TODAY) == bucket


@pytest.mark.django_db
def test_local_today_is_vietnam_date(settings):
    """23:30 UTC is already the next day in Hà Nội; the overdue line moves with the local date."""
    from datetime import datetime, timezone as dt_tz
    from unittest import mock

    instant = datetime(2025, 6, 14, 23, 30, tzinfo=dt_tz.utc)
    with mock.patch("django.utils.timezone.now", return_value=instant):
        assert selectors.local_today() == date(2025, 6, 15)
