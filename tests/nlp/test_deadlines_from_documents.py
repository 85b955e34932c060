"""Deadlines: which time expression of a directive is its limit, and what it inherits.

Behaviours first met in the blind sets; each test is a shape, not a document."""
import datetime as dt

from ingest.nlp import extract
from ingest.nlp.deadlines import DateContext, pick_deadline

CTX = DateContext(ref_date=dt.date(2025, 6, 12), anchor=dt.date(2025, 6, 12))


# Wednesday 8 October 2025
CTX_2 = DateContext(ref_date=dt.date(2025, 10, 7), anchor=dt.date(2025, 10, 8))


HEAD = ("ĐẢNG BỘ TỈNH AN BÌNH\nBAN THƯỜNG VỤ\n*\nSố 20-TB/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "An Bình, ngày 20 tháng 7 năm 2023\n\nTHÔNG BÁO\nKẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY\n\n"
        "Ngày 18/7/2023, Ban Thường vụ Tỉnh ủy họp nghe báo cáo tình hình đầu tư công.\n\n")


UBND_HEAD = ("ỦY BAN NHÂN DÂN TỈNH AN BÌNH\nVĂN PHÒNG\nSố: 71/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
             "Độc lập - Tự do - Hạnh phúc\nAn Bình, ngày 24 tháng 3 năm 2026\n\n")


SIGNATURE = ("\nNơi nhận:\n- Như trên;\t\n- Lưu: VT.\tNguyễn Văn A\n\n")


TABLE = ("STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\tSản phẩm\n"
         "I\tCông tác tuyên truyền\t\t\t\t\n"
         "1\tTổ chức Lễ phát động phong trào cấp tỉnh\tSở Khoa học và Công nghệ\tTỉnh đoàn\tTháng 4/2026\tLễ phát động\n"
         "II\tHạ tầng số\t\t\t\t\n"
         "2\tBố trí điểm truy cập Internet công cộng miễn phí\tSở Khoa học và Công nghệ\t\t2026-2027\tĐiểm truy cập\n")


def _dl(s, ctx=CTX):
    t = pick_deadline(s, ctx)
    return t.date if t else None


def _deadline(text, ctx=CTX_2):
    t = pick_deadline(text, ctx)
    return t.date if t else None


def _directives(body):
    return extract(HEAD + body).directives


def _directives_2(body):
    return extract(UBND_HEAD + body).directives


def test_a_quotation_that_is_the_speakers_words_keeps_its_time_limit():
    ctx = DateContext(ref_date=dt.date(2025, 4, 14), anchor=dt.date(2025, 4, 14))
    dl = pick_deadline("Đồng chí yêu cầu: “Chậm nhất ngày 25/4, các huyện phải hoàn thành phương án.”", ctx)
    assert dl.date == dt.date(2025, 4, 25)


def test_dates_in_words():
    assert _dl("lập phương án, trình thẩm định chậm nhất ngày mười lăm tháng bảy.") == dt.date(2025, 7, 15)
    assert _dl("hoàn thành trước ngày hai mươi mốt tháng mười hai năm 2025.") == dt.date(2025, 12, 21)


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


def test_processing_time_counted_from_each_file_is_no_deadline():
    ctx = DateContext(ref_date=dt.date(2025, 10, 8), ref_year=2025, anchor=dt.date(2025, 10, 8))
    assert pick_deadline("thời gian thẩm định không quá 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", ctx) is None
    d = pick_deadline("trong 07 ngày làm việc, hoàn thiện quy chế", ctx)
    assert d is not None and d.date == dt.date(2025, 10, 17)


def test_this_week_ends_on_the_sunday_of_the_notice_week():
    assert _deadline("Cấp phát ngay vật tư cho các xã trong tuần này.") == dt.date(2025, 10, 12)
    assert _deadline("Tổng hợp danh sách, hoàn thành trong tuần tới.") == dt.date(2025, 10, 19)


def test_relative_month_and_last_week_of_the_month():
    assert _deadline("Xây dựng chương trình công tác tháng 11/2025; hoàn thành trong tuần cuối tháng.") == \
        dt.date(2025, 10, 31)
    assert _deadline("Hoàn thành việc rà soát trong tháng này.") == dt.date(2025, 10, 31)
    dec = DateContext(ref_date=dt.date(2025, 12, 3), anchor=dt.date(2025, 12, 4))
    assert _deadline("Triển khai kế hoạch trong tháng tới.", dec) == dt.date(2026, 1, 31)
    assert _deadline("Triển khai kế hoạch trong tháng tới.", DateContext()) is None


def test_a_period_already_over_is_not_handed_down_as_a_time_frame():
    text = ("ĐẢNG BỘ TỈNH AN BÌNH\nHUYỆN ỦY ĐÔNG SƠN\n*\nSố 21-KL/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Đông Sơn, ngày 20 tháng 7 năm 2025\n\nKẾT LUẬN\n"
            "của Ban Thường vụ Huyện ủy về kết quả chuyển đổi số 6 tháng đầu năm 2025\n\n"
            "Tại phiên họp ngày 16/7/2025, Ban Thường vụ Huyện ủy kết luận như sau:\n\n"
            "1. Ủy ban nhân dân huyện chỉ đạo rà soát hạ tầng số tại các xã.\n\n"
            "2. Văn phòng Huyện ủy theo dõi, đôn đốc việc thực hiện Kết luận này.\n")
    ds = extract(text).directives
    assert len(ds) == 2, [p.text for p in ds]
    assert all(p.deadline is None for p in ds), [(p.text, p.deadline) for p in ds]


