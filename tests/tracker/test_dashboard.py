"""The office dashboard: per-unit counts, overdue, this week, completion per communiqué, bounded queries."""
from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import UnitFactory
from tracker import selectors
from tracker.models import Task, Timeliness

from .test_task_list import _bulk_tasks

URL = reverse("tracker:dashboard")


@pytest.mark.django_db
def test_dashboard_counts_lists_and_rates(client, office_user, make_task, unit_a, unit_b, directive, today):
    S = Task.Status
    late = make_task(unit_a, title="Việc quá hạn", due=today - timedelta(days=2), directive=directive)
    week = make_task(unit_b, title="Việc tuần này", due=today + timedelta(days=6), directive=directive)
    make_task(unit_b, title="Việc xong", due=today - timedelta(days=9), status=S.DONE,
              completed_on=today - timedelta(days=10), directive=directive)
    make_task(unit_b, title="Việc huỷ", status=S.CANCELLED, directive=directive)
    client.force_login(office_user)
    response = client.get(URL)
    assert response.status_code == 200
    units = {u.pk: u for u in response.context["per_unit"]}
    assert getattr(units[unit_a.pk], Timeliness.OVERDUE) == 1 and units[unit_a.pk].total == 1
    assert getattr(units[unit_b.pk], Timeliness.DUE_SOON) == 1
    assert getattr(units[unit_b.pk], Timeliness.DONE_ON_TIME) == 1 and units[unit_b.pk].total == 3
    # The rows are units built from plain rows: equal to the unit, its other fields load on demand.
    assert units[unit_a.pk] == unit_a and units[unit_a.pk].name == unit_a.name
    assert units[unit_a.pk].code == unit_a.code and units[unit_a.pk].kind == unit_a.kind
    assert [u.name for u in response.context["per_unit"]] == sorted(u.name for u in (unit_a, unit_b))
    assert [t["id"] for t in response.context["overdue_rows"]] == [late.pk]
    assert [t["id"] for t in response.context["due_soon_rows"]] == [week.pk]
    (comm,) = response.context["communique_rows"]
    assert (comm.total, comm.done, comm.rate) == (3, 1, 33)  # the cancelled task is not counted
    html = response.content.decode()
    assert f"?unit={unit_a.pk}&amp;timeliness=qua_han" in html
    assert f"?communique={comm.pk}" in html


@pytest.mark.django_db
def test_due_soon_follows_the_one_setting(client, office_user, make_task, unit_a, today, settings):
    settings.DUE_SOON_DAYS = 3
    soon = make_task(unit_a, title="Việc 3 ngày", due=today + timedelta(days=3))
    make_task(unit_a, title="Việc 6 ngày", due=today + timedelta(days=6))
    client.force_login(office_user)
    response = client.get(URL)
    assert [t["id"] for t in response.context["due_soon_rows"]] == [soon.pk]
    assert getattr(response.context["per_unit"][0], Timeliness.DUE_SOON) == 1
    assert "Đến hạn trong 3 ngày tới" in response.content.decode()


@pytest.mark.django_db
def test_dashboard_totals_agree_with_list_counts(unit_a, unit_b, today):
    _bulk_tasks(120, [unit_a, unit_b], today)
    data = selectors.dashboard(today)
    counts = selectors.list_counts(Task.objects.all(), today)
    counts.pop("total")
    assert data["totals"] == counts
    assert data["overdue_count"] == counts[Timeliness.OVERDUE] == data["overdue"].count()


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow(client, office_user, unit_a, unit_b, today,
                                             django_assert_max_num_queries):
    units = [unit_a, unit_b] + [UnitFactory() for _ in range(3)]
    client.force_login(office_user)
    _bulk_tasks(20, units, today)
    client.get(URL)  # the first request after login renews the session; later ones within minutes do not
    with django_assert_max_num_queries(14) as small:
        client.get(URL)
    _bulk_tasks(180, units, today)
    with django_assert_max_num_queries(14) as large:
        response = client.get(URL)
    assert len(response.context["overdue_rows"]) > 0
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
def test_leadership_viewer_reads_dashboard(client, viewer):
    client.force_login(viewer)
    assert client.get(URL).status_code == 200


@pytest.mark.django_db
def test_dashboard_rates_the_newest_communiques_and_links_to_the_rest(make_task, unit_a, directive, today):
    from datetime import date

    from ingest.models import Communique, Directive

    older = Communique.objects.create(number="9-TB/TU", title="Cũ", meeting_date=date(2024, 1, 5), text="x",
                                      content_hash="older", state=Communique.State.PUBLISHED)
    make_task(unit_a, title="Việc cũ", directive=Directive.objects.create(communique=older, order=1, text="x",
                                                                         start=0, end=1))
    make_task(unit_a, title="Việc mới", status=Task.Status.DONE, completed_on=today, directive=directive)
    data = selectors.dashboard(today, communique_rows=1)
    (newest,) = data["communiques"]
    assert newest.pk == directive.communique_id and (newest.total, newest.done) == (1, 1)
    assert data["more_communiques"] is True
    assert selectors.dashboard(today, communique_rows=2)["more_communiques"] is False


@pytest.mark.django_db
def test_a_large_tier_shows_the_units_needing_attention_first_and_the_rest_on_request(
        client, office_user, make_task, today, monkeypatch):
    from tracker import views

    monkeypatch.setattr(views, "TIER_ROWS", 2)
    quiet, late, later, soon = (UnitFactory(name=n, kind="so_nganh") for n in ("Sở A", "Sở B", "Sở C", "Sở D"))
    make_task(quiet, due=today + timedelta(days=30))
    make_task(late, due=today - timedelta(days=1))
    for _ in range(2):
        make_task(later, due=today - timedelta(days=5))
    make_task(soon, due=today + timedelta(days=1))
    client.force_login(office_user)
    response = client.get(URL)
    (tier,) = [t for t in response.context["tier_rows"] if t["value"] == "so"]
    assert [u.name for u in tier["shown"]] == ["Sở C", "Sở B"]  # most overdue first
    assert len(tier["units"]) == 4 and sum(n for _b, n in tier["cells"]) == 5  # the totals count every unit
    html = response.content.decode()
    assert "Xem tất cả 4 đơn vị" in html and "?tier=so#tier-so" in html and f"?unit={quiet.pk}" not in html
    whole = client.get(URL, {"tier": "so"})
    (tier,) = [t for t in whole.context["tier_rows"] if t["value"] == "so"]
    assert [u.name for u in tier["shown"]] == ["Sở A", "Sở B", "Sở C", "Sở D"] and tier["open"]
    assert "Xem tất cả" not in whole.content.decode()


@pytest.mark.django_db
def test_a_tier_that_fits_lists_every_unit_by_name(client, office_user, make_task, today):
    units = [UnitFactory(name=n, kind="so_nganh") for n in ("Sở Y", "Sở X")]
    make_task(units[0], due=today - timedelta(days=1))
    make_task(units[1], due=today + timedelta(days=20))
    client.force_login(office_user)
    (tier,) = [t for t in client.get(URL).context["tier_rows"] if t["value"] == "so"]
    assert [u.name for u in tier["shown"]] == ["Sở X", "Sở Y"]
