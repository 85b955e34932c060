"""Which sentences are directives: sentence forms, exclusions and the part of the document they stand in.

Behaviours first met in the blind sets; each test is a shape, not a document."""
from ingest.nlp import extract
from ingest.nlp.classify import ASSESS, analyze, is_directive, section_mode
from tests.nlp.letterheads import HEAD, HEAD_2, PARTY_HEAD, PARTY_HEAD_2, UBND_HEAD

UBND_HEAD_2 = ("ỦY BAN NHÂN DÂN TỈNH AN BÌNH\nVĂN PHÒNG\nSố: 71/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
             "Độc lập - Tự do - Hạnh phúc\nAn Bình, ngày 24 tháng 3 năm 2026\n\n")


def _read(text):
    return analyze(text, 0, len(text))


def _info(s):
    return analyze(s, 0, len(s))


def _dirs(text):
    return extract(text).directives


def _texts(text):
    return [p.text for p in extract(text).directives]


def _directives(body):
    return extract(HEAD_2 + body).directives


def _directives_2(body):
    return extract(UBND_HEAD_2 + body).directives


def test_what_a_presented_draft_says_is_no_task():
    info = _read("Theo dự thảo Đề án do Sở Nội vụ trình bày, tỉnh dự kiến sắp xếp còn 54 xã, phường.")
    assert info.excluded == "opinion"


def test_lead_in_whose_verb_ends_it_only_announces():
    i = _info("Để chủ động phòng ngừa các vụ cháy rừng, Chủ tịch UBND tỉnh yêu cầu:")
    assert i.announce_only


def test_report_sent_up_has_no_directives():
    text = ("ĐẢNG ỦY UBND TỈNH AN BÌNH\nSố 47-BC/ĐU\nAn Bình, ngày 20 tháng 11 năm 2025\n\nBÁO CÁO\n"
            "kết quả thực hiện Kết luận số 12-KL/TU\n\nKính gửi: Ban Thường vụ Tỉnh ủy\n\n"
            "Thực hiện Công văn số 186-CV/VPTU của Văn phòng Tỉnh ủy, Ban Thường vụ Đảng ủy UBND tỉnh báo cáo như sau:\n\n"
            "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO\n\n"
            "Đảng ủy UBND tỉnh đã chỉ đạo UBND tỉnh ban hành Kế hoạch số 215/KH-UBND, trong đó giao Sở Tài chính "
            "hướng dẫn các xã rà soát hợp tác xã.\n\n"
            "II. KIẾN NGHỊ, ĐỀ XUẤT\n\n"
            "1. Đề nghị Ban Thường vụ Tỉnh ủy xem xét, cho chủ trương xây dựng Nghị quyết chuyên đề về kinh tế tập thể.\n")
    assert _dirs(text) == []


def test_same_words_in_a_notice_are_directives():
    text = HEAD + ("Ban Thường vụ Tỉnh ủy kết luận như sau:\n\n"
                   "1. Đề nghị Ban Thường vụ Đảng ủy UBND tỉnh xem xét, ban hành cơ chế hỗ trợ hợp tác xã.\n")
    assert len(_dirs(text)) == 1


def test_document_acted_on_frames_the_clause():
    i = _info("Thực hiện Công văn số 1120-CV/BTCTW của Ban Tổ chức Trung ương, Ban Thường vụ Tỉnh ủy ban hành "
              "Kế hoạch số hóa hồ sơ đảng viên như sau:")
    assert i.issuer_subject


def test_chu_tri_opens_a_task_not_a_meeting_caption():
    assert _info("Chủ trì nâng cấp hạ tầng mạng thông tin diện rộng của Đảng trước ngày 30/8/2025.").excluded is None
    assert _info("Chủ trì hội nghị.").excluded == "meeting"


def test_a_representatives_proposal_is_an_opinion():
    assert _info("Đại diện Hội Nông dân xã đề nghị ngành nông nghiệp hỗ trợ người dân chuyển đổi cây trồng.")\
        .excluded == "opinion"


def test_title_before_a_unit_name_is_no_person():
    i = _info("Giám đốc Vườn quốc gia Vũ Quang và các chủ rừng là tổ chức làm đường băng cản lửa.")
    assert i.form == "subject" and not i.person_subject


def test_statement_with_a_colon_is_no_unit_label():
    text = UBND_HEAD + "Ban Chấp hành Đảng bộ tỉnh thống nhất nhận định: Trong điều kiện khó khăn, tỉnh đã đạt kết quả.\n"
    assert extract(text).directives == []


