"""A plural group of units narrowed by a qualifier ("UBND các xã, phường có dự án đi qua", "các xã có hồ chứa",
"Các chủ đầu tư có tỷ lệ giải ngân dưới 50%") is the subject, up to the task's verb or modal; "có trách nhiệm",
"có văn bản" after a unit stay the predicate."""
import pytest

from ingest.nlp import extract
from ingest.nlp.train import unaccent


def owners(item: str) -> list[list[tuple[str, str]]]:
    return [[(o.name, o.role) for o in d.owners] for d in extract("II. NHIỆM VỤ\n1. " + item + "\n").directives]


@pytest.mark.parametrize("item, unit", [
    ("Ủy ban nhân dân các xã, phường có dự án đi qua phối hợp bàn giao mặt bằng sạch.",
     "Ủy ban nhân dân các xã, phường có dự án đi qua"),
    ("Ủy ban nhân dân các xã, phường có dự án đi qua khẩn trương bàn giao mặt bằng sạch.",
     "Ủy ban nhân dân các xã, phường có dự án đi qua"),
    ("UBND các xã có vùng trồng cây ăn quả xuất khẩu chủ trì hướng dẫn nông dân.",
     "UBND các xã có vùng trồng cây ăn quả xuất khẩu"),
    ("Các chủ đầu tư có tỷ lệ giải ngân dưới 50% phải báo cáo giải trình trong tháng 10/2026.",
     "Các chủ đầu tư có tỷ lệ giải ngân dưới 50%"),
])
def test_a_qualified_group_of_units_is_the_subject_as_written_and_without_diacritics(item, unit):
    assert owners(item) == [[(unit, "lead")]]
    assert [[n for n, _ in d] for d in owners(unaccent(item))] == [[unaccent(unit)]]


def test_a_qualified_group_helped_by_another_unit_is_its_support():
    assert owners("Phòng Quản lý giao thông phối hợp với Ủy ban nhân dân các xã, phường có tuyến đường tỉnh đi qua "
                  "kiểm tra, xử lý các điểm đen.") == [[("Phòng Quản lý giao thông", "lead"),
                                                       ("Ủy ban nhân dân các xã, phường có tuyến đường tỉnh đi qua",
                                                        "support")]]


@pytest.mark.parametrize("item", ["Các xã có trách nhiệm kiểm tra an toàn hồ đập.",
                                  "Các sở có văn bản hướng dẫn các xã thực hiện."])
def test_what_a_unit_has_as_its_duty_or_deed_stays_the_predicate(item):
    assert owners(item)[0][0][0] in ("Các xã", "Các sở")
