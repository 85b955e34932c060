"""Thin views: the report page, its print view and files, the task list export, the inbox, preferences."""
import io
import tempfile

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.core.exceptions import ValidationError
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tracker import access, policy, services
from tracker import selectors as tracker_selectors
from tracker.filtersets import TaskFilterSet
from tracker.models import Timeliness, Unit

from . import charts, docx, inbox, jobs, selectors, xlsx
from .forms import CorrectionForm, MissedTaskForm, PreferencesForm, ReportForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _scope(user, data: dict) -> selectors.Scope:
    """The scope the user asked for, within what they may see: a unit user only ever gets their own unit."""
    if not policy.can_view_all(user):
        if not user.unit_id:
            raise Http404("Tài khoản chưa gắn với đơn vị.")
        return selectors.Scope(unit=user.unit, label=user.unit.name, visible_to=user)
    scope = selectors.Scope(visible_to=user)
    labels = []
    if data.get("unit"):
        scope.unit = Unit.objects.filter(pk=data["unit"]).first()
        labels.append(scope.unit.name)
    if data.get("group"):
        scope.group = Unit.objects.filter(pk=data["group"], is_group=True).first()
        labels.append(scope.group.name)
    if data.get("communique"):
        communique = data["communique"]
        scope.communique_id = communique.pk
        labels.append(f"Thông báo {communique.label}")
    if data.get("issuer"):
        scope.issuer = data["issuer"]
        labels.append(f"Văn bản của {data['issuer']}")
    scope.label = "; ".join(labels) or "Tất cả đơn vị"
    return scope


def _reject_foreign_unit(request) -> None:
    """A unit user who names another unit in the address gets 404, not a silently rescoped report."""
    user = request.user
    if policy.can_view_all(user):
        return
    for name in ("unit", "group", "communique", "issuer"):
        value = request.GET.get(name)
        if value and not (name == "unit" and value == str(user.unit_id)):
            raise Http404("Không tìm thấy báo cáo.")


def _report_request(request):
    policy.require(policy.can_view(request.user))
    _reject_foreign_unit(request)
    today = tracker_selectors.local_today()
    form = ReportForm(request.GET or None, user=request.user, today=today)
    if not request.GET:
        form = ReportForm({"period": form.fields["period"].initial}, user=request.user, today=today)
    if not form.is_valid():
        return form, None, None
    data = form.cleaned_data
    return form, _scope(request.user, data), data


@require_GET
@login_required
def report(request, template="tracker/reports/report.html"):
    form, scope, data = _report_request(request)
    context = {"form": form, "report": None}
    if scope is not None:
        period, as_of = data["period_obj"], data["as_of"]
        report_ = selectors.period_report(scope, period, as_of)
        context.update({
            "report": report_,
            "bars": charts.unit_bars(report_),
            "trend_chart": charts.trend_line(report_["trend"]),
            "query": request.GET.urlencode(),
            "list_url": reverse("tracker:task_list"),
        })
    status = 200 if scope is not None or not request.GET else 400
    return render(request, template, context, status=status)


@require_GET
@login_required
def report_print(request):
    return report(request, template="tracker/reports/print.html")


def _filename(report_: dict, ext: str) -> str:
    code = report_["period"]["code"] or f"{report_['period']['start']:%Y%m%d}-{report_['period']['end']:%Y%m%d}"
    return f"bao-cao-tinh-hinh-thuc-hien-{code}.{ext}"


@require_GET
@login_required
def report_export(request, fmt: str):
    """The report as .xlsx (both sheets, streamed from a temporary file) or .docx (the draft to sign)."""
    form, scope, data = _report_request(request)
    if scope is None:
        messages.error(request, "Chưa xuất được báo cáo: " + " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(reverse("reports:report"))
    period, as_of = data["period_obj"], data["as_of"]
    report_ = selectors.period_report(scope, period, as_of)
    if fmt == "xlsx" and report_["totals"]["total"] > jobs.SYNC_LIMIT:
        token = jobs.start(request.user, request.GET.urlencode(), report_["totals"]["total"])
        return redirect(reverse("reports:job", args=[token]))
    if fmt == "xlsx":
        out = tempfile.TemporaryFile()
        xlsx.report_workbook(report_, selectors.report_detail(scope, period, as_of), out)
        out.seek(0)
        return FileResponse(out, as_attachment=True, filename=_filename(report_, "xlsx"), content_type=XLSX)
    out = io.BytesIO()
    form_kind = request.GET.get("form") if request.GET.get("form") in docx.FORMS else "party"
    docx.report_document(report_, out, form=form_kind)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=_filename(report_, "docx"), content_type=DOCX)


