"""The user's own page for programs: personal API tokens (shown once) and the calendar address."""
from datetime import datetime, time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tracker import policy, selectors
from tracker.models import ApiToken

from . import tokens


class TokenForm(forms.Form):
    name = forms.CharField(label="Tên gợi nhớ", max_length=100,
                           error_messages={"required": "Vui lòng đặt tên gợi nhớ cho mã truy cập."},
                           widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "vd. eOffice"}))
    scope = forms.ChoiceField(label="Phạm vi", choices=ApiToken.Scope.choices,
                              widget=forms.Select(attrs={"class": "form-select"}))
    expires_on = forms.DateField(label="Hết hạn sau ngày", required=False, input_formats=settings.DATE_INPUT_FORMATS,
                                 error_messages={"invalid": "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy."},
                                 widget=forms.DateInput(attrs={"class": "form-control", "placeholder": "dd/mm/yyyy"}),
                                 help_text="Để trống: không hết hạn.")


class FeedUnitForm(forms.Form):
    unit = forms.TypedChoiceField(label="Đơn vị", required=False, coerce=int, empty_value=None,
                                  widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "Mọi đơn vị"), *selectors.lead_units().values_list("pk", "name")]


def _render(request, *, token_form=None, new_key=None, status=200):
    user = request.user
    feed = tokens.feed_for(user)
    feed_url = settings.SITE_URL + reverse("api:calendar", args=[feed.key])
    return render(request, "tracker/account.html", {
        "tokens": user.api_tokens.all(),
        "token_form": token_form or TokenForm(),
        "new_key": new_key,
        "feed": feed,
        "feed_url": feed_url,
        "unit_form": FeedUnitForm(initial={"unit": feed.unit_id}) if policy.can_view_all(user) else None,
        "api_url": request.build_absolute_uri(reverse("api:root")),
        "docs_url": reverse("api:docs"),
    }, status=status)


@login_required
def account(request):
    if request.method != "POST":
        return _render(request)
    form = TokenForm(request.POST)
    if form.is_valid():
        expires = form.cleaned_data["expires_on"]
        expires_at = timezone.make_aware(datetime.combine(expires, time.max)) if expires else None
        try:
            token, key = tokens.create_token(request.user, name=form.cleaned_data["name"],
                                             scope=form.cleaned_data["scope"], expires_at=expires_at)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã tạo mã truy cập. Hãy sao chép ngay: mã chỉ hiện một lần.")
            return _render(request, new_key=key)
    return _render(request, token_form=form, status=400)


@require_POST
@login_required
def revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.revoke_token(token, request.user)
    messages.success(request, f"Đã thu hồi mã {token.prefix}…")
    return redirect("account")


@require_POST
@login_required
def regenerate_feed(request):
    tokens.regenerate_feed(request.user)
    messages.success(request, "Đã đổi địa chỉ lịch; địa chỉ cũ không dùng được nữa.")
    return redirect("account")


@require_POST
@login_required
def feed_unit(request):
    form = FeedUnitForm(request.POST)
    if form.is_valid():
        try:
            from tracker.models import Unit

            unit = Unit.objects.filter(pk=form.cleaned_data["unit"]).first() if form.cleaned_data["unit"] else None
            tokens.set_feed_unit(request.user, unit)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Đã lưu đơn vị của lịch.")
    else:
        messages.error(request, "Đơn vị không hợp lệ.")
    return redirect("account")
