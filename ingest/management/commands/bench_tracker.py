"""`manage.py bench_tracker`: fill a throwaway database with tasks, then time the busiest pages.

Run it against its own SQLite file, never the real database:

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py bench_tracker --tasks 100000 --units 300

It refuses a database that already holds tasks unless --force (adds more) or
--measure-only (times what is there, writes nothing but sessions). Figures are
server time measured around Django's test Client (no network), median and p95
over --requests requests after two warm-ups, with the SQL query count of one request.
"""
import random
import statistics
import time
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ingest.models import Communique, Directive
from tracker.folding import fold
from tracker.models import Task, TaskAssignment, Unit, User
from tracker.selectors import local_today

ACTIONS = [
    "Tổ chức quán triệt, triển khai thực hiện", "Chủ trì, phối hợp tham mưu xây dựng", "Rà soát, đánh giá",
    "Khẩn trương hoàn thiện", "Chỉ đạo đẩy nhanh tiến độ", "Tăng cường kiểm tra, giám sát việc thực hiện",
    "Nghiên cứu, đề xuất Ban Thường vụ Tỉnh uỷ", "Tập trung tháo gỡ khó khăn, vướng mắc về",
]
OBJECTS = [
    "Nghị quyết Đại hội Đảng bộ tỉnh", "đề án phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số",
    "công tác cán bộ năm 2025", "kế hoạch giải phóng mặt bằng dự án đường cao tốc",
    "chương trình chuyển đổi số của tỉnh", "quy chế làm việc của Tỉnh uỷ khoá mới",
    "công tác phòng, chống tham nhũng, tiêu cực", "sắp xếp tổ chức bộ máy tinh gọn, hiệu lực, hiệu quả",
    "thu hút đầu tư vào các khu công nghiệp", "xây dựng nông thôn mới nâng cao",
]
TAILS = ["", "; báo cáo kết quả về Thường trực Tỉnh uỷ", " trước ngày 30/6", ", hoàn thành trong quý III",
         "; định kỳ hằng quý báo cáo Ban Thường vụ Tỉnh uỷ qua Văn phòng Tỉnh uỷ"]