def test_labelled_item_second_sentence_keeps_only_the_labelled_unit():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH AN BÌNH\nSố: 15/TB-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "An Bình, ngày 08 tháng 10 năm 2025\n\nTHÔNG BÁO\nKết luận của Phó Chủ tịch UBND tỉnh\n\n"
            "Phó Chủ tịch UBND tỉnh yêu cầu các sở, ngành thực hiện các nhiệm vụ sau:\n\n"
            "- Sở Y tế: Chủ trì, phối hợp với UBND các huyện rà soát đối tượng chưa tiêm, hoàn thành trong "
            "vòng 03 ngày. Phân bổ ngay vắc xin cho các huyện trong tuần này.\n")
    ds = extract(text).directives
    assert len(ds) == 2, [p.text for p in ds]
    assert [(o.name, o.role) for o in ds[1].owners] == [("Sở Y tế", "lead")]
    assert ds[1].deadline == dt.date(2025, 10, 12)


def test_a_lead_in_opened_by_its_period_hands_it_to_its_items():
    ds = _directives("II. NHIỆM VỤ NĂM 2024\n\nĐảng ủy UBND tỉnh lãnh đạo, chỉ đạo UBND tỉnh:\n"
                     "a) Trong quý I/2024, tập trung:\n"
                     "- Hoàn thành phân bổ chi tiết kế hoạch vốn đầu tư công năm 2024;\n"
                     "- Khôi phục sản xuất vụ Đông Xuân tại các vùng bị ảnh hưởng.\n")
    assert [d.deadline for d in ds] == [dt.date(2024, 3, 31)] * 2, [(d.text, d.deadline_phrase) for d in ds]
    assert all(d.deadline_source == "inherited" for d in ds)


def test_a_reference_moment_is_no_deadline_but_the_report_after_it_is():
    (d,) = _directives("2. Ban Tổ chức Tỉnh ủy chủ trì xem xét trách nhiệm người đứng đầu các chủ đầu tư có tỷ lệ "
                       "giải ngân dưới 30% tại thời điểm 30/9/2023; báo cáo kết quả trong tháng 10/2023.\n")
    assert d.deadline == dt.date(2023, 10, 31) and d.deadline_phrase == "trong tháng 10/2023"


def test_a_year_inside_quotation_marks_is_a_slogan_not_a_time_limit():
    ctx = DateContext(ref_date=dt.date(2026, 3, 9), anchor=dt.date(2026, 3, 11))
    for quote in ("“…”", '"…"'):
        slogan = quote.replace("…", "không để hộ dân nào thiếu nơi ở khi mùa mưa bão năm 2026 đến")
        assert pick_deadline(f"Quán triệt tinh thần {slogan}, tập trung thực hiện:", ctx) is None
    assert pick_deadline("Hoàn thành trong năm 2026.", ctx).date == dt.date(2026, 12, 31)


def test_an_appendix_after_the_signature_is_read_and_its_rows_are_tasks():
    text = UBND_HEAD + ("KẾ HOẠCH\n\nI. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.\n"
                        + SIGNATURE + "PHỤ LỤC\nDANH MỤC NHIỆM VỤ\n\n" + TABLE)
    ds = extract(text).directives
    assert [d.text for d in ds] == ["Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.",
                                    "Tổ chức Lễ phát động phong trào cấp tỉnh",
                                    "Bố trí điểm truy cập Internet công cộng miễn phí"]
    row = ds[1]
    assert text[row.start:row.end] == row.text  # the task is the content cell
    assert [(o.name, o.role) for o in row.owners] == [("Sở Khoa học và Công nghệ", "lead"), ("Tỉnh đoàn", "support")]
    assert row.deadline == dt.date(2026, 4, 30)
    assert ds[2].deadline == dt.date(2027, 12, 31)  # a span of years in the time column


def test_grounds_and_purpose_clauses_hand_no_period_to_the_list():
    ds = _directives_2("Xét Báo cáo số 196/BC-SNNMT ngày 06/5/2026 của Sở Nông nghiệp và Môi trường về công tác phòng, "
                     "chống thiên tai năm 2026, Văn phòng UBND tỉnh truyền đạt ý kiến chỉ đạo của Phó Chủ tịch UBND "
                     "tỉnh như sau:\n\n1. Giao Sở Xây dựng rà soát các công trình xuống cấp.\n")
    assert ds[-1].deadline is None, ds[-1].deadline_phrase


def test_a_topic_headings_year_is_the_work_it_is_about_not_a_time_limit():
    ds = _directives_2("Phó Chủ tịch UBND tỉnh có ý kiến như sau:\n\n"
                     "1. Về công tác phòng, chống thiên tai năm 2026\n"
                     "a) Yêu cầu các xã tổ chức trực ban nghiêm túc khi có thiên tai.\n")
    assert ds[-1].deadline is None, ds[-1].deadline_phrase


def test_a_reference_moment_after_den_ngay_yields_to_the_time_limit():
    ctx = DateContext(ref_date=dt.date(2023, 6, 12), anchor=dt.date(2023, 6, 16))
    dl = pick_deadline("Giải quyết dứt điểm 27 hồ sơ tồn đọng tính đến ngày 31/5/2023, hoàn thành trước ngày "
                       "31/7/2023.", ctx)
    assert dl.date == dt.date(2023, 7, 31)
