"""The deadline grammar composes period words, units and anchors; a year left out comes from the document's date."""
import datetime as dt

import pytest

from ingest.nlp import extract
from ingest.nlp.deadlines import DateContext, is_recurring, pick_deadline

# a plan dated 30/11/2026
CTX = DateContext(ref_date=dt.date(2026, 11, 30), ref_year=2026, anchor=dt.date(2026, 11, 30))


@pytest.mark.parametrize("text, expected", [
    ("hoàn thành trong quý I năm 2027", "2027-03-31"),
    ("hoàn thành trong quý I", "2027-03-31"),                  # no year: the next first quarter's end
    ("công khai kết quả trước ngày 10 hằng tháng", "2026-12-10"),
    ("Trước ngày 05 hằng tháng, Thuế tỉnh cung cấp số liệu", "2026-12-05"),
    ("gửi báo cáo trước ngày 20 hàng tháng", "2026-12-20"),
    ("Truoc ngay 20 hang thang, cac don vi bao cao", "2026-12-20"),  # typed without diacritics
    ("hoàn thành trước 30/6", "2027-06-30"),
    ("hoàn thành trong tháng 02", "2027-02-28"),
    ("hoàn thành trong năm 2027", "2027-12-31"),
    ("báo cáo chậm nhất 10 ngày", "2026-12-10"),               # a duration from the document's date
    ("đưa Trung tâm vào vận hành trong năm nay", "2026-12-31"),
    ("hoàn thành trong năm tới", "2027-12-31"),
])
def test_time_limits_compose(text, expected):
    d = pick_deadline(text, CTX)
    assert d is not None and d.date.isoformat() == expected


def test_a_monthly_day_after_the_documents_day_falls_in_the_same_month():
    ctx = DateContext(ref_date=dt.date(2026, 12, 3), ref_year=2026, anchor=dt.date(2026, 12, 3))
    assert pick_deadline("trước ngày 20 hằng tháng", ctx).date == dt.date(2026, 12, 20)


@pytest.mark.parametrize("text", [
    "bố trí kinh phí chậm nhất 15 ngày sau khi nhận đủ hồ sơ đề xuất",   # counted from an event
    "báo cáo chậm nhất 03 ngày sau khi kết thúc kỳ nghỉ Tết",
    "thống kê thiệt hại trong 07 ngày kể từ khi thiên tai kết thúc",
    "Tổng hợp, báo cáo kết quả ngày 25 hằng tháng",                      # the reporting day of periodic work
    "phấn đấu tổng thu ngân sách năm sau cao hơn năm trước",             # every next year, not a limit
    "mở chuyên mục từ năm nay",                                          # when the work starts
])
def test_limits_that_no_date_can_give(text):
    assert pick_deadline(text, CTX) is None


def test_a_date_the_state_of_things_is_told_at_is_not_the_limit():
    text = ("Rà soát các nhiệm vụ chi đã được giao dự toán nhưng đến ngày 30/11/2026 chưa phân bổ, "
            "báo cáo Sở Tài chính trước ngày 15/12/2026.")
    assert pick_deadline(text, CTX).date == dt.date(2026, 12, 15)


def test_periodic_work_is_recurring_with_no_date():
    text = "Công an tỉnh định kỳ hằng quý báo cáo kết quả về Ủy ban nhân dân tỉnh."
    assert is_recurring(text)
    assert pick_deadline(text, CTX) is None


PLAN = """ỦY BAN NHÂN DÂN TỈNH GIA LAI
Số: 12/KH-UBND
Gia Lai, ngày 30 tháng 11 năm 2026

KẾ HOẠCH
Chuyển đổi số trên địa bàn tỉnh năm 2027

Thực hiện Kế hoạch số 95-KH/TU ngày 15/10/2026 của Ban Thường vụ Tỉnh ủy, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
Bảo đảm dữ liệu đúng, đủ, sạch, sống.
II. THỜI GIAN
Thời gian thực hiện từ tháng 01/2027 đến hết tháng 9/2027.
III. NHIỆM VỤ
1. Sở Khoa học và Công nghệ nâng cấp Trung tâm dữ liệu tỉnh.
2. Sở Tài chính bố trí kinh phí trước ngày 15/12/2026.
3. Các xã, phường rà soát thủ tục hành chính.
"""


def _by_start(text: str):
    return {p.text[:20]: p for p in extract(text).directives}


def test_the_title_s_year_scopes_the_plan_and_its_time_part_is_the_plans_frame():
    props = _by_start(PLAN)
    data = props["Sở Khoa học và Công "]
    assert data.deadline == dt.date(2027, 9, 30)           # "II. THỜI GIAN", not the title's "năm 2027"
    assert props["Sở Tài chính bố trí "].deadline == dt.date(2026, 12, 15)


def test_a_group_limit_narrows_an_items_bare_year():
    text = PLAN.replace("3. Các xã, phường rà soát thủ tục hành chính.\n", """3. Công tác chỉ đạo
a) Kiện toàn Ban Chỉ huy Phòng thủ dân sự các xã, phường.
b) Xây dựng phương án ứng phó thiên tai của cấp xã năm 2027.
Trách nhiệm thực hiện: Ủy ban nhân dân các xã, phường.
Thời gian hoàn thành: chậm nhất ngày 31/3/2027.
""")
    props = _by_start(text)
    assert props["Xây dựng phương án ứ"].deadline == dt.date(2027, 3, 31)
    assert props["Kiện toàn Ban Chỉ hu"].deadline == dt.date(2027, 3, 31)


def test_the_preamble_hands_no_owner_to_the_parts_of_the_plan():
    props = _by_start(PLAN.replace("1. Sở Khoa học và Công nghệ nâng cấp", "1. Nâng cấp"))
    assert [o.name for o in props["Nâng cấp Trung tâm d"].owners] == []


@pytest.mark.parametrize("text, expected", [
    ("Thời gian: tháng 01 và tháng 02/2027.", "2027-02-28"),
    ("tổ chức trong tháng 11 và tháng 12/2026", "2026-12-31"),   # the first month takes the year written after
    ("hoàn thành trong tháng 3, tháng 4/2027", "2027-04-30"),
])
def test_months_named_together_end_with_the_last(text, expected):
    d = pick_deadline(text, CTX)
    assert d is not None and d.date.isoformat() == expected


def test_an_events_day_and_its_anniversary_are_no_time_limit():
    assert pick_deadline("Tuyên truyền kỷ niệm 80 năm Ngày Thương binh - Liệt sĩ (27/7/1947 - 27/7/2027).", CTX) is None
    d = pick_deadline("Kỷ niệm 80 năm Ngày Thương binh - Liệt sĩ (27/7/1947 - 27/7/2027), hoàn thành trước 15/7/2027", CTX)
    assert d is not None and d.date == dt.date(2027, 7, 15)
