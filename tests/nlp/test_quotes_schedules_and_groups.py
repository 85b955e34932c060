"""Shapes read from heldout22 (fl22 after its first sight): a quoted directive in a news report, the delegates'
views after "Tại buổi làm việc,", an event's schedule, a cell committee and "each member" typed without diacritics,
and schools named after a determiner."""
import pytest

from ingest.nlp import extract
from ingest.nlp.train import unaccent


def read(text: str) -> list[tuple[str, list[str]]]:
    return [(d.text, [o.name for o in d.owners]) for d in extract(text).directives]


NEWS = ("Chiều 17/9, Ban Thường vụ Tỉnh ủy làm việc với Đảng ủy các cơ quan Đảng tỉnh.\n\n"
        "Tại buổi làm việc, các đại biểu đánh giá công tác kiểm tra, giám sát của Đảng ủy có nhiều chuyển biến.\n\n"
        "Phát biểu kết luận, đồng chí Bí thư Tỉnh ủy yêu cầu Đảng ủy tập trung rà soát quy chế làm việc.\n\n"
        "“Các chi bộ phải định kỳ hằng tháng nắm tình hình tư tưởng của cán bộ, đảng viên”, đồng chí nói.\n")


def test_a_quoted_directive_in_a_news_report_has_its_subject_as_owner():
    assert ("Các chi bộ" in sum((o for t, o in read(NEWS) if t.startswith("“Các chi bộ")), []))


def test_delegates_views_after_a_fronted_at_the_meeting_are_no_directive():
    assert not any(t.startswith("Tại buổi làm việc") for t, _ in read(NEWS))


def test_an_events_schedule_is_no_task():
    text = ("Đề nghị các đồng chí thực hiện các việc sau:\nChi ủy duy trì họp giao ban vào ngày 5 hằng tháng\n"
            "Sinh hoạt chi bộ tháng 6 dự kiến vào tối 10/6/2026 tại nhà văn hóa thôn\n")
    got = read(text)
    assert not any(t.startswith("Sinh hoạt chi bộ") for t, _ in got), got
    assert ("Chi ủy duy trì họp giao ban vào ngày 5 hằng tháng", ["Chi ủy"]) in got


@pytest.mark.parametrize("item, unit", [
    ("Chi ủy duy trì họp giao ban vào ngày 5 hằng tháng.", "Chi ủy"),
    ("Mỗi đảng viên phụ trách nhóm hộ tuyên truyền về định danh điện tử.", "Mỗi đảng viên phụ trách nhóm hộ"),
    ("Mỗi cán bộ, đảng viên phải gương mẫu thực hiện.", "Mỗi cán bộ"),
])
def test_a_cell_committee_and_each_member_are_owners_as_written_and_without_diacritics(item, unit):
    text = "II. NHIỆM VỤ\n1. " + item + "\n"
    assert unit in read(text)[0][1]
    assert unaccent(unit) in read(unaccent(text))[0][1]


def test_schools_after_a_determiner_are_owners_but_a_case_or_a_place_is_not():
    assert read("II. NHIỆM VỤ\n1. Các trường thường xuyên đổi mới phương pháp dạy học.\n")[0][1] == ["Các trường"]
    assert read("II. NHIỆM VỤ\n1. Trường hợp phát hiện vi phạm, báo cáo ngay về Sở.\n")[0][1] == []
