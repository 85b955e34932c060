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


def start(user, query: str, total: int) -> str:
    """Record the job and queue it; returns the token of its progress page."""
    from .tasks import export_xlsx

    token = secrets.token_hex(16)
    write(token, {"user_id": user.pk, "query": query, "total": total, "done": 0, "state": "queued"})
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
