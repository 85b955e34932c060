"""What import and review keep of where each proposal was read: issue and meeting dates apart, evidence beside
owners and deadlines, and a selection added with the owners and deadline it has where it stands."""
from datetime import date

import pytest

from ingest import services
from ingest.models import Communique
from tests.ingest.conftest import PLAN, PLAN_HEAD, SAMPLE, make_communique

pytestmark = pytest.mark.django_db

def test_a_plan_keeps_its_issue_date_and_no_meeting_date(directory):
    c = services.import_document(data=None, pasted=PLAN)
    assert c.issue_date == date(2026, 3, 10) and c.meeting_date is None
    assert c.date == date(2026, 3, 10) and c.label == "12/KH-UBND"


def test_a_conclusion_keeps_both_the_meeting_and_the_issue_date(directory):
    c = services.import_document(data=None, pasted=SAMPLE)
    assert c.meeting_date == date(2025, 3, 12) and c.issue_date == date(2025, 3, 15)


def test_owners_and_deadlines_are_stored_with_where_they_were_read(directory):
    c = services.import_document(data=None, pasted=PLAN)
    first = c.directives.get(text__startswith="Nâng cấp mạng")
    lead = first.owners.get(role="lead")
    assert (lead.name, lead.unit, lead.evidence) == (
        "Ban Tổ chức Tỉnh ủy", directory["a"], "từ dòng Trách nhiệm thực hiện (mục II.1)")
    assert first.deadline == date(2026, 9, 30)
    assert first.deadline_evidence == "từ dòng Trách nhiệm thực hiện (mục II.1)"
    tax = c.directives.get(text__startswith="Tổ chức tập huấn").owners.get()
    assert tax.unit is None and tax.unit_type == "Thuế"  # not in the directory, but a unit by its type


def test_a_selection_added_by_hand_gets_the_owners_and_deadline_of_where_it_stands(directory):
    text = PLAN.replace("b) Xây dựng kho dữ liệu dùng chung của tỉnh.",
                        "b) Xây dựng kho dữ liệu dùng chung của tỉnh. Kho dữ liệu được vận hành thử.")
    c = make_communique(text, directives=[])
    span = "Kho dữ liệu được vận hành thử."
    start = text.index(span)
    added = services.add_directive(c, start=start, end=start + len(span))
    assert [(o.name, o.role) for o in added.owners.all()] == [("Ban Tổ chức Tỉnh ủy", "lead"), ("Sở Y tế", "support")]
    assert added.deadline == date(2026, 9, 30) and added.deadline_source == "inherited"
    assert added.owners.first().evidence.startswith("từ dòng Trách nhiệm thực hiện")


HEADED = PLAN_HEAD.replace("Số: 12/", "Số: 14/") + """Trách nhiệm thực hiện: Ban Tổ chức Tỉnh ủy chủ trì; phối hợp: Sở Y tế; thời gian: quý III/2026.
2. Sở Y tế
a) Tổ chức tập huấn kỹ năng số cho nhân viên y tế cấp xã.
Thời gian hoàn thành: quý IV/2026.
3. Yêu cầu các huyện ủy, thành ủy trước ngày 30/11/2026:
a) Cập nhật dữ liệu đảng viên.
"""


def test_a_selection_inside_a_heading_gets_the_headings_unit_and_its_groups_time_limit(directory):
    c = make_communique(HEADED, directives=[])
    start = HEADED.index("Sở Y tế\n")
    added = services.add_directive(c, start=start, end=start + len("Sở Y tế"))
    lead = added.owners.get()
    assert (lead.name, lead.role, lead.unit, lead.evidence) == ("Sở Y tế", "lead", directory["b"], "kế thừa từ mục II.2")
    assert (added.deadline, added.deadline_source) == (date(2026, 12, 31), "inherited")
    assert added.deadline_evidence == "từ dòng Thời gian hoàn thành (mục II.2.a)"


def test_a_selection_inside_a_lead_in_added_on_the_review_page_gets_the_lead_ins_units_and_time_frame(
        client, office_user, directory):
    from django.urls import reverse
    c = make_communique(HEADED, directives=[])
    span = "các huyện ủy, thành ủy"
    start = HEADED.index(span)
    client.force_login(office_user)
    response = client.post(reverse("ingest:directive_add", args=[c.pk]),
                           {"start": start, "end": start + len(span), "selected_text": span})
    assert response.status_code == 302
    added = c.directives.get()
    assert [(o.name, o.role, o.evidence) for o in added.owners.order_by("id")] == [
        ("các huyện ủy", "lead", "kế thừa từ lời dẫn mục II.3"), ("thành ủy", "lead", "kế thừa từ lời dẫn mục II.3")]
    assert (added.deadline, added.deadline_evidence) == (date(2026, 11, 30), "kế thừa từ lời dẫn mục II.3")


