"""Document metadata read from whole notices: meeting and issue dates, numbers, issuers.

Behaviours first met in the blind sets; each test is a shape, not a document."""
import datetime as dt

from ingest.nlp import extract
from ingest.nlp.metadata import extract_metadata
from ingest.nlp.segment import mask_furniture, segment
from tests.nlp.letterheads import PARTY_HEAD, UBND_HEAD


def test_a_news_lead_in_brackets_gives_the_meeting_day():
    text = ("Cổng thông tin điện tử tỉnh An Bình\nTrang chủ > Tin tức\n\n"
            "Thường trực Tỉnh ủy cho ý kiến về dự thảo Đề án\n\nThứ Hai, 14/4/2025 - 16:05\n"
            "Cỡ chữ: A- | A | A+    In trang    Gửi email    Chia sẻ\nLượt xem: 2.317\n\n"
            "(Cổng TTĐT An Bình) - Sáng nay (14/4), đồng chí Trịnh Văn Khoa chủ trì cuộc họp.\n\n"
            "Đồng chí giao Sở Nội vụ hoàn thiện Đề án trước ngày 20/4.\n")
    ex = extract(text)
    assert ex.meeting_date == dt.date(2025, 4, 14)
    assert [d.text for d in ex.directives] == ["Đồng chí giao Sở Nội vụ hoàn thiện Đề án trước ngày 20/4."]


def test_meeting_date_in_words():
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ AN BÌNH\nSố: 318/TB-UBND\nAn Bình, ngày 12 tháng 6 năm 2025\n\nTHÔNG BÁO\n"
            "Kết luận của Chủ tịch UBND thành phố\n\n"
            "Chiều ngày mười tháng sáu năm 2025, tại trụ sở UBND thành phố, Chủ tịch UBND thành phố chủ trì cuộc họp.\n")
    assert extract(text).meeting_date == dt.date(2025, 6, 10)


def test_two_column_header_line_with_the_motto_is_header():
    src = mask_furniture(UBND_HEAD + "Ngày 06/10/2025, Chủ tịch UBND tỉnh chủ trì cuộc họp.\n")
    md = extract_metadata(src, segment(src))
    assert md.doc_date == dt.date(2025, 10, 8)


def test_meeting_named_with_its_date_is_the_meeting_date():
    text = PARTY_HEAD + ("Tại phiên họp ngày 16/9/2025, sau khi nghe báo cáo, Ban Thường vụ Huyện ủy kết luận "
                         "như sau:\n\n1. Các xã phải hoàn thành hồ sơ trước ngày 30/10/2025.\n")
    assert extract(text).meeting_date == dt.date(2025, 9, 16)
