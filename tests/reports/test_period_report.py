"""The period report: each count as defined in tracker.selectors, as of a date, from the history."""
from datetime import date

import pytest

from tests.reports.conftest import Q3_AS_OF, event
from tracker import selectors as tracker_selectors
from tracker.models import Task
from tracker.reports import periods, selectors

Q3 = periods.parse("2026-Q3")


def _unit_counts(report, unit):
    return next(u["counts"] for g in report["groups"] for u in g["units"] if u["unit_id"] == unit.pk)


def test_q3_as_of_early_october_counts_each_task_once(quarter, unit_a, unit_b):
    report = selectors.period_report(selectors.Scope(), Q3, Q3_AS_OF)
    a, b = _unit_counts(report, unit_a), _unit_counts(report, unit_b)
    assert (a["due_on_time"], a["due_late"], a["due_overdue"], a["due_total"]) == (1, 1, 2, 4)
    assert a["rate"] == 25.0
    assert (b["later_done"], b["later_open"], b["carried_overdue"], b["no_deadline"]) == (1, 1, 1, 1)
    assert report["totals"]["total"] == 8  # cancelled and created-after-as-of tasks are not counted
    overdue = {row["id"]: row["days_overdue"] for row in report["overdue"]}
    assert overdue == {quarter["done_after"].pk: 20, quarter["extended_after"].pk: 15, quarter["carried"].pk: 97}


def test_a_change_after_the_as_of_date_does_not_change_the_report(quarter, unit_a):
    before = selectors.period_report(selectors.Scope(), Q3, Q3_AS_OF)
    task = Task.objects.get(pk=quarter["open_later"].pk)
    event(task, date(2026, 10, 30), status=Task.Status.DONE, completed_on=date(2026, 10, 30))
    event(Task.objects.get(pk=quarter["carried"].pk), date(2026, 11, 1), status=Task.Status.CANCELLED)
    after = selectors.period_report(selectors.Scope(), Q3, Q3_AS_OF)
    assert after["totals"] == before["totals"]
    assert after["groups"] == before["groups"]
    # …while a later as-of date sees them, and the completion after the deadline turns "late".
    later = selectors.period_report(selectors.Scope(), Q3, date(2026, 11, 10))
    a = _unit_counts(later, unit_a)
    # done_after is late, extended_after moved out of the period; created_after now exists, overdue.
    assert (a["due_late"], a["due_overdue"], a["later_open"]) == (2, 1, 1)
    assert later["totals"]["carried_overdue"] == 0 and later["totals"]["later_done"] == 2


def test_counts_reuse_timeliness_of(quarter):
    """period_count is timeliness_of read at the as-of date, placed by the deadline's position."""
    as_of = Q3_AS_OF
    for task in Task.objects.exclude(status=Task.Status.CANCELLED).exclude(due_date=None):
        bucket = tracker_selectors.timeliness_of(task.status, task.due_date, task.completed_on, as_of)
        key = tracker_selectors.period_count(task.status, task.due_date, task.completed_on, "", Q3.start, Q3.end,
                                             as_of)
        if bucket == "xong_dung_han" and Q3.start <= task.due_date <= Q3.end:
            assert key == "due_on_time"
        if bucket == "qua_han" and Q3.start <= task.due_date <= Q3.end:
            assert key == "due_overdue"


def test_scope_to_one_unit_and_unit_groups(quarter, unit_a, unit_b):
    report = selectors.period_report(selectors.Scope(unit=unit_a), Q3, Q3_AS_OF)
    assert [u["unit_id"] for g in report["groups"] for u in g["units"]] == [unit_a.pk]
    assert report["groups"][0]["key"] == "so_nganh"  # the factory's units are departments
    assert report["trend"] == [
        {"year": 2026, "month": 7, "due": 1, "on_time": 0, "rate": 0.0},
        {"year": 2026, "month": 8, "due": 1, "on_time": 1, "rate": 100.0},
        {"year": 2026, "month": 9, "due": 2, "on_time": 0, "rate": 0.0},
    ]


@pytest.mark.parametrize("code,start,end", [
    ("2026-11", date(2026, 11, 1), date(2026, 11, 30)), ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
    ("2026-H1", date(2026, 1, 1), date(2026, 6, 30)), ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
])
def test_period_codes(code, start, end):
    period = periods.parse(code)
    assert (period.start, period.end, period.code) == (start, end, code)


def test_bad_period_code_has_a_vietnamese_message():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="không hợp lệ"):
        periods.parse("2026-Q5")


def test_dashboard_trend_counts_as_the_report_does_for_one_month_read_today(quarter):
    today = tracker_selectors.local_today()
    trend = {(m["year"], m["month"]): m for m in selectors.monthly_on_time(today, months=12)}
    for code, key in (("2026-07", (2026, 7)), ("2026-08", (2026, 8)), ("2026-09", (2026, 9))):
        report = selectors.period_report(selectors.Scope(), periods.parse(code), today)
        assert (trend[key]["due"], trend[key]["on_time"]) == (report["totals"]["due_total"],
                                                              report["totals"]["due_on_time"]), code
