"""A unit's name whose words read as verbs elsewhere ("Phòng Quản lý đầu tư", "Quỹ Đầu tư phát triển tỉnh", "Ban
Quản lý dự án đầu tư xây dựng", "Trung tâm Phát triển quỹ đất", "Phòng Kinh tế, Hạ tầng và Đô thị") stays whole
before the predicate ("chủ trì", "phối hợp", the task's verb) and in a list of units, as written and typed
without diacritics; the same words followed by an object are still the predicate's verb."""
import pytest

from ingest.nlp import extract
from ingest.nlp.train import unaccent


def owners(text: str) -> list[list[tuple[str, str]]]:
    return [[(o.name, o.role) for o in d.owners] for d in extract(text).directives]


def both(text: str, expected: list[list[tuple[str, str]]]) -> None:
    assert owners(text) == expected
    assert owners(unaccent(text)) == [[(unaccent(n), r) for n, r in d] for d in expected]


def test_a_name_whose_field_reads_as_a_verb_leads_before_chu_tri_and_phoi_hop():
    both("Phòng Quản lý đầu tư chủ trì, phối hợp với Phòng Tài chính rà soát các dự án chậm tiến độ.",
         [[("Phòng Quản lý đầu tư", "lead"), ("Phòng Tài chính", "support")]])


def test_such_a_name_supports_after_phoi_hop_voi():
    both("Phòng Tài chính chủ trì, phối hợp với Phòng Quản lý đầu tư rà soát các dự án chậm tiến độ.",
         [[("Phòng Tài chính", "lead"), ("Phòng Quản lý đầu tư", "support")]])


def test_such_a_name_given_a_task_keeps_its_field_before_the_tasks_verb():
    both("Giao Phòng Quản lý đầu tư rà soát các dự án chậm tiến độ.", [[("Phòng Quản lý đầu tư", "lead")]])
    both("Giao Trung tâm Xúc tiến đầu tư tỉnh tổ chức hội nghị gặp mặt doanh nghiệp.",
         [[("Trung tâm Xúc tiến đầu tư tỉnh", "lead")]])
    both("Giao Quỹ Đầu tư phát triển tỉnh bố trí vốn cho các dự án.", [[("Quỹ Đầu tư phát triển tỉnh", "lead")]])


def test_a_list_of_units_runs_on_past_such_a_name():
    both("Sở Tài chính, Phòng Quản lý đầu tư và Trung tâm Phát triển quỹ đất rà soát các dự án chậm tiến độ.",
         [[("Sở Tài chính", "lead"), ("Phòng Quản lý đầu tư", "lead"), ("Trung tâm Phát triển quỹ đất", "lead")]])


@pytest.mark.parametrize("name", ["Ban Quản lý dự án đầu tư xây dựng tỉnh", "Trung tâm Phát triển quỹ đất",
                                  "Phòng Kinh tế, Hạ tầng và Đô thị"])
def test_other_names_with_verb_words_stay_whole_before_chu_tri(name):
    both(f"{name} chủ trì, phối hợp với Sở Tài chính hoàn thành hồ sơ trước ngày 30/12/2026.",
         [[(name, "lead"), ("Sở Tài chính", "support")]])


def test_the_same_words_before_an_object_are_the_predicates_verb():
    both("Sở Kế hoạch và Đầu tư phát triển các khu công nghiệp theo quy hoạch.", [[("Sở Kế hoạch và Đầu tư", "lead")]])
    both("Ban Quản lý đầu tư các dự án trọng điểm theo đúng quy định.", [[("Ban Quản lý", "lead")]])


def test_a_capitalised_field_after_and_carries_the_name_over_a_verb_like_word():
    d = extract("II. NHIỆM VỤ\n1. Phòng Quản lý xây dựng và Hạ tầng kỹ thuật rà soát các hồ sơ cấp phép quá hạn.\n"
                "2. Sở Tài chính xây dựng và Ban Tổ chức Tỉnh ủy thẩm định đề án.\n").directives
    assert [o.name for o in d[0].owners] == ["Phòng Quản lý xây dựng và Hạ tầng kỹ thuật"]
    assert [o.name for o in d[1].owners][0] == "Sở Tài chính"


def test_a_name_that_ends_on_the_verb_its_predicate_repeats_keeps_that_word():
    d = extract("II. NHIỆM VỤ\n1. Trung tâm Kiểm định chất lượng công trình xây dựng xây dựng đề án nâng cao năng lực.\n")
    assert [o.name for o in d.directives[0].owners] == ["Trung tâm Kiểm định chất lượng công trình xây dựng"]


@pytest.mark.parametrize("item, unit", [
    ("Thanh tra tỉnh chủ trì kiểm tra việc quản lý đất đai.", "Thanh tra tỉnh"),
    ("Thanh tra Sở xây dựng kế hoạch thanh tra năm 2027, trình Giám đốc Sở phê duyệt.", "Thanh tra Sở"),
])
def test_the_inspectorate_at_a_sentences_start_is_the_unit_not_the_verb(item, unit):
    text = "II. NHIỆM VỤ\n1. " + item + "\n"
    assert [o.name for o in extract(text).directives[0].owners] == [unit]
    assert [o.name for o in extract(unaccent(text)).directives[0].owners] == [unaccent(unit)]


def test_inspect_with_its_object_stays_the_verb():
    assert extract("II. NHIỆM VỤ\n1. Thanh tra các dự án chậm tiến độ.\n").directives[0].owners == []


@pytest.mark.parametrize("item, unit", [
    ("Trung tâm Dịch vụ tổng hợp xã chủ trì thu gom rác thải.", "Trung tâm Dịch vụ tổng hợp xã"),
    ("Trung tâm Dịch vụ tổng hợp đặc khu tổ chức lễ hội.", "Trung tâm Dịch vụ tổng hợp đặc khu"),
])
def test_a_communes_general_services_centre_keeps_its_whole_name(item, unit):
    assert [o.name for o in extract("II. NHIỆM VỤ\n1. " + item + "\n").directives[0].owners] == [unit]
