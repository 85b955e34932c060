"""Pages render with the production static storage even when a file is missing from the
manifest (no node_modules at set-up, or no collectstatic yet): a plain URL, never a 500."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_storage(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "config.security.StaticFilesStorage"}}
    settings.STATIC_ROOT = tmp_path / "staticfiles"  # empty: no manifest at all
    settings.STATICFILES_DIRS = [settings.BASE_DIR / "static"]  # as without node_modules


def test_login_error_and_task_pages_render_without_a_manifest(client, production_storage, staff_a):
    client.raise_request_exception = False
    login = client.get(reverse("login"))
    assert login.status_code == 200
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in login.content.decode()
    assert client.get("/khong-co/").status_code == 404
    client.force_login(staff_a)
    assert client.get(reverse("tracker:task_list")).status_code == 200
    assert client.get(reverse("ingest:communique_list")).status_code == 200


def test_each_static_url_is_worked_out_once(settings, tmp_path, monkeypatch):
    from whitenoise.storage import CompressedManifestStaticFilesStorage

    from config.security import StaticFilesStorage

    storage, asked = StaticFilesStorage(location=tmp_path), []
    monkeypatch.setattr(CompressedManifestStaticFilesStorage, "url",
                        lambda self, name, force=False: asked.append(name) or f"/static/{name}?{settings.DEBUG}")
    settings.DEBUG = False
    assert storage.url("css/app.css") == storage.url("css/app.css") == "/static/css/app.css?False"
    settings.DEBUG = True  # the unhashed name of a development server is its own entry
    assert storage.url("css/app.css") == "/static/css/app.css?True" and asked == ["css/app.css"] * 2
