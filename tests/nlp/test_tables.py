"""Task tables printed one cell per line (PDF text layers) are joined back into rows."""
import datetime as dt

from ingest.nlp import extract
from ingest.nlp.segment import mask_furniture
from ingest.nlp.tables import join_stacked_tables
from tests.nlp.letterheads import ubnd_head

STACKED = ("4. Giao nhiệm vụ cụ thể cho các sở, ngành (chi tiết tại bảng dưới đây):\n\n"
           "STT\nNội dung nhiệm vụ\nĐơn vị chủ trì\nĐơn vị phối hợp\nThời hạn hoàn thành\n\n"
           "1\nThẩm định, trình phê duyệt điều chỉnh dự toán\nDự án nâng cấp tuyến ĐT.562\n"
           "Sở Giao thông vận tải\nSở Tài chính\nTrước ngày 15/7/2023\n\n"
           "2\nKiểm tra nguyên nhân sạt lở bờ sông Son\nSở Nông nghiệp và Phát triển nông thôn\n"
           "UBND huyện Bố Trạch\nQuý III/2023\n\n"
           "5. Giao Văn phòng UBND tỉnh theo dõi, đôn đốc thực hiện.\n")
HEAD = ubnd_head("ngày 16 tháng 6 năm 2023", "Kết luận của Chủ tịch UBND tỉnh")


def test_rows_are_joined_with_tabs_and_the_text_keeps_its_length():
    joined = join_stacked_tables(mask_furniture(STACKED))
    assert len(joined) == len(STACKED)
    rows = [line for line in joined.split("\n") if "\t" in line]
    assert rows[0].split("\t") == ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp",
                                   "Thời hạn hoàn thành"]
    # the masked row number keeps its column; the wrapped task is one cell
    assert rows[1].split("\t")[1:] == ["Thẩm định, trình phê duyệt điều chỉnh dự toán Dự án nâng cấp tuyến ĐT.562",
                                       "Sở Giao thông vận tải", "Sở Tài chính", "Trước ngày 15/7/2023"]
    assert "5. Giao Văn phòng UBND tỉnh theo dõi, đôn đốc thực hiện." in joined.split("\n")


def test_each_row_becomes_a_directive_with_its_units_and_time_limit():
    ds = extract(HEAD + STACKED).directives
    rows = [d for d in ds if d.text.startswith(("Thẩm định", "Kiểm tra"))]
    assert [[(o.name, o.role) for o in d.owners] for d in rows] == [
        [("Sở Giao thông vận tải", "lead"), ("Sở Tài chính", "support")],
        [("Sở Nông nghiệp và Phát triển nông thôn", "lead"), ("UBND huyện Bố Trạch", "support")]]
    assert [d.deadline for d in rows] == [dt.date(2023, 7, 15), dt.date(2023, 9, 30)]
    assert rows[0].text == "Thẩm định, trình phê duyệt điều chỉnh dự toán\nDự án nâng cấp tuyến ĐT.562"


def test_short_lines_that_are_no_task_table_stay_as_they_are():
    text = "Thành phần:\nSở Nội vụ\nSở Tài chính\nSở Xây dựng\n\n1\nNội dung\n"
    assert join_stacked_tables(text) == text
