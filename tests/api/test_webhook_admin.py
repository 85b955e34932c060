"""The office configures webhooks in the admin and reads their delivery log; no one else reaches them."""
import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tracker.models import User, Webhook, WebhookDelivery


@pytest.fixture
def office_admin(office_unit):
    return UserFactory(username="quantri", unit=office_unit, role=User.Role.OFFICE, is_staff=True)


@pytest.fixture
def viewer_staff(office_unit):
    return UserFactory(username="xem", unit=office_unit, role=User.Role.VIEWER, is_staff=True)


@pytest.mark.django_db
def test_office_adds_a_webhook_with_chosen_events_and_reads_the_log(client, office_admin, unit_a, make_task):
    client.force_login(office_admin)
    response = client.post(reverse("admin:tracker_webhook_add"), {
        "name": "eOffice", "url": "https://eoffice.example.vn/hook", "secret": "khoa-bi-mat-123",
        "events": ["task.created", "extension.decided"], "is_active": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    hook = Webhook.objects.get()
    assert hook.events == ["task.created", "extension.decided"]
    task = make_task(unit_a)
    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "task.created" and delivery.task == task
    page = client.get(reverse("admin:tracker_webhookdelivery_changelist"))
    assert page.status_code == 200 and "Giao nhiệm vụ mới" in page.content.decode()
    assert client.get(reverse("admin:tracker_webhookdelivery_change", args=[delivery.pk])).status_code == 200


@pytest.mark.django_db
def test_viewer_with_admin_access_cannot_see_webhooks(client, viewer_staff):
    Webhook.objects.create(name="eOffice", url="https://eoffice.example.vn/hook", secret="x")
    client.force_login(viewer_staff)
    assert client.get(reverse("admin:tracker_webhook_changelist")).status_code == 403
    assert client.get(reverse("admin:tracker_webhookdelivery_changelist")).status_code == 403


@pytest.mark.django_db
def test_office_revokes_a_token_in_the_admin(client, office_admin, staff_a):
    from tracker.api import tokens

    token, key = tokens.create_token(staff_a, name="eOffice")
    client.force_login(office_admin)
    page = client.get(reverse("admin:tracker_apitoken_changelist")).content.decode()
    assert token.prefix in page and key not in page and token.key_hash not in page
    response = client.post(reverse("admin:tracker_apitoken_changelist"),
                           {"action": "revoke_action", "_selected_action": [token.pk]})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked and token.revoked_at
