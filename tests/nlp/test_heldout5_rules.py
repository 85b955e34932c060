"""General rules found on the fifth blind set (heldout5), each on a small hand-made example."""
import datetime as dt

from ingest.nlp import extract
from ingest.nlp.deadlines import DateContext, pick_deadline



PARTY_HEAD = ("ĐẢNG BỘ TỈNH AN BÌNH\nHUYỆN ỦY ĐÔNG SƠN\n*\nSố 20-KL/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
              "Đông Sơn, ngày 20 tháng 9 năm 2025\n\nKẾT LUẬN\n")

# Wednesday 8 October 2025
CTX = DateContext(ref_date=dt.date(2025, 10, 7), anchor=dt.date(2025, 10, 8))


def _deadline(text, ctx=CTX):
    t = pick_deadline(text, ctx)
    return t.date if t else None


def test_this_week_ends_on_the_sunday_of_the_notice_week():
    assert _deadline("Cấp phát ngay vật tư cho các xã trong tuần này.") == dt.date(2025, 10, 12)
    assert _deadline("Tổng hợp danh sách, hoàn thành trong tuần tới.") == dt.date(2025, 10, 19)


def test_relative_month_and_last_week_of_the_month():
    assert _deadline("Xây dựng chương trình công tác tháng 11/2025; hoàn thành trong tuần cuối tháng.") == \
        dt.date(2025, 10, 31)
    assert _deadline("Hoàn thành việc rà soát trong tháng này.") == dt.date(2025, 10, 31)
    dec = DateContext(ref_date=dt.date(2025, 12, 3), anchor=dt.date(2025, 12, 4))
    assert _deadline("Triển khai kế hoạch trong tháng tới.", dec) == dt.date(2026, 1, 31)
    assert _deadline("Triển khai kế hoạch trong tháng tới.", DateContext()) is None


def test_meeting_named_with_its_date_is_the_meeting_date():
    text = PARTY_HEAD + ("Tại phiên họp ngày 16/9/2025, sau khi nghe báo cáo, Ban Thường vụ Huyện ủy kết luận "
                         "như sau:\n\n1. Các xã phải hoàn thành hồ sơ trước ngày 30/10/2025.\n")
    assert extract(text).meeting_date == dt.date(2025, 9, 16)


def test_a_period_already_over_is_not_handed_down_as_a_time_frame():
    text = ("ĐẢNG BỘ TỈNH AN BÌNH\nHUYỆN ỦY ĐÔNG SƠN\n*\nSố 21-KL/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Đông Sơn, ngày 20 tháng 7 năm 2025\n\nKẾT LUẬN\n"
            "của Ban Thường vụ Huyện ủy về kết quả chuyển đổi số 6 tháng đầu năm 2025\n\n"
            "Tại phiên họp ngày 16/7/2025, Ban Thường vụ Huyện ủy kết luận như sau:\n\n"
            "1. Ủy ban nhân dân huyện chỉ đạo rà soát hạ tầng số tại các xã.\n\n"
            "2. Văn phòng Huyện ủy theo dõi, đôn đốc việc thực hiện Kết luận này.\n")
    ds = extract(text).directives
    assert len(ds) == 2, [p.text for p in ds]
    assert all(p.deadline is None for p in ds), [(p.text, p.deadline) for p in ds]


def test_delegate_proposal_in_the_review_part_is_not_a_directive():
    text = PARTY_HEAD + ("Tại phiên họp ngày 16/9/2025, Ban Thường vụ Huyện ủy kết luận như sau:\n\n"
                         "I. Kết quả đạt được và hạn chế\n\n"
                         "Các xã đã hoàn thành 80% kế hoạch. Tại phiên họp, đồng chí Trần Văn Bình, Bí thư Đảng ủy "
                         "xã Đông Hòa đề nghị huyện hỗ trợ kinh phí làm đường giao thông nông thôn.\n\n"
                         "II. Nhiệm vụ thời gian tới\n\n"
                         "1. Ủy ban nhân dân huyện rà soát, bố trí kinh phí làm đường giao thông nông thôn.\n")
    ds = extract(text).directives
    assert [p.text[:22] for p in ds] == ["Ủy ban nhân dân huyện "], [p.text for p in ds]


