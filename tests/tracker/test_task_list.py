"""The task list: what each role sees, every filter, diacritics-free search, counts, sorting, query bounds."""
import unicodedata
from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import UnitFactory
from tracker import selectors
from tracker.models import Task, Timeliness

URL = reverse("tracker:task_list")


def shown(response) -> list[int]:
    """Task ids in the rendered table, in order."""
    return [t["id"] for t in response.context["tasks"]]


@pytest.fixture
def mixed(make_task, unit_a, unit_b, today, directive):
    """One task per timeliness bucket for unit A (plus a cancelled one), and one of unit B."""
    S = Task.Status
    return {
        "overdue": make_task(unit_a, title="Báo cáo Tỉnh uỷ về công tác cán bộ", due=today - timedelta(days=3),
                             status=S.IN_PROGRESS, directive=directive),
        "soon": make_task(unit_a, title="Tổng kết công tác Đảng năm", due=today + timedelta(days=2)),
        "on_track": make_task(unit_a, title="Xây dựng đề án chuyển đổi số", due=today + timedelta(days=40)),
        "no_deadline": make_task(unit_a, title="Theo dõi thường xuyên an ninh nông thôn"),
        "done_on_time": make_task(unit_a, title="Hoàn thiện quy chế", due=today - timedelta(days=10),
                                  status=S.DONE, completed_on=today - timedelta(days=11)),
        "done_late": make_task(unit_a, title="Giải phóng mặt bằng", due=today - timedelta(days=10),
                               status=S.DONE, completed_on=today - timedelta(days=2)),
        "cancelled": make_task(unit_a, title="Việc đã huỷ", due=today - timedelta(days=1), status=S.CANCELLED),
        "other_unit": make_task(unit_b, title="Sở Y tế: kiểm tra bệnh viện", due=today + timedelta(days=1)),
    }


@pytest.mark.django_db
def test_unit_staff_see_only_their_unit(client, staff_a, mixed):
    client.force_login(staff_a)
    ids = set(shown(client.get(URL)))
    assert mixed["other_unit"].pk not in ids
    assert ids == {t.pk for k, t in mixed.items() if k != "other_unit"}


@pytest.mark.django_db
def test_support_unit_sees_task_and_role_filter(client, staff_b, mixed, task_a):
    client.force_login(staff_b)  # B leads other_unit and supports task_a
    assert set(shown(client.get(URL))) == {mixed["other_unit"].pk, task_a.pk}
    assert shown(client.get(URL, {"role": "lead"})) == [mixed["other_unit"].pk]
    assert shown(client.get(URL, {"role": "support"})) == [task_a.pk]
    assert "unit" not in client.get(URL).context["filter"].form.fields  # no unit picker for a unit's staff


@pytest.mark.django_db
def test_office_sees_all_and_filters_by_unit(client, office_user, mixed, unit_b):
    client.force_login(office_user)
    assert len(shown(client.get(URL))) == len(mixed)
    assert shown(client.get(URL, {"unit": unit_b.pk})) == [mixed["other_unit"].pk]
    units_offered = {pk for pk, _ in client.get(URL).context["filter"].form.fields["unit"].choices if pk}
    assert units_offered == {mixed["overdue"].lead_unit_id, unit_b.pk}  # only units that lead tasks
    assert shown(client.get(URL, {"unit": "abc"})) == shown(client.get(URL))  # bad value: filter ignored


@pytest.mark.django_db
def test_status_and_timeliness_filters(client, office_user, mixed):
    client.force_login(office_user)
    assert shown(client.get(URL, {"status": "cancelled"})) == [mixed["cancelled"].pk]
    assert shown(client.get(URL, {"timeliness": "qua_han"})) == [mixed["overdue"].pk]
    assert set(shown(client.get(URL, {"timeliness": "sap_den_han"}))) == {mixed["soon"].pk, mixed["other_unit"].pk}
    assert shown(client.get(URL, {"timeliness": "sap_den_han", "status": "in_progress"})) == []


@pytest.mark.django_db
def test_communique_and_due_range_filters(client, office_user, mixed, communique, today):
    client.force_login(office_user)
    assert shown(client.get(URL, {"communique": communique.pk})) == [mixed["overdue"].pk]
    after, before = today - timedelta(days=10), today - timedelta(days=3)
    ids = set(shown(client.get(URL, {"due_after": after.strftime("%d/%m/%Y"),
                                     "due_before": before.strftime("%d/%m/%Y")})))
    assert ids == {mixed["overdue"].pk, mixed["done_on_time"].pk, mixed["done_late"].pk}


