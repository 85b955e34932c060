"""Reads: which tasks a user may see, and how timely each one is.

Timeliness is computed here and nowhere else: pages, emails and reports all use
`with_timeliness` (querysets) or `timeliness_of` (one task), against the local
date in Asia/Ho_Chi_Minh.
"""
import re
from datetime import date, timedelta
from operator import itemgetter
from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.db import connection, connections, router
from django.db.models.base import ModelState
from django.db.models import (BooleanField, Case, CharField, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet,
                              Sum, Value, When, prefetch_related_objects)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.lookups import In
from django.core.exceptions import EmptyResultSet
from django.utils import timezone

from tracker.folding import fold

from . import policy
from .statements import Statements, compiled_columns, converted_dicts
from .models import ClosedTally, ExtensionRequest, OpenTally, Task, TaskAssignment, Tier, Timeliness, Unit, User, tier_of

Status = Task.Status


class AnyOf(In):
    """`field IN (…)` of a list of values, sent to PostgreSQL as one array parameter (`= ANY(%s)`).

    A page passes a few hundred ids (a unit's supported tasks, a page's candidates): as one parameter
    each, PostgreSQL parses and plans every literal and psycopg binds each one (PG 1M, 327 ids: 1.9 ms
    a query against 0.9 as an array), and the SQL text changes with the count, so no prepared statement
    can serve it. SQLite keeps `IN (…)`. Used as an expression: `qs.filter(AnyOf(F("pk"), ids))`; not across a
    nullable relation, whose F() the ORM joins LEFT OUTER (SQLite then scans every task: 250 ms at 1M).
    """

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value():
            return super().as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [value for value in self.rhs if value is not None]
        if not values:
            raise EmptyResultSet
        return f"{lhs} = ANY(%s)", (*lhs_params, values)


def id_in(ids) -> AnyOf:
    """Rows whose primary key is one of `ids` (a list): `AnyOf` on the primary key."""
    return AnyOf(F("pk"), list(ids))


# newest first by the date lists show: the meeting's, else the document's own (ingest.models.BY_DATE)
_BY_DATE = (Coalesce("meeting_date", "issue_date").desc(nulls_last=True), "-id")


def _communique_model():
    """ingest's Communique, by its string name: tracker reads communiqués without importing ingest."""
    return apps.get_model("ingest", "Communique")


def local_today() -> date:
    """Today's date in the project's time zone (Asia/Ho_Chi_Minh), not UTC."""
    return timezone.localdate()


def timeliness_of(status: str, due_date: date | None, completed_on: date | None, today: date) -> str | None:
    """The bucket of one task; mirrors `with_timeliness` (a test holds them equal)."""
    if status == Status.CANCELLED:
        return None
    if status == Status.DONE:
        if due_date is None or (completed_on and completed_on <= due_date):
            return Timeliness.DONE_ON_TIME
        return Timeliness.DONE_LATE
    if due_date is None:
        return Timeliness.NO_DEADLINE
    if due_date < today:
        return Timeliness.OVERDUE
    if due_date <= today + timedelta(days=settings.DUE_SOON_DAYS):
        return Timeliness.DUE_SOON
    return Timeliness.ON_TRACK


# --- Period report counts ----------------------------------------------------------
# One definition for the report page, its exports, the monthly email and the API: each
# task, in its state as of the report date, falls in exactly one count (or none).
PERIOD_COUNTS = (
    ("due_on_time", "Hoàn thành đúng hạn",
     "Hạn trong kỳ; đến ngày số liệu đã hoàn thành (Văn phòng xác nhận), ngày hoàn thành không sau hạn."),
    ("due_late", "Hoàn thành quá hạn",
     "Hạn trong kỳ; đến ngày số liệu đã hoàn thành, ngày hoàn thành sau hạn."),
    ("due_overdue", "Chưa hoàn thành, quá hạn",
     "Hạn trong kỳ, đã qua hạn mà đến ngày số liệu chưa hoàn thành (kể cả đang chờ xác nhận hoàn thành)."),
    ("due_pending", "Chưa đến hạn",
     "Hạn trong kỳ nhưng sau ngày số liệu (khi lấy số liệu giữa kỳ), chưa hoàn thành."),
    ("later_done", "Hoàn thành trước hạn",
     "Hạn sau kỳ; đến ngày số liệu đã hoàn thành."),
    ("later_open", "Đang thực hiện, trong hạn",
     "Hạn sau kỳ; đến ngày số liệu chưa hoàn thành."),
    ("carried_overdue", "Quá hạn từ kỳ trước",
     "Hạn trước kỳ, đến ngày số liệu vẫn chưa hoàn thành."),
    ("no_deadline", "Không thời hạn, thường xuyên, định kỳ",
     "Không có hạn cụ thể hoặc là nhiệm vụ thường xuyên, định kỳ; chưa tạm dừng/hủy."),
)
PERIOD_COUNT_KEYS = tuple(key for key, _label, _text in PERIOD_COUNTS)
DUE_IN_PERIOD = ("due_on_time", "due_late", "due_overdue", "due_pending")


def period_count(status: str, due_date: date | None, completed_on: date | None, recurrence: str,
                 start: date, end: date, as_of: date) -> str | None:
    """The period report's count for one task's state as of `as_of`, built on `timeliness_of`.

    None for a task outside every count: paused/cancelled, or due before the period and closed.
    The on-time rate is due_on_time over the four due_* counts ("đến hạn trong kỳ").
    """
    if status == Status.CANCELLED:
        return None
    if recurrence or due_date is None:
        return "no_deadline"
    bucket = timeliness_of(status, due_date, completed_on, as_of)
    done = bucket in (Timeliness.DONE_ON_TIME, Timeliness.DONE_LATE)
    if due_date < start:
        return "carried_overdue" if bucket == Timeliness.OVERDUE else None
    if due_date > end:
        return "later_done" if done else "later_open"
    return {Timeliness.DONE_ON_TIME: "due_on_time", Timeliness.DONE_LATE: "due_late",
            Timeliness.OVERDUE: "due_overdue"}.get(bucket, "due_pending")


def on_time_rate(counts: dict) -> float | None:
    """Done on time over due in the period, in percent; None when nothing fell due."""
    due = sum(counts.get(k, 0) for k in DUE_IN_PERIOD)
    return round(100 * counts.get("due_on_time", 0) / due, 1) if due else None


