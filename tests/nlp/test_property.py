"""The extractor never crashes and its spans always lie in the text."""
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.nlp import extract
from ingest.nlp.pipeline import _extract

WORDS = ["Giao", "Sở Y tế", "chủ trì", "phối hợp", "với", "các cấp ủy", "yêu cầu", "đề nghị", "trước ngày",
         "15/8/2021", "quý II", "năm 2023", "tháng 7.2020", "trong 30 ngày", "Nơi nhận:", "- ", "1.", "a)",
         "TP.", "Đ/c", ";", ":", ".", "\n", "\n\n", "2", "Ngày 29/6/2021,", "báo cáo", "Ban Thường vụ Tỉnh uỷ",
         "Tập trung", "Đồng thời,", "Đối với", "(", ")", "…", "./.", "  ", "\t", "Ð", "ngày", "tháng", "năm"]

vietnamese_ish = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)


def check(text):
    base = unicodedata.normalize("NFC", text)
    ex = _extract(base, None)  # the unguarded pipeline: any exception fails the test
    assert extract(text).to_json() == ex.to_json()
    for p in ex.directives:
        assert 0 <= p.start <= p.end <= len(base)
        assert base[p.start:p.end] == p.text
        assert p.text == p.text.strip() and p.text
        for o in p.owners:
            assert o.role in ("lead", "support") and o.name
    ex.to_json()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text(text):
    check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vietnamese_ish)
def test_communique_like_text(text):
    check(text)
