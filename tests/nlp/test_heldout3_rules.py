"""General rules found on the third blind set (heldout3), each on a small hand-made example."""
import datetime as dt

from ingest.nlp import extract
from ingest.nlp.classify import analyze
from ingest.nlp.deadlines import DateContext, pick_deadline
from ingest.nlp.segment import mask_furniture, segment



HEAD = "TỈNH ỦY AN BÌNH\nSố 12-TB/TU\nAn Bình, ngày 10 tháng 4 năm 2025\n\nTHÔNG BÁO\nkết luận của Ban Thường vụ\n\n"


def _info(s):
    return analyze(s, 0, len(s))


def _dirs(text):
    return extract(text).directives


def _owners(p):
    return [(o.name, o.role) for o in p.owners]


# --- structure -------------------------------------------------------------

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


def test_subjectless_sentence_inherits_the_subject_that_opens_its_item():
    text = HEAD + ("2. Nhiệm vụ thời gian tới\n"
                   "a) Sở Xây dựng chủ trì hoàn thành kiểm đếm các hộ còn lại trước ngày 30/6/2025. "
                   "Trường hợp hộ dân không hợp tác, lập biên bản và tổ chức kiểm đếm bắt buộc theo quy định.\n")
    ds = _dirs(text)
    assert len(ds) == 2 and _owners(ds[1]) == [("Sở Xây dựng", "lead")]


def test_lead_in_unit_with_a_qualifier_owns_its_list():
    text = HEAD + ("Chủ tịch UBND tỉnh yêu cầu:\n"
                   "1. Chủ tịch UBND các xã, phường có rừng:\n"
                   "- Tổ chức trực phòng cháy, chữa cháy rừng 24/24 giờ trong mùa khô.\n")
    ds = _dirs(text)
    assert len(ds) == 1
    assert " ".join(o.name for o in ds[0].owners) == "Chủ tịch UBND các xã, phường có rừng"


def test_lead_in_whose_verb_ends_it_only_announces():
    i = _info("Để chủ động phòng ngừa các vụ cháy rừng, Chủ tịch UBND tỉnh yêu cầu:")
    assert i.announce_only


# --- what is a directive --------------------------------------------------

def test_report_sent_up_has_no_directives():
    text = ("ĐẢNG ỦY UBND TỈNH AN BÌNH\nSố 47-BC/ĐU\nAn Bình, ngày 20 tháng 11 năm 2025\n\nBÁO CÁO\n"
            "kết quả thực hiện Kết luận số 12-KL/TU\n\nKính gửi: Ban Thường vụ Tỉnh ủy\n\n"
            "Thực hiện Công văn số 186-CV/VPTU của Văn phòng Tỉnh ủy, Ban Thường vụ Đảng ủy UBND tỉnh báo cáo như sau:\n\n"
            "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO\n\n"
            "Đảng ủy UBND tỉnh đã chỉ đạo UBND tỉnh ban hành Kế hoạch số 215/KH-UBND, trong đó giao Sở Tài chính "
            "hướng dẫn các xã rà soát hợp tác xã.\n\n"
            "II. KIẾN NGHỊ, ĐỀ XUẤT\n\n"
            "1. Đề nghị Ban Thường vụ Tỉnh ủy xem xét, cho chủ trương xây dựng Nghị quyết chuyên đề về kinh tế tập thể.\n")
    assert _dirs(text) == []


def test_same_words_in_a_notice_are_directives():
    text = HEAD + ("Ban Thường vụ Tỉnh ủy kết luận như sau:\n\n"
                   "1. Đề nghị Ban Thường vụ Đảng ủy UBND tỉnh xem xét, ban hành cơ chế hỗ trợ hợp tác xã.\n")
    assert len(_dirs(text)) == 1


def test_document_acted_on_frames_the_clause():
    i = _info("Thực hiện Công văn số 1120-CV/BTCTW của Ban Tổ chức Trung ương, Ban Thường vụ Tỉnh ủy ban hành "
              "Kế hoạch số hóa hồ sơ đảng viên như sau:")
    assert i.issuer_subject


def test_chu_tri_opens_a_task_not_a_meeting_caption():
    assert _info("Chủ trì nâng cấp hạ tầng mạng thông tin diện rộng của Đảng trước ngày 30/8/2025.").excluded is None
    assert _info("Chủ trì hội nghị.").excluded == "meeting"


