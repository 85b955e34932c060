"""Text hard-wrapped by an e-mail client or a PDF (once or twice), and text typed without diacritics, read like
the text as written: paragraphs rejoined, table rows rejoined, words restored without being misread."""
import datetime as dt
import textwrap

from ingest.nlp import extract
from ingest.nlp.deadlines import DateContext, pick_deadline
from ingest.nlp.directory import UnitDirectory
from ingest.nlp.segment import segment
from ingest.nlp.train import rewrap, unaccent

from .scoring import read_folded

PARAGRAPHS = [
    "Tại buổi làm việc, sau khi nghe Sở Nông nghiệp và Môi trường báo cáo tình hình thực hiện nhiệm vụ, đồng chí "
    "Chủ tịch UBND tỉnh ghi nhận những kết quả đạt được trong công tác phòng, chống thiên tai của các sở, ngành.",
    "Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Đảng ủy UBND tỉnh tham mưu Đề án sắp xếp, bố trí đội ngũ cán "
    "bộ, công chức cấp xã theo vị trí việc làm, trình Ban Thường vụ Tỉnh ủy xem xét, quyết định trong tháng "
    "11/2025. Đồng thời, rà soát, đề xuất bổ sung quy hoạch cán bộ lãnh đạo, quản lý thuộc diện Ban Thường vụ "
    "Tỉnh ủy quản lý nhiệm kỳ 2025 - 2030.",
    "Đảng ủy UBND tỉnh lãnh đạo, chỉ đạo Sở Nội vụ hướng dẫn các xã, phường rà soát vị trí việc làm, xác định "
    "số công chức còn thiếu, thừa theo từng lĩnh vực, báo cáo Ban Thường vụ Tỉnh ủy (qua Ban Tổ chức Tỉnh ủy) "
    "trước ngày 20 của tháng cuối quý. Chỉ đạo giải quyết dứt điểm chế độ, chính sách đối với cán bộ, công chức "
    "nghỉ việc theo quy định.",
    "Ưu tiên bố trí kinh phí sửa chữa trụ sở, nhà công vụ cho các xã miền núi; xây dựng phương án xử lý tài sản "
    "công dôi dư sau sắp xếp, báo cáo Thường trực Tỉnh ủy trong quý I/2026.",
]


def _sentences(text):
    return [" ".join(text[s:e].split()) for b in segment(text) for s, e in b.sentences]


def test_text_wrapped_twice_gives_the_sentences_of_the_text_wrapped_once():
    once = "\n".join(textwrap.fill(p, width=78) for p in PARAGRAPHS)  # a PDF's lines …
    twice = rewrap(once, width=72)                                     # … wrapped again by an e-mail client
    assert any(len(line) <= 12 for line in twice.split("\n"))          # short tails: "Đồng" / "thời, rà soát"
    assert _sentences(twice) == _sentences(once) == [" ".join(s.split()) for s in _sentences("\n".join(PARAGRAPHS))]


NEWS = ("Chiều 18/7, Chủ tịch UBND thành phố chủ trì cuộc họp trực tuyến với các sở, ngành và địa phương ven "
        "biển về công tác ứng phó với cơn bão số 3 đang tiến gần vào đất liền của thành phố.\n"
        "Ảnh: Tàu thuyền neo đậu tránh bão tại âu thuyền Ngọc Hải. Ảnh: Hải Nam\n"
        "Sở Nông nghiệp và Môi trường chỉ đạo kiểm tra các tuyến đê biển, đê cửa sông xung yếu; chuẩn bị sẵn vật "
        "tư, phương tiện hộ đê và lực lượng ứng trực tại các điểm xung yếu trong suốt thời gian bão đổ bộ.\n"
        "Bộ Chỉ huy Quân sự thành phố bố trí lực lượng, phương tiện sẵn sàng sơ tán người dân khỏi các khu vực "
        "nguy hiểm, hoàn thành trước 17 giờ ngày 19/7; Công an thành phố bảo đảm an ninh trật tự tại nơi sơ tán.\n")


def test_a_photo_caption_that_ends_on_a_name_stays_apart_from_the_wrapped_sentence_after_it():
    sentences = _sentences(rewrap(NEWS))
    assert "Sở Nông nghiệp và Môi trường chỉ đạo kiểm tra các tuyến đê biển" in " ".join(sentences)
    assert any(s.startswith("Sở Nông nghiệp và Môi trường chỉ đạo") for s in sentences)


