"""Pages for communiqués: list and page (everyone, as far as they may see), import, review, publish (office).

Views parse input and call ingest.services / ingest.selectors; the rules live there.
"""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.views import View
from django.views.generic import ListView

from config import security
from ingest import access, selectors, services
from ingest.filtersets import CommuniqueFilterSet
from ingest.forms import (
    UNIT_DATALIST_ID,
    BulkImportForm,
    DirectiveForm,
    ImportForm,
    MapOwnerForm,
    PublishForm,
    ReviewDecisionForm,
    SpanForm,
    SplitForm,
)
from ingest.models import Communique, Directive
from tracker import policy
from tracker.folding import fold


class ReviewerRequiredMixin(LoginRequiredMixin):
    """Import and review are the office's work (policy.can_review): others get 403."""

    allowed = staticmethod(policy.can_review)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.allowed(request.user):
            raise PermissionDenied("Chỉ Văn phòng được nhập, duyệt và ban hành thông báo.")
        return super().dispatch(request, *args, **kwargs)


class PublisherRequiredMixin(ReviewerRequiredMixin):
    allowed = staticmethod(policy.can_publish)


def _error_messages(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _review_url(communique_id: int, anchor: str = "") -> str:
    return reverse("ingest:review", args=[communique_id]) + (f"#{anchor}" if anchor else "")


# --- everyone ----------------------------------------------------------------------------------

class CommuniqueListView(LoginRequiredMixin, ListView):
    template_name = "ingest/communique_list.html"
    context_object_name = "communiques"
    paginate_by = 30

    def get_queryset(self):
        self.filterset = CommuniqueFilterSet(self.request.GET or None,
                                             queryset=selectors.communique_list(self.request.user))
        return self.filterset.qs if self.filterset.is_bound else self.filterset.queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(filterset=self.filterset, **kwargs)


class CommuniqueDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        communique = access.access_communique(request.user, pk)
        directives = selectors.directives_of(communique)
        tasks = selectors.tasks_by_directive(communique, request.user)
        rows = [(i, d, tasks.get(d.pk, [])) for i, d in enumerate(directives, 1)]
        return render(request, "ingest/communique_detail.html", {
            "communique": communique,
            "rows": rows,
            "highlighted": selectors.highlighted_text(communique, directives),
            "task_total": sum(len(t) for t in tasks.values()),
        })


class SourceFileView(LoginRequiredMixin, View):
    """The file as it was uploaded, to whoever may see the communiqué."""

    def get(self, request, pk):
        communique = access.access_communique(request.user, pk)
        if not communique.source_file:
            raise Http404("Thông báo này được dán trực tiếp, không có tệp gốc.")
        try:
            return security.download(communique.source_file, communique.source_name or None)
        except FileNotFoundError:
            raise Http404("Không tìm thấy tệp gốc.") from None


# --- office: import ------------------------------------------------------------------------------

class ImportView(ReviewerRequiredMixin, View):
    template_name = "ingest/import.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ImportForm()})

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        context = {"form": form}
        if form.is_valid():
            try:
                communique = services.import_document(**form.import_kwargs(), user=request.user)
            except services.DuplicateImport as exc:
                context["duplicate"] = exc
            except services.ImportRefused as exc:
                form.add_error(None, exc.message)
            else:
                count = communique.directives.count()
                messages.success(request, f"Đã nhập thông báo với {count} ý kết luận đề xuất. "
                                          "Hãy rà soát rồi ban hành nhiệm vụ.")
                for warning in communique.import_warnings:
                    messages.warning(request, warning)
                return HttpResponseRedirect(_review_url(communique.pk))
        return render(request, self.template_name, context, status=400)


def _import_one(upload, user) -> dict:
    """Import one uploaded file; what happened to it, in words the office reads."""
    name = upload.name
    if upload.size > settings.IMPORT_MAX_BYTES:
        return {"name": name, "status": "refused",
                "message": f"Tệp quá lớn; tối đa {filesizeformat(settings.IMPORT_MAX_BYTES)}."}
    try:
        communique = services.import_document(data=upload.read(), filename=name, user=user)
    except services.DuplicateImport as exc:
        return {"name": name, "status": "duplicate", "message": f"Đã nhập trước đây ({exc.label}).",
                "url": reverse("ingest:communique_detail", args=[exc.existing.pk])}
    except services.ImportRefused as exc:
        return {"name": name, "status": "refused", "message": exc.message}
    count = communique.directives.count()
    return {"name": name, "status": "imported", "message": f"{count} ý kết luận đề xuất.",
            "warnings": list(communique.import_warnings), "url": _review_url(communique.pk)}


class BulkImportView(ReviewerRequiredMixin, View):
    """Several files at once. The page sends them one by one (so it can show progress) and gets each one's
    result as JSON; without JavaScript the whole form is posted and the results come back as a table."""

    template_name = "ingest/import_bulk.html"

    def get(self, request):
        return render(request, self.template_name, {"form": BulkImportForm()})

    def post(self, request):
        form = BulkImportForm(request.POST, request.FILES)
        wants_json = "application/json" in request.headers.get("Accept", "")
        if not form.is_valid():
            if wants_json:
                return JsonResponse({"status": "refused", "message": "Không nhận được tệp."}, status=400)
            return render(request, self.template_name, {"form": form}, status=400)
        results = [_import_one(upload, request.user) for upload in form.cleaned_data["files"]]
        if wants_json:
            return JsonResponse(results[0] if len(results) == 1 else {"results": results})
        return render(request, self.template_name, {"form": BulkImportForm(), "results": results})


# --- office: review ------------------------------------------------------------------------------

def render_review(request, communique: Communique, *, bound: DirectiveForm | None = None, status: int = 200):
    """The review page; `bound` replaces one directive's form to show its errors."""
    directives = selectors.directives_of(communique)
    cards = []
    for number, d in enumerate(directives, 1):
        form = bound if bound is not None and bound.directive.pk == d.pk else DirectiveForm(directive=d)
        cards.append({"number": number, "directive": d, "form": form,
                      "unmapped": [o for o in d.owners.all() if o.unit_id is None]})
    unknown: dict[str, dict] = {}
    for d in directives:
        for owner in d.owners.all():
            if owner.unit_id is None:
                entry = unknown.setdefault(fold(owner.name), {"owner": owner, "count": 0, "numbers": []})
                entry["count"] += 1
                entry["numbers"].append(next(c["number"] for c in cards if c["directive"].pk == d.pk))
    closest = selectors.closest_units([v["owner"].name for v in unknown.values()])
    for v in unknown.values():
        v["closest"] = closest.get(v["owner"].name, [])
    for card in cards:
        for owner in card["unmapped"]:  # the same instances the card's form lists
            owner.closest = closest.get(unknown[fold(owner.name)]["owner"].name, [])
    plans, problems = selectors.plan_publication(communique)
    planned = {p.directive.pk: len(p.leads) for p in plans}
    for card in cards:
        card["task_count"] = planned.get(card["directive"].pk, 0)
    return render(request, "ingest/review.html", {
        "communique": communique,
        "cards": cards,
        "highlighted": selectors.highlighted_text(communique, directives),
        "unknown": [{**v, "form": MapOwnerForm(initial={"owner": v["owner"].pk}, prefix=f"m{v['owner'].pk}")}
                    for v in unknown.values()],
        "problems": problems,
        "task_count": sum(len(p.leads) for p in plans),
        "kept_count": sum(1 for d in directives if not d.is_rejected),
        "units": selectors.unit_options(),
        "unit_datalist_id": UNIT_DATALIST_ID,
        "span_form": SpanForm(),
        "publish_form": PublishForm(),
        "split_form": SplitForm(),
    }, status=status)


class ReviewView(ReviewerRequiredMixin, View):
    def get(self, request, pk):
        communique = access.access_communique(request.user, pk)
        if communique.is_published:
            messages.info(request, "Thông báo đã ban hành nhiệm vụ; trang duyệt chỉ còn để xem.")
            return HttpResponseRedirect(reverse("ingest:communique_detail", args=[pk]))
        return render_review(request, communique)


class DirectiveUpdateView(ReviewerRequiredMixin, View):
    """Save a proposal's corrections; the "accept" button saves and accepts."""

    def post(self, request, pk):
        directive = access.access_directive(request.user, pk)
        form = DirectiveForm(request.POST, directive=directive)
        if not form.is_valid():
            messages.error(request, "Chưa lưu được: hãy sửa các ô báo lỗi trong ý kết luận.")
            return render_review(request, directive.communique, bound=form, status=400)
        kwargs = form.update_kwargs()
        if request.POST.get("action") == "accept":
            kwargs["review"] = Directive.Review.ACCEPTED
        try:
            services.update_directive(directive, user=request.user, **kwargs)
        except ValidationError as exc:
            _error_messages(request, exc)
        else:
            messages.success(request, "Đã lưu ý kết luận." if "review" not in kwargs else
                             "Đã lưu và chấp nhận ý kết luận.")
        return HttpResponseRedirect(_review_url(directive.communique_id, f"card-{directive.pk}"))


class DirectiveReviewView(ReviewerRequiredMixin, View):
    """Accept, reject, or restore a proposal without touching its fields."""

    def post(self, request, pk):
        directive = access.access_directive(request.user, pk)
        form = ReviewDecisionForm(request.POST)
        if form.is_valid():
            try:
                services.set_review(directive, form.cleaned_data["review"], user=request.user)
            except ValidationError as exc:
                _error_messages(request, exc)
        else:
            messages.error(request, "Thao tác duyệt không hợp lệ.")
        return HttpResponseRedirect(_review_url(directive.communique_id, f"card-{directive.pk}"))


class DirectiveMergeView(ReviewerRequiredMixin, View):
    def post(self, request, pk):
        directive = access.access_directive(request.user, pk)
        try:
            merged = services.merge_with_next(directive, user=request.user)
        except ValidationError as exc:
            _error_messages(request, exc)
            return HttpResponseRedirect(_review_url(directive.communique_id, f"card-{directive.pk}"))
        messages.success(request, "Đã gộp với ý tiếp theo.")
        return HttpResponseRedirect(_review_url(merged.communique_id, f"card-{merged.pk}"))


class DirectiveSplitView(ReviewerRequiredMixin, View):
    def post(self, request, pk):
        directive = access.access_directive(request.user, pk)
        form = SplitForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Hãy nhập vị trí tách (một số, tính theo ký tự của nội dung).")
            return HttpResponseRedirect(_review_url(directive.communique_id, f"card-{directive.pk}"))
        try:
            services.split_directive(directive, form.cleaned_data["at"], by_sentence=form.cleaned_data["by_sentence"],
                                     user=request.user)
        except ValidationError as exc:
            _error_messages(request, exc)
        else:
            messages.success(request, "Đã tách thành hai ý.")
        return HttpResponseRedirect(_review_url(directive.communique_id, f"card-{directive.pk}"))


class DirectiveDeleteView(ReviewerRequiredMixin, View):
    def post(self, request, pk):
        directive = access.access_directive(request.user, pk)
        try:
            services.delete_directive(directive, user=request.user)
        except ValidationError as exc:
            _error_messages(request, exc)
        else:
            messages.success(request, "Đã xoá ý kết luận.")
        return HttpResponseRedirect(_review_url(directive.communique_id))


class DirectiveAddView(ReviewerRequiredMixin, View):
    """A directive the extractor missed, from text selected in the source pane."""

    def post(self, request, pk):
        communique = access.access_communique(request.user, pk)
        form = SpanForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Hãy bôi đen đoạn văn bản cần thêm trong cột nội dung thông báo.")
            return HttpResponseRedirect(_review_url(pk))
        data = form.cleaned_data
        try:
            directive = services.add_directive(communique, start=data["start"], end=data["end"],
                                               expected_text=data["selected_text"], user=request.user)
        except ValidationError as exc:
            _error_messages(request, exc)
            return HttpResponseRedirect(_review_url(pk))
        messages.success(request, "Đã thêm ý kết luận từ đoạn văn bản đã chọn; hãy kiểm tra đơn vị và thời hạn.")
        return HttpResponseRedirect(_review_url(pk, f"card-{directive.pk}"))


class OwnerMapView(ReviewerRequiredMixin, View):
    """Tie an unrecognised mention (everywhere in the communiqué) to a unit, optionally as an alias."""

    def post(self, request, pk):
        owner = access.access_owner(request.user, pk)
        form = MapOwnerForm(request.POST, prefix=f"m{owner.pk}")
        communique_id = owner.directive.communique_id
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponseRedirect(_review_url(communique_id))
        try:
            count = services.map_owner(owner, form.cleaned_data["unit"], remember=form.cleaned_data["remember"],
                                       user=request.user)
        except ValidationError as exc:
            _error_messages(request, exc)
        else:
            remembered = " và ghi nhớ làm tên gọi khác" if form.cleaned_data["remember"] else ""
            messages.success(request, f"Đã gắn “{owner.name}” với {form.cleaned_data['unit']} "
                                      f"({count} chỗ){remembered}.")
        return HttpResponseRedirect(_review_url(communique_id))


class PublishView(PublisherRequiredMixin, View):
    def post(self, request, pk):
        communique = access.access_communique(request.user, pk)
        form = PublishForm(request.POST)
        fallback = form.is_valid() and form.cleaned_data["fallback"]
        try:
            tasks = services.publish(communique, request.user, fallback_unit=True if fallback else None)
        except ValidationError as exc:
            messages.error(request, "Chưa ban hành được:")
            _error_messages(request, exc)
            if communique.is_published or Communique.objects.filter(pk=pk, state=Communique.State.PUBLISHED).exists():
                return HttpResponseRedirect(reverse("ingest:communique_detail", args=[pk]))
            return HttpResponseRedirect(_review_url(pk))
        messages.success(request, f"Đã ban hành {len(tasks)} nhiệm vụ.")
        return HttpResponseRedirect(reverse("ingest:communique_detail", args=[pk]))
