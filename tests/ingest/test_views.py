"""Pages: office-only import/review/publish, visibility of communiqués, the admin import view."""
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ingest import services
from ingest.models import Communique, Directive, DirectiveOwner
from tests.factories import UserFactory
from tests.ingest.conftest import make_communique, make_docx
from tracker.models import Task, UnitAlias, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(directory):
    text = "Kết luận:\n1. Ban Tổ chức Tỉnh ủy chủ trì rà soát.\n2. Ban Kỳ Lạ thực hiện.\n3. Ý thừa.\n"
    return make_communique(text, directives=[
        {"text": "1. Ban Tổ chức Tỉnh ủy chủ trì rà soát.", "owners": [("Ban Tổ chức Tỉnh ủy", "lead", directory["a"])]},
        {"text": "2. Ban Kỳ Lạ thực hiện.", "owners": [("Ban Kỳ Lạ", "lead", None)]},
        {"text": "3. Ý thừa.", "owners": []},
    ])


def _office_urls(c):
    d = c.directives.first()
    o = DirectiveOwner.objects.filter(directive__communique=c).first()
    return [
        ("get", reverse("ingest:import")),
        ("post", reverse("ingest:import")),
        ("get", reverse("ingest:review", args=[c.pk])),
        ("post", reverse("ingest:publish", args=[c.pk])),
        ("post", reverse("ingest:directive_add", args=[c.pk])),
        ("post", reverse("ingest:directive_update", args=[d.pk])),
        ("post", reverse("ingest:directive_review", args=[d.pk])),
        ("post", reverse("ingest:directive_merge", args=[d.pk])),
        ("post", reverse("ingest:directive_split", args=[d.pk])),
        ("post", reverse("ingest:directive_delete", args=[d.pk])),
        ("post", reverse("ingest:owner_map", args=[o.pk])),
    ]


@pytest.mark.parametrize("who", ["staff_a", "head_a", "viewer"])
def test_non_office_users_are_refused(client, draft, who, request):
    client.force_login(request.getfixturevalue(who))
    payload = {"review": "rejected", "at": "3", "start": "0", "end": "5", "pasted": "1. Giao Sở Y tế làm.",
               f"d{draft.directives.first().pk}-text": "sửa", "fallback": "on"}
    for method, url in _office_urls(draft):
        response = getattr(client, method)(url, payload)
        assert response.status_code in (403, 404), (method, url, response.status_code)
    assert Communique.objects.count() == 1
    assert draft.directives.count() == 3
    assert set(draft.directives.values_list("review", flat=True)) == {"proposed"}
    assert Task.objects.count() == 0


