"""Benchmark of the reminder sweep and sending (prints figures; not a test).

    python bench/bench_reminders.py [--tasks 100000] [--units 300] [--keep]

On a throwaway SQLite file: 300 units (each with its own address and one staff
member), open tasks with deadlines spread over two years around today. It sweeps
a first 10% of the tasks, then all of them, to show the query count does not grow
with the number of tasks; then sends the outbox to a local aiosmtpd server.
"""
import argparse
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(args) -> Path:
    """Django on a throwaway SQLite file (the imports below need it set up first)."""
    workdir = Path(tempfile.mkdtemp(prefix="dondoc-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["REDIS_URL"] = "memory://"  # the sweep's on-commit enqueue is not what is measured
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return workdir


def _units(n: int) -> list:
    from tracker.folding import fold
    from tracker.models import Unit, User

    Unit.objects.bulk_create([Unit(name=f"Đơn vị {i:03d}", folded_name=fold(f"Đơn vị {i:03d}"), code=f"dv{i:03d}",
                                   email=f"dv{i:03d}@tinh.vn", head_email=f"thutruong{i:03d}@tinh.vn")
                              for i in range(n)], batch_size=500)
    units = list(Unit.objects.order_by("pk"))
    User.objects.bulk_create([User(username=f"cb{u.pk}", email=f"canbo{u.pk}@tinh.vn", unit=u,
                                   role=User.Role.UNIT_STAFF, password="!") for u in units], batch_size=500)
    return units


def _create_tasks(n: int, offset: int, units: list, rng: random.Random, today) -> None:
    """n open tasks due within a year either side of today, one in five with a support unit."""
    from tracker.models import Task, TaskAssignment

    tasks = [Task(title=f"Nhiệm vụ thử số {offset + i}", lead_unit=rng.choice(units),
                  due_date=today + timedelta(days=rng.randint(-365, 365)),
                  status=rng.choice(Task.OPEN_STATUSES)) for i in range(n)]
    for t in tasks:
        t.original_due_date = t.due_date
    Task.objects.bulk_create(tasks, batch_size=2000)
    created = Task.objects.filter(pk__gt=Task.objects.order_by("-pk").values_list("pk", flat=True)[n]
                                  if Task.objects.count() > n else 0)
    links = []
    for pk, lead in created.values_list("pk", "lead_unit_id"):
        links.append(TaskAssignment(task_id=pk, unit_id=lead, role="lead"))
        if rng.random() < 0.2:
            other = rng.choice(units).pk
            if other != lead:
                links.append(TaskAssignment(task_id=pk, unit_id=other, role="support"))
    TaskAssignment.objects.bulk_create(links, batch_size=5000)


def _timed_sweep(day):
    """The sweep of `day`: its result, wall time and SQL query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tracker.reminders import sweep as sweeping

    with CaptureQueriesContext(connection) as queries:
        t = time.perf_counter()
        result = sweeping.sweep(day, enqueue=False)
        wall = time.perf_counter() - t
    return result, wall, len(queries.captured_queries)


def _timed_sending(today):
    """Send today's outbox to an aiosmtpd Sink in its own process: stats, wall time, query count."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tracker.models import OutboxMessage
    from tracker.reminders import outbox

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    smtpd = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
                              "-c", "aiosmtpd.handlers.Sink"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
        settings.EMAIL_TIMEOUT = 10
        OutboxMessage.objects.exclude(local_date=today).delete()  # send today's sweep only
        with CaptureQueriesContext(connection) as queries:
            t = time.perf_counter()
            stats = outbox.send_pending()
            wall = time.perf_counter() - t
    finally:
        smtpd.terminate()
        smtpd.wait(10)
    return stats, wall, len(queries.captured_queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file")
    args = parser.parse_args()

    t0 = time.perf_counter()
    workdir = _setup(args)
    from tracker.models import OutboxMessage, ReminderItem, Task, User
    from tracker.selectors import local_today

    rng = random.Random(20211228)
    units = _units(args.units)
    today = local_today()
    first_batch = args.tasks // 10
    _create_tasks(first_batch, 0, units, rng, today)
    small_day = today - timedelta(days=1)  # yesterday: today's sweep is then an ordinary daily one
    _, small_wall, small_queries = _timed_sweep(small_day)
    small_items = ReminderItem.objects.filter(local_date=small_day).count()

    _create_tasks(args.tasks - first_batch, first_batch, units, rng, today)
    setup_wall = time.perf_counter() - t0
    n_tasks = Task.objects.count()
    result, big_wall, big_queries = _timed_sweep(today)
    rows = OutboxMessage.objects.filter(local_date=today).count()
    items = ReminderItem.objects.filter(local_date=today).count()

    print(f"Dữ liệu: {n_tasks} nhiệm vụ mở, {len(units)} đơn vị, {User.objects.count()} cán bộ "
          f"(tạo trong {setup_wall:.1f} s), SQLite {workdir / 'bench.sqlite3'}")
    print(f"Quét {first_batch} nhiệm vụ: {small_wall:.2f} s, {small_queries} truy vấn SQL, {small_items} mục")
    print(f"Quét {n_tasks} nhiệm vụ: {big_wall:.2f} s, {big_queries} truy vấn SQL, "
          f"{items} mục nhắc ({result.items} nhắc hạn, {result.escalations} đôn đốc), {rows} dòng outbox")

    stats, send_wall, send_queries = _timed_sending(today)
    lines = ReminderItem.objects.filter(local_date=today, kind="reminder").count()
    print(f"Gửi: {stats.sent} email ({stats.skipped} bỏ qua, {stats.failed} lỗi; trung bình "
          f"{lines / max(rows, 1):.0f} nhiệm vụ/email) trong {send_wall:.2f} s = {stats.sent / send_wall:.0f} email/s "
          f"tới aiosmtpd; {send_queries / max(stats.handled, 1):.1f} truy vấn/email")
    if not args.keep:
        for p in workdir.iterdir():
            p.unlink()
        workdir.rmdir()


if __name__ == "__main__":
    main()
