"""A status change and an extension decision racing on one task: neither write may be lost."""
import json
import os
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings

from tracker import services
from tracker.models import ExtensionRequest, Task

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_interleaved_status_change_and_extension_decision_both_survive(office_user, staff_a, task_a, today):
    """Deterministic interleaving in one thread: both services start from the same stale Task object
    (as two requests that loaded the page at the same time would). Each service re-reads the row under
    its lock and saves only its own fields, so the later save does not write back the stale due date
    or status. This runs on the suite's in-memory SQLite; the threaded test below covers real overlap."""
    stale_for_status = Task.objects.get(pk=task_a.pk)
    ext = services.request_extension(task_a, staff_a, new_due_date=today + timedelta(days=90), reason="Chờ vốn")
    stale_ext = ExtensionRequest.objects.get(pk=ext.pk)

    services.decide_extension(stale_ext, office_user, approve=True)
    services.update_task(stale_for_status, office_user, status=Task.Status.CANCELLED, reason="Tạm dừng")

    task_a.refresh_from_db()
    assert task_a.status == Task.Status.CANCELLED
    assert task_a.due_date == today + timedelta(days=90)
    reasons = list(task_a.history.values_list("history_change_reason", flat=True))
    assert any(r.startswith("Gia hạn đến") for r in reasons)
    assert any(r.startswith("Đổi trạng thái") for r in reasons)


RACE = textwrap.dedent('''
    import json, threading, time
    from datetime import timedelta
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    call_command("migrate", verbosity=0)
    from tracker import selectors, services
    from tracker.models import ExtensionRequest, Task, Unit, User

    office_unit = Unit.objects.create(name="Văn phòng Tỉnh ủy", code="VPTU")
    unit = Unit.objects.create(name="Ban Tổ chức Tỉnh ủy", code="BTC")
    office = User.objects.create_user("vp", password="x-123-abc", unit=office_unit, role="office")
    staff = User.objects.create_user("cb", password="x-123-abc", unit=unit, role="unit_staff")
    today = selectors.local_today()
    task = services.create_task(title="Rà soát", lead=unit, due_date=today + timedelta(days=10))
    ext = services.request_extension(task, staff, new_due_date=today + timedelta(days=90), reason="Lý do")
    stale_task, stale_ext = Task.objects.get(pk=task.pk), ExtensionRequest.objects.get(pk=ext.pk)

    # Hold each writer inside its transaction for a while so the two really overlap.
    original_save = services._save
    def slow_save(*args, **kwargs):
        time.sleep(0.3)
        original_save(*args, **kwargs)
    services._save = slow_save

    barrier, errors, spans = threading.Barrier(2), [], {}
    def run(name, fn):
        try:
            barrier.wait()
            start = time.monotonic()
            fn()
            spans[name] = (start, time.monotonic())
        except Exception as exc:  # reported to the test
            errors.append(f"{name}: {exc!r}")
        finally:
            connection.close()
    threads = [
        threading.Thread(target=run, args=("status", lambda: services.update_task(stale_task, office, status="cancelled"))),
        threading.Thread(target=run, args=("extension", lambda: services.decide_extension(stale_ext, office, approve=True))),
    ]
    for t in threads: t.start()
    for t in threads: t.join()
    task.refresh_from_db()
    print(json.dumps({"status": task.status, "due": task.due_date.isoformat(),
                      "expected_due": (today + timedelta(days=90)).isoformat(),
                      "ext_state": ExtensionRequest.objects.get(pk=ext.pk).state, "errors": errors,
                      "spans": spans}))
''')


def test_threads_on_file_sqlite_both_writes_survive(tmp_path):
    """Real threads need a file database: the suite's in-memory shared-cache SQLite fails lockers at once
    ("database table is locked") instead of waiting. So a child process migrates a fresh SQLite file and
    runs set_status and decide_extension in two threads, each held 0.3 s inside its transaction; the
    IMMEDIATE transactions make the second writer wait, and both changes must be in the final row."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE, "MEDIA_ROOT": str(tmp_path / "media")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run([sys.executable, "-c", RACE], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    assert result["status"] == "cancelled"
    assert result["due"] == result["expected_due"]
    assert result["ext_state"] == "approved"
    (a_start, a_end), (b_start, b_end) = result["spans"]["status"], result["spans"]["extension"]
    assert a_start < b_end and b_start < a_end  # the two calls did overlap in time
