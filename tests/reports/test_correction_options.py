"""The correction form's unit selects, their options prebuilt once per directory change, are what the fields'
own choices would write, and follow a renamed, closed or new unit."""
import pytest
from django import forms

from tests.factories import UnitFactory
from tracker.reports.forms import CorrectionForm, MissedTaskForm
from tracker.widgets import FastSelect, FastSelectMultiple


def _as_the_fields_write_it(form, name):
    """The field rendered by its own choices (the model choice iterator), as before the options were prebuilt."""
    field = form.fields[name]
    widget = (FastSelectMultiple if isinstance(field, forms.ModelMultipleChoiceField) else FastSelect)(
        attrs=field.widget.attrs)
    widget.choices = field.choices
    return form[name].as_widget(widget=widget)


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", [CorrectionForm, MissedTaskForm])
def test_the_unit_selects_write_what_the_fields_choices_write(form_class, unit_a, unit_b):
    UnitFactory(name='Sở <Kế hoạch> & "Đầu tư"')
    UnitFactory(name="Nhóm", is_group=True)
    UnitFactory(name="Sở cũ", is_active=False)
    kwargs = {"initial": {"lead": unit_b.pk, "supports": [unit_a.pk]}} if form_class is CorrectionForm else {}
    form = form_class(prefix="correct", **kwargs)
    for name in ("lead", "supports"):
        assert str(form[name]) == _as_the_fields_write_it(form, name)
    html = str(form["lead"])
    assert "Nhóm" not in html and "Sở cũ" not in html and "&lt;Kế hoạch&gt; &amp; &quot;Đầu tư&quot;" in html


@pytest.mark.django_db
def test_the_unit_selects_follow_the_directory(unit_a):
    assert "Ban Tổ chức Tỉnh ủy" in str(CorrectionForm()["lead"])
    unit_a.name = "Ban Tổ chức Tỉnh ủy (mới)"
    unit_a.save()
    new = UnitFactory(name="Sở Nội vụ")
    form = CorrectionForm()
    assert "Ban Tổ chức Tỉnh ủy (mới)" in str(form["lead"]) and f'value="{new.pk}"' in str(form["supports"])
    assert str(form["lead"]) == _as_the_fields_write_it(form, "lead")
