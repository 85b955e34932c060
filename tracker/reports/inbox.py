"""What waits for the office ("Việc chờ xử lý"), its navbar count, and a user's own settings."""
from django.apps import apps
from django.db.models import Exists, F, Func, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from tracker.models import ExtensionRequest, ProgressReport, Task, User

ROWS = 100


def _unmatched_drafts():
    Communique, DirectiveOwner = apps.get_model("ingest", "Communique"), apps.get_model("ingest", "DirectiveOwner")

    unmatched = DirectiveOwner.objects.filter(directive__communique=OuterRef("pk"), unit__isnull=True).exclude(
        directive__review="rejected")
    return Communique.objects.filter(state=Communique.State.DRAFT).filter(Exists(unmatched))


def _new_reports(user: User):
    qs = ProgressReport.objects.exclude(author=user).filter(new_status__in=["", Task.Status.IN_PROGRESS])
    if user.inbox_seen_at:
        qs = qs.filter(created_at__gt=user.inbox_seen_at)
    return qs


def _count(qs):
    """COUNT(*) of `qs` as a scalar subquery (0 when empty)."""
    # COUNT as a plain function: no GROUP BY, one row for the whole filtered table.
    return Coalesce(Subquery(qs.order_by().values(n=Func(F("pk"), function="COUNT"))[:1]), 0)


def counts(user: User) -> dict:
    """The badge's four counts in one query (every office page shows it)."""
    data = User.objects.filter(pk=user.pk).annotate(
        extensions=_count(ExtensionRequest.objects.filter(state=ExtensionRequest.State.PENDING)),
        completions=_count(Task.objects.filter(status=Task.Status.AWAITING)),
        reports=_count(_new_reports(user)),
        drafts=_count(_unmatched_drafts()),
    ).values("extensions", "completions", "reports", "drafts").first() or dict.fromkeys(
        ("extensions", "completions", "reports", "drafts"), 0)
    data["total"] = data["extensions"] + data["completions"] + data["reports"] + data["drafts"]
    return data


def inbox(user: User) -> dict:
    return {
        "counts": counts(user),
        "extensions": ExtensionRequest.objects.filter(state=ExtensionRequest.State.PENDING).select_related(
            "task__lead_unit", "requested_by").order_by("requested_at")[:ROWS],
        "completions": Task.objects.filter(status=Task.Status.AWAITING).select_related("lead_unit").defer(
            "search_text").order_by("completed_on", "pk")[:ROWS],
        "reports": _new_reports(user).select_related("task__lead_unit", "author").order_by("-created_at")[:ROWS],
        "drafts": _unmatched_drafts().order_by("-imported_at")[:ROWS],
        "seen_at": user.inbox_seen_at,
    }


def mark_seen(user: User) -> None:
    """The office has looked: progress reports before now are no longer new."""
    user.inbox_seen_at = timezone.now()
    User.objects.filter(pk=user.pk).update(inbox_seen_at=user.inbox_seen_at)


def save_preferences(user: User, data: dict) -> None:
    user.email_reminders = data["email_reminders"]
    User.objects.filter(pk=user.pk).update(email_reminders=user.email_reminders)


