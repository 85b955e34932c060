"""The period report's figures, as of a date, reconstructed from the task history (django-simple-history).

Each task is taken in its last historical state before the end of the as-of day, so a
change made later (a completion in November) does not move a Q3 report printed then.
The counts themselves are defined once, in `tracker.selectors.period_count`.
`period_report` returns plain data (dicts, lists, dates): pages, files, emails and the API
read the same thing.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Iterator

from django.apps import apps
from django.db import connection
from django.db.models import Max, QuerySet
from django.utils import timezone

from tracker.folding import fold
from tracker import policy
from tracker import selectors as tracker_selectors
from tracker.models import ProgressReport, Task, TaskAssignment, Unit, User
from tracker.statements import Statements
from tracker.selectors import PERIOD_COUNT_KEYS, PERIOD_COUNTS, on_time_rate, period_count

from .periods import Period

HistoricalTask = Task.history.model

# The report's unit grouping. Read from the unit's kind today; when units carry their own
# report level (province's unit kinds), only `unit_group` changes.
GROUPS = (
    ("tinh", "Cơ quan cấp tỉnh (Đảng, chính quyền, MTTQ, đoàn thể)"),
    ("so_nganh", "Sở, ban, ngành"),
    ("xa_phuong", "Xã, phường, đặc khu"),
    ("khac", "Đơn vị khác"),
)
_GROUP_OF_KIND = {
    Unit.Kind.PARTY_ADVISORY: "tinh", Unit.Kind.PARTY_COMMITTEE: "tinh", Unit.Kind.LEADERSHIP: "tinh",
    Unit.Kind.GOVERNMENT: "tinh", Unit.Kind.FRONT: "tinh", Unit.Kind.DEPARTMENT: "so_nganh",
    Unit.Kind.LOCAL: "xa_phuong",
}


def unit_group(unit: Unit) -> str:
    """Which block of the report a unit's row sits in."""
    return _GROUP_OF_KIND.get(unit.kind, "khac")


@dataclass
class Scope:
    """Which tasks a report covers; empty fields mean no restriction."""

    unit: Unit | None = None
    group: Unit | None = None  # a unit group (is_group): its members' tasks
    communique_id: int | None = None
    issuer: str = ""
    label: str = "Tất cả đơn vị"
    visible_to: User | None = field(default=None, repr=False)  # a unit user: never beyond their own unit


def cut_of(as_of: date) -> datetime:
    """The first instant after the as-of day, in the project's time zone."""
    return timezone.make_aware(datetime.combine(as_of + timedelta(days=1), time.min))


def snapshot(scope: Scope, as_of: date) -> QuerySet:
    """Each task's last historical record before the end of `as_of` (deleted tasks left out), in scope."""
    latest = HistoricalTask.objects.filter(history_date__lt=cut_of(as_of)).values("id").annotate(
        last=Max("history_id")).values("last")
    qs = HistoricalTask.objects.filter(history_id__in=latest).exclude(history_type="-")
    if scope.unit is not None:  # with the units merged or renamed into it
        qs = qs.filter(lead_unit_id__in=tracker_selectors.predecessor_ids(scope.unit.pk))
    if scope.group is not None:
        qs = qs.filter(lead_unit_id__in=scope.group.members.values("pk"))
    if scope.communique_id or scope.issuer:
        Communique, Directive = apps.get_model("ingest", "Communique"), apps.get_model("ingest", "Directive")

        communiques = Communique.objects.all()
        if scope.communique_id:
            communiques = communiques.filter(pk=scope.communique_id)
        if scope.issuer:
            wanted = fold(scope.issuer)
            ids = [pk for pk, issuer in communiques.values_list("pk", "issuer") if wanted in fold(issuer)]
            communiques = Communique.objects.filter(pk__in=ids)
        qs = qs.filter(directive_id__in=Directive.objects.filter(communique__in=communiques).values("pk"))
    user = scope.visible_to
    if user is not None and not policy.can_view_all(user):
        # A unit's report is the tasks it leads (as of the date) and may still see today.
        qs = qs.filter(lead_unit_id=user.unit_id, id__in=tracker_selectors.visible_tasks(user).values("pk"))
    return qs


FIELDS = ("id", "lead_unit_id", "status", "due_date", "completed_on", "recurrence")


def classified(scope: Scope, period: Period, as_of: date) -> Iterator[tuple]:
    """(task id, lead unit id, status, due date, completed on, count key) of every counted task."""
    start, end = period.start, period.end
    seen: dict[tuple, str | None] = {}  # tasks share states: 100k tasks have a few thousand distinct ones
    for pk, unit_id, status, due, done_on, recurrence in snapshot(scope, as_of).order_by().values_list(*FIELDS):
        state = (status, due, done_on, recurrence)
        try:
            key = seen[state]
        except KeyError:
            key = seen[state] = period_count(status, due, done_on, recurrence, start, end, as_of)
        if key is not None:
            yield pk, unit_id, status, due, done_on, key


