"""Tracker fixtures: tasks made the way the app makes them (services.create_task), a published communiqué."""
from datetime import date, timedelta

import pytest

from ingest.models import Communique, Directive
from tracker import selectors, services

COMMUNIQUE_TEXT = (
    "THÔNG BÁO KẾT LUẬN của Ban Thường vụ Tỉnh uỷ về tình hình kinh tế - xã hội.\n"
    "I. Đánh giá chung\nBan Thường vụ Tỉnh uỷ ghi nhận kết quả đạt được trong 6 tháng đầu năm. "
    "Tuy nhiên, tiến độ giải ngân vốn đầu tư công còn chậm, một số dự án trọng điểm còn vướng mắc.\n"
    "II. Nhiệm vụ trong thời gian tới\n"
    "1. Giao Ban Tổ chức Tỉnh uỷ chủ trì, phối hợp Sở Y tế rà soát đội ngũ cán bộ ngành y tế, "
    "báo cáo Thường trực Tỉnh uỷ trước ngày 30/9/2025.\n"
    "2. Giao Đảng đoàn Hội đồng nhân dân tỉnh lãnh đạo kỳ họp chuyên đề về đầu tư công.\n"
    + "Các đơn vị tổ chức thực hiện nghiêm túc, báo cáo kết quả về Văn phòng Tỉnh uỷ. " * 8
)
SENTENCE = ("Giao Ban Tổ chức Tỉnh uỷ chủ trì, phối hợp Sở Y tế rà soát đội ngũ cán bộ ngành y tế, "
            "báo cáo Thường trực Tỉnh uỷ trước ngày 30/9/2025.")


@pytest.fixture
def today():
    return selectors.local_today()


@pytest.fixture
def communique(db):
    return Communique.objects.create(
        number="15-TB/TU", title="Kết luận của Ban Thường vụ Tỉnh uỷ", meeting_date=date(2025, 7, 1),
        text=COMMUNIQUE_TEXT, content_hash="test-hash-15", state=Communique.State.PUBLISHED,
    )


@pytest.fixture
def directive(communique):
    start = COMMUNIQUE_TEXT.index(SENTENCE)
    return Directive.objects.create(communique=communique, order=1, text=SENTENCE, start=start,
                                    end=start + len(SENTENCE), review=Directive.Review.ACCEPTED,
                                    deadline_phrase="trước ngày 30/9/2025")


@pytest.fixture
def make_task(db):
    """create_task, then (optionally) force a status the way a past workflow would have left it."""

    def _make(lead, *, title="Rà soát đội ngũ cán bộ", supports=(), due=None, status=None, completed_on=None,
              directive=None, deadline_phrase="", user=None):
        task = services.create_task(title=title, lead=lead, supports=list(supports), due_date=due,
                                    directive=directive, deadline_phrase=deadline_phrase, user=user)
        if status is not None:
            task.status, task.completed_on = status, completed_on
            task.save(update_fields=["status", "completed_on"])  # a save, so the closed-task tally follows
        task.refresh_from_db()
        return task

    return _make


@pytest.fixture
def task_a(make_task, unit_a, unit_b, directive, today):
    """Unit A leads, unit B supports; due in 20 days."""
    return make_task(unit_a, title=SENTENCE, supports=[unit_b], due=today + timedelta(days=20),
                     directive=directive, deadline_phrase="trước ngày 30/9/2025")


@pytest.fixture
def task_c(make_task, today):
    """A task of a third unit that neither A nor B staff may see."""
    from tests.factories import UnitFactory

    return make_task(UnitFactory(name="Sở Tài chính"), title="Cân đối ngân sách cho Đảng bộ",
                     due=today + timedelta(days=3))
