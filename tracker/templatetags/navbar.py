"""The navbar's links for the signed-in user, written in Python: base.html's loop of `{% url %}`s and
`{% if %}`s cost ~0.5 ms on every page. `tests/tracker/test_navbar.py` holds it equal to the template it replaced."""
from html import escape

from django import template
from django.conf import settings
from django.template.base import render_value_in_context
from django.template.defaulttags import CsrfTokenNode
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

_NAMES = ("tracker:task_list", "tracker:dashboard", "reports:report", "reports:inbox", "ingest:communique_list",
          "ingest:import", "admin:index", "reports:preferences", "account", "password_change", "logout")
_URLS: dict[tuple, dict[str, str]] = {}
_CSRF = CsrfTokenNode()


def _urls() -> dict[str, str]:
    """The links, reversed once per URL configuration and script prefix."""
    key = (settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
    urls = _URLS.get(key)
    if urls is None:
        urls = _URLS[key] = {name: escape(reverse(name)) for name in _NAMES}
    return urls


@register.simple_tag(takes_context=True)
def navbar_links(context) -> str:
    user = context.get("user")
    if not user or not user.is_authenticated:
        return ""
    from django.utils.safestring import mark_safe

    can, unit, inbox = context.get("can") or {}, context.get("nav_unit"), context.get("nav_inbox")
    view_all, url = can.get("view_all"), _urls()
    out = ['\n    <button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#nav-main" '
           'aria-controls="nav-main" aria-expanded="false" aria-label="Mở menu">Menu</button>\n'
           '    <div class="collapse navbar-collapse" id="nav-main">\n    <ul class="navbar-nav me-auto">\n'
           f'      <li class="nav-item"><a class="nav-link" href="{url["tracker:task_list"]}">Nhiệm vụ'
           f'{" của đơn vị" if not view_all and unit else ""}</a></li>\n      ']
    if view_all:
        out.append(f'<li class="nav-item"><a class="nav-link" href="{url["tracker:dashboard"]}">Tổng hợp</a></li>')
    out.append("\n      ")
    if view_all or unit:
        out.append(f'<li class="nav-item"><a class="nav-link" href="{url["reports:report"]}">Báo cáo'
                   f'{"" if view_all else " đơn vị"}</a></li>')
    out.append("\n      ")
    if can.get("confirm"):
        count = inbox() if callable(inbox) else inbox
        badge = (f' <span class="badge rounded-pill bg-warning text-dark" id="inbox-badge">'
                 f'{render_value_in_context(count, context)}</span>' if count else "")
        out.append(f'<li class="nav-item"><a class="nav-link" id="nav-inbox" href="{url["reports:inbox"]}">'
                   f'Việc chờ xử lý{badge}</a></li>')
    out.append(f'\n      <li class="nav-item"><a class="nav-link" href="{url["ingest:communique_list"]}">'
               'Thông báo kết luận</a></li>\n      ')
    if can.get("review"):
        out.append(f'<li class="nav-item"><a class="nav-link" href="{url["ingest:import"]}">Nhập thông báo</a></li>'
                   f'\n      <li class="nav-item"><a class="nav-link" href="{url["admin:index"]}">Quản trị</a></li>')
    name = user.get_full_name() or user.username
    where = f" · {escape(str(unit.short_name or unit.name))}" if unit else ""
    out.append(f'\n    </ul>\n    <a class="navbar-text text-light me-3 small" href="{url["reports:preferences"]}" '
               f'title="Trang cá nhân">{escape(str(name))}{where}</a>\n'
               f'    <a class="btn btn-sm btn-outline-light me-2" href="{url["account"]}">Kết nối API, lịch</a>\n'
               f'    <a class="btn btn-sm btn-outline-light me-2" href="{url["password_change"]}">Đổi mật khẩu</a>\n'
               f'    <form method="post" action="{url["logout"]}" class="d-inline">{_CSRF.render(context)}'
               '<button class="btn btn-sm btn-light" type="submit">Đăng xuất</button></form>\n    </div>\n    ')
    return mark_safe("".join(out))
