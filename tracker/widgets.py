"""Form widgets for long option lists, and the form renderer that writes the common widgets in Python."""
import html

from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django_filters.widgets import DateRangeWidget


def options_html(choices) -> str:
    """`<option>`s of (value, label) pairs, none selected (`FastSelect` marks the selected ones).

    The standard library's escape (what Django's wraps): hundreds of options, no lazy checks.
    """
    return "".join(f'<option value="{html.escape(str("" if v is None else v))}">{html.escape(str(label))}</option>'
                   for v, label in choices)


class FastSelect(forms.Select):
    """A select rendered in Python: Django's per-option templates cost ~10 ms for a few hundred units."""

    def options(self) -> str:
        return options_html(self.choices)

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        options = self.options()
        for v in {str(v) for v in self.format_value(value)}:
            plain = f'<option value="{html.escape(v)}">'
            options = options.replace(plain, plain[:-1] + " selected>")
        return mark_safe(f"<select{flatatt(final_attrs)}>{options}</select>")


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    """`FastSelect` for several values (the units supporting a task)."""

    allow_multiple_selected = True


class PrebuiltSelect(FastSelect):
    """A `FastSelect` whose options come ready-made from `options()` (a per-process cache: tracker.stamps)."""

    def __init__(self, options, attrs=None):
        super().__init__(attrs)
        self.options = options


class PrebuiltSelectMultiple(PrebuiltSelect, FastSelectMultiple):
    """`PrebuiltSelect` for several values."""


def _text(value) -> str:
    """`{{ value|stringformat:'s' }}`: escaped unless already safe (the filter keeps safe text safe)."""
    return str(value) if isinstance(value, SafeData) else html.escape(str(value))


def _attrs_html(attrs: dict) -> str:
    """Attributes as Django's attrs.html writes them: in order, True bare, False left out."""
    return "".join(f" {conditional_escape(k)}" if v is True else f' {conditional_escape(k)}="{_text(v)}"'
                   for k, v in attrs.items() if v is not False)


def input_html(widget: dict) -> str:
    """An `<input>` from a widget's context, exactly as Django's input.html and attrs.html write it."""
    value = widget["value"]
    value = "" if value is None else f' value="{_text(value)}"'
    return (f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
            f'{value}{_attrs_html(widget["attrs"])}>')


def textarea_html(widget: dict) -> str:
    """A `<textarea>` from a widget's context, exactly as Django's textarea.html writes it."""
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{conditional_escape(widget["name"])}"{_attrs_html(widget["attrs"])}>\n{value}</textarea>'


def select_html(widget: dict) -> str:
    """A `<select>` from a widget's context, exactly as Django's select.html and select_option.html write it."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs_html(widget["attrs"])}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f'\n  <optgroup label="{conditional_escape(group)}">')
        parts += [f'\n  <option value="{_text(o["value"])}"{_attrs_html(o["attrs"])}>'
                  f'{conditional_escape(o["label"])}</option>\n' for o in options]
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FastDateRangeWidget(DateRangeWidget):
    """django-filter's from–to pair of inputs, written in Python as its multiwidget.html writes them."""

    def render(self, name, value, attrs=None, renderer=None):
        first, second = self.get_context(name, value, attrs)["widget"]["subwidgets"]
        return mark_safe(f"{input_html(first)}\n\n-{input_html(second)}")


_WIDGETS = "django/forms/widgets/"
# Django's widget templates that are input.html alone (checkbox and file inputs too: their contexts say all).
_INPUTS = {f"{_WIDGETS}{kind}.html" for kind in ("checkbox", "color", "date", "datetime", "email", "file", "hidden",
                                                  "number", "password", "search", "tel", "text", "time", "url")}


class FastRenderer(DjangoTemplates):
    """Django's default form renderer (settings.FORM_RENDERER), with the inputs, textareas and selects written in
    Python exactly as their templates write them: each widget through the template engine cost ~0.3 ms, and the
    task page shows a dozen. Every other template (forms, file inputs with a current file, the admin's widgets)
    renders as Django renders it. Django's own widget templates only: an override of these in the project's
    templates would not be read. `tests/tracker/test_fast_widgets.py` holds the two byte-identical."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name in _INPUTS:
            return input_html(widget)
        if template_name == f"{_WIDGETS}textarea.html":
            return textarea_html(widget)
        if template_name == f"{_WIDGETS}select.html" and all(
                o["template_name"] == f"{_WIDGETS}select_option.html" for _g, group, _i in widget["optgroups"]
                for o in group):
            return select_html(widget)
        return super().render(template_name, context, request)
