"""The task list's filters. Every filter is a WHERE clause on Task; no widget lists tasks."""
import copy

import django_filters
from django import forms
from django.conf import settings
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language

from . import policy, selectors, stamps
from .models import TIER_KINDS, Task, TaskAssignment, Tier, Timeliness
from .statements import Statements
from .widgets import FastDateRangeWidget, FastSelect, PrebuiltSelect, options_html

SELECT = {"class": "form-select form-select-sm"}


class TaskOrderingFilter(django_filters.OrderingFilter):
    """Vietnamese labels, and the id as tie-breaker so pages never shuffle rows between them."""

    descending_fmt = "%s (giảm dần)"

    def get_ordering_value(self, param):
        """Tasks without a deadline sort last either way, as PostgreSQL does and SQLite does not."""
        field = super().get_ordering_value(param)
        if field.lstrip("-") == "due_date":
            expression = F("due_date")
            return expression.desc(nulls_last=True) if field.startswith("-") else expression.asc(nulls_last=True)
        return field

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "pk")
        return qs


ALL = "Tất cả"


def _unit_options() -> tuple[list, str]:
    """The unit filter's (id, name) choices and their `<option>`s, "all" first."""
    choices = list(selectors.lead_units().values_list("pk", "name"))
    return choices, options_html([("", ALL), *choices])


# Built once per process and directory change (tracker.stamps), not on every list page.
UNIT_OPTIONS = stamps.Cached(stamps.UNIT_OPTIONS, _unit_options)


def _unit_choices():
    return UNIT_OPTIONS.get()[0]


class CommuniqueInput(forms.TextInput):
    """A typed communiqué (number, "15-TB/TU (01/07/2025)", or an id from a link), suggested as one types by
    static/js/communique_filter.js from `tracker:communique_suggestions`: the archive's communiqués are
    never all rendered. An id shows as its label, looked up among those the user may see."""

    def __init__(self, user=None, attrs=None):
        super().__init__(attrs)
        self.user = user

    def format_value(self, value):
        value = super().format_value(value)
        if value and str(value).strip().isdigit() and self.user is not None:
            found = selectors.communiques_named(self.user, str(value)).first()
            return selectors.communique_label(found) if found else value
        return value


class SharedFields(dict):
    """A form class's fields that each form uses as they are: Django deep-copies `base_fields` for every
    form so that one may change its own; the list's forms change none (`TaskFilterSet.get_form_class`)."""

    def __deepcopy__(self, memo):
        return dict(self)


class OwnFilters(dict):
    """A filter set's filters, each set's own (its `parent`, the model) without copying what they hold: django-filter
    deep-copies every filter, its field, widget and choices, for every set (~0.2 ms a list page); none changes them."""

    def __deepcopy__(self, memo):
        filters = {}
        for name, base in self.items():
            own = filters[name] = copy.copy(base)
            if base.method is not None:
                own.method = base.method  # a FilterMethod of its own, which calls this copy's parent
        return filters


def _set_up(fields: dict, *, suggest: bool) -> None:
    """The list's widgets: fast selects (the unit filter's options prebuilt), dd/mm/yyyy dates, suggestions."""
    if suggest:
        fields["communique"].widget.attrs["data-suggest"] = reverse("tracker:communique_suggestions")
    for name, field in fields.items():
        if name == "unit":
            field.widget = PrebuiltSelect(lambda: UNIT_OPTIONS.get()[1], attrs={**field.widget.attrs, **SELECT})
        elif type(field.widget) is forms.Select:  # the ordering field's CSV widget stays as it is
            fast = FastSelect(attrs={**field.widget.attrs, **SELECT})
            fast.choices = field.widget.choices
            field.widget = fast
        elif isinstance(field.widget, forms.Select):
            field.widget.attrs.update(SELECT)
    due = fields["due"]
    for field in due.fields:
        field.input_formats = settings.DATE_INPUT_FORMATS
        field.error_messages["invalid"] = "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy."
    for widget in due.widget.widgets:
        widget.format = "%d/%m/%Y"


