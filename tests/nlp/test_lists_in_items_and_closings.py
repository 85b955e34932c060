"""Shapes read from heldout18 (fl18 after its first sight): a compound broken over a line at its dash, a lead-in that
continues its item and hands the item's unit to its list, a topic heading that keeps its part's mode, closing requests
that name no action whoever they address, a review under its label, a range of months, an aside after "Định kỳ"."""
from ingest.nlp import extract
from ingest.nlp.segment import segment

ITEM = """II. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2026

1. Đảng ủy UBND tỉnh lãnh đạo UBND tỉnh tập trung chỉ đạo các giải pháp
thúc đẩy tăng trưởng, phấn đấu hoàn thành toàn diện các chỉ tiêu kinh tế
- xã hội năm 2026. Trong đó chú trọng các nội dung:

a) Đẩy nhanh giải phóng mặt bằng tuyến đường ven biển, bàn giao mặt bằng
sạch cho nhà đầu tư trước ngày 31/10/2026.

b) Hoàn thành phương án xử lý trụ sở dôi dư, báo cáo Ban Thường vụ Tỉnh ủy
trước ngày 15/9/2026.
"""


def _owners(text: str, start: str) -> list[str]:
    d = next(p for p in extract(text).directives if p.text.startswith(start))
    return [o.name for o in d.owners]


def test_a_dash_under_a_line_broken_mid_compound_joins_it_and_opens_no_bullet():
    blocks = segment(ITEM)
    assert not any(ITEM[b.body_start:b.end].startswith("xã hội năm 2026") for b in blocks)


def test_a_dash_list_under_a_lead_in_still_opens_bullets():
    text = "Các sở, ngành thực hiện các nội dung sau:\n- rà soát hồ sơ tồn đọng\n- báo cáo kết quả trước ngày 30/9/2026.\n"
    assert [text[b.body_start:b.end] for b in segment(text)][1:] == ["rà soát hồ sơ tồn đọng",
                                                                   "báo cáo kết quả trước ngày 30/9/2026."]


def test_a_lead_in_that_continues_its_item_hands_the_items_unit_to_its_list():
    assert _owners(ITEM, "Đẩy nhanh giải phóng") == ["Đảng ủy UBND tỉnh"]
    assert _owners(ITEM, "Hoàn thành phương án") == ["Đảng ủy UBND tỉnh"]


DISPATCH = """Đảng ủy xã đề nghị các chi bộ trực thuộc thực hiện tốt các nội dung sau:

1. Về công tác kiểm điểm, đánh giá, xếp loại

- Tổ chức kiểm điểm tập thể chi ủy, chi bộ và từng đảng viên nghiêm túc, đúng quy trình; hoàn thành trước ngày 15/12/2026.

- Bí thư các chi bộ tổng hợp kết quả, gửi về Văn phòng Đảng ủy xã chậm nhất ngày 20/12/2026.

2. Về công tác phát triển đảng viên

- Các chi bộ rà soát quần chúng ưu tú, lập danh sách cảm tình Đảng.

Nhận được công văn này, đề nghị các chi bộ nghiêm túc triển khai thực hiện./.
"""


def test_a_topic_heading_about_a_field_of_work_keeps_its_part_a_task_part():
    texts = [p.text for p in extract(DISPATCH).directives]
    assert any(t.startswith("Tổ chức kiểm điểm tập thể") for t in texts), texts
    assert any(t.startswith("Bí thư các chi bộ tổng hợp") for t in texts), texts


def test_a_closing_request_with_no_action_is_no_directive_whoever_it_addresses():
    texts = [p.text for p in extract(DISPATCH).directives]
    assert not any("Nhận được công văn này" in t for t in texts), texts
    notice = "Yeu cau cac to dan pho thuc hien cac nhiem vu sau:\n- Ra soat ho so ton dong.\n" \
             "De nghi Truong cac to dan pho quan tam, thuc hien./.\n"
    assert not any(p.text.startswith("De nghi") for p in extract(notice).directives)


def test_a_closing_request_to_work_together_stays_a_task():
    text = "II. TỔ CHỨC THỰC HIỆN\nGiao Phòng Văn hóa - Xã hội hướng dẫn triển khai.\nYêu cầu UBND các xã, phường phối hợp và tổ chức thực hiện.\n"
    assert any(p.text.startswith("Yêu cầu UBND các xã") for p in extract(text).directives)


def test_a_review_under_its_label_in_one_line_is_no_directive():
    text = ("Chủ tịch UBND tỉnh kết luận như sau:\n\nĐánh giá chung: 5 tháng đầu năm 2026, đặc khu đón hơn 3,2 triệu "
            "lượt khách; thu ngân sách đạt 52% dự toán.\n\n1. Về hạ tầng\nSở Xây dựng thẩm định hồ sơ trước ngày 30/6/2026.\n")
    texts = [p.text for p in extract(text).directives]
    assert not any(t.startswith("Đánh giá chung") for t in texts), texts
    assert any(t.startswith("Sở Xây dựng thẩm định") for t in texts), texts


def test_a_range_of_months_ends_with_the_later_month():
    row = "Kế hoạch ngày 15/01/2026\nII. NHIỆM VỤ\n1. Sở Nội vụ tổ chức đào tạo kỹ năng số, thời gian: tháng 6 - 8/2026.\n"
    d = next(p for p in extract(row).directives if p.text.startswith("Sở Nội vụ"))
    assert d.deadline.isoformat() == "2026-08-31"


def test_units_after_a_periodic_adverbial_with_an_aside_are_its_owners():
    text = ("II. TỔ CHỨC THỰC HIỆN\nĐịnh kỳ hằng quý (trước ngày 20 của tháng cuối quý), các phòng, đơn vị báo cáo kết "
            "quả thực hiện về Văn phòng Sở.\n")
    d = extract(text).directives[0]
    assert "các phòng" in " ".join(o.name for o in d.owners), d.owners


def test_a_programme_heading_keeps_its_part_a_task_part_whatever_its_topic_words():
    text = ("III. CÁC CHƯƠNG TRÌNH, NHIỆM VỤ TRỌNG TÂM\n4. Chương trình bảo đảm an sinh xã hội, chăm lo đời sống Nhân dân\n"
            "- Duy trì tỷ lệ người dân tham gia bảo hiểm y tế trên 95%.\n"
            "- Tổ chức khám sức khỏe định kỳ cho người cao tuổi trên địa bàn hằng năm.\n")
    texts = [p.text for p in extract(text).directives]
    assert any(t.startswith("Duy trì tỷ lệ") for t in texts) and any(t.startswith("Tổ chức khám") for t in texts), texts
