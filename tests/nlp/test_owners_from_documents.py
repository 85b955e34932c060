"""Owners: who leads and who supports a directive, read in its sentence and its context.

Behaviours first met in the blind sets; each test is a shape, not a document."""
from ingest.nlp import extract
from ingest.nlp.classify import analyze
from tests.nlp.letterheads import HEAD, HEAD_2, PARTY_HEAD, PARTY_HEAD_2, UBND_HEAD


def _read(text):
    return analyze(text, 0, len(text))


def _dirs(text):
    return extract(text).directives


def _owners(p):
    return [(o.name, o.role) for o in p.owners]


def _info(s):
    return analyze(s, 0, len(s))


def _owners_of(text):
    return [[(o.name, o.role) for o in d.owners] for d in extract(UBND_HEAD + text).directives]


def _directives(body):
    return extract(HEAD_2 + body).directives


def _owners_2(p):
    return [(o.name, o.role) for o in p.owners]


def test_chi_bo_is_a_whole_unit_before_its_verb():
    assert _read("Các chi bộ tổ chức sinh hoạt chuyên đề quý II năm 2026.").leads == ["Các chi bộ"]
    assert _read("Văn phòng Đảng ủy sao gửi quyết định đến các cơ quan.").leads == ["Văn phòng Đảng ủy"]


def test_subjectless_sentence_inherits_the_subject_that_opens_its_item():
    text = HEAD + ("2. Nhiệm vụ thời gian tới\n"
                   "a) Sở Xây dựng chủ trì hoàn thành kiểm đếm các hộ còn lại trước ngày 30/6/2025. "
                   "Trường hợp hộ dân không hợp tác, lập biên bản và tổ chức kiểm đếm bắt buộc theo quy định.\n")
    ds = _dirs(text)
    assert len(ds) == 2 and _owners(ds[1]) == [("Sở Xây dựng", "lead")]


def test_lead_in_unit_with_a_qualifier_owns_its_list():
    text = HEAD + ("Chủ tịch UBND tỉnh yêu cầu:\n"
                   "1. Chủ tịch UBND các xã, phường có rừng:\n"
                   "- Tổ chức trực phòng cháy, chữa cháy rừng 24/24 giờ trong mùa khô.\n")
    ds = _dirs(text)
    assert len(ds) == 1
    assert " ".join(o.name for o in ds[0].owners) == "Chủ tịch UBND các xã, phường có rừng"


def test_speaker_reminding_a_unit_assigns_it():
    i = _info("Bí thư Tỉnh ủy cũng lưu ý xã cần hướng dẫn người dân chuyển đổi cây trồng theo quy hoạch.")
    assert i.form == "assign" and i.leads == ["xã"]


def test_a_party_committee_of_another_body_is_not_the_issuer():
    i = _info("Đảng ủy UBND tỉnh lãnh đạo, chỉ đạo UBND tỉnh bố trí đủ nguồn vốn đối ứng.")
    assert i.form == "subject" and not i.issuer_subject and i.leads == ["Đảng ủy UBND tỉnh"]


def test_subject_with_a_co_qualifier_then_a_modal():
    i = _info("Các chủ đầu tư có tỷ lệ giải ngân dưới 50% phải báo cáo giải trình trong tháng 10/2025.")
    assert i.form == "subject" and i.leads == ["Các chủ đầu tư có tỷ lệ giải ngân dưới 50%"]


def test_manner_word_used_as_the_verb():
    i = _info("Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh chủ động phương án, bố trí lực lượng sẵn sàng chữa cháy.")
    assert i.form == "subject" and i.leads == ["Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh"]


def test_imperative_phoi_hop_gives_a_support_but_not_through_a_delegation():
    i = _info("Phối hợp với Ban Tổ chức Tỉnh ủy tổ chức tập huấn cho cán bộ.")
    assert i.supports == ["Ban Tổ chức Tỉnh ủy"]
    i = _info("Chỉ đạo Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính rà soát danh mục dự án.")
    assert i.supports == []
    i = _info("Thường trực Tỉnh ủy đề nghị Đảng ủy UBND tỉnh chỉ đạo Sở Y tế chủ trì, phối hợp với các xã "
              "giải quyết dứt điểm hồ sơ tồn đọng.")
    assert i.leads == ["Đảng ủy UBND tỉnh"] and i.supports == []


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


def test_lead_in_yeu_cau_units_colon_gives_its_items_the_units():
    text = UBND_HEAD + ("II. KẾT LUẬN\n1. Yêu cầu các sở, ngành, địa phương:\n"
                        "a) Rà soát toàn bộ các dự án được giao vốn.\nb) Báo cáo tiến độ hằng tuần về Sở Tài chính.\n")
    ds = extract(text).directives
    assert len(ds) == 2
    assert all([o.name for o in p.owners] == ["các sở, ngành", "địa phương"] for p in ds)