def test_lists_sort_by_the_meeting_else_the_issue_date():
    old = make_communique("a", number="1", issue_date=date(2024, 1, 1))
    met = make_communique("b", number="2", meeting_date=date(2025, 5, 1), issue_date=date(2025, 5, 3))
    plan = make_communique("c", number="3", issue_date=date(2025, 6, 1))
    assert list(Communique.objects.all()) == [plan, met, old]


# --- pages --------------------------------------------------------------------------------------------

def test_review_page_shows_where_owners_and_deadlines_come_from_and_the_closest_units(client, office_user,
                                                                                        directory, media):
    from django.urls import reverse
    c = services.import_document(data=None, pasted=PLAN.replace("Thuế tỉnh", "Ban Tổ chức Tỉnh"))
    client.force_login(office_user)
    page = client.get(reverse("ingest:review", args=[c.pk])).content.decode()
    assert "từ dòng Trách nhiệm thực hiện (mục II.1)" in page  # beside the owner and the deadline
    assert 'class="form-text deadline-evidence">từ dòng Cơ quan chủ trì (mục II.2)' in page
    # "Ban Tổ chức Tỉnh" is no unit of the directory: flagged, with the closest one offered
    assert "chưa có trong danh mục" in page
    assert 'data-name="Ban Tổ chức Tỉnh ủy">Ban Tổ chức Tỉnh ủy</button>' in page


def test_split_by_sentence_cuts_at_the_boundary_nearest_the_caret(client, office_user, directory):
    from django.urls import reverse
    text = "Sở Y tế chủ trì kiểm tra. Báo cáo kết quả trước ngày 30/6. Đồng thời rà soát danh mục."
    c = make_communique(text, directives=[{"text": text}])
    d = c.directives.get()
    client.force_login(office_user)
    client.post(reverse("ingest:directive_split", args=[d.pk]), {"at": 52, "by_sentence": "1"})
    assert [x.text for x in c.directives.order_by("order")] == [
        "Sở Y tế chủ trì kiểm tra. Báo cáo kết quả trước ngày 30/6.", "Đồng thời rà soát danh mục."]
    first = c.directives.order_by("order").first()
    client.post(reverse("ingest:directive_split", args=[first.pk]), {"by_sentence": "1"})
    assert [x.text for x in c.directives.order_by("order")][:2] == [
        "Sở Y tế chủ trì kiểm tra.", "Báo cáo kết quả trước ngày 30/6."]


def test_bulk_import_reports_each_file_and_loses_none(client, office_user, directory, media):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    client.force_login(office_user)
    files = [SimpleUploadedFile("ke-hoach.txt", PLAN.encode()), SimpleUploadedFile("ket-luan.txt", SAMPLE.encode()),
             SimpleUploadedFile("trung.txt", PLAN.encode()), SimpleUploadedFile("bang.xlsx", b"a,b\n1,2")]
    response = client.post(reverse("ingest:import_bulk"), {"files": files})
    assert response.status_code == 200
    results = response.context["results"]
    assert [r["status"] for r in results] == ["imported", "imported", "duplicate", "refused"]
    assert "không được hỗ trợ" in results[3]["message"]
    assert Communique.objects.count() == 2
    page = response.content.decode()
    assert "Trùng: Đã nhập trước đây" in page and 'id="bulk-progress"' in page


def test_bulk_import_answers_one_file_at_a_time_in_json_for_the_progress_bar(client, office_user, directory, media):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    client.force_login(office_user)
    response = client.post(reverse("ingest:import_bulk"), {"files": SimpleUploadedFile("a.txt", PLAN.encode())},
                           HTTP_ACCEPT="application/json")
    body = response.json()
    c = Communique.objects.get()
    assert body["status"] == "imported" and body["url"] == reverse("ingest:review", args=[c.pk])
    assert body["name"] == "a.txt"


def test_bulk_import_is_the_office_s_work(client, staff_a, media):
    from django.urls import reverse
    client.force_login(staff_a)
    assert client.get(reverse("ingest:import_bulk")).status_code == 403