def closed_bucket(status: str, due_date: date | None, completed_on: date | None) -> str | None:
    """The ClosedTally bucket of a task: its done bucket (`timeliness_of`), "cancelled", or None while open."""
    if status == Status.CANCELLED:
        return ClosedTally.Bucket.CANCELLED.value
    if status == Status.DONE:
        return str(timeliness_of(status, due_date, completed_on, date.min))
    return None


def days_late(due_date: date | None, today: date) -> int | None:
    """Whole days past the deadline on `today` (0 on the day, negative: days left); None without one.

    Overdue is `days_late > 0` for an open task; `days_late_sql` is the same count in SQL.
    """
    return (today - due_date).days if due_date is not None else None


def days_late_sql(column: str) -> str:
    """`days_late` as a SQL expression over a date column, for raw statements; takes `today` as one parameter."""
    if connection.vendor == "sqlite":
        return f"CAST(julianday(%s) - julianday({column}) AS INTEGER)"
    if connection.vendor == "postgresql":
        return f"(CAST(%s AS date) - {column})"
    raise NotImplementedError(connection.vendor)


def with_timeliness(qs: QuerySet, today: date | None = None) -> QuerySet:
    """Annotate `timeliness` on a Task queryset; cancelled tasks get NULL."""
    today = today or local_today()
    soon = today + timedelta(days=settings.DUE_SOON_DAYS)
    return qs.annotate(
        timeliness=Case(
            When(status=Status.CANCELLED, then=Value(None)),
            When(Q(status=Status.DONE) & (Q(due_date__isnull=True) | Q(completed_on__lte=F("due_date"))),
                 then=Value(Timeliness.DONE_ON_TIME)),
            When(status=Status.DONE, then=Value(Timeliness.DONE_LATE)),
            When(due_date__isnull=True, then=Value(Timeliness.NO_DEADLINE)),
            When(due_date__lt=today, then=Value(Timeliness.OVERDUE)),
            When(due_date__lte=soon, then=Value(Timeliness.DUE_SOON)),
            default=Value(Timeliness.ON_TRACK),
            output_field=CharField(),
        )
    )


def open_due_ranges(today: date) -> dict[str, Q]:
    """An open task's bucket by its due date alone: a range relative to today (`due_date` of a Task or an OpenTally)."""
    soon = today + timedelta(days=settings.DUE_SOON_DAYS)
    return {
        Timeliness.OVERDUE: Q(due_date__lt=today),
        Timeliness.DUE_SOON: Q(due_date__gte=today, due_date__lte=soon),
        Timeliness.ON_TRACK: Q(due_date__gt=soon),
        Timeliness.NO_DEADLINE: Q(due_date__isnull=True),
    }


def timeliness_filter(bucket: str, today: date | None = None) -> Q:
    """The same rules as a WHERE clause, so filtering by bucket can use the due-date index."""
    today = today or local_today()
    if bucket in OPEN_BUCKETS:
        return Q(status__in=Task.OPEN_STATUSES) & open_due_ranges(today)[bucket]
    done = Q(status=Status.DONE)
    return {
        Timeliness.DONE_ON_TIME: done & (Q(due_date__isnull=True) | Q(completed_on__lte=F("due_date"))),
        Timeliness.DONE_LATE: done & Q(due_date__isnull=False) & (
            Q(completed_on__gt=F("due_date")) | Q(completed_on__isnull=True)),
    }[bucket]


def visible_tasks(user: User) -> QuerySet:
    """Every task the user may see: all for the office and leadership, else their unit's (lead or support)."""
    qs = Task.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if policy.can_view_all(user):
        return qs
    if not user.unit_id:
        return qs.none()
    # IN (…) walks the unit's assignments by index; EXISTS would probe once per task in the table.
    return qs.filter(pk__in=TaskAssignment.objects.filter(unit_id=user.unit_id).values("task_id"))


_MANY = object()  # `unit_branches`' `few`: not given, read it


def unit_branches(user: User, few=_MANY) -> list[QuerySet] | None:
    """A unit's visible tasks as two disjoint parts an index can read in the list's order; None for the office.

    Those it leads (the (lead_unit, due_date, id) index alone) and those it supports and another unit
    leads (its few support assignments). Together they are the tasks `visible_tasks` gives it, because
    services keep a task's lead unit and its one lead assignment the same unit on every write path
    (`lead_mismatches`, checked by `recount_tallies --check` and tests/tracker/test_lead_invariant.py).
    The led part was probed for the unit's assignment (EXISTS) before: on PostgreSQL that plan flipped
    with ANALYZE's sample between a nested loop and a hash join over the unit's every assignment.
    `visible_tasks` itself first lists all the unit's assignments (85k at 1M tasks: 75 ms on SQLite)
    before it can order them; each part here reads only the rows a page needs. `few`: `sparse_supports(user)`,
    if the caller has read it already.
    """
    if not policy.sees_own_unit_only(user):
        return None
    if few is _MANY:
        few = sparse_supports(user)
    return [Task.objects.filter(lead_unit_id=user.unit_id),
            Task.objects.filter(Q(pk__in=_supports(user)) if few is None else id_in(few)).exclude(
                lead_unit_id=user.unit_id)]


def _supports(user: User) -> QuerySet:
    return TaskAssignment.objects.filter(unit_id=user.unit_id, role=TaskAssignment.Role.SUPPORT).values("task_id")


def sparse_supports(user: User) -> list[int] | None:
    """The ids of the tasks the user's unit supports if at most SPARSE_SUPPORTS, else None (read by subquery).

    A few supported tasks are passed as their ids: PostgreSQL, estimating a unit's supports from its
    assignments of every role (85k at 1M where 327 support), would walk the due-date index instead (1 s).
    SQLite reads them by subquery from the (unit, role, task) index: sending them as ids cost a statement and ~1 ms
    of Python a request (each of the few hundred parameters prepared, then compiled into the page's SQL).
    """
    if connection.vendor == "sqlite":
        return None
    few = list(_supports(user).values_list("task_id", flat=True)[:SPARSE_SUPPORTS + 1])
    return few if len(few) <= SPARSE_SUPPORTS else None


