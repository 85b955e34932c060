"""The report's choices: a period (by code, or two dates), an as-of date, and a scope."""
from datetime import date

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from tracker import policy, stamps
from tracker import selectors as tracker_selectors
from tracker.filtersets import CommuniqueInput
from tracker.models import Unit
from tracker.widgets import PrebuiltSelect, PrebuiltSelectMultiple, options_html

from . import periods

SELECT = {"class": "form-select form-select-sm"}
INPUT = {"class": "form-control form-control-sm"}


def period_choices(today: date) -> list:
    """Recent periods, newest first, grouped as the select's optgroups."""
    years = [today.year - i for i in range(3)]
    months, quarters, halves = [], [], []
    for y in years:
        for m in range(12, 0, -1):
            if date(y, m, 1) <= today:
                months.append((f"{y}-{m:02d}", f"Tháng {m}/{y}"))
        for q in range(4, 0, -1):
            if date(y, 3 * q - 2, 1) <= today:
                quarters.append((f"{y}-Q{q}", f"Quý {periods.ROMAN[q]}/{y}"))
        for h in (2, 1):
            if date(y, 6 * h - 5, 1) <= today:
                halves.append((f"{y}-H{h}", f"6 tháng {'cuối' if h == 2 else 'đầu'} năm {y}"))
    return [("Quý", quarters), ("Tháng", months), ("6 tháng", halves),
            ("Năm", [(str(y), f"Năm {y}") for y in years]), ("Khác", [("range", "Từ ngày – đến ngày…")])]


class DateInput(forms.DateInput):
    def __init__(self):
        super().__init__(attrs={**INPUT, "placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y")


class ReportForm(forms.Form):
    period = forms.ChoiceField(label="Kỳ báo cáo", widget=forms.Select(attrs=SELECT))
    start = forms.DateField(label="Từ ngày", required=False, widget=DateInput(),
                            input_formats=settings.DATE_INPUT_FORMATS)
    end = forms.DateField(label="Đến ngày", required=False, widget=DateInput(),
                          input_formats=settings.DATE_INPUT_FORMATS)
    as_of = forms.DateField(label="Số liệu đến ngày", required=False, widget=DateInput(),
                            input_formats=settings.DATE_INPUT_FORMATS,
                            help_text="Để trống: cuối kỳ, hoặc hôm nay nếu kỳ chưa kết thúc.")
    unit = forms.ChoiceField(label="Đơn vị chủ trì", required=False, widget=forms.Select(attrs=SELECT))
    group = forms.ChoiceField(label="Nhóm đơn vị", required=False, widget=forms.Select(attrs=SELECT))
    communique = forms.CharField(
        label="Thông báo kết luận", required=False, max_length=120,
        widget=CommuniqueInput(attrs={**INPUT, "list": "communique-options", "autocomplete": "off",
                                      "placeholder": "Số thông báo, vd. 15-TB/TU"}))
    issuer = forms.CharField(label="Cơ quan ban hành", required=False, max_length=255,
                             widget=forms.TextInput(attrs={**INPUT, "placeholder": "vd. Ban Thường vụ"}))

    def __init__(self, *args, user, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.user = user
        self.fields["period"].choices = period_choices(today)
        self.fields["period"].initial = periods.current_quarter(today).code
        self.office = policy.can_view_all(user)
        if self.office:
            empty = [("", "Tất cả")]
            self.fields["unit"].choices = empty + list(tracker_selectors.lead_units().values_list("pk", "name"))
            self.fields["group"].choices = empty + list(
                Unit.objects.filter(is_group=True).order_by("name").values_list("pk", "name"))
            communique = self.fields["communique"].widget
            communique.user = user
            communique.attrs["data-suggest"] = reverse("tracker:communique_suggestions")
        else:
            for name in ("unit", "group", "communique", "issuer"):
                del self.fields[name]

    def clean_communique(self):
        """The one communiqué the typed number, label or id names; the archive is never listed in the form."""
        value = self.cleaned_data["communique"].strip()
        if not value:
            return None
        found = list(tracker_selectors.communiques_named(self.user, value)[:2])
        if not found:
            raise ValidationError(f"Không tìm thấy thông báo “{value}”: nhập số thông báo, vd. 15-TB/TU.")
        if len(found) > 1:
            raise ValidationError(f"“{value}” khớp nhiều thông báo: chọn một trong các gợi ý, "
                                  "hoặc nhập cả ngày, vd. 15-TB/TU (01/07/2025).")
        return found[0]

    def clean(self):
        data = super().clean()
        code = data.get("period")
        if code == "range":
            if not data.get("start") or not data.get("end"):
                raise ValidationError("Chọn “Từ ngày – đến ngày” thì cần nhập cả hai ngày (dd/mm/yyyy).")
            data["period_obj"] = periods.between(data["start"], data["end"])
        elif code:
            data["period_obj"] = periods.parse(code)
        if "period_obj" in data:
            end = data["period_obj"].end
            data["as_of"] = data.get("as_of") or min(end, self.today)
        return data


class PreferencesForm(forms.Form):
    email_reminders = forms.BooleanField(
        label="Nhận email nhắc hạn hằng ngày", required=False,
        help_text="Email đôn đốc (yêu cầu giải trình) và email giao nhiệm vụ vẫn được gửi.",
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))

    def __init__(self, *args, instance, **kwargs):
        super().__init__(*args, initial={"email_reminders": instance.email_reminders}, **kwargs)


def _units():
    return Unit.objects.filter(is_active=True, is_group=False).only("pk", "name").order_by("name")


# The units' `<option>`s as the fields' own choices would write them (the empty one, then `str(unit)`, the
# name), built once per process and directory change (tracker.stamps): a province's ~900 units were made into
# model instances and options twice on every task page the office opens (~15 ms).
UNIT_OPTIONS = stamps.Cached(stamps.UNIT_OPTIONS, lambda: options_html(_units().values_list("pk", "name")))
EMPTY_OPTION = options_html([("", "---------")])


class CorrectionForm(forms.Form):
    """The office's correction of a published task: text, owners, deadline, and why."""

    title = forms.CharField(label="Nội dung nhiệm vụ", widget=forms.Textarea(attrs={**INPUT, "rows": 4}))
    lead = forms.ModelChoiceField(label="Đơn vị chủ trì", queryset=Unit.objects.none(),
                                  widget=PrebuiltSelect(lambda: EMPTY_OPTION + UNIT_OPTIONS.get(), attrs=SELECT))
    supports = forms.ModelMultipleChoiceField(
        label="Đơn vị phối hợp", queryset=Unit.objects.none(), required=False,
        widget=PrebuiltSelectMultiple(lambda: UNIT_OPTIONS.get(), attrs={**SELECT, "size": 5}))
    due_date = forms.DateField(label="Hạn hiện tại", required=False, widget=DateInput(),
                               input_formats=settings.DATE_INPUT_FORMATS, help_text="Để trống: không thời hạn.")
    reason = forms.CharField(label="Lý do điều chỉnh", max_length=70,
                             widget=forms.TextInput(attrs={**INPUT, "placeholder": "vd. Văn bản ghi nhầm đơn vị"}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)  # refuses a stale page

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = self.fields["supports"].queryset = _units()


class MissedTaskForm(CorrectionForm):
    """A directive the extraction missed, added with its task."""

    reason = forms.CharField(label="Ghi chú", max_length=60, required=False)
    version = None  # a new task has no version yet
