"""Merging and renaming units: open tasks move with history, nothing is lost or counted twice."""
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from ingest.extraction import unit_directory
from tests.factories import UnitFactory, UserFactory
from tracker import directory, selectors
from tracker.directory import add_alias
from tracker.models import Task, Unit, User

pytestmark = pytest.mark.django_db
Status = Task.Status


@pytest.fixture
def merger(make_task, today):
    """Two old departments with open, done (on time and late), overdue and cancelled tasks, and a successor."""
    old_a = UnitFactory(name="Sở Kế hoạch và Đầu tư", code="SKHDT")
    old_b = UnitFactory(name="Sở Tài chính cũ", code="STC-OLD")
    new = UnitFactory(name="Sở Tài chính", code="STC")
    add_alias(old_a, "Sở KH&ĐT")
    tasks = {
        "a_open": make_task(old_a, due=today + timedelta(days=30)),
        "a_overdue": make_task(old_a, due=today - timedelta(days=10), supports=[old_b]),
        "a_done": make_task(old_a, due=today - timedelta(days=40), status=Status.DONE,
                            completed_on=today - timedelta(days=45)),
        "a_done_late": make_task(old_a, due=today - timedelta(days=40), status=Status.DONE,
                                 completed_on=today - timedelta(days=20)),
        "b_awaiting": make_task(old_b, due=today + timedelta(days=3), status=Status.AWAITING),
        "b_cancelled": make_task(old_b, status=Status.CANCELLED),
        "new_with_b": make_task(new, supports=[old_b], due=today + timedelta(days=9)),
        "both": make_task(old_b, supports=[new], due=today + timedelta(days=9)),
    }
    user = UserFactory(unit=old_a, role=User.Role.UNIT_STAFF)
    return old_a, old_b, new, tasks, user


def test_merging_two_units_moves_open_work_and_keeps_history(merger, office_user, today):
    old_a, old_b, new, tasks, user = merger
    before = selectors.dashboard(today)
    directory.succeed(old_a, new, user=office_user, note="QĐ 123/QĐ-UBND")
    directory.succeed(old_b, new, user=office_user)

    for key in ("a_open", "a_overdue", "b_awaiting", "both"):
        task = Task.objects.get(pk=tasks[key].pk)
        assert task.lead_unit == new and task.status == tasks[key].status and task.due_date == tasks[key].due_date
        assert list(task.assignments.values_list("unit__code", "role")) == [("STC", "lead")]
        reason = task.history.first().history_change_reason
        assert reason.startswith("Sáp nhập/đổi tên:") and len(reason) <= 100
    assert Task.objects.get(pk=tasks["new_with_b"].pk).assignments.count() == 1  # old_b's support merged away
    for key in ("a_done", "a_done_late", "b_cancelled"):  # finished work stays where it was done
        assert Task.objects.get(pk=tasks[key].pk).lead_unit_id == tasks[key].lead_unit_id
    old_a.refresh_from_db()
    assert not old_a.is_active and old_a.successor == new and old_a.succeeded_on == today
    user.refresh_from_db()
    assert user.unit == new

    after = selectors.dashboard(today)
    assert after["totals"] == before["totals"]  # nothing lost, nothing counted twice
    [row] = after["per_unit"]
    assert row == new and row.total == Task.objects.count() == 8
    assert row.xong_dung_han == 1 and row.xong_qua_han == 1 and row.qua_han == 1
    assert row.merged_from == ["Sở Kế hoạch và Đầu tư", "Sở Tài chính cũ"]


def test_old_names_resolve_to_the_successor_and_the_list_counts_its_history(merger, office_user, client):
    old_a, _, new, _, _ = merger
    directory.succeed(old_a, new, user=office_user)
    names = unit_directory()
    assert names.resolve("Sở Kế hoạch và Đầu tư") == names.resolve("Sở KH&ĐT") == new.pk
    client.force_login(office_user)
    page = client.get(reverse("tracker:task_list"), {"unit": new.pk})
    assert page.context["total"] == 5  # its own 1 + a's 4, of which 2 finished under the old name