def task_list_rows(request, today):
    """(count, rows) of the task list as filtered by `request.GET` for `request.user`; None for a bad filter."""
    filterset = TaskFilterSet(request.GET or None, queryset=tracker_selectors.task_list(request.user, today),
                              request=request)
    if filterset.is_bound and not filterset.is_valid():
        return None
    qs = filterset.qs
    buckets = dict(qs.values_list("pk", "timeliness"))
    ids = list(qs.values_list("pk", flat=True))
    labels = dict(Timeliness.choices)

    def rows():
        for row in selectors.task_rows(ids, None):
            row["result"] = labels.get(buckets.get(row["id"]), row["status_label"])
            yield row

    return len(ids), rows()


@require_GET
@login_required
def task_list_export(request):
    """The task list as filtered on its page, as .xlsx; "Kết quả" is each task's timeliness today."""
    today = tracker_selectors.local_today()
    found = task_list_rows(request, today)
    if found is None:
        messages.error(request, "Bộ lọc không hợp lệ, chưa xuất được danh sách.")
        return redirect(reverse("tracker:task_list"))
    count, rows = found
    if count > jobs.SYNC_LIMIT:
        token = jobs.start(request.user, request.GET.urlencode(), count, kind="list")
        return redirect(reverse("reports:job", args=[token]))
    out = tempfile.TemporaryFile()
    xlsx.task_list_workbook(rows, out, title=f"DANH SÁCH NHIỆM VỤ (ngày {today:%d/%m/%Y})")
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=f"danh-sach-nhiem-vu-{today:%Y%m%d}.xlsx",
                        content_type=XLSX)


def _own_job(request, token: str) -> dict:
    data = jobs.read(token)
    if data is None or data["user_id"] != request.user.pk:
        raise Http404("Không tìm thấy tệp xuất.")
    return data


@require_GET
@login_required
def job(request, token: str):
    """A large export's progress; the page refreshes itself until the file is ready."""
    data = _own_job(request, token)
    percent = round(100 * data["done"] / data["total"]) if data["total"] else 0
    return render(request, "tracker/reports/job.html", {"job": data, "token": token, "percent": percent})


@require_GET
@login_required
def job_file(request, token: str):
    data = _own_job(request, token)
    if data["state"] != "done":
        raise Http404("Tệp chưa sẵn sàng.")
    _meta, path = jobs.paths(token)
    return FileResponse(open(path, "rb"), as_attachment=True, filename=data["filename"], content_type=XLSX)


# --- The office's inbox and a user's preferences -------------------------------------

@require_GET
@login_required
def inbox_page(request):
    policy.require(policy.can_confirm(request.user))
    data = inbox.inbox(request.user)
    inbox.mark_seen(request.user)
    return render(request, "tracker/reports/inbox.html", data)


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request):
    form = PreferencesForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        inbox.save_preferences(request.user, form.cleaned_data)
        messages.success(request, "Đã lưu lựa chọn nhận email.")
        return redirect(reverse("reports:preferences"))
    return render(request, "tracker/reports/preferences.html", {"form": form})


# --- Corrections after publishing ---------------------------------------------------

@require_POST
@login_required
def correct_task(request, pk):
    """The office corrects a published task; the reason is in its history."""
    task = access.get_task(request.user, pk)
    policy.require(policy.can_confirm(request.user))
    form = CorrectionForm(request.POST, prefix="correct")
    if form.is_valid():
        d = form.cleaned_data
        try:
            edited = services.update_task(task, request.user, expected_version=d["version"], reason=d["reason"],
                                          title=d["title"], lead=d["lead"], supports=list(d["supports"]),
                                          due_date=d["due_date"])
        except ValidationError as exc:
            messages.error(request, "Chưa lưu được: " + " ".join(exc.messages))
        else:
            if edited.version == task.version:
                messages.info(request, "Không có thay đổi nào để lưu.")
            else:
                messages.success(request, "Đã điều chỉnh nhiệm vụ; lý do được ghi vào lịch sử.")
    else:
        messages.error(request, "Chưa lưu được: " + " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(reverse("tracker:task_detail", args=[task.pk]))


@require_POST
@login_required
def add_missed_task(request, pk):
    """The office adds a task the extraction missed to a published communiqué."""
    policy.require(policy.can_confirm(request.user))  # the office, who sees every communiqué
    communique = apps.get_model("ingest", "Communique").objects.filter(pk=pk).first()
    if communique is None:
        raise Http404("Không tìm thấy thông báo.")
    form = MissedTaskForm(request.POST, prefix="missed")
    url = reverse("ingest:communique_detail", args=[communique.pk])
    if form.is_valid():
        d = form.cleaned_data
        try:
            task = services.add_missed_task(communique, request.user, title=d["title"], lead=d["lead"],
                                            supports=list(d["supports"]), due_date=d["due_date"], reason=d["reason"])
        except ValidationError as exc:
            messages.error(request, "Chưa lưu được: " + " ".join(exc.messages))
        else:
            messages.success(request, f"Đã bổ sung nhiệm vụ #{task.pk}.")
            return redirect(f"{url}#row-{task.directive_id}")
    else:
        messages.error(request, "Chưa lưu được: " + " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(url)
