"""Admin for the office: the unit directory, users, and bulk fixes on tasks that go through services."""
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from tracker.folding import fold

from . import selectors, services
from .forms import ChangeDueDateForm, ReassignForm
from .models import ExtensionRequest, ProgressReport, Task, TaskAssignment, Timeliness, Unit, UnitAlias, User
from .reminders.admin import send_escalation_now_action  # also registers the reminder log and policy


# Permissions follow the user's role and unit, not Django groups.
admin.site.unregister(Group)


class FoldedSearchMixin:
    """Search that ignores diacritics, tone placement and case ("tinh uy" finds "Tỉnh uỷ")."""

    folded_search_fields: tuple[str, ...] = ()

    def get_search_results(self, request, queryset, search_term):
        qs, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = fold(search_term).split()
        if words and self.folded_search_fields:
            match = queryset
            for word in words:
                any_field = Q()
                for field in self.folded_search_fields:
                    any_field |= Q(**{f"{field}__contains": word})
                match = match.filter(any_field)
            qs = qs | match
            may_have_duplicates = True
        return qs, may_have_duplicates


# --- Units -----------------------------------------------------------------------

class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 1
    fields = ("name", "note")


@admin.register(Unit)
class UnitAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "short_name", "code", "kind", "is_group", "is_active", "email")
    list_filter = ("kind", "is_group", "is_active")
    search_fields = ("name", "short_name", "code", "email")
    folded_search_fields = ("folded_name", "aliases__folded")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent", "members")
    inlines = [UnitAliasInline]
    list_per_page = 100
    fieldsets = (
        (None, {"fields": ("name", "short_name", "code", "kind", "parent", "is_active")}),
        ("Liên hệ", {"fields": ("email", "head_email")}),
        ("Nhóm đơn vị", {"fields": ("is_group", "members"), "classes": ("collapse",)}),
    )


# --- Users -----------------------------------------------------------------------

@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "full_name", "unit", "role", "is_active", "last_login")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("username", "first_name", "last_name", "email", "unit__name", "unit__short_name")
    list_select_related = ("unit",)
    autocomplete_fields = ("unit",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Đơn vị và vai trò", {"fields": ("unit", "role", "email_reminders")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        ("Đơn vị và vai trò", {"fields": ("first_name", "last_name", "email", "unit", "role")}),
    )

    @admin.display(description="họ tên", ordering="last_name")
    def full_name(self, obj):
        return obj.get_full_name()


# --- Tasks -----------------------------------------------------------------------

class TimelinessFilter(admin.SimpleListFilter):
    """Filter by bucket with the same WHERE clause as the task list (selectors.timeliness_filter)."""

    title = "tiến độ thời hạn"
    parameter_name = "timeliness"

    def lookups(self, request, model_admin):
        return Timeliness.choices

    def queryset(self, request, queryset):
        if self.value() in Timeliness.values:
            return queryset.filter(selectors.timeliness_filter(self.value()))
        return queryset


class TaskAssignmentInline(admin.TabularInline):
    model = TaskAssignment
    extra = 0
    autocomplete_fields = ("unit",)


def _selected_tasks(modeladmin, request, queryset, form_class, title, action):
    """Shared intermediate page of the bulk actions: show a form, then apply it task by task."""
    form = form_class(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        done, failed = 0, []
        for task in queryset:
            try:
                action(task, form.cleaned_data)
                done += 1
            except (PermissionDenied, ValidationError) as exc:
                failed.append(f"#{task.pk}: {getattr(exc, 'message', None) or exc}")
        if done:
            modeladmin.message_user(request, f"Đã cập nhật {done} nhiệm vụ.", messages.SUCCESS)
        if failed:
            modeladmin.message_user(request, "Không cập nhật được " + "; ".join(failed), messages.ERROR)
        return None
    return TemplateResponse(request, "tracker/admin/bulk_action.html", {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "tasks": queryset.select_related("lead_unit")[:200],
        "count": queryset.count(),
        "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
        "action": request.POST.get("action"),
        "select_across": request.POST.get("select_across") == "1",
        "opts": modeladmin.model._meta,
    })


@admin.register(Task)
class TaskAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ("id", "short_title", "lead_unit", "due_date", "status", "timeliness_badge", "progress")
    list_display_links = ("id", "short_title")
    list_filter = ("status", TimelinessFilter, "recurrence")
    search_fields = ("=id",)
    folded_search_fields = ("search_text",)
    list_select_related = ("lead_unit",)
    autocomplete_fields = ("lead_unit", "report_to", "assignee")
    raw_id_fields = ("directive",)
    readonly_fields = ("created_at", "updated_at")
    inlines = [TaskAssignmentInline]
    list_per_page = 50
    show_full_result_count = False
    actions = ["reassign_action", "change_due_date_action", send_escalation_now_action]
    history_list_display = ("status", "due_date")

    def get_queryset(self, request):
        return selectors.with_timeliness(super().get_queryset(request))

    @admin.display(description="nội dung nhiệm vụ")
    def short_title(self, obj):
        return obj.title[:120]

    @admin.display(description="thời hạn")
    def timeliness_badge(self, obj):
        bucket = getattr(obj, "timeliness", None)
        if not bucket:
            return "–"
        return format_html('<span class="t-{}">{}</span>', bucket, Timeliness(bucket).label)

    def save_related(self, request, form, formsets, change):
        """Edits in the admin can change units and content: refresh the folded search text afterwards."""
        super().save_related(request, form, formsets, change)
        services.refresh_search_text(form.instance)

    @admin.action(description="Giao lại cho đơn vị khác")
    def reassign_action(self, request, queryset):
        return _selected_tasks(self, request, queryset, ReassignForm, "Giao lại nhiệm vụ cho đơn vị",
                               lambda task, data: services.reassign(task, request.user, data["lead"]))

    @admin.action(description="Đổi hạn")
    def change_due_date_action(self, request, queryset):
        return _selected_tasks(self, request, queryset, ChangeDueDateForm, "Đổi hạn nhiệm vụ",
                               lambda task, data: services.change_due_date(task, request.user, data["due_date"],
                                                                           note=data["note"]))


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ("id", "task", "author", "percent", "new_status", "created_at")
    list_filter = ("new_status",)
    search_fields = ("=task__id", "text", "author__username")
    list_select_related = ("task", "author")
    autocomplete_fields = ("task", "author")
    readonly_fields = ("created_at",)
    show_full_result_count = False


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(SimpleHistoryAdmin):
    """The decision goes through services (it moves the due date), so state is read-only here."""

    list_display = ("id", "task", "requested_by", "previous_due_date", "new_due_date", "state", "requested_at",
                    "decided_by")
    list_filter = ("state",)
    search_fields = ("=task__id", "reason")
    list_select_related = ("task", "requested_by", "decided_by")
    autocomplete_fields = ("task", "requested_by")
    readonly_fields = ("state", "decided_by", "decided_at", "requested_at")
    actions = ["approve_action", "refuse_action"]

    def _decide(self, request, queryset, approve):
        done = 0
        for extension in queryset:
            try:
                services.decide_extension(extension, request.user, approve=approve)
                done += 1
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, f"#{extension.pk}: {getattr(exc, 'message', None) or exc}",
                                  messages.ERROR)
        if done:
            self.message_user(request, f"Đã xử lý {done} đề nghị.", messages.SUCCESS)

    @admin.action(description="Chấp thuận gia hạn")
    def approve_action(self, request, queryset):
        self._decide(request, queryset, True)

    @admin.action(description="Không chấp thuận gia hạn")
    def refuse_action(self, request, queryset):
        self._decide(request, queryset, False)

