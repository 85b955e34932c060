"""A page's rows read by their compiled SQL, its ids' SQL put in, are the rows the ORM's values() gives."""
from datetime import timedelta

import pytest

from tracker import selectors
from tracker.models import Task
from tracker.templatetags.tracker_tags import TASK_ROW_VALUES


@pytest.mark.django_db
@pytest.mark.parametrize("fields", [
    tuple(dict.fromkeys(f for f in (*TASK_ROW_VALUES, "completed_on") if f != "timeliness")),  # page_rows' own
    ("id", "title", "updated_at", "due_date", "lead_unit__is_active"),  # a datetime's zone, a boolean: converted
])
@pytest.mark.parametrize("order", [tuple(Task._meta.ordering), ("-lead_unit__name", "pk"), ("-status", "pk")])
def test_rows_of_ids_equal_the_orms_values(make_task, unit_a, unit_b, directive, today, fields, order):
    tasks = [make_task(unit_a, title="Một", due=today, directive=directive),
             make_task(unit_b, title="Hai <b>", due=None),
             make_task(unit_a, title="Ba", due=today - timedelta(days=3), status=Task.Status.DONE, completed_on=today)]
    for ids in ([t.pk for t in tasks], [tasks[2].pk, tasks[0].pk], [tasks[1].pk], []):
        ids_sql, ids_params = Task.objects.filter(pk__in=ids or [-1]).values_list("pk").query.sql_with_params()
        for _ in range(2):  # compiled on the first call, reused on the second
            got = selectors._rows_of_ids(fields, order, ids_sql, list(ids_params))
            assert got == list(Task.objects.filter(pk__in=ids).order_by(*order).values(*fields))
    assert all(v is not None for k, v in selectors._ROWS_SQL.items() if k[1] == fields)  # compiled, not the ORM's


@pytest.mark.django_db
def test_a_filtered_lists_counts_read_afresh_by_their_kept_statement(make_task, unit_a, today):
    """Only the statement is kept: the counts are the live ones, equal to the ORM's, each time."""
    qs = Task.objects.filter(status=Task.Status.NEW, lead_unit=unit_a)
    make_task(unit_a, due=today - timedelta(days=1))
    first = selectors.list_counts(qs, today)
    make_task(unit_a, due=today - timedelta(days=2))
    make_task(unit_a, due=None)
    again = selectors.list_counts(qs, today)
    assert (first["qua_han"], first["total"]) == (1, 1)
    assert (again["qua_han"], again["khong_thoi_han"], again["total"]) == (2, 1, 3)
    selectors._AGGREGATE_SQL.clear()
    assert selectors.list_counts(qs, today) == again
    assert selectors.list_counts(qs.none(), today)["total"] == 0
