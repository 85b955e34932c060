"""A plan's lettered items, each over its own "Trách nhiệm thực hiện:" and "Thời gian:" lines (heldout13 06): the
line assigns the item, whatever verb it opens with, and gives it its units and time; an anniversary in a group's
title is no time limit (heldout13's misses, read by cause)."""
from ingest.nlp import extract

PLAN = """KẾ HOẠCH
tuyên truyền các ngày lễ lớn năm 2027

II. NỘI DUNG TUYÊN TRUYỀN

1. Kỷ niệm 97 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2027)

a) Tuyên truyền sâu rộng truyền thống vẻ vang của Đảng tại trung tâm các xã, phường.
Trách nhiệm thực hiện: Sở Văn hóa, Thể thao và Du lịch chủ trì; các đảng ủy xã, phường phối hợp.
Thời gian: tháng 01 và tháng 02/2027.

b) Thăm hỏi, tặng quà gia đình chính sách, hộ nghèo có hoàn cảnh khó khăn.
Trách nhiệm thực hiện: Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh chủ trì; Liên đoàn Lao động tỉnh phối hợp.
Thời gian: hoàn thành trước ngày 04/02/2027.

c) Treo cờ, băng rôn, khẩu hiệu trên các tuyến phố chính. Tháo dỡ ngay sau khi kết thúc đợt tuyên truyền.
Trách nhiệm thực hiện: UBND các xã, phường.
"""


def directives() -> dict[str, dict]:
    return {d["text"]: d for d in extract(PLAN).to_json()["directives"]}


def test_an_item_over_its_responsibility_line_is_a_task_whatever_its_first_word():
    found = directives()
    assert {t[:12] for t in found} == {"Thăm hỏi, tặ", "Treo cờ, băn", "Tháo dỡ ngay", "Tuyên truyền"}


def test_each_items_own_lines_give_it_its_units_and_time():
    found = directives()
    first = next(d for t, d in found.items() if t.startswith("Tuyên truyền"))
    assert [(o["name"], o["role"]) for o in first["owners"]] == [
        ("Sở Văn hóa, Thể thao và Du lịch", "lead"), ("các đảng ủy xã, phường", "support")]
    assert first["deadline"] == "2027-02-28"
    second = next(d for t, d in found.items() if t.startswith("Thăm hỏi"))
    assert second["owners"][0]["name"] == "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"
    assert second["deadline"] == "2027-02-04"


def test_the_anniversary_in_the_groups_title_is_no_time_limit_of_its_items():
    found = directives()
    assert all(d["deadline"] is None for t, d in found.items() if t.startswith(("Treo cờ", "Tháo dỡ")))
