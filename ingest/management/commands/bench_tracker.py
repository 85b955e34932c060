"""`manage.py bench_tracker`: fill a throwaway database with tasks, then time the busiest pages beside their floor.

Run it against its own database (SQLite file or PostgreSQL via DATABASE_URL), never the real one:

    export DATABASE_URL=sqlite:////tmp/bench.sqlite3   # or postgres://user@127.0.0.1:5432/bench
    python manage.py migrate
    python manage.py bench_tracker --tasks 30000 --units 300              # the current workload
    python manage.py bench_tracker --force --archive --tasks 270000       # + closed history: 300k in all
    python manage.py bench_tracker --measure-only --load 8 --load-seconds 20

It refuses a database that already holds tasks unless --force (adds more) or --measure-only.
--archive adds closed tasks (done or cancelled, due years ago): the archive that grows while
the open workload stays. Each page is timed around Django's test Client (no network), median
and p95 over --requests requests after two warm-ups, and beside it its floor: the minimal raw
SQL that returns the same rows and counts, timed in the same run, and the ratio page/floor.
--save writes the medians as JSON; --baseline FILE prints the growth against such a file.
--load N starts gunicorn (2 workers) on loopback and runs N logged-in clients for
--load-seconds (at most 64 clients, 120 s, 20000 requests), printing requests/s and p95.
--page TEXT (repeatable) times only the pages whose label contains TEXT.
"""
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.test.utils import override_settings
from django.urls import include, path, reverse

from ingest.models import Communique, Directive
from tracker import tallies
from tracker.admin import CappedCountPaginator
from tracker.folding import fold
from tracker.models import Task, TaskAssignment, Unit, User
from tracker.selectors import SHORT_WORD, WORD_BOUNDARIES, local_today, search_words

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


def _request_floor_view(request):
    """The "request floor": the same middleware, session and login as a page, and a minimal response."""
    return HttpResponse("ok", content_type="text/plain")


