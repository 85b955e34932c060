"""Reads for reminders: effective policies, who receives a unit's mail, and what a message lists.

Timeliness comes from tracker.selectors (`timeliness_of`); this module only
decides which tasks a reminder concerns and to whom it goes.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Max, Min, Q
from django.utils import timezone

from tracker.models import (
    OutboxMessage, ReminderItem, ReminderPolicy, ReminderSweep, Task, TaskAssignment, Timeliness, Unit,
    UnitReminderPolicy, User,
)
from tracker.selectors import days_late, timeliness_of, visible_tasks

Status = Task.Status


@dataclass(frozen=True)
class Policy:
    enabled: bool
    days_before: tuple[int, ...]
    overdue_every: int
    escalate_after: int
    escalate_every: int


@dataclass
class PolicyGroup:
    """Units sharing one effective policy; `unit_ids` None means "every unit without an override"."""

    policy: Policy
    unit_ids: list[int] | None
    excluded_ids: list[int] = field(default_factory=list)


def default_policy() -> ReminderPolicy:
    return ReminderPolicy.load()


def policy_groups(base: ReminderPolicy | None = None) -> list[PolicyGroup]:
    """The office default (for every unit without an override) and one group per distinct override."""
    base = base or default_policy()
    default = Policy(base.enabled, tuple(base.days_before_list), base.overdue_every_days,
                     base.escalate_after_days, base.escalate_every_days)
    overrides: dict[Policy, list[int]] = defaultdict(list)
    for o in UnitReminderPolicy.objects.all():
        policy = Policy(
            enabled=base.enabled and o.enabled,
            days_before=tuple(o.days_before_list) if o.days_before else default.days_before,
            overdue_every=default.overdue_every if o.overdue_every_days is None else o.overdue_every_days,
            escalate_after=default.escalate_after if o.escalate_after_days is None else o.escalate_after_days,
            escalate_every=default.escalate_every if o.escalate_every_days is None else o.escalate_every_days,
        )
        overrides[policy].append(o.unit_id)
    excluded = [uid for ids in overrides.values() for uid in ids]
    groups = [PolicyGroup(default, None, excluded)]
    groups += [PolicyGroup(policy, ids) for policy, ids in overrides.items()]
    return groups


@dataclass
class Recipient:
    email: str
    unit_ids: set[int] = field(default_factory=set)
    user_ids: set[int] = field(default_factory=set)
    unit_address: bool = False  # the address is a unit's own (or the office's): sees the units' tasks

    @property
    def user_id(self) -> int | None:
        """The one user the address belongs to, when it is a person's and not a unit's."""
        if self.unit_address or len(self.user_ids) != 1:
            return None
        return next(iter(self.user_ids))


def unit_recipients(unit_ids, *, office_fallback: bool = False) -> dict[str, Recipient]:
    """Each unit's own address (always) and its staff who did not opt out, grouped by address.

    With `office_fallback`, units nobody can be written to are given to the office address,
    so the clerk sees whom to phone.
    """
    unit_ids = set(unit_ids)
    recipients: dict[str, Recipient] = {}

    def add(email: str) -> Recipient:
        key = email.strip().lower()
        return recipients.setdefault(key, Recipient(key))

    reached: set[int] = set()
    for uid, email in Unit.objects.filter(pk__in=unit_ids).exclude(email="").values_list("pk", "email"):
        r = add(email)
        r.unit_ids.add(uid)
        r.unit_address = True
        reached.add(uid)
    users = (User.objects.filter(unit_id__in=unit_ids, is_active=True, email_reminders=True)
             .exclude(email="").exclude(role=User.Role.VIEWER).values_list("pk", "email", "unit_id"))
    for pk, email, uid in users:
        r = add(email)
        r.unit_ids.add(uid)
        r.user_ids.add(pk)
        reached.add(uid)
    missing = unit_ids - reached
    if office_fallback and missing and settings.OFFICE_EMAIL:
        r = add(settings.OFFICE_EMAIL)
        r.unit_ids |= missing
        r.unit_address = True
    return recipients


def escalation_address(unit: Unit) -> tuple[str, str]:
    """(to, cc): the unit's head, else the unit, else the office; the office in copy."""
    office = (settings.OFFICE_EMAIL or "").strip().lower()
    to = (unit.head_email or unit.email or office).strip().lower()
    cc = office if office and office != to else ""
    return to, cc


# --- What one message lists -------------------------------------------------------

@dataclass
class Line:
    """One task in an email, with how it stands on the message's date."""

    task: Task
    role: str
    unit: Unit | None
    timeliness: str
    days: int  # days until the deadline; negative when overdue

    @property
    def days_late(self) -> int:
        return -self.days

    @property
    def url(self) -> str:
        return task_url(self.task)

    @property
    def standing(self) -> str:
        """How the task stands on the message's date, in words."""
        if self.task.status not in Task.OPEN_STATUSES:
            return self.task.get_status_display()
        if self.task.due_date is None:
            return "Không thời hạn"
        if self.timeliness == Timeliness.OVERDUE:
            return f"Quá hạn {self.days_late} ngày"
        if self.days == 0:
            return "Đến hạn hôm nay"
        if self.days > 0:
            return f"Còn {self.days} ngày"
        return ""


