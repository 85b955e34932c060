"""The list's filter form is written once per form kind, bound values and unit options (`TaskFilterSet.form_html`),
and each page shows exactly what writing it afresh for that page's user and parameters gives."""
import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import UserFactory
from tracker import selectors
from tracker.filtersets import TaskFilterSet
from tracker.models import User

URL = reverse("tracker:task_list")
FORM = re.compile(r'<form method="get" class="card card-body bg-light py-2 mb-3" id="task-filter">.*?</form>\n', re.S)
PARAMS = [{}, {"status": "in_progress", "timeliness": "qua_han"}, {"status": "in_progress", "page": "2"},
          {"q": 'a<b & "c"', "sort": "-due"}, {"due_after": "01/07/2025", "due_before": "31/12/2025"},
          {"due_after": "31/02/2025", "status": "nope", "unit": "abc"}, {"role": "support"},
          {"communique": "15-TB/TU (01/07/2025)"}, {"sort": "unit,status"}]


def fresh(user, params) -> str:
    """The form as the template writes it for this user and these parameters, no cache involved."""
    request = RequestFactory().get(URL, params)
    request.user = user
    filterset = TaskFilterSet(request.GET or None, queryset=selectors.visible_tasks(user), request=request)
    filterset.form.is_valid()
    return render_to_string("tracker/_task_filter.html", {"filter": filterset})


def shown(client, params) -> str:
    return FORM.search(client.get(URL, params).content.decode()).group(0)


@pytest.mark.django_db
@pytest.mark.parametrize("params", PARAMS)
def test_every_user_is_shown_the_form_written_for_them(client, office_user, staff_a, staff_b, unit_a, make_task,
                                                       params):
    make_task(unit_a)
    viewer = UserFactory(role=User.Role.VIEWER, unit=None)
    for user in (office_user, staff_a, viewer, staff_b, office_user):  # the second of a kind reads the first's
        client.force_login(user)
        assert shown(client, params) == fresh(user, params)
        assert shown(client, params) == fresh(user, params)


@pytest.mark.django_db
def test_the_form_shows_the_values_and_errors_of_its_own_parameters(client, office_user, unit_a, make_task):
    make_task(unit_a)
    client.force_login(office_user)
    unbound = shown(client, {})
    assert shown(client, {"page": "3"}) == unbound  # the page is no filter
    bad = shown(client, {"due_after": "31/02/2025"})
    assert "Ngày không hợp lệ" in bad and 'value="31/02/2025"' in bad and "Ngày không hợp lệ" not in unbound
    chosen = shown(client, {"unit": unit_a.pk})
    assert f'<option value="{unit_a.pk}" selected>' in chosen and f'<option value="{unit_a.pk}">' in unbound


@pytest.mark.django_db
def test_a_communique_given_by_id_shows_the_label_each_user_may_see(client, office_user, staff_b, task_a, task_c):
    communique = task_a.directive.communique  # it gave unit A and unit B their tasks, not the third unit
    outsider = UserFactory(role=User.Role.UNIT_STAFF, unit=task_c.lead_unit)
    params = {"communique": str(communique.pk)}
    label = f'value="{selectors.communique_label(communique)}"'
    for user, sees in ((office_user, True), (outsider, False), (staff_b, True), (outsider, False)):
        client.force_login(user)
        form = shown(client, params)
        assert form == fresh(user, params) and (label in form) == sees
