"""Admin for the office: the webhooks it configures and their delivery log (with "send again")."""
from django import forms
from django.contrib import admin, messages

from tracker import policy
from tracker.models import Webhook, WebhookDelivery

from . import services


class OfficeOnlyAdmin(admin.ModelAdmin):
    """Webhooks carry task data out of dondoc: the office alone sees and sets them."""

    def has_module_permission(self, request):
        return request.user.is_active and policy.can_confirm(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)


class WebhookForm(forms.ModelForm):
    url = forms.URLField(label="Địa chỉ nhận (URL)", max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(label="Sự kiện", choices=Webhook.Event.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple, help_text="Không chọn: mọi sự kiện.")

    class Meta:
        model = Webhook
        fields = ["name", "url", "secret", "events", "is_active"]


@admin.register(Webhook)
class WebhookAdmin(OfficeOnlyAdmin):
    form = WebhookForm
    list_display = ("name", "url", "is_active", "created_at")
    list_filter = ("is_active",)


@admin.action(description="Gửi lại các lần gửi đã chọn")
def resend_action(modeladmin, request, queryset):
    n = services.resend(queryset)
    modeladmin.message_user(request, f"Đã đưa {n} lần gửi vào hàng đợi.", messages.SUCCESS)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(OfficeOnlyAdmin):
    list_display = ("created_at", "event", "webhook", "task", "state", "attempts", "response_status", "delivered_at")
    list_filter = ("state", "event", "webhook")
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    actions = [resend_action]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