SPARSE_SUPPORTS = 2000


def lead_mismatches() -> list[int]:
    """Ids of tasks whose lead unit is not their lead assignment's unit (or that have none).

    `unit_branches` reads a unit's led tasks from `Task.lead_unit` alone and trusts this to be empty.
    A second lead assignment is refused by the database (constraint `assignment_one_lead`).
    """
    one = TaskAssignment.objects.filter(task_id=OuterRef("pk"), unit_id=OuterRef("lead_unit_id"),
                                        role=TaskAssignment.Role.LEAD)
    return list(Task.objects.filter(~Exists(one)).order_by("pk").values_list("pk", flat=True))


# Rows never show these; a communiqué's full text would otherwise ride along on every row.
LIST_DEFERRED = ("search_text", "directive__text", "directive__communique__text",
                 "directive__communique__extraction")


# A word of one or two letters or digits is looked up where a word begins: "uy" finds "tỉnh ủy" and
# "ủy ban", not the inside of "huyện" or "quyết". Longer words match anywhere, as typed.
SHORT_WORD = re.compile(r"[a-z0-9]{1,2}")
# What may stand before a word in folded text ("15-tb/tu", "(uy ban)", "tp.ha tinh"), besides the start.
WORD_BOUNDARIES = " -/(.\""


def word_start(column: str, word: str) -> Q:
    """Rows where a word of `column` begins with `word`: one LIKE per boundary, the same SQL on both engines.

    On PostgreSQL each LIKE is served by the trigram index of 0002 (pg_trgm keeps "  y" and " uy" for every
    word beginning so, where '%uy%' has no trigram and scans the table); SQLite scans, each LIKE native.
    A class in one GLOB or regular expression was measured 5-10× slower per row.
    """
    match = Q(**{f"{column}__startswith": word})
    for boundary in WORD_BOUNDARIES:
        match |= Q(**{f"{column}__contains": boundary + word})
    return match


def search_words(text: str) -> list[str]:
    """The folded words of a search, at most ten."""
    return fold(text).split()[:10]


def text_search(qs: QuerySet, text: str, column: str = "search_text") -> QuerySet:
    """Rows whose folded `column` holds every word of `text`, diacritics and case ignored.

    "tinh uy" finds "Tỉnh ủy" and "Tỉnh uỷ", "dang" finds "Đảng". Words of three characters or more
    match anywhere (the trigram index of migration 0002 on PostgreSQL; SQLite scans the covering index
    of 0004); shorter ones at the start of a word (`word_start`).
    """
    for word in search_words(text):
        qs = qs.filter(word_start(column, word) if SHORT_WORD.fullmatch(word) else Q(**{f"{column}__contains": word}))
    return qs


def search_tasks(qs: QuerySet, text: str) -> QuerySet:
    """`text_search` of tasks: content, deadline phrase, units, communiqué number."""
    return text_search(qs, text)


def _list_rows(qs: QuerySet, today: date | None) -> QuerySet:
    """What each row of the list shows: the timeliness badge, unit, communiqué, assignee."""
    return with_timeliness(qs, today).select_related(
        "lead_unit", "directive__communique", "assignee",
    ).defer(*LIST_DEFERRED)


def task_list(user: User, today: date | None = None) -> QuerySet:
    """The task list's base queryset: visible, annotated, with what each row shows."""
    return _list_rows(visible_tasks(user), today)


# Plain strings: an enum member's .value costs a descriptor call, thousands of times per dashboard.
BUCKET_VALUES = tuple(b.value for b in Timeliness)


OPEN_BUCKETS = (Timeliness.ON_TRACK, Timeliness.DUE_SOON, Timeliness.OVERDUE, Timeliness.NO_DEADLINE)
CLOSED_BUCKETS = (Timeliness.DONE_ON_TIME, Timeliness.DONE_LATE)


# The partial index task_open_due's own condition, written out: SQLite uses a partial index only when the
# query repeats its WHERE with the same literals, and Django sends `status IN (…)` as parameters.
# Without it SQLite walks the due-date index through the closed archive (300k tasks: 4.2 s → ms).
OPEN_INDEX_TERM = RawSQL(
    "\"tracker_task\".\"status\" IN ('new', 'in_progress', 'awaiting')", (), output_field=BooleanField())
assert set(Task.OPEN_STATUSES) == {"new", "in_progress", "awaiting"}


def _per_unit_counts(today: date) -> dict[int, dict[str, int]]:
    """Per lead unit: tasks in each bucket (`timeliness_filter`) and in all ("total").

    Open tasks are counted live, a UNION ALL of one grouped COUNT(*) per open
    bucket, each seeking its own range of the (lead_unit, status, due_date, completed_on)
    index. Closed ones (done, cancelled) are read from ClosedTally, in the same statement: the archive is never
    rescanned. Cancelled tasks have no bucket but count in the total. Not from OpenTally: its lead rows are per unit
    and due date, 12k of the 19.4k open tasks at 1M, read by range without the task index's order (PostgreSQL: three
    sequential scans, 2 → 8 ms).
    """
    key = (connection.alias, today, settings.DUE_SOON_DAYS)
    compiled = _UNIT_COUNT_SQL.peek(key)
    if compiled is None:  # the two queries depend only on the day: built and compiled once a day (~1 ms)
        tasks = Task.objects.order_by()
        # On SQLite the open index's own condition (see `dashboard`): the open tasks' partial index, grouped,
        # rather than a skip-scan of every unit's range of the covering index (1M tasks: 12 → 5.5 ms).
        open_term = [OPEN_INDEX_TERM] if connection.vendor == "sqlite" else []
        parts = [tasks.filter(timeliness_filter(b, today), *open_term).values_list("lead_unit_id").annotate(
            bucket=Value(b.value), n=Count("*")) for b in OPEN_BUCKETS]
        closed = ClosedTally.objects.filter(role=TaskAssignment.Role.LEAD, n__gt=0).values_list(
            "unit_id", "bucket", "n")
        # One statement, open and closed (on PostgreSQL each statement of a request costs ~0.3-0.5 ms more than its
        # replay in a loop).
        both = [q.query.get_compiler(connection.alias).as_sql() for q in (parts[0].union(*parts[1:], all=True), closed)]
        compiled = _UNIT_COUNT_SQL.keep(key, (" UNION ALL ".join(f"SELECT * FROM ({sql}) q{i}" for i, (sql, _) in
                                                                 enumerate(both)), [p for _, ps in both for p in ps]))
    counts: dict[int, dict[str, int]] = {}
    # Thousands of (unit, bucket, n) rows of ints and strings: read by the cursor, without the ORM's per-row work.
    with connection.cursor() as cursor:
        cursor.execute(*compiled)
        rows = cursor.fetchall()
    for unit_id, bucket, n in rows:
        unit_counts = counts.get(unit_id)
        if unit_counts is None:
            unit_counts = counts[unit_id] = dict.fromkeys(BUCKET_VALUES, 0)
        unit_counts[bucket] = n
    for unit_counts in counts.values():
        unit_counts["total"] = sum(unit_counts.values())
        unit_counts.pop(Status.CANCELLED.value, None)
    return counts


