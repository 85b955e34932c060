"""General rules found on the tenth blind set (heldout10), each on a small hand-made example."""
import datetime as dt

from ingest.nlp import extract
from ingest.nlp.classify import analyze
from ingest.nlp.deadlines import DateContext, pick_deadline


def _read(text):
    return analyze(text, 0, len(text))


def test_a_news_lead_in_brackets_gives_the_meeting_day():
    text = ("Cổng thông tin điện tử tỉnh An Bình\nTrang chủ > Tin tức\n\n"
            "Thường trực Tỉnh ủy cho ý kiến về dự thảo Đề án\n\nThứ Hai, 14/4/2025 - 16:05\n"
            "Cỡ chữ: A- | A | A+    In trang    Gửi email    Chia sẻ\nLượt xem: 2.317\n\n"
            "(Cổng TTĐT An Bình) - Sáng nay (14/4), đồng chí Trịnh Văn Khoa chủ trì cuộc họp.\n\n"
            "Đồng chí giao Sở Nội vụ hoàn thiện Đề án trước ngày 20/4.\n")
    ex = extract(text)
    assert ex.meeting_date == dt.date(2025, 4, 14)
    assert [d.text for d in ex.directives] == ["Đồng chí giao Sở Nội vụ hoàn thiện Đề án trước ngày 20/4."]


def test_a_quotation_that_is_the_speakers_words_keeps_its_time_limit():
    ctx = DateContext(ref_date=dt.date(2025, 4, 14), anchor=dt.date(2025, 4, 14))
    dl = pick_deadline("Đồng chí yêu cầu: “Chậm nhất ngày 25/4, các huyện phải hoàn thành phương án.”", ctx)
    assert dl.date == dt.date(2025, 4, 25)


def test_chi_bo_is_a_whole_unit_before_its_verb():
    assert _read("Các chi bộ tổ chức sinh hoạt chuyên đề quý II năm 2026.").leads == ["Các chi bộ"]
    assert _read("Văn phòng Đảng ủy sao gửi quyết định đến các cơ quan.").leads == ["Văn phòng Đảng ủy"]


def test_what_a_presented_draft_says_is_no_task():
    info = _read("Theo dự thảo Đề án do Sở Nội vụ trình bày, tỉnh dự kiến sắp xếp còn 54 xã, phường.")
    assert info.excluded == "opinion"
