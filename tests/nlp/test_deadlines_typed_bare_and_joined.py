"""Deadlines read from heldout26 and heldout32 (fl26, fl32 after their first sight): a word that typed without
diacritics is another word ("Xa hoi" is "Xã hội", not "hồi" back then), and months named together or as a range in
a table's time cell."""
import datetime as dt

import pytest

from ingest.nlp.deadlines import DateContext, find_time_expressions

CTX = DateContext(ref_date=dt.date(2026, 11, 8))


def dates(text: str) -> list[dt.date | None]:
    return [t.date for t in find_time_expressions(text, CTX)]


def test_a_limit_after_xa_hoi_typed_without_diacritics_is_read():
    assert dates("de nghi nop ve Phong Van hoa - Xa hoi trong ngay 10/11") == [dt.date(2026, 11, 10)]


def test_back_then_as_written_still_marks_the_past():
    assert dates("hồi tháng 5/2026 đã tổ chức kiểm tra") == []


def test_two_months_named_together_end_at_the_later():
    assert dates("Tháng 12/2026 và tháng 02/2027") == [dt.date(2027, 2, 28)]


def test_a_later_month_named_first_is_not_joined():
    assert dates("tháng 3/2027 và tháng 12/2026") == [dt.date(2027, 3, 31), dt.date(2026, 12, 31)]


@pytest.mark.parametrize("cell, last_day", [
    ("Tháng 01 - 02/2027", dt.date(2027, 2, 28)),
    ("Tháng 12/2026 - 01/2027", dt.date(2027, 1, 31)),
    ("Tháng 12/2026 - tháng 01/2027", dt.date(2027, 1, 31)),
    ("Tháng 6 - 8/2026", dt.date(2026, 8, 31)),
])
def test_a_range_of_months_ends_at_its_last(cell, last_day):
    assert dates(cell) == [last_day]
