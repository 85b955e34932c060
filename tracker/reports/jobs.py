"""Large .xlsx exports as a Celery job: a progress file the page polls, then a download for the same user only.

A job is two files under MEDIA_ROOT/exports/: <token>.json (owner, query, progress, state)
and <token>.xlsx. The token is random; the owner check makes it useless to anyone else.
"""
import json
import os
import secrets
from pathlib import Path

from django.conf import settings

SYNC_LIMIT = 10_000  # more counted tasks than this: run as a job
PROGRESS_EVERY = 1000


def _dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "exports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def paths(token: str) -> tuple[Path, Path]:
    if not token.isalnum():
        raise ValueError(token)
    return _dir() / f"{token}.json", _dir() / f"{token}.xlsx"


def read(token: str) -> dict | None:
    try:
        meta, _file = paths(token)
        return json.loads(meta.read_text())
    except (ValueError, OSError):
        return None


def write(token: str, data: dict) -> None:
    meta, _file = paths(token)
    tmp = meta.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False))
    os.replace(tmp, meta)  # the page never reads a half-written file


def start(user, query: str, total: int, kind: str = "report") -> str:
    """Record the job (a report, or the task list as filtered) and queue it; returns its token."""
    from .tasks import export_xlsx

    token = secrets.token_hex(16)
    write(token, {"user_id": user.pk, "query": query, "total": total, "done": 0, "state": "queued", "kind": kind})
    export_xlsx.delay(token)
    return token


def run(token: str) -> None:
    """The job: rebuild the report for its owner from the saved query, write the file, report progress."""
    from django.http import QueryDict

    from tracker.models import User
    from tracker.selectors import local_today

    from . import selectors, xlsx
    from .forms import ReportForm
    from .views import _scope

    data = read(token)
    if data is None:
        return
    user = User.objects.get(pk=data["user_id"])
    if data.get("kind") == "list":
        _run_list(token, data, user)
        return
    form = ReportForm(QueryDict(data["query"]), user=user, today=local_today())
    if not form.is_valid():
        write(token, {**data, "state": "failed"})
        return
    scope = _scope(user, form.cleaned_data)
    period, as_of = form.cleaned_data["period_obj"], form.cleaned_data["as_of"]
    report = selectors.period_report(scope, period, as_of)
    data.update(state="running", total=report["totals"]["total"])
    write(token, data)

    def progress(n: int) -> None:
        write(token, {**data, "done": n})

    _meta, out = paths(token)
    xlsx.report_workbook(report, selectors.report_detail(scope, period, as_of), str(out), progress=progress)
    write(token, {**data, "done": data["total"], "state": "done",
                  "filename": f"bao-cao-tinh-hinh-thuc-hien-{period.code or 'ky'}.xlsx"})


def _run_list(token: str, data: dict, user) -> None:
    """The task list as its owner filtered it, rebuilt from the saved query."""
    from types import SimpleNamespace

    from django.http import QueryDict

    from tracker.selectors import local_today

    from . import xlsx
    from .views import task_list_rows

    today = local_today()
    found = task_list_rows(SimpleNamespace(user=user, GET=QueryDict(data["query"])), today)
    if found is None:
        write(token, {**data, "state": "failed"})
        return
    _count, rows = found
    write(token, {**data, "state": "running"})
    _meta, out = paths(token)
    xlsx.task_list_workbook(rows, str(out), title=f"DANH SÁCH NHIỆM VỤ (ngày {today:%d/%m/%Y})",
                            progress=lambda n: write(token, {**data, "state": "running", "done": n}))
    write(token, {**data, "done": data["total"], "state": "done", "filename": f"danh-sach-nhiem-vu-{today:%Y%m%d}.xlsx"})
