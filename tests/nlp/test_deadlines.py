"""The grammar of Vietnamese time expressions."""
import datetime as dt

import pytest

from ingest.nlp.deadlines import DateContext, add_working_days, is_recurring, pick_deadline

CTX = DateContext(ref_date=dt.date(2021, 6, 29), ref_year=2021, anchor=dt.date(2021, 7, 5),
                  meeting_date=dt.date(2021, 6, 29))


@pytest.mark.parametrize("text, expected, phrase", [
    ("báo cáo về Ban Thường vụ Tỉnh uỷ trong tháng 7/2021.", "2021-07-31", "trong tháng 7/2021"),
    ("hoàn thành trong tháng 7.2020", "2020-07-31", "trong tháng 7.2020"),
    ("triển khai trong quý II/2024", "2024-06-30", "trong quý II/2024"),
    ("những nhiệm vụ trọng tâm trong quý IV-2020", "2020-12-31", "trong quý IV-2020"),
    ("hoàn thành quý IV.2019", "2019-12-31", "quý IV.2019"),
    ("nhiệm vụ 6 tháng cuối năm 2021", "2021-12-31", "6 tháng cuối năm 2021"),
    ("phấn đấu hoàn thành chỉ tiêu năm 2023", "2023-12-31", "năm 2023"),
    ("thực hiện trong năm 2022", "2022-12-31", "trong năm 2022"),
    ("Đại hội diễn ra từ ngày 14 đến 16-10-2020.", "2020-10-16", "từ ngày 14 đến 16-10-2020"),
    ("gửi báo cáo trước ngày 15/8/2021.", "2021-08-15", "trước ngày 15/8/2021"),
    ("hoàn thành chậm nhất ngày 10.3.2022", "2022-03-10", "chậm nhất ngày 10.3.2022"),
    ("xong trước 14 giờ, ngày 05/12/2021", "2021-12-05", "trước 14 giờ, ngày 05/12/2021"),
    ("trước ngày 22 tháng 3 năm 2022", "2022-03-22", "trước ngày 22 tháng 3 năm 2022"),
    ("trước ngày 3-12", "2021-12-03", "trước ngày 3-12"),            # missing year: next on or after 29/6/2021
    ("trước ngày 20.5", "2022-05-20", "trước ngày 20.5"),            # 20/5/2021 already past → 2022
    ("hoàn thành trong quý III", "2021-09-30", "trong quý III"),
    ("báo cáo trong 30 ngày", "2021-08-04", "trong 30 ngày"),         # from the communiqué's date (5/7/2021)
    ("trong 15 ngày làm việc", "2021-07-26", "trong 15 ngày làm việc"),
])
def test_deadline_forms(text, expected, phrase):
    d = pick_deadline(text, CTX)
    assert d is not None and d.date.isoformat() == expected
    assert text[d.start:d.end] == phrase


@pytest.mark.parametrize("text", [
    "theo Kế hoạch số 80 ngày 24/11/2021 của UBND tỉnh",          # a cited document
    "thực hiện Kết luận số 29-KL/TU, ngày 22/7/2021",
    "tổng điều tra dân số lúc 0 giờ ngày 01/4/2019",                # a reference moment
    "Không chủ quan với kết quả đạt được trong 6 tháng đầu năm",   # a period under review
    "xây dựng phương án giai đoạn 2023 - 2030",                      # a scope
    "chuẩn bị năm học 2024-2025",
    "rà soát 14/63 tỉnh",                                            # a fraction, not a date
])
def test_distractors_are_not_deadlines(text):
    assert pick_deadline(text, CTX) is None


def test_meeting_date_itself_is_not_a_deadline_but_a_limit_on_it_is():
    assert pick_deadline("Ngày 29/6/2021, Ban Thường vụ họp", CTX) is None
    assert pick_deadline("trước ngày 29/6/2021", CTX).date == dt.date(2021, 6, 29)


def test_strong_limit_beats_a_bare_year_and_first_of_equals_wins():
    d = pick_deadline("thực hiện Nghị quyết năm 2021; gửi hồ sơ trước ngày 28-10 để trình trước ngày 10-11", CTX)
    assert d.date == dt.date(2021, 10, 28)


def test_unknown_communique_date_gives_no_duration_and_no_yearless_date():
    ctx = DateContext()
    assert pick_deadline("báo cáo trong 30 ngày", ctx) is None
    assert pick_deadline("trước ngày 15/8", ctx) is None
    assert pick_deadline("trước ngày 15/8/2021", ctx).date == dt.date(2021, 8, 15)


def test_working_days_skip_weekends():
    assert add_working_days(dt.date(2021, 7, 2), 1) == dt.date(2021, 7, 5)  # Friday → Monday


def test_recurring_markers():
    assert is_recurring("Thường xuyên rà soát")
    assert is_recurring("định kỳ hằng quý báo cáo")
    assert is_recurring("tổ chức hàng năm")
    assert not is_recurring("Hoàn thành trước ngày 15/8/2021")
