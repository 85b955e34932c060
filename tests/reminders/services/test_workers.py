"""End to end on real parts: Redis broker, Celery worker processes, SMTP, a shared SQLite file.

The sweep runs in this process and enqueues on commit to the real Redis; the
worker claims, renders and sends over SMTP; the tests read what the SMTP server
received. Faults: 4xx then recovery, 5xx, Redis stopped during a sweep, a worker
killed mid-batch, and several senders at once.
"""
import logging
from datetime import timedelta

import pytest

from tests.factories import TaskFactory, UnitFactory, UserFactory
from tracker.models import OutboxMessage, TaskAssignment, User
from tracker.reminders import outbox
from tracker.reminders import sweep as sweeping
from tracker.reminders.tasks import flush_outbox, send_pending
from tracker.selectors import local_today, visible_tasks

from .conftest import OFFICE_EMAIL, SITE_URL, wait_for

pytestmark = pytest.mark.services
State = OutboxMessage.State


def d(n):
    return local_today() + timedelta(days=n)


def unit(name, email, head=""):
    return UnitFactory(name=name, email=email, head_email=head)


def task(lead, due, supports=()):
    t = TaskFactory(lead_unit=lead, due_date=due)
    for s in supports:
        TaskAssignment.objects.create(task=t, unit=s, role=TaskAssignment.Role.SUPPORT)
    return t


def states():
    return sorted(OutboxMessage.objects.values_list("state", flat=True))


def test_end_to_end_digest_and_escalation(worker, smtp):
    a = unit("Ban Tuyên giáo Tỉnh ủy", "btg@tinh.vn", "truongban.btg@tinh.vn")
    b = unit("Sở Giáo dục và Đào tạo", "sgd@tinh.vn")
    staff_a = UserFactory(username="e2e_a", email="canbo.btg@tinh.vn", unit=a, role=User.Role.UNIT_STAFF)
    staff_b = UserFactory(username="e2e_b", email="canbo.sgd@tinh.vn", unit=b, role=User.Role.UNIT_STAFF)
    late, today, soon = task(a, d(-1)), task(a, d(0)), task(a, d(3))
    shared = task(a, d(7), supports=[b])
    b_only = task(b, d(1))
    escalated = task(a, d(-7))
    task(a, d(5))  # no milestone today
    result = sweeping.sweep()  # commits, then publishes to Redis
    assert result.messages == 5

    assert wait_for(lambda: len(smtp.messages) >= 5), "not delivered"
    by_rcpt = {m.rcpt_tos[0]: m for m in smtp.messages}
    assert sorted(by_rcpt) == sorted(["btg@tinh.vn", "canbo.btg@tinh.vn", "sgd@tinh.vn", "canbo.sgd@tinh.vn",
                                      "truongban.btg@tinh.vn"])
    expect_a = {late.pk, today.pk, soon.pk, shared.pk, escalated.pk}
    assert by_rcpt["canbo.btg@tinh.vn"].task_ids == expect_a
    assert by_rcpt["btg@tinh.vn"].task_ids == expect_a
    assert by_rcpt["canbo.sgd@tinh.vn"].task_ids == {shared.pk, b_only.pk}
    # permissions: every listed task is one the recipient may see
    for user in (staff_a, staff_b):
        assert by_rcpt[user.email].task_ids <= set(visible_tasks(user).values_list("pk", flat=True))
    digest = by_rcpt["canbo.btg@tinh.vn"]
    assert digest.subject == (f"[dondoc] Nhắc hạn nhiệm vụ ngày {local_today():%d/%m/%Y}: "
                              "2 quá hạn, 1 đến hạn hôm nay, 2 sắp đến hạn")
    assert f"{SITE_URL}/nhiem-vu/{late.pk}/" in digest.html and f"{SITE_URL}/nhiem-vu/{late.pk}/" in digest.text
    esc = by_rcpt["truongban.btg@tinh.vn"]
    assert esc.rcpt_tos == ["truongban.btg@tinh.vn", OFFICE_EMAIL] and str(esc.message["cc"]) == OFFICE_EMAIL
    assert esc.task_ids == {escalated.pk} and "quá hạn 7 ngày" in esc.subject and "giải trình" in esc.text
    assert wait_for(lambda: states() == [State.SENT] * 5)
    assert set(OutboxMessage.objects.values_list("message_id", flat=True)) == {
        str(m.message["Message-ID"]) for m in smtp.messages}


