"""bench_tracker's floors (the minimal raw SQL of a page) return the page's own rows, so page/floor stays honest."""
from datetime import date, timedelta

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


@pytest.mark.django_db
def test_the_dashboard_floor_reads_the_trend_the_dashboard_draws(make_task, unit_a, today):
    from tracker.reports.selectors import monthly_on_time

    for days, status in ((-1, Task.Status.DONE), (-2, Task.Status.IN_PROGRESS), (-40, Task.Status.DONE),
                         (-70, Task.Status.CANCELLED), (-400, Task.Status.DONE), (3, Task.Status.NEW)):
        make_task(unit_a, due=today + timedelta(days=days), status=status,
                  completed_on=today if status == Task.Status.DONE else None)
    floors = Floors(today)
    floors.dashboard()
    months: dict = {}
    for day, due, on_time in floors.trend_rows:
        day = day if isinstance(day, date) else date.fromisoformat(day)  # SQLite may give the text
        month = months.setdefault((day.year, day.month), [0, 0])
        month[0] += due
        month[1] += on_time
    drawn = {(m["year"], m["month"]): [m["due"], m["on_time"]] for m in monthly_on_time(today) if m["due"]}
    assert months == drawn and sum(due for due, _ in drawn.values()) == 3
