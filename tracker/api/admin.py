"""Admin: the office sees every API token (never the token itself) and can revoke one."""
from django.contrib import admin, messages

from tracker import policy
from tracker.models import ApiToken

from . import tokens


@admin.action(description="Thu hồi các mã đã chọn")
def revoke_action(modeladmin, request, queryset):
    for token in queryset.filter(revoked=False):
        tokens.revoke_token(token, request.user)
    modeladmin.message_user(request, "Đã thu hồi các mã truy cập đã chọn.", messages.SUCCESS)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "name", "user", "scope", "expires_at", "revoked", "last_used_at", "created_at")
    list_filter = ("scope", "revoked")
    search_fields = ("prefix", "name", "user__username")
    readonly_fields = [f.name for f in ApiToken._meta.fields if f.name != "key_hash"]
    exclude = ("key_hash",)
    actions = [revoke_action]

    def has_module_permission(self, request):
        return request.user.is_active and policy.can_confirm(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
