"""Filters for the communiqué list."""
import django_filters
from django import forms

from ingest.models import Communique
from tracker.folding import fold


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
        """Every word, folded as task search folds it: "THIÊN TAI", "thiên tai", "thien tai", "cap uy" alike."""
        for word in fold(value).split()[:10]:
            queryset = queryset.filter(search_text__contains=word)
        return queryset
