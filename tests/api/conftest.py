"""API fixtures: the tracker's tasks (task_a: A leads, B supports; task_c: a third unit's), tokens per role."""
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from ingest.models import Communique, Directive, DirectiveOwner
from tests.tracker.conftest import communique, directive, make_task, task_a, task_c, today  # noqa: F401
from tracker import services
from tracker.api import tokens
from tracker.models import ApiToken, Task

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _no_broker(monkeypatch):
    """Event emails and webhooks are queued in the database; no test here needs a broker."""
    from tracker.reminders import outbox as reminder_outbox
    from tracker.webhooks import services as webhook_services

    monkeypatch.setattr(reminder_outbox, "_publish_send", lambda: None)
    monkeypatch.setattr(webhook_services, "_enqueue", lambda: None)


def token_client(user, scope=ApiToken.Scope.READ_WRITE) -> APIClient:
    client = APIClient()
    if user is not None:
        _token, key = tokens.create_token(user, name="thử", scope=scope)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


@pytest.fixture
def api():
    return token_client


@pytest.fixture
def task_a2(make_task, unit_a, today):
    """Another task of unit A, with no extension pending."""
    return make_task(unit_a, title="Xây dựng đề án chuyển đổi số", due=today + timedelta(days=10))


@pytest.fixture
def awaiting_a(make_task, unit_a, today):
    return make_task(unit_a, title="Báo cáo sơ kết công tác dân vận", due=today + timedelta(days=5),
                     status=Task.Status.AWAITING, completed_on=today)


@pytest.fixture
def extension_a(task_a, staff_a, today):
    return services.request_extension(task_a, staff_a, new_due_date=today + timedelta(days=60),
                                      reason="Chờ ý kiến các sở")


@pytest.fixture
def report_c(task_c, office_user):
    """A report with a file on the third unit's task."""
    return services.report_progress(task_c, office_user, text="VP báo cáo", percent=10,
                                    attachment=SimpleUploadedFile("bi-mat.pdf", PDF, "application/pdf"))


@pytest.fixture
def communique_c(db, task_c):
    """A published communiqué whose only task is the third unit's."""
    c = Communique.objects.create(number="99-TB/TU", title="Ngân sách", text="Giao Sở Tài chính cân đối.",
                                  content_hash="hash-99", state=Communique.State.PUBLISHED)
    d = Directive.objects.create(communique=c, order=0, text="Giao Sở Tài chính cân đối.",
                                 review=Directive.Review.ACCEPTED)
    Task.objects.filter(pk=task_c.pk).update(directive=d)
    return c


@pytest.fixture
def draft(db, unit_a):
    """A draft with one proposal ready to publish (lead: unit A)."""
    c = Communique.objects.create(number="20-TB/TU", title="Chuyển đổi số", content_hash="hash-20",
                                  text="Giao Ban Tổ chức Tỉnh uỷ chủ trì rà soát cán bộ.")
    d = Directive.objects.create(communique=c, order=0, text="Giao Ban Tổ chức Tỉnh uỷ chủ trì rà soát cán bộ.")
    DirectiveOwner.objects.create(directive=d, name="Ban Tổ chức Tỉnh uỷ", unit=unit_a, role=DirectiveOwner.Role.LEAD)
    return c