_UNIT_COUNT_SQL = Statements(size=1)  # one day's


def _raw_rows(qs: QuerySet) -> list[tuple]:
    """`qs` (a values_list of plain columns: ints, strings) as the cursor returns it."""
    sql, params = qs.query.get_compiler(qs.db).as_sql()
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def final_successor_ids() -> dict[int, int]:
    """Each merged or renamed unit's id → the id of the unit at the end of its chain of successors."""
    links = dict(Unit.objects.filter(successor__isnull=False).values_list("pk", "successor_id"))
    result = {}
    for pk, current in links.items():
        seen = {pk}
        while current in links and current not in seen:
            seen.add(current)
            current = links[current]
        result[pk] = current
    return result


def predecessor_ids(unit_id: int) -> list[int]:
    """The unit and every unit merged or renamed into it, directly or down a chain."""
    return [unit_id, *(old for old, new in final_successor_ids().items() if new == unit_id)]


# A tier with more units than this starts collapsed on the dashboard (a province has 60-170 communes).
TIER_OPEN_UNITS = 25


def _light_units(ids) -> list[Unit]:
    """The units of `ids` by name, with only pk, name, short_name and kind loaded (the others deferred, as
    `.only()` gives): built from plain rows, since the ORM's per-instance work on a province's ~900 units
    cost ~4 ms of the dashboard's Python."""
    alias = router.db_for_read(Unit)
    units = []
    for pk, name, short_name, kind in _raw_rows(Unit.objects.using(alias).order_by("name").values_list(
            "pk", "name", "short_name", "kind")):
        if pk in ids:
            unit = Unit.__new__(Unit)
            unit._state = ModelState()
            unit._state.adding, unit._state.db = False, alias
            unit.__dict__.update(id=pk, name=name, short_name=short_name, kind=kind)
            units.append(unit)
    return units


def _per_unit_rows(per_unit_counts: dict[int, dict[str, int]]) -> tuple[list[Unit], list[dict]]:
    """Units with their counts, a merged unit's counted under its successor (noted), grouped by tier.

    Open tasks moved to the successor at the merger, so only the old unit's finished tasks
    are added here: nothing is counted twice.
    """
    successors = final_successor_ids()
    counts = dict(per_unit_counts)  # the units' own dicts: only a successor's is copied before adding to it
    merged_from: dict[int, list[int]] = {}
    for unit_id, target in successors.items():
        if target == unit_id or unit_id not in counts:  # (a cycle of successors leaves a unit where it is)
            continue
        unit_counts = counts.pop(unit_id)
        merged_from.setdefault(target, []).append(unit_id)
        into = counts.get(target)
        counts[target] = dict(unit_counts) if into is None else {k: n + unit_counts[k] for k, n in into.items()}
    names = dict(Unit.objects.filter(pk__in=[i for ids in merged_from.values() for i in ids])
                 .values_list("pk", "name")) if merged_from else {}
    per_unit = _light_units(counts)
    tiers = {t.value: {"value": t.value, "label": t.label, "units": [], "total": 0,
                       "totals": dict.fromkeys(BUCKET_VALUES, 0)} for t in Tier}
    tier_counts: dict[str, list[dict]] = {t.value: [] for t in Tier}
    for unit in per_unit:
        unit_counts = counts[unit.id]
        unit.__dict__.update(unit_counts)  # unit.qua_han, …, unit.total
        from_ids = merged_from.get(unit.id)
        unit.merged_from = sorted(names[i] for i in from_ids) if from_ids else []
        tier = tier_of(unit.kind)
        tiers[tier]["units"].append(unit)
        tier_counts[tier].append(unit_counts)
    # Each tier's sums column by column (C loops over a tuple per unit, not a Python loop per unit and bucket).
    columns = (*BUCKET_VALUES, "total")
    row_of = itemgetter(*columns)
    for value, tier in tiers.items():
        if tier_counts[value]:
            sums = dict(zip(columns, map(sum, zip(*map(row_of, tier_counts[value])))))
            tier["total"] = sums.pop("total")
            tier["totals"] = sums
    rows = [t for t in tiers.values() if t["units"]]
    for tier in rows:
        tier["open"] = len(tier["units"]) <= TIER_OPEN_UNITS
    return per_unit, rows


