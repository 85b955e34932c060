"""What every page needs to know about its user, computed once per request: `can` (tracker.policy) and the unit."""
from . import policy


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    nav = {"can": policy.for_templates(user), "nav_unit": user.unit}
    if nav["can"]["confirm"]:
        from .reports.inbox import counts

        nav["nav_inbox"] = counts(user)["total"]  # one query: the navbar's "Việc chờ xử lý" badge
    return nav