def test_thoi_gian_toi_turns_an_assessment_paragraph_to_tasks():
    head = ("TỈNH ỦY AN BÌNH\nSố 12-TB/TU\nAn Bình, ngày 10 tháng 4 năm 2025\n\nTHÔNG BÁO\nkết luận của Ban Thường vụ\n\n"
            "1. Về quản lý đất đai\n")
    text = head + ("Trong quý I, toàn tỉnh phát hiện 40 trường hợp vi phạm. Công tác quản lý còn hạn chế.\n"
                   "Thời gian tới, UBND tỉnh chỉ đạo xử lý dứt điểm các trường hợp vi phạm tồn đọng. "
                   "Kiên quyết thu hồi đất đối với các dự án chậm tiến độ.\n")
    ds = extract(text).directives
    assert len(ds) == 2, [p.text for p in ds]
    assert all(p.owners and p.owners[0].name == "UBND tỉnh" for p in ds)


def test_xa_hoi_inside_a_name_is_no_commune():
    owners = _owners_of("II. NHIỆM VỤ\n\n1. Phòng Lao động - Thương binh và Xã hội chủ trì, phối hợp với Ủy ban "
                        "Mặt trận Tổ quốc Việt Nam huyện phân bổ kịp thời hàng cứu trợ.\n")
    assert owners == [[("Phòng Lao động - Thương binh và Xã hội", "lead"),
                       ("Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "support")]]


def test_a_one_word_qualifier_before_the_predicate():
    assert _owners_of("II. NHIỆM VỤ\n\n3. Các đảng ủy xã, phường có rừng lãnh đạo xây dựng kế hoạch bảo vệ "
                      "rừng.\n") == [[("Các đảng ủy xã, phường có rừng", "lead")]]


def test_a_capitalised_name_ending_in_a_name_verb_then_chi_dao():
    assert _owners_of("II. NHIỆM VỤ\n\n4. Phòng Giáo dục và Đào tạo chỉ đạo các trường học khắc phục cơ sở vật "
                      "chất.\n") == [[("Phòng Giáo dục và Đào tạo", "lead")]]


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


def test_joint_office_named_with_and_is_one_owner():
    text = PARTY_HEAD_2 + (
        "1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp với Văn phòng Đoàn ĐBQH và HĐND tỉnh xây "
        "dựng báo cáo tổng hợp ý kiến cử tri.\n"
        "2. Giao Văn phòng HĐND và UBND huyện tổng hợp, báo cáo kết quả.\n"
        "3. Giao Văn phòng Tỉnh ủy và UBND tỉnh theo dõi, đôn đốc thực hiện.\n")
    ds = extract(text).directives
    assert len(ds) == 3, [p.text for p in ds]
    assert ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", "support") in [(o.name, o.role) for o in ds[0].owners]
    assert [o.name for o in ds[1].owners] == ["Văn phòng HĐND và UBND huyện"]
    assert [o.name for o in ds[2].owners] == ["Văn phòng Tỉnh ủy", "UBND tỉnh"]


def test_nouns_that_look_like_verbs_stay_in_the_unit_name():
    (d,) = _directives("6. Giao Ban Quản lý dự án đầu tư xây dựng các công trình giao thông và nông nghiệp tỉnh "
                       "khẩn trương sửa chữa Tỉnh lộ 645.\n")
    assert _owners_2(d) == [("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông và nông nghiệp tỉnh", "lead")]


def test_ban_hanh_after_a_semicolon_is_a_verb_not_a_unit():
    (d,) = _directives("3. Ủy ban Kiểm tra Tỉnh ủy tập trung giám sát các đảng ủy xã mới thành lập; ban hành chương "
                       "trình kiểm tra trước ngày 20/01/2024.\n")
    assert _owners_2(d) == [("Ủy ban Kiểm tra Tỉnh ủy", "lead")]


def test_a_units_label_with_a_qualifier_owns_its_items():
    ds = _directives("II. NHIỆM VỤ\n\n4. UBND các xã, phường bị ảnh hưởng bởi mưa lũ:\n"
                     "- Thường xuyên rà soát danh sách hộ dân trong vùng sạt lở.\n"
                     "- Công khai danh sách hộ được hỗ trợ.\n")
    assert [_owners_2(d) for d in ds] == [[("UBND các xã, phường bị ảnh hưởng bởi mưa lũ", "lead")]] * 2


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


def test_election_committees_keep_their_name():
    info = analyze(t := "Đối với công tác bầu cử, Bí thư Tỉnh ủy yêu cầu Ủy ban bầu cử tỉnh chuẩn bị chu đáo.",
                   0, len(t))
    assert info.leads == ["Ủy ban bầu cử tỉnh"]
