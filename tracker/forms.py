"""Forms of the task page: they check input only; the rules on state live in services.py."""
from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from .models import Task, Unit

REQUIRED = {"required": "Vui lòng nhập nội dung."}
DATE_ERRORS = {"required": "Vui lòng nhập ngày.", "invalid": "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy."}

# Allowed attachment types: extension → magic bytes at the start of the file. A renamed
# executable must not pass as a PDF, so the content is checked as well as the name.
ATTACHMENT_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG",),
}
ALLOWED_LABEL = "PDF, DOC, DOCX, XLS, XLSX, JPG, PNG"


def clean_attachment(upload):
    """Size and type checks for an optional report attachment."""
    if not upload:
        return None
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise forms.ValidationError(
            f"Tệp đính kèm quá lớn ({filesizeformat(upload.size)}); tối đa "
            f"{filesizeformat(settings.ATTACHMENT_MAX_BYTES)}.")
    ext = Path(upload.name).suffix.lower()
    signatures = ATTACHMENT_SIGNATURES.get(ext)
    if signatures is None:
        raise forms.ValidationError(f"Loại tệp không được phép; chỉ nhận {ALLOWED_LABEL}.")
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in signatures):
        raise forms.ValidationError(f"Nội dung tệp không đúng định dạng {ext[1:].upper()}.")
    return upload


class DateInput(forms.DateInput):
    def __init__(self, **kwargs):
        super().__init__(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "class": "form-control",
                                                   "inputmode": "numeric", **kwargs})


class ReportForm(forms.Form):
    text = forms.CharField(label="Nội dung báo cáo", error_messages=REQUIRED, strip=True,
                           widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}))
    percent = forms.IntegerField(
        label="Tiến độ (%)", min_value=0, max_value=100, initial=0,
        error_messages={"required": "Vui lòng nhập tiến độ.", "invalid": "Tiến độ phải là một số.",
                        "min_value": "Tiến độ phải từ 0 đến 100%%.", "max_value": "Tiến độ phải từ 0 đến 100%%."},
        widget=forms.NumberInput(attrs={"class": "form-control", "min": 0, "max": 100}),
    )
    attachment = forms.FileField(label="Tệp đính kèm", required=False,
                                 help_text=f"{ALLOWED_LABEL}; tối đa {settings.ATTACHMENT_MAX_BYTES // 1024 // 1024} MB.",
                                 widget=forms.ClearableFileInput(attrs={"class": "form-control"}))

    def clean_attachment(self):
        return clean_attachment(self.cleaned_data.get("attachment"))


class VersionedForm(forms.Form):
    """A decision on a task carries the version it was made on (services refuse a stale one)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class MarkDoneForm(VersionedForm):
    text = forms.CharField(label="Kết quả thực hiện", error_messages=REQUIRED, strip=True,
                           widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}))
    attachment = forms.FileField(label="Tệp đính kèm", required=False,
                                 widget=forms.ClearableFileInput(attrs={"class": "form-control"}))

    def clean_attachment(self):
        return clean_attachment(self.cleaned_data.get("attachment"))


class ConfirmForm(VersionedForm):
    decision = forms.ChoiceField(
        choices=[("accept", "Xác nhận hoàn thành"), ("return", "Trả lại")],
        error_messages={"required": "Vui lòng chọn xác nhận hoặc trả lại.",
                        "invalid_choice": "Lựa chọn không hợp lệ."},
    )
    note = forms.CharField(label="Ý kiến", required=False, strip=True,
                           widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("note"):
            self.add_error("note", "Khi trả lại, vui lòng nêu lý do.")
        return data


class ExtensionRequestForm(forms.Form):
    new_due_date = forms.DateField(label="Hạn đề nghị", input_formats=settings.DATE_INPUT_FORMATS,
                                   error_messages=DATE_ERRORS, widget=DateInput())
    reason = forms.CharField(label="Lý do", error_messages={"required": "Cần nêu lý do xin gia hạn."}, strip=True,
                             widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))


class ExtensionDecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        choices=[("approve", "Chấp thuận"), ("refuse", "Không chấp thuận")],
        error_messages={"required": "Vui lòng chọn chấp thuận hoặc không.",
                        "invalid_choice": "Lựa chọn không hợp lệ."},
    )
    note = forms.CharField(label="Ý kiến", required=False, strip=True,
                           widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))


class StatusForm(VersionedForm):
    """Pause/cancel an open task, or reopen a closed one: only the move that makes sense is offered."""

    status = forms.ChoiceField(label="Trạng thái mới", widget=forms.Select(attrs={"class": "form-select"}),
                               error_messages={
        "required": "Vui lòng chọn trạng thái.",
        "invalid_choice": "Không thể chuyển nhiệm vụ sang trạng thái này."})
    note = forms.CharField(label="Ghi chú", required=False, strip=True,
                           widget=forms.TextInput(attrs={"class": "form-control"}))

    def __init__(self, *args, task: Task, **kwargs):
        super().__init__(*args, **kwargs)
        if task.is_open:
            choices = [(Task.Status.CANCELLED, "Tạm dừng/hủy nhiệm vụ")]
        else:
            choices = [(Task.Status.IN_PROGRESS, "Mở lại (đang thực hiện)")]
        self.fields["status"].choices = choices
        self.fields["status"].initial = choices[0][0]


# --- Admin intermediate pages -------------------------------------------------

class ReassignForm(forms.Form):
    lead = forms.ModelChoiceField(widget=forms.Select(attrs={"class": "form-select"}),label="Đơn vị chủ trì mới", queryset=Unit.objects.filter(is_active=True),
                                  error_messages={"required": "Vui lòng chọn đơn vị.",
                                                  "invalid_choice": "Đơn vị không hợp lệ."})


class CancelForm(forms.Form):
    reason = forms.CharField(label="Lý do hủy", error_messages={"required": "Cần nêu lý do hủy nhiệm vụ."})


class ChangeDueDateForm(forms.Form):
    due_date = forms.DateField(label="Hạn mới", required=False, input_formats=settings.DATE_INPUT_FORMATS,
                               error_messages=DATE_ERRORS, widget=DateInput(),
                               help_text="Để trống: không thời hạn.")
    note = forms.CharField(label="Ghi chú", required=False)


class SuccessionForm(forms.Form):
    successor = forms.ModelChoiceField(
        label="Đơn vị kế thừa", queryset=Unit.objects.filter(is_active=True),
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"required": "Vui lòng chọn đơn vị kế thừa.", "invalid_choice": "Đơn vị không hợp lệ."},
        help_text="Nhiệm vụ đang thực hiện, tài khoản và tên gọi khác chuyển sang đơn vị này.")
    note = forms.CharField(label="Căn cứ (quyết định, ngày)", required=False)


class RenameUnitForm(forms.Form):
    new_name = forms.CharField(label="Tên mới", max_length=255,
                               error_messages={"required": "Cần nhập tên mới."})
    note = forms.CharField(label="Căn cứ (quyết định, ngày)", required=False)
