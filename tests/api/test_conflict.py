"""A decision sent with an older `version` than the task's is a 409 Conflict with a Vietnamese message,
and changes nothing; the current version goes through."""
from datetime import date

import pytest

from tracker import services
from tracker.models import Task

pytestmark = pytest.mark.django_db


def test_stale_version_is_a_conflict_and_writes_nothing(api, office_user, task_a):
    client = api(office_user)
    seen = client.get(f"/api/v1/tasks/{task_a.pk}/").json()["version"]
    services.update_task(task_a, office_user, due_date=date(2030, 1, 31), reason="người khác sửa trước")
    response = client.patch(f"/api/v1/tasks/{task_a.pk}/", {"status": "cancelled", "note": "thử", "version": seen},
                            format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "stale" and "đọc lại nhiệm vụ" in body["detail"]
    task = Task.objects.get(pk=task_a.pk)
    assert task.status != Task.Status.CANCELLED and task.version == seen + 1
    fresh = client.patch(f"/api/v1/tasks/{task_a.pk}/", {"status": "cancelled", "version": task.version},
                         format="json")
    assert fresh.status_code == 200 and fresh.json()["status"] == "cancelled"


def test_stale_confirmation_is_a_conflict(api, office_user, awaiting_a):
    client = api(office_user)
    stale = awaiting_a.version
    services.update_task(awaiting_a, office_user, due_date=date(2030, 1, 31))
    response = client.post(f"/api/v1/tasks/{awaiting_a.pk}/confirm/", {"decision": "accept", "version": stale},
                           format="json")
    assert response.status_code == 409 and response.json()["code"] == "stale"
    assert Task.objects.get(pk=awaiting_a.pk).status == Task.Status.AWAITING


def test_bad_input_is_still_a_400(api, office_user, task_a):
    response = api(office_user).patch(f"/api/v1/tasks/{task_a.pk}/", {"due_date": "không phải ngày"}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "invalid"
