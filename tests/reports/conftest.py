"""A quarter whose tasks' history crosses the as-of date: Q3 2026, read on 5 October and later."""
from datetime import date, datetime, time

import pytest
from django.utils import timezone

from tracker import services
from tracker.models import Task

Q3_AS_OF = date(2026, 10, 5)


def at(day: date):
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def event(task: Task, day: date, reason: str = "Cập nhật", **fields) -> Task:
    """Save a change the way the app does (a history row), dated `day` as it happened then."""
    for name, value in fields.items():
        setattr(task, name, value)
    task._change_reason = reason
    task.save()
    task.history.filter(history_id=task.history.latest().history_id).update(history_date=at(day))
    return task


def created(lead, day: date, due: date | None, title: str, supports=()) -> Task:
    task = services.create_task(title=title, lead=lead, supports=list(supports), due_date=due)
    task.history.update(history_date=at(day))
    task.refresh_from_db()
    return task


@pytest.fixture
def quarter(unit_a, unit_b, office_user):
    """Unit A: 1 on time, 1 late, 2 overdue as of 5/10 (one done and one extended afterwards); unit B the rest."""
    jun = date(2026, 6, 15)
    t = {}
    t["on_time"] = created(unit_a, jun, date(2026, 8, 31), "Rà soát quy hoạch cán bộ")
    event(t["on_time"], date(2026, 8, 20), status=Task.Status.DONE, completed_on=date(2026, 8, 20))
    t["late"] = created(unit_a, jun, date(2026, 7, 31), "Sơ kết công tác tuyên giáo")
    event(t["late"], date(2026, 9, 10), status=Task.Status.DONE, completed_on=date(2026, 9, 10))
    t["done_after"] = created(unit_a, jun, date(2026, 9, 15), "Báo cáo chuyển đổi số", supports=[unit_b])
    event(t["done_after"], date(2026, 11, 2), status=Task.Status.DONE, completed_on=date(2026, 11, 2))
    t["extended_after"] = created(unit_a, jun, date(2026, 9, 20), "Hoàn thiện đề án giải phóng mặt bằng")
    event(t["extended_after"], date(2026, 10, 20), due_date=date(2026, 12, 31))
    t["cancelled"] = created(unit_a, jun, date(2026, 8, 1), "Khảo sát đã huỷ")
    event(t["cancelled"], date(2026, 7, 15), status=Task.Status.CANCELLED)
    t["created_after"] = created(unit_a, date(2026, 10, 20), date(2026, 9, 30), "Giao sau ngày số liệu")
    t["early"] = created(unit_b, jun, date(2026, 12, 31), "Kiểm tra an toàn thực phẩm")
    event(t["early"], date(2026, 9, 1), status=Task.Status.DONE, completed_on=date(2026, 9, 1))
    t["open_later"] = created(unit_b, jun, date(2026, 12, 31), "Đề án y tế cơ sở")
    t["carried"] = created(unit_b, date(2026, 5, 1), date(2026, 6, 30), "Tổng kết y tế dự phòng")
    t["no_deadline"] = created(unit_b, jun, None, "Thường xuyên kiểm tra")
    return t
