"""A request reads its session, then its user with the user's unit, the stamps and (an office user's page) the
navbar's inbox counts, each in one statement.

The backend (`tracker.auth`) and the session store (`tracker.sessions`) read by SQL compiled once per process:
what they answer is what Django's `ModelBackend` and database sessions answer, logout and expiry included.
"""
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user
from django.contrib.sessions.backends import db
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tracker import auth, stamps
from tracker.models import Session, User
from tracker.sessions import SessionStore

pytestmark = pytest.mark.django_db
URL = reverse("tracker:task_list")


# Django's own database store over the same table: what ours must answer. Named as ours, since a session's data is
# signed with the store class's name.
DjangoStore = type("SessionStore", (db.SessionStore,), {"get_model_class": classmethod(lambda cls: Session)})


def _statements(client, url=URL) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def test_a_page_reads_the_user_with_their_unit_and_the_stamps(client, office_user, make_task, unit_a):
    make_task(unit_a)
    client.force_login(office_user)
    client.get(URL)
    sql = _statements(client)
    users = [s for s in sql if '"tracker_user"' in s]
    assert len(users) == 1 and "tracker_extensionrequest" in users[0]  # with the navbar's inbox counts
    assert 'FROM "tracker_session"' in users[0]  # and the session: one statement for both
    assert not any(s.lstrip().startswith('SELECT "tracker_unit"') for s in sql)  # the unit came with the user
    assert not any(s.startswith("SELECT token FROM tracker_stamp") for s in sql)  # so did the stamp


def test_the_badge_read_with_the_user_is_the_inbox_count(client, office_user, staff_a, unit_a):
    from tracker import services
    from tracker.reports.inbox import counts

    task = services.create_task(title="Rà soát", lead=unit_a, due_date=None)
    services.report_progress(task, staff_a, text="Đang làm", percent=30)
    services.report_progress(task, staff_a, text="Xong", percent=100, mark_done=True)
    client.force_login(office_user)
    assert counts(office_user)["total"] == 2  # a new progress report, a completion awaiting confirmation
    assert 'id="inbox-badge">2<' in client.get(URL).content.decode()
    # The inbox page marks the reports seen before it draws its navbar: its badge no longer counts them.
    assert 'id="inbox-badge">1<' in client.get(reverse("reports:inbox")).content.decode()
    assert 'id="inbox-badge">1<' in client.get(URL).content.decode()


def test_a_units_user_reads_no_inbox(client, staff_a):
    """The counts are in the user's statement for every user, counted for those who confirm (a CASE): no other."""
    client.force_login(staff_a)
    client.get(URL)
    sql = _statements(client)
    assert sum('"tracker_user"' in s for s in sql) == 1
    assert 'id="nav-inbox"' not in client.get(URL).content.decode()


@pytest.mark.parametrize("with_unit", [True, False])
def test_read_user_is_the_model_backends_user(office_user, with_unit):
    if not with_unit:
        office_user.unit = None
        office_user.save()
    office_user.last_login = timezone.now() - timedelta(hours=3)
    office_user.inbox_seen_at = timezone.now() - timedelta(days=2)
    office_user.save()
    expected = User.objects.select_related("unit").get(pk=office_user.pk)
    with CaptureQueriesContext(connection) as ctx:
        user = auth.read_user(office_user.pk)
        unit = user.unit
    assert len(ctx.captured_queries) == 1
    for field in User._meta.concrete_fields:
        assert getattr(user, field.attname) == getattr(expected, field.attname), field.name
    assert unit == expected.unit
    if unit is not None:
        assert [getattr(unit, f.attname) for f in unit._meta.concrete_fields] == [
            getattr(expected.unit, f.attname) for f in unit._meta.concrete_fields]
    assert not user._state.adding and user._state.db == "default"
    assert auth.read_user(office_user.pk + 1000) is None


def test_an_inactive_user_is_signed_out(client, staff_a):
    client.force_login(staff_a)
    assert client.get(URL).status_code == 200
    User.objects.filter(pk=staff_a.pk).update(is_active=False)
    assert client.get(URL).status_code == 302


def test_a_password_change_elsewhere_ends_the_session(client, staff_a):
    client.force_login(staff_a)
    assert client.get(URL).status_code == 200
    staff_a.set_password("một mật khẩu khác 2026")
    staff_a.save()
    assert client.get(URL).status_code == 302  # the session's hash no longer matches


