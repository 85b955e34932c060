"""Corrections that cost one gesture, in a real browser: several files imported at once with a progress bar;
all edited cards saved with one button; a unit offered for an unknown owner filled in with one click."""
import pytest

from ingest.models import Communique, Directive
from tests.ingest.conftest import PLAN_GROUP_1, SAMPLE, variant

# The plan's first group, its lead written "Ban Tổ chức Tỉnh" (no directory unit by that name)
PLAN = PLAN_GROUP_1.replace("Ban Tổ chức Tỉnh ủy chủ trì", "Ban Tổ chức Tỉnh chủ trì")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_bulk_import_shows_progress_and_each_file_s_result(page, login, office_user, unit_a, unit_b, tmp_path):
    files = []
    for name, text in (("a.txt", SAMPLE), ("b.txt", variant(SAMPLE, "77")), ("c.txt", SAMPLE),
                       ("d.xlsx", "a,b")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    login("vanphong")
    page.goto("/thong-bao/nhap-nhieu/")
    page.set_input_files("#id_files", files)
    page.click("#bulk-submit")
    page.wait_for_selector("#bulk-status:has-text('Đã xử lý 4/4 tệp')")
    assert page.locator("#bulk-bar").inner_text() == "100%"
    rows = page.locator("#bulk-results tbody tr")
    assert rows.count() == 4
    assert [rows.nth(i).get_attribute("class") for i in range(4)] == [
        "bulk-imported", "bulk-imported", "bulk-duplicate", "bulk-refused"]
    assert Communique.objects.count() == 2


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_save_all_saves_every_edited_card_and_a_suggested_unit_fills_the_box(page, login, office_user, unit_a,
                                                                             unit_b):
    from ingest import services
    communique = services.import_document(data=None, pasted=PLAN)
    login("vanphong")
    page.goto(f"/thong-bao/{communique.pk}/duyet/")
    first = page.locator(".directive-card", has_text="Nâng cấp mạng")
    assert first.locator(".owner-evidence").first.inner_text() == "từ dòng Trách nhiệm thực hiện (mục II.1)"
    # "Ban Tổ chức Tỉnh" is no directory unit: the closest one is offered and one click fills it in
    first.locator("button.fill-unit", has_text="Ban Tổ chức Tỉnh ủy").first.click()
    second = page.locator(".directive-card", has_text="Xây dựng kho dữ liệu")
    second.locator("input[name$=-deadline]").fill("15/08/2026")
    with page.expect_navigation():  # the page is read again once every card is saved
        page.click("#save-all")
    upgraded = Directive.objects.get(communique=communique, text__startswith="Nâng cấp mạng")
    assert unit_a.pk in {o.unit_id for o in upgraded.owners.all()}
    changed = Directive.objects.get(communique=communique, text__startswith="Xây dựng kho")
    assert changed.deadline.isoformat() == "2026-08-15"
