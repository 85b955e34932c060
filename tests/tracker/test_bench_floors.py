"""bench_tracker's floors (the minimal raw SQL of a page) return the page's own rows, so page/floor stays honest."""
from datetime import timedelta

import pytest
from django.urls import reverse

from ingest.management.commands.bench_tracker import Floors
from tracker import selectors
from tracker.models import Task

URL = reverse("tracker:task_list")


@pytest.fixture
def tasks(make_task, unit_a, unit_b, today, directive):
    for i in range(8):
        due = None if i % 4 == 0 else today + timedelta(days=i * 5 - 20)
        make_task(unit_a, title=f"Việc A {i}", due=due, directive=directive if i % 3 else None)
        make_task(unit_b, title=f"Việc hỗ trợ {i}", due=due, supports=[unit_a] if i % 2 else [], directive=directive)
    make_task(unit_a, title="Việc đã xong", due=today - timedelta(days=3), status=Task.Status.DONE,
              completed_on=today, directive=directive)


@pytest.mark.django_db
def test_a_units_floor_returns_the_units_first_page(client, tasks, staff_a, today):
    client.force_login(staff_a)
    page = [row["id"] for row in client.get(URL).context["tasks"]]
    floor = [row[0] for row in Floors(today).task_list(unit_id=staff_a.unit_id)]
    assert floor == page and len(page) == 13  # 9 led + 4 supported


@pytest.mark.django_db
def test_the_office_floor_returns_the_first_page(client, tasks, office_user, today):
    client.force_login(office_user)
    page = [row["id"] for row in client.get(URL).context["tasks"]]
    assert [row[0] for row in Floors(today).task_list()] == page


@pytest.mark.django_db
def test_the_dashboard_floor_counts_the_communiques_as_the_dashboard(tasks, today):
    shown = {c.pk: (c.total, c.done) for c in selectors.dashboard(today)["communiques"]}
    floor = {pk: (total, done) for pk, total, done in Floors(today).dashboard()}
    assert floor == {pk: counts for pk, counts in shown.items() if counts != (0, 0)}
    assert list(floor.values()) == [(14, 1)]  # 5 + 8 + the done one, on one communiqué