def test_sweep_twice_and_several_senders_deliver_exactly_once(worker, smtp, celery_app):
    units = [unit(f"Đơn vị song song {i}", f"dv{i}@tinh.vn") for i in range(24)]
    for i, u in enumerate(units):
        UserFactory(username=f"ss{i}", email=f"cb{i}@tinh.vn", unit=u)
        task(u, d(3))
    smtp.rcpt_delay = 0.02
    first, second = sweeping.sweep(), sweeping.sweep()
    assert first.messages == 48 and second.already
    for _ in range(4):  # more senders than rows need: they compete for the same rows
        send_pending.apply_async()
    local = outbox.send_pending()  # and this process too
    assert wait_for(lambda: len(smtp.messages) >= 48, timeout=60)
    assert wait_for(lambda: states() == [State.SENT] * 48, timeout=20)
    rcpts = [m.rcpt_tos[0] for m in smtp.messages]
    assert len(rcpts) == len(set(rcpts)) == 48
    assert local.sent < 48  # the workers took part
    assert OutboxMessage.objects.filter(attempts=1).count() == 48


def test_smtp_4xx_then_recovers_and_5xx_is_permanent(worker, smtp):
    u = unit("Sở Tài chính", "stc@tinh.vn")
    UserFactory(username="tc1", email="canbo.stc@tinh.vn", unit=u)
    UserFactory(username="tc2", email="khongton.tai@tinh.vn", unit=u)
    task(u, d(1))
    smtp.tempfail = 3  # the first three deliveries: 451
    smtp.reject = {"khongton.tai@tinh.vn"}
    sweeping.sweep()
    assert wait_for(lambda: len(smtp.messages) >= 2, timeout=40), states()
    assert wait_for(lambda: OutboxMessage.objects.filter(state__in=[State.SENT, State.FAILED]).count() == 3)
    assert sorted(m.rcpt_tos[0] for m in smtp.messages) == ["canbo.stc@tinh.vn", "stc@tinh.vn"]
    sent = OutboxMessage.objects.filter(state=State.SENT)
    assert sent.count() == 2 and any(r.attempts > 1 and "451" in r.last_error for r in sent)
    failed = OutboxMessage.objects.get(recipient="khongton.tai@tinh.vn")
    assert failed.state == State.FAILED and "550" in failed.last_error
    import time

    time.sleep(2)
    assert len(smtp.messages) == 2  # nothing more: no duplicate, no retry of the 5xx


def test_redis_stopped_during_sweep_nothing_lost(worker, smtp, redis_server, celery_app, caplog):
    us = [unit(f"Ban Redis {i}", f"redis{i}@tinh.vn") for i in range(3)]
    for u in us:
        task(u, d(0))
    redis_server.stop()
    try:
        with caplog.at_level(logging.WARNING, logger="tracker.reminders"):
            result = sweeping.sweep()  # the web app keeps working: the enqueue failure is logged
            outbox.wait_for_publishing()  # published from a background thread
        assert result.messages == 3
        assert "flush_outbox" in caplog.text
        assert OutboxMessage.objects.filter(state=State.PENDING).count() == 3
    finally:
        redis_server.start()
    # the beat's flush_outbox, every tick until delivered
    assert wait_for(lambda: len(smtp.messages) >= 3, timeout=60, tick=lambda: _try(flush_outbox.apply_async))
    assert wait_for(lambda: states() == [State.SENT] * 3)
    assert sorted(m.rcpt_tos[0] for m in smtp.messages) == ["redis0@tinh.vn", "redis1@tinh.vn", "redis2@tinh.vn"]


def test_worker_killed_mid_batch_no_duplicate_nothing_lost(shared_worker, worker_factory, smtp):
    shared_worker.stop()  # this test decides which worker sends
    victim = worker_factory(pool="solo", concurrency=1).start()
    us = [unit(f"Ban Kill {i}", f"kill{i}@tinh.vn") for i in range(6)]
    for u in us:
        task(u, d(3))
    smtp.rcpt_delay = 0.4
    sweeping.sweep()
    assert wait_for(lambda: len(smtp.messages) >= 2, timeout=30), victim.log()
    smtp.in_rcpt.clear()
    assert smtp.in_rcpt.wait(10)  # the third message is being sent
    victim.kill()
    delivered_before = len(smtp.messages)
    assert 2 <= delivered_before < 6
    assert OutboxMessage.objects.filter(state=State.SENDING).exists()  # held by the dead worker's lease

    smtp.rcpt_delay = 0
    shared_worker.start()
    assert wait_for(lambda: len(smtp.messages) >= 6, timeout=40, tick=lambda: _try(flush_outbox.apply_async))
    assert wait_for(lambda: states() == [State.SENT] * 6)
    rcpts = sorted(m.rcpt_tos[0] for m in smtp.messages)
    assert rcpts == sorted(f"kill{i}@tinh.vn" for i in range(6))  # each exactly once
    assert OutboxMessage.objects.filter(attempts=2).count() == 6 - delivered_before


def _try(func):
    try:
        func()
    except Exception:  # noqa: BLE001 - the broker may still be coming back
        pass
