"""The resolver: what a directive takes from where it stands, and the evidence it records for each owner and
its deadline (responsibility lines, headings and lead-ins, table columns, recurring items)."""
import datetime as dt

from ingest.nlp import extract
from ingest.nlp.outline import responsibility_line
from ingest.nlp.resolve import describe
from tests.nlp.letterheads import ubnd_head

HEAD = ubnd_head("ngày 10 tháng 3 năm 2026", "Kế hoạch thực hiện Chương trình hành động")


def owners(p):
    return [(o.name, o.role) for o in p.owners]


def by_text(ex, start):
    found = [p for p in ex.directives if p.text.startswith(start)]
    assert found, [p.text[:40] for p in ex.directives]
    return found[0]


def test_a_responsibility_line_is_read_into_its_fields():
    line = "Cơ quan chủ trì: Sở Xây dựng; cơ quan phối hợp: UBND các xã, phường, đặc khu; thời gian: quý III/2026."
    r = responsibility_line(line, 0, len(line))
    assert r.leads == ["Sở Xây dựng"] and r.supports == ["UBND các xã, phường, đặc khu"]
    assert [(f.role, f.label, line[f.start:f.end]) for f in r.fields] == [
        ("lead", "Cơ quan chủ trì", "Sở Xây dựng"), ("support", "cơ quan phối hợp", "UBND các xã, phường, đặc khu"),
        ("deadline", "thời gian", "quý III/2026")]


def test_one_lead_field_can_name_lead_and_support_units():
    line = "Trách nhiệm thực hiện: Ban Tổ chức Tỉnh ủy chủ trì, các cơ quan liên quan phối hợp."
    r = responsibility_line(line, 0, len(line))
    assert r.leads == ["Ban Tổ chức Tỉnh ủy"] and r.supports == ["các cơ quan liên quan"]


def test_each_clause_of_a_responsibility_field_says_what_its_unit_does():
    line = ("Trách nhiệm thực hiện: Đảng ủy Ủy ban nhân dân phường lãnh đạo Ủy ban nhân dân phường tổ chức thực "
            "hiện; Hội Cựu chiến binh phường phối hợp; Ủy ban Mặt trận Tổ quốc Việt Nam phường giám sát.")
    r = responsibility_line(line, 0, len(line))
    # the one who leads the carrying out, the one who helps; the Front's monitoring is a task of its own
    assert r.leads == ["Đảng ủy Ủy ban nhân dân phường"] and r.supports == ["Hội Cựu chiến binh phường"]
    line = ("Trách nhiệm thực hiện: Ủy ban nhân dân các xã, phường; Văn phòng thường trực Ban Chỉ huy Phòng thủ "
            "dân sự tỉnh hướng dẫn, kiểm tra.")
    r = responsibility_line(line, 0, len(line))
    assert r.leads == ["Ủy ban nhân dân các xã, phường", "Văn phòng thường trực Ban Chỉ huy Phòng thủ dân sự tỉnh"]


def test_a_line_that_only_opens_like_a_field_is_not_one():
    for line in ("Chủ trì hội nghị: đồng chí Nguyễn Văn A, Phó Chủ tịch UBND tỉnh.",
                 "Tổ chức tập huấn cho cán bộ. Thời gian: tháng 5"):
        assert responsibility_line(line, 0, len(line)) is None


def test_responsibility_line_after_a_group_gives_lead_and_deadline_to_its_items():
    text = HEAD + ("II. NHIỆM VỤ VÀ GIẢI PHÁP\n"
                   "1. Nâng cao chất lượng công tác tuyên truyền\n"
                   "a) Tổ chức quán triệt sâu rộng nội dung Nghị quyết trong cán bộ, đảng viên.\n"
                   "b) Đẩy mạnh tuyên truyền trên các nền tảng số, mạng xã hội.\n"
                   "Trách nhiệm thực hiện: Sở Văn hóa, Thể thao và Du lịch chủ trì; phối hợp: các sở, ngành liên quan; "
                   "thời gian: quý II/2026.\n"
                   "2. Phát triển hạ tầng giao thông\n"
                   "a) Rà soát, điều chỉnh quy hoạch mạng lưới giao thông toàn tỉnh.\n"
                   "b) Công an tỉnh chủ trì bảo đảm trật tự an toàn giao thông trên các tuyến.\n"
                   "Cơ quan chủ trì: Sở Xây dựng; thời gian hoàn thành: quý III/2026.\n")
    ex = extract(text)
    assert not any(p.text.startswith(("Trách nhiệm", "Cơ quan chủ trì")) for p in ex.directives)
    for start in ("Tổ chức quán triệt", "Đẩy mạnh tuyên truyền"):
        p = by_text(ex, start)
        assert owners(p) == [("Sở Văn hóa, Thể thao và Du lịch", "lead"), ("các sở, ngành liên quan", "support")]
        assert p.deadline == dt.date(2026, 6, 30) and p.deadline_phrase == "quý II/2026"
        assert describe(p.owners[0].source) == "từ dòng Trách nhiệm thực hiện (mục II.1)"
        assert describe(p.deadline_evidence) == "từ dòng Trách nhiệm thực hiện (mục II.1)"
    road = by_text(ex, "Rà soát")
    assert owners(road) == [("Sở Xây dựng", "lead")] and road.deadline == dt.date(2026, 9, 30)
    police = by_text(ex, "Công an tỉnh")  # names its own lead: keeps it, takes the group's time limit
    assert owners(police) == [("Công an tỉnh", "lead")] and police.owners[0].source == "sentence"
    assert police.deadline == dt.date(2026, 9, 30)


