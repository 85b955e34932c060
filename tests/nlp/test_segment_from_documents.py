"""Segmentation of whole notices: page chrome, markers, wrapped lines, tables.

Behaviours first met in the blind sets; each test is a shape, not a document."""
from ingest.nlp import extract
from ingest.nlp.segment import furniture_spans, mask_furniture, segment


def _dirs(text):
    return extract(text).directives


def _owners(p):
    return [(o.name, o.role) for o in p.owners]


def test_running_footer_with_page_number_does_not_cut_a_sentence():
    text = ("Dòng một của văn bản được ngắt cứng theo khổ giấy để giả lập văn bản PDF dài.\n" * 3 +
            "2.1. Sở Xây dựng hướng dẫn thủ tục cho người dân theo hướng đơn giản. Tổ chức\n\n"
            "          Thông báo số 12-TB/TU – Trang 1/3\n"
            "thực hiện việc hỗ trợ đất ở cho các hộ, hoàn thành trong tháng 5/2025.\n")
    text = mask_furniture(text)
    bodies = [text[s:e] for b in segment(text) for s, e in b.sentences]
    assert not any("Trang 1/3" in x for x in bodies)
    assert any(x.startswith("Tổ chức") and x.endswith("tháng 5/2025.") for x in bodies), bodies


def test_article_marker_of_a_decision_and_its_enacting_article():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH AN BÌNH\nSố: 15/QĐ-UBND\nAn Bình, ngày 14 tháng 8 năm 2025\n\nQUYẾT ĐỊNH\n"
            "Về việc thành lập Tổ công tác\n\nQUYẾT ĐỊNH:\n\n"
            "Điều 1. Thành lập Tổ công tác liên ngành kiểm tra khai thác cát, gồm các thành viên sau:\n"
            "1. Tổ trưởng: Phó Giám đốc Sở Xây dựng.\n"
            "Thành viên Tổ công tác làm việc theo chế độ kiêm nhiệm.\n\n"
            "Điều 2. Nhiệm vụ của Tổ công tác\n"
            "1. Tổ công tác có nhiệm vụ:\n"
            "a) Kiểm tra đột xuất các mỏ cát đã được cấp phép trên địa bàn tỉnh.\n"
            "b) Phối hợp với UBND các xã ven sông lập chốt kiểm soát phương tiện vận chuyển cát.\n")
    blocks = segment(text)
    assert any(b.marker == "Điều 1." and b.mtype == "roman" for b in blocks)
    ds = _dirs(text)
    assert [d.text[:10] for d in ds] == ["Kiểm tra đ", "Phối hợp v"]
    assert _owners(ds[0]) == [("Tổ công tác", "lead")]
    assert _owners(ds[1]) == [("Tổ công tác", "lead"), ("UBND các xã ven sông", "support")]


def test_a_symbol_font_bullet_glyph_is_a_bullet():
    text = "2. Nhiệm vụ\n\uf0b7 Tập trung giải ngân vốn đầu tư công.\n\uf0b7 Đẩy nhanh tiến độ tái định cư.\n"
    assert [b.mtype for b in segment(text)][1:] == ["bullet", "bullet"]


def test_a_section_title_before_a_page_number_is_no_running_header():
    body = ("Cả huyện phấn đấu hoàn thành thắng lợi các mục tiêu, nhiệm vụ năm 2024 đã đề ra từ đầu nhiệm kỳ.\n\n"
            "Phần thứ ba\nKIẾN NGHỊ, ĐỀ XUẤT\n\n4\nHuyện ủy Đông Sơn - Báo cáo số 318-BC/HU\n\n"
            "1. Đề nghị Ban Tổ chức Tỉnh ủy sớm hướng dẫn.\n\n5\nHuyện ủy Đông Sơn - Báo cáo số 318-BC/HU\n\n"
            "2. Đề nghị UBND tỉnh bố trí vốn.\n")
    masked = [body[s:e] for s, e in furniture_spans(body)]
    assert "KIẾN NGHỊ, ĐỀ XUẤT" not in masked and "4" in masked
    assert "Huyện ủy Đông Sơn - Báo cáo số 318-BC/HU" in masked
