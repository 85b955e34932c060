"""Communiqués through the API: the import service's limits and messages, proposals, publishing; the unit directory."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ingest.models import Communique
from tests.ingest.conftest import SAMPLE, make_docx, variant
from tracker.models import Task, Unit, UnitAlias

from .conftest import token_client


@pytest.fixture
def office(office_user):
    return token_client(office_user)


@pytest.mark.django_db
def test_upload_a_docx_gives_a_draft_with_its_proposals(office, office_unit, unit_a, unit_b):
    upload = SimpleUploadedFile("tb-123.docx", make_docx(SAMPLE),
                                "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response = office.post("/api/v1/communiques/", {"file": upload}, format="multipart")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "draft" and body["number"] == "123-TB/TU" and body["source_format"] == "docx"
    leads = {o["unit"]["id"] for d in body["directives"] for o in d["owners"] if o["role"] == "lead" and o["unit"]}
    assert {unit_a.pk, unit_b.pk} <= leads
    first = body["directives"][0]
    assert body["text"][first["start"]:first["end"]].startswith("Giao Ban Tổ chức")
    assert first["deadline"] == "2025-06-30"
    again = office.get(f"/api/v1/communiques/{body['id']}/").json()
    assert again["directives"] == body["directives"]


@pytest.mark.django_db
def test_duplicate_and_refused_imports_are_json_in_vietnamese(office, settings, office_unit):
    assert office.post("/api/v1/communiques/", {"pasted": SAMPLE}, format="json").status_code == 201
    response = office.post("/api/v1/communiques/", {"pasted": SAMPLE.replace("\n", "\r\n")}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate" and "đã được nhập ngày" in response.json()["detail"]
    assert response.json()["existing_id"] == Communique.objects.get().pk

    settings.IMPORT_MAX_BYTES = 1000
    big = SimpleUploadedFile("to.txt", variant(SAMPLE, "7").encode() * 3, "text/plain")
    response = office.post("/api/v1/communiques/", {"file": big}, format="multipart")
    assert response.status_code == 400 and response.json()["errors"]["file"][0].startswith("Tệp quá lớn")
    response = office.post("/api/v1/communiques/", {}, format="json")
    assert response.json()["errors"] == {"non_field_errors": ["Hãy chọn một tệp hoặc dán nội dung thông báo."]}
    bad = SimpleUploadedFile("tb.exe", b"MZ\x90\x00", "application/octet-stream")
    response = office.post("/api/v1/communiques/", {"file": bad}, format="multipart")
    assert response.status_code == 400 and response.json() == {
        "code": "unknown_format",
        "detail": "Định dạng tệp .exe không được hỗ trợ. Chỉ nhận các tệp .txt, .docx, .pdf, .html."}
    assert Communique.objects.count() == 1


@pytest.mark.django_db
def test_publish_turns_the_draft_into_tasks_once(office, draft, unit_a):
    response = office.post(f"/api/v1/communiques/{draft.pk}/publish/", {}, format="json")
    assert response.status_code == 200
    task = Task.objects.get()
    assert response.json() == {"communique": draft.pk, "tasks": [task.pk], "count": 1}
    assert task.lead_unit == unit_a and task.history.first().history_user.username == "vanphong"
    again = office.post(f"/api/v1/communiques/{draft.pk}/publish/", {}, format="json")
    assert again.status_code == 400 and "không ban hành lại" in again.json()["detail"]
    assert Task.objects.count() == 1


@pytest.mark.django_db
def test_units_directory_with_aliases_and_groups(office, staff_a, unit_a, unit_b):
    group = Unit.objects.create(name="Các ban Đảng Tỉnh uỷ", is_group=True)
    group.members.set([unit_a])
    UnitAlias.objects.create(unit=unit_a, name="Ban Tổ chức")
    rows = {u["id"]: u for u in token_client(staff_a).get("/api/v1/units/?page_size=100").json()}
    assert rows[unit_a.pk]["aliases"] == ["Ban Tổ chức"] and rows[unit_a.pk]["groups"] == [group.pk]
    assert rows[group.pk]["members"] == [unit_a.pk]
    response = office.post(f"/api/v1/units/{unit_b.pk}/aliases/", {"name": "Ban Tổ chức"}, format="json")
    assert response.status_code == 400 and "đã là tên gọi khác của Ban Tổ chức Tỉnh ủy" in response.json()["detail"]
    response = office.post("/api/v1/units/", {"name": unit_b.name}, format="json")
    assert response.status_code == 400 and response.json()["errors"]["name"]
    created = office.post("/api/v1/units/", {"name": "Sở Nội vụ", "code": "SNV"}, format="json").json()
    assert Unit.objects.get(pk=created["id"]).folded_name == "so noi vu"
