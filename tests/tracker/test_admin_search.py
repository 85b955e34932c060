"""The task changelist searches like the task list and counts its matches only up to a cap."""
import pytest
from django.urls import reverse

from tests.factories import UnitFactory
from tracker.admin import CappedCountPaginator

URL = reverse("admin:tracker_task_changelist")


@pytest.fixture
def worded(make_task):
    unit = UnitFactory(name="Sở Tài chính")
    return [make_task(unit, title=t) for t in ("Ủy ban kiểm tra", "Huyện quyết định", "Ủy quyền ký")]


@pytest.mark.django_db
def test_admin_search_finds_short_words_at_a_word_start(client, admin_user, worded):
    client.force_login(admin_user)
    response = client.get(URL, {"q": "uy"})
    assert {t.pk for t in response.context["cl"].result_list} == {worded[0].pk, worded[2].pk}


@pytest.mark.django_db
def test_admin_counts_matches_up_to_the_cap(client, admin_user, worded, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "CAP", 2)
    client.force_login(admin_user)
    cl = client.get(URL, {"q": "sở tài chính"}).context["cl"]
    assert cl.result_count == 2 and not cl.show_full_result_count
    monkeypatch.setattr(CappedCountPaginator, "CAP", 10)
    assert client.get(URL, {"q": "sở tài chính"}).context["cl"].result_count == 3


@pytest.mark.django_db
def test_admin_search_finds_a_task_by_its_number_and_not_by_words(client, admin_user, worded):
    client.force_login(admin_user)
    for term in (str(worded[1].pk), f'"{worded[1].pk}"', f" {worded[1].pk} "):
        assert [t.pk for t in client.get(URL, {"q": term}).context["cl"].result_list] == [worded[1].pk]
    assert list(client.get(URL, {"q": f"{worded[1].pk} quyết"}).context["cl"].result_list) == []
    assert [t.pk for t in client.get(URL, {"q": "huyen"}).context["cl"].result_list] == [worded[1].pk]
