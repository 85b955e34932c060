"""A hung Redis and a hung SMTP server (both paused with SIGSTOP) cannot fail a saved action.

The web actions that send email (confirm a completion, decide an extension, publish, "gửi
đôn đốc ngay") each return at once with their change saved while both servers hang; after
they resume, every email is delivered exactly once. A worker killed while the mail server
hangs leaves claimed emails that a restarted worker sends by itself (no beat, no flush).
"""
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from ingest.models import Communique, DirectiveOwner
from tests.factories import UnitFactory, UserFactory
from tests.ingest.conftest import make_communique
from tests.reminders.smtp import free_port
from tracker import services as tracker_services
from tracker.models import ExtensionRequest, OutboxMessage, Task, User
from tracker.reminders import sweep as sweeping
from tracker.reminders.tasks import flush_outbox
from tracker.selectors import local_today

from .conftest import ROOT, Worker, wait_for

pytestmark = pytest.mark.services
State = OutboxMessage.State
ACTION_BOUND = 2.0  # seconds: what a user waits at most for a saved action, whatever hangs behind it


class PausableSmtp:
    def __init__(self, workdir):
        self.port = free_port()
        self.log = workdir / f"smtp-{self.port}.jsonl"
        self.log.touch()
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.reminders.smtp_process", str(self.port),
                                      str(self.log)], cwd=ROOT, stdout=subprocess.PIPE, start_new_session=True)
        assert self.proc.stdout.readline().strip() == b"ready"

    def received(self) -> list[dict]:
        return [json.loads(line) for line in self.log.read_text().splitlines() if line.strip()]

    def stop(self):
        os.kill(self.proc.pid, signal.SIGCONT)
        self.proc.terminate()
        self.proc.wait(10)


@pytest.fixture
def hung_smtp(tmp_path):
    server = PausableSmtp(tmp_path)
    yield server
    server.stop()


@contextmanager
def paused(*pids):
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)