REQUEST_FLOOR_PATH = "/__bench/request-floor/"
# This module is the URLconf while the request floor is measured (override_settings): the project's URLs plus one.
urlpatterns = [path(REQUEST_FLOOR_PATH.strip("/") + "/", login_required(_request_floor_view)),
               path("", include("config.urls"))]

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
        parser.add_argument("--archive", action="store_true",
                            help="sinh nhiệm vụ đã kết thúc (hoàn thành/hủy, hạn từ nhiều năm trước)")
        parser.add_argument("--save", help="ghi trung vị từng trang ra tệp JSON")
        parser.add_argument("--baseline", help="tệp JSON của một lần đo trước: in mức tăng")
        parser.add_argument("--load", type=int, default=0, help="số người dùng đồng thời (gunicorn)")
        parser.add_argument("--load-seconds", type=float, default=20)
        parser.add_argument("--page", action="append", default=[],
                            help="đo riêng các trang có tên chứa chuỗi này (lặp lại được)")

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
        medians = self.measure(opts["requests"], opts["baseline"], opts["page"])
        if opts["save"]:
            with open(opts["save"], "w", encoding="utf-8") as fh:
                json.dump({"tasks": Task.objects.count(), "vendor": connection.vendor, "pages": medians}, fh,
                          ensure_ascii=False, indent=1)
        if opts["load"]:
            self.load(min(opts["load"], 64), min(opts["load_seconds"], 120))

    # --- data -------------------------------------------------------------------

    def generate(self, opts):
        rng = random.Random(opts["seed"])
        n_tasks, n_units = opts["tasks"], opts["units"]
        n_comm = opts["communiques"] or max(1, n_tasks // 500)
        today = local_today()
        archive = opts["archive"]
        years = max(1, n_tasks // 10_000)  # ~10k tasks a year in a province
        tag = f"{int(time.time())}"
        with transaction.atomic():
            units = Unit.objects.bulk_create([
                Unit(name=f"Đơn vị thử {tag}-{i} Tỉnh uỷ", short_name=f"DV{i}", code=f"b{tag}-{i}",
                     folded_name=fold(f"Đơn vị thử {tag}-{i} Tỉnh uỷ"), kind=Unit.Kind.DEPARTMENT)
                for i in range(n_units)
            ])
            if archive:  # history belongs to the units already there, if any
                units = list(Unit.objects.filter(code__startswith="b").order_by("pk")) or units
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
                    meeting_date=today - timedelta(days=rng.randint(400, 400 + 365 * years) if archive
                                                   else rng.randint(0, 700)), text=text,
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
                    if archive:
                        due = None if rng.random() < 0.05 else today - timedelta(days=rng.randint(400, 400 + 365 * years))
                        status = Task.Status.DONE if rng.random() < 0.9 else Task.Status.CANCELLED
                    else:
                        due = None if rng.random() < 0.1 else today + timedelta(days=rng.randint(-365, 365))
                        status = rng.choices(population, weights)[0]
                    completed = None
                    if status == Task.Status.DONE:
                        completed = (due or today - timedelta(days=400)) + timedelta(days=rng.randint(-30, 10))
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
            tallies.recount()  # bulk_create sends no signals: the tallies from the rows
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as a maintained database would have
            if connection.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE")  # the visibility map, so index-only scans skip the heap

    # --- measurements -----------------------------------------------------------

    def api_scenarios(self, office, staff) -> list:
        """The task-list endpoint as a program calls it (a personal token, JSON); throttling off for the run."""
        from tracker.api.throttling import PerTokenThrottle

        PerTokenThrottle.THROTTLE_RATES = {"api": None}
        api_url = reverse("api:task-list")
        scenarios = [
            ("API: danh sách, trang đầu (VP)", office, api_url, {}, None),
            ("API: lọc trạng thái + thời hạn (VP)", office, api_url, {"status": "in_progress", "timeliness": "qua_han"}, None),
            ("API: trang 20, sắp theo đơn vị (VP)", office, api_url, {"sort": "unit", "page": 20}, None),
        ]
        if staff:
            scenarios.append(("API: danh sách của đơn vị (cán bộ)", staff, api_url, {}, None))
        return scenarios

    def page_scenarios(self, office, staff) -> list:
        """(label, user, url, params, floor) of every page measured."""
        task = Task.objects.order_by("-pk").first()
        list_url, dash_url = reverse("tracker:task_list"), reverse("tracker:dashboard")
        floors = Floors(local_today())
        scenarios = [
            ("Danh sách, trang đầu (VP)", office, list_url, {}, lambda: floors.task_list()),
            ("Lọc trạng thái + thời hạn", office, list_url, {"status": "in_progress", "timeliness": "qua_han"},
             lambda: floors.task_list("t.status = %s AND t.due_date < %s", ["in_progress", floors.today])),
            ("Tìm “tinh uy” (VP)", office, list_url, {"q": "tinh uy"},
             lambda: floors.task_list(*floors.search("tinh uy"))),
            ("Tìm hiếm “giai phong mat bang”", office, list_url, {"q": "giai phong mat bang"},
             lambda: floors.task_list(*floors.search("giai phong mat bang"))),
            ("Danh sách, trang 20, sắp theo đơn vị", office, list_url, {"sort": "unit", "page": 20},
             lambda: floors.task_list(order="u.name, t.id", offset=950)),
            ("Tổng hợp", office, dash_url, {}, lambda: floors.dashboard()),
        ]
        if staff:
            scenarios.append(("Danh sách của đơn vị (cán bộ)", staff, list_url, {},
                              lambda: floors.task_list(unit_id=staff.unit_id)))
        if task:
            scenarios.append(("Trang nhiệm vụ", office, reverse("tracker:task_detail", args=[task.pk]), {}, None))
        scenarios.append(("Quản trị: tìm “tinh uy”", self._admin_user(), reverse("admin:tracker_task_changelist"),
                          {"q": "tinh uy"}, lambda: floors.admin_search("tinh uy")))
        return scenarios + self.api_scenarios(office, staff)

    def measure(self, n: int, baseline: str | None, only: list[str] = ()) -> dict[str, float]:
        office = User.objects.filter(role=User.Role.OFFICE).order_by("pk").first()
        staff = User.objects.filter(role=User.Role.UNIT_STAFF, unit__isnull=False).order_by("pk").first()
        if office is None:
            raise CommandError("Không có người dùng Văn phòng để đo.")
        host = next((h for h in settings.ALLOWED_HOSTS if h not in ("*",) and not h.startswith(".")), "localhost")
        scenarios = self.page_scenarios(office, staff)
        if only:  # --page: just the pages named (e.g. --page "của đơn vị")
            scenarios = [s for s in scenarios if any(o.casefold() in s[0].casefold() for o in only)]

        base = {}
        if baseline:
            with open(baseline, encoding="utf-8") as fh:
                base = json.load(fh)
        self.stdout.write(f"{connection.vendor}: {Task.objects.count()} nhiệm vụ "
                          f"({Task.objects.filter(status__in=Task.OPEN_STATUSES).count()} đang mở); "
                          f"{n} lượt đo mỗi trang; máy {os.cpu_count()} lõi, tải {os.getloadavg()[0]:.1f}\n")
        header = (f"{'Trang':38} {'median':>7} {'p95':>7} {'floor':>7} {'×floor':>7} {'req.fl':>7} {'SQL':>4} {'HTTP':>5}"
                  + (f" {'tăng':>6}" if base else ""))
        self.stdout.write(header + "   (ms)")
        self.stdout.write("-" * len(header))
        medians = {}
        from config import heap

        # Once, as each gunicorn worker does at startup (config.wsgi). Not again per page: a worker's
        # later long-lived objects (compiled templates, first-request caches) stay in the collector's
        # reach, and so must the bench's; the bench keeps no query log beyond the one captured request.
        heap.settle()
        request_floors: dict[int, float] = {}
        for label, user, url, params, floor in scenarios:
            client = Client(HTTP_HOST=host)
            if url.startswith("/api/"):
                from tracker.api import tokens

                _token, key = tokens.create_token(user, name="bench", scope="read")
                client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
            else:
                client.force_login(user)
            for _ in range(2):
                response = client.get(url, params)
                if floor:
                    floor()
            connection.queries_log.clear()  # a full log (maxlen) would make the count read 0
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url, params)
            n_queries = len(ctx.captured_queries)  # read now: later requests reset the query log
            connection.queries_log.clear()  # the server keeps none
            times, floor_times = [], []
            for _ in range(n):  # page and floor interleaved: the same machine load for both
                t0 = time.perf_counter()
                response = client.get(url, params)
                times.append((time.perf_counter() - t0) * 1000)
                if floor:
                    t0 = time.perf_counter()
                    floor()
                    floor_times.append((time.perf_counter() - t0) * 1000)
            request_floor = None
            if not url.startswith("/api/"):  # the API's token auth is another stack: not measured
                if user.pk not in request_floors:
                    request_floors[user.pk] = self._request_floor(client, n)
                request_floor = request_floors[user.pk]
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            median = statistics.median(times)
            medians[label] = median
            floor_ms = statistics.median(floor_times) if floor_times else None
            line = (f"{label:38} {median:7.1f} {p95:7.1f} "
                    + (f"{floor_ms:7.1f} {median / floor_ms:6.1f}×" if floor_ms else f"{'–':>7} {'–':>7}")
                    + (f" {request_floor:7.1f}" if request_floor is not None else f" {'–':>7}")
                    + f" {n_queries:4d} {response.status_code:5d}")
            if base.get("pages", {}).get(label):
                line += f" {median / base['pages'][label]:5.2f}×"
            self.stdout.write(line)
        if base:
            self.stdout.write(f"tăng: trung vị lần này / lần đo {base['tasks']} nhiệm vụ ({base['vendor']})")
        return medians

    @staticmethod
    def _request_floor(client, n: int) -> float:
        """Median ms of a minimal page through the same middleware and login as `client`'s pages: page − this −
        the SQL floor is what the page's own code costs."""
        with override_settings(ROOT_URLCONF=__name__):
            for _ in range(2):
                response = client.get(REQUEST_FLOOR_PATH)
            if response.status_code != 200:
                raise CommandError(f"request floor: HTTP {response.status_code}")
            times = []
            for _ in range(n):
                t0 = time.perf_counter()
                client.get(REQUEST_FLOOR_PATH)
                times.append((time.perf_counter() - t0) * 1000)
        return statistics.median(times)

    @staticmethod
    def _admin_user() -> User:
        """The bench database's superuser for the admin changelist (made once, in the throwaway database)."""
        admin = User.objects.filter(username="bench_admin").first()
        return admin or User.objects.create_superuser("bench_admin", password="bench-Pass-123",
                                                      role=User.Role.OFFICE)

    # --- load -------------------------------------------------------------------

    def load(self, clients: int, seconds: float, max_requests: int = 20_000):
        """gunicorn on loopback, `clients` logged-in users cycling over the list, a filter, the dashboard."""
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.local"),
               "DJANGO_DEBUG": "0"}
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level",
             "warning"], env=env, cwd=settings.BASE_DIR)
        try:
            cookies = self._session_cookies()
            paths = [reverse("tracker:task_list"), reverse("tracker:task_list") + "?status=in_progress&timeliness=qua_han",
                     reverse("tracker:dashboard")]
            for _ in range(100):  # wait for the server to answer
                try:
                    http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/")
                    break
                except OSError:
                    time.sleep(0.1)
            latencies, errors, lock = [], [0], threading.Lock()
            deadline = time.perf_counter() + seconds

            def user(i: int):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                cookie = cookies[i % len(cookies)]
                k = i
                while time.perf_counter() < deadline:
                    with lock:
                        if len(latencies) >= max_requests:
                            return
                    path = paths[k % len(paths)] if cookie[1] else reverse("tracker:task_list")
                    k += 1
                    t0 = time.perf_counter()
                    try:
                        conn.request("GET", path, headers={"Cookie": cookie[0], "Host": "localhost"})
                        response = conn.getresponse()
                        response.read()
                        ok = response.status == 200
                    except OSError:
                        ok = False
                        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    with lock:
                        latencies.append((time.perf_counter() - t0) * 1000) if ok else None
                        errors[0] += 0 if ok else 1

            started = time.perf_counter()
            threads = [threading.Thread(target=user, args=(i,)) for i in range(clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
        latencies.sort()
        if not latencies:
            raise CommandError("Không có yêu cầu nào thành công khi đo tải.")
        p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
        self.stdout.write(f"\nTải (gunicorn 2 worker, {clients} người dùng, {elapsed:.0f} s, {connection.vendor}): "
                          f"{len(latencies) / elapsed:.1f} yêu cầu/s, median {statistics.median(latencies):.0f} ms, "
                          f"p95 {p95:.0f} ms, lỗi {errors[0]}")

    def _session_cookies(self) -> list[tuple[str, bool]]:
        """Session cookies of the office user and a unit's staff member, made as a login would (no password round)."""
        engine = import_module(settings.SESSION_ENGINE)
        cookies = []
        for user, office in ((User.objects.filter(role=User.Role.OFFICE).order_by("pk").first(), True),
                             (User.objects.filter(role=User.Role.UNIT_STAFF).order_by("pk").first(), False)):
            if user is None:
                continue
            session = engine.SessionStore()
            session["_auth_user_id"] = str(user.pk)
            session["_auth_user_backend"] = "tracker.auth.Backend"
            session["_auth_user_hash"] = user.get_session_auth_hash()
            session.save()
            cookies.append((f"{settings.SESSION_COOKIE_NAME}={session.session_key}", office))
        return cookies


OPEN = "t.status IN ('new', 'in_progress', 'awaiting')"


class Floors:
    """The minimal raw SQL for each page's rows and counts: what any implementation must at least run.

    Counts as the pages count them: the unfiltered lists' from the tallies (open tasks by due-date ranges of
    OpenTally, closed ones from ClosedTally: the least any query can read for those counts in this schema), the
    dashboard's per unit by the ranges of the open tasks' index and ClosedTally, a filter's by per-bucket ranges
    of the indexes, a search's in one pass.
    """

    def __init__(self, today):
        self.today = today
        self.soon = today + timedelta(days=settings.DUE_SOON_DAYS)

    def open_buckets(self):
        return [("qua_han", "t.due_date < %s", [self.today]),
                ("sap_den_han", "t.due_date >= %s AND t.due_date <= %s", [self.today, self.soon]),
                ("trong_han", "t.due_date > %s", [self.soon]), ("khong_thoi_han", "t.due_date IS NULL", [])]

    def all_buckets(self):
        return [(b, f"{OPEN} AND {cond}", p) for b, cond, p in self.open_buckets()] + [
            ("xong_dung_han", "t.status = 'done' AND (t.due_date IS NULL OR t.completed_on <= t.due_date)", []),
            ("xong_qua_han", ("t.status = 'done' AND t.due_date IS NOT NULL AND "
                              "(t.completed_on > t.due_date OR t.completed_on IS NULL)"), []),
            ("cancelled", "t.status = 'cancelled'", [])]

    @staticmethod
    def id_in(column: str, ids: list) -> tuple[str, list]:
        """`column` among `ids` as the pages send it (selectors.AnyOf): one array parameter on PostgreSQL."""
        if connection.vendor == "postgresql":
            return f"{column} = ANY(%s)", [list(ids)]
        return f"{column} IN ({', '.join(['%s'] * len(ids))})", list(ids)

    @staticmethod
    def search(text: str):
        """The page's matching rule (selectors.text_search): short words at a word's start, others anywhere."""
        conditions, params = [], []
        for word in search_words(text):
            if SHORT_WORD.fullmatch(word):
                likes = ["t.search_text LIKE %s"] * (1 + len(WORD_BOUNDARIES))
                conditions.append(f"({' OR '.join(likes)})")
                params += [f"{word}%", *(f"%{b}{word}%" for b in WORD_BOUNDARIES)]
            else:
                conditions.append("t.search_text LIKE %s")
                params.append(f"%{word}%")
        return " AND ".join(conditions), params

    def task_list(self, where: str = "", params=(), *, unit_id=None, order="t.due_date ASC NULLS LAST, t.id",
                  offset=0):
        params = list(params)
        with connection.cursor() as cursor:
            supported = [0]
            if unit_id:
                cursor.execute("SELECT task_id FROM tracker_taskassignment WHERE unit_id = %s AND role = 'support'",
                               [unit_id])
                supported = [row[0] for row in cursor.fetchall()] or [0]
            if not where:  # the whole list from the tallies: open tasks by due-date range, closed ones by bucket
                owner, owner_args = ("unit_id = %s", [unit_id]) if unit_id else ("unit_id IS NULL AND role = ''", [])
                closed, closed_args = ("unit_id = %s", [unit_id]) if unit_id else ("unit_id IS NULL AND role = ''", [])
                sql = " UNION ALL ".join(f"SELECT '{b}', SUM(n) FROM tracker_opentally t WHERE {owner} AND {cond}"
                                         for b, cond, _ in self.open_buckets())
                cursor.execute(f"{sql} UNION ALL SELECT bucket, SUM(n) FROM tracker_closedtally WHERE {closed} "
                               "GROUP BY bucket",
                               [x for _, _, p in self.open_buckets() for x in [*owner_args, *p]] + closed_args)
                cursor.fetchall()
            elif "LIKE" in where:  # a text search reads its rows once
                cases = " ".join(f"WHEN {cond} THEN '{b}'" for b, cond, _ in self.all_buckets())
                args = [x for _, _, p in self.all_buckets() for x in p]
                cursor.execute(f"SELECT b, COUNT(*) FROM (SELECT CASE {cases} END AS b FROM tracker_task t "
                               f"WHERE {where}) s GROUP BY b", args + params)
                cursor.fetchall()
            else:
                sql = " UNION ALL ".join(f"SELECT '{b}', COUNT(*) FROM tracker_task t WHERE ({where}) AND {cond}"
                                         for b, cond, _ in self.all_buckets())
                cursor.execute(sql, [x for _, _, p in self.all_buckets() for x in [*params, *p]])
                cursor.fetchall()
            conditions = [where] if where else []
            if unit_id:  # the unit's led tasks and its supported ones (their ids first), each read in order
                in_sql, in_args = self.id_in("t.id", supported)
                ids = (f"SELECT id FROM (SELECT t.id, t.due_date FROM tracker_task t WHERE t.lead_unit_id = %s "
                       f"ORDER BY {order} LIMIT {offset + 50}) led UNION ALL "
                       f"SELECT id FROM (SELECT t.id, t.due_date FROM tracker_task t WHERE {in_sql} "
                       f"AND t.lead_unit_id <> %s ORDER BY {order} LIMIT {offset + 50}) supported")
                conditions.append(f"t.id IN ({ids})")
                params += [unit_id, *in_args, unit_id]
            elif order == "u.name, t.id" and connection.vendor == "postgresql":  # each unit's first ids, in name order
                conditions.append(f"t.id IN (SELECT x.id FROM tracker_unit u CROSS JOIN LATERAL (SELECT id FROM "
                                  f"tracker_task WHERE lead_unit_id = u.id ORDER BY id LIMIT {offset + 50}) x "
                                  f"ORDER BY u.name, x.id LIMIT {offset + 50})")
            cursor.execute(
                "SELECT t.id, t.title, t.due_date, t.status, t.completed_on, t.progress, u.name, c.number "
                "FROM tracker_task t JOIN tracker_unit u ON u.id = t.lead_unit_id "
                "LEFT JOIN ingest_directive d ON d.id = t.directive_id "
                "LEFT JOIN ingest_communique c ON c.id = d.communique_id "
                f"{'WHERE ' + ' AND '.join(conditions) if conditions else ''} ORDER BY {order} LIMIT 50 OFFSET {offset}",
                params)
            return cursor.fetchall()

    def admin_search(self, text: str):
        """The admin changelist's search: its count up to the cap (no full count beside it) and first 50 rows."""
        where, params = self.search(text)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM tracker_task t WHERE {where} "
                           f"LIMIT {CappedCountPaginator.CAP}) s", params)
            cursor.fetchall()
            cursor.execute(
                "SELECT t.id, t.title, t.due_date, t.status, t.completed_on, t.progress, u.name "
                f"FROM tracker_task t JOIN tracker_unit u ON u.id = t.lead_unit_id WHERE {where} "
                "ORDER BY t.due_date ASC NULLS LAST, t.id LIMIT 50", params)
            return cursor.fetchall()

    def dashboard(self):
        with connection.cursor() as cursor:
            sql = " UNION ALL ".join(f"SELECT t.lead_unit_id, '{b}', COUNT(*) FROM tracker_task t "
                                     f"WHERE {OPEN} AND {cond} GROUP BY t.lead_unit_id"
                                     for b, cond, _ in self.open_buckets())
            cursor.execute(sql, [x for _, _, p in self.open_buckets() for x in p])
            units = {row[0] for row in cursor.fetchall()}
            cursor.execute("SELECT unit_id, bucket, n FROM tracker_closedtally WHERE role = 'lead' AND n > 0")
            units |= {row[0] for row in cursor.fetchall()}
            ids = list(units) or [0]
            in_sql, in_args = self.id_in("id", ids)
            cursor.execute(f"SELECT id, name, short_name FROM tracker_unit WHERE {in_sql}", in_args)
            cursor.fetchall()
            row_sql = ("SELECT t.id, t.title, t.due_date, t.status, u.name FROM tracker_task t "
                       "JOIN tracker_unit u ON u.id = t.lead_unit_id WHERE {} ORDER BY t.due_date, t.id LIMIT 50")
            cursor.execute(row_sql.format(f"{OPEN} AND t.due_date < %s"), [self.today])
            cursor.fetchall()
            cursor.execute(row_sql.format(f"{OPEN} AND t.due_date >= %s AND t.due_date <= %s"),
                           [self.today, self.today + timedelta(days=7)])
            cursor.fetchall()
            cursor.execute("SELECT id, number, title, meeting_date FROM ingest_communique WHERE state = 'published' "
                           "ORDER BY meeting_date DESC, id DESC LIMIT 51")
            in_sql, in_args = self.id_in("d.communique_id", [row[0] for row in cursor.fetchall()] or [0])
            cursor.execute(
                "SELECT d.communique_id, SUM(CASE WHEN t.status <> 'cancelled' THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN t.status = 'done' THEN 1 ELSE 0 END) FROM tracker_task t "
                f"JOIN ingest_directive d ON d.id = t.directive_id WHERE {in_sql} GROUP BY d.communique_id", in_args)
            completion = cursor.fetchall()
        self.trend_rows = self.trend()
        return completion

    def trend(self, months: int = 12):
        """The dashboard's on-time trend (reports.selectors.monthly_on_time): per due date of the last `months`
        months, the tasks due and those done on time."""
        first = date(self.today.year, self.today.month, 1)
        for _ in range(months - 1):
            first = (first - timedelta(days=1)).replace(day=1)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT t.due_date, COUNT(*), SUM(CASE WHEN t.status = 'done' AND t.completed_on <= t.due_date "
                "THEN 1 ELSE 0 END) FROM tracker_task t WHERE t.due_date >= %s AND t.due_date <= %s "
                "AND t.recurrence = '' AND t.status <> 'cancelled' GROUP BY t.due_date", [first, self.today])
            return cursor.fetchall()