def dashboard(today: date | None = None, communique_rows: int = 50) -> dict:
    """The office dashboard: unit × timeliness counts, overdue, due soon, completion per communiqué.

    Totals are the sum of the units' rows, so no extra scan. Completion is counted for the
    newest `communique_rows` published communiqués only (the rest are a click away in the
    communiqué list): counting a province's every communiqué cost ~20 ms at 100k tasks.
    """
    Communique = _communique_model()
    today = today or local_today()
    tasks = Task.objects.order_by()
    per_unit, tiers = _per_unit_rows(_per_unit_counts(today))
    totals = dict.fromkeys(BUCKET_VALUES, 0)
    for tier in tiers:
        for value in BUCKET_VALUES:
            totals[value] += tier["totals"][value]

    base = with_timeliness(Task.objects.select_related("lead_unit").defer(*LIST_DEFERRED[:1]), today)
    # SQLite needs the index's own condition repeated; PostgreSQL matches the partial index by itself, and
    # the repeated condition halves its row estimate until it prefers the status index (17 ms at 1M, not 1).
    open_term = [OPEN_INDEX_TERM] if connection.vendor == "sqlite" else []
    overdue = base.filter(timeliness_filter(Timeliness.OVERDUE, today), *open_term).order_by("due_date", "id")
    due_soon = base.filter(timeliness_filter(Timeliness.DUE_SOON, today), *open_term).order_by("due_date", "id")

    communiques = list(
        Communique.objects.filter(state=Communique.State.PUBLISHED)
        .only("pk", "number", "title", "meeting_date", "issue_date", "state").order_by(*_BY_DATE)[:communique_rows + 1]
    )
    more_communiques, communiques = len(communiques) > communique_rows, communiques[:communique_rows]
    ids = [c.pk for c in communiques]
    completion = {
        row["directive__communique_id"]: row
        for row in compiled_values(("dashboard-completion", tuple(ids)), lambda: tasks.filter(
            directive__communique_id__in=ids).values("directive__communique_id").annotate(
            total=_count(~Q(status=Status.CANCELLED)), done=_count(Q(status=Status.DONE))))
    } if ids else {}
    for communique in communiques:
        row = completion.get(communique.pk, {})
        communique.total, communique.done = row.get("total", 0), row.get("done", 0)
    return {
        "today": today,
        "per_unit": per_unit,
        "tiers": tiers,
        "overdue": overdue,
        "overdue_count": totals[Timeliness.OVERDUE],
        "due_soon": due_soon,
        "due_soon_days": settings.DUE_SOON_DAYS,
        "communiques": communiques,
        "more_communiques": more_communiques,
        "totals": totals,
    }


def dashboard_due_rows(data: dict, fields: tuple[str, ...], rows: int) -> tuple[list[dict], list[dict]]:
    """The first `rows` overdue and due-soon tasks of `dashboard()`'s result as `fields` values (with "id" and
    "due_date"), in one statement (each in its own order and limit, then UNION ALL): the same SQL all day, so
    compiled once (the key names what it depends on)."""
    kinds = ("overdue", "due_soon")
    fields = tuple(dict.fromkeys((*fields, "id", "due_date")))

    def compile_once():
        parts = []
        for kind in kinds:
            qs = data[kind].values(*fields, due_kind=Value(kind, output_field=CharField()))[:rows]
            compiler = qs.query.get_compiler(connection.alias)
            parts.append((*compiler.as_sql(), *compiled_columns(qs.query, compiler)))
        if any(converters is None for *_, converters in parts):
            return None
        return (" UNION ALL ".join(f"SELECT * FROM ({sql}) q{i}" for i, (sql, *_) in enumerate(parts)),
                [p for _, params, *_ in parts for p in params], *parts[0][2:])

    entry = _VALUES_SQL.get((connection.alias, "dashboard-due", data["today"], settings.DUE_SOON_DAYS, fields, rows),
                            compile_once)
    if entry is None:  # (a field with converters of its own: the ORM reads it)
        return tuple(list(data[kind].values(*fields)[:rows]) for kind in kinds)
    sql, params, names, converters = entry
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found: dict[str, list[dict]] = {kind: [] for kind in kinds}
        for row in converted_dicts(cursor.fetchall(), names, converters):
            found[row.pop("due_kind")].append(row)
    for kind in kinds:  # each part's order (due date, id: never empty here), which a UNION ALL need not keep
        found[kind].sort(key=itemgetter("due_date", "id"))
    return found["overdue"], found["due_soon"]


# --- Task list and task page -------------------------------------------------

# Slicing a queryset makes Django aggregate over it as a subquery; this bound never cuts a row.
_ALL_ROWS = 2**62


def list_counts(qs: QuerySet, today: date | None = None, *, by_range: bool = True) -> dict[str, int]:
    """Counts per bucket plus the total (cancelled tasks included) of any Task queryset.

    By range (default): one query whose counts each carry their bucket's `timeliness_filter`
    (range conditions on status, due_date and completed_on that the covering indexes answer)
    rather than a CASE per row. `by_range=False` counts the `timeliness` annotation instead, in a
    subquery: measured the cheaper of the two when a text search reads every row anyway.
    """
    today = today or local_today()
    qs = qs.order_by()
    if not by_range:
        if "timeliness" not in qs.query.annotations:
            qs = with_timeliness(qs, today)
        # The slice keeps the annotation in a subquery: without it SQLite inlines the CASE into every count.
        rows = qs.values("timeliness")[:_ALL_ROWS]
        counts = rows.aggregate(total=Count("*"), **{
            b.value: Count("timeliness", filter=Q(timeliness=b.value)) for b in Timeliness})
        return counts
    counts = _aggregate_once(qs, (today, settings.DUE_SOON_DAYS), lambda: dict(
        cancelled=_count(Q(status=Status.CANCELLED)), **{b.value: _count(timeliness_filter(b, today)) for b in Timeliness}))
    counts["total"] = sum(counts.values())
    counts.pop(Status.CANCELLED.value)
    return counts


_AGGREGATE_SQL = Statements(size=256)


def _aggregate_once(qs: QuerySet, depends: tuple, aggregates) -> dict:
    """`qs.aggregate(**aggregates())` of counts, the statement kept per process for the queryset's own SQL and
    parameters and `depends` (what else the aggregates read: the day): a filtered list's seven FILTERed counts
    cost ~1.5 ms to build and compile on every request. The first run is the ORM's, its statement taken as sent."""
    try:
        sql, params = qs.query.get_compiler(qs.db).as_sql()
    except EmptyResultSet:  # (a filter that matches nothing: the ORM answers without a query)
        return qs.aggregate(**aggregates())
    key = (qs.db, sql, repr(params), *depends)
    kept = _AGGREGATE_SQL.peek(key)
    if kept is not None:
        statement, args, names = kept
        with connections[qs.db].cursor() as cursor:
            cursor.execute(statement, args)
            return dict(zip(names, cursor.fetchone()))
    sent = []

    def take(execute, statement, args, many, context):
        sent.append((statement, args))
        return execute(statement, args, many, context)

    with connections[qs.db].execute_wrapper(take):
        counts = qs.aggregate(**aggregates())
    if len(sent) == 1 and all(isinstance(n, int) for n in counts.values()):
        _AGGREGATE_SQL.keep(key, (*sent[0], tuple(counts)))
    return counts


