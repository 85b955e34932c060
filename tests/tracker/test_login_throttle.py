"""Failed logins lock a username from one address only, and behind a configured proxy the
address is the client's (X-Forwarded-For), not the proxy's; without one the header is ignored."""
import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOCKED = (403, 429)


def _login(client, user, password, **meta):
    return client.post(reverse("login"), {"username": user.username, "password": password}, **meta)


def _lock(client, user, **meta):
    for _ in range(5):
        assert _login(client, user, "sai-mat-khau", **meta).status_code in (200, *LOCKED)


def test_a_stranger_cannot_lock_the_clerk_out(client, staff_a):
    _lock(client, staff_a, REMOTE_ADDR="10.0.0.66")
    assert _login(client, staff_a, PASSWORD, REMOTE_ADDR="10.0.0.66").status_code in LOCKED  # locked there
    ok = _login(client, staff_a, PASSWORD, REMOTE_ADDR="10.0.0.7")  # the clerk's own PC
    assert ok.status_code == 302 and ok["Location"] == reverse("tracker:task_list")


def test_behind_a_trusted_proxy_each_client_address_counts(client, staff_a, settings):
    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXIES = 1, ["127.0.0.1"]
    # the client forged a first hop; the proxy appended the real address
    _lock(client, staff_a, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.7, 10.0.0.66")
    assert _login(client, staff_a, PASSWORD, REMOTE_ADDR="127.0.0.1",
                  HTTP_X_FORWARDED_FOR="10.0.0.66").status_code in LOCKED
    # a request that does not come from the proxy is judged by its own address
    assert _login(client, staff_a, PASSWORD, REMOTE_ADDR="10.0.0.66",
                  HTTP_X_FORWARDED_FOR="10.0.0.7").status_code in LOCKED
    ok = _login(client, staff_a, PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.7")
    assert ok.status_code == 302


def test_without_a_proxy_a_forged_forwarded_header_does_not_escape_the_lock(client, staff_a):
    _lock(client, staff_a, REMOTE_ADDR="10.0.0.66", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert _login(client, staff_a, PASSWORD, REMOTE_ADDR="10.0.0.66",
                  HTTP_X_FORWARDED_FOR="2.2.2.2").status_code in LOCKED
