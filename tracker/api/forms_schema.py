"""The page's forms are the API's validation; these helpers run them and describe them in the OpenAPI schema."""
from django import forms
from rest_framework import serializers

from .exceptions import FormInvalid

_FIELDS = {
    forms.IntegerField: serializers.IntegerField,
    forms.DateField: serializers.DateField,
    forms.FileField: serializers.FileField,
    forms.BooleanField: serializers.BooleanField,
    forms.ModelChoiceField: serializers.IntegerField,
}


def validated(form) -> dict:
    """The form's cleaned data, or a 400 with the form's own Vietnamese errors."""
    if not form.is_valid():
        raise FormInvalid(form)
    return form.cleaned_data


def form_serializer(form_class, name: str, *, choices: dict | None = None):
    """A serializer that mirrors a form's fields, for the schema only (the form validates)."""
    attrs = {}
    for field_name, field in form_class.base_fields.items():
        kwargs = {"required": field.required, "help_text": str(field.help_text or field.label or "") or None}
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            options = (choices or {}).get(field_name) or [c[0] for c in field.choices]
            attrs[field_name] = serializers.ChoiceField(choices=options, **kwargs)
            continue
        cls = next((s for f, s in _FIELDS.items() if isinstance(field, f)), serializers.CharField)
        if cls is serializers.CharField:
            kwargs["allow_blank"] = not field.required
        attrs[field_name] = cls(**kwargs)
    return type(name, (serializers.Serializer,), attrs)