def _count(condition: Q) -> Count:
    """COUNT(1) FILTER (WHERE condition): a constant, not the id, so PostgreSQL can count from the index alone."""
    return Count(Value(1), filter=condition)


def user_list_counts(user: User, today: date | None = None) -> dict[str, int]:
    """`list_counts` of the user's whole unfiltered list, from the tallies: its open tasks by due-date range from
    OpenTally, its closed ones from ClosedTally.

    The office counts every task (the tallies' rows of every task: ~700 open, 3 closed), a unit its own
    assignments (lead or support): a few hundred rows at most, whatever the archive and the open workload.
    """
    today = today or local_today()
    counts = dict.fromkeys(BUCKET_VALUES, 0)
    if not user.is_authenticated or not (policy.can_view_all(user) or user.unit_id):
        counts["total"] = 0
        return counts
    # The query depends only on the day and the unit: compiled once per process for each.
    unit_id = None if policy.can_view_all(user) else user.unit_id
    key = (connection.alias, today, settings.DUE_SOON_DAYS, unit_id)
    compiled = _COUNT_SQL.peek(key)
    if compiled is None:
        sql, params = _count_query(unit_id, today).query.get_compiler(connection.alias).as_sql()
        compiled = _COUNT_SQL.keep(key, (sql, params))
    sql, params = compiled
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for bucket, n in cursor.fetchall():
            counts[bucket] = counts.get(bucket, 0) + n
    counts["total"] = sum(counts.values())
    counts.pop(Status.CANCELLED.value, None)
    return counts


_COUNT_SQL = Statements(size=128)  # offices and units whose counts' SQL a process keeps


def _count_query(unit_id: int | None, today: date) -> QuerySet:
    """`user_list_counts`' one statement of (bucket, n) rows: a sum of OpenTally per open bucket, each over its
    range of due dates, and ClosedTally's sums. None: the office's (every task), else a unit's (its assignments).

    One statement, not one per part: on PostgreSQL each query of a request costs ~0.3-0.5 ms more than its replay
    in a loop (the server process idles while Python works and is woken for each)."""
    if unit_id is None:
        open_rows = OpenTally.objects.filter(unit__isnull=True, role=OpenTally.ALL)
        closed = ClosedTally.objects.filter(unit__isnull=True, role=ClosedTally.ALL)
    else:
        open_rows = OpenTally.objects.filter(unit_id=unit_id)
        closed = ClosedTally.objects.filter(unit_id=unit_id)
    parts = [open_rows.order_by().filter(due).annotate(bucket=Value(b.value, output_field=CharField())).values_list(
        "bucket").annotate(n=Sum("n", default=0)) for b, due in open_due_ranges(today).items()]
    parts.append(closed.order_by().values("bucket").annotate(n=Sum("n")).values_list("bucket", "n"))
    return parts[0].union(*parts[1:], all=True)


def page_rows(qs: QuerySet, start: int, stop: int, today: date | None = None,
              branches: list[QuerySet] | None = None, values: tuple[str, ...] = ()) -> list:
    """Rows start..stop of `qs` (from `task_list`): ids by index and a narrow sort, then those rows by primary key.

    Sorting the joined rows (directive, communiqué, unit…) of 20k matches to keep 50 cost
    ~57 ms at 100k; sorting ids costs ~1 ms. The ids come from `qs`, so visibility and filters
    hold; the rows are then read by primary key alone (repeating a unit's visibility subquery
    there cost 15–25 ms more). `branches` (a unit's `unit_branches`, filtered and sorted as
    `qs`) gives the ids the first `stop` of each part, and `qs` orders those few. With `values` (field
    names, "id" among them) the rows are dicts of those and "timeliness", a third of the model rows' cost, and the
    ids are a subquery of the rows' statement: one statement (on PostgreSQL each statement of a request costs
    ~0.3-0.5 ms more than its replay in a loop), its rows sorted again by the list's order (50 of them).
    """
    ids = _page_ids(qs, start, stop, branches)
    if ids is None:
        return []
    today = today or local_today()
    if values:
        # Each row's bucket by `timeliness_of` (held equal to `with_timeliness`): no CASE to build and run.
        fields = [f for f in dict.fromkeys((*values, "status", "due_date", "completed_on")) if f != "timeliness"]
        rows = _rows_of_ids(tuple(fields), tuple(qs.query.order_by or Task._meta.ordering), *ids)
        for row in rows:
            row["timeliness"] = timeliness_of(row["status"], row["due_date"], row["completed_on"], today)
        return rows
    with connection.cursor() as cursor:
        cursor.execute(*ids)
        pks = [pk for (pk,) in cursor.fetchall()]
    rows = {task.pk: task for task in _list_rows(Task.objects.filter(id_in(pks)), today).order_by()}
    return [rows[pk] for pk in pks]


def _page_ids(qs: QuerySet, start: int, stop: int, branches: list[QuerySet] | None) -> tuple[str, list] | None:
    """(sql, params) of `page_rows`' ids in the list's order; None when no task can match."""
    if branches:
        # Each part's first `stop` ids in the list's order (visible and filtered already), then those few ordered
        # together: one subquery (the parts' ids were read and sent back as a list: three queries).
        parts = []
        for part in branches:
            try:
                parts.append(part.values_list("pk", flat=True)[:stop].query.get_compiler(connection.alias).as_sql())
            except EmptyResultSet:  # a part that can match nothing (no supported task)
                pass
        if not parts:
            return None
        candidates = RawSQL(" UNION ALL ".join(f"SELECT * FROM ({sql}) b{i}" for i, (sql, _) in enumerate(parts)),
                            [p for _, params in parts for p in params])
        order = qs.query.order_by or Task._meta.ordering
        qs = Task.objects.filter(pk__in=candidates).order_by(*order)
    elif (direction := _by_unit_unfiltered(qs)) is not None:
        return _ids_by_unit(direction, start, stop)
    try:
        sql, params = qs.values_list("pk", flat=True)[start:stop].query.get_compiler(connection.alias).as_sql()
    except EmptyResultSet:
        return None
    return sql, list(params)


_ROWS_SQL = Statements(size=64)
_IDS = "__page_ids__"  # where a page's ids' SQL goes in the rows' statement compiled once


