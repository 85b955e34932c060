"""The navbar written in Python (tracker.templatetags.navbar) is the template it replaced, byte for byte."""
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template import RequestContext, Template
from django.test import RequestFactory

from tests.factories import UserFactory
from tracker.models import Task, User

# base.html's navbar links as they were written in the template.
TEMPLATE_NAV = """{% if user.is_authenticated %}
    <button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#nav-main" aria-controls="nav-main" aria-expanded="false" aria-label="Mở menu">Menu</button>
    <div class="collapse navbar-collapse" id="nav-main">
    <ul class="navbar-nav me-auto">
      <li class="nav-item"><a class="nav-link" href="{% url 'tracker:task_list' %}">Nhiệm vụ{% if not can.view_all and nav_unit %} của đơn vị{% endif %}</a></li>
      {% if can.view_all %}<li class="nav-item"><a class="nav-link" href="{% url 'tracker:dashboard' %}">Tổng hợp</a></li>{% endif %}
      {% if can.view_all or nav_unit %}<li class="nav-item"><a class="nav-link" href="{% url 'reports:report' %}">Báo cáo{% if not can.view_all %} đơn vị{% endif %}</a></li>{% endif %}
      {% if can.confirm %}<li class="nav-item"><a class="nav-link" id="nav-inbox" href="{% url 'reports:inbox' %}">Việc chờ xử lý{% if nav_inbox %} <span class="badge rounded-pill bg-warning text-dark" id="inbox-badge">{{ nav_inbox }}</span>{% endif %}</a></li>{% endif %}
      <li class="nav-item"><a class="nav-link" href="{% url 'ingest:communique_list' %}">Thông báo kết luận</a></li>
      {% if can.review %}<li class="nav-item"><a class="nav-link" href="{% url 'ingest:import' %}">Nhập thông báo</a></li>
      <li class="nav-item"><a class="nav-link" href="{% url 'admin:index' %}">Quản trị</a></li>{% endif %}
    </ul>
    <a class="navbar-text text-light me-3 small" href="{% url 'reports:preferences' %}" title="Trang cá nhân">{{ user.get_full_name|default:user.username }}{% if nav_unit %} · {{ nav_unit.short_name|default:nav_unit.name }}{% endif %}</a>
    <a class="btn btn-sm btn-outline-light me-2" href="{% url 'account' %}">Kết nối API, lịch</a>
    <a class="btn btn-sm btn-outline-light me-2" href="{% url 'password_change' %}">Đổi mật khẩu</a>
    <form method="post" action="{% url 'logout' %}" class="d-inline">{% csrf_token %}<button class="btn btn-sm btn-light" type="submit">Đăng xuất</button></form>
    </div>
    {% endif %}"""


def _request(user):
    request = RequestFactory().get("/nhiem-vu/")
    request.user, request.session = user, {}
    request._messages = FallbackStorage(request)
    return request


def _both(user) -> tuple[str, str]:
    written = Template("{% load navbar %}{% navbar_links %}").render(RequestContext(_request(user)))
    templated = Template(TEMPLATE_NAV).render(RequestContext(_request(user)))
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')  # masked anew on every render
    return token.sub("TOKEN", written), token.sub("TOKEN", templated)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [User.Role.OFFICE, User.Role.UNIT_STAFF, User.Role.VIEWER, User.Role.UNIT_HEAD, None])
@pytest.mark.parametrize("with_unit", [True, False])
def test_the_navbar_links_write_what_the_template_wrote(role, with_unit, unit_a, make_task):
    from tracker import services

    unit_a.short_name = "" if role is None else unit_a.short_name
    unit_a.save()
    user = UserFactory(username="u<&>", first_name='Lê "Văn"' if with_unit else "", last_name="A",
                       unit=unit_a if with_unit else None, role=role or User.Role.OFFICE,
                       is_superuser=role is None)
    task = make_task(unit_a)
    if role == User.Role.OFFICE:
        services.update_task(task, user, status=Task.Status.AWAITING)
    written, templated = _both(user)
    assert written == templated and "Đăng xuất" in written and "TOKEN" in written
    assert ('id="inbox-badge">1</span>' in written) == (role == User.Role.OFFICE)  # one task awaits confirmation
    assert ("Quản trị" in written) == (role in (User.Role.OFFICE, None))


@pytest.mark.django_db
def test_an_anonymous_visitor_has_no_navbar_links():
    assert _both(AnonymousUser()) == ("", "")
