"""An e-mail whose list lost its markers and its stops (heldout14 02), and the other shapes heldout14's misses
grouped into: a label that says whom it is for ("Đối với X: cập nhật …"), a part of tasks whose title names the
year, the delegates of an elected body, a remark on the list above, an office forwarding a document."""
import pytest

from ingest.nlp import extract
from ingest.nlp.segment import segment
from ingest.nlp.train import unaccent, unmark

MAIL = """Từ: Văn phòng Sở Nông nghiệp và Môi trường <vanphong@example.vn>
Gửi: Các phòng chuyên môn; UBND các xã, phường
Ngày: Thứ Năm, 03/12/2026 09:15
Chủ đề: V/v triển khai một số nhiệm vụ cuối năm 2026

Kính gửi các đồng chí,

Thực hiện chỉ đạo của UBND tỉnh, Lãnh đạo Sở đề nghị các phòng, đơn vị và UBND các xã, phường khẩn trương thực hiện các nội dung sau:

Rà soát danh mục các công trình thủy lợi xuống cấp trên địa bàn, gửi kết quả về Phòng Thủy lợi trước ngày 12/12
Phòng Kế hoạch - Tài chính chủ trì tổng hợp đề xuất danh mục dự án đầu tư công năm 2027, trình Giám đốc Sở trong tháng 12
UBND các xã, phường cử mỗi đơn vị 01 công chức tham gia lớp tập huấn về chuyển đổi số nông nghiệp, gửi danh sách trước 15/12
Trung tâm Khuyến nông phối hợp với Phòng Trồng trọt tổ chức hội nghị tổng kết vụ mùa cho cán bộ cấp xã, hoàn thành trong tháng 01/2027

Các nội dung trên được triển khai theo Kế hoạch số 45/KH-SNNMT ngày 18/9/2026 của Sở.

Trân trọng./.

--
Văn phòng Sở Nông nghiệp và Môi trường
"""


# (typed without diacritics, "UBND các xã, phường cử …" loses its verb: "cu" is also "cũ", "cụ", "cứ")
@pytest.mark.parametrize("text", [MAIL, unmark(MAIL)], ids=["as written", "unmarked"])
def test_an_emails_bare_item_lines_are_each_a_directive(text):
    got = extract(text).to_json()
    found = got["directives"]
    assert len(found) == 4  # the greeting, the lead-in and the remark on the list set no task of their own
    assert unaccent(found[1]["owners"][0]["name"]) == "Phong Ke hoach - Tai chinh"
    # the header's date dates the message: "trước 15/12" is this December's, not the next year's
    assert [d["deadline"] for d in found] == ["2026-12-12", "2026-12-31", "2026-12-15", "2027-01-31"]
    assert unaccent(got["title"]) == "V/v trien khai mot so nhiem vu cuoi nam 2026"
    assert got["meeting_date"] is None or got["meeting_date"] != "2026-12-03"  # a message's date dates no meeting


def test_long_unfinished_lines_over_capitals_are_no_hard_wrapped_text():
    lines = [f"Đơn vị số {i} rà soát hồ sơ các dự án chậm tiến độ trên địa bàn, đề xuất phương án xử lý dứt điểm, "
             f"báo cáo kết quả trước ngày {10 + i}/12" for i in range(6)]
    text = "Đề nghị các đơn vị thực hiện các nội dung sau:\n\n" + "\n".join(lines) + "\n"
    assert len(segment(text)) == 7
    wrapped = "\n".join(["Đề nghị các đơn vị thực hiện các nội dung sau: rà soát hồ sơ các dự án chậm tiến độ",
                         "trên địa bàn, đề xuất phương án xử lý dứt điểm các vướng mắc về mặt bằng, báo",
                         "cáo kết quả về Sở Tài chính trước ngày 15/12; phối hợp với các xã, phường kiểm",
                         "tra thực địa các công trình trọng điểm, tổng hợp danh mục dự án cần điều chỉnh",
                         "vốn, gửi Sở Tài chính trước ngày 20/12; thường xuyên cập nhật tình hình giải",
                         "ngân trên hệ thống của tỉnh, chậm nhất ngày 05 hằng tháng báo cáo UBND tỉnh."])
    assert len(segment(wrapped)) == 1  # a wrap's lines go on in lower case: one paragraph still


