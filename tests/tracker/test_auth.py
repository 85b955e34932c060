"""Login, logout, password change with the project's urls, and django-axes locking after 5 failures."""
import pytest
from django.urls import reverse

from tests.conftest import PASSWORD


@pytest.mark.django_db
def test_login_page_and_successful_login_lands_on_task_list(client, staff_a):
    page = client.get(reverse("login"))
    assert page.status_code == 200 and "Đăng nhập dondoc" in page.content.decode()
    r = client.post(reverse("login"), {"username": staff_a.username, "password": PASSWORD})
    assert r.status_code == 302 and r["Location"] == reverse("tracker:task_list")
    assert client.get(reverse("tracker:task_list")).status_code == 200


@pytest.mark.django_db
def test_logout_is_a_post_and_ends_the_session(client, staff_a):
    client.force_login(staff_a)
    r = client.post(reverse("logout"))
    assert r.status_code == 302 and r["Location"] == reverse("login")
    assert client.get(reverse("tracker:task_list")).status_code == 302


@pytest.mark.django_db
def test_password_change(client, staff_a):
    client.force_login(staff_a)
    assert "Đổi mật khẩu" in client.get(reverse("password_change")).content.decode()
    bad = client.post(reverse("password_change"), {"old_password": "sai", "new_password1": "x",
                                                   "new_password2": "y"})
    assert bad.status_code == 200
    r = client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": "Moi-Mat-Khau-2025!",
                                                 "new_password2": "Moi-Mat-Khau-2025!"})
    assert r.status_code == 302 and r["Location"] == reverse("password_change_done")
    assert "Đã đổi mật khẩu." in client.get(r["Location"]).content.decode()
    staff_a.refresh_from_db()
    assert staff_a.check_password("Moi-Mat-Khau-2025!")


@pytest.mark.django_db
def test_sixth_attempt_is_blocked_with_vietnamese_lockout_page(client, staff_a, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        r = client.post(reverse("login"), {"username": staff_a.username, "password": "sai-mat-khau"})
        assert r.status_code == 200 and "Tên đăng nhập hoặc mật khẩu không đúng." in r.content.decode()
    client.post(reverse("login"), {"username": staff_a.username, "password": "sai-mat-khau"})  # 5th failure
    r = client.post(reverse("login"), {"username": staff_a.username, "password": PASSWORD})  # right password
    assert "Đăng nhập sai quá nhiều lần" in r.content.decode()
    assert r.status_code in (403, 429)
    assert client.get(reverse("tracker:task_list")).status_code == 302  # still not logged in