_FORM_CLASSES: dict[str, type] = {}  # "office", "unit", "schema": which filters the set keeps
_FORM_HTML = Statements(size=64)  # the list's filter forms a process keeps written (`TaskFilterSet.form_html`)


class TaskFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Tìm kiếm", method="filter_text",
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "type": "search",
                                       "placeholder": "Nội dung, đơn vị, số thông báo…"}),
    )
    status = django_filters.ChoiceFilter(label="Trạng thái", choices=Task.Status.choices, empty_label="Tất cả")
    timeliness = django_filters.ChoiceFilter(label="Tiến độ thời hạn", choices=Timeliness.choices,
                                             empty_label="Tất cả", method="filter_timeliness")
    # Choices as (id, label) pairs, not model instances: a few hundred units render in ~1 ms.
    unit = django_filters.ChoiceFilter(label="Đơn vị chủ trì", field_name="lead_unit_id",
                                            choices=_unit_choices, empty_label=ALL, method="filter_unit")
    tier = django_filters.ChoiceFilter(label="Cấp đơn vị", choices=Tier.choices, empty_label="Tất cả",
                                       method="filter_tier")
    role = django_filters.ChoiceFilter(label="Vai trò của đơn vị", choices=TaskAssignment.Role.choices,
                                       empty_label="Tất cả", method="filter_role")
    communique = django_filters.CharFilter(
        label="Thông báo", method="filter_communique",
        widget=CommuniqueInput(attrs={"class": "form-control form-control-sm", "list": "communique-options",
                                      "autocomplete": "off", "placeholder": "Số thông báo, vd. 15-TB/TU"}))
    due = django_filters.DateFromToRangeFilter(
        label="Hạn từ – đến", field_name="due_date",
        widget=FastDateRangeWidget(attrs={"class": "form-control form-control-sm", "placeholder": "dd/mm/yyyy"}),
    )
    sort = TaskOrderingFilter(
        label="Sắp xếp",
        fields=(("due_date", "due"), ("status", "status"), ("lead_unit__name", "unit"), ("created_at", "created")),
        field_labels={"due_date": "Hạn", "status": "Trạng thái", "lead_unit__name": "Đơn vị",
                      "created_at": "Ngày giao"},
        empty_label="Mặc định (hạn gần nhất)",
    )

    class Meta:
        model = Task
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        # The office and leadership choose among units; a unit's staff only ever see
        # their own unit's tasks, so for them the question is whether they lead or support.
        # Without a request (the OpenAPI schema) both are described.
        if user is not None and policy.can_view_all(user):
            del self.filters["role"]
            self._form_key = "office"
        elif request is not None:
            del self.filters["unit"], self.filters["tier"]
            self._form_key = "unit"
        else:
            self._form_key = "schema"
        # The one field of this request's own: the communiqué input looks its label up among the user's.
        communique = self.form.fields["communique"] = copy.copy(self.form.fields["communique"])
        communique.widget = copy.copy(communique.widget)
        communique.widget.user = user

    def get_form_class(self):
        """The form of this set of filters, built and set up once per process: its fields and widgets are
        shared, read-only, by every form of the set (they were deep-copied twice per request, ~1 ms)."""
        form_class = _FORM_CLASSES.get(self._form_key)
        if form_class is None:
            form_class = super().get_form_class()
            _set_up(form_class.base_fields, suggest=self._form_key != "schema")
            form_class.base_fields = SharedFields(form_class.base_fields)
            _FORM_CLASSES[self._form_key] = form_class
        return form_class

    def form_html(self) -> str:
        """The filter form (tracker/_task_filter.html), written once per process for each form kind, the values it
        is bound to and the unit options: its widgets, labels and errors read nothing else, and writing it cost ~1 ms
        of a list page. A communiqué given by id shows the label this user may see: that form is written afresh."""
        data = self.data if self.is_bound else None
        if data is not None and any(v.strip().isdigit() for v in data.getlist("communique")):
            return render_to_string("tracker/_task_filter.html", {"filter": self})
        units = UNIT_OPTIONS.get()[1] if "unit" in self.form.fields else None
        # Every parameter but the page's (which no field reads): what the widgets show and the errors come from.
        values = None if data is None else tuple(sorted((k, tuple(v)) for k, v in data.lists() if k != "page"))
        return _FORM_HTML.get((self._form_key, get_language(), get_script_prefix(), units, values),
                              lambda: render_to_string("tracker/_task_filter.html", {"filter": self}))

    def active_filters(self) -> dict:
        """The filters the user chose (sorting aside), from a valid form; {} when none."""
        if not self.is_bound or not self.form.is_valid():
            return {}
        filters = {k: v for k, v in self.form.cleaned_data.items() if k != "sort" and v not in (None, "", [])}
        if filters.get("due") is not None and not (filters["due"].start or filters["due"].stop):
            del filters["due"]
        return filters

    def counts(self, today) -> dict[str, int]:
        """Per-bucket counts and the total of `qs`: the unfiltered list's from the tally and the open
        ranges (`selectors.user_list_counts`), a filtered one's by range, a search's in one pass."""
        filters = self.active_filters()
        if not self.is_bound or (self.form.is_valid() and not filters):
            return selectors.user_list_counts(self.request.user, today)
        return selectors.list_counts(self.qs, today, by_range=not filters.get("q"))

    @cached_property
    def unit_supports(self) -> list[int] | None:
        """`selectors.sparse_supports` of a unit's user, read once for the rows."""
        user = getattr(self.request, "user", None)
        return selectors.sparse_supports(user) if user is not None and policy.sees_own_unit_only(user) else None

    @cached_property
    def unit_parts(self) -> list | None:
        """`selectors.unit_branches` of the user (its supports as `unit_supports` read them)."""
        user = getattr(self.request, "user", None)
        return selectors.unit_branches(user, self.unit_supports) if user is not None else None

    def branches(self) -> list | None:
        """A unit's `selectors.unit_branches`, filtered and sorted as `qs`, for `selectors.page_rows` (which reads
        only their ids: no row annotations)."""
        branches = self.unit_parts
        if branches and self.is_bound:
            self.qs  # noqa: B018 - validates the form, as filter_queryset expects
            branches = [self.filter_queryset(branch) for branch in branches]
        return branches

    def filter_text(self, queryset, name, value):
        return selectors.search_tasks(queryset, value)

    def filter_communique(self, queryset, name, value):
        """Tasks of the communiqués the typed value names (`selectors.communiques_named`), none if it names none."""
        user = getattr(self.request, "user", None)
        if user is None:
            return queryset.filter(directive__communique_id=int(value)) if value.strip().isdigit() else queryset.none()
        return queryset.filter(directive__communique_id__in=selectors.communiques_named(user, value).values("pk"))

    def filter_unit(self, queryset, name, value):
        """A unit's tasks and those of the units merged or renamed into it."""
        return queryset.filter(lead_unit_id__in=selectors.predecessor_ids(int(value)))

    def filter_tier(self, queryset, name, value):
        return queryset.filter(lead_unit__kind__in=TIER_KINDS[value])

    def filter_timeliness(self, queryset, name, value):
        return queryset.filter(selectors.timeliness_filter(value))

    def filter_role(self, queryset, name, value):
        unit_id = getattr(getattr(self.request, "user", None), "unit_id", None)
        if value == TaskAssignment.Role.LEAD:
            return queryset.filter(lead_unit_id=unit_id)
        return queryset.exclude(lead_unit_id=unit_id)


TaskFilterSet.base_filters = OwnFilters(TaskFilterSet.base_filters)