def test_field_lines_under_one_item_all_speak_for_that_item():
    text = HEAD + ("II. NHIỆM VỤ\n"
                   "1. Tổ chức quán triệt Nghị quyết Đại hội Đảng bộ tỉnh đến toàn thể cán bộ, đảng viên.\n"
                   "- Cơ quan chủ trì: Ban Tuyên giáo và Dân vận Tỉnh ủy.\n"
                   "- Cơ quan phối hợp: Sở Văn hóa, Thể thao và Du lịch.\n"
                   "- Thời gian hoàn thành: chậm nhất ngày 30/6/2026.\n"
                   "2. Tăng cường kiểm tra, giám sát việc thực hiện Nghị quyết ở cơ sở.\n"
                   "- Cơ quan chủ trì: Ủy ban Kiểm tra Tỉnh ủy.\n")
    ex = extract(text)
    first = by_text(ex, "Tổ chức quán triệt")
    assert owners(first) == [("Ban Tuyên giáo và Dân vận Tỉnh ủy", "lead"),
                             ("Sở Văn hóa, Thể thao và Du lịch", "support")]
    assert first.deadline == dt.date(2026, 6, 30)
    second = by_text(ex, "Tăng cường kiểm tra")
    assert owners(second) == [("Ủy ban Kiểm tra Tỉnh ủy", "lead")] and second.deadline is None
    assert len(ex.directives) == 2


def test_a_time_limit_in_the_next_sentence_bounds_the_task_before_it():
    text = HEAD + ("1. Sở Nội vụ rà soát, sắp xếp tổ chức bộ máy các cơ quan chuyên môn. "
                   "Thời gian hoàn thành: chậm nhất ngày 15/5/2026.\n")
    ex = extract(text)
    assert len(ex.directives) == 1
    p = ex.directives[0]
    assert owners(p) == [("Sở Nội vụ", "lead")] and p.deadline == dt.date(2026, 5, 15)
    assert p.deadline_phrase == "chậm nhất ngày 15/5/2026"


def test_items_name_the_heading_they_inherit_their_owner_from():
    text = HEAD + ("2. Ủy ban nhân dân các xã, phường, đặc khu\n"
                   "a) Tập trung thu hoạch lúa vụ Đông Xuân, hoàn thành trong tháng 5/2026.\n"
                   "b) Kiểm tra, xử lý nghiêm các trường hợp vi phạm hành lang an toàn giao thông.\n")
    ex = extract(text)
    p = by_text(ex, "Kiểm tra, xử lý")
    assert owners(p) == [("Ủy ban nhân dân các xã, phường, đặc khu", "lead")]
    assert describe(p.owners[0].source) == "kế thừa từ mục 2"
    own = by_text(ex, "Tập trung thu hoạch")
    assert own.deadline == dt.date(2026, 5, 31) and describe(own.deadline_evidence) == "nêu trong câu"


def test_recurring_item_keeps_no_year_end_limit():
    text = HEAD + ("II. NHIỆM VỤ NĂM 2026\n"
                   "1. Sở Tài chính hoàn thiện phương án phân bổ vốn đầu tư công.\n"
                   "2. Sở Nội vụ hằng năm tổng hợp, đánh giá kết quả thực hiện, báo cáo UBND tỉnh.\n")
    ex = extract(text)
    assert by_text(ex, "Sở Tài chính").deadline == dt.date(2026, 12, 31)
    yearly = by_text(ex, "Sở Nội vụ")
    assert yearly.recurring and yearly.deadline is None


def test_a_table_row_names_the_columns_its_owners_and_deadline_come_from():
    text = HEAD + ("Giao nhiệm vụ cụ thể như sau:\n"
                   "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
                   "1\tXây dựng đề án phát triển du lịch\tSở Văn hóa, Thể thao và Du lịch\tSở Tài chính\tQuý IV/2026\n")
    p = by_text(extract(text), "Xây dựng đề án")
    assert [describe(o.source) for o in p.owners] == ["từ cột Cơ quan chủ trì", "từ cột Cơ quan phối hợp"]
    assert describe(p.deadline_evidence) == "từ cột Thời gian hoàn thành"


