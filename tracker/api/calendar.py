"""The ICS feed of deadlines at a secret address: one all-day event per open task with a deadline.

Each event keeps its UID (the task) and carries SEQUENCE (the task's history length) and
LAST-MODIFIED, so a calendar that already holds it moves it when the deadline is extended.
"""
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from tracker import policy, selectors
from tracker.models import CalendarFeed, Task, TaskAssignment, User


def feed_tasks(user: User, unit_id: int | None):
    """Open tasks with a deadline that the user follows: their unit's; the office's and leadership's all or one unit's."""
    qs = selectors.visible_tasks(user).filter(status__in=Task.OPEN_STATUSES, due_date__isnull=False)
    if unit_id and policy.can_view_all(user):
        qs = qs.filter(pk__in=TaskAssignment.objects.filter(unit_id=unit_id).values("task_id"))
    revisions = Subquery(
        Task.history.model.objects.filter(id=OuterRef("pk")).order_by().values("id")
        .annotate(n=Count("*")).values("n"), output_field=IntegerField())
    return qs.annotate(revisions=revisions).select_related("lead_unit").order_by("due_date", "id")


def build_calendar(user: User, unit_id: int | None = None) -> bytes:
    host = urlsplit(settings.SITE_URL).hostname or "dondoc"
    list_url = settings.SITE_URL + reverse("tracker:task_list")
    cal = Calendar()
    cal.add("prodid", "-//dondoc//Han nhiem vu//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Hạn nhiệm vụ – dondoc")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for task in feed_tasks(user, unit_id).iterator(chunk_size=2000):
        url = f"{list_url}{task.pk}/"
        event = Event()
        event.add("uid", f"task-{task.pk}@{host}")
        event.add("summary", f"Hạn: {task.title[:120]}")
        event.add("dtstart", task.due_date)
        event.add("dtend", task.due_date + timedelta(days=1))
        event.add("dtstamp", task.updated_at)
        event.add("last-modified", task.updated_at)
        event.add("sequence", max((task.revisions or 1) - 1, 0))
        event.add("url", url)
        event.add("description", f"Đơn vị chủ trì: {task.lead_unit.name}\n"
                                 f"Trạng thái: {task.get_status_display()} · {task.progress}%\n{url}")
        event.add("categories", [task.lead_unit.short_name or task.lead_unit.name])
        cal.add_component(event)
    return cal.to_ical()


@require_GET
def feed(request, key: str):
    """No login: the key is the credential. A regenerated key makes the old address 404."""
    calendar_feed = CalendarFeed.objects.select_related("user").filter(key=key).first()
    if calendar_feed is None or not calendar_feed.user.is_active:
        raise Http404("Không tìm thấy lịch.")
    body = build_calendar(calendar_feed.user, calendar_feed.unit_id)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="dondoc-han-nhiem-vu.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
