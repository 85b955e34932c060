"""The sender honours Celery's time limits and a hung mail server costs one timeout per email."""
import socket
import time

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.core.mail.backends import locmem

from tracker.models import OutboxMessage
from tracker.reminders import outbox
from tracker.reminders.sweep import sweep

from .conftest import D, days

pytestmark = pytest.mark.django_db
State = OutboxMessage.State


def test_soft_time_limit_in_send_gives_the_rows_back_never_fails_them(units, make_task, no_enqueue, monkeypatch):
    make_task(units["a"], D + days(3))
    make_task(units["b"], D + days(1))
    sweep(D)
    held = OutboxMessage.objects.count()
    assert held >= 2

    def time_is_up(self, messages):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", time_is_up)
    with pytest.raises(SoftTimeLimitExceeded):  # not swallowed: Celery sees its limit
        outbox.send_pending()
    rows = list(OutboxMessage.objects.all())
    assert {r.state for r in rows} == {State.PENDING}  # given back, none marked failed
    assert all(r.claim_token == "" and r.claimed_until is None for r in rows)

    monkeypatch.undo()
    assert outbox.send_pending().sent == held
    assert len(mail.outbox) == held


def test_a_mail_server_that_never_answers_costs_one_timeout_and_a_retry(units, make_task, no_enqueue, settings):
    hung = socket.socket()
    hung.bind(("127.0.0.1", 0))
    hung.listen(8)  # accepts connections into the backlog, never says hello: a hung server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", hung.getsockname()[1], 1
    settings.EMAIL_USE_TLS = False
    try:
        make_task(units["a"], D + days(3))
        sweep(D)
        started = time.monotonic()
        stats = outbox.send_pending(max_messages=1)
        elapsed = time.monotonic() - started
    finally:
        hung.close()
    assert stats.retrying == 1 and stats.failed == 0
    row = OutboxMessage.objects.filter(attempts=1).get()
    assert row.state == State.PENDING and "tạm thời" in row.last_error
    assert elapsed < 1.9, f"one connection attempt, not two ({elapsed:.1f}s)"
