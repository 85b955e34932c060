"""On the demo data of load_seeds (dated relative to today), today's sweep produces reminders once."""
import re

import pytest
from django.core.management import call_command

from tracker.models import OutboxMessage, ReminderSweep
from tracker.selectors import local_today

pytestmark = pytest.mark.django_db


def test_send_reminders_on_seed_data(capsys, mailoutbox):
    call_command("load_seeds")
    capsys.readouterr()
    today = local_today()
    before = OutboxMessage.objects.count()
    call_command("send_reminders", "--date", today.isoformat(), "--dry-run")
    out = capsys.readouterr().out
    assert "Nhắc hạn hằng ngày" in out and "/nhiem-vu/" in out
    assert OutboxMessage.objects.count() == before and not ReminderSweep.objects.exists()  # wrote nothing
    assert mailoutbox == []

    call_command("send_reminders", "--date", today.isoformat())
    digests = [m for m in mailoutbox if f"Nhắc hạn nhiệm vụ ngày {today:%d/%m/%Y}" in m.subject]
    assert digests, capsys.readouterr().out
    assert all(m.alternatives and "/nhiem-vu/" in m.body for m in digests)
    sent = len(mailoutbox)
    call_command("send_reminders", "--date", today.isoformat())
    assert "Đã gửi 0 email" in capsys.readouterr().out
    assert len(mailoutbox) == sent
    # No escalation storm: nothing in the demo is late by more than a few months.
    late = [int(n) for m in mailoutbox for n in re.findall(r"quá hạn (\d+) ngày", m.subject)]
    assert all(n < 120 for n in late), late