@pytest.mark.django_db
def test_bad_date_in_filter_gets_vietnamese_message(client, office_user, mixed):
    client.force_login(office_user)
    response = client.get(URL, {"due_after": "31/02/2025"})
    assert response.status_code == 200
    assert "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["bao cao tinh uy", "BAO CAO TINH UY", "Báo cáo Tỉnh ủy", "báo cáo tỉnh uỷ",
                                   unicodedata.normalize("NFD", "Báo cáo Tỉnh uỷ")])
def test_search_ignores_diacritics_tone_placement_case(client, office_user, mixed, query):
    client.force_login(office_user)
    assert shown(client.get(URL, {"q": query})) == [mixed["overdue"].pk]


@pytest.mark.django_db
def test_search_dang_finds_dang_with_d_stroke(client, office_user, mixed):
    client.force_login(office_user)
    # "tinh uy" alone also matches the lead unit's name ("Ban Tổ chức Tỉnh ủy"), searched as well
    assert set(shown(client.get(URL, {"q": "tinh uy"}))) >= {mixed["overdue"].pk, mixed["soon"].pk}
    assert shown(client.get(URL, {"q": "dang"})) == [mixed["soon"].pk]
    assert shown(client.get(URL, {"q": "ĐẢNG năm"})) == [mixed["soon"].pk]
    assert shown(client.get(URL, {"q": "15-tb/tu"})) == [mixed["overdue"].pk]  # communiqué number
    assert shown(client.get(URL, {"q": "khong co chu nay"})) == []


@pytest.mark.django_db
def test_counts_match_rows_of_each_bucket(client, office_user, mixed):
    client.force_login(office_user)
    response = client.get(URL)
    counts = dict((bucket.value, n) for bucket, n in response.context["counts"])
    assert counts == {"qua_han": 1, "sap_den_han": 2, "trong_han": 1, "khong_thoi_han": 1,
                      "xong_dung_han": 1, "xong_qua_han": 1}
    assert response.context["total"] == len(mixed)
    for bucket in Timeliness:
        rows = client.get(URL, {"timeliness": bucket.value}).context["tasks"]
        assert len(rows) == counts[bucket.value]
        assert {t["timeliness"] for t in rows} <= {bucket.value}


@pytest.mark.django_db
def test_counts_follow_the_filters(client, office_user, mixed, unit_b):
    client.force_login(office_user)
    counts = dict((b.value, n) for b, n in client.get(URL, {"unit": unit_b.pk}).context["counts"])
    assert counts["sap_den_han"] == 1 and sum(counts.values()) == 1


@pytest.mark.django_db
def test_rows_show_badge_unit_number_and_date(client, office_user, mixed):
    client.force_login(office_user)
    html = client.get(URL, {"timeliness": "qua_han"}).content.decode()
    task = mixed["overdue"]
    assert 'class="badge t-qua_han"' in html
    assert task.due_date.strftime("%d/%m/%Y") in html
    assert "15-TB/TU" in html
    assert task.lead_unit.short_name in html


@pytest.mark.django_db
def test_sorting(client, office_user, mixed):
    client.force_login(office_user)
    dated = [t for t in Task.objects.exclude(due_date=None)]
    ids = shown(client.get(URL, {"sort": "-due"}))
    dues = [Task.objects.get(pk=i).due_date for i in ids if Task.objects.get(pk=i).due_date]
    assert dues == sorted(dues, reverse=True) and len(dues) == len(dated)
    by_unit = [Task.objects.get(pk=i).lead_unit.name for i in shown(client.get(URL, {"sort": "unit"}))]
    assert by_unit == sorted(by_unit)
    by_status = [Task.objects.get(pk=i).status for i in shown(client.get(URL, {"sort": "-status"}))]
    assert by_status == sorted(by_status, reverse=True)
    created = shown(client.get(URL, {"sort": "created"}))
    assert created == sorted(created)


@pytest.mark.django_db
def test_pagination_fifty_per_page(client, office_user, make_task, unit_a, today):
    for i in range(55):
        make_task(unit_a, title=f"Nhiệm vụ {i}", due=today + timedelta(days=i))
    client.force_login(office_user)
    first, second = client.get(URL), client.get(URL, {"page": 2})
    assert len(shown(first)) == 50 and len(shown(second)) == 5
    assert not set(shown(first)) & set(shown(second))
    assert "Trang 1/2" in first.content.decode()


