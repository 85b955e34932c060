"""Every list page answers any query string without a server error (Hypothesis).

Known parameter names get hostile values (negative and forty-digit numbers, dates out of
range, NUL bytes, SQL, long unicode), mixed with unknown names.
"""
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.models import Communique, Directive
from tests.factories import UserFactory
from tracker import services
from tracker.models import User

pytestmark = pytest.mark.django_db

HOSTILE = st.one_of(
    st.integers(min_value=-10**40, max_value=10**40).map(str),
    st.sampled_from(["-1", "0", "1e400", "NaN", "2024.5", "9" * 40, "31/02/2025", "2025-13-01", "00/00/0000",
                     "1/1/1", "'; DROP TABLE tracker_task;--", "\x00", "%00", "🙂" * 50, "lead", "support",
                     "done", "qua_han", "-due", "due,status", "?", "", " ", "true", "[]", "{}",
                     "a" * 5000]),
    st.text(max_size=60),
)
PAGES = {
    "tracker:task_list": ["q", "status", "timeliness", "unit", "role", "communique", "due_after", "due_before",
                          "due_min", "due_max", "sort", "page"],
    "tracker:dashboard": ["page", "q"],
    "ingest:communique_list": ["q", "state", "year", "page"],
    "admin:tracker_task_changelist": ["status", "timeliness", "recurrence", "q", "o", "p", "e", "all",
                                      "status__exact", "lead_unit__id__exact", "_to_field", "_popup"],
    "admin:tracker_progressreport_changelist": ["new_status", "q", "o", "p"],
    "admin:tracker_extensionrequest_changelist": ["state", "q", "o", "p"],
    "admin:tracker_outboxmessage_changelist": ["state", "kind", "don_vi", "local_date__gte", "local_date__year",
                                               "local_date__month", "local_date__day", "q", "o", "p"],
    "admin:tracker_unit_changelist": ["kind", "is_group", "is_active", "q", "o", "p"],
    "admin:tracker_user_changelist": ["role", "is_active", "is_staff", "q", "o", "p"],
    "admin:ingest_communique_changelist": ["state", "q", "o", "p"],
    "admin:ingest_directive_changelist": ["review", "q", "o", "p"],
}
QUERIES = st.dictionaries(
    st.one_of(st.sampled_from(sorted({n for names in PAGES.values() for n in names})), st.text(max_size=12)),
    HOSTILE, max_size=5,
)


@pytest.fixture
def people(office_unit, unit_a, unit_b):
    communique = Communique.objects.create(number="7-TB/TU", meeting_date=date(2025, 7, 1), text="x",
                                           content_hash="fuzz", state=Communique.State.PUBLISHED)
    directive = Directive.objects.create(communique=communique, text="Giao Ban Tổ chức chủ trì")
    services.create_task(title="Rà soát", lead=unit_a, supports=[unit_b], due_date=date(2025, 9, 30),
                         directive=directive)
    services.create_task(title="Không hạn", lead=unit_b)
    office = UserFactory(username="fuzz_office", unit=office_unit, role=User.Role.OFFICE, is_staff=True,
                         is_superuser=True)
    staff = UserFactory(username="fuzz_staff", unit=unit_a,
                        role=User.Role.UNIT_STAFF)
    viewer = UserFactory(username="fuzz_viewer", role=User.Role.VIEWER)
    return {"office": office, "staff": staff, "viewer": viewer}


def _clients(people) -> dict[str, Client]:
    clients = {}
    for name, user in people.items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients[name] = client
    return clients


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(page=st.sampled_from(sorted(PAGES)), query=QUERIES, who=st.sampled_from(["office", "staff", "viewer"]))
def test_no_query_string_gives_a_server_error(people, page, query, who):
    client = _clients(people)[who]
    response = client.get(reverse(page), query)
    assert response.status_code < 500, (page, who, query)


@pytest.mark.parametrize("page, field", [("admin:tracker_outboxmessage_changelist", "local_date"),
                                         ("admin:tracker_remindersweep_changelist", "local_date"),
                                         ("admin:ingest_communique_changelist", "meeting_date")])
@pytest.mark.parametrize("year", ["2147483648", "9" * 30])
def test_a_date_hierarchy_year_too_large_for_a_date_is_the_admins_bad_filter_page(client, people, page, field, year):
    client.force_login(people["office"])
    response = client.get(reverse(page), {f"{field}__year": year})
    assert response.status_code == 302 and response["Location"].endswith("?e=1")


@pytest.mark.parametrize("year", ["-1", "0", "9" * 40, "2024.5", "abc"])
def test_a_bad_year_is_a_form_error_not_a_500(client, people, year):
    client.force_login(people["office"])
    response = client.get(reverse("ingest:communique_list"), {"year": year})
    assert response.status_code == 200


def test_the_communique_filter_offers_a_unit_only_its_own_communiques(client, people, unit_b):
    other = Communique.objects.create(number="99-TB/TU", meeting_date=date(2025, 8, 1), text="y",
                                      content_hash="fuzz-other", state=Communique.State.PUBLISHED)
    services.create_task(title="Việc của Sở Y tế", lead=unit_b,
                         directive=Directive.objects.create(communique=other, text="Giao Sở Y tế"))
    client.force_login(people["staff"])
    page = client.get(reverse("tracker:task_list")).content.decode()
    assert "7-TB/TU" in page and "99-TB/TU" not in page
    client.force_login(people["office"])
    page = client.get(reverse("tracker:task_list")).content.decode()
    assert "7-TB/TU" in page and "99-TB/TU" in page
