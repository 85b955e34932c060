"""Form widgets for long option lists."""
import html

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A select rendered in Python: Django's per-option templates cost ~10 ms for a few hundred units."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        # The standard library's escape (what Django's wraps): hundreds of options, no lazy checks.
        options = "".join(
            f'<option value="{html.escape(str(v))}"{" selected" if str(v) in selected else ""}>'
            f'{html.escape(str(label))}</option>'
            for v, label in ((("" if v is None else v), label) for v, label in self.choices)
        )
        return mark_safe(f"<select{flatatt(final_attrs)}>{options}</select>")


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    """`FastSelect` for several values (the units supporting a task)."""

    allow_multiple_selected = True
