"""Search words short and long, and the communiqué filter as a typed field with suggestions.

These run on SQLite and, through scripts/test_postgres.sh, on PostgreSQL: the expected rows are
written out, so both engines must give the same ones.
"""
from datetime import date

import pytest
from django.urls import reverse

from ingest.models import Communique, Directive
from tests.factories import UnitFactory
from tracker import selectors
from tracker.models import Task

URL = reverse("tracker:task_list")
SUGGEST = reverse("tracker:communique_suggestions")


def shown(response) -> set[int]:
    return {t["id"] for t in response.context["tasks"]}


@pytest.fixture
def worded(make_task):
    unit = UnitFactory(name="Sở Tài chính")  # its name, searched too, holds none of the words below
    titles = {
        "uy_word": "Ủy ban kiểm tra rà soát",
        "uy_inside": "Huyện quyết định thủy lợi",
        "y_word": "Ý kiến của nhân dân",
        "after_hyphen": "Theo kết luận số 56-TB/TU",
        "in_brackets": "Sắp xếp (ủy quyền) bộ máy",
    }
    return {key: make_task(unit, title=title) for key, title in titles.items()}


@pytest.mark.django_db
@pytest.mark.parametrize("query, expected", [
    ("uy", {"uy_word", "in_brackets"}),           # at a word's start only, not inside "huyện", "quyết", "thủy"
    ("ủy", {"uy_word", "in_brackets"}),
    ("y", {"y_word"}),                             # "ý" folds to "y"; not the "y" inside "huyện" or "thủy"
    ("tu", {"after_hyphen"}),                      # after "/" in a communiqué number
    ("tb tu", {"after_hyphen"}),
    ("huy", {"uy_inside"}),                        # three letters and more: anywhere
    ("uyet", {"uy_inside"}),
    ("56-tb/tu", {"after_hyphen"}),
    ("y kien", {"y_word"}),
])
def test_short_words_match_at_a_word_start_and_longer_ones_anywhere(client, office_user, worded, query, expected):
    client.force_login(office_user)
    assert shown(client.get(URL, {"q": query})) == {worded[key].pk for key in expected}


@pytest.mark.django_db
def test_search_counts_agree_with_the_rows(client, office_user, worded):
    client.force_login(office_user)
    response = client.get(URL, {"q": "uy"})
    assert response.context["total"] == 2 == len(response.context["tasks"])


@pytest.fixture
def communiques(make_task, unit_a, unit_b):
    """Two published communiqués numbered alike in different years, one for each unit, and a draft."""
    made = {}
    for key, number, day, unit in (("old", "15-TB/TU", date(2021, 3, 2), unit_a),
                                   ("new", "15-TB/TU", date(2025, 7, 1), unit_a),
                                   ("other", "16-TB/TU", date(2025, 8, 1), unit_b)):
        c = Communique.objects.create(number=number, title=f"Kết luận phiên {key}", meeting_date=day,
                                      text="Nội dung", content_hash=f"h-{key}", state=Communique.State.PUBLISHED)
        d = Directive.objects.create(communique=c, order=0, text="Giao thực hiện.")
        made[key] = c
        made[f"{key}_task"] = make_task(unit, title=f"Việc {key}", directive=d)
    made["draft"] = Communique.objects.create(number="17-TB/TU", title="Dự thảo", text="x", content_hash="h-d")
    return made


@pytest.mark.django_db
def test_communique_filter_reads_an_id_a_label_or_a_typed_number(client, office_user, communiques):
    client.force_login(office_user)
    c = communiques
    assert shown(client.get(URL, {"communique": c["new"].pk})) == {c["new_task"].pk}
    assert shown(client.get(URL, {"communique": "15-TB/TU (01/07/2025)"})) == {c["new_task"].pk}
    assert shown(client.get(URL, {"communique": "15-tb/tu"})) == {c["old_task"].pk, c["new_task"].pk}
    assert shown(client.get(URL, {"communique": "16-TB"})) == {c["other_task"].pk}
    assert shown(client.get(URL, {"communique": "99-TB/TU"})) == set()
    assert shown(client.get(URL, {"communique": "15-TB/TU (31/02/2025)"})) == set()


@pytest.mark.django_db
def test_the_filter_shows_a_linked_communique_by_its_label_and_lists_no_communiques(client, office_user,
                                                                                    communiques):
    client.force_login(office_user)
    html = client.get(URL, {"communique": communiques["new"].pk}).content.decode()
    assert 'value="15-TB/TU (01/07/2025)"' in html
    assert "16-TB/TU" not in html  # the other communiqués are suggested as one types, never all rendered
    assert 'data-suggest="' + SUGGEST + '"' in html and "js/communique_filter.js" in html


@pytest.mark.django_db
def test_suggestions_offer_matching_published_communiques_newest_first(client, office_user, communiques):
    client.force_login(office_user)
    results = client.get(SUGGEST, {"q": "15-tb"}).json()["results"]
    assert [r["label"] for r in results] == ["15-TB/TU (01/07/2025)", "15-TB/TU (02/03/2021)"]
    by_title = client.get(SUGGEST, {"q": "phien other"}).json()["results"]
    assert [r["id"] for r in by_title] == [communiques["other"].pk]
    everything = {r["id"] for r in client.get(SUGGEST).json()["results"]}
    assert communiques["draft"].pk not in everything and communiques["other"].pk in everything


@pytest.mark.django_db
def test_a_unit_cannot_list_another_units_communiques_through_the_suggestions(client, staff_a, communiques):
    client.force_login(staff_a)
    ids = {r["id"] for r in client.get(SUGGEST, {"q": "tb"}).json()["results"]}
    ids |= {r["id"] for r in client.get(SUGGEST).json()["results"]}
    ids |= {r["id"] for r in client.get(SUGGEST, {"q": "16"}).json()["results"]}
    assert ids == {communiques["old"].pk, communiques["new"].pk}
    # nor learn its number by its id in the filter, nor see its tasks
    html = client.get(URL, {"communique": communiques["other"].pk}).content.decode()
    assert "16-TB/TU" not in html
    assert shown(client.get(URL, {"communique": "16-TB/TU"})) == set()


@pytest.mark.django_db
def test_suggestions_need_a_login(client, communiques):
    response = client.get(SUGGEST, {"q": "15"})
    assert response.status_code == 302 and "15-TB" not in response.content.decode()


def test_word_start_is_one_like_per_boundary():
    """The same SQL on both engines: the start, then each boundary character before the word."""
    condition = selectors.word_start("search_text", "uy")
    assert len(condition.children) == 1 + len(selectors.WORD_BOUNDARIES)
    assert str(Task.objects.filter(condition).query).count("LIKE") == 1 + len(selectors.WORD_BOUNDARIES)
