"""General rules found on the seventh blind set (heldout7), each on a small hand-made example."""
import datetime as dt

from ingest.nlp import extract
from ingest.nlp.classify import analyze
from ingest.nlp.deadlines import DateContext, pick_deadline

HEAD = ("ĐẢNG BỘ TỈNH AN BÌNH\nBAN THƯỜNG VỤ\n*\nSố 20-TB/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "An Bình, ngày 20 tháng 7 năm 2023\n\nTHÔNG BÁO\nKẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY\n\n"
        "Ngày 18/7/2023, Ban Thường vụ Tỉnh ủy họp nghe báo cáo tình hình đầu tư công.\n\n")


def _directives(body):
    return extract(HEAD + body).directives


def _owners(p):
    return [(o.name, o.role) for o in p.owners]


def test_a_lead_in_opened_by_its_period_hands_it_to_its_items():
    ds = _directives("II. NHIỆM VỤ NĂM 2024\n\nĐảng ủy UBND tỉnh lãnh đạo, chỉ đạo UBND tỉnh:\n"
                     "a) Trong quý I/2024, tập trung:\n"
                     "- Hoàn thành phân bổ chi tiết kế hoạch vốn đầu tư công năm 2024;\n"
                     "- Khôi phục sản xuất vụ Đông Xuân tại các vùng bị ảnh hưởng.\n")
    assert [d.deadline for d in ds] == [dt.date(2024, 3, 31)] * 2, [(d.text, d.deadline_phrase) for d in ds]
    assert all(d.deadline_source == "inherited" for d in ds)


def test_a_reference_moment_is_no_deadline_but_the_report_after_it_is():
    (d,) = _directives("2. Ban Tổ chức Tỉnh ủy chủ trì xem xét trách nhiệm người đứng đầu các chủ đầu tư có tỷ lệ "
                       "giải ngân dưới 30% tại thời điểm 30/9/2023; báo cáo kết quả trong tháng 10/2023.\n")
    assert d.deadline == dt.date(2023, 10, 31) and d.deadline_phrase == "trong tháng 10/2023"


def test_a_year_inside_quotation_marks_is_a_slogan_not_a_time_limit():
    ctx = DateContext(ref_date=dt.date(2026, 3, 9), anchor=dt.date(2026, 3, 11))
    for quote in ("“…”", '"…"'):
        slogan = quote.replace("…", "không để hộ dân nào thiếu nơi ở khi mùa mưa bão năm 2026 đến")
        assert pick_deadline(f"Quán triệt tinh thần {slogan}, tập trung thực hiện:", ctx) is None
    assert pick_deadline("Hoàn thành trong năm 2026.", ctx).date == dt.date(2026, 12, 31)


def test_a_participants_request_reported_in_the_review_part_is_no_task():
    ds = _directives("I. ĐÁNH GIÁ CHUNG\n\nTiến độ giải ngân còn chậm. Tại cuộc họp, Chủ tịch UBND xã Sông Hinh đề "
                     "nghị tỉnh bổ sung 3,5 ha đất cho khu tái định cư.\n\nII. NHIỆM VỤ\n\n"
                     "1. Giao Sở Xây dựng hướng dẫn thiết kế mẫu nhà ở an toàn.\n")
    assert [d.text for d in ds] == ["Giao Sở Xây dựng hướng dẫn thiết kế mẫu nhà ở an toàn."]


def test_nouns_that_look_like_verbs_stay_in_the_unit_name():
    (d,) = _directives("6. Giao Ban Quản lý dự án đầu tư xây dựng các công trình giao thông và nông nghiệp tỉnh "
                       "khẩn trương sửa chữa Tỉnh lộ 645.\n")
    assert _owners(d) == [("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông và nông nghiệp tỉnh", "lead")]


def test_ban_hanh_after_a_semicolon_is_a_verb_not_a_unit():
    (d,) = _directives("3. Ủy ban Kiểm tra Tỉnh ủy tập trung giám sát các đảng ủy xã mới thành lập; ban hành chương "
                       "trình kiểm tra trước ngày 20/01/2024.\n")
    assert _owners(d) == [("Ủy ban Kiểm tra Tỉnh ủy", "lead")]


def test_a_units_label_with_a_qualifier_owns_its_items():
    ds = _directives("II. NHIỆM VỤ\n\n4. UBND các xã, phường bị ảnh hưởng bởi mưa lũ:\n"
                     "- Thường xuyên rà soát danh sách hộ dân trong vùng sạt lở.\n"
                     "- Công khai danh sách hộ được hỗ trợ.\n")
    assert [_owners(d) for d in ds] == [[("UBND các xã, phường bị ảnh hưởng bởi mưa lũ", "lead")]] * 2


def test_reminder_to_the_unit_named_after_doi_voi():
    info = analyze(t := "Đối với UBND các huyện, Bí thư Tỉnh ủy lưu ý cần công khai số điện thoại đường dây nóng.",
                   0, len(t))
    assert info.form == "assign" and info.leads == ["UBND các huyện"]


def test_duoc_giao_with_a_task_verb_is_the_assignment_itself():
    info = analyze(t := "Ban Tuyên giáo Tỉnh ủy được giao định hướng các cơ quan báo chí thông tin kịp thời.", 0, len(t))
    assert info.leads == ["Ban Tuyên giáo Tỉnh ủy"]


def test_nhat_la_singles_out_owners_but_not_places():
    info = analyze(t := "Bí thư Tỉnh ủy đề nghị các cấp ủy, chính quyền, nhất là ở các huyện ven biển, chủ động "
                        "tích trữ nước ngọt.", 0, len(t))
    assert " ".join(info.leads).replace(",", "").split() == ["các", "cấp", "ủy", "chính", "quyền"]
    info = analyze(t := "Mỗi cán bộ, đảng viên nhất là cán bộ chủ chốt phải gương mẫu thực hiện.", 0, len(t))
    assert info.leads[-1] == "cán bộ chủ chốt"


def test_a_search_box_is_page_chrome():
    text = ("BÁO AN BÌNH ĐIỆN TỬ\nTìm kiếm...\n\nChiều 12/3/2024, Ban Thường vụ Tỉnh ủy họp. Bí thư Tỉnh ủy yêu cầu "
            "Sở Y tế khẩn trương triển khai chiến dịch diệt lăng quăng.\n")
    assert [d.text for d in extract(text).directives] == [
        "Bí thư Tỉnh ủy yêu cầu Sở Y tế khẩn trương triển khai chiến dịch diệt lăng quăng."]
