"""Admin for the office: the unit directory, users, and bulk fixes on tasks that go through services."""
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import smart_split, unescape_string_literal


from . import directory, selectors, services
from .admin_history import VietnameseHistoryAdmin
from .forms import CancelForm, ChangeDueDateForm, ReassignForm, RenameUnitForm, SuccessionForm
from .models import ExtensionRequest, ProgressReport, Task, TaskAssignment, Timeliness, Unit, UnitAlias, User
from .reminders.admin import send_escalation_now_action  # also registers the reminder log and policy
from .api import admin as _api_admin  # noqa: F401 - registers the API tokens
from .webhooks import admin as _webhooks_admin  # noqa: F401 - registers the webhooks and their log


# Permissions follow the user's role and unit, not Django groups.
admin.site.unregister(Group)


class FoldedSearchMixin:
    """Search that ignores diacritics, tone placement and case ("tinh uy" finds "Tỉnh ủy" and "Tỉnh uỷ")."""

    folded_search_fields: tuple[str, ...] = ()

    def get_search_results(self, request, queryset, search_term):
        qs, may_have_duplicates = self.field_search_results(request, queryset, search_term)
        words = selectors.search_words(search_term)
        if words and self.folded_search_fields:
            match = queryset
            for word in words:  # the task list's rule (selectors.text_search): short words at a word's start
                any_field = Q()
                for field in self.folded_search_fields:
                    any_field |= (selectors.word_start(field, word) if selectors.SHORT_WORD.fullmatch(word)
                                  else Q(**{f"{field}__contains": word}))
                match = match.filter(any_field)
            qs = qs | match
            # Only a search across a relation can repeat rows; a column of the model itself cannot,
            # and the changelist then skips its DISTINCT over every column.
            may_have_duplicates |= any("__" in field for field in self.folded_search_fields)
        return qs, may_have_duplicates

    def field_search_results(self, request, queryset, search_term):
        """Django's own search over `search_fields`, ORed with the folded one."""
        return super().get_search_results(request, queryset, search_term)


class CappedCountPaginator(Paginator):
    """Counts a changelist's matches up to CAP and no further: a broad search over the archive ("tinh uy"
    matches every task) need not be counted to the last row to show its first pages (1M tasks: 1.2 s).

    Counted by id alone: the changelist's rows carry the timeliness CASE (with_timeliness), which a count
    would otherwise evaluate for each of its up to CAP rows (1M, "tinh uy": 18 → 5 ms)."""

    CAP = 10_000

    @cached_property
    def count(self):
        return self.object_list.order_by().values("pk")[:self.CAP].count()


# --- Units -----------------------------------------------------------------------

class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 1
    fields = ("name", "note")


