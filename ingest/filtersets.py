"""Filters for the communiqué list."""
import django_filters
from django import forms
from django.db.models import Q

from ingest.models import Communique


class YearFilter(django_filters.NumberFilter):
    """A whole year within reason: "-1", "2024.5" or forty digits are a form error, not a 500."""

    field_class = forms.IntegerField


class CommuniqueFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Tìm", method="search",
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "placeholder": "Số, trích yếu, nội dung…"}),
    )
    state = django_filters.ChoiceFilter(
        label="Trạng thái", choices=Communique.State.choices, empty_label="Tất cả",
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    year = YearFilter(
        label="Năm", field_name="meeting_date", lookup_expr="year", min_value=1945, max_value=2100,
        error_messages={"invalid": "Năm phải là một số.", "min_value": "Năm không hợp lệ.",
                        "max_value": "Năm không hợp lệ."},
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "placeholder": "Năm"}),
    )

    class Meta:
        model = Communique
        fields = ["q", "state", "year"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__icontains=value) | Q(title__icontains=value) | Q(issuer__icontains=value)
            | Q(text__icontains=value)
        )
