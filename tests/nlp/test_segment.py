"""Blocks and sentences per the annotation guide."""
from ingest.nlp.segment import segment, split_sentences


def sentences(text):
    return [text[s:e] for b in segment(text) for s, e in b.sentences]


def test_semicolon_does_not_end_a_sentence_and_abbreviations_do_not_split():
    text = "- Rà soát các dự án tại TP. Hồ Chí Minh; báo cáo Đ/c Chủ tịch. Tập trung chỉ đạo thực hiện."
    assert sentences(text) == ["Rà soát các dự án tại TP. Hồ Chí Minh; báo cáo Đ/c Chủ tịch.",
                               "Tập trung chỉ đạo thực hiện."]


def test_list_markers_are_not_sentences_and_levels_nest():
    text = "I. NHIỆM VỤ\n1. Về kinh tế\n2.1. Tập trung chỉ đạo.\na) Rà soát.\n- Khẩn trương.\n+ Hoàn thành."
    blocks = segment(text)
    assert [b.mtype for b in blocks] == ["roman", "num", "num", "alpha", "bullet", "bullet"]
    levels = [b.level for b in blocks]
    assert levels == sorted(levels) and levels[2] == 3
    assert [text[s:e] for s, e in blocks[2].sentences] == ["Tập trung chỉ đạo."]


def test_hard_wrapped_lines_and_page_numbers_inside_a_sentence_are_joined():
    text = ("- Chỉ đạo Sở Kế hoạch và Đầu tư rà soát, điều chỉnh kế hoạch vốn năm 2021; báo\n"
            "cáo Thường trực Tỉnh ủy trong tháng 8/2021.\n"
            "- Khẩn trương hoàn thiện Đề án sắp xếp đơn vị hành chính cấp xã, trình Ban\n"
            "                         2\n"
            "Thường vụ Tỉnh ủy trong quý III/2021.\n")
    got = sentences(text)
    assert len(got) == 2
    assert got[0].endswith("trong tháng 8/2021.") and "\n" in got[0]
    assert got[1].startswith("Khẩn trương") and got[1].endswith("quý III/2021.")


def test_closing_mark_and_table_bar_are_trimmed():
    text = "Phấn đấu hoàn thành mục tiêu đã đề ra./. |"
    (s, e), = split_sentences(text, 0, len(text))
    assert text[s:e] == "Phấn đấu hoàn thành mục tiêu đã đề ra."


def test_colon_then_lower_case_line_continues_the_sentence():
    text = "Mọi tin, bài đề nghị các cộng tác viên gửi về Ban Biên tập qua địa chỉ:\nabc@gmail.com hoặc số 0273.\n"
    assert sentences(text) == [text.strip()]


def test_a_bullet_with_two_sentences_gives_two():
    text = "- Tăng cường công tác quản lý nhà nước. Chủ động nắm chắc tình hình."
    assert len(sentences(text)) == 2


def test_a_line_ending_on_a_linking_word_goes_on_over_a_blank_line():
    # PDF text often has a blank line after every printed line: "… và" cannot end a paragraph
    text = ("Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các sở, ngành và\n\n"
            "Ủy ban nhân dân các xã, phường thực hiện:\n\na) Rà soát bản đồ cảnh báo sạt lở.\n")
    got = sentences(text)
    assert got[0].startswith("Sở Nông nghiệp") and got[0].endswith("thực hiện:")