def test_rename_keeps_the_code_and_the_old_name(merger, office_user):
    old_a, *_ = merger
    result = directory.rename(old_a, "Sở Kế hoạch", user=office_user)
    assert result.successor.code == "SKHDT" and Unit.objects.get(pk=old_a.pk).code is None
    assert unit_directory().resolve("Sở Kế hoạch và Đầu tư") == result.successor.pk
    assert result.moved_tasks == 2


def test_succession_refuses_what_would_lose_work(merger, office_user, staff_a):
    old_a, old_b, new, *_ = merger
    with pytest.raises(ValidationError):
        directory.succeed(old_a, old_a, user=office_user)
    with pytest.raises(PermissionDenied):
        directory.succeed(old_a, new, user=staff_a)
    directory.succeed(old_a, new, user=office_user)
    with pytest.raises(ValidationError, match="không còn hoạt động"):
        directory.succeed(old_b, old_a, user=office_user)


def test_command_and_admin_action_call_the_same_service(merger, office_user, client, capsys):
    _, old_b, new, *_ = merger
    call_command("succeed_unit", "SKHDT", "--into", "STC", "--note", "QĐ 1")
    assert "chuyển 2 nhiệm vụ" in capsys.readouterr().out
    office_user.is_staff = office_user.is_superuser = True  # the office's admin login, as load_seeds makes it
    office_user.save()
    client.force_login(office_user)
    url = reverse("admin:tracker_unit_changelist")
    page = client.post(url, {"action": "merge_action", "_selected_action": [old_b.pk]})
    assert "Sáp nhập đơn vị" in page.content.decode()
    client.post(url, {"action": "merge_action", "_selected_action": [old_b.pk], "apply": "1",
                      "successor": new.pk, "note": ""})
    old_b.refresh_from_db()
    assert old_b.successor == new and not Task.objects.filter(lead_unit=old_b, status__in=Task.OPEN_STATUSES)


def test_communiques_still_in_review_follow_the_successor(merger, office_user):
    from tests.ingest.conftest import make_communique

    old_a, _, new, *_ = merger
    draft = make_communique(directives=[{"text": "Sở KH&ĐT chủ trì.", "report_to": old_a,
                                         "owners": [("Sở KH&ĐT", "lead", old_a)]}])
    directory.succeed(old_a, new, user=office_user)
    directive = draft.directives.get()
    assert directive.owners.get().unit == new and directive.report_to == new


def test_the_period_report_counts_a_merged_units_history_under_its_successor(merger, office_user, today):
    from tracker.reports import periods
    from tracker.reports import selectors as reports

    old_a, old_b, new, tasks, _user = merger
    period = periods.between(today - timedelta(days=60), today + timedelta(days=60))

    def rows(report):
        return {u["name"]: u for g in report["groups"] for u in g["units"]}

    before = reports.period_report(reports.Scope(), period, today)
    directory.succeed(old_a, new, user=office_user)
    directory.succeed(old_b, new, user=office_user)
    after = reports.period_report(reports.Scope(), period, today)

    assert after["totals"] == before["totals"]  # nothing lost, nothing counted twice
    merged = rows(after)["Sở Tài chính"]
    assert set(rows(after)) == {"Sở Tài chính"}
    assert merged["merged_from"] == ["Sở Kế hoạch và Đầu tư"]  # old_b kept nothing counted: its open work moved
    assert merged["counts"]["due_on_time"] == 1 and merged["counts"]["due_late"] == 1  # old_a's finished work
    assert merged["counts"]["total"] == sum(u["counts"]["total"] for u in rows(before).values())
    unit_scope = reports.period_report(reports.Scope(unit=new), period, today)
    assert unit_scope["totals"] == after["totals"]
