"""The pages' access matrix holds for the API: every endpoint as every role, by id, filter, report and file."""
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ingest.models import Communique
from tracker.models import ExtensionRequest, ProgressReport, Task, Unit

from .conftest import PDF, token_client

ROLES = ["office", "viewer", "head", "staff", "anonymous"]


@pytest.fixture
def users(office_user, viewer, head_a, staff_a):
    return {"office": office_user, "viewer": viewer, "head": head_a, "staff": staff_a, "anonymous": None}


def endpoints(ctx, today):
    """name → (method, url, data, format) with input valid for a user allowed to use it."""
    a, c, a2, aw, ext, rc = (ctx[k] for k in ("task_a", "task_c", "task_a2", "awaiting", "extension", "report_c"))
    later = (today + timedelta(days=90)).isoformat()
    return {
        "tasks.list": ("get", "/api/v1/tasks/", None, None),
        "tasks.own": ("get", f"/api/v1/tasks/{a.pk}/", None, None),
        "tasks.other": ("get", f"/api/v1/tasks/{c.pk}/", None, None),
        "attachment.other": ("get", f"/api/v1/reports/{rc.pk}/attachment/", None, None),
        "report.own": ("post", f"/api/v1/tasks/{a.pk}/report/",
                       {"text": "Đã triển khai", "percent": 40,
                        "attachment": SimpleUploadedFile("kh.pdf", PDF, "application/pdf")}, "multipart"),
        "report.other": ("post", f"/api/v1/tasks/{c.pk}/report/", {"text": "x", "percent": 5}, "json"),
        "done.own": ("post", f"/api/v1/tasks/{a2.pk}/done/", {"text": "Đã xong"}, "json"),
        "extension.own": ("post", f"/api/v1/tasks/{a2.pk}/extension/", {"new_due_date": later, "reason": "Chờ"}, "json"),
        "extension.other": ("post", f"/api/v1/tasks/{c.pk}/extension/", {"new_due_date": later, "reason": "x"}, "json"),
        "decision.own": ("post", f"/api/v1/tasks/{a.pk}/extensions/{ext.pk}/decision/", {"decision": "approve"}, "json"),
        "confirm.own": ("post", f"/api/v1/tasks/{aw.pk}/confirm/", {"decision": "accept"}, "json"),
        "send_back.own": ("post", f"/api/v1/tasks/{aw.pk}/send-back/", {"note": "Thiếu số liệu"}, "json"),
        "edit.own": ("patch", f"/api/v1/tasks/{a.pk}/", {"due_date": later, "note": "Điều chỉnh"}, "json"),
        "edit.other": ("patch", f"/api/v1/tasks/{c.pk}/", {"status": "cancelled"}, "json"),
        "communiques.list": ("get", "/api/v1/communiques/", None, None),
        "communiques.own": ("get", f"/api/v1/communiques/{ctx['communique'].pk}/", None, None),
        "communiques.other": ("get", f"/api/v1/communiques/{ctx['communique_c'].pk}/", None, None),
        "communiques.draft": ("get", f"/api/v1/communiques/{ctx['draft'].pk}/", None, None),
        "communiques.import": ("post", "/api/v1/communiques/", {"pasted": ctx["sample"]}, "json"),
        "communiques.publish": ("post", f"/api/v1/communiques/{ctx['draft'].pk}/publish/", {}, "json"),
        "units.list": ("get", "/api/v1/units/", None, None),
        "units.create": ("post", "/api/v1/units/", {"name": "Sở Khoa học và Công nghệ", "code": "SKHCN"}, "json"),
        "units.edit": ("patch", f"/api/v1/units/{ctx['unit_a'].pk}/", {"email": "btc@example.vn"}, "json"),
        "units.alias": ("post", f"/api/v1/units/{ctx['unit_a'].pk}/aliases/", {"name": "Ban TC"}, "json"),
    }


#                         office viewer head staff anonymous
EXPECTED = {
    "tasks.list":           (200, 200, 200, 200, 401),
    "tasks.own":            (200, 200, 200, 200, 401),
    "tasks.other":          (200, 200, 404, 404, 401),
    "attachment.other":     (200, 200, 404, 404, 401),
    "report.own":           (201, 403, 201, 201, 401),
    "report.other":         (201, 403, 404, 404, 401),
    "done.own":             (201, 403, 201, 201, 401),
    "extension.own":        (201, 403, 201, 201, 401),
    "extension.other":      (201, 403, 404, 404, 401),
    "decision.own":         (200, 403, 403, 403, 401),
    "confirm.own":          (200, 403, 403, 403, 401),
    "send_back.own":        (200, 403, 403, 403, 401),
    "edit.own":             (200, 403, 403, 403, 401),
    "edit.other":           (200, 403, 404, 404, 401),
    "communiques.list":     (200, 200, 200, 200, 401),
    "communiques.own":      (200, 200, 200, 200, 401),
    "communiques.other":    (200, 200, 404, 404, 401),
    "communiques.draft":    (200, 404, 404, 404, 401),
    "communiques.import":   (201, 403, 403, 403, 401),
    "communiques.publish":  (200, 403, 403, 403, 401),
    "units.list":           (200, 200, 200, 200, 401),
    "units.create":         (201, 403, 403, 403, 401),
    "units.edit":           (200, 403, 403, 403, 401),
    "units.alias":          (201, 403, 403, 403, 401),
}


