"""General rules found on the fourth blind set (heldout4), each on a small hand-made example."""
import datetime as dt

from ingest.nlp import extract
from ingest.nlp.deadlines import DateContext, pick_deadline
from ingest.nlp.metadata import extract_metadata
from ingest.nlp.segment import mask_furniture, segment
from tests.nlp.letterheads import ubnd_head



UBND_HEAD = ubnd_head("ngày 08 tháng 10 năm 2025", "Kết luận của Chủ tịch UBND tỉnh về công tác năm 2025")



def test_two_column_header_line_with_the_motto_is_header():
    src = mask_furniture(UBND_HEAD + "Ngày 06/10/2025, Chủ tịch UBND tỉnh chủ trì cuộc họp.\n")
    md = extract_metadata(src, segment(src))
    assert md.doc_date == dt.date(2025, 10, 8)


def test_unit_labelled_item_gives_its_unit_to_every_sentence():
    text = UBND_HEAD + (
        "II. KẾT LUẬN\n"
        "1. Giao nhiệm vụ cụ thể:\n"
        "a) Sở Công Thương: Chủ trì rà soát các cụm công nghiệp, báo cáo UBND tỉnh trước ngày 30/10/2025. "
        "Kiên quyết thu hồi các dự án chậm tiến độ.\n"
        "b) Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng tỉnh: Yêu cầu nhà thầu tăng ca.\n"
        "c) Đề nghị Kho bạc Nhà nước khu vực XV: Kiểm soát chi kịp thời; phối hợp với Sở Tài chính đối chiếu số liệu.\n")
    ds = extract(text).directives
    owners = [[(o.name, o.role) for o in p.owners] for p in ds]
    assert len(ds) == 4, [p.text for p in ds]
    assert owners[0] == [("Sở Công Thương", "lead")]
    assert owners[1] == [("Sở Công Thương", "lead")]
    assert owners[2] == [("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng tỉnh", "lead")]
    assert owners[3] == [("Kho bạc Nhà nước khu vực XV", "lead"), ("Sở Tài chính", "support")]


def test_statement_with_a_colon_is_no_unit_label():
    text = UBND_HEAD + "Ban Chấp hành Đảng bộ tỉnh thống nhất nhận định: Trong điều kiện khó khăn, tỉnh đã đạt kết quả.\n"
    assert extract(text).directives == []


def test_lead_in_yeu_cau_units_colon_gives_its_items_the_units():
    text = UBND_HEAD + ("II. KẾT LUẬN\n1. Yêu cầu các sở, ngành, địa phương:\n"
                        "a) Rà soát toàn bộ các dự án được giao vốn.\nb) Báo cáo tiến độ hằng tuần về Sở Tài chính.\n")
    ds = extract(text).directives
    assert len(ds) == 2
    assert all([o.name for o in p.owners] == ["các sở, ngành", "địa phương"] for p in ds)


def test_periodic_adverbial_before_the_verb():
    text = UBND_HEAD + "II. KẾT LUẬN\n1. Sở Xây dựng: Thẩm định hồ sơ kịp thời. Hằng tháng công bố giá vật liệu.\n"
    ds = extract(text).directives
    assert any(p.text.startswith("Hằng tháng công bố") for p in ds)


def test_processing_time_counted_from_each_file_is_no_deadline():
    ctx = DateContext(ref_date=dt.date(2025, 10, 8), ref_year=2025, anchor=dt.date(2025, 10, 8))
    assert pick_deadline("thời gian thẩm định không quá 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", ctx) is None
    d = pick_deadline("trong 07 ngày làm việc, hoàn thiện quy chế", ctx)
    assert d is not None and d.date == dt.date(2025, 10, 17)


def test_thoi_gian_toi_turns_an_assessment_paragraph_to_tasks():
    head = ("TỈNH ỦY AN BÌNH\nSố 12-TB/TU\nAn Bình, ngày 10 tháng 4 năm 2025\n\nTHÔNG BÁO\nkết luận của Ban Thường vụ\n\n"
            "1. Về quản lý đất đai\n")
    text = head + ("Trong quý I, toàn tỉnh phát hiện 40 trường hợp vi phạm. Công tác quản lý còn hạn chế.\n"
                   "Thời gian tới, UBND tỉnh chỉ đạo xử lý dứt điểm các trường hợp vi phạm tồn đọng. "
                   "Kiên quyết thu hồi đất đối với các dự án chậm tiến độ.\n")
    ds = extract(text).directives
    assert len(ds) == 2, [p.text for p in ds]
    assert all(p.owners and p.owners[0].name == "UBND tỉnh" for p in ds)


# --- second pass over heldout4 (after heldout7) ------------------------------------------------

def _owners_of(text):
    return [[(o.name, o.role) for o in d.owners] for d in extract(UBND_HEAD + text).directives]


def test_xa_hoi_inside_a_name_is_no_commune():
    owners = _owners_of("II. NHIỆM VỤ\n\n1. Phòng Lao động - Thương binh và Xã hội chủ trì, phối hợp với Ủy ban "
                        "Mặt trận Tổ quốc Việt Nam huyện phân bổ kịp thời hàng cứu trợ.\n")
    assert owners == [[("Phòng Lao động - Thương binh và Xã hội", "lead"),
                       ("Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "support")]]


def test_a_numbered_review_title_over_a_paragraph_is_a_heading():
    texts = [d.text for d in extract(UBND_HEAD + (
        "1. Đánh giá tình hình 10 tháng năm 2025\nTăng trưởng kinh tế ước đạt 8,1%; thu ngân sách đạt 87% dự toán.\n"
        "2. Nhiệm vụ những tháng cuối năm\nCác sở, ngành tập trung giải ngân vốn đầu tư công.\n")).directives]
    assert texts == ["Các sở, ngành tập trung giải ngân vốn đầu tư công."]


def test_a_one_word_qualifier_before_the_predicate():
    assert _owners_of("II. NHIỆM VỤ\n\n3. Các đảng ủy xã, phường có rừng lãnh đạo xây dựng kế hoạch bảo vệ "
                      "rừng.\n") == [[("Các đảng ủy xã, phường có rừng", "lead")]]


def test_a_capitalised_name_ending_in_a_name_verb_then_chi_dao():
    assert _owners_of("II. NHIỆM VỤ\n\n4. Phòng Giáo dục và Đào tạo chỉ đạo các trường học khắc phục cơ sở vật "
                      "chất.\n") == [[("Phòng Giáo dục và Đào tạo", "lead")]]


def test_an_elapsed_period_opens_a_review_not_a_task():
    texts = [d.text for d in extract(UBND_HEAD + (
        "3. Về xử lý vi phạm trật tự xây dựng\nTrong 8 tháng, toàn thành phố phát hiện 412 trường hợp vi phạm trật tự "
        "xây dựng, đã\nxử lý 297 trường hợp, đạt 72%. Thời gian tới, UBND các phường tăng cường kiểm tra.\n\n"
        "II. NHIỆM VỤ\n\n"
        "Trong 07 ngày làm việc, chủ trì hoàn thiện quy chế phối hợp.\n")).directives]
    assert texts == ["Thời gian tới, UBND các phường tăng cường kiểm tra.",
                     "Trong 07 ngày làm việc, chủ trì hoàn thiện quy chế phối hợp."]
