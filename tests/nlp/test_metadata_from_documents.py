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


def test_a_section_trail_is_page_chrome_and_the_headline_under_it_is_the_title():
    text = ("Thời sự > Địa phương\n\nPhú Quốc siết chặt trật tự xây dựng dịp cao điểm cuối năm\n\n"
            "Thứ Năm, 03/12/2026 - 15:40\n\n"
            "Công an đặc khu tăng cường tuần tra trên biển, xử lý nghiêm các trường hợp ép giá du khách.\n")
    ex = extract(text)
    assert ex.title == "Phú Quốc siết chặt trật tự xây dựng dịp cao điểm cuối năm"
    assert [(d.text[:16], d.deadline) for d in ex.directives] == [("Công an đặc khu ", None)]  # not "cuối năm"


def test_the_document_type_over_its_title_in_one_paragraph_is_the_title_not_a_directive():
    text = ("ĐẢNG ỦY ĐẶC KHU VÂN ĐỒN\nSố 38-KH/ĐU\nVân Đồn, ngày 03 tháng 12 năm 2026\n"
            "KẾ HOẠCH\ntăng cường sự lãnh đạo của Đảng đối với công tác chống khai thác hải sản bất hợp pháp, "
            "không báo cáo và không theo quy định trên địa bàn đặc khu năm 2026 và những năm tiếp theo\n"
            "Thực hiện Kế hoạch số 120-KH/TU ngày 14/11/2026 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Đảng ủy "
            "đặc khu ban hành Kế hoạch thực hiện như sau:\n"
            "I. NHIỆM VỤ\n1. Các chi bộ tổ chức quán triệt Kế hoạch này đến 100% đảng viên.\n")
    ex = extract(text)
    assert ex.title.startswith("KẾ HOẠCH tăng cường sự lãnh đạo")
    assert [d.text[:14] for d in ex.directives] == ["Các chi bộ tổ "]


def test_a_publication_stamp_in_brackets_is_no_heading_handing_down_its_date():
    text = ("Tây Ninh siết chặt phòng, chống sốt xuất huyết\n(Đăng lúc 06/08/2025 08:30)\n"
            "Ngày 5/8, UBND tỉnh Tây Ninh có Công văn gửi Sở Y tế về phòng, chống dịch.\n"
            "Sở Y tế tổng hợp tình hình, báo cáo UBND tỉnh hằng tuần.\n")
    ex = extract(text)
    assert [(d.deadline, d.recurring) for d in ex.directives] == [(None, True)]
