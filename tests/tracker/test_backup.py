"""`manage.py backup` then `manage.py restore` bring back the database and the uploaded files."""
import io
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from tracker import services
from tracker.models import ProgressReport, Task

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path / "var"
    return settings.MEDIA_ROOT


def test_backup_then_restore_round_trip(media, tmp_path, unit_a, staff_a):
    """SQLite (online backup API) here; PostgreSQL (pg_dump / pg_restore) in scripts/test_postgres.sh."""
    task = services.create_task(title="Rà soát quy hoạch cán bộ", lead=unit_a)
    pdf = b"%PDF-1.4 bao cao tien do"
    report = services.report_progress(task, staff_a, text="Đã rà soát", percent=40,
                                      attachment=ContentFile(pdf, name="bao-cao.pdf"))
    stored = media / report.attachment.name
    assert stored.read_bytes() == pdf

    out = io.StringIO()
    call_command("backup", stdout=out)
    archive = next((tmp_path / "var" / "backups").glob("dondoc-*.tar.gz"))
    assert "1 tệp đính kèm" in out.getvalue()
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    dump = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[connection.vendor]
    assert dump in names and "manifest.json" in names and f"media/{report.attachment.name}" in names

    # Afterwards: a task renamed, a report lost, its file deleted, a stray file added.
    Task.objects.filter(pk=task.pk).update(title="Sửa nhầm")
    ProgressReport.objects.all().delete()
    stored.unlink()
    (media / "la.txt").write_text("không có trong bản sao lưu")

    call_command("restore", str(archive), "--yes", stdout=io.StringIO())
    assert Task.objects.get(pk=task.pk).title == "Rà soát quy hoạch cán bộ"
    restored = ProgressReport.objects.get(pk=report.pk)
    assert restored.text == "Đã rà soát" and restored.attachment.name == report.attachment.name
    assert stored.read_bytes() == pdf
    assert not (media / "la.txt").exists()
    # The database is usable afterwards: new rows get fresh ids (sequences restored with the data).
    again = services.create_task(title="Sau khôi phục", lead=unit_a)
    assert again.pk > task.pk and again.history.get().history_change_reason == "Giao nhiệm vụ"


def test_restore_refuses_a_broken_archive_and_changes_nothing(media, tmp_path, unit_a):
    task = services.create_task(title="Giữ nguyên", lead=unit_a)
    broken = tmp_path / "hong.tar.gz"
    broken.write_bytes(b"not a tar")
    with pytest.raises(CommandError, match="hỏng"):
        call_command("restore", str(broken), "--yes")
    assert Task.objects.get(pk=task.pk).title == "Giữ nguyên"
