"""The task list's filters. Every filter is a WHERE clause on Task; no widget lists tasks."""
import django_filters
from django import forms
from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils.functional import cached_property

from . import policy, selectors
from .models import TIER_KINDS, Task, TaskAssignment, Tier, Timeliness
from .widgets import FastSelect

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


def _unit_choices():
    return list(selectors.lead_units().values_list("pk", "name"))


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
                                            choices=_unit_choices, empty_label="Tất cả", method="filter_unit")
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
        widget=django_filters.widgets.DateRangeWidget(attrs={"class": "form-control form-control-sm",
                                                             "placeholder": "dd/mm/yyyy"}),
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
        elif request is not None:
            del self.filters["unit"], self.filters["tier"]
        communique = self.form.fields["communique"].widget
        communique.user = user
        if request is not None:
            communique.attrs["data-suggest"] = reverse("tracker:communique_suggestions")
        for field in self.form.fields.values():
            if type(field.widget) is forms.Select:  # the ordering field's CSV widget stays as it is
                fast = FastSelect(attrs={**field.widget.attrs, **SELECT})
                fast.choices = field.widget.choices
                field.widget = fast
            elif isinstance(field.widget, forms.Select):
                field.widget.attrs.update(SELECT)
        due = self.form.fields["due"]
        for field in due.fields:
            field.input_formats = settings.DATE_INPUT_FORMATS
            field.error_messages["invalid"] = "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy."
        for widget in due.widget.widgets:
            widget.format = "%d/%m/%Y"

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
            return selectors.user_list_counts(self.request.user, today, self.unit_parts)
        return selectors.list_counts(self.qs, today, by_range=not filters.get("q"))

    @cached_property
    def unit_parts(self) -> list | None:
        """`selectors.unit_branches` of the user, read once for the counts and the rows (its support ids)."""
        user = getattr(self.request, "user", None)
        return selectors.unit_branches(user) if user is not None else None

    def branches(self, today) -> list | None:
        """A unit's `selectors.task_list_branches`, filtered and sorted as `qs`, for `selectors.page_rows`."""
        user = getattr(self.request, "user", None)
        branches = selectors.task_list_branches(user, today, self.unit_parts) if user is not None else None
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
