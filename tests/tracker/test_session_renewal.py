"""Reading pages does not write the session each time; the idle expiry still moves forward."""
from datetime import datetime, timedelta, timezone as tz
from unittest import mock

import pytest
from django.urls import reverse

from tracker.models import Session


@pytest.mark.django_db
def test_session_is_renewed_once_per_interval_not_per_request(client, staff_a, settings):
    settings.SESSION_RENEW_SECONDS = 300
    client.force_login(staff_a)
    url = reverse("tracker:task_list")
    with mock.patch("tracker.middleware.time.time", return_value=1_000_000):
        assert client.get(url).status_code == 200
    first = Session.objects.get().expire_date
    with mock.patch("tracker.middleware.time.time", return_value=1_000_100), \
            mock.patch("django.contrib.sessions.backends.db.SessionStore.save") as save:
        for _ in range(3):
            assert client.get(url).status_code == 200
    assert save.call_count == 0  # within the interval: no session write at all
    with mock.patch("tracker.middleware.time.time", return_value=1_000_400), \
            mock.patch("django.utils.timezone.now", return_value=datetime.now(tz.utc) + timedelta(minutes=7)):
        response = client.get(url)
    assert response.status_code == 200
    assert Session.objects.get().expire_date > first  # renewed: the idle timeout starts again
    assert settings.SESSION_COOKIE_NAME in response.cookies
