"""General rules found on the eighth blind set (heldout8), each on a small hand-made example."""
import datetime as dt

from ingest.nlp import extract
from ingest.nlp.classify import ASSESS, analyze, section_mode

UBND_HEAD = ("ỦY BAN NHÂN DÂN TỈNH AN BÌNH\nVĂN PHÒNG\nSố: 71/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
             "Độc lập - Tự do - Hạnh phúc\nAn Bình, ngày 24 tháng 3 năm 2026\n\n")
SIGNATURE = ("\nNơi nhận:\n- Như trên;\t\n- Lưu: VT.\tNguyễn Văn A\n\n")
TABLE = ("STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\tSản phẩm\n"
         "I\tCông tác tuyên truyền\t\t\t\t\n"
         "1\tTổ chức Lễ phát động phong trào cấp tỉnh\tSở Khoa học và Công nghệ\tTỉnh đoàn\tTháng 4/2026\tLễ phát động\n"
         "II\tHạ tầng số\t\t\t\t\n"
         "2\tBố trí điểm truy cập Internet công cộng miễn phí\tSở Khoa học và Công nghệ\t\t2026-2027\tĐiểm truy cập\n")


def _directives(body):
    return extract(UBND_HEAD + body).directives


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


def test_a_plans_purpose_section_sets_no_tasks():
    assert section_mode("MỤC ĐÍCH, YÊU CẦU") == ASSESS
    ds = _directives("KẾ HOẠCH\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\nNâng cao kỹ năng số cho người dân.\n\n"
                     "2. Yêu cầu\nTriển khai đồng bộ, thiết thực, hiệu quả; tránh hình thức.\n\n"
                     "II. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ chủ trì tập huấn cho cán bộ.\n")
    assert [d.text for d in ds] == ["Sở Nội vụ chủ trì tập huấn cho cán bộ."]


def test_grounds_and_purpose_clauses_hand_no_period_to_the_list():
    ds = _directives("Xét Báo cáo số 196/BC-SNNMT ngày 06/5/2026 của Sở Nông nghiệp và Môi trường về công tác phòng, "
                     "chống thiên tai năm 2026, Văn phòng UBND tỉnh truyền đạt ý kiến chỉ đạo của Phó Chủ tịch UBND "
                     "tỉnh như sau:\n\n1. Giao Sở Xây dựng rà soát các công trình xuống cấp.\n")
    assert ds[-1].deadline is None, ds[-1].deadline_phrase


def test_a_topic_headings_year_is_the_work_it_is_about_not_a_time_limit():
    ds = _directives("Phó Chủ tịch UBND tỉnh có ý kiến như sau:\n\n"
                     "1. Về công tác phòng, chống thiên tai năm 2026\n"
                     "a) Yêu cầu các xã tổ chức trực ban nghiêm túc khi có thiên tai.\n")
    assert ds[-1].deadline is None, ds[-1].deadline_phrase


def test_fronted_chậm_nhất_date_then_the_task():
    info = analyze(t := "Chậm nhất ngày 20/5, báo cáo Ủy ban nhân dân tỉnh danh mục các vị trí còn vướng mắc.",
                   0, len(t))
    assert info.form == "imperative"


def test_an_opinion_reported_with_theo_dong_chi_is_no_task():
    info = analyze(t := "Theo đồng chí Võ Đình Nam, Giám đốc Sở Nội vụ, tỉnh cần sớm tổ chức các lớp bồi dưỡng.",
                   0, len(t))
    assert info.excluded == "opinion"


def test_election_committees_keep_their_name():
    info = analyze(t := "Đối với công tác bầu cử, Bí thư Tỉnh ủy yêu cầu Ủy ban bầu cử tỉnh chuẩn bị chu đáo.",
                   0, len(t))
    assert info.leads == ["Ủy ban bầu cử tỉnh"]
