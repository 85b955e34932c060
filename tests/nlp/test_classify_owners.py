"""Reading one sentence: its form, owners, support and report-to."""
from ingest.nlp.classify import ASSESS, NEUTRAL, TASK, analyze, is_directive, report_to_of, section_mode


def read(text):
    return analyze(text, 0, len(text))


def test_assignment_gives_the_addressee_as_lead_and_phoi_hop_as_support():
    info = read("Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy tham mưu kiểm tra.")
    assert info.form == "assign"
    assert info.leads == ["Ban Tổ chức Tỉnh ủy"]
    assert info.supports == ["Văn phòng Tỉnh ủy"]


def test_subject_with_phoi_hop_object():
    info = read("Văn phòng Tỉnh ủy phối hợp Ban cán sự đảng UBND tỉnh theo dõi, tổng hợp kết quả, "
                "báo cáo Ban Thường vụ Tỉnh ủy.")
    assert info.form == "subject"
    assert info.leads == ["Văn phòng Tỉnh ủy"] and info.supports == ["Ban cán sự đảng UBND tỉnh"]
    assert report_to_of(info, "Văn phòng Tỉnh ủy phối hợp Ban cán sự đảng UBND tỉnh theo dõi, tổng hợp kết quả, "
                              "báo cáo Ban Thường vụ Tỉnh ủy.") == "Ban Thường vụ Tỉnh ủy"


def test_delegation_chain_keeps_only_the_assigned_unit():
    info = read("Giao Ủy ban nhân dân xã chỉ đạo Ngành Công an tăng cường công tác tuần tra.")
    assert info.leads == ["Ủy ban nhân dân xã"]
    info = read("Ban cán sự đảng UBND tỉnh chỉ đạo Sở Y tế kiểm tra các cơ sở.")
    assert info.leads == ["Ban cán sự đảng UBND tỉnh"]


def test_issuer_with_yeu_cau_names_the_units_not_itself():
    text = "Ban Thường vụ Thành ủy yêu cầu trước mắt các cấp ủy, tổ chức Đảng tập trung lãnh đạo, chỉ đạo."
    info = read(text)
    assert info.form == "assign" and "Ban Thường vụ Thành ủy" not in info.leads
    assert " ".join(info.leads).replace(",", "").split() == "các cấp ủy tổ chức Đảng".split()


def test_a_long_list_of_addressees_is_read_to_its_verb():
    text = ("Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở, Trưởng các ban, ngành, đơn vị cấp tỉnh, Chủ tịch UBND "
            "các huyện, thị xã, thành phố, Giám đốc các Ban Quản lý dự án chuyên ngành, khu vực, các chủ đầu tư, "
            "triển khai việc lập kế hoạch đầu tư công trung hạn.")
    words = " ".join(read(text).leads).replace(",", " ").split()
    assert words[:4] == ["Giám", "đốc", "các", "sở"] and words[-4:] == ["các", "chủ", "đầu", "tư"]
    assert "triển" not in words and "Chủ tịch UBND tỉnh" not in " ".join(words)


def test_report_to_is_not_an_owner():
    text = "Các địa phương này phải báo cáo Chủ tịch UBND tỉnh kết quả thực hiện trước ngày 15.11."
    info = read(text)
    assert info.leads == ["Các địa phương này"]
    assert report_to_of(info, text) == "Chủ tịch UBND tỉnh"


def test_doi_voi_x_gives_x_as_owner_of_a_subjectless_clause():
    info = read("Đối với các ban tham mưu của Tỉnh ủy, tập trung thẩm định hồ sơ đại hội.")
    assert info.form == "imperative" and info.leads == ["các ban tham mưu của Tỉnh ủy"]


def test_accountability_alone_is_no_task():
    info = read("Các huyện ủy chịu trách nhiệm trước Ban Thường vụ Tỉnh ủy về kết quả thực hiện.")
    assert not is_directive(info, TASK, True, False)
    info = read("Cấp ủy cấp trên chịu trách nhiệm chỉ đạo, kiểm tra công tác chuẩn bị đại hội.")
    assert is_directive(info, NEUTRAL, True, False) and info.leads == ["Cấp ủy cấp trên"]


def test_delegate_opinion_is_not_a_directive():
    info = read("Tham gia ý kiến tại hội nghị, ông Đinh Văn Nam - Bí thư Đảng ủy xã Lâm Trung Thủy "
                "đề nghị tỉnh cần tăng chế độ phụ cấp cho cán bộ.")
    assert not is_directive(info, TASK, True, False)


