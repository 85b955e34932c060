"""Publishing a reviewed communiqué: its kept directives become tasks, once, with the units told."""
from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ingest import selectors
from ingest.models import Communique, Directive
from tracker.models import Task, Unit, User
from tracker.reminders import notify_assigned
from tracker.services import create_task

Review = Directive.Review


def _recurrence(directive: Directive) -> str:
    if not directive.recurring:
        return Task.Recurrence.NONE
    return Task.Recurrence.YEARLY if directive.deadline else Task.Recurrence.ONGOING


def _resolve_fallback(fallback_unit) -> Unit | None:
    if fallback_unit is None or fallback_unit is False:
        return None
    if isinstance(fallback_unit, Unit):
        return fallback_unit
    unit = selectors.office_unit()
    if unit is None:
        raise ValidationError(f"Không tìm thấy đơn vị văn phòng (mã {settings.OFFICE_UNIT_CODE}) để nhận "
                              "các ý chưa có đơn vị chủ trì.")
    return unit


def publish(communique: Communique, user: User | None = None, *, fallback_unit: Unit | bool | None = None,
            notify: bool = True, now: datetime | None = None) -> list[Task]:
    """Turn the kept directives into tasks, once: one task per lead unit, groups fanned out.

    Refuses (ValidationError listing every problem) while a kept directive has empty text,
    no lead, or an owner with no unit. `fallback_unit` (a Unit, or True for the office's
    own unit, settings.OFFICE_UNIT_CODE) takes directives with no usable lead instead.
    The units' "new task" emails are queued in the same transaction (`notify=False`
    for demo data), so they commit with the tasks or not at all. `now` dates it (the demo's past).
    """
    with transaction.atomic():
        locked = Communique.objects.select_for_update().get(pk=communique.pk)
        if locked.is_published:
            raise ValidationError(_already_published(locked))
        fallback = _resolve_fallback(fallback_unit)
        plans, problems = selectors.plan_publication(locked, fallback_unit=fallback)
        if problems:
            raise ValidationError(problems)
        now = now or timezone.now()
        # The claim is a conditional UPDATE: even where row locks are no-ops, only one caller wins.
        claimed = Communique.objects.filter(pk=locked.pk, state=Communique.State.DRAFT).update(
            state=Communique.State.PUBLISHED, published_at=now, published_by=user)
        if not claimed:
            raise ValidationError(_already_published(Communique.objects.get(pk=locked.pk)))
        tasks: list[Task] = []
        for plan in plans:
            d = plan.directive
            for lead in plan.leads:
                tasks.append(create_task(
                    title=d.text, lead=lead, supports=plan.supports, report_to=d.report_to,
                    due_date=d.deadline, deadline_phrase=d.deadline_phrase, recurrence=_recurrence(d),
                    directive=d, user=user, now=now,
                ))
        communique.directives.exclude(review=Review.REJECTED).update(review=Review.ACCEPTED)
        if notify and tasks:
            notify_assigned([t.pk for t in tasks])
    communique.state, communique.published_at, communique.published_by = Communique.State.PUBLISHED, now, user
    return tasks


def _already_published(communique: Communique) -> str:
    when = timezone.localtime(communique.published_at).strftime("%d/%m/%Y %H:%M") if communique.published_at else ""
    return f"Thông báo này đã được ban hành nhiệm vụ{' lúc ' + when if when else ''}; không ban hành lại."
