"""Lines that title or announce rather than assign: the first of a run of group titles, a communiqué's
"của …" title line, "Giao nhiệm vụ cho X:" (heldout12's misses, read by cause)."""
from ingest.nlp import extract


def directives(text: str) -> list[dict]:
    return extract(text).to_json()["directives"]


def test_the_first_of_a_run_of_unpunctuated_numbered_titles_is_a_title_too():
    text = ("KẾ HOẠCH\nThu gom chất thải rắn năm 2027\n\nIII. NHIỆM VỤ VÀ GIẢI PHÁP\n"
            "1. Rà soát, hoàn thiện hệ thống điểm tập kết, khu xử lý\n"
            "- Rà soát toàn bộ điểm tập kết chất thải rắn trên địa bàn.\n"
            "- Đề xuất bổ sung vị trí khu xử lý chất thải rắn vào quy hoạch.\n"
            "2. Tuyên truyền, vận động người dân\n"
            "- Tuyên truyền về phân loại chất thải rắn tại nguồn.\n")
    found = [d["text"] for d in directives(text)]
    assert not any(t.startswith(("Rà soát, hoàn thiện", "Tuyên truyền, vận động")) for t in found)
    assert len(found) == 3


def test_a_numbered_line_with_a_task_sentence_after_it_stays_an_item_when_its_sibling_is_punctuated():
    text = ("KẾ HOẠCH\nPhòng cháy rừng năm 2027\n\nII. NHIỆM VỤ\n"
            "1. Rà soát, cập nhật phương án phòng cháy rừng\n"
            "Các xã tổ chức diễn tập trước ngày 15/12/2026.\n"
            "2. Sở Nông nghiệp và Môi trường kiểm tra việc thực hiện.\n")
    found = [d["text"] for d in directives(text)]
    assert any(t.startswith("Rà soát, cập nhật") for t in found)


def test_the_meeting_named_in_a_communiques_title_line_is_no_time_frame():
    text = ("THÔNG BÁO KẾT LUẬN\ncủa Ban Thường vụ Đảng ủy tại hội nghị tháng 11/2026\n\n"
            "Ngày 26/11/2026, Ban Thường vụ Đảng ủy họp thường kỳ. Ban Thường vụ Đảng ủy kết luận như sau:\n\n"
            "1. Các chi bộ thực hiện nghiêm chế độ sinh hoạt chi bộ hằng tháng.\n"
            "2. Văn phòng Đảng ủy chuẩn bị hội nghị tổng kết trước ngày 20/12/2026.\n")
    found = directives(text)
    assert [d["deadline"] for d in found] == [None, "2026-12-20"]


def test_giao_nhiem_vu_cho_units_with_a_colon_only_announces_its_items():
    text = ("THÔNG BÁO\nkết luận của Ban Thường vụ Đảng ủy\n\n"
            "3. Giao nhiệm vụ cho các cơ quan tham mưu, giúp việc Đảng ủy:\n"
            "- Ban Tổ chức Đảng ủy tổng hợp kết quả, trình Ban Thường vụ Đảng ủy trước ngày 28/12/2026.\n"
            "- Ủy ban Kiểm tra Đảng ủy tham mưu chương trình kiểm tra năm 2027.\n")
    found = directives(text)
    assert [d["text"][:12] for d in found] == ["Ban Tổ chức ", "Ủy ban Kiểm "]
    assert [d["owners"][0]["name"] for d in found] == ["Ban Tổ chức Đảng ủy", "Ủy ban Kiểm tra Đảng ủy"]


def test_a_lead_in_to_a_task_table_below_only_announces_it_and_a_numbered_groups_title_is_no_row():
    text = ("KẾ HOẠCH\nPhát triển kinh tế tư nhân năm 2027\n\nIII. NHIỆM VỤ, GIẢI PHÁP\n"
            "Các cơ quan, đơn vị, địa phương triển khai các nhiệm vụ theo bảng phân công dưới đây:\n"
            "TT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
            "1\tHoàn thiện thể chế, cải thiện môi trường kinh doanh\n"
            "1.1\tRà soát thủ tục hành chính không cần thiết\tSở Tư pháp\tCác sở, ngành\tQuý I/2027\n"
            "2\tTổng kết việc thực hiện Kế hoạch\tSở Tài chính\t\tTháng 12/2027\n")
    found = {d["text"]: d for d in directives(text)}
    assert sorted(found) == ["Rà soát thủ tục hành chính không cần thiết", "Tổng kết việc thực hiện Kế hoạch"]
    assert found["Rà soát thủ tục hành chính không cần thiết"]["deadline"] == "2027-03-31"
