"""The office's correction forms, rendered where they are used (task page, communiqué page)."""
from django import template

from tracker.reports.forms import CorrectionForm, MissedTaskForm

register = template.Library()


@register.inclusion_tag("tracker/reports/_correct_form.html", takes_context=True)
def correction_form(context, task):
    supports = [a.unit_id for a in task.assignments.all() if a.role == "support"]  # prefetched by the task page
    form = CorrectionForm(prefix="correct", initial={"title": task.title, "lead": task.lead_unit_id,
                                                     "supports": supports, "due_date": task.due_date,
                                                     "version": task.version})
    return {"form": form, "task": task, "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("tracker/reports/_missed_form.html", takes_context=True)
def missed_task_form(context, communique):
    return {"form": MissedTaskForm(prefix="missed"), "communique": communique,
            "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("tracker/reports/_dashboard_charts.html")
def dashboard_charts(units, today):
    """Per-unit bars by timeliness and the on-time rate of the last 12 months, for the dashboard."""
    from tracker.models import Timeliness
    from tracker.reports import charts, selectors

    return {"bars": charts.timeliness_bars(units, dict(Timeliness.choices)),
            "trend": charts.trend_line(selectors.monthly_on_time(today))}
