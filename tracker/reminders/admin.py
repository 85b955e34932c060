"""Admin: the reminder log (outbox) with resend, the policy, per-unit overrides, and "gửi đôn đốc ngay".

Imported by tracker/admin.py, whose TaskAdmin lists `send_escalation_now_action`.
"""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from tracker.admin_dates import SafeDateHierarchyMixin
from tracker.models import OutboxMessage, ReminderPolicy, ReminderSweep, Task, Unit, UnitReminderPolicy

from . import notify, outbox


@admin.action(description="Gửi email đôn đốc ngay (yêu cầu giải trình)")
def send_escalation_now_action(modeladmin, request, queryset):
    """Task admin action: one đôn đốc per selected open task, to the lead unit's head, the office in copy."""
    sent = 0
    for task in queryset.select_related("lead_unit"):
        try:
            notify.send_escalation_now(task, request.user)
            sent += 1
        except (ValidationError, PermissionDenied) as exc:
            text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            modeladmin.message_user(request, f"#{task.pk}: {text}", messages.WARNING)
    if sent:
        modeladmin.message_user(request, f"Đã đưa {sent} email đôn đốc vào hàng gửi.", messages.SUCCESS)


class UnitFilter(admin.SimpleListFilter):
    title = "đơn vị"
    parameter_name = "don_vi"

    def lookups(self, request, model_admin):
        ids = set(OutboxMessage.objects.exclude(unit=None).values_list("unit_id", flat=True).distinct()[:500])
        return [(u.pk, u.name) for u in Unit.objects.filter(pk__in=ids).order_by("name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(unit_id=self.value())
        return queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(SafeDateHierarchyMixin, admin.ModelAdmin):
    list_display = ("local_date", "kind", "recipient", "unit", "task_link", "state_badge", "attempts",
                    "sent_at", "short_error")
    list_filter = ("state", "kind", UnitFilter, "local_date")
    date_hierarchy = "local_date"
    search_fields = ("recipient", "subject", "last_error")
    list_select_related = ("unit", "task")
    list_per_page = 100
    actions = ["resend_action"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the email log is the record of what was sent

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description="nhiệm vụ")
    def task_link(self, obj):
        if not obj.task_id:
            return "—"
        return format_html('<a href="{}">#{}</a>', reverse("admin:tracker_task_change", args=[obj.task_id]),
                           obj.task_id) if _has_task_admin() else f"#{obj.task_id}"

    @admin.display(description="trạng thái", ordering="state")
    def state_badge(self, obj):
        colour = {"sent": "#1b7f3b", "failed": "#b00020", "pending": "#8a6d00", "sending": "#0b5394"}.get(obj.state, "#666")
        label = obj.get_state_display()
        if obj.state == OutboxMessage.State.PENDING and obj.attempts:
            label += f" (thử lại lúc {obj.next_attempt_at:%H:%M %d/%m})"
        return format_html('<span style="color:{}">{}</span>', colour, label)

    @admin.display(description="lỗi")
    def short_error(self, obj):
        return (obj.last_error[:120] + "…") if len(obj.last_error) > 120 else obj.last_error

    @admin.action(description="Gửi lại các email đã chọn")
    def resend_action(self, request, queryset):
        n = outbox.resend(queryset)
        self.message_user(request, f"Đã đưa {n} email vào hàng gửi lại.", messages.SUCCESS)


def _has_task_admin() -> bool:
    return admin.site.is_registered(Task)


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "enabled", "days_before", "overdue_every_days", "escalate_after_days",
                    "escalate_every_days", "send_time")
    fieldsets = (
        (None, {"fields": ("enabled", "send_time")}),
        ("Nhắc hạn", {"fields": ("days_before", "overdue_every_days")}),
        ("Đôn đốc", {"fields": ("escalate_after_days", "escalate_every_days", "stale_after_days")}),
        ("Khi hệ thống ngừng", {"fields": ("catch_up_days",)}),
        ("Báo cáo hằng tháng", {"fields": ("report_recipients",)}),
    )

    def has_add_permission(self, request):
        return not ReminderPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        policy = ReminderPolicy.load()
        if policy._state.adding:
            policy.save()
        return HttpResponseRedirect(reverse("admin:tracker_reminderpolicy_change", args=[policy.pk]))


@admin.register(UnitReminderPolicy)
class UnitReminderPolicyAdmin(admin.ModelAdmin):
    list_display = ("unit", "enabled", "days_before", "overdue_every_days", "escalate_after_days",
                    "escalate_every_days")
    list_filter = ("enabled",)
    search_fields = ("unit__name", "unit__short_name")
    autocomplete_fields = ("unit",)


@admin.register(ReminderSweep)
class ReminderSweepAdmin(SafeDateHierarchyMixin, admin.ModelAdmin):
    list_display = ("local_date", "covers_from", "started_at", "items", "messages", "rolled")
    date_hierarchy = "local_date"
    readonly_fields = ("local_date", "covers_from", "started_at", "items", "messages", "rolled")

    def has_add_permission(self, request):
        return False
