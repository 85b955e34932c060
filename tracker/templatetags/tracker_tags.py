"""Small display helpers shared by the tracker templates."""
from html import escape as html_escape
from urllib.parse import quote_plus

from django import template
from django.template.base import render_value_in_context
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from tracker import selectors
from tracker.models import Task, Timeliness

register = template.Library()

STATUS_CLASSES = {
    Task.Status.NEW: "text-bg-light border",
    Task.Status.IN_PROGRESS: "text-bg-primary",
    Task.Status.AWAITING: "text-bg-warning",
    Task.Status.DONE: "text-bg-success",
    Task.Status.CANCELLED: "text-bg-secondary",
}


# Badges are built once per value: list pages show fifty of each, the dashboard a hundred.
TIMELINESS_BADGES = {b.value: format_html('<span class="badge t-{}">{}</span>', b.value, b.label) for b in Timeliness}
STATUS_BADGES = {s.value: format_html('<span class="badge {}">{}</span>', STATUS_CLASSES[s], s.label)
                 for s in Task.Status}


@register.simple_tag
def timeliness_badge(bucket):
    """The coloured badge of a timeliness bucket (class `badge t-<bucket>`); nothing for cancelled tasks."""
    if not bucket:
        return ""
    return TIMELINESS_BADGES[bucket]


@register.simple_tag
def status_badge(status):
    badge = STATUS_BADGES.get(status)
    if badge is None:  # an unknown status is shown as it is
        badge = format_html('<span class="badge text-bg-light">{}</span>', status)
    return badge


@register.filter
def dmy(value):
    """dd/mm/yyyy, or "–" without a date: the tables' date cells, without |date's per-call format lookups."""
    return value.strftime("%d/%m/%Y") if value else "–"


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


def changed_query(get, **changes) -> str:
    """Django's `{% querystring %}` of `get` with `changes` (a value, or None to drop the key), without copying
    the QueryDict deeply: a list page writes a dozen such links. `tests/tracker/test_fast_widgets.py` holds the two
    equal."""
    params = dict(get.lists())
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = [value]
    if not params and not get:
        return ""
    encoding = get.encoding
    return "?" + "&".join(f"{quote_plus(key, encoding=encoding)}={quote_plus(str(v), encoding=encoding)}"
                          for key, values in params.items() for v in values)


@register.simple_tag(takes_context=True)
def list_query(context, **changes):
    """`{% querystring %}` (of the request's parameters) for the list's sort and page links, as `changed_query`."""
    return changed_query(context.request.GET, **changes)


@register.simple_tag(takes_context=True)
def count_buttons(context, counts, form):
    """The list's timeliness buttons (bucket, count, link keeping the other filters), written as the loop of
    template tags they replace wrote them (a test holds the two equal), for a tenth of its cost."""
    active = getattr(form, "cleaned_data", {}).get("timeliness")
    get, out = context.request.GET, []
    for bucket, n in counts:
        value = bucket.value
        href = html_escape(changed_query(get, timeliness=value, page=None))
        out.append(f'\n  <a class="btn btn-sm {"btn-dark" if active == value else "btn-outline-secondary"}"\n'
                   f'     href="{href}" data-bucket="{value}">\n'
                   f'    <span class="badge t-{value}">{render_value_in_context(n, context)}</span> '
                   f'{html_escape(str(bucket.label))}</a>\n  ')
    return mark_safe("".join(out))


