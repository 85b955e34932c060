"""Text whose list markers were lost (a web page's or an e-mail's own numbering copied as plain text) keeps its
outline: lead-ins and parts still hand their units and time frames down, titles stay titles, items stay apart."""
import datetime as dt

import pytest

from ingest.nlp import extract
from ingest.nlp.train import unmark

from .letterheads import HEAD
from .scoring import SHARED, figures, needs_scorer


def _read(text):
    return [(p.text, sorted(o.name for o in p.owners), p.deadline) for p in extract(text).directives]


def test_unmark_drops_the_markers_at_line_starts_and_keeps_the_lines():
    text = "II. NHIỆM VỤ\n1. Về kinh tế\na) Tập trung thu ngân sách.\n- Rà soát dự án;\n+ Báo cáo.\n1\tTask\tSở\n"
    assert unmark(text) == "II. NHIỆM VỤ\nVề kinh tế\nTập trung thu ngân sách.\nRà soát dự án;\nBáo cáo.\n1\tTask\tSở\n"


NOTICE = (HEAD + "Ngày 08/4/2025, Ban Thường vụ Tỉnh ủy họp nghe báo cáo tình hình kinh tế - xã hội.\n\n"
          "II. NHIỆM VỤ TRỌNG TÂM NĂM 2025\n"
          "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, chính quyền tập trung thực hiện các nhiệm vụ sau:\n"
          "1. Về kinh tế - xã hội\n"
          "- Đẩy nhanh tiến độ giải ngân vốn đầu tư công.\n"
          "- Tăng cường quản lý đất đai, khoáng sản.\n"
          "2. Về xây dựng Đảng\n"
          "- Tổ chức học tập, quán triệt nghị quyết của Trung ương.\n"
          "- Ban Tổ chức Tỉnh ủy hướng dẫn kiểm điểm cuối năm trước ngày 15/12/2025.\n")


def test_a_notice_without_its_markers_gives_the_owners_and_deadlines_of_the_notice_as_written():
    written = _read(NOTICE)
    assert [o for _, o, _ in written[:3]] == [["chính quyền", "các cấp ủy"]] * 3
    assert [d for _, _, d in written] == [dt.date(2025, 12, 31)] * 3 + [dt.date(2025, 12, 15)]
    assert _read(unmark(NOTICE)) == written


def test_an_unnumbered_title_keeps_the_time_frame_of_the_numbered_part_around_it():
    text = (HEAD + "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026\n"
            "Về xây dựng Đảng\n"
            "Tổ chức học tập, quán triệt nghị quyết đại hội đảng bộ các cấp.\n")
    assert [d for _, _, d in _read(text)] == [dt.date(2026, 12, 31)]


@pytest.mark.parametrize("title", ["Yêu cầu", "Yêu cầu khắc phục"])
def test_a_line_of_four_words_or_fewer_is_a_title_not_a_directive(title):
    text = HEAD + "I. MỤC ĐÍCH, YÊU CẦU\nMục đích\nNâng cao nhận thức của cán bộ, đảng viên.\n" + title + "\n" + \
        "Bảo đảm thiết thực, hiệu quả.\n"
    assert title not in [t for t, _, _ in _read(text)]


def test_items_ending_on_a_semicolon_stay_apart_after_a_lead_in():
    text = (HEAD + "III. NHIỆM VỤ\nTrong quý II/2025, tập trung:\n"
            "Hoàn thành phân bổ vốn đầu tư công năm 2025;\n"
            "Khôi phục sản xuất tại các vùng bị ảnh hưởng bởi bão lũ;\n"
            "Sửa chữa các công trình thủy lợi bị hư hỏng.\n")
    assert [t[:9] for t, _, _ in _read(text)] == ["Hoàn thàn", "Khôi phục", "Sửa chữa "]


def test_a_one_line_item_under_a_task_lead_in_starting_with_its_verb_is_a_directive():
    text = (HEAD + "III. NHIỆM VỤ\nĐảng ủy xã yêu cầu các chi bộ thực hiện tốt các nội dung sau:\n"
            "Không đốt rơm rạ gây ô nhiễm môi trường, tiêm phòng đầy đủ cho đàn gia súc.\n")
    assert [o for _, o, _ in _read(text)] == [["các chi bộ"]]