def test_periodic_adverbial_before_the_verb():
    text = UBND_HEAD + "II. KẾT LUẬN\n1. Sở Xây dựng: Thẩm định hồ sơ kịp thời. Hằng tháng công bố giá vật liệu.\n"
    ds = extract(text).directives
    assert any(p.text.startswith("Hằng tháng công bố") for p in ds)


def test_a_numbered_review_title_over_a_paragraph_is_a_heading():
    texts = [d.text for d in extract(UBND_HEAD + (
        "1. Đánh giá tình hình 10 tháng năm 2025\nTăng trưởng kinh tế ước đạt 8,1%; thu ngân sách đạt 87% dự toán.\n"
        "2. Nhiệm vụ những tháng cuối năm\nCác sở, ngành tập trung giải ngân vốn đầu tư công.\n")).directives]
    assert texts == ["Các sở, ngành tập trung giải ngân vốn đầu tư công."]


def test_an_elapsed_period_opens_a_review_not_a_task():
    texts = [d.text for d in extract(UBND_HEAD + (
        "3. Về xử lý vi phạm trật tự xây dựng\nTrong 8 tháng, toàn thành phố phát hiện 412 trường hợp vi phạm trật tự "
        "xây dựng, đã\nxử lý 297 trường hợp, đạt 72%. Thời gian tới, UBND các phường tăng cường kiểm tra.\n\n"
        "II. NHIỆM VỤ\n\n"
        "Trong 07 ngày làm việc, chủ trì hoàn thiện quy chế phối hợp.\n")).directives]
    assert texts == ["Thời gian tới, UBND các phường tăng cường kiểm tra.",
                     "Trong 07 ngày làm việc, chủ trì hoàn thiện quy chế phối hợp."]


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


def test_star_bullet_section_title_is_a_heading():
    text = PARTY_HEAD + ("Đồng chí Bí thư Huyện ủy kết luận như sau:\n\n"
                         "*\tĐánh giá chung\nCác xã đã bàn giao 90% mặt bằng.\n\n"
                         "*\tNhiệm vụ thời gian tới\n"
                         "+ Ủy ban nhân dân huyện bàn giao toàn bộ mặt bằng trước ngày 30/10/2025.\n")
    ds = extract(text).directives
    assert [p.text[:15] for p in ds] == ["Ủy ban nhân dân"], [p.text for p in ds]


def test_opening_that_acts_on_a_document_and_tells_what_was_done_is_no_task():
    text = PARTY_HEAD_2 + (
        "Thực hiện Chương trình kiểm tra, giám sát năm 2024 của Ủy ban Kiểm tra Tỉnh ủy, từ ngày 02/4/2024 "
        "đến ngày 30/4/2024, Đoàn Kiểm tra của Ủy ban Kiểm tra Tỉnh ủy đã tiến hành kiểm tra việc thực hiện "
        "nhiệm vụ đối với Ban Thường vụ Huyện ủy Đông Sơn.\n\n"
        "1. Yêu cầu Ban Thường vụ Huyện ủy Đông Sơn tổ chức kiểm điểm, rút kinh nghiệm.\n")
    ds = _texts(text)
    assert len(ds) == 1, ds
    assert ds[0].startswith("Yêu cầu Ban Thường vụ")


def test_subjectless_continuation_with_open_a_ledger_is_a_task():
    text = PARTY_HEAD_2 + (
        "1. Yêu cầu Ban Thường vụ Huyện ủy chỉ đạo Văn phòng Huyện ủy thu hồi kinh phí chi sai, hoàn thành "
        "trước ngày 31/7/2024. Đồng thời, mở sổ theo dõi tài sản của Đảng.\n")
    ds = _texts(text)
    assert len(ds) == 2, ds
    assert ds[1].startswith("Đồng thời, mở sổ")


