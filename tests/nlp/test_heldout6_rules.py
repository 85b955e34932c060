"""General rules found on the sixth blind set (heldout6), each on a small hand-made example."""

from ingest.nlp import extract



PARTY_HEAD = ("ĐẢNG BỘ TỈNH AN BÌNH\nỦY BAN KIỂM TRA\n*\nSố 30-TB/UBKTTU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
              "An Bình, ngày 20 tháng 6 năm 2024\n\nTHÔNG BÁO\nKẾT LUẬN KIỂM TRA\n\n")


def _texts(text):
    return [p.text for p in extract(text).directives]


def test_opening_that_acts_on_a_document_and_tells_what_was_done_is_no_task():
    text = PARTY_HEAD + (
        "Thực hiện Chương trình kiểm tra, giám sát năm 2024 của Ủy ban Kiểm tra Tỉnh ủy, từ ngày 02/4/2024 "
        "đến ngày 30/4/2024, Đoàn Kiểm tra của Ủy ban Kiểm tra Tỉnh ủy đã tiến hành kiểm tra việc thực hiện "
        "nhiệm vụ đối với Ban Thường vụ Huyện ủy Đông Sơn.\n\n"
        "1. Yêu cầu Ban Thường vụ Huyện ủy Đông Sơn tổ chức kiểm điểm, rút kinh nghiệm.\n")
    ds = _texts(text)
    assert len(ds) == 1, ds
    assert ds[0].startswith("Yêu cầu Ban Thường vụ")


def test_subjectless_continuation_with_open_a_ledger_is_a_task():
    text = PARTY_HEAD + (
        "1. Yêu cầu Ban Thường vụ Huyện ủy chỉ đạo Văn phòng Huyện ủy thu hồi kinh phí chi sai, hoàn thành "
        "trước ngày 31/7/2024. Đồng thời, mở sổ theo dõi tài sản của Đảng.\n")
    ds = _texts(text)
    assert len(ds) == 2, ds
    assert ds[1].startswith("Đồng thời, mở sổ")


def test_unpunctuated_numbered_line_between_section_titles_is_a_title():
    text = PARTY_HEAD + (
        "1. Kết quả hoạt động tháng 10/2025\n"
        "Các Ban của HĐND tỉnh đã tổ chức 03 cuộc giám sát chuyên đề.\n\n"
        "2. Chuẩn bị kỳ họp thứ 25 HĐND tỉnh\n"
        "Thường trực HĐND tỉnh thống nhất dự kiến tổ chức kỳ họp thứ 25 vào ngày 10/12/2025.\n\n"
        "3. Nhiệm vụ trọng tâm trong thời gian tới\n"
        "- Ban Pháp chế chủ trì tổng hợp các kiến nghị của cử tri, hoàn thành trong tháng 11/2025.\n")
    ds = _texts(text)
    assert not any(d.startswith("Chuẩn bị kỳ họp") for d in ds), ds
    assert any(d.startswith("Ban Pháp chế") for d in ds), ds


def test_numbered_imperative_items_without_punctuation_stay_tasks():
    text = PARTY_HEAD + (
        "Ban Thường vụ Huyện ủy yêu cầu:\n"
        "1. Tăng cường công tác kiểm tra, giám sát\n"
        "2. Chuẩn bị tốt các điều kiện tổ chức đại hội\n")
    ds = _texts(text)
    assert len(ds) == 2, ds


def test_joint_office_named_with_and_is_one_owner():
    text = PARTY_HEAD + (
        "1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp với Văn phòng Đoàn ĐBQH và HĐND tỉnh xây "
        "dựng báo cáo tổng hợp ý kiến cử tri.\n"
        "2. Giao Văn phòng HĐND và UBND huyện tổng hợp, báo cáo kết quả.\n"
        "3. Giao Văn phòng Tỉnh ủy và UBND tỉnh theo dõi, đôn đốc thực hiện.\n")
    ds = extract(text).directives
    assert len(ds) == 3, [p.text for p in ds]
    assert ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", "support") in [(o.name, o.role) for o in ds[0].owners]
    assert [o.name for o in ds[1].owners] == ["Văn phòng HĐND và UBND huyện"]
    assert [o.name for o in ds[2].owners] == ["Văn phòng Tỉnh ủy", "UBND tỉnh"]
