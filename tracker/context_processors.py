"""What every page needs to know about its user, computed once per request: `can` (tracker.policy) and the unit."""
from . import policy


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    nav = {"can": policy.for_templates(user), "nav_unit": user.unit}
    if nav["can"]["confirm"]:
        nav["nav_inbox"] = _InboxBadge(user)
    return nav


class _InboxBadge:
    """The navbar's "Việc chờ xử lý" count (one query), read when a template first shows it: the admin's
    pages and the exports render with this context too but have no navbar."""

    def __init__(self, user):
        self.user, self.total = user, None

    def __call__(self) -> int:  # a template calls a callable variable: `{% if nav_inbox %}`, `{{ nav_inbox }}`
        if self.total is None:
            from .reports.inbox import counts

            self.total = counts(self.user)["total"]
        return self.total
