"""The task list's rows are built from plain values, and say exactly what TaskRowSerializer (the schema's) says."""
from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse

from ingest.models import Communique, Directive
from tracker import selectors
from tracker.api import serializers as s
from tracker.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied(make_task, unit_a, unit_b, directive, today):
    """Rows with and without a directive, deadline, completion; a communiqué known only by its date or id."""
    by_date = Communique.objects.create(number="", title="Tin bài", issue_date=today, text="x", content_hash="h2",
                                        state=Communique.State.PUBLISHED)
    bare = Communique.objects.create(number="", title="Không ngày", text="y", content_hash="h3",
                                     state=Communique.State.PUBLISHED)
    tasks = [make_task(unit_a, directive=directive, due=today + timedelta(days=3), deadline_phrase="trong tháng"),
             make_task(unit_b, title="Việc <không> có hạn & số"),
             make_task(unit_a, due=today - timedelta(days=5), status=Task.Status.DONE, completed_on=today),
             make_task(unit_b, status=Task.Status.CANCELLED, due=today)]
    for i, communique in enumerate((by_date, bare), start=2):
        d = Directive.objects.create(communique=communique, order=1, text="Giao việc", start=0, end=3,
                                     review=Directive.Review.ACCEPTED)
        tasks.append(make_task(unit_a, directive=d, title=f"Việc {i}"))
    unit_b.short_name = ""
    unit_b.save()
    return tasks


def test_the_api_rows_equal_the_serializer_of_model_rows(varied, office_user, today):
    request = RequestFactory().get("/api/v1/tasks/", HTTP_HOST="localhost")
    request.user = office_user
    qs = selectors.task_list(office_user, today).order_by("pk")
    models = selectors.page_rows(qs, 0, 50, today)
    values = selectors.page_rows(qs, 0, 50, today, values=s.TASK_ROW_VALUES)
    context = {"request": request}
    expected = s.TaskRowSerializer(models, many=True, context=context).data
    assert len(expected) == len(varied) == 6
    assert s.task_rows(values, context) == [dict(row) for row in expected]
    labels = [row["communique"] and row["communique"]["label"] for row in expected]
    assert labels[0] == "15-TB/TU" and labels[4].startswith("TB ngày ") and labels[5].startswith("TB #")


def test_the_list_page_shows_each_row_as_its_model_says(client, varied, office_user, unit_b):
    client.force_login(office_user)
    html = client.get(reverse("tracker:task_list"), {"sort": "created"}).content.decode()
    for task in Task.objects.select_related("directive__communique", "lead_unit"):
        row = html[html.index(f'<tr data-task="{task.pk}">'):]
        row = row[:row.index("</tr>")]
        label = task.directive.communique.label if task.directive_id else "–"
        assert f"<td class=\"text-nowrap\">{label}</td>" in row
        assert f'<td title="{task.lead_unit.name}">{task.lead_unit.short_name or task.lead_unit.name}</td>' in row
    assert "Việc &lt;không&gt; có hạn &amp; số" in html
