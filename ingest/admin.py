"""Admin for communiqués: browse and fix; importing and publishing go through ingest.services."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from ingest import services
from ingest.forms import ImportForm
from ingest.models import Communique, Directive, DirectiveOwner
from tracker import policy
from tracker.admin_dates import SafeDateHierarchyMixin
from tracker.models import Unit


def _unit_autocomplete(*fields: str) -> tuple[str, ...]:
    """Autocomplete needs the Unit admin with search_fields (tracker.admin); plain selects otherwise."""
    unit_admin = admin.site._registry.get(Unit)
    return fields if unit_admin is not None and unit_admin.search_fields else ()


class DirectiveInline(admin.TabularInline):
    model = Directive
    fields = ("order", "text", "owners_list", "deadline", "recurring", "review")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = "ý kết luận (sửa trên trang duyệt hoặc từng ý)"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="đơn vị")
    def owners_list(self, directive):
        return "; ".join(
            f"{o.get_role_display()}: {o.unit or o.name + ' (?)'}" for o in directive.owners.all()
        ) or "–"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("owners__unit")


@admin.register(Communique)
class CommuniqueAdmin(SafeDateHierarchyMixin, admin.ModelAdmin):
    change_list_template = "ingest/admin/communique_change_list.html"
    list_display = ("label", "meeting_date_vn", "state", "directive_count", "imported_at", "imported_by", "links")
    list_filter = ("state", "meeting_date", "imported_at", "source_format", "issuer")
    search_fields = ("number", "title", "issuer", "text")
    date_hierarchy = "meeting_date"
    list_select_related = ("imported_by",)
    readonly_fields = ("source_name", "source_file", "source_format", "text", "content_hash", "imported_by",
                       "imported_at", "state", "published_at", "published_by")
    fieldsets = (
        (None, {"fields": ("number", "title", "issuer", "issue_date", "meeting_date", "province")}),
        ("Nguồn", {"fields": ("source_name", "source_file", "source_format", "imported_by", "imported_at",
                              "content_hash")}),
        ("Ban hành", {"fields": ("state", "published_at", "published_by")}),
        ("Nội dung", {"fields": ("text",), "classes": ("collapse",)}),
    )
    inlines = [DirectiveInline]
    actions = ["publish_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_directives=Count("directives"))

    @admin.display(description="thông báo", ordering="number")
    def label(self, obj):
        return str(obj)

    @admin.display(description="ngày", ordering="meeting_date")
    def meeting_date_vn(self, obj):
        return obj.date.strftime("%d/%m/%Y") if obj.date else "–"

    @admin.display(description="số ý", ordering="n_directives")
    def directive_count(self, obj):
        return obj.n_directives

    @admin.display(description="")
    def links(self, obj):
        if obj.is_published:
            return format_html('<a href="{}">xem</a>', reverse("ingest:communique_detail", args=[obj.pk]))
        return format_html('<a href="{}">duyệt</a>', reverse("ingest:review", args=[obj.pk]))

    def get_urls(self):
        custom = [path("nhap/", self.admin_site.admin_view(self.import_view), name="ingest_communique_import")]
        return custom + super().get_urls()

    def add_view(self, request, form_url="", extra_context=None):
        """A communiqué is only ever created by importing it."""
        return HttpResponseRedirect(reverse("admin:ingest_communique_import"))

    def import_view(self, request):
        """File upload or pasted text, through the same service as the import page."""
        if not (self.has_add_permission(request) and policy.can_review(request.user)):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        duplicate = None
        if request.method == "POST" and form.is_valid():
            try:
                communique = services.import_document(**form.import_kwargs(), user=request.user)
            except services.DuplicateImport as exc:
                duplicate = exc
            except services.ImportRefused as exc:
                form.add_error(None, exc.message)
            else:
                self.message_user(request, f"Đã nhập “{communique}” với {communique.directives.count()} ý kết luận.",
                                  messages.SUCCESS)
                for warning in communique.import_warnings:
                    self.message_user(request, warning, messages.WARNING)
                return HttpResponseRedirect(reverse("admin:ingest_communique_change", args=[communique.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Nhập thông báo kết luận",
            "form": form,
            "duplicate": duplicate,
            "duplicate_url": reverse("admin:ingest_communique_change", args=[duplicate.existing.pk])
            if duplicate else "",
        }
        return TemplateResponse(request, "ingest/admin/import.html", context, status=400 if request.method == "POST" else 200)

    @admin.action(description="Ban hành nhiệm vụ cho các thông báo đã chọn")
    def publish_selected(self, request, queryset):
        for communique in queryset:
            try:
                tasks = services.publish(communique, request.user)
            except ValidationError as exc:
                self.message_user(request, f"{communique}: " + " ".join(exc.messages), messages.ERROR)
            else:
                self.message_user(request, f"{communique}: đã ban hành {len(tasks)} nhiệm vụ.", messages.SUCCESS)


class DirectiveOwnerInline(admin.TabularInline):
    model = DirectiveOwner
    fields = ("name", "unit", "role")
    extra = 0
    autocomplete_fields = _unit_autocomplete("unit")


@admin.register(Directive)
class DirectiveAdmin(admin.ModelAdmin):
    list_display = ("short_text", "communique", "order", "review", "deadline", "recurring")
    list_filter = ("review", "recurring", "deadline_source", "communique__state")
    search_fields = ("text", "communique__number")
    list_select_related = ("communique",)
    autocomplete_fields = _unit_autocomplete("report_to")
    raw_id_fields = ("communique",)
    inlines = [DirectiveOwnerInline]

    @admin.display(description="nội dung")
    def short_text(self, obj):
        return obj.text[:120]

    def _published(self, obj):
        return obj is not None and obj.communique.is_published

    def get_readonly_fields(self, request, obj=None):
        if self._published(obj):  # its tasks exist; changes go to the tasks now
            return [f.name for f in self.model._meta.fields]
        return ("start", "end")

    def has_delete_permission(self, request, obj=None):
        return not self._published(obj) and super().has_delete_permission(request, obj)

    def get_inlines(self, request, obj):
        return [] if self._published(obj) else self.inlines


@admin.register(DirectiveOwner)
class DirectiveOwnerAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "role", "directive")
    list_filter = ("role", ("unit", admin.EmptyFieldListFilter), "directive__communique__state")
    search_fields = ("name", "unit__name", "directive__text")
    list_select_related = ("unit", "directive")
    autocomplete_fields = _unit_autocomplete("unit")
    raw_id_fields = ("directive",)
