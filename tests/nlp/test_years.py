"""A date written without its year: the document's own date gives the year, else the year written nearest
before it in the body (never the year the body writes most often, nor a horizon or a period's bound)."""
import datetime as dt

from ingest.nlp import extract
from ingest.nlp.deadlines import nearest_year, year_mentions

from .letterheads import ubnd_head


def _deadlines(text):
    return [p.deadline for p in extract(text).directives]


def test_a_date_without_its_year_takes_the_year_of_the_documents_own_date():
    body = ("1. Kết quả năm 2020, năm 2020 và năm 2020 được đánh giá cao.\n"
            "2. Giao Sở Tài chính chủ trì tham mưu phương án, báo cáo trước ngày 15/3.\n")
    text = ubnd_head("ngày 10 tháng 12 năm 2025", "Kết luận của Chủ tịch UBND tỉnh") + "II. NHIỆM VỤ\n" + body
    assert dt.date(2026, 3, 15) in _deadlines(text)


def test_without_a_date_of_its_own_the_year_written_nearest_before_is_taken_not_the_most_frequent():
    text = ("Tin hoạt động\n\n"
            "Năm 2023, năm 2023, năm 2023 tỉnh đạt nhiều kết quả; năm 2023 thu ngân sách vượt dự toán.\n"
            "Nhiệm vụ năm 2025, tầm nhìn đến năm 2030:\n"
            "- Giao Sở Xây dựng chủ trì rà soát quy hoạch, báo cáo trước ngày 20/4.\n")
    assert _deadlines(text) == [dt.date(2025, 4, 20)]


def test_a_horizon_a_period_and_a_school_year_are_no_year_a_date_may_belong_to():
    text = "Giai đoạn 2021 - 2025, định hướng đến năm 2030, tầm nhìn 2045, năm học 2024-2025; năm 2026 và ngày 5/6/2024."
    assert [y for _, y in year_mentions(text)] == [2026, 2024]


def test_the_nearest_year_before_wins_and_the_first_after_stands_in_when_none_precedes():
    mentions = [(10, 2023), (50, 2024), (90, 2025)]
    assert nearest_year(mentions, 60) == 2024
    assert nearest_year(mentions, 5) == 2023
    assert nearest_year([], 5) is None