def test_unpunctuated_numbered_line_between_section_titles_is_a_title():
    text = PARTY_HEAD_2 + (
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
    text = PARTY_HEAD_2 + (
        "Ban Thường vụ Huyện ủy yêu cầu:\n"
        "1. Tăng cường công tác kiểm tra, giám sát\n"
        "2. Chuẩn bị tốt các điều kiện tổ chức đại hội\n")
    ds = _texts(text)
    assert len(ds) == 2, ds


def test_a_participants_request_reported_in_the_review_part_is_no_task():
    ds = _directives("I. ĐÁNH GIÁ CHUNG\n\nTiến độ giải ngân còn chậm. Tại cuộc họp, Chủ tịch UBND xã Sông Hinh đề "
                     "nghị tỉnh bổ sung 3,5 ha đất cho khu tái định cư.\n\nII. NHIỆM VỤ\n\n"
                     "1. Giao Sở Xây dựng hướng dẫn thiết kế mẫu nhà ở an toàn.\n")
    assert [d.text for d in ds] == ["Giao Sở Xây dựng hướng dẫn thiết kế mẫu nhà ở an toàn."]


def test_a_search_box_is_page_chrome():
    text = ("BÁO AN BÌNH ĐIỆN TỬ\nTìm kiếm...\n\nChiều 12/3/2024, Ban Thường vụ Tỉnh ủy họp. Bí thư Tỉnh ủy yêu cầu "
            "Sở Y tế khẩn trương triển khai chiến dịch diệt lăng quăng.\n")
    assert [d.text for d in extract(text).directives] == [
        "Bí thư Tỉnh ủy yêu cầu Sở Y tế khẩn trương triển khai chiến dịch diệt lăng quăng."]


def test_a_plans_purpose_section_sets_no_tasks():
    assert section_mode("MỤC ĐÍCH, YÊU CẦU") == ASSESS
    ds = _directives_2("KẾ HOẠCH\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\nNâng cao kỹ năng số cho người dân.\n\n"
                     "2. Yêu cầu\nTriển khai đồng bộ, thiết thực, hiệu quả; tránh hình thức.\n\n"
                     "II. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ chủ trì tập huấn cho cán bộ.\n")
    assert [d.text for d in ds] == ["Sở Nội vụ chủ trì tập huấn cho cán bộ."]


def test_fronted_chậm_nhất_date_then_the_task():
    info = analyze(t := "Chậm nhất ngày 20/5, báo cáo Ủy ban nhân dân tỉnh danh mục các vị trí còn vướng mắc.",
                   0, len(t))
    assert info.form == "imperative"


def test_an_opinion_reported_with_theo_dong_chi_is_no_task():
    info = analyze(t := "Theo đồng chí Võ Đình Nam, Giám đốc Sở Nội vụ, tỉnh cần sớm tổ chức các lớp bồi dưỡng.",
                   0, len(t))
    assert info.excluded == "opinion"


def test_dat_dai_is_land_not_achievement():
    assert section_mode("Về văn hóa - xã hội, quản lý đất đai, trật tự xây dựng") != ASSESS
    assert section_mode("Kết quả đạt được") == ASSESS


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


def test_what_a_speaker_stresses_after_a_colon_is_the_directive_of_its_subject():
    i = _info("Đồng chí Bí thư nhấn mạnh: các cấp ủy phải tăng cường kiểm tra, giám sát việc thực hiện.")
    assert i.form == "subject" and i.leads == ["các cấp ủy"] and i.strong_modal
    said = _info("Đồng chí Bí thư nhấn mạnh: thời gian qua các cấp ủy đã có nhiều cố gắng.")
    assert said.form == "other"  # what was done, reported, stays no task


def test_a_speakers_second_verb_can_assign_a_unit():
    i = _info("Phát biểu kết luận, Bí thư Tỉnh ủy ghi nhận những kết quả xã đạt được, đồng thời phê bình việc chậm "
              "trễ trong giải phóng mặt bằng và yêu cầu xã hoàn thành trước ngày 30/6.")
    assert i.form == "assign" and i.leads == ["xã"]


def test_an_inserted_grounds_phrase_between_subject_and_verb_is_skipped():
    i = _info("Các chi, đảng bộ trực thuộc căn cứ Chương trình hành động xây dựng kế hoạch thực hiện phù hợp.")
    assert i.form == "subject" and i.leads == ["Các chi, đảng bộ trực thuộc"]


def test_units_given_the_task_are_a_subject_not_a_passive():
    i = _info("Các sở, ngành được phân công căn cứ nhiệm vụ xây dựng phương án cụ thể, triển khai thực hiện.")
    assert i.form == "subject" and i.excluded is None


_TU_HEAD = ("TỈNH ỦY AN BÌNH\nSố 12-TB/TU\nAn Bình, ngày 10 tháng 4 năm 2025\n\nTHÔNG BÁO\n"
            "kết luận của Ban Thường vụ Tỉnh ủy\n\nII. NHIỆM VỤ THỜI GIAN TỚI\n")


def test_another_party_committee_as_subject_is_given_the_task():
    res = extract(_TU_HEAD + "1. Thành ủy Bắc Sơn tập trung lãnh đạo hoàn thành các chỉ tiêu năm 2026.\n")
    assert [[o.name for o in p.owners] for p in res.directives] == [["Thành ủy Bắc Sơn"]]


def test_the_issuers_own_standing_body_sets_itself_no_task():
    assert extract(_TU_HEAD + "1. Ban Thường vụ Tỉnh ủy sẽ tổ chức kiểm tra việc thực hiện.\n").directives == []


def test_a_lower_case_time_adverbial_after_a_connective_is_skipped_to_the_subject():
    i = _info("Theo đó, trước 17 giờ ngày 5/4, các xã, phường phải báo cáo kết quả rà soát về Sở Nội vụ.")
    assert i.form == "subject" and i.leads == ["các xã, phường"] and i.cont
    past = _info("Theo đó, trong các ngày 8 và 9/6, trên địa bàn các huyện đã xảy ra mưa lớn, làm hư hỏng nhiều nhà.")
    assert past.form != "imperative"


def test_a_lead_in_naming_who_leads_and_who_helps_only_announces():
    i = _info("Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các sở, ngành và Ủy ban nhân dân các xã, "
              "phường thực hiện:")
    assert i.announce_only and i.leads == ["Sở Nông nghiệp và Môi trường"]


def test_a_subject_s_role_before_its_task_does_not_hide_the_task():
    i = _info("Sở Khoa học và Công nghệ là cơ quan thường trực, có trách nhiệm theo dõi, đôn đốc các cơ quan, "
              "đơn vị triển khai Kế hoạch.")
    assert i.form == "subject" and i.leads == ["Sở Khoa học và Công nghệ"] and not i.excluded


def test_in_a_long_plan_a_group_title_over_its_lettered_items_is_a_heading():
    body = ("III. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Hoàn thiện thể chế, cơ chế, chính sách\n"
            "a) Rà soát các quy định của tỉnh về chia sẻ dữ liệu.\nb) Xây dựng Quy chế vận hành Nền tảng dữ liệu.\n"
            "2. Phát triển hạ tầng số, nền tảng số\na) Nâng cấp Trung tâm dữ liệu tỉnh.\n"
            "III. TỔ CHỨC THỰC HIỆN\n1. Định kỳ hằng tháng, báo cáo kết quả về Sở.\n")
    dirs = _directives_2(body)
    assert [d.text[:12] for d in dirs] == ["Rà soát các ", "Xây dựng Quy", "Nâng cấp Tru", "Định kỳ hằng"]
    assert all(o.name != "TỔ CHỨC THỰC HIỆN" for d in dirs for o in d.owners)  # a part's title names no unit


def test_the_commas_of_a_cited_documents_title_do_not_open_the_main_clause():
    i = _info("Thực hiện Hướng dẫn số 25-HD/BTCTW ngày 15/10/2025 của Ban Tổ chức Trung ương về kiểm điểm, đánh giá "
              "tập thể, cá nhân cán bộ lãnh đạo, quản lý các cấp năm 2025, Ban Thường vụ Đảng ủy đề nghị các chi, "
              "đảng bộ trực thuộc thực hiện một số nội dung sau:")
    assert i.form == "assign" and i.leads == ["các chi, đảng bộ trực thuộc"]


def test_the_issuer_issuing_the_document_itself_is_a_preamble():
    i = _info("Thực hiện Công văn số 2915/UBND-NLN ngày 24/11/2026 của Ủy ban nhân dân tỉnh, Sở Nông nghiệp và "
              "Môi trường ban hành Kế hoạch phòng, chống đói, rét cho cây trồng, vật nuôi vụ Đông Xuân như sau:")
    assert i.announce_only


def test_what_must_be_done_to_a_thing_is_a_task_in_a_part_that_sets_tasks():
    body = ("Về công tác quyết toán, Giám đốc Sở Tài chính yêu cầu:\n"
            "- Các đơn vị gửi báo cáo quyết toán về Sở Tài chính trước ngày 15/01/2027.\n"
            "- Các khoản tạm ứng từ ngân sách phải được thu hồi dứt điểm trong thời gian chỉnh lý quyết toán.\n")
    assert [d.text[:20] for d in _directives_2(body)] == ["Các đơn vị gửi báo c", "Các khoản tạm ứng từ"]
    assert not _info("Một số ý kiến cho rằng tỉnh cần sớm có giải pháp căn cơ về nguồn nước ngọt.").obligation


def test_in_a_lead_in_the_units_heard_are_not_its_subject():
    i = _info("Sau khi nghe Văn phòng Đảng ủy, Ủy ban nhân dân xã và Ban Xây dựng Đảng báo cáo, ý kiến thảo luận "
              "của các đồng chí dự họp, Ban Thường vụ Đảng ủy xã kết luận như sau:")
    assert "Ban Xây dựng Đảng" not in i.leads
    assert not is_directive(i, "task", True, False)