TABLE = ("KẾ HOẠCH\nTriển khai mùa du lịch\n\nII. NHIỆM VỤ CỤ THỂ\n"
         "STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành\n"
         "1 | Ra quân tổng vệ sinh các bãi biển Bãi Trường, Bãi Sao, Bãi Khem | Phòng Kinh tế, Hạ tầng và Đô thị | "
         "Ban Quản lý các khu du lịch, Đoàn Thanh niên đặc khu | Trước ngày 15/11/2025\n"
         "2 | Niêm yết giá, kiểm tra việc bán đúng giá niêm yết tại các chợ đêm, nhà hàng | Phòng Kinh tế, Hạ tầng "
         "và Đô thị | Đội Quản lý thị trường số 8 | Từ tháng 11/2025 đến tháng 4/2026\n"
         "3 | Bố trí lực lượng cứu hộ tại các bãi tắm đông khách | Ban Chỉ huy Phòng thủ dân sự đặc khu | Công an "
         "đặc khu, các doanh nghiệp du lịch | Trước ngày 30/11/2025\n"
         "III. TỔ CHỨC THỰC HIỆN\n"
         "Các cơ quan, đơn vị được phân công xây dựng phương án cụ thể, triển khai thực hiện trước ngày 05/11/2025.\n")


def _rows(text):
    return [(" ".join(p.text.split()), [(o.name, o.role) for o in p.owners], p.deadline)
            for p in extract(text).directives]


def test_task_table_rows_wrapped_over_lines_give_the_directives_of_the_rows_unwrapped():
    wrapped = rewrap(TABLE)
    assert "\n8 | Từ tháng 11/2025" in wrapped      # a cell's rest that looks like row 8
    assert " |\nTrước ngày 30/11/2025" in wrapped   # the last cell after a line that ends on its separator
    assert len(_rows(TABLE)) == 4
    assert _rows(wrapped) == _rows(TABLE)
    tabbed = TABLE.replace(" | ", "\t")
    assert _rows(rewrap(tabbed)) == _rows(tabbed)


def test_a_date_in_a_quotation_broken_over_two_lines_is_no_limit():
    ctx = DateContext(ref_date=dt.date(2026, 3, 1))
    text = ("Chủ tịch yêu cầu các sở, ngành quán triệt tinh thần \"không để hộ dân nào thiếu nơi ở an toàn khi "
            "mùa mưa bão năm 2026\nđến\", tập trung thực hiện các nội dung sau:")
    assert pick_deadline(text, ctx) is None
    assert pick_deadline(text.replace("\n", " "), ctx) is None


LEADIN = ("2. Thời gian tới, để thực hiện thắng lợi mục tiêu Nghị quyết Đại hội Đảng bộ tỉnh nhiệm kỳ 2020 – 2025, "
          "Ban Thường vụ Tỉnh ủy yêu cầu cả hệ thống chính trị từ tỉnh đến cơ sở tập trung các nhiệm vụ sau:\n"
          "2.1. Tiến hành sơ kết giữa nhiệm kỳ thực hiện nghị quyết đại hội đảng các cấp.\n"
          "2.2. Về kinh tế - xã hội, đảm bảo quốc phòng – an ninh, đối ngoại\n"
          "- Tập trung triển khai Quy hoạch tỉnh gắn với các quy hoạch đô thị.\n")


def test_text_without_diacritics_but_with_a_dash_is_read_as_text_typed_without_them():
    assert read_folded(unaccent(LEADIN)) == read_folded(LEADIN)
    assert [o for _, o in read_folded(unaccent(LEADIN))] == [["ca he thong chinh tri tu tinh den co so"]] * 2


def test_a_word_restored_within_a_phrase_is_not_read_as_another_word():
    text = "Đề nghị Đảng đoàn HĐND tỉnh lãnh đạo HĐND tỉnh xem xét, ban hành nghị quyết về chính sách hỗ trợ."
    assert read_folded(unaccent(text)) == read_folded(text) == [(unaccent(text), ["Dang doan HDND tinh"])]


def test_a_list_of_party_cells_typed_without_diacritics_is_the_owner():
    text = ("1. Các chi, đảng bộ trực thuộc căn cứ Chương trình hành động xây dựng kế hoạch thực hiện phù hợp, "
            "hoàn thành trước ngày 30/9/2025.\n")
    assert read_folded(unaccent(text)) == read_folded(text)
    assert read_folded(unaccent(text))[0][1] == ["Cac chi, dang bo truc thuoc"]


def test_a_unit_name_cut_short_by_a_word_typed_without_diacritics_is_taken_whole_from_the_directory():
    directory = UnitDirectory([(1, ["Sở Giao thông vận tải"]), (2, ["Sở Xây dựng"])])
    text = unaccent("Sở Giao thông vận tải chủ trì, phối hợp với Sở Xây dựng rà soát các tuyến đường.")
    (p,) = extract(text, directory).directives
    assert [(o.name, o.unit_id) for o in p.owners] == [("So Giao thong van tai", 1), ("So Xay dung", 2)]


NOTICE = ("THÔNG BÁO\nKẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY\n"
          "Ngày 20/11/2025, Ban Thường vụ Tỉnh ủy họp và kết luận như sau:\n"
          "Về công tác thi đua, khen thưởng, Ban Thường vụ Tỉnh ủy thống nhất tổ chức Đại hội thi đua yêu nước tỉnh "
          "lần thứ I vào quý II/2026; giao Sở Nội vụ xây dựng kế hoạch chi tiết, trình UBND tỉnh trong tháng 12.\n")


