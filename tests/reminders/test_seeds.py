"""On the demo data of load_seeds, a date a few days before the seed deadlines produces reminders."""
import pytest
from django.core.management import call_command

from tracker.models import OutboxMessage, ReminderSweep

pytestmark = pytest.mark.django_db


def test_send_reminders_on_seed_data(capsys, mailoutbox):
    call_command("load_seeds")
    capsys.readouterr()
    before = OutboxMessage.objects.count()
    call_command("send_reminders", "--date", "2021-12-28", "--dry-run")
    out = capsys.readouterr().out
    assert "Nhắc hạn hằng ngày" in out and "/nhiem-vu/" in out
    assert OutboxMessage.objects.count() == before and not ReminderSweep.objects.exists()  # wrote nothing
    assert mailoutbox == []

    call_command("send_reminders", "--date", "2021-12-28")
    digests = [m for m in mailoutbox if "Nhắc hạn nhiệm vụ ngày 28/12/2021" in m.subject]
    assert digests, capsys.readouterr().out
    assert all(m.alternatives and "/nhiem-vu/" in m.body for m in digests)
    sent = len(mailoutbox)
    call_command("send_reminders", "--date", "2021-12-28")
    assert "Đã gửi 0 email" in capsys.readouterr().out
    assert len(mailoutbox) == sent