def task_url(task: Task) -> str:
    return f"{settings.SITE_URL}/nhiem-vu/{task.pk}/"


def _line(task: Task, role: str, unit: Unit | None, on: date) -> Line:
    bucket = timeliness_of(task.status, task.due_date, task.completed_on, on)
    days = -days_late(task.due_date, on) if task.due_date else 0
    return Line(task, role, unit, bucket, days)


def _message_units(message: OutboxMessage) -> list[int]:
    return list(message.unit_ids or ([message.unit_id] if message.unit_id else []))


def _visible_filter(message: OutboxMessage, task_ids) -> set[int]:
    """The subset of task ids the message's recipient may see.

    A person's address: what `visible_tasks` lets that user see now. A unit's address:
    the tasks assigned to the unit(s) it is written for.
    """
    task_ids = set(task_ids)
    if message.user_id:
        user = message.user
        if user is None or not user.is_active:
            return set()
        return set(visible_tasks(user).filter(pk__in=task_ids).values_list("pk", flat=True))
    units = _message_units(message)
    if not units:
        return set()
    return set(TaskAssignment.objects.filter(task_id__in=task_ids, unit_id__in=units)
               .values_list("task_id", flat=True))


def item_lines(message: OutboxMessage, kind: str) -> list[Line]:
    """The tasks of a sweep message still worth sending: open, deadline unchanged since the sweep, visible."""
    unit_ids = _message_units(message)
    items = (ReminderItem.objects.filter(local_date=message.local_date, kind=kind, unit_id__in=unit_ids)
             .select_related("task__lead_unit", "unit").order_by("task__due_date", "task_id", "role"))
    seen: dict[int, ReminderItem] = {}
    for item in items:
        task = item.task
        if task.status not in Task.OPEN_STATUSES or task.due_date != item.due_date:
            continue  # done, cancelled or given a new deadline since the sweep
        if item.task_id not in seen or item.role == "lead":
            seen[item.task_id] = item
    allowed = _visible_filter(message, seen)
    return [_line(i.task, i.role, i.unit, message.local_date) for tid, i in seen.items() if tid in allowed]


def digest_groups(lines: list[Line], on: date) -> dict[str, list[Line]]:
    groups = {"overdue": [], "today": [], "soon": []}
    for line in lines:
        if line.timeliness == Timeliness.OVERDUE:
            groups["overdue"].append(line)
        elif line.task.due_date == on:
            groups["today"].append(line)
        else:
            groups["soon"].append(line)
    groups["overdue"].sort(key=lambda ln: (ln.task.due_date, ln.task.pk))
    return groups


def task_lines(message: OutboxMessage, task_ids, *, open_only: bool = True) -> list[Line]:
    """Lines for event messages: the given tasks, restricted to what the recipient may see."""
    qs = Task.objects.filter(pk__in=list(task_ids)).select_related("lead_unit").order_by("due_date", "pk")
    if open_only:
        qs = qs.filter(status__in=Task.OPEN_STATUSES)
    tasks = list(qs)
    allowed = _visible_filter(message, [t.pk for t in tasks])
    roles = dict(TaskAssignment.objects.filter(task_id__in=allowed, unit_id__in=_message_units(message))
                 .values_list("task_id", "role"))
    return [_line(t, roles.get(t.pk, "lead"), None, message.local_date) for t in tasks if t.pk in allowed]


def office_lines(message: OutboxMessage, task_ids) -> list[Line]:
    """Lines for the office's own report (its address sees every unit): the given tasks still open."""
    tasks = Task.objects.filter(pk__in=list(task_ids), status__in=Task.OPEN_STATUSES).select_related(
        "lead_unit").order_by("due_date", "pk")
    return [_line(t, "lead", None, message.local_date) for t in tasks]


def claimable(now) -> Q:
    """Rows a sender may take: pending and due, or claimed by a sender whose lease ran out."""
    S = OutboxMessage.State
    return Q(state=S.PENDING, next_attempt_at__lte=now) | Q(state=S.SENDING, claimed_until__lt=now)


def next_retry_in(now=None) -> float | None:
    """Seconds until the earliest pending retry, if any."""
    now = now or timezone.now()
    first = OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING).aggregate(m=Min("next_attempt_at"))["m"]
    if first is None:
        return None
    return max((first - now).total_seconds(), 0.0)


def has_claimable(now=None) -> bool:
    return OutboxMessage.objects.filter(claimable(now or timezone.now())).exists()


def is_swept(day: date) -> bool:
    return ReminderSweep.objects.filter(covers_from__lte=day, local_date__gte=day).exists()


def catch_up_start(day: date, catch_up_days: int) -> date:
    """The first day a sweep of `day` covers: the day after the last sweep, at most `catch_up_days` back."""
    last = ReminderSweep.objects.filter(local_date__lt=day).aggregate(m=Max("local_date"))["m"]
    if last is None:
        return day
    return max(last + timedelta(days=1), day - timedelta(days=catch_up_days))