@pytest.fixture
def own_worker(worker_env, hung_smtp, tmp_path, shared_worker):
    """A worker that mails to the pausable SMTP server (the package's worker is stopped meanwhile)."""
    shared_worker.stop()
    env = {**worker_env, "EMAIL_PORT": str(hung_smtp.port), "EMAIL_TIMEOUT": "2"}
    started = []

    def make():
        w = Worker(env, tmp_path).start()
        started.append(w)
        return w

    yield make
    for w in started:
        w.stop()


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def test_actions_return_saved_while_redis_and_smtp_hang(smtp, redis_server, hung_smtp, own_worker, settings):
    settings.EMAIL_PORT = hung_smtp.port
    own_worker()
    office_unit = UnitFactory(name="Văn phòng Tỉnh ủy", code="VPTU", email="vptu@tinh.vn")
    lead = UnitFactory(name="Ban Dân vận Tỉnh ủy", email="bdv@tinh.vn", head_email="truongban.bdv@tinh.vn")
    office = UserFactory(username="hung_office", unit=office_unit, role=User.Role.OFFICE, is_staff=True,
                         is_superuser=True, email="")
    staff = UserFactory(username="hung_staff", unit=lead, role=User.Role.UNIT_STAFF, email="canbo.bdv@tinh.vn")
    awaiting = tracker_services.create_task(title="Chờ xác nhận", lead=lead, due_date=local_today())
    Task.objects.filter(pk=awaiting.pk).update(status=Task.Status.AWAITING, completed_on=local_today())
    extended = tracker_services.create_task(title="Xin gia hạn", lead=lead, due_date=local_today())
    extension = tracker_services.request_extension(extended, staff, new_due_date=local_today() + timedelta(days=30),
                                                   reason="Chờ số liệu")
    late = tracker_services.create_task(title="Quá hạn", lead=lead, due_date=local_today() - timedelta(days=9))
    draft = make_communique(directives=[{"text": "Giao Ban Dân vận Tỉnh ủy chủ trì tổng kết công tác dân vận.",
                                         "review": "accepted",
                                         "owners": [("Ban Dân vận Tỉnh ủy", DirectiveOwner.Role.LEAD, lead)]}],
                            number="21-TB/TU")
    client = Client()
    client.force_login(office)
    versions = {t.pk: Task.objects.get(pk=t.pk).version for t in (awaiting, extended)}

    with paused(redis_server.proc.pid, hung_smtp.proc.pid):
        actions = {
            "confirm": lambda: client.post(reverse("tracker:confirm", args=[awaiting.pk]),
                                           {"decision": "accept", "version": versions[awaiting.pk]}),
            "extension": lambda: client.post(reverse("tracker:extension_decision", args=[extended.pk, extension.pk]),
                                             {"decision": "approve", "version": versions[extended.pk]}),
            "publish": lambda: client.post(reverse("ingest:publish", args=[draft.pk])),
            "escalate": lambda: client.post(reverse("admin:tracker_task_changelist"),
                                            {"action": "send_escalation_now_action", "_selected_action": [late.pk]}),
        }
        took = {}
        for name, action in actions.items():
            response, took[name] = timed(action)
            assert response.status_code == 302, (name, response.content[:500])
        # every change is saved, and its email waits in the outbox
        assert Task.objects.get(pk=awaiting.pk).status == Task.Status.DONE
        assert ExtensionRequest.objects.get(pk=extension.pk).state == ExtensionRequest.State.APPROVED
        assert Task.objects.get(pk=extended.pk).due_date == extension.new_due_date
        assert Communique.objects.get(pk=draft.pk).state == Communique.State.PUBLISHED
        assert OutboxMessage.objects.filter(ref=f"task:{late.pk}", kind=OutboxMessage.Kind.ESCALATION).exists()
        expected = OutboxMessage.objects.count()
        assert expected >= 4
        assert all(seconds < ACTION_BOUND for seconds in took.values()), took
        time.sleep(3)  # the worker, if it got a message before the pause, is stuck on the mail server
        assert hung_smtp.received() == []

    # Resumed: the beat's flush (every minute in production; here every second) sends what waited.
    # The office's "extension requested" email is skipped once the extension has been decided.
    settled = (State.SENT, State.SKIPPED)
    assert wait_for(lambda: OutboxMessage.objects.exclude(state__in=settled).count() == 0, timeout=120,
                    tick=lambda: flush_outbox.apply_async())
    assert set(OutboxMessage.objects.filter(state=State.SKIPPED).values_list("kind", flat=True)) <= {
        OutboxMessage.Kind.EXTENSION_REQUESTED}
    expected = OutboxMessage.objects.filter(state=State.SENT).count()
    assert expected >= 4
    time.sleep(2)  # room for a duplicate to show up
    received = hung_smtp.received()
    ids = [m["message_id"] for m in received]
    assert len(ids) == len(set(ids)) == expected, "every email exactly once"
    assert sorted(OutboxMessage.objects.filter(state=State.SENT).values_list("message_id", flat=True)) == sorted(ids)
    print("\naction times with Redis and SMTP paused: " + ", ".join(f"{k} {v:.2f}s" for k, v in took.items()))


def test_restarted_worker_sends_pending_and_expired_claims_by_itself(smtp, hung_smtp, own_worker, settings):
    settings.EMAIL_PORT = hung_smtp.port
    units = [UnitFactory(name=f"Ban Thử {i}", email=f"thu{i}@tinh.vn") for i in range(3)]
    for u in units:
        tracker_services.create_task(title="Đến hạn hôm nay", lead=u, due_date=local_today())
    worker = own_worker()
    with paused(hung_smtp.proc.pid):
        sweeping.sweep()  # enqueued on commit: the worker claims the rows and hangs on SMTP
        assert wait_for(lambda: OutboxMessage.objects.filter(state=State.SENDING).exists(), timeout=20)
        worker.kill()  # no cleanup: its rows stay claimed until their lease runs out
        assert OutboxMessage.objects.filter(state=State.SENDING).exists()
    started = time.monotonic()
    own_worker()  # no beat, no flush: only the worker's own start-up catch-up
    assert wait_for(lambda: len(hung_smtp.received()) >= 3, timeout=60)
    assert wait_for(lambda: OutboxMessage.objects.exclude(state=State.SENT).count() == 0, timeout=20)
    ids = [m["message_id"] for m in hung_smtp.received()]
    assert len(ids) == len(set(ids)) == 3
    print(f"\nrestarted worker delivered the held emails in {time.monotonic() - started:.1f}s")
