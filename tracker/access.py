"""The one way views and forms reach a protected object: 404 for missing and forbidden alike.

What the user may then do with it is `tracker.policy`'s question.
"""
from django.http import Http404

from . import policy, selectors
from .models import ExtensionRequest, Task, User


def get_task(user: User, pk, related: tuple[str, ...] = ()) -> Task:
    """A task the user may see, else 404 (another unit's task does not exist for them); `related` read with it
    (`select_related`: the task page's directive and communiqué, one statement fewer)."""
    try:
        return selectors.visible_tasks(user).select_related(*related).get(pk=pk)
    except (Task.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy nhiệm vụ.") from None


def access_extension(user: User, task: Task, pk) -> ExtensionRequest:
    """An extension request of a task the user reached through `get_task`, else 404."""
    try:
        return task.extensions.get(pk=pk)
    except (ExtensionRequest.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đề nghị gia hạn.") from None


def get_writable_task(user: User, pk, check=None) -> Task:
    """The task (404 if not visible), then 403 unless the user may write and passes `check(user, task)`."""
    task = get_task(user, pk)
    policy.require(policy.can_write(user))
    if check is not None:
        policy.require(check(user, task))
    return task


def get_report(user: User, pk):
    """A progress report of a task the user may see, else 404 (its attachment follows the same rule)."""
    from .models import ProgressReport

    task_id = ProgressReport.objects.filter(pk=pk).values_list("task_id", flat=True).first()
    if task_id is None:
        raise Http404("Không tìm thấy báo cáo.")
    return get_task(user, task_id).reports.select_related("author").get(pk=pk)