def _bulk_tasks(n, units, today):
    """n tasks straight into the table (fast), spread over units, statuses and dates."""
    from tracker import tallies
    from tracker.models import TaskAssignment

    S = Task.Status
    statuses = [S.NEW, S.IN_PROGRESS, S.AWAITING, S.DONE, S.CANCELLED]
    tasks = Task.objects.bulk_create([
        Task(title=f"Nhiệm vụ số {i} của Tỉnh uỷ", lead_unit=units[i % len(units)], status=statuses[i % 5],
             due_date=None if i % 7 == 0 else today + timedelta(days=(i % 60) - 30),
             completed_on=today if i % 5 == 3 else None, search_text=f"nhiem vu so {i} cua tinh uy")
        for i in range(n)
    ])
    TaskAssignment.objects.bulk_create([TaskAssignment(task=t, unit=t.lead_unit, role="lead") for t in tasks])
    tallies.recount()  # bulk_create sends no signals: rebuild the closed-task tally, as bench_tracker does


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["office_user", "staff_a"])
def test_list_query_count_does_not_grow(client, request, unit_a, unit_b, today, who,
                                        django_assert_max_num_queries):
    client.force_login(request.getfixturevalue(who))
    units = [unit_a, unit_b] + [UnitFactory() for _ in range(3)]
    _bulk_tasks(20, units, today)
    client.get(URL)  # the first request after login renews the session; later ones within minutes do not
    client.get(URL, {"q": "tinh uy", "status": "new"})  # and the first with these filters writes their form
    with django_assert_max_num_queries(12) as small:
        client.get(URL, {"q": "tinh uy", "status": "new"})
    _bulk_tasks(180, units, today)
    with django_assert_max_num_queries(12) as large:
        response = client.get(URL, {"q": "tinh uy", "status": "new"})
    assert len(response.context["tasks"]) > 0
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
def test_timeliness_counts_agree_with_annotation_on_200_tasks(unit_a, unit_b, today):
    _bulk_tasks(200, [unit_a, unit_b], today)
    qs = selectors.with_timeliness(Task.objects.all(), today)
    expected = {b.value: 0 for b in Timeliness}
    for bucket in qs.values_list("timeliness", flat=True):
        if bucket:
            expected[bucket] += 1
    counts = selectors.list_counts(Task.objects.all(), today)
    assert counts.pop("total") == 200
    assert counts == expected


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["", "due", "-due"])
def test_tasks_without_deadline_come_last(client, office_user, mixed, sort):
    client.force_login(office_user)
    ids = shown(client.get(URL, {"sort": sort} if sort else {}))
    dated = [pk for pk in ids if Task.objects.get(pk=pk).due_date]
    assert ids[-1] == mixed["no_deadline"].pk
    assert ids[:len(dated)] == dated


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["", "due", "-due", "unit", "-status", "created"])
@pytest.mark.parametrize("who", ["office_user", "staff_a"])
def test_page_rows_are_the_sliced_queryset(request, mixed, make_task, unit_b, today, sort, who):
    """Ids first, rows second: the same rows, in the same order, as slicing the filtered queryset."""
    from django.test import RequestFactory

    from tracker.filtersets import TaskFilterSet

    make_task(unit_b, title="Việc khác của đơn vị B", due=today + timedelta(days=5))
    http = RequestFactory().get(URL, {"sort": sort} if sort else {})
    http.user = request.getfixturevalue(who)
    qs = TaskFilterSet(http.GET or None, queryset=selectors.task_list(http.user, today), request=http).qs
    for start, stop in [(0, 3), (3, 6), (6, 50)]:
        rows = selectors.page_rows(qs, start, stop, today)
        assert [t.pk for t in rows] == [t.pk for t in qs[start:stop]]
        assert [t.timeliness for t in rows] == [t.timeliness for t in qs[start:stop]]


@pytest.mark.django_db
def test_a_units_counts_follow_its_new_supports_and_changes_at_once(client, staff_b, unit_a, unit_b, make_task, today):
    """The counts' SQL is compiled once per unit and set of supported tasks; the counts are never reused."""
    client.force_login(staff_b)
    make_task(unit_b, due=today + timedelta(days=30))
    before = dict((b.value, n) for b, n in client.get(URL).context["counts"])
    supported = make_task(unit_a, supports=[unit_b], due=today - timedelta(days=2))  # a new supported task
    after = dict((b.value, n) for b, n in client.get(URL).context["counts"])
    assert after["qua_han"] == before["qua_han"] + 1 and after["trong_han"] == before["trong_han"] == 1
    supported.status, supported.completed_on = Task.Status.DONE, today
    supported.save(update_fields=["status", "completed_on"])
    done = dict((b.value, n) for b, n in client.get(URL).context["counts"])
    assert done["qua_han"] == before["qua_han"] and done["xong_qua_han"] == before["xong_qua_han"] + 1
    assert selectors.user_list_counts(staff_b, today) == selectors.list_counts(selectors.visible_tasks(staff_b), today)