def _empty() -> dict:
    return dict.fromkeys(PERIOD_COUNT_KEYS, 0)


def _with_totals(counts: dict) -> dict:
    counts["due_total"] = sum(counts[k] for k in tracker_selectors.DUE_IN_PERIOD)
    counts["total"] = sum(counts[k] for k in PERIOD_COUNT_KEYS)
    counts["rate"] = on_time_rate(counts)
    return counts


def period_report(scope: Scope, period: Period, as_of: date | None = None, *, overdue_limit: int = 200) -> dict:
    """The report: per unit (in its group) the counts, totals, the overdue list and the monthly on-time trend."""
    as_of = as_of or tracker_selectors.local_today()
    per_unit: dict[int, dict] = defaultdict(_empty)
    overdue: list[tuple[date, int, tuple]] = []
    trend_due: dict[tuple, int] = defaultdict(int)
    trend_on_time: dict[tuple, int] = defaultdict(int)
    successors = tracker_selectors.final_successor_ids()  # a merged unit's tasks count under its successor
    merged_from: dict[int, set[int]] = defaultdict(set)
    for pk, unit_id, status, due, done_on, key in classified(scope, period, as_of):
        target = successors.get(unit_id, unit_id)
        if target != unit_id:
            merged_from[target].add(unit_id)
        per_unit[target][key] += 1
        if key in ("due_overdue", "carried_overdue"):
            overdue.append((due, pk, (status, due, done_on)))
        if key in tracker_selectors.DUE_IN_PERIOD:
            trend_due[(due.year, due.month)] += 1
            trend_on_time[(due.year, due.month)] += key == "due_on_time"

    old_ids = {i for ids in merged_from.values() for i in ids}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[*per_unit, *old_ids])
             .only("pk", "name", "short_name", "code", "kind")}
    groups = {key: {"key": key, "label": label, "units": [], "totals": _empty()} for key, label in GROUPS}
    totals = _empty()
    for unit_id, counts in per_unit.items():
        unit = units.get(unit_id)
        group = groups[unit_group(unit) if unit else "khac"]
        group["units"].append({"unit_id": unit_id, "name": unit.name if unit else f"#{unit_id}",
                               "short_name": unit.short_name if unit else "", "code": unit.code if unit else "",
                               "merged_from": sorted(units[i].name for i in merged_from.get(unit_id, ()) if i in units),
                               "counts": _with_totals(counts)})
        for key in PERIOD_COUNT_KEYS:
            group["totals"][key] += counts[key]
            totals[key] += counts[key]
    for group in groups.values():
        group["units"].sort(key=lambda row: fold(row["name"]))
        _with_totals(group["totals"])

    overdue.sort()
    shown = overdue[:overdue_limit]
    overdue_rows = [
        {**row, "days_overdue": tracker_selectors.days_late(row["due_date"], as_of)}
        for row in task_rows([pk for _d, pk, _s in shown], as_of, {pk: state for _d, pk, state in shown})
    ]
    trend = [{"year": y, "month": m, "due": trend_due[(y, m)], "on_time": trend_on_time[(y, m)],
              "rate": round(100 * trend_on_time[(y, m)] / trend_due[(y, m)], 1) if trend_due[(y, m)] else None}
             for y, m in period.months]
    return {
        "period": {"start": period.start, "end": period.end, "label": period.label, "code": period.code},
        "as_of": as_of,
        "scope": scope.label,
        "columns": [{"key": key, "label": label, "definition": text} for key, label, text in PERIOD_COUNTS],
        "groups": [g for g in groups.values() if g["units"]],
        "totals": _with_totals(totals),
        "overdue": overdue_rows,
        "overdue_count": len(overdue),
        "trend": trend,
    }


# --- Task rows for the detail sheet, the overdue list, and the task list export ------------

CHUNK = 2000


