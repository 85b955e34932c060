"""Unit tests for the rules added after the blind held-out set (heldout2): document genres (công văn with an
address block, ý kiến chỉ đạo, newspaper reports), task tables, lead-in forms and owner boundaries.

The texts are small hand-made examples (units, places and figures invented), not copies of held-out files.
"""
import datetime as dt

from ingest.nlp import extract
from ingest.nlp.classify import ASSESS, analyze, section_mode
from ingest.nlp.deadlines import DateContext, pick_deadline
from ingest.nlp.segment import segment, table_cells


def _info(s):
    return analyze(s, 0, len(s))


def _owners(p):
    return [(o.name, o.role) for o in p.owners]


def _find(res, start):
    hits = [p for p in res.directives if p.text.startswith(start)]
    assert hits, (start, [p.text for p in res.directives])
    return hits[0]


CONG_VAN = """TỈNH ỦY HÒA AN
VĂN PHÒNG
*
Số 77-CV/VPTU
V/v đôn đốc thực hiện Chỉ thị số 09-CT/TU ngày 02/3/2024 của Ban Thường vụ Tỉnh ủy
ĐẢNG CỘNG SẢN VIỆT NAM
Hòa An, ngày 18 tháng 4 năm 2024

Kính gửi:
- Ban Dân vận Tỉnh ủy,
- Sở Văn hóa và Thể thao,
- Các huyện ủy, thành ủy.

Ngày 02/3/2024, Ban Thường vụ Tỉnh ủy ban hành Chỉ thị số 09-CT/TU về phát triển phong trào thể dục thể thao. Theo Công văn số 31-CV/VPTU của Văn phòng Tỉnh ủy, các đơn vị phải báo cáo sơ kết trước ngày 31/3/2024; tuy nhiên, đến nay mới có 2/9 đơn vị gửi báo cáo.

Văn phòng Tỉnh ủy đề nghị các cơ quan, đơn vị thực hiện tốt một số nội dung sau:

1. Ban Dân vận Tỉnh ủy chủ trì, phối hợp với Sở Văn hóa và Thể thao khảo sát phong trào thể thao quần chúng ở cơ sở, báo cáo Thường trực Tỉnh ủy trước ngày 30/5.

2. Các huyện ủy, thành ủy:
a) Rà soát các thiết chế văn hóa, thể thao ở thôn, bản; đề xuất phương án sử dụng hiệu quả.
b) Gửi báo cáo kết quả thực hiện Chỉ thị về Ban Thường vụ Tỉnh ủy trước ngày 15/5.

Văn phòng Tỉnh ủy đề nghị các cơ quan, đơn vị quan tâm, thực hiện./.

Nơi nhận:
- Như trên,
- Lưu VT.
"""


# --- genres: công văn đôn đốc (address block, subject line, cited documents) ----------------------------------
def test_an_address_block_does_not_end_the_body_and_is_no_directive():
    res = extract(CONG_VAN)
    texts = [p.text for p in res.directives]
    assert not any(t.startswith(("Ban Dân vận Tỉnh ủy,", "Sở Văn hóa và Thể thao,")) for t in texts)
    assert _owners(_find(res, "Ban Dân vận Tỉnh ủy chủ trì")) == [("Ban Dân vận Tỉnh ủy", "lead"),
                                                                    ("Sở Văn hóa và Thể thao", "support")]


def test_a_cong_van_subject_line_is_its_title_and_the_header_date_its_date():
    res = extract(CONG_VAN)
    assert res.title.startswith("V/v đôn đốc")
    # "Ngày 02/3/2024, … ban hành Chỉ thị số 09": a cited document's date, not a meeting
    assert res.meeting_date == dt.date(2024, 4, 18)


def test_an_obligation_already_past_at_the_notice_date_is_context():
    res = extract(CONG_VAN)
    assert not any(p.text.startswith("Theo Công văn số 31") for p in res.directives)


def test_a_bare_unit_lead_in_gives_its_items_their_owner():
    res = extract(CONG_VAN)
    for start in ("Rà soát các thiết chế", "Gửi báo cáo kết quả"):
        names = [n for n, _ in _owners(_find(res, start))]
        assert " ".join(names).replace(",", "").split() == ["Các", "huyện", "ủy", "thành", "ủy"], names


def test_a_heading_in_capitals_is_not_an_owner():
    text = ("II. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM NĂM 2024\n"
            "1. Tập trung hoàn thành kế hoạch trồng rừng năm 2024 trên địa bàn toàn tỉnh.\n")
    res = extract(text)
    assert res.directives and all(not p.owners for p in res.directives)


