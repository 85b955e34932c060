"""Unit tests for the rules added while measuring held-out and PDF-derived communiqués (GUIDE.md rules)."""
import datetime as dt

from ingest.nlp import extract
from ingest.nlp.classify import analyze
from ingest.nlp.deadlines import DateContext, pick_deadline
from ingest.nlp.metadata import extract_metadata
from ingest.nlp.segment import mask_furniture, segment


def _info(s):
    return analyze(s, 0, len(s))


def _owners(p):
    return [(o.name, o.role) for o in p.owners]


# --- owners ---------------------------------------------------------------------------------------------
def test_giao_followed_by_a_capitalised_unit_is_an_assignment():
    i = _info("Giao Công an tỉnh phối hợp với UBND các huyện nắm chắc tình hình, có phương án bảo đảm an ninh.")
    assert i.form == "assign"
    assert i.leads == ["Công an tỉnh"] and i.supports == ["UBND các huyện"]


def test_san_sang_is_a_task_predicate():
    i = _info("Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh sẵn sàng lực lượng, phương tiện hỗ trợ các địa phương.")
    assert i.form == "subject" and i.leads == ["Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh"]


def test_units_named_after_a_colon_belong_to_the_owner():
    i = _info("Chủ tịch UBND tỉnh yêu cầu Chủ tịch UBND các huyện: Mường Lát, Quan Sơn khẩn trương rà soát.")
    assert i.leads == ["Chủ tịch UBND các huyện: Mường Lát, Quan Sơn"]


def test_a_dash_inside_a_unit_name_does_not_end_it():
    i = _info("Giao Ban Tuyên giáo Thành ủy phối hợp với Trung tâm Văn hóa - Thông tin và Thể thao thành phố "
              "đẩy mạnh tuyên truyền.")
    assert i.supports == ["Trung tâm Văn hóa - Thông tin và Thể thao thành phố"]


def test_accountability_clause_adds_no_owner():
    i = _info("Các đảng ủy phường, xã thường xuyên lãnh đạo công tác quản lý đất đai; người đứng đầu cấp ủy "
              "chịu trách nhiệm trước Ban Thường vụ Thành ủy nếu để xảy ra vi phạm.")
    assert i.leads == ["Các đảng ủy phường, xã"]


def test_delegation_chain_names_the_subject_unless_it_is_the_issuer():
    text = ("THÔNG BÁO\nkết luận của Ban Thường vụ Thành ủy\n"
            "Ban Thường vụ Thành ủy kết luận như sau:\n"
            "1. Ủy ban nhân dân thành phố chỉ đạo các phòng, ban chuyên môn:\n"
            "- Tổ chức kiểm tra, xử lý dứt điểm các trường hợp vi phạm trật tự xây dựng.\n")
    res = extract(text)
    assert [_owners(p) for p in res.directives] == [[("Ủy ban nhân dân thành phố", "lead")]]


def test_subject_of_an_accountability_sentence_owns_the_next_sentence():
    text = ("Yêu cầu các sở, ngành, địa phương tập trung thực hiện các nội dung sau:\n"
            "- UBND các huyện Kỳ Anh, Cẩm Xuyên chịu trách nhiệm trước Chủ tịch UBND tỉnh về tiến độ. "
            "Tập trung vận động người dân bàn giao mặt bằng trước ngày 30/10/2022.\n")
    res = extract(text)
    assert len(res.directives) == 1
    assert _owners(res.directives[0]) == [("UBND các huyện Kỳ Anh, Cẩm Xuyên", "lead")]


def test_result_to_be_reported_continues_the_directive_before():
    text = ("II. NHIỆM VỤ TRỌNG TÂM\n"
            "4. Đề nghị Đảng đoàn Hội đồng nhân dân tỉnh chỉ đạo tăng cường giám sát. "
            "Kết quả giám sát báo cáo Thường trực Tỉnh ủy trước ngày 30/11/2023.\n")
    res = extract(text)
    assert [p.text for p in res.directives][-1] == "Kết quả giám sát báo cáo Thường trực Tỉnh ủy trước ngày 30/11/2023."
    last = res.directives[-1]
    assert _owners(last) == [("Đảng đoàn Hội đồng nhân dân tỉnh", "lead")]
    assert last.report_to == "Thường trực Tỉnh ủy" and last.deadline == dt.date(2023, 11, 30)


def test_assessment_with_report_word_is_not_a_continuation():
    text = ("1. Giao Sở Tài chính tham mưu bố trí kinh phí. Kết quả đã báo cáo UBND tỉnh ngày 5/10/2022.\n")
    assert len(extract(text).directives) == 1


# --- deadlines -----------------------------------------------------------------------------------------------
def test_far_horizon_after_den_is_a_scope_not_a_deadline():
    ctx = DateContext(ref_date=dt.date(2023, 7, 5))
    t = "rà soát, điều chỉnh quy hoạch sử dụng đất đến năm 2030, bảo đảm phù hợp; hoàn thành trong quý III/2023."
    assert pick_deadline(t, ctx).date == dt.date(2023, 9, 30)
    assert pick_deadline("hoàn thành đến năm 2024", ctx).date == dt.date(2024, 12, 31)


