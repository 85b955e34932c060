"""Form widgets for long option lists."""
import html

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


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
