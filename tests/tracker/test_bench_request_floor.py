"""bench_tracker's "request floor": a minimal page through the same middleware and login as the pages."""
import pytest
from django.test import Client
from django.urls import reverse

from ingest.management.commands.bench_tracker import Command


@pytest.mark.django_db
def test_request_floor_is_a_logged_in_request_and_leaves_the_urls_as_they_were(office_user):
    client = Client()
    client.force_login(office_user)
    assert Command._request_floor(client, 3) > 0  # raises unless the minimal page answered 200 to the user
    assert client.get(reverse("tracker:task_list")).status_code == 200
    assert Client().get("/__bench/request-floor/").status_code == 404  # only while measured


@pytest.mark.django_db
def test_request_floor_refuses_an_anonymous_client():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        Command._request_floor(Client(), 1)  # login_required: a redirect, not the floor
