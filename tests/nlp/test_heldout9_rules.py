"""General rules found on the ninth blind set (heldout9: long PDF text layers), each on a small example."""
import datetime as dt

from ingest.nlp import extract
from ingest.nlp.classify import ASSESS, section_mode
from ingest.nlp.deadlines import DateContext, pick_deadline
from ingest.nlp.segment import furniture_spans, segment
from tests.nlp.letterheads import ubnd_head

UBND_HEAD = ubnd_head("ngày 16 tháng 6 năm 2023",
                      "Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với huyện Đông Sơn")


def test_a_symbol_font_bullet_glyph_is_a_bullet():
    text = "2. Nhiệm vụ\n\uf0b7 Tập trung giải ngân vốn đầu tư công.\n\uf0b7 Đẩy nhanh tiến độ tái định cư.\n"
    assert [b.mtype for b in segment(text)][1:] == ["bullet", "bullet"]


def test_dat_dai_is_land_not_achievement():
    assert section_mode("Về văn hóa - xã hội, quản lý đất đai, trật tự xây dựng") != ASSESS
    assert section_mode("Kết quả đạt được") == ASSESS


def test_a_reference_moment_after_den_ngay_yields_to_the_time_limit():
    ctx = DateContext(ref_date=dt.date(2023, 6, 12), anchor=dt.date(2023, 6, 16))
    dl = pick_deadline("Giải quyết dứt điểm 27 hồ sơ tồn đọng tính đến ngày 31/5/2023, hoàn thành trước ngày "
                       "31/7/2023.", ctx)
    assert dl.date == dt.date(2023, 7, 31)


def test_a_reports_requests_to_its_superiors_are_no_directives():
    text = ("ĐẢNG BỘ TỈNH AN BÌNH\nHUYỆN ỦY ĐÔNG SƠN\n*\nSố 318-BC/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Đông Sơn, ngày 25 tháng 9 năm 2024\n\nBÁO CÁO\nkết quả 9 tháng đầu năm 2024\n-----\n"
            "Kính gửi: Ban Thường vụ Tỉnh ủy An Bình.\n\n"
            "Phần thứ hai\nPHƯƠNG HƯỚNG, NHIỆM VỤ 3 THÁNG CUỐI NĂM\n"
            "1. Các chi, đảng bộ cơ sở tập trung lãnh đạo thu hoạch vụ mùa.\n\n"
            "Phần thứ ba\nKIẾN NGHỊ, ĐỀ XUẤT\n"
            "1. Đề nghị Ban Tổ chức Tỉnh ủy sớm hướng dẫn việc bố trí cán bộ không đủ tuổi tái cử.\n")
    assert [d.text for d in extract(text).directives] == [
        "Các chi, đảng bộ cơ sở tập trung lãnh đạo thu hoạch vụ mùa."]


def test_a_section_title_before_a_page_number_is_no_running_header():
    body = ("Cả huyện phấn đấu hoàn thành thắng lợi các mục tiêu, nhiệm vụ năm 2024 đã đề ra từ đầu nhiệm kỳ.\n\n"
            "Phần thứ ba\nKIẾN NGHỊ, ĐỀ XUẤT\n\n4\nHuyện ủy Đông Sơn - Báo cáo số 318-BC/HU\n\n"
            "1. Đề nghị Ban Tổ chức Tỉnh ủy sớm hướng dẫn.\n\n5\nHuyện ủy Đông Sơn - Báo cáo số 318-BC/HU\n\n"
            "2. Đề nghị UBND tỉnh bố trí vốn.\n")
    masked = [body[s:e] for s, e in furniture_spans(body)]
    assert "KIẾN NGHỊ, ĐỀ XUẤT" not in masked and "4" in masked
    assert "Huyện ủy Đông Sơn - Báo cáo số 318-BC/HU" in masked
