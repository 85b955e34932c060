"""Date hierarchies that answer a hostile date with the admin's "bad filter" page, not a server error."""
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


class DateHierarchyChangeList(ChangeList):
    """Django turns a year it cannot make a date of into its "?e=1" redirect when Python says ValueError, but
    not when it says OverflowError ("?local_date__year=2147483648")."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as exc:
            raise IncorrectLookupParameters(exc) from exc


class SafeDateHierarchyMixin:
    """For a ModelAdmin with a ``date_hierarchy``."""

    def get_changelist(self, request, **kwargs):
        return DateHierarchyChangeList