def test_the_limit_of_the_clause_that_assigns_the_work_wins_over_the_date_of_what_was_agreed():
    (p,) = extract(NOTICE).directives
    assert p.deadline == dt.date(2025, 12, 31)
    # both clauses assign: two limits in one sentence, read as before (the stronger, here the later)
    (q,) = extract(NOTICE.replace("thống nhất tổ chức", "giao Sở Văn hóa tổ chức")).directives
    assert q.deadline == dt.date(2026, 6, 30)


def test_a_tab_lost_where_the_wrap_broke_a_row_is_put_back_before_the_next_cell():
    header = "KẾ HOẠCH\nPhòng, chống đói, rét\n\nII. NHIỆM VỤ CỤ THỂ\nTT\tNội dung nhiệm vụ\tCơ quan chủ trì\t"
    text = (header + "Cơ quan phối hợp\nThời gian hoàn thành\n"
            "1\tKiểm tra việc dự trữ thức ăn, che chắn chuồng trại tại các xã vùng cao\tChi cục Chăn nuôi và "
            "Thú y\tUBND các xã\nTrong tháng 12/2026\n"
            "2\tTheo dõi diễn biến thời tiết, cảnh báo rét đậm, rét hại\tChi cục Thủy lợi\tĐài Khí tượng thủy "
            "văn tỉnh\tThường xuyên\n")
    rows = {" ".join(p.text.split()): p for p in extract(text).directives}
    first = rows["Kiểm tra việc dự trữ thức ăn, che chắn chuồng trại tại các xã vùng cao"]
    assert [(o.name, o.role) for o in first.owners] == [("Chi cục Chăn nuôi và Thú y", "lead"),
                                                         ("UBND các xã", "support")]
    assert first.deadline == dt.date(2026, 12, 31)
    second = rows["Theo dõi diễn biến thời tiết, cảnh báo rét đậm, rét hại"]
    assert second.recurring and [o.name for o in second.owners] == ["Chi cục Thủy lợi", "Đài Khí tượng thủy văn tỉnh"]


DISPATCH = ("Xét Báo cáo số 196/BC-SNNMT ngày 06/5/2026 của Sở Nông nghiệp và Môi trường về công tác chuẩn bị ứng "
            "phó thiên tai năm 2026; Văn bản số 1342/STC-QLG ngày 07/5/2026 của Sở Tài chính về kinh phí năm 2026, "
            "Văn phòng UBND tỉnh "
            "truyền đạt ý kiến chỉ đạo của Phó Chủ tịch UBND tỉnh như sau:\n"
            "a) Công an tỉnh chỉ đạo lực lượng Công an các xã, phường nắm chắc tình hình, bảo đảm an ninh, trật tự.\n"
            "b) Đề nghị Kho bạc Nhà nước khu vực XIII: Kiểm soát, thanh toán ngay trong ngày khi hồ sơ đủ điều "
            "kiện.\n")


def _deadlines_and_owners(text):
    return [(p.deadline, [unaccent(o.name) for o in p.owners]) for p in extract(text).directives]


def test_a_unit_labelled_after_de_nghi_typed_without_diacritics_is_the_owner():
    written = _deadlines_and_owners(DISPATCH)
    assert written == [(None, ["Cong an tinh"]), (None, ["Kho bac Nha nuoc khu vuc XIII"])]
    assert _deadlines_and_owners(unaccent(DISPATCH)) == written


def test_a_grounds_clause_typed_without_diacritics_ends_where_it_does_with_them():
    from ingest.nlp.pipeline import _purpose_end  # its year says what was read, not by when

    leadin = DISPATCH.split("\n")[0]
    assert _purpose_end(leadin) == leadin.index(" Văn phòng UBND tỉnh truyền đạt")  # past its comma
    assert _purpose_end(unaccent(leadin)) == _purpose_end(leadin)


REPORT = ("ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH\nSố: 45-BC/ĐU\n\nBÁO CÁO\nkết quả thực hiện Kết luận số 12-KL/TU về phát triển "
          "kinh tế tập thể\n\nKính gửi: Ban Thường vụ Tỉnh ủy\n\n"
          "Thời gian qua, Đảng ủy UBND tỉnh đã lãnh đạo triển khai Kết luận số 12-KL/TU đạt nhiều kết quả.\n"
          "Đề nghị Ban Thường vụ Tỉnh ủy xem xét, cho chủ trương xây dựng Nghị quyết chuyên đề về phát triển kinh tế "
          "tập thể giai đoạn 2026 - 2030.\n")


def test_a_report_typed_without_diacritics_is_sent_up_and_its_proposals_are_no_directives():
    assert extract(REPORT).directives == []
    assert extract(unaccent(REPORT)).directives == []
