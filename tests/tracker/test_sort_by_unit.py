"""The office's list sorted by unit: every page is the plain query's slice, on both engines.

On PostgreSQL the unfiltered list reads each unit's first tasks by id (`selectors._ids_by_unit`, a LATERAL
per unit); a filtered one, and SQLite, keep the join. The rows must be the same either way.
"""
import pytest
from django.urls import reverse

from tests.factories import UnitFactory
from tracker import selectors, views
from tracker.filtersets import TaskFilterSet
from tracker.models import Task


@pytest.fixture
def by_unit(make_task):
    """Units whose name order is not their id order, leading 0 to 7 tasks each, made interleaved."""
    units = [UnitFactory(name=name) for name in ("Sở Y tế", "Ban Dân vận", "Sở Nội vụ", "Ủy ban MTTQ", "Công an tỉnh")]
    for i in range(20):
        unit = units[(i * 3) % 4]  # "Công an tỉnh" leads nothing
        make_task(unit, title=f"Việc {i}", status=Task.Status.DONE if i % 3 == 0 else None)
    return units


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["unit", "-unit"])
@pytest.mark.parametrize("params", [{}, {"status": "new"}])
def test_every_page_sorted_by_unit_is_the_plain_slice(rf, office_user, by_unit, sort, params):
    request = rf.get("/")
    request.user = office_user
    filterset = TaskFilterSet({"sort": sort, **params}, queryset=selectors.task_list(office_user), request=request)
    qs = filterset.qs
    expected = list(qs.values_list("pk", flat=True))
    names = [selectors.Unit.objects.get(pk=t.lead_unit_id).name
             for t in Task.objects.filter(pk__in=expected).order_by()]
    assert len(set(names)) > 1
    for size in (3, 7, 50):
        for start in range(0, len(expected) + size, size):
            rows = selectors.page_rows(qs, start, start + size)
            assert [t.pk for t in rows] == expected[start:start + size]


@pytest.mark.django_db
def test_the_sorted_page_and_the_api_show_the_same_rows(client, monkeypatch, office_user, by_unit):
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    client.force_login(office_user)
    expected = list(Task.objects.order_by("lead_unit__name", "pk").values_list("pk", flat=True))
    page = client.get(reverse("tracker:task_list"), {"sort": "unit", "page": 3})
    assert [t["id"] for t in page.context["tasks"]] == expected[8:12]
    api = client.get(reverse("api:task-list"), {"sort": "unit", "page": 2, "page_size": 5}).json()
    assert [row["id"] for row in api["results"]] == expected[5:10]
