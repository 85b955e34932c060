"""load_seeds gives a new user a real province a few months in, and a second run changes nothing."""
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command

from ingest.models import Communique, Directive
from tracker import selectors
from tracker.models import ExtensionRequest, Task, Timeliness, Unit, UnitAlias, User

pytestmark = pytest.mark.django_db


def _counts():
    return {model.__name__: model.objects.count()
            for model in (Unit, UnitAlias, User, Communique, Directive, Task, ExtensionRequest)}


@pytest.fixture
def demo(settings, capsys):
    settings.DONDOC_PROVINCE = "Hà Tĩnh"
    call_command("load_seeds")
    return capsys.readouterr().out


def test_demo_is_a_real_province_with_a_believable_mix(demo):
    assert "Hà Tĩnh: 69 xã, phường, đặc khu" in demo and "canbo.phuong" in demo
    assert not Unit.objects.filter(name__startswith="Huyện ủy").exists()
    assert Communique.objects.filter(state=Communique.State.PUBLISHED).count() == 5
    today = selectors.local_today()
    buckets = Counter(t.timeliness for t in selectors.with_timeliness(Task.objects.all(), today))
    for bucket in (Timeliness.DONE_ON_TIME, Timeliness.DONE_LATE, Timeliness.OVERDUE, Timeliness.ON_TRACK):
        assert buckets[bucket] > 0, buckets
    assert buckets[Timeliness.OVERDUE] < Task.objects.count() / 4  # not a wall of red
    assert Task.objects.filter(status=Task.Status.IN_PROGRESS).exists()
    assert Task.objects.filter(status=Task.Status.AWAITING).exists()
    assert ExtensionRequest.objects.filter(state=ExtensionRequest.State.PENDING).exists()
    # Dated relative to today: the oldest meeting a few months back, no deadline years ago.
    assert min(Communique.objects.values_list("meeting_date", flat=True)) >= today.replace(year=today.year - 1)
    assert min(Task.objects.exclude(due_date=None).values_list("due_date", flat=True)).year >= today.year - 1
    # Every state came through the services: each task's history starts with its assignment.
    assert all(t.history.earliest().history_change_reason == "Giao nhiệm vụ" for t in Task.objects.all()[:50])


def test_demo_logins_sit_in_current_units_with_work_to_do(demo):
    ward = User.objects.get(username="canbo.phuong")
    assert ward.unit.name.startswith("Đảng ủy phường ") and ward.unit.code.startswith("DU-")
    assert User.objects.get(username="canbo.sotaichinh").unit.name == "Sở Tài chính"
    statuses = {t.status for t in selectors.visible_tasks(ward)}
    assert {Task.Status.AWAITING, Task.Status.IN_PROGRESS} <= statuses
    assert selectors.visible_tasks(User.objects.get(username="canbo.sotaichinh")).exists()


def test_a_second_run_changes_nothing(demo):
    first = _counts()
    call_command("load_seeds")
    assert _counts() == first


def test_demo_history_is_dated_on_its_simulated_calendar(demo):
    """The demo passes each service the moment it happened (no clock patching): history and records agree."""
    from django.utils import timezone

    from tracker.models import ProgressReport

    week_ago = timezone.now() - timedelta(days=7)
    for communique in Communique.objects.all():
        assert communique.imported_at < communique.published_at < week_ago
        task = Task.objects.filter(directive__communique=communique).first()
        assert task.created_at == task.history.earliest().history_date == communique.published_at
    done = Task.objects.filter(status=Task.Status.DONE).exclude(completed_on=None).first()
    finished = done.history.filter(history_change_reason="Báo cáo hoàn thành").earliest()
    assert timezone.localdate(finished.history_date) == done.completed_on < selectors.local_today()
    assert ProgressReport.objects.filter(created_at__lt=week_ago).count() > ProgressReport.objects.count() / 2
    pending = ExtensionRequest.objects.filter(state=ExtensionRequest.State.PENDING).first()
    assert pending.requested_at == pending.history.earliest().history_date < timezone.now()