def test_the_stamps_read_with_the_user_hold_for_that_request_only(office_user):
    stamps.bump(stamps.UNIT_OPTIONS)
    before = stamps.read(stamps.UNIT_OPTIONS)
    request_started.disconnect(close_old_connections)  # as the test client does: the test's connection stays
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        auth.read_user(office_user.pk)
        with CaptureQueriesContext(connection) as ctx:
            assert stamps.read(stamps.UNIT_OPTIONS) == before
        assert ctx.captured_queries == []  # primed by the user's statement
        stamps.bump(stamps.UNIT_OPTIONS)  # this request changes the directory: it reads its own change
        assert stamps.read(stamps.UNIT_OPTIONS) != before
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    auth.read_user(office_user.pk)  # outside a request: nothing primed
    with CaptureQueriesContext(connection) as ctx:
        stamps.read(stamps.UNIT_OPTIONS)
    assert len(ctx.captured_queries) == 1


def _login_session(client, user) -> str:
    client.force_login(user)
    return client.cookies["sessionid"].value


def test_the_session_store_reads_what_djangos_reads(client, staff_a):
    key = _login_session(client, staff_a)
    ours, django = SessionStore(key), DjangoStore(key)
    assert ours.load() == django.load() and ours["_auth_user_id"] == str(staff_a.pk)
    assert ours._get_session_from_db().expire_date == Session.objects.get(pk=key).expire_date
    unknown = SessionStore("x" * 32)
    assert unknown.load() == {} and unknown.session_key is None


def test_an_expired_session_is_no_session(client, staff_a):
    key = _login_session(client, staff_a)
    assert client.get(URL).status_code == 200
    later = timezone.now() + timedelta(seconds=Session.objects.get(pk=key).expire_date.timestamp()
                                       - timezone.now().timestamp() + 1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        store = SessionStore(key)
        assert store.load() == {} and store.session_key is None
        assert client.get(URL).status_code == 302


def test_logout_ends_the_session_for_its_cookie(client, staff_a, rf):
    key = _login_session(client, staff_a)
    client.post(reverse("logout"))
    request = rf.get(URL)
    request.session = SessionStore(key)
    assert not get_user(request).is_authenticated
    assert not Session.objects.filter(pk=key).exists()


def test_the_session_row_keeps_its_users_id_through_login_and_logout(client, staff_a, office_user):
    client.get(reverse("login"))
    session = client.session
    session["seen"] = 1  # an anonymous session with a row of its own
    session.save()
    anonymous = session.session_key
    assert Session.objects.get(pk=anonymous).user_id is None
    client.force_login(staff_a)
    key = client.cookies["sessionid"].value
    assert key != anonymous and not Session.objects.filter(pk=anonymous).exists()  # rotated on login
    assert Session.objects.get(pk=key).user_id == staff_a.pk
    client.force_login(office_user)  # another user: a new session again
    assert Session.objects.get(pk=client.cookies["sessionid"].value).user_id == office_user.pk
    assert not Session.objects.filter(pk=key).exists()
    client.post(reverse("logout"))
    assert not Session.objects.filter(user=office_user).exists()


def test_a_session_with_a_wrong_hash_signs_nobody_in(client, staff_a):
    key = _login_session(client, staff_a)
    store = SessionStore(key)
    store["_auth_user_hash"] = "0" * 64
    store.save()
    assert client.get(URL).status_code == 302
    assert not Session.objects.filter(pk=key).exists()  # Django flushes a session whose hash does not match


def test_a_deactivated_user_read_with_the_session_is_signed_out(client, staff_a):
    key = _login_session(client, staff_a)
    assert client.get(URL).status_code == 200
    User.objects.filter(pk=staff_a.pk).update(is_active=False)
    assert SessionStore(key).load()["_auth_user_id"] == str(staff_a.pk)  # the session itself still holds
    assert client.get(URL).status_code == 302


def test_deleting_a_user_ends_their_sessions_and_clearsessions_drops_expired_rows(client, staff_a, office_user):
    from django.core.management import call_command

    _login_session(client, staff_a)
    other = Client()
    other.force_login(office_user)
    Session.objects.filter(user=office_user).update(expire_date=timezone.now() - timedelta(seconds=1))
    call_command("clearsessions")
    assert not Session.objects.filter(user=office_user).exists()
    assert Session.objects.filter(user=staff_a).exists()
    staff_a.delete()
    assert not Session.objects.exists()


def test_the_session_and_its_user_are_read_in_one_statement(client, staff_a):
    client.force_login(staff_a)
    client.get(URL)
    sql = _statements(client)
    assert sum('"tracker_session"' in s for s in sql) == 1
    assert sum('"tracker_user"' in s for s in sql) == 1
    assert not any(s.lstrip().startswith('SELECT "tracker_user"') for s in sql)  # not read again by the backend
