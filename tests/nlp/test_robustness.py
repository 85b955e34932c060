"""A sentence typed without diacritics, or a text hard-wrapped again, barely moves the figures; a whole text
without diacritics gets the deadlines and owners of the text as written."""
import datetime as dt

import pytest

from ingest.nlp import extract
from ingest.nlp.deadlines import DateContext, pick_deadline
from ingest.nlp.train import rewrap, unaccent

from .letterheads import ubnd_head
from .scoring import SHARED, figures, needs_scorer, read_folded

NOTICE = ("THÔNG BÁO\nKẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY\n\n"
          "II. NHIỆM VỤ TRỌNG TÂM\n"
          "1. Giao Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan tham mưu bố trí kinh phí thực hiện "
          "trước ngày 30/11/2025.\n"
          "2. Ủy ban nhân dân các xã, phường tập trung rà soát, hoàn thành việc sắp xếp các thôn, tổ dân phố.\n"
          "3. Đề nghị Ban Tổ chức Tỉnh ủy hướng dẫn các cấp ủy kiểm điểm cuối năm.\n")


@pytest.mark.parametrize("line", [1, 2, 3])
def test_one_sentence_without_diacritics_keeps_its_directive_and_owners(line):
    lines = NOTICE.split("\n")
    target = next(i for i, ln in enumerate(lines) if ln.startswith(f"{line}. "))
    lines[target] = unaccent(lines[target])
    assert read_folded("\n".join(lines)) == read_folded(NOTICE)


def test_a_rewrapped_notice_gives_the_same_directives():
    assert read_folded(rewrap(NOTICE, width=40)) == read_folded(NOTICE)


@needs_scorer
@pytest.mark.parametrize("transform,most_lost", [(unaccent, 0.15), (rewrap, 0.05)], ids=["unaccented", "rewrapped"])
def test_seed_and_dev_figures_barely_move(transform, most_lost):
    for texts, gold in ((SHARED / "seeds", SHARED / "gold"), (SHARED / "dev" / "texts", SHARED / "dev" / "gold")):
        plain = figures(texts, gold)["directive_f1"]
        shaped = figures(texts, gold, transform=lambda t, _seed: transform(t))["directive_f1"]
        assert shaped >= plain - most_lost, (texts.name, plain, shaped)


def _deadlines_and_owners(text):
    return [(p.deadline, [unaccent(o.name).lower() for o in p.owners]) for p in extract(text).directives]


PLAN = (ubnd_head("ngày 10 tháng 9 năm 2025", "Kết luận của Chủ tịch UBND tỉnh") +
        "II. NHIỆM VỤ\n"
        "1. Các cấp ủy, tổ chức đảng, cơ quan, đơn vị rà soát, báo cáo kết quả chậm nhất ngày 15/10.\n"
        "2. Giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các cơ quan liên quan hoàn thành đề án "
        "trong quý IV năm 2025.\n"
        "3. Đề nghị Ban Tuyên giáo và Dân vận Tỉnh ủy hướng dẫn tuyên truyền trong vòng 30 ngày.\n")


def test_a_whole_text_without_diacritics_gets_the_deadlines_and_owners_of_the_text_as_written():
    written = _deadlines_and_owners(PLAN)
    assert [d for d, _ in written] == [dt.date(2025, 10, 15), dt.date(2025, 12, 31), dt.date(2025, 10, 10)]
    assert _deadlines_and_owners(unaccent(PLAN)) == written


@pytest.mark.parametrize("phrase,expected", [
    ("bao cao truoc ngay 15/8/2025", dt.date(2025, 8, 15)),
    ("hoan thanh cham nhat la vao ngay 30 thang 9 nam 2025", dt.date(2025, 9, 30)),
    ("trien khai trong thang 11", dt.date(2025, 11, 30)),
    ("bao cao ket qua trong 10 ngay lam viec", dt.date(2025, 9, 24)),
    ("ngay muoi lam thang muoi hai", dt.date(2025, 12, 15)),
    # "đã" folds to "da", the start of "dan", "dau": only the whole word marks the past
    ("chi tra tien boi thuong cho cac ho dan trong thang 10 nam 2025", dt.date(2025, 10, 31)),
    ("phan dau trong quy IV nam 2025 hoan thanh", dt.date(2025, 12, 31)),
])
def test_the_deadline_grammar_reads_a_phrase_typed_without_diacritics(phrase, expected):
    ctx = DateContext(ref_date=dt.date(2025, 9, 10), anchor=dt.date(2025, 9, 10))
    got = pick_deadline(phrase, ctx)
    assert got is not None and got.date == expected


@pytest.mark.parametrize("phrase", [
    "ket qua dat duoc trong 6 thang dau nam 2025",  # a past period
    "theo Ke hoach so 80/KH-UBND ngay 24/11/2025",  # a cited document's date
    "quy hoach giai doan 2021 - 2025",              # a scope
])
def test_distractors_typed_without_diacritics_are_no_deadline(phrase):
    assert pick_deadline(phrase, DateContext(ref_date=dt.date(2025, 9, 10), anchor=dt.date(2025, 9, 10))) is None