# --- metadata -----------------------------------------------------------------------------------------------
def test_number_in_a_body_sentence_is_not_a_header_line():
    text = ("UBND tỉnh chỉ đạo khắc phục hậu quả mưa lớn, sạt lở đất tại các huyện miền núi\n\n"
            "Thứ Hai, 10/06/2024 - 17:05\n\n"
            "UBND tỉnh vừa có Công văn số 2315/UBND-NN ngày 10/6/2024 chỉ đạo khắc phục hậu quả mưa lớn.\n\n"
            "Giao Sở Giao thông vận tải khắc phục ngay các điểm sạt lở.\n")
    md = extract_metadata(text, segment(text))
    assert md.title.startswith("UBND tỉnh chỉ đạo")
    assert md.meeting_date == dt.date(2024, 6, 10)


# --- PDF text layers ------------------------------------------------------------------------------------------
_WRAPPED = """Ngày 30/6/2023, Ban Thường vụ Thành ủy họp nghe Ủy ban nhân dân thành phố báo
cáo kết quả thực hiện công tác quản lý đất đai, trật tự xây dựng 6 tháng đầu năm
2023. Sau khi thảo luận, Ban Thường vụ Thành ủy kết luận như sau:
1. Đánh giá chung
Trong 6 tháng đầu năm 2023, công tác quản lý nhà nước về đất đai, trật tự xây
dựng trên địa bàn thành phố có chuyển biến tích cực; đã cấp 1.245 giấy chứng
nhận quyền sử dụng đất lần đầu, đạt 62% kế hoạch năm. Tuy nhiên, tình trạng vi
phạm trật tự xây dựng vẫn diễn ra ở một số phường, xã; việc xử lý vi phạm có nơi
chưa kiên quyết, kéo dài.
2. Nhiệm vụ trong thời gian tới
2.1. Ủy ban Kiểm tra Thành ủy chủ trì, phối hợp với Thanh tra thành phố kiểm tra
trách nhiệm của tổ chức đảng, đảng viên trong lãnh đạo công tác quản lý đất đai
tại phường Trung Sơn; thời gian hoàn thành trong tháng 10/2023. Đồng thời, tham
- 2 -
THÔNG BÁO KẾT LUẬN CỦA BAN THƯỜNG VỤ
mưu xử lý nghiêm các tổ chức, cá nhân vi phạm.
2.2. Giao Ban Tuyên giáo Thành ủy đẩy mạnh tuyên truyền pháp luật về đất đai.
"""


def test_short_numbered_line_in_wrapped_text_is_a_heading():
    blocks = segment(_WRAPPED)
    firsts = [_WRAPPED[b.start:b.end].split("\n")[0] for b in blocks]
    assert "1. Đánh giá chung" in firsts and "2. Nhiệm vụ trong thời gian tới" in firsts
    assert not any(_WRAPPED[b.start:b.end].startswith("1. Đánh giá chung\nTrong") for b in blocks)


def test_running_header_inside_a_sentence_is_masked():
    masked = mask_furniture(_WRAPPED)
    assert len(masked) == len(_WRAPPED)
    assert "THÔNG BÁO KẾT LUẬN" not in masked and "- 2 -" not in masked
    res = extract(_WRAPPED)
    texts = [" ".join(p.text.split()) for p in res.directives]
    assert len(res.directives) == 3, texts
    assert texts[1].startswith("Đồng thời, tham") and texts[1].endswith("vi phạm.")
    assert _owners(res.directives[1])[0] == ("Ủy ban Kiểm tra Thành ủy", "lead")
    assert res.directives[0].deadline == dt.date(2023, 10, 31)
    # the span covers the page break; the text leaves out the page number and running header
    assert "THÔNG BÁO KẾT LUẬN" in _WRAPPED[res.directives[1].start:res.directives[1].end]
    assert res.directives[1].text == "Đồng thời, tham\nmưu xử lý nghiêm các tổ chức, cá nhân vi phạm."
    for p in res.directives:
        assert " ".join(p.text.split()) == " ".join(masked[p.start:p.end].split())


def test_sentence_ending_on_a_full_line_keeps_its_paragraph():
    lines = ["Thời gian tới, yêu cầu Ban Thường vụ Đảng ủy xã Hòa Khánh Tây tập trung lãnh",
             "đạo thực hiện tốt các nhiệm vụ phòng, chống dịch Covid-19 trên toàn địa bàn.",
             "Đồng thời, đẩy nhanh tiến độ tiêm vắc xin cho người dân trên địa bàn xã, bảo",
             "đảm an toàn cho người dân và hoạt động sản xuất kinh doanh của doanh nghiệp",
             "trên địa bàn.",
             "Giao Ban Tổ chức Huyện ủy rà soát, đề xuất phương án kiện toàn nhân sự cấp ủy",
             "xã, báo cáo Thường trực Huyện ủy trong tháng 11/2021 theo đúng quy định hiện",
             "hành của Đảng về công tác cán bộ."]
    width = max(len(x) for x in lines)
    assert len(lines[1]) + 1 + len("Đồng") > width  # "…địa bàn." fills its line
    text = "\n".join(lines) + "\n"
    blocks = segment(text)
    # the sentence after the full line stays in the paragraph; the short line "trên địa bàn." ends it
    assert text[blocks[0].start:blocks[0].end].endswith("trên địa bàn."), [text[b.start:b.end] for b in blocks]
    assert "Đồng thời" in text[blocks[0].start:blocks[0].end]
    assert text[blocks[1].start:blocks[1].end].startswith("Giao Ban Tổ chức")
