"""Communiqué search folds like task search: case, diacritics, tone placement ("uỷ"/"ủy") and NFD alike."""
import unicodedata
from datetime import date

import pytest

from ingest.models import Communique


@pytest.fixture
def communiques(db):
    made = [Communique.objects.create(number="31-TB/TU", title="Kết luận về phòng, chống thiên tai năm 2026",
                                      issuer="Ban Thường vụ Tỉnh uỷ", meeting_date=date(2026, 8, 1),
                                      text="Các cấp ủy tập trung khắc phục hậu quả thiên tai.", content_hash="s-31",
                                      state=Communique.State.PUBLISHED),
            Communique.objects.create(number="32-TB/TU", title="Kết luận về chuyển đổi số", meeting_date=date(2026, 8, 2),
                                      text="Đẩy mạnh chuyển đổi số.", content_hash="s-32",
                                      state=Communique.State.PUBLISHED)]
    return made


@pytest.mark.parametrize("query", ["THIÊN TAI", "thiên tai", "thien tai", "cap uy", "cấp uỷ",
                                   unicodedata.normalize("NFD", "Cấp Ủy"), "tỉnh ủy 31-tb"])
def test_search_ignores_case_diacritics_and_tone_placement(client, office_user, communiques, query):
    client.force_login(office_user)
    html = client.get("/thong-bao/", {"q": query}).content.decode()
    assert "31-TB/TU" in html and "32-TB/TU" not in html


def test_search_text_follows_an_edit(communiques):
    c = communiques[1]
    c.title = "Kết luận về Đề án thu hút đầu tư"
    c.save(update_fields=["title"])
    assert "de an thu hut dau tu" in Communique.objects.get(pk=c.pk).search_text
