"""The demo: a real province's directory and the seed communiqués as an office a few months in.

Every communiqué is imported, reviewed and published, and every task is worked on, through the
services, on a simulated calendar: the seeds' meetings are moved to the last five months and
their deadlines with them, so the first screen shows today's mix (done on time, done late, in
progress, a pending extension, a completion awaiting confirmation, a few overdue), not years of
overdue tasks.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ingest import services
from ingest.models import Communique, Directive, DirectiveOwner
from tracker import services as task_services
from tracker.demo import set_demo_password
from tracker.directory import PARTY, load_province
from tracker.models import Task, Unit, User
from tracker.selectors import local_today

SEEDS = Path(settings.BASE_DIR) / "seeds"
WARD = "ward"  # the demo ward's Party committee: the province's first phường by code
DEMO_USERS = [
    # username, full name, role, unit code (or WARD)
    ("vanphong", "Nguyễn Thị Văn Phòng", User.Role.OFFICE, "VPTU"),
    ("thuongtruc", "Trần Văn Thường Trực", User.Role.VIEWER, "TTTU"),
    ("lanhdao.phuong", "Lê Văn Lãnh Đạo", User.Role.UNIT_HEAD, WARD),
    ("canbo.phuong", "Phạm Thị Cán Bộ", User.Role.UNIT_STAFF, WARD),
    ("canbo.sotaichinh", "Hoàng Minh Tài", User.Role.UNIT_STAFF, "STC"),
]
MONTHS_AGO = (190, 150, 110, 70, 30)  # where the five seed meetings land, days before today
LOCAL_FAN_OUT = 1  # per communiqué, directives to groups with communes followed commune by commune; others as one
SMALL_GROUP = 20  # a group this size or smaller (the departments, the Party boards) is always fanned out


def on(day: date, hour: int = 9) -> datetime:
    """The moment the services are told it is (`now=`): history, report and completion dates follow."""
    return datetime.combine(day, time(hour), ZoneInfo(settings.TIME_ZONE))


def ward_unit() -> Unit:
    return Unit.objects.filter(code__startswith=PARTY, name__startswith="Đảng ủy phường").order_by("code").first() \
        or Unit.objects.filter(code__startswith=PARTY).order_by("code").first()


def demo_unit(code: str) -> Unit:
    return ward_unit() if code == WARD else Unit.objects.get(code=code)


def create_demo_users() -> dict[str, str]:
    """The demo logins created now, username → password (printed once)."""
    created = {}
    for username, full_name, role, code in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        # Vietnamese names read family name first: keep the whole name in first_name.
        user = User(username=username, first_name=full_name, role=role, unit=demo_unit(code),
                    email=f"{username}@donvi.local", is_staff=role == User.Role.OFFICE,
                    is_superuser=role == User.Role.OFFICE)
        created[username] = set_demo_password(user)
        user.save()
    return created


@dataclass
class Seeded:
    name: str
    label: str
    tasks: int = 0
    existed: bool = False


def load_demo(*, communiques: bool = True, today: date | None = None) -> tuple[dict, dict[str, str], list[Seeded]]:
    """Directory, logins and (optionally) the seed communiqués; a second run changes nothing."""
    loaded = load_province(settings.DONDOC_PROVINCE)
    created = create_demo_users()
    seeded = seed_communiques(today or local_today()) if communiques else []
    return loaded, created, seeded


def seed_communiques(today: date) -> list[Seeded]:
    office = User.objects.get(username="vanphong")
    login_tasks: dict[int, int] = {}  # unit with a demo login → its tasks so far
    result = []
    paths = sorted(SEEDS.glob("*.txt"))
    for index, path in enumerate(paths):
        meeting = today - timedelta(days=MONTHS_AGO[index % len(MONTHS_AGO)])
        try:
            communique = services.import_document(data=path.read_bytes(), filename=path.name,
                                                  pasted=None, user=office, now=on(meeting + timedelta(days=1)))
        except services.DuplicateImport as exc:
            result.append(Seeded(path.name, exc.existing.label, existed=True))
            continue
        with transaction.atomic():
            _review(communique, office, meeting, [LOCAL_FAN_OUT])
            tasks = services.publish(communique, office, fallback_unit=True, notify=False,
                                     now=on(meeting + timedelta(days=3)))
            _work(tasks, office, today, random.Random(index), login_tasks)
        result.append(Seeded(path.name, Communique.objects.get(pk=communique.pk).label, len(tasks)))
    return result


def _review(communique: Communique, office: User, meeting: date, budget: list[int]) -> None:
    """What an office does on the review page: drop narrative, keep directives with a deadline,
    follow broad groups as one task, move the deadlines as the meeting moved."""
    original = communique.meeting_date
    deadlines = [d.deadline for d in communique.directives.all() if d.deadline]
    if original is None:
        original = min(deadlines) - timedelta(days=60) if deadlines else meeting
    shift = meeting - original
    Communique.objects.filter(pk=communique.pk).update(meeting_date=meeting)  # metadata of the demo's calendar
    for directive in communique.directives.order_by("order").prefetch_related("owners__unit"):
        owners = list(directive.owners.all())
        leads = [o for o in owners if o.role == DirectiveOwner.Role.LEAD and o.unit]
        specific = any(not o.unit.is_group for o in leads)
        if not leads or not (directive.deadline or specific):  # general exhortation: not followed up
            services.set_review(directive, Directive.Review.REJECTED, user=office)
            continue
        chosen = [o for o in leads if not o.unit.is_group] or leads[:1]
        kept = chosen + [o for o in owners if o.role == DirectiveOwner.Role.SUPPORT and o.unit
                         and not o.unit.is_group]
        inputs = []
        for o in kept:
            as_group = o.unit.is_group and not _fan_out(o.unit, budget)
            inputs.append(services.OwnerInput(name=o.name, role=o.role, unit=o.unit, as_group=as_group))
        services.update_directive(directive, user=office, owners=inputs, review=Directive.Review.ACCEPTED,
                                  deadline=directive.deadline + shift if directive.deadline else None)


def _fan_out(group: Unit, budget: list[int]) -> bool:
    size = group.members.count()
    if size <= SMALL_GROUP:
        return True
    if group.members.filter(kind=Unit.Kind.LOCAL).exists() and budget[0] > 0:
        budget[0] -= 1
        return True
    return False


def _reporter(task: Task, office: User) -> User:
    """The lead unit's own login where the demo has one, else the office recording the unit's report."""
    return User.objects.filter(unit=task.lead_unit, role=User.Role.UNIT_STAFF).first() or office


def _work(tasks: list[Task], office: User, today: date, rng: random.Random, login_tasks: dict[int, int]) -> None:
    """Give each task a believable past, day by day, through the tracker's services.

    Units with a demo login get one task in each state their staff will meet first (awaiting
    confirmation, a pending extension, in progress); the others get a random mix.
    """
    published = tasks[0].created_at.date() if tasks else today
    for task in sorted(tasks, key=lambda t: t.pk):
        by = _reporter(task, office)
        started = min(today - timedelta(days=1), published + timedelta(days=rng.randint(3, 20)))
        due = task.due_date
        if by != office:
            plan = ("awaiting", "extension", "progress")[login_tasks.get(by.unit_id, 0) % 3]
            login_tasks[by.unit_id] = login_tasks.get(by.unit_id, 0) + 1
        elif due and due < today - timedelta(days=3):
            plan = rng.choices(("on_time", "late", "overdue"), (55, 25, 20))[0]
        else:
            plan = rng.choices(("progress", "extension", "new"), (60, 5, 35))[0]
        try:
            _apply(plan, task, by, office, started, today, rng)
        except (ValidationError, PermissionDenied):
            continue  # a state this task cannot take (an extension of a deadline already past, say)


def _apply(plan: str, task: Task, by: User, office: User, started: date, today: date, rng: random.Random) -> None:
    due = task.due_date
    if plan == "new":
        return
    _report(task, by, started, rng.choice((20, 30, 50, 70)) if plan == "progress" else 40)
    if plan == "on_time":
        _finish(task, by, office, max(started + timedelta(days=1), due - timedelta(days=rng.randint(1, 10))), today)
    elif plan == "late":
        _finish(task, by, office, due + timedelta(days=rng.randint(3, 20)), today)
    elif plan == "awaiting":
        task_services.report_progress(task, by, text="Đã hoàn thành, đề nghị Văn phòng xác nhận.",
                                      percent=100, mark_done=True, now=on(today - timedelta(days=1), 15))
    elif plan == "extension" and due:
        task_services.request_extension(task, by, new_due_date=max(due, today) + timedelta(days=30),
                                        reason="Cần thêm thời gian lấy ý kiến các đơn vị liên quan.",
                                        now=on(min(today, started + timedelta(days=2))))
    # "overdue": reported on once, then stalled past its deadline


def _report(task: Task, by: User, day: date, percent: int) -> None:
    task_services.report_progress(task, by, text=f"Đã triển khai, đạt khoảng {percent}% khối lượng.",
                                  percent=percent, now=on(day))


def _finish(task: Task, by: User, office: User, day: date, today: date) -> None:
    """The unit reports completion on `day`; the office confirms it the next working day."""
    day = min(day, today - timedelta(days=1))
    task_services.report_progress(task, by, text="Đã hoàn thành nhiệm vụ, gửi kèm báo cáo kết quả.",
                                  percent=100, mark_done=True, now=on(day, 16))
    if Task.objects.get(pk=task.pk).status == Task.Status.AWAITING:
        task_services.confirm_completion(task, office, accept=True, now=on(min(today, day + timedelta(days=1)), 10))
