"""Small display helpers shared by the tracker templates."""
from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from tracker.models import Task, Timeliness

register = template.Library()

STATUS_CLASSES = {
    Task.Status.NEW: "text-bg-light border",
    Task.Status.IN_PROGRESS: "text-bg-primary",
    Task.Status.AWAITING: "text-bg-warning",
    Task.Status.DONE: "text-bg-success",
    Task.Status.CANCELLED: "text-bg-secondary",
}


@register.simple_tag
def timeliness_badge(bucket):
    """The coloured badge of a timeliness bucket (class `badge t-<bucket>`); nothing for cancelled tasks."""
    if not bucket:
        return ""
    return format_html('<span class="badge t-{}">{}</span>', bucket, Timeliness(bucket).label)


@register.simple_tag
def status_badge(status):
    label = Task.Status(status).label if status in Task.Status.values else status
    return format_html('<span class="badge {}">{}</span>', STATUS_CLASSES.get(status, "text-bg-light"), label)


@register.filter
def unit_label(unit):
    """Short name where there is one: tables stay narrow."""
    if unit is None:
        return "–"
    return unit.short_name or unit.name


@register.filter
def basename(name):
    """The file name of a stored path, for attachment links."""
    return str(name).rsplit("/", 1)[-1]


@register.filter
def excerpt(text, length=180):
    """Cut at a word boundary; cheaper than truncatechars on fifty rows."""
    text = str(text)
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"


@register.filter
def num(value):
    """Thousands with a dot, Vietnamese style (1.234); far cheaper than humanize's intcomma on big tables."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return value


@register.simple_tag
def unit_count_rows(unit_rows, list_url):
    """The dashboard's unit × timeliness body in Python: hundreds of units × 7 cells cost
    ~100 ms through template tags, ~2 ms here."""
    out = []
    for unit, cells in unit_rows:
        base = f"{list_url}?unit={unit.pk}"
        tds = "".join(
            f'<td class="text-end"><a href="{base}&amp;timeliness={b.value}">{num(n)}</a></td>' if n
            else '<td class="text-end"><span class="text-muted">0</span></td>'
            for b, n in cells
        )
        out.append(f'<tr><td><a href="{base}">{escape(unit.name)}</a></td>{tds}'
                   f'<td class="text-end fw-semibold">{num(unit.total)}</td></tr>')
    return mark_safe("".join(out))