@admin.register(Unit)
class UnitAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "short_name", "code", "kind", "is_group", "is_active", "successor", "email")
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
        ("Sáp nhập, đổi tên", {"fields": ("successor", "succeeded_on")}),
    )
    readonly_fields = ("successor", "succeeded_on")  # set only by the succession service (the actions below)
    actions = ["merge_action", "rename_action"]

    def _succession(self, request, queryset, form_class, title, apply):
        """Intermediate page of the succession actions; each unit goes through directory.succeed."""
        form = form_class(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            for unit in queryset:
                try:
                    moved = apply(unit, form.cleaned_data)
                    self.message_user(request, f"“{unit}” → “{moved.successor}”: chuyển {moved.moved_tasks} "
                                      f"nhiệm vụ, {moved.moved_users} tài khoản.", messages.SUCCESS)
                except (PermissionDenied, ValidationError) as exc:
                    self.message_user(request, f"“{unit}”: {'; '.join(getattr(exc, 'messages', [str(exc)]))}",
                                      messages.ERROR)
            return None
        units = list(queryset)
        for unit in units:
            unit.open_tasks = Task.objects.filter(assignments__unit=unit, status__in=Task.OPEN_STATUSES).count()
        return TemplateResponse(request, "tracker/admin/succession.html", {
            **self.admin_site.each_context(request), "title": title, "form": form, "units": units,
            "action": request.POST.get("action"),
        })

    @admin.action(description="Sáp nhập vào đơn vị khác")
    def merge_action(self, request, queryset):
        return self._succession(request, queryset, SuccessionForm, "Sáp nhập đơn vị", lambda unit, data:
                                directory.succeed(unit, data["successor"], user=request.user, note=data["note"]))

    @admin.action(description="Đổi tên (giữ lịch sử dưới tên cũ)")
    def rename_action(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Chọn đúng một đơn vị để đổi tên.", messages.ERROR)
            return None
        return self._succession(request, queryset, RenameUnitForm, "Đổi tên đơn vị", lambda unit, data:
                                directory.rename(unit, data["new_name"], user=request.user, note=data["note"]))


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
    """Shown, not edited: the lead and support units change through the form's fields (services)."""

    model = TaskAssignment
    extra = 0
    fields = readonly_fields = ("unit", "role")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TaskAdminForm(forms.ModelForm):
    """The admin's task form: saved through services.update_task, refused if the task changed meanwhile."""

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    supports = forms.ModelMultipleChoiceField(label="đơn vị phối hợp", required=False,
                                              queryset=Unit.objects.filter(is_active=True),
                                              widget=admin.widgets.FilteredSelectMultiple("đơn vị", False))
    note = forms.CharField(label="ghi chú thay đổi", required=False,
                           help_text="Lý do, ghi vào lịch sử cùng thay đổi.")

    class Meta:
        model = Task
        fields = ("title", "lead_unit", "supports", "report_to", "assignee", "original_due_date", "due_date",
                  "deadline_phrase", "recurrence", "status", "note")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version
            self.fields["supports"].initial = list(self.instance.assignments.filter(
                role=TaskAssignment.Role.SUPPORT).values_list("unit_id", flat=True))

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            current = Task.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if data.get("edit_version") != current:
                raise forms.ValidationError(services.STALE, code="stale")
        return data


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
class TaskAdmin(FoldedSearchMixin, VietnameseHistoryAdmin):
    list_display = ("id", "short_title", "lead_unit", "due_date", "status", "timeliness_badge", "progress")
    list_display_links = ("id", "short_title")
    list_filter = ("status", TimelinessFilter, "recurrence")
    search_fields = ("=id",)
    folded_search_fields = ("search_text",)
    list_select_related = ("lead_unit",)
    form = TaskAdminForm
    autocomplete_fields = ("lead_unit", "report_to", "assignee")
    raw_id_fields = ("directive",)
    readonly_fields = ("directive", "completed_on", "progress", "created_at", "updated_at")
    inlines = [TaskAssignmentInline]
    list_per_page = 50
    show_full_result_count = False  # no second COUNT over the whole table beside the filtered one
    paginator = CappedCountPaginator
    actions = ["reassign_action", "change_due_date_action", "cancel_action", send_escalation_now_action]
    history_list_display = ("get_status_display", "due_date", "lead_unit", "completed_on")  # column titles: tracker/locale

    def has_delete_permission(self, request, obj=None):
        return False  # the record stays: cancel with a reason instead

    def field_search_results(self, request, queryset, search_term):
        """`=id` finds a task by its number: a term with any word that is not one cannot match, so it is left out
        (it cost a LIKE per row on SQLite, and PostgreSQL casts every id to text to compare it)."""
        words = [unescape_string_literal(bit) if bit[:1] in ('"', "'") and bit[0] == bit[-1] else bit
                 for bit in smart_split(search_term)]
        if all(word.isdigit() for word in words):
            return super().field_search_results(request, queryset, search_term)
        return queryset.none(), False

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None:  # a new task starts "giao mới" (services.create_task)
            fields = [f for f in fields if f not in ("status", "note", "edit_version")]
        return fields

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        """Every write through services: a new task via create_task, a change via update_task."""
        data = form.cleaned_data
        if not change:
            task = services.create_task(
                title=data["title"], lead=data["lead_unit"], supports=list(data["supports"]),
                report_to=data["report_to"], due_date=data["due_date"], deadline_phrase=data["deadline_phrase"],
                recurrence=data["recurrence"], user=request.user)
            form.instance = obj = task
            return
        changed = set(form.changed_data)
        details = {f: data[f] for f in services.EDITABLE_DETAILS if f in changed}
        services.update_task(
            Task(pk=obj.pk), request.user, expected_version=data["edit_version"],
            lead=data["lead_unit"] if "lead_unit" in changed else None,
            supports=list(data["supports"]) if "supports" in changed else None,
            status=data["status"] if "status" in changed else None,
            due_date=data["due_date"] if "due_date" in changed else services.KEEP_DUE,
            reason=data["note"], **details)

    def save_related(self, request, form, formsets, change):
        """Units are saved by the services; the read-only inline has nothing to save."""
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

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


    def delete_model(self, request, obj):
        services.delete_task(obj, request.user)

    def delete_queryset(self, request, queryset):
        for task in queryset:
            services.delete_task(task, request.user)

    @admin.action(description="Giao lại cho đơn vị khác")
    def reassign_action(self, request, queryset):
        return _selected_tasks(self, request, queryset, ReassignForm, "Giao lại nhiệm vụ cho đơn vị",
                               lambda task, data: services.update_task(task, request.user, lead=data["lead"]))

    @admin.action(description="Hủy nhiệm vụ (ghi lý do)")
    def cancel_action(self, request, queryset):
        return _selected_tasks(self, request, queryset, CancelForm, "Hủy nhiệm vụ",
                               lambda task, data: services.update_task(task, request.user, status=Task.Status.CANCELLED,
                                                                       reason=data["reason"]))

    @admin.action(description="Đổi hạn")
    def change_due_date_action(self, request, queryset):
        return _selected_tasks(self, request, queryset, ChangeDueDateForm, "Đổi hạn nhiệm vụ",
                               lambda task, data: services.update_task(task, request.user, due_date=data["due_date"],
                                                                       reason=data["note"]))


@admin.register(ProgressReport)
class ProgressReportAdmin(VietnameseHistoryAdmin):
    """Reports are the units' record: read-only here; the office may only withdraw one, with a reason."""

    list_display = ("id", "task", "author", "percent", "new_status", "created_at", "withdrawn_reason")
    list_filter = ("new_status",)
    search_fields = ("=task__id", "text", "author__username")
    list_select_related = ("task", "author")
    fields = ("task", "author", "text", "percent", "attachment", "new_status", "created_at", "withdrawn_reason")
    readonly_fields = ("task", "author", "text", "percent", "attachment", "new_status", "created_at")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        if "withdrawn_reason" in form.changed_data:
            services.withdraw_report(obj, request.user, reason=form.cleaned_data["withdrawn_reason"])


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(VietnameseHistoryAdmin):
    """The decision goes through services (it moves the due date), so state is read-only here."""

    list_display = ("id", "task", "requested_by", "previous_due_date", "new_due_date", "state", "requested_at",
                    "decided_by")
    list_filter = ("state",)
    search_fields = ("=task__id", "reason")
    list_select_related = ("task", "requested_by", "decided_by")
    autocomplete_fields = ("task", "requested_by")
    readonly_fields = ("task", "requested_by", "previous_due_date", "new_due_date", "reason", "state",
                       "decided_by", "decided_at", "decision_note", "requested_at")
    actions = ["approve_action", "refuse_action"]

    def has_add_permission(self, request):
        return False  # a unit asks on the task page (services.request_extension)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

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

