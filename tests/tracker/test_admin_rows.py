"""The task changelist's rows written in Python (tracker.templatetags.task_admin) are Django's, byte for byte."""
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import UnitFactory
from tracker.models import Task
from tracker.templatetags import task_admin

URL = reverse("admin:tracker_task_changelist")


@pytest.fixture
def varied(make_task, today):
    """Tasks whose cells take every path: no due date, each status and bucket, markup and quotes in the text."""
    odd = UnitFactory(name='Sở <Tài chính> & "Kế hoạch"')
    plain = UnitFactory(name="Ủy ban kiểm tra Tỉnh uỷ")
    return [
        make_task(odd, title='Rà soát <b>cán bộ</b> & "đảng viên" \'x\'', due=today - timedelta(days=3)),
        make_task(plain, title="Ủy quyền ký " + "rất dài " * 30, due=None),
        make_task(plain, title="Báo cáo quý", due=today + timedelta(days=2), status=Task.Status.DONE,
                  completed_on=today),
        make_task(odd, title="Kiểm tra ủy ban", due=today - timedelta(days=40), status=Task.Status.DONE,
                  completed_on=today),
        make_task(plain, title="Hủy bỏ", due=today + timedelta(days=60), status=Task.Status.CANCELLED),
        make_task(plain, title="Đang chờ xác nhận", due=today + timedelta(days=9), status=Task.Status.AWAITING),
    ]


def _page(client, params, monkeypatch, fast: bool) -> str:
    monkeypatch.setattr(task_admin, "_writes_fast", task_admin._writes_fast if fast else lambda cl: False)
    html = client.get(URL, params).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"q": "uy"}, {"q": "can bo", "status": "new"}, {"o": "-4.2"}, {"o": "3"},
                                    {"timeliness": "qua_han", "p": "1"}, {"q": "khong co dau"}])
def test_the_task_changelist_writes_what_djangos_result_list_writes(client, admin_user, varied, params, monkeypatch):
    client.force_login(admin_user)
    Task.objects.filter(pk=varied[1].pk).update(progress=35)
    fast, django_ = _page(client, params, monkeypatch, True), _page(client, params, monkeypatch, False)
    assert fast == django_
    assert 'name="_selected_action"' in fast or "0 " in fast  # the page has rows, or says it has none


@pytest.mark.django_db
def test_the_fast_rows_are_the_pages_rows(client, admin_user, varied, monkeypatch):
    client.force_login(admin_user)
    html = _page(client, {"q": "quyen ky"}, monkeypatch, True)
    assert html.count('name="_selected_action"') == 1 and f'value="{varied[1].pk}"' in html
    assert f'/{varied[1].pk}/change/?_changelist_filters=q%3Dquyen%2Bky">' in html
    assert "&lt;Tài chính&gt; &amp; &quot;Kế hoạch&quot;" in _page(client, {}, monkeypatch, True)


@pytest.mark.django_db
def test_a_popup_changelist_falls_back_to_djangos_rows(client, admin_user, varied):
    client.force_login(admin_user)
    response = client.get(URL, {"_popup": "1", "_to_field": "id"})
    assert response.status_code == 200 and "data-popup-opener" in response.content.decode()


@pytest.mark.django_db
def test_the_navbar_inbox_is_counted_only_where_a_page_shows_it(client, admin_user, varied):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as admin_page:
        client.get(URL)
    with CaptureQueriesContext(connection) as list_page:
        html = client.get(reverse("tracker:task_list")).content.decode()
    inbox = [q for q in admin_page.captured_queries if "tracker_extensionrequest" in q["sql"]]
    assert inbox == []
    assert sum("tracker_extensionrequest" in q["sql"] for q in list_page.captured_queries) == 1
    assert 'id="inbox-badge">1</span>' in html  # the task awaiting confirmation


@pytest.mark.django_db
def test_each_user_is_shown_the_sidebar_of_the_models_they_may_reach(client, admin_user, varied, monkeypatch):
    from types import SimpleNamespace

    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.set(Permission.objects.filter(codename__in=["view_task", "change_task", "view_unit"]))
    pages = {}
    for user in (admin_user, clerk, admin_user, clerk):
        client.force_login(user)
        pages.setdefault(user.pk, []).append(_page(client, {"q": "uy"}, monkeypatch, True))
    monkeypatch.setattr(task_admin, "_SIDEBARS", SimpleNamespace(get=lambda key, build: build()))  # written afresh
    for user in (admin_user, clerk):
        client.force_login(user)
        assert pages[user.pk] == [_page(client, {"q": "uy"}, monkeypatch, True)] * 2
    assert 'id="nav-sidebar"' in pages[clerk.pk][0] and "model-unit" in pages[clerk.pk][0]
    assert 'class="model-user"' not in pages[clerk.pk][0] and 'class="model-user"' in pages[admin_user.pk][0]
