"""The list's widgets written in Python write what Django's templates write."""
from datetime import date

import pytest
from django import forms
from django_filters.widgets import DateRangeWidget

from tracker.widgets import FastDateRangeWidget, FastSelect, FastTextInput, PrebuiltSelect, options_html

ATTRS = [{}, {"class": "form-control", "placeholder": "Số \"thông\" <báo> & 'x'"}, {"type": "search", "list": "l"},
         {"autocomplete": "off", "required": True, "disabled": False, "aria-invalid": "true", "id": "id_x"}]
VALUES = [None, "", "a<b & \"c\"", 15, date(2025, 7, 1)]


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", VALUES)
def test_the_text_input_writes_what_djangos_template_writes(attrs, value):
    assert FastTextInput(attrs=attrs).render("q", value, {"id": "id_q"}) == \
        forms.TextInput(attrs=attrs).render("q", value, {"id": "id_q"})


@pytest.mark.parametrize("attrs", ATTRS[:2])
@pytest.mark.parametrize("value", [None, ["01/07/2025", None], ["x", "<y>"], slice(date(2025, 1, 1), None)])
def test_the_date_range_writes_what_django_filters_template_writes(attrs, value):
    extra = {"id": "id_due", "aria-invalid": "true"}
    assert FastDateRangeWidget(attrs=attrs).render("due", value, extra) == \
        DateRangeWidget(attrs=attrs).render("due", value, extra)


def test_a_prebuilt_select_marks_the_chosen_option_only():
    choices = [("", "Tất cả"), (1, "Ban <Tổ chức>"), (12, "Sở & ngành")]
    widget = PrebuiltSelect(lambda: options_html(choices), attrs={"class": "form-select"})
    plain = FastSelect(attrs={"class": "form-select"})
    plain.choices = choices
    for value in (None, "", 1, "12", 3):
        assert widget.render("unit", value) == plain.render("unit", value)
    html = widget.render("unit", 1)
    assert '<option value="1" selected>Ban &lt;Tổ chức&gt;</option>' in html and html.count("selected") == 1
    assert '<option value="12">' in html and '<option value="" selected>' in widget.render("unit", None)
