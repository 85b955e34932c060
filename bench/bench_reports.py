"""Benchmark of the period report and its .xlsx export (prints figures; not a test).

    python bench/bench_reports.py [--tasks 100000] [--units 300] [--keep]

On a throwaway SQLite file: tasks spread over two years around the report's quarter, each
with its creation in the history and a third with a later change (status, completion) as the
app records them, and one progress report in five. It times the report (as of the quarter's
end, so every task is read from its history) and the .xlsx export (write-only, to a file),
then repeats each under tracemalloc for the peak Python memory.
"""
import argparse
import os
import random
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from datetime import time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def fill(args, period) -> None:
    """Tasks, their history (creation, and a later change for a third), support units, progress reports."""
    from django.db import connection, transaction
    from django.utils import timezone

    from tracker.folding import fold
    from tracker.models import ProgressReport, Task, TaskAssignment, Unit, User

    HistoricalTask = Task.history.model
    rng = random.Random(20260930)
    kinds = [Unit.Kind.DEPARTMENT, Unit.Kind.LOCAL, Unit.Kind.PARTY_COMMITTEE, Unit.Kind.GOVERNMENT]
    t0 = time.perf_counter()
    with transaction.atomic():
        Unit.objects.bulk_create([Unit(name=f"Đơn vị {i:03d}", folded_name=fold(f"Đơn vị {i:03d}"), code=f"dv{i:03d}",
                                       kind=kinds[i % 4]) for i in range(args.units)], batch_size=500)
        units = list(Unit.objects.order_by("pk"))
        author = User.objects.create_user("bench", password="!", unit=units[0], role=User.Role.OFFICE)
        centre = period.start + timedelta(days=45)
        tasks = []
        for i in range(args.tasks):
            due = None if rng.random() < 0.08 else centre + timedelta(days=rng.randint(-365, 365))
            tasks.append(Task(title=f"Tổ chức triển khai thực hiện nhiệm vụ thử số {i} của Ban Thường vụ Tỉnh uỷ",
                              lead_unit=rng.choice(units), due_date=due, original_due_date=due))
        Task.objects.bulk_create(tasks, batch_size=2000)
        history, links, reports = [], [], []
        for task in Task.objects.order_by("pk").values_list("pk", "lead_unit_id", "due_date", "title"):
            pk, lead, due, title = task
            created = timezone.make_aware(datetime.combine(period.start - timedelta(days=rng.randint(1, 200)),
                                                           dtime(9)))
            base = dict(id=pk, lead_unit_id=lead, due_date=due, original_due_date=due, title=title,
                        created_at=created, updated_at=created, progress=0, recurrence="", deadline_phrase="")
            history.append(HistoricalTask(**base, status="new", history_date=created, history_type="+"))
            if rng.random() < 0.35:
                when = created + timedelta(days=rng.randint(10, 300))
                done = rng.random() < 0.6
                history.append(HistoricalTask(**{**base, "updated_at": when}, history_type="~", history_date=when,
                                              status="done" if done else "in_progress",
                                              completed_on=when.date() if done else None))
            links.append(TaskAssignment(task_id=pk, unit_id=lead, role="lead"))
            if rng.random() < 0.25:
                other = rng.choice(units).pk
                if other != lead:
                    links.append(TaskAssignment(task_id=pk, unit_id=other, role="support"))
            if rng.random() < 0.2:
                reports.append(ProgressReport(task_id=pk, author=author, text="Đã triển khai, đang tổng hợp kết quả.",
                                              percent=50))
        HistoricalTask.objects.bulk_create(history, batch_size=5000)
        TaskAssignment.objects.bulk_create(links, batch_size=5000)
        ProgressReport.objects.bulk_create(reports, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Dữ liệu: {Task.objects.count()} nhiệm vụ, {HistoricalTask.objects.count()} bản ghi lịch sử, "
          f"{len(units)} đơn vị (tạo trong {time.perf_counter() - t0:.1f} s)")



def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="dondoc-bench-reports-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["REDIS_URL"] = "memory://"
    os.environ["LOG_LEVEL"] = "WARNING"

    import django

    django.setup()
    from django.core.management import call_command

    from tracker.reports import periods, selectors, xlsx

    call_command("migrate", verbosity=0)
    period = periods.parse("2026-Q3")
    fill(args, period)

    scope, as_of = selectors.Scope(), period.end
    out = workdir / "report.xlsx"

    def report():
        return selectors.period_report(scope, period, as_of)

    def export():
        return xlsx.report_workbook(report(), selectors.report_detail(scope, period, as_of), str(out))

    for label, func in (("Báo cáo quý (trang, số liệu từ lịch sử)", report), ("Xuất .xlsx (tổng hợp + chi tiết)", export)):
        times = []
        for _ in range(3):
            t = time.perf_counter()
            result = func()
            times.append(time.perf_counter() - t)
        tracemalloc.start()
        func()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        extra = f", {result} dòng chi tiết, tệp {out.stat().st_size / 1e6:.1f} MB" if isinstance(result, int) else \
            f", {result['totals']['total']} nhiệm vụ được tính"
        print(f"{label}: {min(times):.2f} s (tốt nhất/3), bộ nhớ Python đỉnh {peak / 1e6:.0f} MB{extra}")
    if not args.keep:
        for p in workdir.iterdir():
            p.unlink()
        workdir.rmdir()


if __name__ == "__main__":
    main()
