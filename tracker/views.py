"""Thin views: reach the task through access.get_task, ask tracker.policy, validate with a form, write through services."""
import heapq
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from config import security

from . import access, policy, selectors, services
from .filtersets import TaskFilterSet
from .forms import ConfirmForm, ExtensionDecisionForm, ExtensionRequestForm, MarkDoneForm, ReportForm, StatusForm
from .models import Task, Timeliness
from .templatetags.tracker_tags import DUE_ROW_VALUES, TASK_ROW_VALUES

PAGE_SIZE = 50
DASHBOARD_ROWS = 50
# A tier's table shows at most this many units, those needing attention first; `?tier=` shows it whole.
TIER_ROWS = 25


# --- Task list -----------------------------------------------------------------

@require_GET
@login_required
def task_list(request):
    """The user's tasks, filtered; counts and the page cost a fixed number of queries."""
    today = selectors.local_today()
    # The visible tasks as they are: the page reads their ids and counts; `page_rows` reads the rows.
    filterset = TaskFilterSet(request.GET or None, queryset=selectors.visible_tasks(request.user), request=request)
    qs = filterset.qs
    counts = filterset.counts(today)
    paginator = Paginator(qs, PAGE_SIZE)
    paginator.count = counts["total"]  # already counted with the buckets: no second COUNT(*)
    page = paginator.get_page(request.GET.get("page"))
    start = (page.number - 1) * PAGE_SIZE
    page.object_list = selectors.page_rows(qs, start, start + PAGE_SIZE, today, filterset.branches(),
                                           values=TASK_ROW_VALUES)
    return render(request, "tracker/task_list.html", {
        "filter": filterset,
        "page": page,
        "tasks": page.object_list,
        "counts": [(bucket, counts[bucket.value]) for bucket in Timeliness],
        "total": counts["total"],
        "today": today,
        "list_url": reverse("tracker:task_list"),  # rows link to list_url + pk: one reverse(), not fifty
    })


@require_GET
@login_required
def communique_suggestions(request):
    """The communiqué filter's suggestions as JSON: only communiqués the user's filter may offer."""
    return JsonResponse({"results": selectors.communique_suggestions(request.user, request.GET.get("q", ""))})


# --- Task page -----------------------------------------------------------------

def _task_url(task) -> str:
    return reverse("tracker:task_detail", args=[task.pk])


def _forms_for(user, task, page: dict, bound: dict) -> dict:
    """The forms this user may use on this task now; a bound form (after bad input) replaces its blank one."""
    forms = {}
    if task.is_open and policy.can_report(user, task):
        forms["report"] = ReportForm(initial={"percent": task.progress})
    if task.is_open and task.status != Task.Status.AWAITING and policy.can_act_as_lead(user, task):
        forms["done"] = MarkDoneForm()
        if not page["pending_extension"]:
            forms["extension"] = ExtensionRequestForm()
    if policy.can_confirm(user):
        if task.status == Task.Status.AWAITING:
            forms["confirm"] = ConfirmForm()
        if page["pending_extension"]:
            forms["decision"] = ExtensionDecisionForm()
        forms["status"] = StatusForm(task=task)
    for form in forms.values():
        if "version" in form.fields:
            form.fields["version"].initial = task.version
    forms.update(bound)
    return forms


def _render_task(request, task, bound: dict | None = None, status: int = 200):
    page = selectors.task_page(task)
    context = {"task": task, **page, "forms": _forms_for(request.user, task, page, bound or {}),
               "role": policy.role_in(request.user, task)}
    return render(request, "tracker/task_detail.html", context, status=status)


@require_GET
@login_required
def task_detail(request, pk):
    task = access.get_task(request.user, pk, related=selectors.TASK_PAGE_RELATED)
    return _render_task(request, task)


