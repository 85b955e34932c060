"""Writes: every change of a task's state goes through here, inside a transaction, with history.

Each write locks the task row (select_for_update; SQLite's IMMEDIATE transactions
serialize writers) and saves only the fields it changes, so a status change and
an extension decision racing on one task both land.
"""
from datetime import date, datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tracker.folding import fold

from . import policy, reminders, selectors, webhooks
from .models import ExtensionRequest, ProgressReport, Task, TaskAssignment, Unit, User

Status = Task.Status
KEEP_DUE = object()  # update_task: leave the due date as it is (None means no deadline)


STALE = "Nhiệm vụ vừa được người khác cập nhật sau khi bạn mở trang; hãy xem lại rồi thao tác lại."


def _locked(task: Task, expected_version: int | None = None) -> Task:
    """The task row, locked; refused if a form was filled in on an older version of it."""
    locked = Task.objects.select_for_update().get(pk=task.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(STALE, code="stale")
    return locked


def _save(task: Task, user: User | None, reason: str, fields: list[str], now: datetime | None = None) -> None:
    task._change_reason = reason if len(reason) <= 100 else reason[:99] + "…"  # the history column holds 100
    task._history_user = user
    if now is not None:
        task._history_date = now
    task.version += 1
    task.save(update_fields=[*fields, "version", "updated_at"])


def search_text_for(task: Task) -> str:
    """The folded text the list's free-text filter searches: content, units, communiqué number."""
    parts = [task.title, task.deadline_phrase]
    parts += [a.unit.name for a in task.assignments.select_related("unit")]
    if task.directive_id:
        parts.append(task.directive.communique.number)
    return fold(" ".join(p for p in parts if p))


@transaction.atomic
def create_task(*, title: str, lead: Unit, supports: list[Unit] = (), report_to: Unit | None = None,
                due_date: date | None = None, deadline_phrase: str = "", recurrence: str = "",
                directive=None, user: User | None = None, reason: str = "Giao nhiệm vụ",
                now: datetime | None = None) -> Task:
    """One task for one lead unit, with its support units assigned (`now`: when, if not now)."""
    now = now or timezone.now()
    task = Task(title=title, lead_unit=lead, report_to=report_to, original_due_date=due_date,
                due_date=due_date, deadline_phrase=deadline_phrase[:255], recurrence=recurrence,
                directive=directive, created_at=now)
    task._history_user, task._history_date = user, now
    task._change_reason = reason[:100]
    task.save()
    TaskAssignment.objects.create(task=task, unit=lead, role=TaskAssignment.Role.LEAD)
    for unit in {u.pk: u for u in supports if u.pk != lead.pk}.values():
        TaskAssignment.objects.create(task=task, unit=unit, role=TaskAssignment.Role.SUPPORT)
    Task.objects.filter(pk=task.pk).update(search_text=search_text_for(task))
    webhooks.emit("task.created", task)
    return task


@transaction.atomic
def report_progress(task: Task, user: User, *, text: str, percent: int, attachment=None,
                    mark_done: bool = False, expected_version: int | None = None,
                    now: datetime | None = None) -> ProgressReport:
    """A progress report; marking done sends the task to the office for confirmation."""
    now = now or timezone.now()
    policy.require(policy.can_report(user, task))
    if mark_done:
        policy.require(policy.can_act_as_lead(user, task))
    if not 0 <= percent <= 100:
        raise ValidationError("Tiến độ phải từ 0 đến 100%.")
    task = _locked(task, expected_version)
    if not task.is_open:
        raise ValidationError("Nhiệm vụ đã kết thúc, không thể báo cáo thêm.")
    fields = ["progress"]
    previous = task.status
    task.progress = 100 if mark_done else percent
    new_status = ""
    if mark_done:
        new_status = Status.DONE if policy.can_confirm(user) else Status.AWAITING
        task.status = new_status
        task.completed_on = timezone.localdate(now)
        fields += ["status", "completed_on"]
    elif task.status == Status.NEW:
        new_status = task.status = Status.IN_PROGRESS
        fields.append("status")
    report = ProgressReport(task=task, author=user, text=text, percent=task.progress,
                            attachment=attachment or "", new_status=new_status, created_at=now)
    report._history_user, report._history_date = user, now
    report.save()
    _save(task, user, "Báo cáo hoàn thành" if mark_done else "Báo cáo tiến độ", fields, now)
    if new_status == Status.AWAITING:
        from .reports import notify

        notify.completion_reported(task, report)  # to the office, sent on commit
    if new_status:
        webhooks.emit("task.status_changed", task, previous_status=previous)
    return report


@transaction.atomic
def confirm_completion(task: Task, user: User, *, accept: bool, note: str = "",
                       expected_version: int | None = None, now: datetime | None = None) -> Task:
    """The office confirms a completion (it then counts as done) or sends it back."""
    policy.require(policy.can_confirm(user))
    task = _locked(task, expected_version)
    if task.status != Status.AWAITING:
        raise ValidationError("Nhiệm vụ không ở trạng thái chờ xác nhận hoàn thành.")
    previous = task.status
    if accept:
        task.status = Status.DONE
        reason = "Xác nhận hoàn thành"
    else:
        task.status, task.completed_on = Status.IN_PROGRESS, None
        reason = "Trả lại, chưa xác nhận hoàn thành" + (f": {note}" if note else "")
    _save(task, user, reason, ["status", "completed_on"], now)
    reminders.completion_decided(task, accept, note)  # outbox row in this transaction, sent on commit
    webhooks.emit("completion.confirmed", task, accepted=accept, note=note)
    webhooks.emit("task.status_changed", task, previous_status=previous)
    return task


@transaction.atomic
def request_extension(task: Task, user: User, *, new_due_date: date, reason: str,
                      now: datetime | None = None) -> ExtensionRequest:
    now = now or timezone.now()
    policy.require(policy.can_act_as_lead(user, task))
    task = _locked(task)
    if not task.is_open:
        raise ValidationError("Nhiệm vụ đã kết thúc, không thể xin gia hạn.")
    if not reason.strip():
        raise ValidationError("Cần nêu lý do xin gia hạn.")
    if new_due_date < timezone.localdate(now):
        raise ValidationError("Hạn đề nghị không được ở trong quá khứ.")
    if task.due_date and new_due_date <= task.due_date:
        raise ValidationError("Hạn đề nghị phải sau hạn hiện tại.")
    if task.extensions.filter(state=ExtensionRequest.State.PENDING).exists():
        raise ValidationError("Đã có một đề nghị gia hạn đang chờ duyệt.")
    extension = ExtensionRequest(task=task, requested_by=user, previous_due_date=task.due_date,
                                 new_due_date=new_due_date, reason=reason.strip(), requested_at=now)
    extension._history_user, extension._history_date = user, now
    extension.save()
    from .reports import notify

    notify.extension_requested(extension)  # to the office, sent on commit
    return extension


@transaction.atomic
def decide_extension(extension: ExtensionRequest, user: User, *, approve: bool, note: str = "",
                     expected_version: int | None = None) -> ExtensionRequest:
    """Only an approved extension moves the current due date; the original stays."""
    policy.require(policy.can_confirm(user))
    extension = ExtensionRequest.objects.select_for_update().get(pk=extension.pk)
    if extension.state != ExtensionRequest.State.PENDING:
        raise ValidationError("Đề nghị gia hạn này đã được xử lý.")
    task = _locked(extension.task, expected_version)
    extension.state = ExtensionRequest.State.APPROVED if approve else ExtensionRequest.State.REFUSED
    extension.decided_by, extension.decided_at, extension.decision_note = user, timezone.now(), note
    extension._history_user = user
    extension.save()
    if approve:
        task.due_date = extension.new_due_date
        _save(task, user, f"Gia hạn đến {extension.new_due_date:%d/%m/%Y}", ["due_date"])
    reminders.extension_decided(extension)  # outbox row in this transaction, sent on commit
    webhooks.emit("extension.decided", task, extension={
        "id": extension.pk, "approved": approve, "new_due_date": extension.new_due_date.isoformat(),
        "previous_due_date": extension.previous_due_date.isoformat() if extension.previous_due_date else None,
        "note": note})
    return extension


def _apply_lead(task: Task, lead: Unit) -> tuple[list[str], str]:
    """The lead unit and its lead assignment move together (the old lead is no longer on the task)."""
    task.assignments.filter(role=TaskAssignment.Role.LEAD).delete()
    task.assignments.filter(unit=lead).delete()
    TaskAssignment.objects.create(task=task, unit=lead, role=TaskAssignment.Role.LEAD)
    task.lead_unit = lead
    return ["lead_unit"], f"Giao lại cho {lead}"


def _apply_status(task: Task, status: str) -> tuple[list[str], str]:
    """A status with its completion date: done has one (today unless set), every other status none."""
    if status not in Status.values:
        raise ValidationError("Trạng thái không hợp lệ.")
    task.status = status
    if status != Status.DONE:
        task.completed_on = None
    elif not task.completed_on:
        task.completed_on = selectors.local_today()
        task.progress = 100
    return ["status", "completed_on", "progress"], f"Đổi trạng thái: {Status(status).label}"


EDITABLE_DETAILS = ("title", "report_to", "assignee", "deadline_phrase", "recurrence", "original_due_date")


@transaction.atomic
def update_task(task: Task, user: User, *, expected_version: int | None = None, reason: str = "",
                lead: Unit | None = None, supports=None, status: str | None = None, due_date=KEEP_DUE,
                **details) -> Task:
    """Every edit of a task by the office, whichever door (admin form and actions, task page, corrections
    after publishing, API): one set of rules, one history entry listing what changed and why.

    Fields left out (None, KEEP_DUE) stay as they are; an edit that changes nothing writes nothing.
    """
    policy.require(policy.can_confirm(user))
    if "title" in details:
        details["title"] = (details["title"] or "").strip()
        if not details["title"]:
            raise ValidationError("Nội dung nhiệm vụ không được để trống.")
    unknown = set(details) - set(EDITABLE_DETAILS)
    if unknown:
        raise ValidationError(f"Trường {', '.join(sorted(unknown))} không sửa được ở đây.")
    task = _locked(task, expected_version)
    previous = task.status
    fields, changes = [], []
    if "title" in details and details["title"] != task.title:
        changes.append("Sửa nội dung")
    if lead is not None and lead.pk != task.lead_unit_id:
        changed, change = _apply_lead(task, lead)
        fields += changed
        changes.append(change)
    if supports is not None and _apply_supports(task, supports):
        fields.append("search_text")
        changes.append("Đổi đơn vị phối hợp")
    if status is not None and status != task.status:
        changed, change = _apply_status(task, status)
        fields += changed
        changes.append(change)
    if due_date is not KEEP_DUE and due_date != task.due_date:
        task.due_date = due_date
        fields.append("due_date")
        changes.append(f"Đổi hạn thành {due_date:%d/%m/%Y}" if due_date else "Đổi hạn: không thời hạn")
    for name, value in details.items():
        if getattr(task, name) != value:
            setattr(task, name, value)
            fields.append(name)
            if name != "title" and "Sửa thông tin nhiệm vụ" not in changes:
                changes.append("Sửa thông tin nhiệm vụ")
    if not fields:
        return task
    task.search_text = search_text_for(task)
    _save(task, user, _history_reason(changes, reason.strip()), sorted({*fields, "search_text"}))
    if task.status != previous:
        webhooks.emit("task.status_changed", task, previous_status=previous)
    return task


def _apply_supports(task: Task, supports) -> bool:
    """The support units become exactly `supports` (never the lead); True if anything changed."""
    wanted = {u.pk for u in supports} - {task.lead_unit_id}
    current = set(task.assignments.filter(role=TaskAssignment.Role.SUPPORT).values_list("unit_id", flat=True))
    if wanted == current:
        return False
    task.assignments.filter(role=TaskAssignment.Role.SUPPORT, unit_id__in=current - wanted).delete()
    for unit_id in wanted - current:  # one save each (not bulk_create): its signal counts it in the tallies
        TaskAssignment.objects.create(task=task, unit_id=unit_id, role=TaskAssignment.Role.SUPPORT)
    return True


def _history_reason(changes: list[str], why: str, limit: int = 100) -> str:
    """'What changed – why', shortening the list of changes rather than the reason."""
    text = "; ".join(changes)
    if not why:
        return text
    room = limit - len(why) - 3
    shown = list(changes)
    while len(text) > room and len(shown) > 1:
        shown.pop()
        text = "; ".join(shown) + "; …"
    if len(text) > room:
        text = text[:max(room - 1, 0)] + "…"
    return f"{text} – {why}"


@transaction.atomic
def withdraw_report(report: ProgressReport, user: User, *, reason: str) -> ProgressReport:
    """A report is never deleted: withdrawing keeps it, with why, in the record."""
    policy.require(policy.can_confirm(user))
    if not reason.strip():
        raise ValidationError("Cần nêu lý do hủy báo cáo.")
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    report.withdrawn_reason = reason.strip()
    report._history_user = user
    report._change_reason = "Hủy báo cáo"
    report.save(update_fields=["withdrawn_reason"])
    return report


@transaction.atomic
def delete_task(task: Task, user: User, *, reason: str = "Xoá nhiệm vụ") -> None:
    """Delete a task (admin): its history keeps a deletion record, the closed-task tally drops it."""
    policy.require(policy.can_confirm(user))
    task = _locked(task)
    task._history_user, task._change_reason = user, reason
    task.delete()


def refresh_search_text(task: Task) -> None:
    """Recompute the folded search text after an edit outside these services (the admin form)."""
    Task.objects.filter(pk=task.pk).update(search_text=search_text_for(task))


@transaction.atomic
def move_task_to_successor(task: Task, old: Unit, successor: Unit, *, user: User | None, reason: str) -> Task:
    """One open task of a merged or renamed unit goes to its successor, lead or support alike."""
    task = _locked(task)
    mine = task.assignments.get(unit=old)
    theirs = task.assignments.filter(unit=successor).first()
    if theirs is not None:  # the successor already had a part: keep the stronger role, once
        if mine.role == TaskAssignment.Role.LEAD:
            theirs.role = TaskAssignment.Role.LEAD
            mine.delete()
            theirs.save(update_fields=["role"])
        else:
            mine.delete()
    else:
        mine.unit = successor
        mine.save(update_fields=["unit"])
    fields = ["search_text"]
    if task.lead_unit_id == old.pk:
        task.lead_unit = successor
        fields.append("lead_unit")
    task.search_text = search_text_for(task)
    _save(task, user, reason, fields)
    return task


@transaction.atomic
def add_missed_task(communique, user: User, *, title: str, lead: Unit, supports: list[Unit] = (),
                    due_date: date | None = None, reason: str = ""):
    """A directive the extraction missed, added to a published communiqué with its task."""
    Communique, Directive = apps.get_model("ingest", "Communique"), apps.get_model("ingest", "Directive")
    policy.require(policy.can_confirm(user))
    if communique.state != Communique.State.PUBLISHED:
        raise ValidationError("Chỉ bổ sung nhiệm vụ cho thông báo đã ban hành; bản nháp sửa trong trang duyệt.")
    if not title.strip():
        raise ValidationError("Nội dung nhiệm vụ không được để trống.")
    last = communique.directives.order_by("-order").values_list("order", flat=True).first() or 0
    directive = Directive.objects.create(
        communique=communique, order=last + 1, text=title.strip(), deadline=due_date,
        deadline_source=Directive.DeadlineSource.MANUAL if due_date else "", review=Directive.Review.ACCEPTED)
    label = "Bổ sung nhiệm vụ bị sót khi trích xuất" + (f": {reason.strip()}" if reason.strip() else "")
    task = create_task(title=title.strip(), lead=lead, supports=list(supports), due_date=due_date,
                       directive=directive, user=user, reason=label)
    reminders.notify_assigned([task.pk])
    return task
