"""Reading a page writes nothing to the database and compiles no template twice."""
import pytest
from django.db import connection
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["tracker:task_list", "tracker:dashboard", "tracker:communique_suggestions"])
def test_a_read_request_writes_nothing(client, office_user, task_a, name):
    client.force_login(office_user)
    url = reverse(name)
    client.get(url)  # the first request after login may renew the session (once per SESSION_RENEW_SECONDS)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    writes = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert writes == []


def test_templates_are_compiled_once_per_process():
    """Django's cached loader, as every settings module leaves `loaders` to its default."""
    loaders = engines["django"].engine.template_loaders
    assert len(loaders) == 1 and isinstance(loaders[0], CachedLoader)