def test_a_greeting_over_a_blank_line_keeps_the_lead_in_under_it():
    text = ("Kính gửi các đồng chí,\n\nĐề nghị UBND các xã, phường thực hiện các nội dung sau:\n\n"
            "- Rà soát các hộ nghèo cần hỗ trợ nhà ở, gửi danh sách trước ngày 15/12/2026.\n")
    found = extract(text).directives
    assert len(found) == 1 and "UBND các xã, phường" in [o.name for o in found[0].owners]


def test_a_label_that_says_whom_it_is_for_gives_its_unit_the_task_in_lower_case():
    text = ("Sở Xây dựng đề nghị các địa phương thực hiện các nội dung sau:\n\n"
            "1. Ủy ban nhân dân xã Bình Sơn hoàn thành việc sửa chữa nhà ở cho hộ nghèo trong quý I năm 2027.\n\n"
            "2. Đối với Ủy ban nhân dân các xã, phường còn lại: cập nhật tình hình cấp phép xây dựng trên hệ thống "
            "báo cáo của Sở trước ngày 25 hằng tháng.\n")
    found = extract(text).directives
    assert len(found) == 2
    assert [o.name for o in found[1].owners] == ["Ủy ban nhân dân các xã, phường còn lại"]


def test_a_part_of_tasks_whose_title_names_the_year_hands_it_down():
    text = ("THÔNG BÁO KẾT LUẬN\n\nNgày 26/11/2026, Ban Thường vụ Tỉnh ủy họp và kết luận như sau:\n\n"
            "1. Về kết quả năm 2026\n\nCông tác nội chính đạt nhiều kết quả.\n\n"
            "2. Về nhiệm vụ trọng tâm năm 2027\n\n"
            "2.1. Đảng ủy các xã, phường tăng cường nắm tình hình cơ sở, giải quyết kịp thời đơn thư khiếu nại.\n\n"
            "2.2. Ban Nội chính Tỉnh ủy tham mưu ban hành Kế hoạch kiểm tra chuyên đề, trình trong tháng 02.\n")
    found = extract(text).directives
    assert [d.deadline.isoformat() if d.deadline else None for d in found] == ["2027-12-31", "2027-02-28"]


def test_the_delegates_of_an_elected_body_are_given_work_and_a_meetings_attendees_are_not():
    plan = ("KẾ HOẠCH\n\nGiám sát chuyên đề năm 2027\n\nII. TỔ CHỨC THỰC HIỆN\n\n"
            "1. Các đại biểu Hội đồng nhân dân tỉnh tích cực tham gia các hoạt động giám sát; thường xuyên tiếp "
            "xúc cử tri nơi ứng cử.\n")
    found = extract(plan).directives
    assert [o.name for d in found for o in d.owners] == ["Các đại biểu Hội đồng nhân dân tỉnh"]
    meeting = ("Tại hội nghị, các đại biểu Hội đồng nhân dân tỉnh đề nghị làm rõ nguyên nhân chậm giải ngân.\n\n"
               "Các đại biểu đề nghị tăng cường kiểm tra các công trình.\n")
    assert extract(meeting).directives == []


def test_an_office_forwarding_a_document_sets_no_task_by_it():
    text = ("Văn phòng UBND tỉnh gửi nội dung chính Thông báo số 418/TB-UBND ngày 27/11/2026 (bản ký số gửi kèm):\n\n"
            "Giao Sở Tài chính rà soát, báo cáo UBND tỉnh trước ngày 10/12/2026.\n")
    found = extract(text).directives
    assert [o.name for d in found for o in d.owners] == ["Sở Tài chính"]
