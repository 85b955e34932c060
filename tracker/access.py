"""The one way views and forms reach a protected object: 404 for missing and forbidden alike.

What the user may then do with it is `tracker.policy`'s question.
"""
from django.http import Http404

from . import selectors
from .models import ExtensionRequest, Task, User


def get_task(user: User, pk) -> Task:
    """A task the user may see, else 404 (another unit's task does not exist for them)."""
    try:
        return selectors.visible_tasks(user).get(pk=pk)
    except (Task.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy nhiệm vụ.") from None


def access_extension(user: User, task: Task, pk) -> ExtensionRequest:
    """An extension request of a task the user reached through `get_task`, else 404."""
    try:
        return task.extensions.get(pk=pk)
    except (ExtensionRequest.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đề nghị gia hạn.") from None
