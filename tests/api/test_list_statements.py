"""The task list endpoint reads its page in a fixed, small number of statements, with the same rows and counts.

On PostgreSQL each statement of a request costs more than its replay in a loop (the server process idles
while Python works): the counts and the closed tallies are one statement, a unit's page ids from its two
parts one statement (docs/scale.md, fifth round), and those ids a subquery of the rows' statement (sixth).
"""
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tracker import services
from tracker.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def tasks(make_task, unit_a, unit_b, today):
    made = [make_task(unit_a, title=f"A dẫn {i}", due=today + timedelta(days=i - 3)) for i in range(6)]
    made += [make_task(unit_b, title=f"B dẫn, A phối hợp {i}", supports=[unit_a], due=today + timedelta(days=i))
             for i in range(4)]
    made += [make_task(unit_b, title="Chỉ B", due=today)]
    done = make_task(unit_b, title="B xong, A phối hợp", supports=[unit_a], due=today - timedelta(days=9),
                     status=Task.Status.DONE, completed_on=today - timedelta(days=10))
    return made + [done]


def _list(api, user, **params):
    client = api(user)
    client.get(reverse("api:task-list"), params)  # warm: the token's first use is recorded
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(reverse("api:task-list"), params).json()
    return body, len(ctx.captured_queries)


def test_a_units_list_is_its_led_and_supported_tasks_in_order(api, staff_a, tasks, today):
    body, statements = _list(api, staff_a, page_size=3, page=2)
    visible = Task.objects.filter(assignments__unit=staff_a.unit).order_by("due_date", "id")
    assert [row["id"] for row in body["results"]] == list(visible.values_list("pk", flat=True))[3:6]
    assert body["count"] == visible.count() == 11
    assert body["counts"]["xong_dung_han"] == 1
    # token, (PostgreSQL: the supported ids,) counts with tallies, the rows of the ids from both parts
    assert statements == (3 if connection.vendor == "sqlite" else 4)


def test_the_offices_list_and_its_sorted_page(api, office_user, tasks):
    body, statements = _list(api, office_user, page_size=4)
    assert [row["id"] for row in body["results"]] == list(
        Task.objects.order_by("due_date", "id").values_list("pk", flat=True))[:4]
    assert body["count"] == len(tasks)
    assert statements == 3  # token, counts with tallies, the rows of the page's ids
    body, _ = _list(api, office_user, sort="-unit", page_size=5, page=2)
    expected = Task.objects.order_by("-lead_unit__name", "pk").values_list("pk", flat=True)
    assert [row["id"] for row in body["results"]] == list(expected)[5:10]


def test_a_unit_supporting_nothing(api, staff_a, make_task, unit_a):
    services.create_task(title="Một mình A", lead=unit_a, supports=[], due_date=None)
    body, _ = _list(api, staff_a)
    assert [row["title"] for row in body["results"]] == ["Một mình A"]
