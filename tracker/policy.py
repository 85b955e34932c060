"""Who may do what: the role ladder, and the one set of checks every door asks.

Selectors scope querysets with it, services refuse with it, views pick forms with it,
templates read it (`tracker.context_processors.navigation` puts `can` in every page).

The ladder, top down: the office (sees every unit, writes, imports and reviews
communiqués, publishes them, confirms completions and decides extensions);
leadership viewers (see every unit, change nothing); a unit's head and staff
(see and report on their own unit's tasks). A superuser stands with the office.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied

from .models import Task, TaskAssignment, User

Role = User.Role

VIEW_ALL = "view_all"  # every unit's tasks, not only one's own
WRITE = "write"  # change anything at all
REVIEW = "review"  # import communiqués and correct their proposals
PUBLISH = "publish"  # turn a reviewed communiqué into tasks
CONFIRM = "confirm"  # confirm completions, decide extensions, change status, due dates and leads

LADDER: dict[str, frozenset[str]] = {
    Role.OFFICE: frozenset({VIEW_ALL, WRITE, REVIEW, PUBLISH, CONFIRM}),
    Role.VIEWER: frozenset({VIEW_ALL}),
    Role.UNIT_HEAD: frozenset({WRITE}),
    Role.UNIT_STAFF: frozenset({WRITE}),
}
NOTHING: frozenset[str] = frozenset()


def rights(user) -> frozenset[str]:
    """What the user's rung allows; nothing for an anonymous user."""
    if user is None or not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return LADDER[Role.OFFICE]
    return LADDER.get(user.role, NOTHING)


def can_view_all(user) -> bool:
    """Every unit's tasks (the office and leadership); others see their own unit's."""
    return VIEW_ALL in rights(user)


def sees_own_unit_only(user) -> bool:
    """A unit's user: its own unit's tasks and no other's (the lists read its led and supported parts)."""
    return bool(user.is_authenticated and user.unit_id and not can_view_all(user))


def can_view(user) -> bool:
    """Anything at all: every unit, or a unit of one's own."""
    return can_view_all(user) or bool(rights(user) and user.unit_id)


def can_write(user) -> bool:
    return WRITE in rights(user)


def can_review(user) -> bool:
    return REVIEW in rights(user)


def can_publish(user) -> bool:
    return PUBLISH in rights(user)


def can_confirm(user) -> bool:
    return CONFIRM in rights(user)


def role_in(user, task: Task) -> str | None:
    """The user's unit's role on the task: lead, support, or None."""
    if not user.unit_id:
        return None
    if task.lead_unit_id == user.unit_id:
        return TaskAssignment.Role.LEAD
    # All of the task's few assignments: the task page has them prefetched already (`selectors.task_page`).
    return next((a.role for a in task.assignments.all() if a.unit_id == user.unit_id), None)


def can_report(user, task: Task) -> bool:
    """Progress reports: the office, or staff of a unit on the task."""
    if not can_write(user):
        return False
    return can_confirm(user) or role_in(user, task) is not None


def can_act_as_lead(user, task: Task) -> bool:
    """Marking done and asking for more time: the office or the lead unit's staff."""
    if not can_write(user):
        return False
    return can_confirm(user) or role_in(user, task) == TaskAssignment.Role.LEAD


def for_templates(user) -> dict[str, bool]:
    """The checks a page shows or hides things by: `{% if can.review %}`."""
    return {"view_all": can_view_all(user), "write": can_write(user), "review": can_review(user),
            "publish": can_publish(user), "confirm": can_confirm(user)}


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
