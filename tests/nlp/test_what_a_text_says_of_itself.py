"""Sentences that speak of the text itself or of what was reported, not of a task (heldout13's misses, read by
cause): the closing exhortation, the issuer's own promise under its bare head, a lead-in whose colon follows a
remark in brackets, a report's figures, and a web page's stamp with its section."""
import pytest

from ingest.nlp import extract
from ingest.nlp.classify import analyze
from ingest.nlp.train import unaccent


def info(text: str):
    return analyze(text, 0, len(text))


@pytest.mark.parametrize("text", ["Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.",
                                  "Đề nghị các cơ quan, đơn vị thực hiện nghiêm túc."])
def test_a_closing_exhortation_that_names_no_action_is_no_task(text):
    assert info(text).excluded == "closing" and info(unaccent(text)).excluded == "closing"
    assert info("Yêu cầu các đơn vị báo cáo kết quả thực hiện.").excluded is None  # an action of its own


def test_the_issuers_bare_head_promising_what_it_will_do_sets_no_task():
    assert info("Phòng sẽ tổng hợp, báo cáo Lãnh đạo Sở các đơn vị chậm báo cáo.").excluded == "promise"
    assert info("Sở Y tế sẽ tổng hợp, báo cáo UBND tỉnh.").excluded is None  # a unit named is given the task


def test_a_lead_in_whose_colon_follows_a_remark_in_brackets_only_announces():
    t = info("Phòng Nghiệp vụ Y chuyển tới các đơn vị một số nội dung khẩn như sau (văn bản ký số gửi kèm):")
    assert t.leadin and t.announce_only


def test_what_a_report_said_is_no_task_in_a_part_that_sets_tasks():
    text = ("Ban Chỉ đạo tỉnh yêu cầu các sở, ngành hoàn thành số hóa hồ sơ trong quý I năm 2027.\n"
            "Theo báo cáo của Sở Khoa học và Công nghệ, đến hết tháng 11/2026, tỷ lệ hồ sơ được giải quyết trực "
            "tuyến đạt 63,4%.\n"
            "Sở Tài chính bố trí kinh phí thay thế thiết bị cho bộ phận một cửa.\n")
    found = [d["text"][:12] for d in extract(text).to_json()["directives"]]
    assert found == ["Ban Chỉ đạo ", "Sở Tài chính"]


def test_a_web_pages_stamp_with_its_section_is_chrome_and_dates_the_page():
    text = ("Hoàn thành số hóa hồ sơ trước ngày 31/3/2027\nThứ Bảy, 05/12/2026 - 08:40 | Chính trị\n"
            "(Báo Thanh Hóa) - Chiều 4/12, Ban Chỉ đạo tỉnh họp phiên thường kỳ quý IV.\n"
            "Công an tỉnh tiếp tục làm sạch dữ liệu dân cư.\n")
    ex = extract(text)
    assert ex.meeting_date is not None and ex.meeting_date.isoformat() == "2026-12-04"
    assert [d.deadline for d in ex.directives] == [None]  # the stamp's date is no heading's time limit


def test_grounds_citing_one_document_after_another_end_after_the_last():
    only_grounds = ("Thực hiện Chỉ thị số 22/CT-TTg ngày 22/7/2024 của Thủ tướng Chính phủ về kiểm kê đất đai, lập bản "
                    "đồ hiện trạng sử dụng đất và Kế hoạch số 77/KH-UBND ngày 05/9/2025 của Ủy ban nhân dân tỉnh, thời "
                    "điểm kiểm kê tính đến ngày 31/12/2025.")
    assert info(only_grounds).form == "other"  # the title's ", lập bản đồ" is no clause of the sentence
    issuing = ("Thực hiện Chỉ thị số 46-CT/TW ngày 16/5/2025 của Bộ Chính trị về bầu cử; Hướng dẫn số 12-HD/BTGDVTW "
               "ngày 02/10/2025 của Ban Tuyên giáo và Dân vận Trung ương, Ban Tuyên giáo và Dân vận Tỉnh ủy xây dựng "
               "Kế hoạch tuyên truyền như sau:")
    t = info(issuing)
    assert t.leads == ["Ban Tuyên giáo và Dân vận Tỉnh ủy"] and t.announce_only
    assert info("Thực hiện Kế hoạch số 5/KH-UBND của UBND tỉnh, các xã khẩn trương rà soát.").leads == ["các xã"]
    issued = info("Thực hiện Công văn số 1120-CV/BTCTW của Ban Tổ chức Trung ương, Ban Thường vụ Tỉnh ủy ban hành "
                  "Kế hoạch số 15-KH/TU như sau:")  # a document the main clause issues is no grounds
    assert issued.leads == ["Ban Thường vụ Tỉnh ủy"]