def state():
    """Everything a refused write could have changed."""
    return (
        list(Task.objects.order_by("pk").values_list("pk", "status", "due_date", "progress", "lead_unit_id")),
        ProgressReport.objects.count(),
        list(ExtensionRequest.objects.order_by("pk").values_list("state", flat=True)),
        list(Communique.objects.order_by("pk").values_list("state", flat=True)),
        list(Unit.objects.order_by("pk").values_list("name", "email")),
        sorted(Unit.objects.values_list("aliases__name", flat=True).exclude(aliases__name=None)),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_as_every_role(role, name, users, task_a, task_c, task_a2, awaiting_a, extension_a,
                                      report_c, communique, communique_c, draft, unit_a, today):
    from tests.ingest.conftest import SAMPLE

    ctx = {"task_a": task_a, "task_c": task_c, "task_a2": task_a2, "awaiting": awaiting_a, "extension": extension_a,
           "report_c": report_c, "communique": communique, "communique_c": communique_c, "draft": draft,
           "unit_a": unit_a, "sample": SAMPLE}
    method, url, data, fmt = endpoints(ctx, today)[name]
    expected = EXPECTED[name][ROLES.index(role)]
    user = users[role]
    if role == "viewer":  # leadership may hold read tokens only; the session shows the role's own rule
        client = token_client(None)
        client.force_login(user)
    else:
        client = token_client(user)
    before = state()
    kwargs = {"format": fmt} if fmt else {}
    response = getattr(client, method)(url, data, **kwargs) if data is not None else getattr(client, method)(url)
    assert response.status_code == expected, (role, name, getattr(response, "data", None))
    if expected >= 400:
        body = response.json()
        assert body["code"] and body["detail"]  # JSON with a stable code and a Vietnamese message
        assert state() == before, "a refused call changed something"
        if name.startswith("attachment"):
            assert PDF not in response.content
    elif method != "get":
        assert state() != before


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["head", "staff"])
def test_other_units_tasks_never_appear_in_lists_by_any_filter(role, users, task_a, task_c, communique_c, today):
    client = token_client(users[role])
    queries = ["", "?q=Cân đối ngân sách", f"?unit={task_c.lead_unit_id}", f"?communique={communique_c.pk}",
               f"?due_after={today.isoformat()}&due_before={(today + timedelta(days=5)).isoformat()}",
               "?timeliness=sap_den_han", "?sort=-due&page_size=200"]
    for query in queries:
        response = client.get("/api/v1/tasks/" + query)
        assert response.status_code in (200, 400), query
        if response.status_code == 200:
            ids = [row["id"] for row in response.json()["results"]]
            assert task_c.pk not in ids, query
            assert response.json()["count"] == len(ids) <= 1
    assert [r["id"] for r in client.get("/api/v1/tasks/").json()["results"]] == [task_a.pk]


@pytest.mark.django_db
def test_office_filters_as_on_the_page(users, task_a, task_c):
    client = token_client(users["office"])
    body = client.get(f"/api/v1/tasks/?unit={task_c.lead_unit_id}").json()
    assert [r["id"] for r in body["results"]] == [task_c.pk]
    body = client.get("/api/v1/tasks/?q=can doi ngan sach").json()  # no diacritics, as on the page
    assert [r["id"] for r in body["results"]] == [task_c.pk]
    body = client.get("/api/v1/tasks/?sort=-due").json()
    assert [r["id"] for r in body["results"]] == [task_a.pk, task_c.pk]
    assert body["counts"]["sap_den_han"] == 1 and body["count"] == 2


@pytest.mark.django_db
def test_support_unit_reads_but_cannot_act_as_lead(staff_b, task_a, task_c):
    client = token_client(staff_b)
    assert client.get(f"/api/v1/tasks/{task_a.pk}/").status_code == 200
    assert client.get(f"/api/v1/tasks/{task_c.pk}/").status_code == 404
    assert client.post(f"/api/v1/tasks/{task_a.pk}/report/", {"text": "Phối hợp", "percent": 10},
                       format="json").status_code == 201
    response = client.post(f"/api/v1/tasks/{task_a.pk}/done/", {"text": "Xong"}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["office", "staff"])
def test_task_list_queries_do_not_grow_with_rows(role, users, make_task, unit_a, unit_b, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = token_client(users[role])
    client.get("/api/v1/tasks/")  # the token's first use is recorded once

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/tasks/?sort=unit").status_code == 200
        return len(ctx.captured_queries)

    make_task(unit_a, due=today)
    few = queries()
    for i in range(30):
        make_task(unit_a if i % 2 else unit_b, title=f"Nhiệm vụ {i}", supports=[unit_b], due=today + timedelta(days=i))
    assert queries() == few
