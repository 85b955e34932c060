"""Id lists as one array parameter (selectors.AnyOf): the same rows as `pk__in` on every engine."""
import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from tests.factories import UnitFactory
from tracker import selectors
from tracker.filtersets import TaskFilterSet
from tracker.models import Task


@pytest.mark.django_db
def test_any_of_selects_the_same_rows_as_in(make_task, unit_a, unit_b):
    tasks = [make_task(unit_a if i % 2 else unit_b, title=f"Việc {i}") for i in range(6)]
    ids = [tasks[0].pk, tasks[3].pk, tasks[5].pk, tasks[3].pk, None, 10**9]
    expected = set(Task.objects.filter(pk__in=ids).values_list("pk", flat=True))
    assert expected == {tasks[0].pk, tasks[3].pk, tasks[5].pk}
    assert set(Task.objects.filter(selectors.id_in(ids)).values_list("pk", flat=True)) == expected
    # combined with other conditions and negated, as the unit list uses it
    led_by_a = Task.objects.filter(selectors.id_in(ids)).exclude(lead_unit=unit_b)
    assert set(led_by_a.values_list("pk", flat=True)) == {t.pk for t in tasks if t.pk in expected
                                                          and t.lead_unit_id == unit_a.pk}
    assert not Task.objects.filter(~selectors.AnyOf(F("pk"), [t.pk for t in tasks])).exists()


@pytest.mark.django_db
def test_any_of_an_empty_list_matches_nothing(make_task, unit_a):
    make_task(unit_a, title="Việc")
    assert list(Task.objects.filter(selectors.id_in([]))) == []
    assert list(Task.objects.filter(selectors.id_in([None]))) == []
    assert Task.objects.exclude(selectors.id_in([])).count() == 1


@pytest.mark.django_db
def test_a_units_list_reads_its_supported_tasks_once(rf, make_task, unit_a, unit_b, staff_a, today):
    for i in range(3):
        make_task(unit_b, title=f"Việc hỗ trợ {i}", supports=[unit_a])
        make_task(unit_a, title=f"Việc {i}")
    make_task(UnitFactory(), title="Việc của đơn vị khác")
    request = rf.get("/")
    request.user = staff_a
    filterset = TaskFilterSet(None, queryset=selectors.task_list(staff_a, today), request=request)
    with CaptureQueriesContext(connection) as ctx:
        counts = filterset.counts(today)
        rows = selectors.page_rows(filterset.qs, 0, 50, today, filterset.branches())
    assert counts["total"] == 6
    assert {t.title for t in rows} == {f"Việc {i}" for i in range(3)} | {f"Việc hỗ trợ {i}" for i in range(3)}
    # the unit's support assignments are read once, for the counts and the rows alike
    assert sum('FROM "tracker_taskassignment"' in q["sql"] for q in ctx.captured_queries) == 1