def task_rows(ids: list[int], as_of: date | None, states: dict[int, tuple] | None = None) -> Iterator[dict]:
    """One dict per task id (in the given order), read CHUNK ids at a time so memory stays bounded.

    The text, communiqué and support units are today's; due date and status are the
    as-of state when `states` gives them (id → (status, due_date, completed_on)). The
    progress shown is the latest report made by the end of `as_of` (today when None).
    """
    Communique = apps.get_model("ingest", "Communique")
    cut = cut_of(as_of) if as_of else None
    unit_names = dict(Unit.objects.values_list("pk", "name"))
    communiques: dict[int, tuple] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        tasks = {row[0]: row for row in Task.objects.filter(pk__in=chunk).values_list(
            "pk", "title", "lead_unit_id", "directive__communique_id", "status", "due_date", "completed_on",
            "recurrence")}
        missing = {row[3] for row in tasks.values() if row[3] and row[3] not in communiques}
        if missing:
            communiques.update({pk: (label_number, meeting) for pk, label_number, meeting in
                                Communique.objects.filter(pk__in=missing).values_list("pk", "number", "meeting_date")})
        supports = defaultdict(list)
        for task_id, unit_id in TaskAssignment.objects.filter(
                task_id__in=chunk, role=TaskAssignment.Role.SUPPORT).values_list("task_id", "unit_id"):
            supports[task_id].append(unit_names.get(unit_id, ""))
        reports = ProgressReport.objects.filter(task_id__in=chunk)
        if cut is not None:
            reports = reports.filter(created_at__lt=cut)
        latest: dict[int, str] = {}
        for task_id, text in reports.order_by("task_id", "-created_at", "-id").values_list("task_id", "text"):
            latest.setdefault(task_id, text)
        for pk in chunk:
            row = tasks.get(pk)
            if row is None:
                continue
            _pk, title, lead_id, comm_id, status, due, done_on, recurrence = row
            if states and pk in states:
                status, due, done_on = states[pk]
            number, meeting = communiques.get(comm_id, ("", None))
            yield {"id": pk, "title": title, "lead": unit_names.get(lead_id, ""),
                   "supports": ", ".join(sorted(supports.get(pk, []))),
                   "communique": number + (f" ngày {meeting:%d/%m/%Y}" if meeting else "") if comm_id else "",
                   "due_date": due, "status": status, "status_label": Task.Status(status).label,
                   "completed_on": done_on, "recurrence": recurrence, "progress": latest.get(pk, "")}


COUNT_LABELS = {key: label for key, label, _text in PERIOD_COUNTS}


def report_detail(scope: Scope, period: Period, as_of: date) -> Iterator[dict]:
    """Every counted task with its count ("kết quả"), in unit then due-date order, for the detail sheet."""
    states, order = {}, []
    start, end = period.start, period.end
    rows = snapshot(scope, as_of).order_by().values_list(*FIELDS)
    keys = {}
    for pk, unit_id, status, due, done_on, recurrence in rows:
        key = period_count(status, due, done_on, recurrence, start, end, as_of)
        if key is None:
            continue
        states[pk] = (status, due, done_on)
        keys[pk] = key
        order.append((unit_id, due or date.max, pk))
    names = dict(Unit.objects.values_list("pk", "name"))
    order.sort(key=lambda r: (fold(names.get(r[0], "")), r[1], r[2]))
    for row in task_rows([pk for _u, _d, pk in order], as_of, states):
        key = keys[row["id"]]
        result = COUNT_LABELS[key]
        if key in ("due_overdue", "carried_overdue"):
            result += f" ({tracker_selectors.days_late(row['due_date'], as_of)} ngày)"
        elif row["completed_on"] and key in ("due_on_time", "due_late", "later_done"):
            result += f" ngày {row['completed_on']:%d/%m/%Y}"
        yield {**row, "result": result, "count": key}


_TREND_SQL = Statements(size=1)  # one day's


def monthly_on_time(today: date, months: int = 12) -> list[dict]:
    """The dashboard's trend: per month of the last `months`, tasks due then and those done on time, as of today.

    The same counts as the report's due_* and due_on_time for a one-month period read today
    (timeliness_filter is the SQL form of timeliness_of); one query on the live tasks, read in order from
    the (due_date, status, completed_on, recurrence) index and grouped by the due date itself, a few hundred
    days added up into months here: no date function per row (1M tasks: PostgreSQL 5.8 → 1.8 ms, its
    to_char casts every date to a timestamp; SQLite 3.8 → 2.3, its substr and a temporary B-tree).
    """
    from django.db.models import Count, Value

    from tracker.models import Timeliness

    first = date(today.year, today.month, 1)
    for _ in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    key = (connection.alias, today, months)

    def build():  # compiled once a day; its few hundred rows read by the cursor, not the ORM
        qs = Task.objects.order_by().filter(due_date__gte=first, due_date__lte=today, recurrence="").exclude(
            status=Task.Status.CANCELLED).values("due_date").annotate(
            due=Count(Value(1)), on_time=Count(
                Value(1), filter=tracker_selectors.timeliness_filter(Timeliness.DONE_ON_TIME, today))).values_list(
            "due_date", "due", "on_time")
        return qs.query.get_compiler(connection.alias).as_sql()

    sql, params = _TREND_SQL.get(key, build)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found: dict[tuple[int, int], dict] = {}
    for day, due, on_time in rows:
        # SQLite's cursor gives the date as its text (YYYY-MM-DD), PostgreSQL's as a date
        ym = (int(day[:4]), int(day[5:7])) if isinstance(day, str) else (day.year, day.month)
        month = found.get(ym)
        if month is None:
            month = found[ym] = {"due": 0, "on_time": 0}
        month["due"] += due
        month["on_time"] += on_time
    out, y, m = [], first.year, first.month
    for _ in range(months):
        r = found.get((y, m), {"due": 0, "on_time": 0})
        out.append({"year": y, "month": m, "due": r["due"], "on_time": r["on_time"],
                    "rate": round(100 * r["on_time"] / r["due"], 1) if r["due"] else None})
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
