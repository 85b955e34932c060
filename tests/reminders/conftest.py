"""Reminder fixtures: a few units with addresses and people, and helpers to build tasks."""
from datetime import date, timedelta

import pytest

from tests.factories import TaskFactory, UnitFactory, UserFactory
from tracker.models import TaskAssignment, User

D = date(2021, 12, 28)  # a day a few days before the seed deadlines (31/12/2021)


@pytest.fixture
def day():
    return D


@pytest.fixture
def no_enqueue(monkeypatch):
    """Unit tests must not publish to a broker: count enqueue requests instead."""
    calls = []
    from tracker.reminders import outbox

    monkeypatch.setattr(outbox, "_publish_send", lambda: calls.append(1))
    return calls


@pytest.fixture
def make_task(db):
    def _make(lead, due=None, *, supports=(), status=None, recurrence="", **kw):
        task = TaskFactory(lead_unit=lead, due_date=due, recurrence=recurrence, **kw)
        if status:
            task.status = status
            task.save(update_fields=["status"])
        for unit in supports:
            TaskAssignment.objects.create(task=task, unit=unit, role=TaskAssignment.Role.SUPPORT)
        return task

    return _make


@pytest.fixture
def units(db):
    """Two units with their own addresses and heads, one person each; a third unit with no address."""
    a = UnitFactory(name="Ban Tổ chức Tỉnh ủy", email="btc@tinh.vn", head_email="truongban.btc@tinh.vn")
    b = UnitFactory(name="Sở Y tế", email="syt@tinh.vn", head_email="giamdoc.syt@tinh.vn")
    c = UnitFactory(name="Huyện ủy Đông Sơn", email="")
    staff_a = UserFactory(username="cb_a", email="canbo.a@tinh.vn", unit=a, role=User.Role.UNIT_STAFF)
    staff_b = UserFactory(username="cb_b", email="canbo.b@tinh.vn", unit=b, role=User.Role.UNIT_STAFF)
    return {"a": a, "b": b, "c": c, "staff_a": staff_a, "staff_b": staff_b}


def days(n: int) -> timedelta:
    return timedelta(days=n)