def test_meeting_description_caption_and_closing_are_not_directives():
    for text in ["Ngày 29/6/2021, Ban Chấp hành Đảng bộ tỉnh họp cho ý kiến về tình hình.",
                 "Thường trực Tỉnh ủy chủ trì hội nghị.",
                 "Bí thư Tỉnh ủy Hoàng Trung Dũng trò chuyện với các đại biểu bên lề hội nghị.",
                 "Văn phòng Tỉnh uỷ xin truyền đạt ý kiến của Ban Chấp hành Đảng bộ tỉnh để các đồng chí thực hiện.",
                 "Tỉnh ủy thống nhất kết thúc thực hiện các kết luận này."]:
        assert not is_directive(read(text), TASK, True, False), text


def test_imperatives_depend_on_the_part_they_are_in():
    info = read("Tập trung triển khai các nhiệm vụ học tập, quán triệt nghị quyết.")
    assert info.form == "imperative"
    assert is_directive(info, TASK, False, False)
    assert not is_directive(info, ASSESS, True, False)


def test_lead_in_that_only_announces_a_list():
    info = read("Ban Thường vụ Tỉnh ủy yêu cầu các xã, phường, thị trấn quan tâm thực hiện các nhiệm vụ trọng tâm sau:")
    assert info.leadin and info.announce_only and info.leads
    assert not is_directive(info, TASK, True, False)
    info = read("Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở triển khai việc lập kế hoạch đầu tư công trung hạn "
                "giai đoạn 2021 - 2025, với các nội dung sau:")
    assert info.leadin and not info.announce_only


def test_task_after_a_colon_makes_a_directive():
    info = read("Tỉnh ủy xác định những nhiệm vụ trọng tâm trong quý IV-2020: Tập trung tổ chức thành công Đại hội.")
    assert info.midlead and is_directive(info, ASSESS, True, False)


def test_section_modes():
    assert section_mode("Phương hướng, nhiệm vụ 6 tháng cuối năm 2021") == TASK
    assert section_mode("Kết quả đạt được 6 tháng đầu năm") == ASSESS
    assert section_mode("hội nghị thống nhất nhận định:") == ASSESS
    assert section_mode("Sau khi thảo luận, Ban Thường vụ Tỉnh ủy kết luận như sau:") == NEUTRAL


def test_a_list_of_bodies_gives_one_owner_per_item_but_a_shared_suffix_keeps_one():
    text = "Các cấp uỷ, tổ chức đảng, chính quyền, MTTQ và các đoàn thể phải tổ chức quán triệt."
    assert read(text).leads == ["Các cấp uỷ", "tổ chức đảng", "chính quyền", "MTTQ", "các đoàn thể"]
    text = "Ban Thường vụ các huyện, thành, thị ủy chỉ đạo tổ chức đại hội chi bộ."
    assert read(text).leads == ["Ban Thường vụ các huyện, thành, thị ủy"]


def test_lists_that_share_a_head_or_a_syllable_stay_one_owner():
    assert read("UBND các huyện, thị xã, thành phố rà soát quỹ đất.").leads == ["UBND các huyện, thị xã, thành phố"]
    assert read("Các chi, đảng bộ cơ sở tổ chức sinh hoạt chuyên đề.").leads == ["Các chi, đảng bộ cơ sở"]
    assert read("Người đứng đầu cấp ủy, chính quyền phải chịu trách nhiệm chỉ đạo.").leads == [
        "Người đứng đầu cấp ủy, chính quyền"]
    # a bare list of places names each place; a capitalised unit after a place list is a new owner
    assert read("Các xã, phường, thị trấn rà soát hộ nghèo.").leads == ["Các xã, phường", "thị trấn"]
    assert read("UBND các xã, Thành đoàn triển khai kế hoạch ra quân.").leads == ["UBND các xã", "Thành đoàn"]


def test_a_periodic_adverbial_before_the_subject_leaves_the_subject_the_owner():
    from ingest.nlp.classify import analyze
    t = "Định kỳ hằng tháng, các đơn vị báo cáo kết quả thực hiện về Sở để tổng hợp."
    assert analyze(t, 0, len(t)).leads == ["các đơn vị"]
    t = "Định kỳ hằng quý, trước ngày 20 của tháng cuối quý, tổng hợp kết quả thực hiện."
    assert analyze(t, 0, len(t)).form == "imperative"
