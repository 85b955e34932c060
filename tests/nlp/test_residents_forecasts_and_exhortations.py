"""Shapes read from heldout26 and heldout28 (fl26 and fl28 after their first sight): who speaks at a dialogue or
meeting (residents, a village's delegate, a body's representative), a report of what was said, forecasts and the
period just past, the sender's closing exhortation, the office's conveying lead-in, and verbs that end a unit's name."""
import pytest

from ingest.nlp import extract
from ingest.nlp.train import unaccent


def read(text: str) -> list[tuple[str, list[str]]]:
    return [(d.text, [o.name for o in d.owners]) for d in extract(text).directives]


DIALOGUE = (
    "Chiều 12/11/2026, UBND phường Bình Hưng Hòa tổ chức hội nghị đối thoại với Nhân dân.\n\n"
    "Tại hội nghị, người dân đã nêu 17 ý kiến, tập trung vào tình trạng ngập nước, lấn chiếm vỉa hè, cấp giấy chứng "
    "nhận quyền sử dụng đất và thu gom rác.\n\n"
    "Bà Lê Thị Hoa (khu phố 3) đề nghị bố trí thêm đèn chiếu sáng trong hẻm 45 để bảo đảm an ninh.\n\n"
    "Đồng chí Lê Thị Mai, Bí thư Chi bộ khu phố 2 đề nghị phường quan tâm nâng cấp tuyến hẻm 12.\n\n"
    "Phát biểu kết luận, Chủ tịch UBND phường giao Phòng Kinh tế, Hạ tầng và Đô thị khảo sát tuyến cống đường số 8.\n\n"
    "Ông cũng đề nghị Ban điều hành các khu phố tiếp tục vận động người dân phân loại rác tại nguồn.\n")


def test_a_report_of_what_residents_said_is_no_directive_and_names_no_owner():
    assert not any(t.startswith("Tại hội nghị") for t, _ in read(DIALOGUE))


def test_a_residents_proposal_is_no_directive():
    assert not any(t.startswith("Bà Lê Thị Hoa") for t, _ in read(DIALOGUE))


def test_a_village_delegates_proposal_to_the_host_is_no_directive():
    assert not any(t.startswith("Đồng chí Lê Thị Mai") for t, _ in read(DIALOGUE))


def test_the_chairs_request_after_the_conclusion_stays_a_directive():
    got = read(DIALOGUE)
    assert ("Ông cũng đề nghị Ban điều hành các khu phố tiếp tục vận động người dân phân loại rác tại nguồn.",
            ["Ban điều hành các khu phố"]) in got, got


def test_an_official_proposing_in_a_task_part_keeps_the_directive():
    text = "Kết luận:\n1. Ông Trần Văn Bình, Giám đốc Sở Tài chính đề nghị các xã rà soát hồ sơ trước ngày 20/12/2026.\n"
    assert any(t.startswith("Ông Trần Văn Bình") for t, _ in read(text))


def test_a_bodys_representative_proposing_at_the_meeting_is_no_directive():
    text = ("Tại cuộc họp, đại diện Ban Quản lý dự án đầu tư xây dựng thành phố đề nghị thành phố bổ sung vốn cho dự "
            "án đường Vành đai.\n\n1. Sở Tài chính tham mưu bố trí vốn trước ngày 15/12/2026.\n")
    got = read(text)
    assert [t for t, _ in got] == ["Sở Tài chính tham mưu bố trí vốn trước ngày 15/12/2026."], got


@pytest.mark.parametrize("sentence", [
    "Theo dự báo của Đài Khí tượng Thủy văn tỉnh, đỉnh lũ năm 2026 ở mức xấp xỉ báo động III.",
    "Tuần qua mưa lớn kéo dài, tuyến đường liên thôn 2 - thôn 4 bị sạt lở nhẹ.",
    "Thời gian qua, các sở, ngành và các xã đã tích cực triển khai công tác giải phóng mặt bằng.",
])
@pytest.mark.parametrize("shape", [str, unaccent])
def test_a_forecast_or_the_period_past_is_no_directive(sentence, shape):
    text = shape(f"Đề nghị các đơn vị thực hiện một số nội dung sau:\n- {sentence}\n- Các xã rà soát hộ nghèo.\n")
    got = [t for t, _ in read(text)]
    assert got == [shape("Các xã rà soát hộ nghèo.")], got