def _order_key(order: tuple) -> tuple:
    """The list's order as a key: an OrderBy's repr leaves out its NULLS placement."""
    return tuple((repr(o.expression), o.descending, o.nulls_first, o.nulls_last) if hasattr(o, "descending")
                 else str(o) for o in order)


def _rows_of_ids(fields: tuple[str, ...], order: tuple, ids_sql: str, ids_params: list) -> list[dict]:
    """`Task.objects.filter(pk__in=<ids' SQL>).order_by(*order).values(*fields)` in one statement, its SQL compiled
    once per process for each field list and order (the ids' SQL put in its place), its rows through the backend's
    converters only (`statements.compiled_columns`): building and compiling the joined query, then the ORM's per-row
    work, cost ~0.6 ms of a list page's or an API page's."""
    def build():
        # PostgreSQL: `id = ANY(ARRAY(ids))`, the ids an InitPlan that the rows' plan takes as a parameter: planned
        # as rows by a list of ids (0.36 ms planning, not 0.55 for `IN (ids)`'s semi-join; 1.1 ms in all, against
        # 1.3-1.6 for ids then rows in two statements and the same for `IN`, 1M, replayed in a loop).
        where = (RawSQL(f'"tracker_task"."id" = ANY(ARRAY({_IDS}))', [], output_field=BooleanField())
                 if connection.vendor == "postgresql" else Q(pk__in=RawSQL(_IDS, [])))
        compiled = Task.objects.filter(where).order_by(*order).values(*fields).query.get_compiler(connection.alias)
        sql, params = compiled.as_sql()
        names, converters = compiled_columns(compiled.query, compiled)
        if converters is None or sql.count(_IDS) != 1:
            return None
        before, after = sql.split(_IDS)
        return before, after, before.replace("%%", "").count("%s"), list(params), names, converters

    compiled = _ROWS_SQL.get((connection.alias, fields, _order_key(order)), build)
    if compiled is None:  # (a field with converters of its own: the ORM reads it)
        return list(Task.objects.filter(pk__in=RawSQL(ids_sql, ids_params)).order_by(*order).values(*fields))
    before, after, at, params, names, converters = compiled
    with connection.cursor() as cursor:
        cursor.execute(before + ids_sql + after, [*params[:at], *ids_params, *params[at:]])
        return converted_dicts(cursor.fetchall(), names, converters)


_VALUES_SQL = Statements(size=256)


def compiled_values(key: tuple, build) -> list[dict]:
    """The rows of the values() queryset `build()` makes, its SQL compiled once per process for `key` (which must
    name everything the query depends on: the day, a setting, ids): the dashboard's fixed queries cost ~0.5 ms
    each to build and compile, and their rows as much again through the ORM."""

    def compile_once():
        qs = build()
        compiler = qs.query.get_compiler(connection.alias)
        sql, params = compiler.as_sql()
        names, converters = compiled_columns(qs.query, compiler)
        return (sql, params, names, converters) if converters is not None else None

    entry = _VALUES_SQL.get((connection.alias, *key), compile_once)
    if entry is None:
        return list(build())
    sql, params, names, converters = entry
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return converted_dicts(cursor.fetchall(), names, converters)


COMMUNIQUE_VALUES = ("directive__communique_id", "directive__communique__number",
                     "directive__communique__meeting_date", "directive__communique__issue_date")


def communique_label_of(row: dict) -> str | None:
    """`Communique.label` of a `page_rows` dict's communiqué (its COMMUNIQUE_VALUES); None without one."""
    if row["directive__communique_id"] is None:
        return None
    # The model's own property on a plain object: one definition, without a model instance per row.
    return _communique_model().label.fget(SimpleNamespace(
        pk=row["directive__communique_id"], number=row["directive__communique__number"],
        date=row["directive__communique__meeting_date"] or row["directive__communique__issue_date"]))


def _by_unit_unfiltered(qs: QuerySet) -> str | None:
    """"ASC"/"DESC" when `qs` is every task sorted by unit on PostgreSQL (the office's unfiltered list), else None."""
    order = tuple(qs.query.order_by)
    if connection.vendor != "postgresql" or qs.query.where or order not in (
            ("lead_unit__name", "pk"), ("-lead_unit__name", "pk")):
        return None
    return "DESC" if order[0].startswith("-") else "ASC"


def _ids_by_unit(direction: str, start: int, stop: int) -> tuple[str, list]:
    """(sql, params) of ids start..stop of every task by (unit name, id): each unit's first `stop` from the
    (lead_unit, id) index.

    PostgreSQL cannot carry the units' name order through the join, so its incremental sort read each unit's
    whole group (the first two units lead 280k tasks at 1M: ~50 ms for page 20); row `stop` is among the
    first `stop` of its unit, so each unit need give no more (under 1 ms). SQLite's planner reads the join in
    order by itself and keeps the plain query.
    """
    sql = ("SELECT t.id FROM tracker_unit u CROSS JOIN LATERAL (SELECT id FROM tracker_task"
           " WHERE lead_unit_id = u.id ORDER BY id LIMIT %s) t"
           f" ORDER BY u.name {direction}, t.id LIMIT %s OFFSET %s")
    return sql, [stop, stop - start, start]


def lead_units() -> QuerySet:
    """Units that lead at least one task: the office's unit filter (tens to hundreds, never every unit row).

    A unit leads a closed task when its ClosedTally says so (a task's lead assignment is its lead unit's,
    `lead_mismatches`), and an open one by the open tasks: the archive is not probed. One probe per unit
    of the million-row lead_unit index cost PostgreSQL 3-5 ms (each rebuild of the unit filter), this ~1 ms.
    """
    closed = ClosedTally.objects.filter(unit_id=OuterRef("pk"), role=TaskAssignment.Role.LEAD, n__gt=0)
    open_tasks = Task.objects.filter(lead_unit=OuterRef("pk"), status__in=Task.OPEN_STATUSES)
    return Unit.objects.filter(Exists(closed) | Exists(open_tasks)).only(
        "pk", "name", "short_name").order_by("name")


