"""The calendar feed (ICS) at a secret address, and the profile page where tokens and the address are managed."""
from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from tracker import services
from tracker.api import tokens
from tracker.models import ApiToken, Task


def events(client, key) -> dict:
    response = client.get(reverse("api:calendar", args=[key]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


@pytest.mark.django_db
def test_unit_feed_holds_its_open_deadlines_and_moves_an_extended_one(client, staff_a, office_user, task_a, task_c,
                                                                      make_task, unit_a, today):
    make_task(unit_a, title="Đã xong", due=today, status=Task.Status.DONE)
    make_task(unit_a, title="Không hạn")
    key = tokens.feed_for(staff_a).key
    before = events(client, key)
    uid = f"task-{task_a.pk}@localhost"
    assert list(before) == [uid]  # not task_c (another unit), not done, not without a deadline
    event = before[uid]
    assert event.decoded("dtstart") == task_a.due_date
    assert str(event["url"]).endswith(f"/nhiem-vu/{task_a.pk}/")
    assert "Ban Tổ chức Tỉnh ủy" in str(event["description"])

    extension = services.request_extension(task_a, staff_a, new_due_date=today + timedelta(days=50), reason="Chờ")
    services.decide_extension(extension, office_user, approve=True)
    after = events(client, key)[uid]
    assert after.decoded("dtstart") == today + timedelta(days=50)
    assert int(after["sequence"]) > int(event["sequence"])
    assert after.decoded("last-modified") >= event.decoded("last-modified")


@pytest.mark.django_db
def test_office_feed_is_all_units_or_the_chosen_one(client, office_user, task_a, task_c):
    key = tokens.feed_for(office_user).key
    assert len(events(client, key)) == 2
    tokens.set_feed_unit(office_user, task_c.lead_unit)
    assert list(events(client, key)) == [f"task-{task_c.pk}@localhost"]


@pytest.mark.django_db
def test_regenerated_address_retires_the_old_one(client, staff_a, task_a):
    old = tokens.feed_for(staff_a).key
    client.force_login(staff_a)
    assert client.post(reverse("account_feed_regenerate")).status_code == 302
    client.logout()
    assert client.get(reverse("api:calendar", args=[old])).status_code == 404
    assert events(client, tokens.feed_for(staff_a).key)
    assert client.get(reverse("api:calendar", args=["doan-bua"])).status_code == 404


@pytest.mark.django_db
def test_unit_user_cannot_widen_their_feed(staff_a, task_c):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        tokens.set_feed_unit(staff_a, task_c.lead_unit)


@pytest.mark.django_db
def test_profile_page_creates_a_token_shown_once_and_revokes_it(client, staff_a, task_a):
    client.force_login(staff_a)
    page = client.get(reverse("account"))
    assert page.status_code == 200 and "Chưa có mã truy cập nào." in page.content.decode()
    response = client.post(reverse("account"), {"name": "eOffice", "scope": "read_write", "expires_on": ""})
    assert response.status_code == 200
    key = response.context["new_key"]
    assert key in response.content.decode()
    token = ApiToken.objects.get()
    assert token.user == staff_a and token.scope == "read_write" and token.key_hash == tokens.hash_key(key)
    assert key not in client.get(reverse("account")).content.decode()  # never shown again
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/v1/tasks/").status_code == 200
    assert client.post(reverse("account_token_revoke", args=[token.pk])).status_code == 302
    assert api.get("/api/v1/tasks/").status_code == 401


@pytest.mark.django_db
def test_profile_page_refuses_bad_input_in_vietnamese(client, staff_a, staff_b):
    client.force_login(staff_a)
    response = client.post(reverse("account"), {"name": "", "scope": "read", "expires_on": "32/13/2025"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Vui lòng đặt tên gợi nhớ" in text and "Ngày không hợp lệ" in text
    assert not ApiToken.objects.exists()
    other, _key = tokens.create_token(staff_b, name="của B")
    assert client.post(reverse("account_token_revoke", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert not other.revoked