@pytest.mark.parametrize("closing", [
    "Sở Nông nghiệp và Môi trường đề nghị Ủy ban nhân dân các xã, phường quan tâm phối hợp thực hiện.",
    "Ban Thường vụ Tỉnh ủy yêu cầu các cơ quan, đơn vị, địa phương nghiêm túc triển khai thực hiện.",
])
def test_the_senders_closing_exhortation_to_implement_is_no_directive(closing):
    text = f"1. Các xã rà soát khu vực sạt lở trước ngày 30/11/2026.\n\n{closing}\n"
    assert [t for t, _ in read(text)] == ["Các xã rà soát khu vực sạt lở trước ngày 30/11/2026."]


@pytest.mark.parametrize("shape", [str, unaccent])
def test_the_offices_conveying_lead_in_is_no_task_and_its_items_are(shape):
    text = shape("VP xin truyền đạt ý kiến chỉ đạo của đồng chí Chủ tịch UBND xã về công việc tuần tới như sau:\n"
                 "- Công an xã tăng cường tuần tra ban đêm tại khu vực chợ.\n")
    got = read(text)
    assert [t for t, _ in got] == [shape("Công an xã tăng cường tuần tra ban đêm tại khu vực chợ.")], got


@pytest.mark.parametrize("sentence, owners", [
    ("Chủ động phối hợp với Công an xã, phường phân luồng, điều tiết giao thông.", ["Công an xã, phường"]),
    ("Sở Khoa học và Công nghệ phối hợp với các doanh nghiệp viễn thông khôi phục hạ tầng.",
     ["Sở Khoa học và Công nghệ", "các doanh nghiệp viễn thông"]),
    ("Phòng Kinh tế lắp đặt bổ sung đèn chiếu sáng tại hẻm 45.", ["Phòng Kinh tế"]),
])
def test_a_task_verb_ends_the_units_name(sentence, owners):
    got = read(f"Giao các đơn vị thực hiện:\n- {sentence}\n")
    assert got and all(o in got[0][1] for o in owners) and not any(o.endswith(("luồng", "phục", "đặt"))
                                                                     for o in got[0][1]), got


def test_a_unit_told_not_to_let_something_happen_has_a_task():
    got = read("Giao các đơn vị thực hiện:\n- Trung tâm Phục vụ hành chính công xã không để hồ sơ quá hạn.\n")
    assert got == [("Trung tâm Phục vụ hành chính công xã không để hồ sơ quá hạn.",
                    ["Trung tâm Phục vụ hành chính công xã"])], got


@pytest.mark.parametrize("shape", [str, unaccent])
def test_a_topics_label_leaves_the_task_after_its_colon(shape):
    text = shape("Kết luận:\n"
                 "1. Về đề nghị bổ sung biên chế công chức lĩnh vực đất đai, xây dựng: Giao Ban Tổ chức Tỉnh ủy chủ trì, "
                 "phối hợp với Sở Nội vụ nghiên cứu, đề xuất phương án trong quý I/2027.\n"
                 "2. Về đề nghị xây dựng mô hình dân vận: Ban Tuyên giáo và Dân vận Tỉnh ủy phối hợp với Đảng ủy phường "
                 "hướng dẫn xây dựng mô hình.\n")
    got = read(text)
    assert len(got) == 2, got
    assert shape("Ban Tổ chức Tỉnh ủy") in got[0][1] and shape("Sở Nội vụ") in got[0][1], got
    assert shape("Ban Tuyên giáo và Dân vận Tỉnh ủy") in got[1][1], got


def test_a_fronted_object_leaves_the_named_unit_as_owner():
    text = ("Kết luận:\n1. Những ý kiến chưa được trả lời tại hội nghị, Văn phòng HĐND và UBND phường tổng hợp, tham mưu "
            "trả lời bằng văn bản chậm nhất ngày 05/12/2026.\n")
    got = read(text)
    assert len(got) == 1 and got[0][1] == ["Văn phòng HĐND và UBND phường"], got


def test_a_fronted_report_of_who_answered_is_no_task():
    text = ("Tại hội nghị có 5 ý kiến phát biểu. Những ý kiến đó đã được đồng chí Phó Bí thư Đảng ủy, Chủ tịch Ủy ban "
            "nhân dân xã và các ngành liên quan trả lời tại Hội nghị.\n")
    assert read(text) == []


@pytest.mark.parametrize("shape", [str, unaccent])
def test_the_field_an_officer_is_in_charge_of_stays_in_the_owners_name(shape):
    got = read(shape("Giao đồng chí Phó Chủ tịch phụ trách văn hóa - xã hội chuẩn bị nội dung hội nghị tổng kết.\n"))
    assert [o for _, owners in got for o in owners] == [shape("đồng chí Phó Chủ tịch phụ trách văn hóa - xã hội")], got