def test_anonymous_is_sent_to_login(client, draft):
    for method, url in _office_urls(draft) + [("get", reverse("ingest:communique_list"))]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_units_see_only_communiques_that_gave_them_tasks(client, directory, staff_a, staff_b, office_user, viewer):
    mine = make_communique(number="1-TB/TU", directives=[{"text": "a", "owners": [("A", "lead", directory["a"])]}])
    other = make_communique(number="2-TB/TU", directives=[{"text": "b", "owners": [("B", "lead", directory["b"])]}])
    draft = make_communique(number="3-TB/TU", directives=[{"text": "c", "owners": [("A", "lead", directory["a"])]}])
    services.publish(mine)
    services.publish(other)
    list_url = reverse("ingest:communique_list")

    client.force_login(staff_a)
    page = client.get(list_url).content.decode()
    assert "1-TB/TU" in page and "2-TB/TU" not in page and "3-TB/TU" not in page
    assert client.get(reverse("ingest:communique_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("ingest:communique_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("ingest:communique_detail", args=[draft.pk])).status_code == 404

    client.force_login(viewer)
    page = client.get(list_url).content.decode()
    assert "1-TB/TU" in page and "2-TB/TU" in page and "3-TB/TU" not in page

    client.force_login(office_user)
    page = client.get(list_url).content.decode()
    assert all(n in page for n in ("1-TB/TU", "2-TB/TU", "3-TB/TU"))
    assert client.get(list_url, {"state": "draft"}).content.decode().count('data-communique="') == 1


def test_detail_lists_tasks_with_links(client, directory, staff_a, office_user):
    c = make_communique(directives=[{"text": "Rà soát cán bộ", "deadline": date(2025, 6, 30),
                                     "owners": [("A", "lead", directory["a"]), ("B", "lead", directory["b"])]}])
    tasks = services.publish(c)
    client.force_login(office_user)
    page = client.get(reverse("ingest:communique_detail", args=[c.pk])).content.decode()
    for t in tasks:
        assert f'href="/nhiem-vu/{t.pk}/"' in page
    assert "30/06/2025" in page
    client.force_login(staff_a)  # a unit sees its own task, not the other unit's
    page = client.get(reverse("ingest:communique_detail", args=[c.pk])).content.decode()
    mine = next(t for t in tasks if t.lead_unit == directory["a"])
    theirs = next(t for t in tasks if t.lead_unit == directory["b"])
    assert f"/nhiem-vu/{mine.pk}/" in page and f"/nhiem-vu/{theirs.pk}/" not in page


def test_list_counts_tasks_and_completed_ones(client, directory, office_user):
    c = make_communique(number="7-TB/TU", directives=[{"text": "a", "owners": [
        ("A", "lead", directory["a"]), ("B", "lead", directory["b"])]}])
    first, _ = services.publish(c)
    Task.objects.filter(pk=first.pk).update(status=Task.Status.DONE)
    client.force_login(office_user)
    (row,) = client.get(reverse("ingest:communique_list")).context["communiques"]
    assert (row.task_count, row.done_count) == (2, 1)


# --- import page -----------------------------------------------------------------------------------

def test_import_pasted_goes_to_review(client, office_user, sample_text, directory, media):
    client.force_login(office_user)
    response = client.post(reverse("ingest:import"), {"pasted": sample_text})
    c = Communique.objects.get()
    assert response.status_code == 302 and response.url == reverse("ingest:review", args=[c.pk])
    assert c.imported_by == office_user


def test_import_file_upload(client, office_user, sample_text, directory, media):
    client.force_login(office_user)
    upload = SimpleUploadedFile("tb.docx", make_docx(sample_text))
    response = client.post(reverse("ingest:import"), {"file": upload})
    assert response.status_code == 302
    assert Communique.objects.get().source_format == "docx"


def test_import_duplicate_links_to_first(client, office_user, sample_text, directory, media):
    client.force_login(office_user)
    first = services.import_document(data=None, filename="", pasted=sample_text, user=office_user)
    response = client.post(reverse("ingest:import"), {"pasted": sample_text})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Thông báo này đã được nhập ngày" in page
    assert f'href="{reverse("ingest:communique_detail", args=[first.pk])}"' in page
    assert Communique.objects.count() == 1


@pytest.mark.parametrize("data, name, words", [
    (b"PK\x03\x04broken" * 30, "hong.docx", "hỏng"),
    (b"a,b\n1,2", "bang.xlsx", "không được hỗ trợ"),
])
def test_import_bad_file_shows_vietnamese_error(client, office_user, data, name, words, media):
    client.force_login(office_user)
    response = client.post(reverse("ingest:import"), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 400
    assert words in response.content.decode()
    assert Communique.objects.count() == 0


def test_import_form_needs_exactly_one_source(client, office_user, media):
    client.force_login(office_user)
    response = client.post(reverse("ingest:import"), {})
    assert response.status_code == 400 and "Hãy chọn một tệp hoặc dán" in response.content.decode()
    response = client.post(reverse("ingest:import"), {"pasted": "x", "file": SimpleUploadedFile("a.txt", b"abc")})
    assert "Chỉ chọn một trong hai" in response.content.decode()


def test_import_oversize_upload(client, office_user, settings, media):
    settings.IMPORT_MAX_BYTES = 10
    client.force_login(office_user)
    response = client.post(reverse("ingest:import"), {"file": SimpleUploadedFile("a.txt", b"x" * 50)})
    assert response.status_code == 400 and "Tệp quá lớn" in response.content.decode()


# --- review page -----------------------------------------------------------------------------------

def test_review_page_shows_marks_forms_and_problems(client, office_user, draft):
    client.force_login(office_user)
    response = client.get(reverse("ingest:review", args=[draft.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    for d in draft.directives.all():
        assert f'id="d-{d.pk}"' in page and f'id="card-{d.pk}"' in page
    assert "Ban Kỳ Lạ" in page and "ghi nhớ làm tên gọi khác" in page
    assert 'id="publish-problems"' in page and "chưa có đơn vị chủ trì" in page
    assert '<datalist id="unit-names">' in page and 'value="Sở Y tế"' in page


def test_review_update_maps_owner_by_typed_name_and_remembers(client, office_user, draft, directory):
    client.force_login(office_user)
    d2 = draft.directives.get(order=1)
    owner = d2.owners.get()
    p = f"d{d2.pk}"
    response = client.post(reverse("ingest:directive_update", args=[d2.pk]), {
        f"{p}-text": d2.text, f"{p}-o{owner.pk}_unit": "syt", f"{p}-o{owner.pk}_role": "lead",
        f"{p}-o{owner.pk}_remember": "on", f"{p}-deadline": "15/10/2025", f"{p}-new_role": "lead",
        "action": "accept",
    })
    assert response.status_code == 302
    d2.refresh_from_db()
    assert [o.unit for o in d2.owners.all()] == [directory["b"]]
    assert d2.review == Directive.Review.ACCEPTED and d2.deadline == date(2025, 10, 15)
    assert UnitAlias.objects.get(name="Ban Kỳ Lạ").unit == directory["b"]


def test_review_update_with_unknown_unit_shows_error(client, office_user, draft):
    client.force_login(office_user)
    d1 = draft.directives.get(order=0)
    p = f"d{d1.pk}"
    response = client.post(reverse("ingest:directive_update", args=[d1.pk]), {
        f"{p}-text": "Đã sửa", f"{p}-new_unit": "Đơn vị không tồn tại", f"{p}-new_role": "lead"})
    assert response.status_code == 400
    assert "Không có đơn vị nào tên" in response.content.decode()
    d1.refresh_from_db()
    assert d1.text != "Đã sửa"


def test_review_actions_through_views(client, office_user, draft, directory):
    client.force_login(office_user)
    d1, d2, d3 = draft.directives.order_by("order")
    client.post(reverse("ingest:directive_review", args=[d3.pk]), {"review": "rejected"})
    d3.refresh_from_db()
    assert d3.review == "rejected"
    client.post(reverse("ingest:directive_split", args=[d1.pk]), {"at": "3"})
    assert draft.directives.count() == 4
    first = draft.directives.get(order=0)
    client.post(reverse("ingest:directive_merge", args=[first.pk]))
    assert draft.directives.count() == 3
    assert draft.directives.get(order=0).text == d1.text
    start = draft.text.index("Kết luận")
    client.post(reverse("ingest:directive_add", args=[draft.pk]),
                {"start": start, "end": start + 8, "selected_text": "Kết luận"})
    assert draft.directives.get(order=0).text == "Kết luận"
    owner = DirectiveOwner.objects.get(name="Ban Kỳ Lạ")
    client.post(reverse("ingest:owner_map", args=[owner.pk]),
                {f"m{owner.pk}-owner": owner.pk, f"m{owner.pk}-unit": "Sở Y tế", f"m{owner.pk}-remember": ""})
    owner.refresh_from_db()
    assert owner.unit == directory["b"] and not UnitAlias.objects.exists()


def test_publish_view(client, office_user, draft, directory):
    client.force_login(office_user)
    url = reverse("ingest:publish", args=[draft.pk])
    response = client.post(url, follow=True)
    assert "Chưa ban hành được" in response.content.decode()
    assert Task.objects.count() == 0
    response = client.post(url, {"fallback": "on"})
    assert response.status_code == 302 and response.url == reverse("ingest:communique_detail", args=[draft.pk])
    assert Task.objects.count() == 3
    response = client.post(url, {"fallback": "on"}, follow=True)
    assert "đã được ban hành" in response.content.decode()
    assert Task.objects.count() == 3
    # once published, the review page sends people to the communiqué page
    assert client.get(reverse("ingest:review", args=[draft.pk])).status_code == 302


# --- admin -----------------------------------------------------------------------------------------

@pytest.fixture
def admin_office(office_unit):
    return UserFactory(username="quantri", unit=office_unit, role=User.Role.OFFICE, is_staff=True, is_superuser=True)


def test_admin_changelist_has_import_button(client, admin_office, draft):
    client.force_login(admin_office)
    page = client.get(reverse("admin:ingest_communique_changelist")).content.decode()
    assert reverse("admin:ingest_communique_import") in page
    assert client.get(reverse("admin:ingest_communique_add")).url == reverse("admin:ingest_communique_import")
    page = client.get(reverse("admin:ingest_communique_change", args=[draft.pk])).content.decode()
    assert "Ban Kỳ Lạ" in page  # directives inline


def test_admin_import_uses_the_service(client, admin_office, sample_text, directory, media):
    client.force_login(admin_office)
    url = reverse("admin:ingest_communique_import")
    response = client.post(url, {"pasted": sample_text})
    c = Communique.objects.get()
    assert response.status_code == 302 and response.url == reverse("admin:ingest_communique_change", args=[c.pk])
    assert c.imported_by == admin_office and c.directives.exists()
    response = client.post(url, {"pasted": sample_text})
    assert response.status_code == 400 and "đã được nhập ngày" in response.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("x.docx", b"PK\x03\x04nope" * 20)})
    assert response.status_code == 400 and "hỏng" in response.content.decode()
    assert Communique.objects.count() == 1


def test_admin_pages_render(client, admin_office, draft):
    client.force_login(admin_office)
    d = draft.directives.first()
    for url in (reverse("admin:ingest_directive_changelist"), reverse("admin:ingest_directive_change", args=[d.pk]),
                reverse("admin:ingest_directiveowner_changelist"), reverse("admin:ingest_communique_import")):
        assert client.get(url).status_code == 200, url


def test_admin_import_needs_office(client, office_unit, sample_text):
    staff = UserFactory(username="nv", unit=office_unit, role=User.Role.UNIT_STAFF, is_staff=True)
    client.force_login(staff)
    assert client.post(reverse("admin:ingest_communique_import"), {"pasted": sample_text}).status_code == 403
    assert Communique.objects.count() == 0