def test_a_short_title_of_wrapped_text_does_not_run_on_into_the_item_under_it():
    body = ("Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng tập trung lãnh đạo, chỉ đạo thực hiện tốt\n"
            "các nhiệm vụ trọng tâm trong những tháng cuối năm, bảo đảm hoàn thành toàn diện các chỉ\n"
            "tiêu, nhiệm vụ đã đề ra; trong đó tập trung vào những nội dung cụ thể được nêu dưới đây\n"
            "theo từng cơ quan, đơn vị được phân công.\n"
            "Đảng ủy Công an tỉnh, Đảng ủy Quân sự tỉnh\n"
            "Lãnh đạo bảo đảm tuyệt đối an ninh, an toàn đại hội đảng bộ các cấp và các sự kiện\n"
            "chính trị quan trọng của tỉnh; không để bị động, bất ngờ trong mọi tình huống xảy ra.\n"
            "Ban Tổ chức Tỉnh ủy\n"
            "Chủ trì thẩm định nhân sự cấp ủy các đảng bộ trực thuộc, bảo đảm đúng quy trình,\n"
            "quy định của Trung ương và của Tỉnh ủy; tổng hợp, báo cáo kết quả về Ban Thường vụ Tỉnh.\n"
            "Về công tác kiểm tra, giám sát\n"  # after a paragraph whose last line is full
            "Ủy ban Kiểm tra Tỉnh ủy tăng cường kiểm tra, giám sát việc thực hiện nghị quyết.\n"
            "Phát triển hạ tầng số\n"  # ends on a linking word ("số"), after a finished sentence
            "Nâng cấp Trung tâm dữ liệu tỉnh, bảo đảm đủ năng lực lưu trữ, xử lý cho các hệ thống\n"
            "thông tin dùng chung; triển khai điện toán đám mây cho các cơ quan nhà nước.\n")
    read = _read(HEAD + "II. NHIỆM VỤ\n" + body)
    assert ["Đảng ủy Công an tỉnh", "Đảng ủy Quân sự tỉnh"] in [o for _, o, _ in read]
    assert "Nâng cấp" in [t[:8] for t, _, _ in read]
    assert not any(t.startswith("Về công tác") or t.endswith("giám sát") for t, _, _ in read)


def test_a_task_table_row_whose_time_cell_gives_no_date_takes_no_time_frame_from_above():
    text = (HEAD + "II. NHIỆM VỤ NĂM 2026\n"
            "STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
            "1\tTổ chức lễ phát động phong trào\tSở Văn hóa\tSở Nội vụ\tQuý I/2026\n"
            "2\tTuyên truyền trên hệ thống truyền thanh cơ sở\tỦy ban nhân dân các xã\tSở Văn hóa\tThường xuyên\n")
    assert [d for _, _, d in _read(text)] == [dt.date(2026, 3, 31), None]


@needs_scorer
def test_seed_and_dev_figures_barely_move_when_the_markers_are_lost():
    for texts, gold in ((SHARED / "seeds", SHARED / "gold"), (SHARED / "dev" / "texts", SHARED / "dev" / "gold")):
        plain = figures(texts, gold)
        shaped = figures(texts, gold, transform=lambda t, _seed: unmark(t))
        assert shaped["directive_f1"] >= plain["directive_f1"] - 0.05, (texts.name, plain, shaped)
        assert shaped["owner_f1"] >= plain["owner_f1"] - 0.05, (texts.name, plain, shaped)


PLAN = (HEAD + "II. NHIỆM VỤ NĂM 2026\n"
        "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, chính quyền tập trung thực hiện các nhiệm vụ sau:\n"
        "1. Về phát triển kinh tế\n"
        "Đảng ủy UBND tỉnh lãnh đạo, chỉ đạo UBND tỉnh:\n"
        "a) Ban hành kế hoạch hành động thực hiện nghị quyết của HĐND tỉnh.\n"
        "b) Trong quý I/2026, tập trung:\n"
        "- Hoàn thành phân bổ chi tiết kế hoạch vốn đầu tư công năm 2026;\n"
        "- Sửa chữa các công trình thủy lợi bị hư hỏng.\n"
        "2. Về văn hóa - xã hội\n"
        "- Chăm lo cho Nhân dân đón Tết Nguyên đán vui tươi, an toàn, tiết kiệm.\n")


def test_a_topic_after_the_lists_of_another_topic_is_its_sibling_not_an_item_of_those_lists():
    written = _read(PLAN)
    assert written[-1][1:] == (["chính quyền", "các cấp ủy"], dt.date(2026, 12, 31))
    assert _read(unmark(PLAN)) == written