def _handle(request, task, key: str, form, write, success: str):
    """Validate, write, redirect (POST-redirect-GET); on bad input re-show the page with the errors."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, success)
            return redirect(_task_url(task))
    messages.error(request, "Chưa lưu được: " + " ".join(
        str(e) for errors in form.errors.values() for e in errors))
    return _render_task(request, task, {key: form}, status=400)


def _writable_task(request, pk, check=None):
    return access.get_writable_task(request.user, pk, check)


@require_POST
@login_required
def report(request, pk):
    task = _writable_task(request, pk, policy.can_report)
    form = ReportForm(request.POST, request.FILES)
    return _handle(request, task, "report", form, lambda d: services.report_progress(
        task, request.user, text=d["text"], percent=d["percent"], attachment=d["attachment"]),
        "Đã gửi báo cáo tiến độ.")


@require_POST
@login_required
def mark_done(request, pk):
    task = _writable_task(request, pk, policy.can_act_as_lead)
    form = MarkDoneForm(request.POST, request.FILES)
    msg = "Đã ghi nhận hoàn thành." if policy.can_confirm(request.user) else \
        "Đã báo cáo hoàn thành; chờ Văn phòng xác nhận."
    return _handle(request, task, "done", form, lambda d: services.report_progress(
        task, request.user, text=d["text"], percent=100, attachment=d["attachment"], mark_done=True,
        expected_version=d["version"]), msg)


@require_POST
@login_required
def confirm(request, pk):
    task = _writable_task(request, pk, lambda user, _task: policy.can_confirm(user))
    form = ConfirmForm(request.POST)
    return _handle(request, task, "confirm", form, lambda d: services.confirm_completion(
        task, request.user, accept=d["decision"] == "accept", note=d["note"], expected_version=d["version"]),
        "Đã cập nhật xác nhận hoàn thành.")


@require_POST
@login_required
def extension_request(request, pk):
    task = _writable_task(request, pk, policy.can_act_as_lead)
    form = ExtensionRequestForm(request.POST)
    return _handle(request, task, "extension", form, lambda d: services.request_extension(
        task, request.user, new_due_date=d["new_due_date"], reason=d["reason"]),
        "Đã gửi đề nghị gia hạn; chờ Văn phòng xem xét.")


@require_POST
@login_required
def extension_decision(request, pk, ext_pk):
    task = _writable_task(request, pk, lambda user, _task: policy.can_confirm(user))
    extension = access.access_extension(request.user, task, ext_pk)
    form = ExtensionDecisionForm(request.POST)
    return _handle(request, task, "decision", form, lambda d: services.decide_extension(
        extension, request.user, approve=d["decision"] == "approve", note=d["note"],
        expected_version=d["version"]),
        "Đã xử lý đề nghị gia hạn.")


@require_POST
@login_required
def set_status(request, pk):
    task = _writable_task(request, pk, lambda user, _task: policy.can_confirm(user))
    form = StatusForm(request.POST, task=task)
    return _handle(request, task, "status", form, lambda d: services.update_task(
        task, request.user, status=d["status"], reason=d["note"], expected_version=d["version"]),
        "Đã đổi trạng thái nhiệm vụ.")


@require_GET
@login_required
def attachment(request, pk):
    """A report's file, only for users who may see its task: 404 for everyone else."""
    return attachment_response(access.get_report(request.user, pk))


def attachment_response(report_) -> HttpResponse:
    """The report's file as a download (the page and the API both serve it this way)."""
    if not report_.attachment:
        raise Http404("Báo cáo không có tệp đính kèm.")
    try:
        return security.download(report_.attachment, Path(report_.attachment.name).name)
    except FileNotFoundError:
        raise Http404("Tệp đính kèm không còn trên máy chủ.") from None


# --- Dashboard -----------------------------------------------------------------

def _attention(unit) -> tuple:
    counts = unit.__dict__  # the bucket counts `selectors.dashboard` set on each unit
    return (-counts[Timeliness.OVERDUE], -counts[Timeliness.DUE_SOON], -counts[Timeliness.NO_DEADLINE])


def _units_shown(units: list, whole: bool) -> list:
    """A tier's rows: every unit (by name) when they fit or when asked for, else the TIER_ROWS units with the
    most overdue tasks (then due soon, then without a deadline): a province's hundreds of communes in one
    table are a report, not an overview, and cost the page ~10 ms to write."""
    if whole or len(units) <= TIER_ROWS:
        return units
    return heapq.nsmallest(TIER_ROWS, units, key=_attention)  # stable: ties stay in name order


@require_GET
@login_required
def dashboard(request):
    """The office's overview; leadership may read it too."""
    policy.require(policy.can_view_all(request.user))
    data = selectors.dashboard(communique_rows=DASHBOARD_ROWS)
    buckets = list(Timeliness)
    communiques = [c for c in data["communiques"] if c.total]
    for c in communiques:
        c.rate = round(100 * c.done / c.total)
    # The units' rows are written from the units themselves (`unit_count_rows`): no per-unit cell lists.
    whole = request.GET.get("tier")
    tier_rows = [{**tier, "cells": [(b, tier["totals"][b.value]) for b in buckets],
                  "shown": _units_shown(tier["units"], whole == tier["value"]),
                  "open": tier["open"] or whole == tier["value"]} for tier in data["tiers"]]
    overdue_rows, due_soon_rows = selectors.dashboard_due_rows(data, DUE_ROW_VALUES, DASHBOARD_ROWS)
    return render(request, "tracker/dashboard.html", {
        **data,
        "communique_rows": communiques,
        "grand_total": sum(data["totals"].values()),
        "buckets": buckets,
        "tier_rows": tier_rows,
        "chart_units": [unit for tier in data["tiers"] for unit in tier["units"]],  # the chart: every unit
        "total_row": [(b, data["totals"][b.value]) for b in buckets],
        "overdue_rows": overdue_rows,
        "due_soon_rows": due_soon_rows,
        "row_limit": DASHBOARD_ROWS,
        "list_url": reverse("tracker:task_list"),
    })