class Command(BaseCommand):
    help = "Sinh dữ liệu thử vào một CSDL riêng (SQLite) và đo thời gian các trang danh sách, tìm kiếm, tổng hợp."

    def add_arguments(self, parser):
        parser.add_argument("--tasks", type=int, default=100_000)
        parser.add_argument("--units", type=int, default=300)
        parser.add_argument("--communiques", type=int, default=0, help="mặc định: tasks/500")
        parser.add_argument("--requests", type=int, default=30)
        parser.add_argument("--seed", type=int, default=20250101)
        parser.add_argument("--force", action="store_true", help="sinh thêm dù CSDL đã có nhiệm vụ")
        parser.add_argument("--measure-only", action="store_true", help="chỉ đo dữ liệu đang có")

    def handle(self, *args, **opts):
        if "tracker_task" not in connection.introspection.table_names():
            raise CommandError("CSDL chưa có bảng; chạy `manage.py migrate` với cùng DATABASE_URL trước.")
        existing = Task.objects.count()
        if not opts["measure_only"]:
            if existing and not opts["force"]:
                raise CommandError(
                    f"CSDL {connection.settings_dict['NAME']} đã có {existing} nhiệm vụ. Hãy chạy với "
                    "DATABASE_URL=sqlite:////tmp/bench.sqlite3 (CSDL riêng), hoặc --force / --measure-only.")
            started = time.perf_counter()
            self.generate(opts)
            self.stdout.write(f"Sinh dữ liệu: {time.perf_counter() - started:.1f} s")
        # Measure as production would run: no per-query logging of DEBUG mode.
        settings.DEBUG = False
        self.measure(opts["requests"])

    # --- data -------------------------------------------------------------------

    def generate(self, opts):
        rng = random.Random(opts["seed"])
        n_tasks, n_units = opts["tasks"], opts["units"]
        n_comm = opts["communiques"] or max(1, n_tasks // 500)
        today = local_today()
        tag = f"{int(time.time())}"
        with transaction.atomic():
            units = Unit.objects.bulk_create([
                Unit(name=f"Đơn vị thử {tag}-{i} Tỉnh uỷ", short_name=f"DV{i}", code=f"b{tag}-{i}",
                     folded_name=fold(f"Đơn vị thử {tag}-{i} Tỉnh uỷ"), kind=Unit.Kind.DEPARTMENT)
                for i in range(n_units)
            ])
            office_unit = units[0]
            if not User.objects.filter(username="bench_office").exists():
                User.objects.create_user("bench_office", password="bench-Pass-123", unit=office_unit,
                                         role=User.Role.OFFICE)
                User.objects.create_user("bench_staff", password="bench-Pass-123", unit=units[1],
                                         role=User.Role.UNIT_STAFF)
            directives = []
            for c in range(n_comm):
                sentences = [f"{rng.choice(ACTIONS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}." for _ in range(25)]
                text = f"THÔNG BÁO KẾT LUẬN số {c + 1}-TB/TU\n" + "\n".join(sentences)
                comm = Communique.objects.create(
                    number=f"{c + 1}-TB/TU", title=f"Kết luận của Ban Thường vụ Tỉnh uỷ, phiên {c + 1}",
                    meeting_date=today - timedelta(days=rng.randint(0, 700)), text=text,
                    content_hash=f"bench-{tag}-{c}", state=Communique.State.PUBLISHED)
                pos = len(text.split("\n", 1)[0]) + 1
                for order, sentence in enumerate(sentences):
                    directives.append(Directive(communique=comm, order=order, text=sentence, start=pos,
                                                end=pos + len(sentence), review=Directive.Review.ACCEPTED))
                    pos += len(sentence) + 1
            directives = Directive.objects.bulk_create(directives, batch_size=2000)
            comm_numbers = {c.pk: c.number for c in Communique.objects.filter(content_hash__startswith="bench-")}

            statuses = [(Task.Status.NEW, 20), (Task.Status.IN_PROGRESS, 40), (Task.Status.AWAITING, 5),
                        (Task.Status.DONE, 30), (Task.Status.CANCELLED, 5)]
            population, weights = zip(*statuses)
            batch = 5000
            for start in range(0, n_tasks, batch):
                tasks, leads, supports = [], [], []
                for _ in range(min(batch, n_tasks - start)):
                    directive = rng.choice(directives)
                    lead = units[min(int(rng.paretovariate(1.2)) - 1, n_units - 1)] if rng.random() < 0.5 \
                        else rng.choice(units)
                    due = None if rng.random() < 0.1 else today + timedelta(days=rng.randint(-365, 365))
                    status = rng.choices(population, weights)[0]
                    completed = None
                    if status == Task.Status.DONE and due:
                        completed = due + timedelta(days=rng.randint(-30, 10))
                    title = directive.text
                    support = rng.choice(units) if rng.random() < 0.3 else None
                    search = fold(" ".join(filter(None, [title, lead.name, support.name if support else "",
                                                         comm_numbers[directive.communique_id]])))
                    tasks.append(Task(directive=directive, title=title, lead_unit=lead, original_due_date=due,
                                      due_date=due, status=status, completed_on=completed,
                                      progress=100 if status == Task.Status.DONE else rng.randint(0, 90),
                                      search_text=search))
                    leads.append(lead)
                    supports.append(support)
                tasks = Task.objects.bulk_create(tasks)
                assignments = []
                for task, lead, support in zip(tasks, leads, supports):
                    assignments.append(TaskAssignment(task=task, unit=lead, role=TaskAssignment.Role.LEAD))
                    if support and support.pk != lead.pk:
                        assignments.append(TaskAssignment(task=task, unit=support, role=TaskAssignment.Role.SUPPORT))
                TaskAssignment.objects.bulk_create(assignments)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as a maintained database would have

    # --- measurements -----------------------------------------------------------

    def measure(self, n: int):
        office = User.objects.filter(role=User.Role.OFFICE).order_by("pk").first()
        staff = User.objects.filter(role=User.Role.UNIT_STAFF, unit__isnull=False).order_by("pk").first()
        if office is None:
            raise CommandError("Không có người dùng Văn phòng để đo.")
        task = Task.objects.order_by("-pk").first()
        host = next((h for h in settings.ALLOWED_HOSTS if h not in ("*",) and not h.startswith(".")), "localhost")
        list_url, dash_url = reverse("tracker:task_list"), reverse("tracker:dashboard")
        scenarios = [
            ("Danh sách, trang đầu (VP)", office, list_url, {}),
            ("Lọc trạng thái + thời hạn", office, list_url, {"status": "in_progress", "timeliness": "qua_han"}),
            ("Tìm “tinh uy” (VP)", office, list_url, {"q": "tinh uy"}),
            ("Tìm hiếm “giai phong mat bang”", office, list_url, {"q": "giai phong mat bang"}),
            ("Danh sách, trang 20, sắp theo đơn vị", office, list_url, {"sort": "unit", "page": 20}),
            ("Tổng hợp", office, dash_url, {}),
        ]
        if staff:
            scenarios.append(("Danh sách của đơn vị (cán bộ)", staff, list_url, {}))
        if task:
            scenarios.append(("Trang nhiệm vụ", office, reverse("tracker:task_detail", args=[task.pk]), {}))
        # The API, as a program calls it: a personal token, JSON. Throttling is off for the run.
        from tracker.api import tokens
        from tracker.api.throttling import PerTokenThrottle

        PerTokenThrottle.THROTTLE_RATES = {"api": None}
        api_url = reverse("api:task-list")
        scenarios += [
            ("API: danh sách, trang đầu (VP)", office, api_url, {}),
            ("API: lọc trạng thái + thời hạn (VP)", office, api_url, {"status": "in_progress", "timeliness": "qua_han"}),
            ("API: trang 20, sắp theo đơn vị (VP)", office, api_url, {"sort": "unit", "page": 20}),
        ]
        if staff:
            scenarios.append(("API: danh sách của đơn vị (cán bộ)", staff, api_url, {}))

        self.stdout.write(f"{Task.objects.count()} nhiệm vụ; {n} lượt đo mỗi trang\n")
        header = f"{'Trang':40} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'SQL':>4} {'HTTP':>5}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for label, user, url, params in scenarios:
            client = Client(HTTP_HOST=host)
            if url.startswith("/api/"):
                _token, key = tokens.create_token(user, name="bench", scope="read")
                client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
            else:
                client.force_login(user)
            for _ in range(2):
                response = client.get(url, params)
            connection.queries_log.clear()  # a full log (maxlen) would make the count read 0
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url, params)
            n_queries = len(ctx.captured_queries)  # read now: later requests reset the query log
            times = []
            for _ in range(n):
                t0 = time.perf_counter()
                response = client.get(url, params)
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            self.stdout.write(f"{label:40} {statistics.median(times):10.1f} {p95:8.1f} {times[-1]:8.1f} "
                              f"{n_queries:4d} {response.status_code:5d}")
