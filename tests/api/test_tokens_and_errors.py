"""Personal tokens (revoked, expired, read-only), history attribution, throttling, and JSON errors in Vietnamese."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from tracker.api import tokens
from tracker.api.throttling import PerTokenThrottle
from tracker.forms import ReportForm
from tracker.models import ApiToken, ExtensionRequest, ProgressReport, Task

from .conftest import token_client


def bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


@pytest.mark.django_db
def test_token_is_stored_hashed_and_shown_once(staff_a):
    token, key = tokens.create_token(staff_a, name="eOffice", scope=ApiToken.Scope.READ)
    assert key.startswith("ddc_") and len(key) > 40
    assert key not in (token.key_hash, token.prefix) and key.startswith(token.prefix)
    assert token.key_hash == tokens.hash_key(key)
    assert not ApiToken.objects.filter(key_hash=key).exists()


@pytest.mark.django_db
def test_revoked_token_is_refused_and_writes_nothing(staff_a, task_a):
    token, key = tokens.create_token(staff_a, name="cũ", scope=ApiToken.Scope.READ_WRITE)
    client = bearer(key)
    assert client.get("/api/v1/tasks/").status_code == 200
    tokens.revoke_token(token, staff_a)
    response = client.post(f"/api/v1/tasks/{task_a.pk}/report/", {"text": "x", "percent": 5}, format="json")
    assert response.status_code == 401
    assert response.json() == {"code": "token_revoked", "detail": "Mã truy cập đã bị thu hồi."}
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not ProgressReport.objects.exists()
    assert client.get("/api/v1/tasks/").status_code == 401


@pytest.mark.django_db
def test_expired_and_unknown_tokens_are_refused(staff_a):
    token, key = tokens.create_token(staff_a, name="ngắn hạn", expires_at=timezone.now() + timedelta(days=1))
    assert bearer(key).get("/api/v1/tasks/").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert bearer(key).get("/api/v1/tasks/").json()["code"] == "token_expired"
    assert bearer(key + "x").get("/api/v1/tasks/").json()["code"] == "token_invalid"
    assert APIClient().get("/api/v1/tasks/").json() == {
        "code": "not_authenticated", "detail": "Cần đăng nhập hoặc gửi mã truy cập (Authorization: Bearer …)."}


@pytest.mark.django_db
@pytest.mark.parametrize("call", [
    ("post", "report/", {"text": "Đã triển khai", "percent": 30}),
    ("post", "done/", {"text": "Xong"}),
    ("post", "extension/", {"new_due_date": "2099-01-01", "reason": "Chờ"}),
    ("patch", "", {"status": "cancelled"}),
])
def test_read_only_token_cannot_write(office_user, task_a, call):
    method, path, data = call
    client = token_client(office_user, scope=ApiToken.Scope.READ)
    before = Task.objects.filter(pk=task_a.pk).values_list("status", "progress", "due_date").get()
    response = getattr(client, method)(f"/api/v1/tasks/{task_a.pk}/{path}", data, format="json")
    assert response.status_code == 403
    assert response.json() == {"code": "token_read_only", "detail": "Mã truy cập chỉ có quyền đọc."}
    assert Task.objects.filter(pk=task_a.pk).values_list("status", "progress", "due_date").get() == before
    assert not ProgressReport.objects.exists() and not ExtensionRequest.objects.exists()
    assert client.get(f"/api/v1/tasks/{task_a.pk}/").status_code == 200


@pytest.mark.django_db
def test_viewer_may_not_hold_a_write_token(viewer):
    with pytest.raises(ValidationError):
        tokens.create_token(viewer, name="x", scope=ApiToken.Scope.READ_WRITE)


@pytest.mark.django_db
def test_every_write_is_attributed_to_the_tokens_user_in_history(staff_a, office_user, task_a, today):
    staff = token_client(staff_a)
    assert staff.post(f"/api/v1/tasks/{task_a.pk}/report/", {"text": "Đã họp", "percent": 20},
                      format="json").status_code == 201
    record = task_a.history.order_by("-history_id").first()
    assert record.history_user == staff_a and record.history_change_reason == "Báo cáo tiến độ"
    response = staff.post(f"/api/v1/tasks/{task_a.pk}/extension/",
                          {"new_due_date": (today + timedelta(days=60)).strftime("%d/%m/%Y"), "reason": "Chờ sở"},
                          format="json")
    assert response.status_code == 201
    extension = ExtensionRequest.objects.get()
    assert extension.history.first().history_user == staff_a
    office = token_client(office_user)
    assert office.post(f"/api/v1/tasks/{task_a.pk}/extensions/{extension.pk}/decision/",
                       {"decision": "approve", "note": "Đồng ý"}, format="json").status_code == 200
    record = task_a.history.order_by("-history_id").first()
    assert record.history_user == office_user and record.due_date == today + timedelta(days=60)
    assert extension.history.order_by("-history_id").first().history_user == office_user
    detail = office.get(f"/api/v1/tasks/{task_a.pk}/").json()
    assert detail["history"][0]["user"] == office_user.username
    assert detail["due_date"] == (today + timedelta(days=60)).isoformat()
    assert detail["original_due_date"] == (today + timedelta(days=20)).isoformat()


@pytest.mark.django_db
def test_each_token_has_its_own_request_budget(monkeypatch, staff_a, head_a):
    from django.core.cache import cache

    cache.clear()
    monkeypatch.setattr(PerTokenThrottle, "THROTTLE_RATES", {"api": "3/min"})
    first, second = token_client(staff_a), token_client(staff_a)
    for _ in range(3):
        assert first.get("/api/v1/units/").status_code == 200
    response = first.get("/api/v1/units/")
    assert response.status_code == 429 and response.json()["code"] == "throttled"
    assert int(response["Retry-After"]) > 0 and "thử lại sau" in response.json()["detail"]
    assert second.get("/api/v1/units/").status_code == 200  # another token of the same user: its own budget
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize("data", [{"text": "", "percent": 10}, {"text": "Báo cáo", "percent": 150},
                                  {"text": "Báo cáo", "percent": "mười"}])
def test_validation_is_the_forms_own(staff_a, task_a, data):
    form = ReportForm(data)
    assert not form.is_valid()
    response = token_client(staff_a).post(f"/api/v1/tasks/{task_a.pk}/report/", data, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"] == {k: list(v) for k, v in form.errors.items()}
    assert not ProgressReport.objects.exists()


@pytest.mark.django_db
def test_service_refusals_are_json_with_the_services_message(office_user, task_a):
    response = token_client(office_user).post(f"/api/v1/tasks/{task_a.pk}/confirm/", {"decision": "accept"},
                                              format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"non_field_errors": ["Nhiệm vụ không ở trạng thái chờ xác nhận hoàn thành."]}


@pytest.mark.django_db
def test_bad_filters_pages_and_bodies_are_json_errors(office_user, task_a):
    client = token_client(office_user)
    response = client.get("/api/v1/tasks/?due_after=30-02-2025")
    assert response.status_code == 400 and response.json()["code"] == "invalid"
    assert "dd/mm/yyyy" in str(response.json()["errors"])
    assert client.get("/api/v1/tasks/?page=99").json()["code"] == "not_found"
    response = client.generic("POST", f"/api/v1/tasks/{task_a.pk}/report/", "{không phải json",
                              content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "parse_error"
    response = client.delete(f"/api/v1/tasks/{task_a.pk}/")
    assert response.status_code == 405 and response.json()["code"] == "method_not_allowed"
    response = client.patch(f"/api/v1/tasks/{task_a.pk}/", {"title": "Sửa tiêu đề"}, format="json")
    assert response.status_code == 400 and "status, due_date, lead_unit" in response.json()["detail"]


@pytest.mark.django_db
def test_edit_validates_every_part_before_writing_any(office_user, task_a):
    response = token_client(office_user).patch(f"/api/v1/tasks/{task_a.pk}/",
                                               {"due_date": "2099-01-01", "lead_unit": 999999}, format="json")
    assert response.status_code == 400 and response.json()["errors"] == {"lead": ["Đơn vị không hợp lệ."]}
    task_a.refresh_from_db()
    assert task_a.due_date != timezone.datetime(2099, 1, 1).date()


@pytest.mark.django_db
def test_session_works_for_the_browsable_api(client, staff_a, task_a):
    client.force_login(staff_a)
    page = client.get("/api/v1/tasks/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200 and "text/html" in page["Content-Type"]
    assert task_a.title[:40] in page.content.decode()
    assert client.get("/api/v1/schema/docs/").status_code == 200
    # a session write without the CSRF token is refused (the browsable API sends it)
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff_a)
    response = strict.post(f"/api/v1/tasks/{task_a.pk}/report/", {"text": "x", "percent": 1})
    assert response.status_code == 403 and not ProgressReport.objects.exists()
