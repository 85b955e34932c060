"""Navigation facts every page needs (role flags), computed once per request."""


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    nav = {"nav_is_office": user.is_office, "nav_can_write": user.can_write, "nav_unit": user.unit}
    if user.is_office:
        from .reports.inbox import counts

        nav["nav_inbox"] = counts(user)["total"]
    return nav
