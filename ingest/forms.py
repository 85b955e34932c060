"""Forms for importing and reviewing communiqués: they parse input; the services decide."""
from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from ingest import selectors
from ingest.models import Directive, DirectiveOwner
from ingest.services import OwnerInput

UNIT_DATALIST_ID = "unit-names"


class UnitNameField(forms.CharField):
    """A unit typed by name, short name or alias (a datalist suggests names); cleans to a Unit or None."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("widget", forms.TextInput(attrs={
            "list": UNIT_DATALIST_ID, "class": "form-control form-control-sm", "autocomplete": "off",
            "placeholder": "Gõ tên đơn vị…",
        }))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            return selectors.resolve_unit(value)
        except selectors.UnitLookupError as exc:
            raise forms.ValidationError(str(exc)) from exc


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp thông báo", required=False,
        help_text="Tệp .docx, .pdf (có lớp chữ), .html hoặc .txt.",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,.pdf,.html,.htm", "class": "form-control"}),
    )
    pasted = forms.CharField(
        label="Hoặc dán nội dung văn bản", required=False,
        widget=forms.Textarea(attrs={"rows": 14, "class": "form-control", "spellcheck": "false"}),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"Tệp quá lớn ({filesizeformat(upload.size)}); tối đa {filesizeformat(settings.IMPORT_MAX_BYTES)}.")
        return upload

    def clean(self):
        data = super().clean()
        upload, pasted = data.get("file"), (data.get("pasted") or "")
        if self.errors:
            return data
        if upload and pasted.strip():
            raise forms.ValidationError("Chỉ chọn một trong hai: tải tệp lên hoặc dán văn bản.")
        if not upload and not pasted.strip():
            raise forms.ValidationError("Hãy chọn một tệp hoặc dán nội dung thông báo.")
        return data

    def import_kwargs(self) -> dict:
        """The arguments services.import_document takes."""
        upload = self.cleaned_data.get("file")
        if upload:
            return {"data": upload.read(), "filename": upload.name, "pasted": None}
        return {"data": None, "filename": "", "pasted": self.cleaned_data["pasted"]}


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _MultipleFileField(forms.FileField):
    """Several uploads in one field (Django's documented recipe): cleans to a list."""

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else single(data, initial)


class BulkImportForm(forms.Form):
    """Several files at once; each is imported (or refused) on its own."""

    files = _MultipleFileField(
        label="Các tệp thông báo", required=True,
        help_text="Chọn nhiều tệp .docx, .pdf, .html hoặc .txt cùng lúc (giữ Ctrl hoặc Shift khi chọn).",
        widget=_MultipleFileInput(attrs={"accept": ".txt,.docx,.pdf,.html,.htm", "class": "form-control",
                                         "multiple": True}),
        error_messages={"required": "Hãy chọn ít nhất một tệp."},
    )


_ROLE_CHOICES = DirectiveOwner.Role.choices
_SMALL = {"class": "form-control form-control-sm"}
_CHECK = {"class": "form-check-input"}


class DirectiveForm(forms.Form):
    """One proposal's corrections; owner rows are built from the directive's current owners."""

    text = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 4, **_SMALL}))
    report_to = UnitNameField(label="Báo cáo về")
    # Typed as dd/mm/yyyy: a type="date" box follows the browser's locale, often mm/dd/yyyy.
    deadline = forms.DateField(
        label="Thời hạn", required=False,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={
            "placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", **_SMALL}),
    )
    deadline_phrase = forms.CharField(label="Căn cứ thời hạn", required=False, max_length=255,
                                      widget=forms.TextInput(attrs=_SMALL))
    recurring = forms.BooleanField(label="Thường xuyên/định kỳ", required=False, widget=forms.CheckboxInput(_CHECK))
    new_unit = UnitNameField(label="Thêm đơn vị")
    new_role = forms.ChoiceField(label="Vai trò", choices=_ROLE_CHOICES, initial=DirectiveOwner.Role.LEAD,
                                 widget=forms.Select(attrs={"class": "form-select form-select-sm"}))

    def __init__(self, *args, directive: Directive, **kwargs):
        self.directive = directive
        self.owner_rows = list(directive.owners.all())
        kwargs.setdefault("prefix", f"d{directive.pk}")
        kwargs.setdefault("initial", {
            "text": directive.text,
            "report_to": directive.report_to.name if directive.report_to else "",
            "deadline": directive.deadline,
            "deadline_phrase": directive.deadline_phrase,
            "recurring": directive.recurring,
        })
        super().__init__(*args, **kwargs)
        for owner in self.owner_rows:
            self.fields[f"o{owner.pk}_unit"] = UnitNameField(
                label=f"Đơn vị cho “{owner.name}”", initial=owner.unit.name if owner.unit else "")
            self.fields[f"o{owner.pk}_role"] = forms.ChoiceField(
                label="Vai trò", choices=_ROLE_CHOICES, initial=owner.role,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
            self.fields[f"o{owner.pk}_remember"] = forms.BooleanField(
                label="Ghi nhớ làm tên gọi khác", required=False, widget=forms.CheckboxInput(_CHECK))
            self.fields[f"o{owner.pk}_delete"] = forms.BooleanField(
                label="Bỏ", required=False, widget=forms.CheckboxInput(_CHECK))
            self.fields[f"o{owner.pk}_as_group"] = forms.BooleanField(
                label="Một nhiệm vụ cho cả nhóm", required=False, initial=owner.as_group,
                widget=forms.CheckboxInput(_CHECK))

    def owner_fields(self):
        """(owner, unit field, role field, remember field, delete field) for the template.

        A group owner also carries `owner.as_group_field`: one task per member or one for the group.
        """
        for owner in self.owner_rows:
            owner.as_group_field = self[f"o{owner.pk}_as_group"]
            yield (owner, self[f"o{owner.pk}_unit"], self[f"o{owner.pk}_role"],
                   self[f"o{owner.pk}_remember"], self[f"o{owner.pk}_delete"])

    def clean_text(self):
        return self.cleaned_data["text"].replace("\r\n", "\n").strip()

    def owners(self) -> list[OwnerInput]:
        data = self.cleaned_data
        result = []
        for owner in self.owner_rows:
            if data.get(f"o{owner.pk}_delete"):
                continue
            result.append(OwnerInput(name=owner.name, role=data[f"o{owner.pk}_role"],
                                     unit=data.get(f"o{owner.pk}_unit"),
                                     remember=bool(data.get(f"o{owner.pk}_remember")),
                                     as_group=bool(data.get(f"o{owner.pk}_as_group"))))
        if data.get("new_unit"):
            unit = data["new_unit"]
            result.append(OwnerInput(name=unit.name, role=data["new_role"], unit=unit))
        return result

    def update_kwargs(self) -> dict:
        """The arguments services.update_directive takes."""
        data = self.cleaned_data
        return {
            "text": data["text"], "owners": self.owners(), "report_to": data["report_to"],
            "deadline": data["deadline"], "deadline_phrase": data["deadline_phrase"],
            "recurring": data["recurring"],
        }


class MapOwnerForm(forms.Form):
    """Tie every unmapped mention of one name in a communiqué to a unit."""

    owner = forms.IntegerField(widget=forms.HiddenInput)
    unit = UnitNameField(label="Đơn vị", required=True)
    remember = forms.BooleanField(label="Ghi nhớ làm tên gọi khác", required=False, initial=True,
                                  widget=forms.CheckboxInput(_CHECK))


class SplitForm(forms.Form):
    at = forms.IntegerField(label="Tách tại ký tự thứ", min_value=1, required=False,
                            widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "min": 1}))
    # "Tách theo câu": cut at the sentence boundary nearest the caret (or after the first sentence)
    by_sentence = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        if data.get("at") is None and not data.get("by_sentence"):
            raise forms.ValidationError("Hãy nhập vị trí tách (một số, tính theo ký tự của nội dung).")
        return data


class SpanForm(forms.Form):
    """Offsets (in characters of communique.text) of a selection in the source pane."""

    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    selected_text = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if not self.errors and data["end"] <= data["start"]:
            raise forms.ValidationError("Đoạn văn bản đã chọn không hợp lệ.")
        return data


class ReviewDecisionForm(forms.Form):
    review = forms.ChoiceField(choices=Directive.Review.choices)


class PublishForm(forms.Form):
    """Publishing; the fallback sends directives with no usable lead to the office's own unit."""

    fallback = forms.BooleanField(
        label="Giao các ý chưa có đơn vị chủ trì cho Văn phòng", required=False,
        widget=forms.CheckboxInput(_CHECK))