def test_a_representatives_proposal_is_an_opinion():
    assert _info("Đại diện Hội Nông dân xã đề nghị ngành nông nghiệp hỗ trợ người dân chuyển đổi cây trồng.")\
        .excluded == "opinion"


def test_speaker_reminding_a_unit_assigns_it():
    i = _info("Bí thư Tỉnh ủy cũng lưu ý xã cần hướng dẫn người dân chuyển đổi cây trồng theo quy hoạch.")
    assert i.form == "assign" and i.leads == ["xã"]


def test_a_party_committee_of_another_body_is_not_the_issuer():
    i = _info("Đảng ủy UBND tỉnh lãnh đạo, chỉ đạo UBND tỉnh bố trí đủ nguồn vốn đối ứng.")
    assert i.form == "subject" and not i.issuer_subject and i.leads == ["Đảng ủy UBND tỉnh"]


# --- owners ---------------------------------------------------------------

def test_subject_with_a_co_qualifier_then_a_modal():
    i = _info("Các chủ đầu tư có tỷ lệ giải ngân dưới 50% phải báo cáo giải trình trong tháng 10/2025.")
    assert i.form == "subject" and i.leads == ["Các chủ đầu tư có tỷ lệ giải ngân dưới 50%"]


def test_manner_word_used_as_the_verb():
    i = _info("Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh chủ động phương án, bố trí lực lượng sẵn sàng chữa cháy.")
    assert i.form == "subject" and i.leads == ["Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh"]


def test_imperative_phoi_hop_gives_a_support_but_not_through_a_delegation():
    i = _info("Phối hợp với Ban Tổ chức Tỉnh ủy tổ chức tập huấn cho cán bộ.")
    assert i.supports == ["Ban Tổ chức Tỉnh ủy"]
    i = _info("Chỉ đạo Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính rà soát danh mục dự án.")
    assert i.supports == []
    i = _info("Thường trực Tỉnh ủy đề nghị Đảng ủy UBND tỉnh chỉ đạo Sở Y tế chủ trì, phối hợp với các xã "
              "giải quyết dứt điểm hồ sơ tồn đọng.")
    assert i.leads == ["Đảng ủy UBND tỉnh"] and i.supports == []


def test_title_before_a_unit_name_is_no_person():
    i = _info("Giám đốc Vườn quốc gia Vũ Quang và các chủ rừng là tổ chức làm đường băng cản lửa.")
    assert i.form == "subject" and not i.person_subject


# --- deadlines ------------------------------------------------------------

CTX = DateContext(ref_date=dt.date(2025, 6, 12), anchor=dt.date(2025, 6, 12))


def _dl(s, ctx=CTX):
    t = pick_deadline(s, ctx)
    return t.date if t else None


def test_dates_in_words():
    assert _dl("lập phương án, trình thẩm định chậm nhất ngày mười lăm tháng bảy.") == dt.date(2025, 7, 15)
    assert _dl("hoàn thành trước ngày hai mươi mốt tháng mười hai năm 2025.") == dt.date(2025, 12, 21)


def test_meeting_date_in_words():
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ AN BÌNH\nSố: 318/TB-UBND\nAn Bình, ngày 12 tháng 6 năm 2025\n\nTHÔNG BÁO\n"
            "Kết luận của Chủ tịch UBND thành phố\n\n"
            "Chiều ngày mười tháng sáu năm 2025, tại trụ sở UBND thành phố, Chủ tịch UBND thành phố chủ trì cuộc họp.\n")
    assert extract(text).meeting_date == dt.date(2025, 6, 10)


def test_week_of_a_month():
    assert _dl("tổ chức bàn giao mặt bằng trong tuần đầu tháng 11/2025.") == dt.date(2025, 11, 7)
    assert _dl("bàn giao trong tuần cuối tháng 11/2025.") == dt.date(2025, 11, 30)


def test_a_start_is_no_time_limit():
    assert _dl("mở chuyên mục tuyên truyền từ tháng 7/2025.") is None
    assert _dl("thực hiện từ tháng 11/2025 đến hết tháng 02/2026.") == dt.date(2026, 2, 28)


def test_report_of_results_within_a_duration():
    ctx = DateContext(ref_date=dt.date(2025, 10, 6), anchor=dt.date(2025, 10, 9))
    assert _dl("báo cáo Thường trực Tỉnh ủy kết quả trong 10 ngày làm việc.", ctx) == dt.date(2025, 10, 23)
    assert _dl("kết quả đạt được trong 10 ngày qua rất khả quan.", ctx) is None
