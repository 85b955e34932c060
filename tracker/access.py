"""The one way views and forms reach a task: visibility first, then the right to act."""
from django.core.exceptions import PermissionDenied
from django.http import Http404

from . import selectors
from .models import Task, TaskAssignment, User


def get_task(user: User, pk: int, *, for_update: bool = False) -> Task:
    """A task the user may see, else 404 (another unit's task does not exist for them)."""
    qs = selectors.visible_tasks(user)
    if for_update:
        qs = qs.select_for_update()
    try:
        return qs.get(pk=pk)
    except (Task.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy nhiệm vụ.") from None


def get_writable_task(user: User, pk: int, check=None) -> Task:
    """The task (404 if not visible), then 403 unless the user may write and passes `check(user, task)`."""
    task = get_task(user, pk)
    require(user.can_write)
    if check is not None:
        require(check(user, task))
    return task


def get_report(user: User, pk: int):
    """A progress report of a task the user may see, else 404 (its attachment follows the same rule)."""
    from .models import ProgressReport

    task_id = ProgressReport.objects.filter(pk=pk).values_list("task_id", flat=True).first()
    if task_id is None:
        raise Http404("Không tìm thấy báo cáo.")
    return get_task(user, task_id).reports.select_related("author").get(pk=pk)


def role_in(user: User, task: Task) -> str | None:
    """The user's unit's role on the task: lead, support, or None."""
    if not user.unit_id:
        return None
    if task.lead_unit_id == user.unit_id:
        return TaskAssignment.Role.LEAD
    assignment = task.assignments.filter(unit_id=user.unit_id).first()
    return assignment.role if assignment else None


def can_report(user: User, task: Task) -> bool:
    """Progress reports: the office, or staff of a unit on the task."""
    if not user.can_write:
        return False
    return user.is_office or role_in(user, task) is not None


def can_act_as_lead(user: User, task: Task) -> bool:
    """Marking done and asking for more time: the office or the lead unit's staff."""
    if not user.can_write:
        return False
    return user.is_office or role_in(user, task) == TaskAssignment.Role.LEAD


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
