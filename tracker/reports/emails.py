"""Builders for the office's emails (see tracker.reminders.emails.build): subject, template, context, lines."""
from tracker.models import ExtensionRequest, OutboxMessage, ProgressReport, Task

Kind = OutboxMessage.Kind


def _task(row):
    return Task.objects.select_related("lead_unit").filter(pk=row.task_id).first() if row.task_id else None


def _extension_requested(row):
    extension = ExtensionRequest.objects.select_related("requested_by").filter(
        pk=row.payload.get("extension_id"), state=ExtensionRequest.State.PENDING).first()
    task = _task(row)
    if extension is None or task is None:
        return None  # decided or withdrawn before sending: nothing to ask the office
    subject = f"[dondoc] {task.lead_unit} đề nghị gia hạn nhiệm vụ #{task.pk} đến {extension.new_due_date:%d/%m/%Y}"
    return subject, "office_extension", {"task": task, "extension": extension}, []


def _completion_reported(row):
    task = _task(row)
    report = ProgressReport.objects.select_related("author").filter(pk=row.payload.get("report_id")).first()
    if task is None or report is None or task.status != Task.Status.AWAITING:
        return None
    subject = f"[dondoc] {task.lead_unit} báo cáo hoàn thành nhiệm vụ #{task.pk}, chờ xác nhận"
    return subject, "office_completion", {"task": task, "report": report}, []


def _monthly_report(row):
    import io

    from . import docx, selectors, xlsx
    from .periods import parse

    period = parse(row.payload["period"])
    scope = selectors.Scope()
    report = selectors.period_report(scope, period, period.end)
    sheet, document = io.BytesIO(), io.BytesIO()
    xlsx.report_workbook(report, selectors.report_detail(scope, period, period.end), sheet)
    docx.report_document(report, document)
    name = f"bao-cao-tinh-hinh-thuc-hien-{period.code}"
    attachments = [
        (f"{name}.xlsx", sheet.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (f"{name}.docx", document.getvalue(),
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ]
    subject = f"[dondoc] Báo cáo tình hình thực hiện kết luận {period.label}"
    return subject, "monthly_report", {"report": report, "attachments": attachments}, []


BUILDERS = {Kind.EXTENSION_REQUESTED: _extension_requested, Kind.COMPLETION_REPORTED: _completion_reported,
            Kind.MONTHLY_REPORT: _monthly_report}
