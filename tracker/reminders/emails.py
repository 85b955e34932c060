"""Rendering: one outbox row → one Vietnamese email (HTML with a plain-text part, UTF-8 subject).

`build` decides at send time what the message still lists (tasks done or given a
new deadline since the sweep drop out; only tasks the recipient may see); it
returns None when nothing is left, and the row is then marked skipped.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.html import strip_tags

from tracker.models import OutboxMessage, ReminderItem, Task

from . import selectors

Kind = OutboxMessage.Kind


@dataclass
class Built:
    message: EmailMultiAlternatives
    subject: str
    lines: list
    message_id: str


def _d(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def message_id_for(row: OutboxMessage) -> str:
    """Stable per row, so a resend after a crash carries the same Message-ID (clients de-duplicate)."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "dondoc.local"
    return f"<dondoc.{row.kind}.{row.pk}.{row.local_date:%Y%m%d}@{domain}>"


def _eligible(row: OutboxMessage) -> bool:
    """A person who left or opted out since the row was written gets nothing (đôn đốc always goes)."""
    if row.user_id is None:
        return True
    user = row.user
    if user is None or not user.is_active:
        return False
    return row.kind == Kind.ESCALATION or user.email_reminders


def _digest(row):
    lines = selectors.item_lines(row, ReminderItem.Kind.REMINDER)
    if not lines:
        return None
    groups = selectors.digest_groups(lines, row.local_date)
    counts = {k: len(v) for k, v in groups.items()}
    parts = []
    if counts["overdue"]:
        parts.append(f"{counts['overdue']} quá hạn")
    if counts["today"]:
        parts.append(f"{counts['today']} đến hạn hôm nay")
    if counts["soon"]:
        parts.append(f"{counts['soon']} sắp đến hạn")
    subject = f"[dondoc] Nhắc hạn nhiệm vụ ngày {_d(row.local_date)}: {', '.join(parts)}"
    return subject, "digest", {"groups": groups, "counts": counts, "show_unit": len(row.unit_ids) > 1}, lines


def _escalation(row):
    if row.task_id:
        lines = selectors.task_lines(row, [row.task_id])
    else:
        lines = selectors.item_lines(row, ReminderItem.Kind.ESCALATION)
    if not lines:
        return None
    unit = row.unit or (lines[0].task.lead_unit if lines else None)
    worst = max(line.days_late for line in lines)
    if len(lines) == 1:
        t = lines[0].task
        late = f"quá hạn {worst} ngày" if worst > 0 else f"hạn {_d(t.due_date)}"
        subject = f"[dondoc] Đôn đốc thực hiện nhiệm vụ #{t.pk} ({late}) – yêu cầu giải trình"
    else:
        subject = f"[dondoc] Đôn đốc {len(lines)} nhiệm vụ quá hạn – yêu cầu giải trình"
    return subject, "escalation", {"unit": unit, "manual": bool(row.payload.get("manual"))}, lines


def _assigned(row):
    lines = selectors.task_lines(row, row.payload.get("task_ids", []))
    if not lines:
        return None
    if len(lines) == 1:
        subject = f"[dondoc] Nhiệm vụ mới được giao: #{lines[0].task.pk}"
    else:
        subject = f"[dondoc] {len(lines)} nhiệm vụ mới được giao"
    return subject, "assigned", {}, lines


def _extension(row):
    lines = selectors.task_lines(row, [row.task_id] if row.task_id else [], open_only=False)
    if not lines:
        return None
    approved = row.payload.get("approved")
    new_due = date.fromisoformat(row.payload["new_due_date"]) if row.payload.get("new_due_date") else None
    verdict = f"chấp thuận gia hạn đến {_d(new_due)}" if approved else "không chấp thuận gia hạn"
    subject = f"[dondoc] Nhiệm vụ #{row.task_id}: {verdict}"
    return subject, "extension", {"approved": approved, "new_due": new_due, "note": row.payload.get("note", "")}, lines


def _completion(row):
    lines = selectors.task_lines(row, [row.task_id] if row.task_id else [], open_only=False)
    if not lines:
        return None
    accepted = row.payload.get("accepted")
    verdict = "đã được xác nhận hoàn thành" if accepted else "bị trả lại, chưa xác nhận hoàn thành"
    subject = f"[dondoc] Nhiệm vụ #{row.task_id} {verdict}"
    return subject, "completion", {"accepted": accepted, "note": row.payload.get("note", "")}, lines


def _long_overdue(row):
    lines = selectors.office_lines(row, row.payload.get("task_ids", []))
    if not lines:
        return None
    subject = (f"[dondoc] Báo cáo tháng {row.local_date:%m/%Y}: {len(lines)} nhiệm vụ quá hạn trên "
               f"{row.payload.get('stale_after')} ngày")
    return subject, "long_overdue", {"stale_after": row.payload.get("stale_after")}, lines


BUILDERS = {Kind.DIGEST: _digest, Kind.ESCALATION: _escalation, Kind.ASSIGNED: _assigned,
            Kind.EXTENSION: _extension, Kind.COMPLETION: _completion, Kind.LONG_OVERDUE: _long_overdue}


def _builder(kind):
    from tracker.reports.emails import BUILDERS as OFFICE_BUILDERS  # the office's own emails

    return BUILDERS.get(kind) or OFFICE_BUILDERS[kind]


def build(row: OutboxMessage) -> Built | None:
    if not _eligible(row):
        return None
    made = _builder(row.kind)(row)
    if made is None:
        return None
    subject, template, context, lines = made
    attachments = context.pop("attachments", ())
    context = {
        **context, "row": row, "lines": lines, "date": row.local_date, "site_url": settings.SITE_URL,
        "office_email": settings.OFFICE_EMAIL, "recipient_user": row.user if row.user_id else None,
        "Status": Task.Status,
    }
    html = render_to_string(f"emails/{template}.html", context)
    text = render_to_string(f"emails/{template}.txt", context)
    mid = message_id_for(row)
    headers = {"Message-ID": mid, "Auto-Submitted": "auto-generated", "X-Dondoc-Outbox": str(row.pk)}
    message = EmailMultiAlternatives(
        subject=subject, body=text or strip_tags(html), from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.recipient], cc=[row.cc] if row.cc else [], headers=headers,
    )
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(*attachment)
    return Built(message, subject, lines, mid)