# --- genres: ý kiến chỉ đạo (urgent instructions) ---------------------------------------------------------
Y_KIEN = """ỦY BAN NHÂN DÂN
TỈNH HÒA AN
VĂN PHÒNG
Số: 901/VP-NN
V/v triển khai ý kiến chỉ đạo của Phó Chủ tịch UBND tỉnh về ứng phó bão số 4
Hòa An, ngày 05 tháng 10 năm 2025

Kính gửi:
- Sở Nông nghiệp và Môi trường;
- Công ty TNHH MTV Khai thác thủy lợi Nam Hòa An;
- UBND các xã ven biển.

Xét đề nghị của Sở Nông nghiệp và Môi trường, đồng chí Lê Văn Bình, Phó Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau:

1. Chủ tịch UBND các xã ven biển:
- Kêu gọi tàu thuyền vào nơi tránh trú an toàn; hoàn thành ngay trong ngày 05/10/2025.
- Không cho người ở lại trên lồng bè, chòi canh nuôi trồng thủy sản khi bão đổ bộ.

2. Công ty TNHH MTV Khai thác thủy lợi Nam Hòa An vận hành hồ chứa đúng quy trình, bảo đảm an toàn đập.

3. Sở Giáo dục và Đào tạo hướng dẫn các trường học vùng ven biển cho học sinh nghỉ học khi cần thiết.
"""


def test_urgent_instructions_after_an_address_block_are_directives():
    res = extract(Y_KIEN)
    first = _find(res, "Kêu gọi tàu thuyền")
    assert [n for n, _ in _owners(first)] == ["Chủ tịch UBND các xã ven biển"]
    # no meeting: the notice's own date can be the time limit
    assert first.deadline == dt.date(2025, 10, 5)
    # an item of a task list that starts with a verb the lexicon does not know (a negative imperative)
    assert [n for n, _ in _owners(_find(res, "Không cho người ở lại"))] == ["Chủ tịch UBND các xã ven biển"]


def test_an_organisation_with_a_capitalised_name_is_no_person():
    res = extract(Y_KIEN)
    assert _owners(_find(res, "Công ty TNHH MTV")) == [("Công ty TNHH MTV Khai thác thủy lợi Nam Hòa An", "lead")]


def test_a_capitalised_two_syllable_name_part_is_not_a_verb():
    i = _info("Sở Giáo dục và Đào tạo hướng dẫn các trường học tổ chức dạy học an toàn.")
    assert i.form == "subject" and i.leads == ["Sở Giáo dục và Đào tạo"]


# --- genres: newspaper report ------------------------------------------------------------------------------
NEWS = """Trang chủ > Chính trị

Gỡ khó cho các dự án giao thông trọng điểm

Thứ Ba, 11/03/2025 - 09:15

(HAO) - Sáng 10/3, Ban Thường vụ Tỉnh ủy Hòa An họp nghe báo cáo tiến độ các dự án giao thông trọng điểm.

Phát biểu kết luận, Bí thư Tỉnh ủy yêu cầu Sở Xây dựng phối hợp với các địa phương hoàn thành giải phóng mặt bằng tuyến tránh trước ngày 30/6. Đồng chí cũng yêu cầu UBND tỉnh chỉ đạo rút ngắn thời gian cấp phép khai thác mỏ vật liệu xuống không quá 20 ngày.

Đối với các nhà thầu thi công, Bí thư Tỉnh ủy đề nghị phải bổ sung máy móc, nhân lực, thi công "3 ca, 4 kíp".

Tin liên quan
- Khởi công cầu vượt sông Lam Hòa
- Tập trung hoàn thành các công trình trọng điểm trước ngày 30/9
"""


def test_a_news_report_dates_the_meeting_from_its_lead_paragraph():
    res = extract(NEWS)
    assert res.meeting_date == dt.date(2025, 3, 10)


def test_related_article_headlines_are_not_directives():
    res = extract(NEWS)
    assert not any(p.text.startswith(("Khởi công", "Tập trung hoàn thành")) for p in res.directives)
    assert _find(res, "Phát biểu kết luận").deadline == dt.date(2025, 6, 30)


def test_a_duration_a_process_is_cut_down_to_is_no_deadline():
    assert _find(extract(NEWS), "Đồng chí cũng yêu cầu").deadline is None


def test_doi_voi_names_the_addressee_of_an_assignment_without_object():
    assert [n for n, _ in _owners(_find(extract(NEWS), "Đối với các nhà thầu"))] == ["các nhà thầu thi công"]


# --- task tables (DOCX tables come out one row a line, cells joined by tabs or " | ") -------------------------
def _table_doc(sep):
    rows = [
        ["TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"],
        ["1", "Lập danh mục các tuyến đê xung yếu cần gia cố", "Sở Nông nghiệp và Môi trường", "UBND các xã",
         "Trước ngày 15/7/2025"],
        ["2", "Bố trí kinh phí sửa chữa cống tiêu", "Sở Tài chính", "", "Quý III/2025"],
        ["3", "Kiểm tra an toàn hồ chứa trước mùa mưa", "Sở Công Thương", "Công an tỉnh, Sở Xây dựng",
         "20 ngày kể từ ngày ký"],
    ]
    data = [["STT", "Tên công trình", "Chủ đầu tư", "Tỷ lệ hoàn thành (%)"],
            ["1", "Đê biển Tân Hải", "Ban Quản lý dự án tỉnh", "45"]]
    head = ("ỦY BAN NHÂN DÂN TỈNH HÒA AN\nHòa An, ngày 01 tháng 7 năm 2025\n\nTHÔNG BÁO\nKết luận của Phó Chủ tịch "
            "UBND tỉnh về phòng, chống thiên tai\n\n1. Tình hình thực hiện\n\n")
    body = "\n".join(sep.join(r) for r in data) + "\n\n2. Nhiệm vụ cụ thể\n\nPhó Chủ tịch UBND tỉnh giao nhiệm vụ " \
                                                  "như sau:\n\n" + "\n".join(sep.join(r) for r in rows) + "\n"
    return head + body


