"""The widgets and links written in Python write what Django's templates and tags write."""
import copy
from datetime import date

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django_filters.widgets import BaseCSVWidget, DateRangeWidget

from tracker.widgets import FastDateRangeWidget, FastSelect, PrebuiltSelect, options_html


class CSVSelect(BaseCSVWidget, forms.Select):
    """What django-filter makes of the ordering field's select (BaseCSVField._get_widget_class)."""


ATTRS = [{}, {"class": "form-control", "placeholder": "Số \"thông\" <báo> & 'x'"}, {"type": "search", "list": "l"},
         {"autocomplete": "off", "required": True, "disabled": False, "aria-invalid": "true", "id": "id_x"}]
VALUES = [None, "", "a<b & \"c\"", 15, date(2025, 7, 1)]


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


# The loop of template tags `count_buttons` replaced, as the list page had it.
COUNT_LOOP = """{% for bucket, n in counts %}
  <a class="btn btn-sm {% if filter.form.cleaned_data.timeliness == bucket.value %}btn-dark{% else %}btn-outline-secondary{% endif %}"
     href="{% querystring timeliness=bucket.value page=None %}" data-bucket="{{ bucket.value }}">
    <span class="badge t-{{ bucket.value }}">{{ n }}</span> {{ bucket.label }}</a>
  {% endfor %}"""


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"timeliness": "qua_han", "page": "3"}, {"q": "a&b", "due_after": "x"},
                                    {"timeliness": "nope"}])
def test_the_count_buttons_write_what_the_template_loop_wrote(rf, office_user, params):
    from django.template import engines

    from tracker.filtersets import TaskFilterSet
    from tracker.models import Timeliness

    request = rf.get("/nhiem-vu/", params)
    request.user = office_user
    filterset = TaskFilterSet(request.GET or None, request=request)
    filterset.form.is_valid()
    context = {"counts": [(b, 1234 * i) for i, b in enumerate(Timeliness)], "filter": filterset}
    engine = engines["django"]
    expected = engine.from_string(COUNT_LOOP).render(context, request)
    fast = engine.from_string("{% load tracker_tags %}{% count_buttons counts filter.form %}").render(context, request)
    assert fast == expected and "data-bucket" in fast


@pytest.mark.parametrize("query", ["", "page=3", "q=t%E1%BB%89nh+%E1%BB%A7y&sort=-due&page=2", "a=1&a=2&b=x%26y%3Dz&page=",
                                   "sort=unit&q=%3Cb%3E+%22c%22%2F%28d%29&timeliness=qua_han", "page=2&page=3&x="])
@pytest.mark.parametrize("changes", [{"sort": "unit", "page": None}, {"page": 1}, {"page": 12}, {"timeliness": "qua_han",
                                     "page": None}, {"nope": None}, {"a": "ý &"}])
def test_the_list_links_write_what_djangos_querystring_writes(rf, query, changes):
    from django.template import Context
    from django.template.defaulttags import querystring

    from tracker.templatetags.tracker_tags import changed_query

    request = rf.get("/nhiem-vu/?" + query)
    context = Context()
    context.request = request
    assert changed_query(request.GET, **changes) == querystring(context, **changes)


def _widgets():
    from django.contrib.admin import widgets as admin_widgets

    groups = [("", "Tất cả"), ("Nhóm <a>", [(1, "Một & hai"), (2, mark_safe("<b>đậm</b>"))]), (3, 'Ba "c"')]
    return [forms.TextInput(), forms.NumberInput(), forms.EmailInput(), forms.URLInput(), forms.HiddenInput(),
            forms.PasswordInput(render_value=True), forms.DateInput(format="%d/%m/%Y"), forms.DateTimeInput(),
            forms.TimeInput(), forms.CheckboxInput(), forms.FileInput(), forms.Textarea(attrs={"rows": 3}),
            forms.Select(choices=groups), forms.SelectMultiple(choices=groups), forms.NullBooleanSelect(),
            forms.ClearableFileInput(), forms.RadioSelect(choices=groups), CSVSelect(choices=groups),
            forms.SplitDateTimeWidget(), admin_widgets.AdminTextInputWidget(), admin_widgets.AdminDateWidget()]


@pytest.mark.parametrize("widget", _widgets(), ids=lambda w: type(w).__name__)
@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", [*VALUES, mark_safe("<i>an toàn</i>"), True, False, 1, ["1", 3], "2"])
def test_the_form_renderer_writes_what_djangos_templates_write(widget, attrs, value):
    from django.forms.renderers import DjangoTemplates

    from tracker.widgets import FastRenderer

    widget = copy.deepcopy(widget)  # the parameters' widgets are shared by every case
    widget.attrs.update(attrs)

    def rendered(renderer):
        try:
            return widget.render("f", value, {"id": "id_f"}, renderer=renderer)
        except (AttributeError, TypeError, ValueError) as exc:  # a value this widget cannot show, either way
            return type(exc)

    assert rendered(FastRenderer()) == rendered(DjangoTemplates())


def test_the_project_renders_forms_with_the_fast_renderer():
    from django.forms.renderers import get_default_renderer

    from tracker.widgets import FastRenderer

    assert isinstance(get_default_renderer(), FastRenderer)
