"""The task changelist's rows written in Python, cell for cell as Django's admin writes them.

Django's `result_list` looks up, formats and wraps every cell through generic code, renders each row's
checkbox through a widget template and resolves each row's link twice to preserve the filters: ~25 ms for
50 rows. The task changelist's columns are known (TaskAdmin.list_display): each is written here directly,
its constant parts (the link around a row's id, the choice labels, the date and number formats) worked out
once per page. Any other case (a popup, list_editable, other columns) goes through Django's own.
`tests/tracker/test_admin_rows.py` holds the two byte-identical.
"""
import html
from types import SimpleNamespace

from django import template
from django.contrib.admin.templatetags.admin_list import result_headers, result_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.contrib.admin.views.main import ChangeList
from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext

from tracker.statements import Statements

register = template.Library()

COLUMNS = ("action_checkbox", "id", "short_title", "lead_unit", "due_date", "status", "timeliness_badge",
           "progress")
LINKED = ("id", "short_title")
_PK_MARK = 987_654_321_987  # stands for a row's pk in the one link built through Django


def _writes_fast(cl: ChangeList) -> bool:
    return (tuple(cl.list_display) == COLUMNS and tuple(cl.list_display_links or ()) == LINKED
            and not cl.formset and not cl.is_popup and not cl.to_field)


def _link_parts(cl: ChangeList) -> tuple[str, str]:
    """The change page's link as Django writes it (with the preserved filters), split around the pk."""
    mark = SimpleNamespace(**{cl.pk_attname: _PK_MARK})
    url = add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": cl.opts},
                                cl.url_for_result(mark))
    head, _, tail = url.partition(str(_PK_MARK))
    return html.escape(head), html.escape(tail)


class _Memo(dict):
    """A formatter's results by value, for one page: the same date or percentage recurs row after row."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def __missing__(self, value):
        self[value] = out = html.escape(str(self.fn(value)))
        return out


class _Plain:
    """`number_format` of an int where no thousands separator is in force: `str()` (the admin's ids, percentages)."""

    def __getitem__(self, value: int) -> str:
        return str(value)


def task_rows(cl: ChangeList) -> list[str]:
    """Each result's cells, as `items_for_result` writes them for TaskAdmin's columns."""
    admin_ = cl.model_admin
    empty = conditional_escape(admin_.get_empty_value_display())
    head, tail = _link_parts(cl)
    aria = gettext("Select this object for an action - {}")
    number, date = _Memo(formats.number_format), _Memo(formats.localize)
    if formats.number_format(-1234567) == "-1234567":  # no grouping in force: an int is written as str() writes it
        number = _Plain()
    statuses = {value: conditional_escape(label) for value, label in cl.model._meta.get_field("status").flatchoices}
    badges = {}
    rows = []
    for task in cl.result_list:
        pk, unit, due, progress = task.pk, task.lead_unit, task.due_date, task.progress
        bucket = getattr(task, "timeliness", None)
        link = f'<a href="{head}{pk}{tail}">'
        title = admin_.short_title(task)
        if bucket not in badges:
            badges[bucket] = conditional_escape(admin_.timeliness_badge(task))
        rows.append(
            f'<td class="action-checkbox"><input type="checkbox" name="_selected_action" value="{pk}" '
            f'class="action-select" aria-label="{format_html(aria, str(task))}"></td>'
            f'<th class="field-id">{link}{number[pk]}</a></th>'
            f'<td class="field-short_title">{link}{empty if title.strip() == "" else html.escape(title)}</a></td>'
            f'<td class="field-lead_unit nowrap">{empty if unit is None else html.escape(str(unit))}</td>'
            f'<td class="field-due_date nowrap">{empty if due is None else date[due]}</td>'
            f'<td class="field-status">{statuses.get(task.status, empty)}</td>'
            f'<td class="field-timeliness_badge">{badges[bucket]}</td>'
            f'<td class="field-progress">{empty if progress is None else number[progress]}</td>')
    return rows


def _header(header: dict, several_sorted: bool) -> str:
    """One column heading as change_list_results.html writes it (its sort links, priority and arrows)."""
    text = capfirst(header["text"])  # `|capfirst` keeps a safe heading safe (the select-all checkbox)
    text = text if isinstance(header["text"], SafeData) else html.escape(str(text))
    options = ""
    if header["sortable"] and header["sort_priority"] > 0:
        priority = ""
        if several_sorted:
            title = gettext("Sorting priority: %(priority_number)s") % {"priority_number": formats.localize(
                header["sort_priority"])}
            priority = f'<span class="sortpriority" title="{title}">{formats.localize(header["sort_priority"])}</span>'
        options = (f'\n       <div class="sortoptions">\n         <a class="sortremove" href="'
                   f'{html.escape(header["url_remove"])}" title="{html.escape(gettext("Remove from sorting"))}"></a>'
                   f'\n         {priority}\n         <a href="{html.escape(header["url_toggle"])}" class="toggle '
                   f'{"ascending" if header["ascending"] else "descending"}" '
                   f'title="{html.escape(gettext("Toggle sorting"))}"></a>\n       </div>\n   ')
    label = (f'<a href="{html.escape(header["url_primary"])}">{text}</a>' if header["sortable"]
             else f"<span>{text}</span>")
    return (f'\n<th scope="col"{header["class_attrib"]}>\n   {options}\n   <div class="text">{label}</div>\n'
            '   <div class="clear"></div>\n</th>')


def results_table(cl: ChangeList) -> str:
    """The whole of change_list_results.html for the task changelist: its headings and `task_rows`."""
    rows = task_rows(cl)
    if not rows:
        return "\n\n\n"
    headers = list(result_headers(cl))
    several = sum(1 for h in headers if h["sortable"] and h["sorted"]) > 1
    return ('\n\n\n<div class="results">\n<table id="result_list">\n<thead>\n<tr>\n'
            + "".join(_header(h, several) for h in headers) + "\n</tr>\n</thead>\n<tbody>\n"
            + "".join(f"\n\n<tr>{row}</tr>\n" for row in rows) + "\n</tbody>\n</table>\n</div>\n\n")


class _ResultListNode(InclusionAdminNode):
    """Django's `result_list` tag; for the task changelist's own columns (`_writes_fast`) its table written in
    Python whole (no change_list_results.html override exists for it)."""

    def render(self, context):
        (cl,), _kwargs = self.get_resolved_arguments(context)
        return mark_safe(results_table(cl)) if _writes_fast(cl) else super().render(context)


_SIDEBARS = Statements(size=64)  # the admin's navigation sidebars a process keeps written (`nav_sidebar`)


@register.simple_tag(takes_context=True)
def nav_sidebar(context):
    """admin/nav_sidebar.html, written once per process for each list of the apps and models a user may reach and
    each page (it marks the current one): its template loops cost ~1 ms of the changelist's every request."""
    apps = tuple((app["app_label"], app["app_url"], str(app["name"]), tuple(
        (m["object_name"], str(m["name"]), m.get("admin_url"), m.get("add_url"), m.get("view_only"))
        for m in app["models"])) for app in context.get("available_apps") or ())
    return _SIDEBARS.get((get_language(), context.request.path, apps), lambda: context.template.engine.get_template(
        "admin/nav_sidebar.html").render(context))


@register.tag(name="task_result_list")
def task_result_list_tag(parser, token):
    return _ResultListNode(parser, token, func=result_list, template_name="change_list_results.html",
                           takes_context=False)