def test_units_the_directory_does_not_know_are_typed_by_the_grammar_of_unit_types():
    from ingest.nlp import UnitDirectory
    directory = UnitDirectory([(1, ["Sở Xây dựng"]), (2, ["Sở Tài chính"])])
    text = HEAD + ("1. Sở Xây dựng chủ trì rà soát quy hoạch hạ tầng giao thông.\n"
                   "2. Thuế tỉnh chủ trì rà soát, đôn đốc thu hồi nợ thuế.\n"
                   "3. Phòng Kinh tế xã chủ trì kiểm tra các cơ sở sản xuất kinh doanh.\n")
    ex = extract(text, directory)
    found = {o.name: (o.kind, o.unit_type) for p in ex.directives for o in p.owners}
    assert found["Sở Xây dựng"] == ("directory", "Sở")
    assert found["Thuế tỉnh"] == ("type", "Thuế")
    assert found["Phòng Kinh tế xã"] == ("type", "Phòng chuyên môn cấp xã")
    assert directory.closest("Sở Xây Dựng tỉnh") == [1] or directory.closest("Sở Xây Dựng tỉnh")[0] == 1


def test_a_nested_list_that_names_its_own_unit_does_not_take_the_outer_lead_in_s():
    text = HEAD + ("1. Giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các đơn vị liên quan:\n"
                   "- Rà soát diện tích rừng trồng.\n"
                   "- Đối với UBND các xã, phường:\n"
                   "+ Tổ chức kiểm tra các hộ dân.\n")
    ex = extract(text)
    assert owners(by_text(ex, "Rà soát"))[0] == ("Sở Nông nghiệp và Môi trường", "lead")
    assert owners(by_text(ex, "Tổ chức kiểm tra")) == [("UBND các xã, phường", "lead")]


def test_subject_less_follow_ups_take_lead_and_support_of_the_directive_before():
    text = HEAD + ("1. Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát nhu cầu thuốc. Đồng thời, hướng dẫn các cơ "
                   "sở y tế xây dựng kế hoạch. Định kỳ báo cáo UBND tỉnh kết quả thực hiện.\n")
    ex = extract(text)
    for start, evidence in (("Đồng thời", "kế thừa từ nhiệm vụ trước"), ("Định kỳ", "kế thừa từ đầu đoạn")):
        p = by_text(ex, start)
        assert owners(p) == [("Sở Y tế", "lead"), ("Sở Tài chính", "support")]
        assert describe(p.owners[0].source) == evidence


def test_a_yearly_limit_that_starts_in_a_later_year_falls_first_in_that_year():
    text = HEAD + "1. Sở Nội vụ tổng hợp, báo cáo UBND tỉnh trước ngày 15 tháng 12 hằng năm, bắt đầu từ năm 2028.\n"
    p = extract(text).directives[0]
    assert p.deadline == dt.date(2028, 12, 15) and p.recurring


def test_the_date_of_a_cited_document_is_no_deadline():
    text = HEAD + "1. Sở Công Thương thực hiện Công điện số 12/CĐ-TTg ngày 14/10/2025 của Thủ tướng về bình ổn giá.\n"
    assert extract(text).directives[0].deadline is None


def test_a_label_broken_by_a_hard_wrap_and_co_owners_that_carry_it_out_are_read():
    line = "Trách nhiệm thực hiện: Đảng ủy phường chủ trì; phối\nhợp: Thuế cơ sở 3, Hội Doanh nhân trẻ phường."
    r = responsibility_line(line, 0, len(line))
    assert r.leads == ["Đảng ủy phường"] and r.supports == ["Thuế cơ sở 3", "Hội Doanh nhân trẻ phường"]
    line = "Trách nhiệm thực hiện: Ban Xây dựng Đảng chủ trì; các\nchi, đảng bộ trực thuộc thực hiện."
    r = responsibility_line(line, 0, len(line))
    assert r.leads == ["Ban Xây dựng Đảng", "các chi, đảng bộ trực thuộc"] and r.supports == []


def test_the_units_a_lead_in_addresses_after_its_verb_carry_its_list():
    text = HEAD + ("Để bảo đảm tiến độ chung của tỉnh, Sở Nông nghiệp và Môi trường đề nghị Ủy ban nhân dân các xã, "
                   "phường:\n- Bố trí đủ kinh phí, nhân lực cho công tác kiểm kê.\n"
                   "- Rà soát, đối chiếu số liệu kiểm kê với hồ sơ địa chính.\n")
    ex = extract(text)
    for start in ("Bố trí", "Rà soát"):
        assert owners(by_text(ex, start)) == [("Ủy ban nhân dân các xã, phường", "lead")]


def test_a_lead_in_naming_a_unit_and_a_time_frame_gives_both_to_its_items():
    text = HEAD + ("II. NHIỆM VỤ\n2. Sở Xây dựng, trong quý IV/2026:\na) Rà soát quy hoạch chung các đô thị.\n"
                   "b) Hoàn thiện cơ sở dữ liệu nhà ở.\n")
    ex = extract(text)
    for start in ("Rà soát", "Hoàn thiện"):
        p = by_text(ex, start)
        assert owners(p) == [("Sở Xây dựng", "lead")] and p.deadline == dt.date(2026, 12, 31)
        assert describe(p.owners[0].source) == "kế thừa từ lời dẫn mục II.2"