def test_issuer_past_direction_in_results_is_not_a_directive():
    text = PARTY_HEAD + ("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 8/2025\n\n"
                         "Trong tháng, Ban Thường vụ Huyện ủy đã chỉ đạo các tổ chức cơ sở đảng tổ chức học tập "
                         "nghị quyết; tỷ lệ đảng viên tham gia đạt 95%.\n\n"
                         "II. NHIỆM VỤ THÁNG 10/2025\n\n"
                         "1. Văn phòng Huyện ủy tham mưu chương trình công tác quý IV/2025.\n")
    ds = extract(text).directives
    assert len(ds) == 1 and ds[0].text.startswith("Văn phòng"), [p.text for p in ds]


def test_subject_with_a_qualifier_clause_before_the_modal():
    text = PARTY_HEAD + ("Ban Thường vụ Huyện ủy yêu cầu thực hiện các nhiệm vụ sau:\n\n"
                         "1. Các xã chưa đạt tiêu chí môi trường phải xây dựng phương án thu gom rác thải "
                         "sinh hoạt.\n")
    ds = extract(text).directives
    assert len(ds) == 1, [p.text for p in ds]
    assert [o.name for o in ds[0].owners] == ["Các xã chưa đạt tiêu chí môi trường"] or \
        ds[0].owners[0].name.startswith("Các xã")


def test_elliptic_chi_dang_bo_lead_in_gives_the_owner():
    text = PARTY_HEAD + ("II. NHIỆM VỤ THÁNG 10/2025\n\n1. Các chi, đảng bộ cơ sở:\n"
                         "- Rà soát quần chúng ưu tú, đề nghị kết nạp đảng viên mới.\n"
                         "- Thực hiện nghiêm chế độ sinh hoạt chi bộ định kỳ.\n")
    ds = extract(text).directives
    assert len(ds) == 2, [p.text for p in ds]
    for p in ds:
        words = " ".join(o.name for o in p.owners)
        assert "chi" in words and "đảng bộ cơ sở" in words, p.owners


def test_star_bullet_section_title_is_a_heading():
    text = PARTY_HEAD + ("Đồng chí Bí thư Huyện ủy kết luận như sau:\n\n"
                         "*\tĐánh giá chung\nCác xã đã bàn giao 90% mặt bằng.\n\n"
                         "*\tNhiệm vụ thời gian tới\n"
                         "+ Ủy ban nhân dân huyện bàn giao toàn bộ mặt bằng trước ngày 30/10/2025.\n")
    ds = extract(text).directives
    assert [p.text[:15] for p in ds] == ["Ủy ban nhân dân"], [p.text for p in ds]


def test_labelled_item_second_sentence_keeps_only_the_labelled_unit():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH AN BÌNH\nSố: 15/TB-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "An Bình, ngày 08 tháng 10 năm 2025\n\nTHÔNG BÁO\nKết luận của Phó Chủ tịch UBND tỉnh\n\n"
            "Phó Chủ tịch UBND tỉnh yêu cầu các sở, ngành thực hiện các nhiệm vụ sau:\n\n"
            "- Sở Y tế: Chủ trì, phối hợp với UBND các huyện rà soát đối tượng chưa tiêm, hoàn thành trong "
            "vòng 03 ngày. Phân bổ ngay vắc xin cho các huyện trong tuần này.\n")
    ds = extract(text).directives
    assert len(ds) == 2, [p.text for p in ds]
    assert [(o.name, o.role) for o in ds[1].owners] == [("Sở Y tế", "lead")]
    assert ds[1].deadline == dt.date(2025, 10, 12)