@register.simple_tag
def unit_count_rows(units, list_url):
    """The dashboard's unit × timeliness body in Python, from the units' counts (`selectors.dashboard`):
    hundreds of units × 7 cells cost ~100 ms through template tags, ~2 ms here."""
    out = []
    links = [(value, f'&amp;timeliness={value}">') for value in selectors.BUCKET_VALUES]
    zero = '<td class="text-end"><span class="text-muted">0</span></td>'
    for unit in units:
        counts = unit.__dict__  # unit.qua_han, …: plain attributes
        base = f"{list_url}?unit={unit.id}"
        tds = "".join([f'<td class="text-end"><a href="{base}{link}{n if n < 1000 else num(n)}</a></td>'
                       if (n := counts[value]) else zero for value, link in links])
        merged = getattr(unit, "merged_from", None)
        # html.escape is what django's escape does, without its lazy-string wrapper (~900 calls a page).
        note = (f'<div class="small text-muted merged-note">gồm số liệu của {html_escape(", ".join(merged))} '
                f'(đã sáp nhập/đổi tên)</div>' if merged else "")
        out.append(f'<tr><td><a href="{base}">{html_escape(unit.name)}</a>{note}</td>{tds}'
                   f'<td class="text-end fw-semibold">{num(unit.total)}</td></tr>')
    return mark_safe("".join(out))


@register.simple_tag
def communique_rate_rows(communiques, list_url):
    """The dashboard's completion-per-communiqué body in Python, like `unit_count_rows`:
    a province's few hundred communiqués × eight cells cost ~15 ms through template tags."""
    out = []
    for c in communiques:
        title = escape(excerpt(c.title, 80)) if c.title else ""
        out.append(
            f'<tr><td><a href="{list_url}?communique={c.pk}">{escape(c.label)}</a> '
            f'<span class="small text-muted">{title}</span></td>'
            f'<td class="text-nowrap">{dmy(c.date)}</td>'
            f'<td class="text-end">{num(c.total)}</td><td class="text-end">{num(c.done)}</td>'
            f'<td><div class="progress" style="height: 1rem"><div class="progress-bar bg-success" '
            f'style="width: {c.rate}%">{c.rate}%</div></div></td></tr>')
    return mark_safe("".join(out))


# What `task_rows` shows of each task: `selectors.page_rows(..., values=TASK_ROW_VALUES)`.
TASK_ROW_VALUES = ("id", "title", "lead_unit__name", "lead_unit__short_name", *selectors.COMMUNIQUE_VALUES,
                   "due_date", "status", "timeliness")


@register.simple_tag
def task_rows(rows, list_url):
    """The task list's rows from plain values (TASK_ROW_VALUES), built in Python: fifty rows of template
    nodes, or of model instances, cost more than the queries."""
    out = []
    for row in rows:
        pk, unit_name = row["id"], row["lead_unit__name"]
        communique = selectors.communique_label_of(row) or "–"
        out.append(
            f'<tr data-task="{pk}">\n    <td class="text-muted small">{pk}</td>\n'
            f'    <td><a href="{list_url}{pk}/">{html_escape(excerpt(row["title"]))}</a></td>\n'
            f'    <td title="{html_escape(unit_name)}">{html_escape(row["lead_unit__short_name"] or unit_name)}</td>\n'
            f'    <td class="text-nowrap">{html_escape(communique)}</td>\n'
            f'    <td class="text-nowrap">{dmy(row["due_date"])}</td>\n'
            f'    <td>{status_badge(row["status"])}</td>\n'
            f'    <td>{timeliness_badge(row["timeliness"])}</td>\n  </tr>')
    return mark_safe("\n  ".join(out))


# What `due_rows` shows of each task: `.values(*DUE_ROW_VALUES)` of the dashboard's querysets.
DUE_ROW_VALUES = ("id", "title", "due_date", "lead_unit__name", "lead_unit__short_name")


@register.simple_tag
def due_rows(rows, list_url, date_class):
    """The dashboard's overdue and due-soon rows in Python, like `task_rows` (a hundred rows of nodes: ~5 ms)."""
    return mark_safe("\n    ".join(
        f'<tr><td class="{date_class}">{dmy(t["due_date"])}</td>'
        f'<td>{html_escape(t["lead_unit__short_name"] or t["lead_unit__name"])}</td>\n'
        f'      <td><a href="{list_url}{t["id"]}/">{html_escape(excerpt(t["title"], 110))}</a></td></tr>'
        for t in rows))