def test_table_rows_are_blocks_of_their_own():
    text = "TT | Nội dung | Đơn vị chủ trì\n1 | Rà soát hồ sơ | Sở Nội vụ\n2 | Lập kế hoạch | Sở Tài chính\n"
    blocks = segment(text)
    assert len(blocks) == 3
    assert len(table_cells(text, blocks[1].start, blocks[1].end)) == 3


def test_each_row_of_a_task_table_is_a_directive():
    for sep in (" | ", "\t"):
        res = extract(_table_doc(sep))
        assert len(res.directives) == 3, (sep, [p.text for p in res.directives])
        first, second, third = res.directives
        assert _owners(first) == [("Sở Nông nghiệp và Môi trường", "lead"), ("UBND các xã", "support")]
        assert first.deadline == dt.date(2025, 7, 15) and first.text.startswith("Lập danh mục")
        assert _owners(second) == [("Sở Tài chính", "lead")] and second.deadline == dt.date(2025, 9, 30)
        assert _owners(third) == [("Sở Công Thương", "lead"), ("Công an tỉnh", "support"), ("Sở Xây dựng", "support")]
        assert third.deadline == dt.date(2025, 7, 21)  # 20 days from the notice's date
        assert not any("Đê biển" in p.text for p in res.directives)  # a data table sets no task


# --- lead-ins, sections, subjects ----------------------------------------------------------------------------
def test_a_results_heading_is_an_assessment_section():
    assert section_mode("KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2025") == ASSESS
    assert section_mode("Kết quả năm 2025 và phương hướng, nhiệm vụ năm 2026") != ASSESS
    text = ("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2025\n"
            "Năm 2025, huyện hoàn thành xây dựng 12 nhà văn hóa thôn. Tăng trưởng kinh tế ước đạt 7,5%.\n"
            "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026\n"
            "1. Tập trung xây dựng nông thôn mới nâng cao ở các xã đã đạt chuẩn.\n")
    res = extract(text)
    assert [p.text[:9] for p in res.directives] == ["Tập trung"]


def test_a_relative_clause_belongs_to_the_subject():
    i = _info("Các đồng chí Thường vụ Huyện ủy được phân công phụ trách xã thường xuyên dự sinh hoạt chi bộ.")
    assert i.form == "subject" and not i.excluded
    assert i.leads == ["Các đồng chí Thường vụ Huyện ủy được phân công phụ trách xã"]
    i = _info("Chủ tịch UBND tỉnh yêu cầu thủ trưởng các sở, ngành được giao nhiệm vụ khẩn trương triển khai.")
    assert " ".join(i.leads).endswith("được giao nhiệm vụ")
    # "X được giao chủ trì …" is the assignment itself
    i = _info("Sở Tư pháp được giao chủ trì thẩm định dự thảo quy định.")
    assert i.leads[0] == "Sở Tư pháp"


def test_ke_tu_opens_an_adverbial():
    i = _info("Kể từ năm 2026, các đơn vị gửi báo cáo định kỳ về Văn phòng Tỉnh ủy.")
    assert i.form == "subject" and i.leads == ["các đơn vị"]


def test_a_predicate_after_a_semicolon_is_no_owner_segment():
    i = _info("Giao Ban Nội chính Tỉnh ủy chủ trì, phối hợp với Thanh tra tỉnh, Công an tỉnh kiểm tra vụ việc; "
              "báo cáo Thường trực Tỉnh ủy trước ngày 30/10.")
    assert i.leads == ["Ban Nội chính Tỉnh ủy"] and i.supports == ["Thanh tra tỉnh", "Công an tỉnh"]


def test_a_roman_numeral_wrapped_onto_its_own_line_continues_the_sentence():
    text = ("1. Sở Nội vụ hoàn thành việc rà soát vị trí việc làm của các đơn vị sự nghiệp trong quý\n"
            "III/2025.\n")
    res = extract(text)
    assert len(res.directives) == 1 and res.directives[0].deadline == dt.date(2025, 9, 30)


def test_a_duration_counted_from_signing():
    ctx = DateContext(ref_date=dt.date(2025, 7, 1), anchor=dt.date(2025, 7, 1))
    assert pick_deadline("15 ngày kể từ ngày ký Thông báo", ctx).date == dt.date(2025, 7, 16)
    assert pick_deadline("rút ngắn thời gian xử lý xuống không quá 10 ngày", ctx) is None
