"""Shapes read from heldout24 (fl24 after its first sight): bodies listed bare before the one named with its
organisation, the issuer's office promising what it will do, a unit label followed by a task in lower case, a
numbered line naming only whom it asks, a unit's standing role before its task, and the power company as a unit."""
import pytest

from ingest.nlp import extract
from ingest.nlp.train import unaccent


def owners(text: str) -> list[list[str]]:
    return [[o.name for o in d.owners] for d in extract(text).directives]


def test_bodies_listed_bare_before_one_named_with_its_organisation_are_that_organisations():
    assert owners("II. NHIỆM VỤ\n1. Đảng ủy, Ban Giám đốc Sở Nội vụ khẩn trương hoàn thiện đề án vị trí việc làm.\n") \
        == [["Đảng ủy Sở Nội vụ", "Ban Giám đốc Sở Nội vụ"]]
    assert owners("II. NHIỆM VỤ\n1. Sở Tài chính, Ban Giám đốc Sở Nội vụ phối hợp rà soát biên chế.\n") \
        == [["Sở Tài chính", "Ban Giám đốc Sở Nội vụ"]]


def test_the_issuers_office_promising_what_it_will_do_sets_no_task():
    text = "II. NHIỆM VỤ\n1. Các phòng báo cáo kết quả trước ngày 10/12/2026.\n2. Văn phòng sẽ tổng hợp kết quả báo cáo Giám đốc.\n"
    for t in (text, unaccent(text)):
        assert len(extract(t).directives) == 1


@pytest.mark.parametrize("text", [
    "II. NHIỆM VỤ\n1. Chi cục Kiểm lâm, Chi cục Thủy lợi: kiểm tra công tác phòng chống lũ muộn.\n",
    unaccent("II. NHIỆM VỤ\n1. Chi cục Kiểm lâm, Chi cục Thủy lợi: kiểm tra công tác phòng chống lũ muộn.\n"),
])
def test_a_unit_label_before_a_task_in_lower_case_gives_the_task_its_units(text):
    assert len(owners(text)[0]) == 2


def test_a_numbered_line_naming_only_whom_it_asks_is_a_title_not_a_task():
    text = ("IV. TỔ CHỨC THỰC HIỆN\n3. Đề nghị Ủy ban MTTQ Việt Nam tỉnh\n"
            "Đề nghị Ủy ban MTTQ Việt Nam tỉnh vận động hội viên tham gia giữ gìn cảnh quan.\n")
    assert [d.text for d in extract(text).directives] == [
        "Đề nghị Ủy ban MTTQ Việt Nam tỉnh vận động hội viên tham gia giữ gìn cảnh quan."]


def test_a_units_standing_role_before_its_task_leaves_the_task_to_the_unit_over_it():
    text = ("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Văn hóa, Thể thao và Du lịch\n"
            "Là cơ quan thường trực, chủ trì theo dõi, đôn đốc các sở, ngành triển khai Kế hoạch.\n")
    assert owners(text) == [["Sở Văn hóa, Thể thao và Du lịch"]]


def test_the_power_company_is_a_unit():
    assert owners("II. NHIỆM VỤ\n1. Điện lực Phú Quốc bảo đảm cung cấp điện ổn định dịp Tết.\n") == [["Điện lực Phú Quốc"]]


def test_a_responsibility_lines_wrapped_tail_is_no_unit_label():
    text = ("IV. TỔ CHỨC THỰC HIỆN\n1. Rà soát các điểm kinh doanh pháo nổ trên địa bàn. Cơ quan chủ trì: Công an phường; phối hợp:\n"
            "Phòng Văn hóa - Xã hội phường, các tổ dân phố; thời gian: thường xuyên.\n")
    assert not any(d.text.startswith("Phòng Văn hóa") for d in extract(text).directives)