def filter_communiques(user: User | None = None) -> QuerySet:
    """Published communiqués, newest first: what the list's communiqué filter offers. A unit's staff see
    only those that gave their unit a task (the others are not theirs to know about)."""
    Communique = _communique_model()
    qs = Communique.objects.filter(state=Communique.State.PUBLISHED)
    if user is not None and not policy.can_view_all(user):
        mine = TaskAssignment.objects.filter(task__directive__communique=OuterRef("pk"), unit_id=user.unit_id)
        qs = qs.filter(Exists(mine))
    return qs.only("pk", "number", "meeting_date", "issue_date").order_by(*_BY_DATE)


def communique_label(communique) -> str:
    """How the filter names a communiqué: "15-TB/TU (01/07/2025)"; `communiques_named` reads it back."""
    date_ = communique.date
    return communique.label + (f" ({date_:%d/%m/%Y})" if communique.number and date_ else "")


SUGGESTIONS = 20
_LABEL = re.compile(r"^(?P<number>.*\S)\s*\((?P<date>\d{2}/\d{2}/\d{4})\)$")


def communique_suggestions(user: User, text: str) -> list[dict]:
    """At most SUGGESTIONS of the user's `filter_communiques`, newest first: those whose number holds
    the typed text, then those whose folded number, title or text holds its words."""
    text = text.strip()[:100]
    qs = filter_communiques(user).only("pk", "number", "title", "meeting_date", "issue_date")
    found = list(qs.filter(number__icontains=text)[:SUGGESTIONS]) if text else list(qs[:SUGGESTIONS])
    if text and len(found) < SUGGESTIONS:
        found += text_search(qs.exclude(pk__in=[c.pk for c in found]), text)[:SUGGESTIONS - len(found)]
    return [{"id": c.pk, "label": communique_label(c), "title": c.title[:120]} for c in found]


def communiques_named(user: User, value: str) -> QuerySet:
    """The user's communiqués a typed filter value names: an id (links, the autocomplete), a label
    ("15-TB/TU (01/07/2025)") or a number, whole or its beginning ("15-TB" → 15-TB/TU of every year)."""
    value = value.strip()
    qs = filter_communiques(user)
    if value.isdigit():
        return qs.filter(pk=int(value))
    label = _LABEL.match(value)
    if label:
        day, month, year = (int(x) for x in label["date"].split("/"))
        try:
            when = date(year, month, day)
        except ValueError:
            return qs.none()
        return qs.filter(number__iexact=label["number"]).filter(
            Q(meeting_date=when) | Q(meeting_date__isnull=True, issue_date=when))
    return qs.filter(number__istartswith=value) if value else qs.none()


def source_excerpt(directive, radius: int = 200) -> dict | None:
    """The directive's sentence inside ~2×radius characters of its communiqué, cut at spaces.

    Shown so a unit reads the order in context (heading, deadline inherited from above).
    """
    if directive is None or directive.start is None or directive.end is None:
        return None
    text = directive.communique.text
    start, end = directive.start, directive.end
    if not (0 <= start < end <= len(text)):
        return None
    lo, hi = max(0, start - radius), min(len(text), end + radius)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return {
        "before": text[lo:start], "sentence": text[start:end], "after": text[end:hi],
        "cut_before": lo > 0, "cut_after": hi < len(text),
    }


def task_history(task: Task) -> list[dict]:
    """The task's history, newest first, each entry with what changed (field, old, new) in words."""
    records = list(task.history.select_related("history_user").order_by("history_date", "history_id"))
    unit_ids, user_ids = set(), set()
    deltas = []
    for previous, record in zip([None, *records], records):
        changes = record.diff_against(previous).changes if previous is not None else []
        deltas.append((record, changes))
        for change in changes:
            if change.field in ("lead_unit", "report_to"):
                unit_ids |= {change.old, change.new}
            elif change.field == "assignee":
                user_ids |= {change.old, change.new}
    units = dict(Unit.objects.filter(pk__in=unit_ids - {None}).values_list("pk", "name")) if unit_ids else {}
    users = {u.pk: u.get_full_name() or u.username for u in User.objects.filter(pk__in=user_ids - {None})} \
        if user_ids else {}

    def show(field: str, value) -> str:
        if value in (None, ""):
            return "–"
        if field in ("lead_unit", "report_to"):
            return units.get(value, f"#{value}")
        if field == "assignee":
            return users.get(value, f"#{value}")
        if field == "status":
            return Status(value).label if value in Status.values else value
        if field == "recurrence":
            return Task.Recurrence(value).label if value in Task.Recurrence.values else value
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        if field == "progress":
            return f"{value}%"
        return str(value)

    entries = []
    for record, changes in reversed(deltas):
        entries.append({
            "record": record,
            "user": record.history_user,
            "when": record.history_date,
            "reason": record.history_change_reason or record.get_history_type_display(),
            "changes": [
                {"field": Task._meta.get_field(c.field).verbose_name, "old": show(c.field, c.old),
                 "new": show(c.field, c.new)}
                for c in changes
            ],
        })
    return entries


TASK_PAGE_RELATED = ("directive__communique",)  # what `access.get_task` reads with the task for `task_page`


def task_page(task: Task, today: date | None = None) -> dict:
    """Everything the task page shows besides the forms, in a fixed number of queries.

    The task's directive and communiqué come with it when read with TASK_PAGE_RELATED; its assignments are read
    once, into the task's prefetch cache, where `policy.role_in` and the correction form find them too."""
    today = today or local_today()
    directive = None
    if task.directive_id:
        directive = task.directive if Task.directive.is_cached(task) else (
            Task.directive.field.related_model.objects.select_related("communique").get(pk=task.directive_id))
    extensions = list(task.extensions.select_related("requested_by", "decided_by"))
    prefetch_related_objects([task], Prefetch("assignments", queryset=TaskAssignment.objects.select_related(
        "unit").order_by("role", "unit__name")))
    return {
        "today": today,
        "timeliness": timeliness_of(task.status, task.due_date, task.completed_on, today),
        "directive": directive,
        "excerpt": source_excerpt(directive),
        "assignments": list(task.assignments.all()),
        "reports": list(task.reports.select_related("author", "author__unit")),
        "extensions": extensions,
        "pending_extension": next((e for e in extensions if e.state == ExtensionRequest.State.PENDING), None),
        "history": task_history(task),
    }
