"""Error pages speak Vietnamese; an oversized post is refused with a message and changes nothing."""
import pytest
from django.urls import reverse

from ingest.models import Communique

pytestmark = pytest.mark.django_db


def test_unknown_page_is_vietnamese(client, staff_a):
    client.force_login(staff_a)
    response = client.get("/nhiem-vu/999999/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_the_browsers_favicon_request_is_sent_to_the_icon_not_a_404(client):
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == "/static/favicon.svg"
    assert finders.find("favicon.svg")


def test_oversized_paste_is_refused_in_vietnamese(client, office_user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(office_user)
    response = client.post(reverse("ingest:import"), {"pasted": "Giao Sở Y tế chủ trì. " * 200})
    assert response.status_code == 400
    assert "quá lớn" in response.content.decode()
    assert not Communique.objects.exists()
