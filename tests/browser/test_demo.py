"""The demo in a real browser: a ward's Party committee sees its own tasks; the office's dashboard is grouped by tier."""
import pytest
from django.core.management import call_command

from tracker import selectors
from tracker.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Demo-thu-2026"


@pytest.fixture
def demo(monkeypatch, settings):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    settings.DONDOC_PROVINCE = "Hà Tĩnh"
    call_command("load_seeds", verbosity=0)


def test_a_ward_user_sees_their_tasks(page, login, demo):
    ward = User.objects.get(username="canbo.phuong")
    login("canbo.phuong", PASSWORD)
    assert "/doi-mat-khau/" in page.url  # a demo password must be changed at first login
    page.fill("#id_old_password", PASSWORD)
    page.fill("#id_new_password1", "Phuong-Thanh-Sen-2026")
    page.fill("#id_new_password2", "Phuong-Thanh-Sen-2026")
    page.click("text=Lưu mật khẩu mới")
    page.wait_for_load_state()
    page.goto("/nhiem-vu/")
    assert page.locator("h1").inner_text() == "Nhiệm vụ của đơn vị"
    rows = page.locator("#task-table tbody tr[data-task]")
    assert rows.count() == selectors.visible_tasks(ward).count() >= 3
    assert "Chờ xác nhận hoàn thành" in page.locator("#task-table").inner_text()
    rows.first.locator("a").first.click()
    page.wait_for_load_state()
    assert ward.unit.name in page.content()


def test_the_office_sees_the_dashboard_grouped_by_kind(page, login, demo):
    User.objects.filter(username="vanphong").update(must_change_password=False)  # changed it already
    login("vanphong", PASSWORD)
    page.goto("/nhiem-vu/tong-hop/")
    tiers = page.locator("#per-unit details.tier")
    labels = [s.split("–")[0].strip() for s in tiers.locator("summary").all_inner_texts()]
    assert labels == ["Cơ quan cấp tỉnh", "Sở, ngành", "Xã, phường, đặc khu"]
    communes = page.locator("#tier-xa")
    assert communes.get_attribute("open") is None  # 69 communes: collapsed, totals in the summary
    assert "đơn vị" in communes.locator("summary").inner_text()
    assert not communes.locator("tbody tr").first.is_visible()
    communes.locator("summary").click()
    assert communes.locator("tbody tr").first.is_visible()
    assert page.locator("#tier-so").get_attribute("open") is not None
    page.locator("#tier-xa summary a").click()  # "xem danh sách ›": the list filtered by tier
    page.wait_for_load_state()
    assert "tier=xa" in page.url and page.locator("#id_tier").input_value() == "xa"
