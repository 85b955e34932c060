"""A unit's list is read in two parts (tasks it leads, tasks it supports) for speed: the pages must be
exactly those of its visible tasks in the chosen order, page after page, filtered or not."""
from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import UnitFactory
from tracker import selectors, views
from tracker.filtersets import TaskFilterSet
from tracker.models import Task

URL = reverse("tracker:task_list")


@pytest.fixture
def spread(make_task, unit_a, unit_b, today):
    """Unit A leads some tasks, supports others led by B or C; B and C have tasks of their own."""
    unit_c = UnitFactory(name="Sở Nội vụ")
    made = []
    for i in range(12):
        due = None if i % 5 == 0 else today + timedelta(days=(i * 7) % 23 - 11)
        status = Task.Status.DONE if i % 4 == 1 else None
        made.append(make_task(unit_a, title=f"Việc A {i}", due=due, status=status,
                              completed_on=today if status else None))
        made.append(make_task(unit_b if i % 2 else unit_c, title=f"Việc hỗ trợ {i}", supports=[unit_a], due=due))
        made.append(make_task(unit_b, title=f"Việc B {i}", due=due))
    return made


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"sort": "due"}, {"sort": "-due"}, {"sort": "status"}, {"sort": "unit"},
                                    {"sort": "-created"}, {"status": "new"}, {"role": "support"},
                                    {"timeliness": "qua_han"}, {"q": "viec"}])
@pytest.mark.parametrize("sparse", [2000, 3])  # supported tasks passed as ids, or as a subquery
def test_a_units_pages_are_its_visible_tasks_in_order(client, monkeypatch, staff_a, spread, today, params, sparse):
    monkeypatch.setattr(views, "PAGE_SIZE", 5)
    monkeypatch.setattr(selectors, "SPARSE_SUPPORTS", sparse)
    client.force_login(staff_a)
    filterset = TaskFilterSet(params or None, queryset=selectors.task_list(staff_a, today), request=_request(staff_a))
    expected = list(filterset.qs.values_list("pk", flat=True))
    assert expected, "each case lists something"
    shown = []
    for page in range(1, len(expected) // 5 + 2):
        response = client.get(URL, {**params, "page": page})
        shown += [t["id"] for t in response.context["tasks"]]
    assert shown == expected
    assert response.context["total"] == len(expected)


@pytest.mark.django_db
@pytest.mark.parametrize("sparse", [2000, 3])
def test_a_units_counts_per_bucket_are_those_of_its_visible_tasks(monkeypatch, staff_a, spread, today, sparse):
    """The supported part is counted in one pass by each row's bucket, the led part by range."""
    monkeypatch.setattr(selectors, "SPARSE_SUPPORTS", sparse)
    counts = selectors.user_list_counts(staff_a, today)
    assert counts == selectors.list_counts(selectors.visible_tasks(staff_a), today)
    assert counts["sap_den_han"] + counts["qua_han"] + counts["trong_han"] + counts["khong_thoi_han"] > 0


@pytest.mark.django_db
def test_a_unit_sees_no_task_of_another_unit_through_its_parts(staff_a, spread, unit_a):
    visible = set(selectors.visible_tasks(staff_a).values_list("pk", flat=True))
    parts = [set(part.values_list("pk", flat=True)) for part in selectors.unit_branches(staff_a)]
    assert parts[0] | parts[1] == visible and not parts[0] & parts[1]
    assert selectors.unit_branches(_office()) is None


def _request(user):
    class Request:
        GET = {}
    request = Request()
    request.user = user
    return request


def _office():
    from tests.factories import UserFactory
    from tracker.models import User

    return UserFactory(username="vp_office", role=User.Role.OFFICE)
