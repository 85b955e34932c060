"""What every page needs to know about its user, computed once per request: `can` (tracker.policy) and the unit."""
from . import policy


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {"can": policy.for_templates(user), "nav_unit": user.unit}
