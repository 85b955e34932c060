"""Source files left by an import that died between writing its file and committing its row (kill -9)
are removed once old enough; a communiqué's file and a file an import may still be writing stay."""
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from ingest import services
from ingest.tasks import remove_orphan_sources
from tests.ingest.conftest import stored_files

pytestmark = pytest.mark.django_db
HOUR = 3600


def _left_behind(name: str, hours_ago: float) -> str:
    """What a killed import leaves: the file in the storage, no row pointing at it."""
    stored = default_storage.save(name, ContentFile(b"%PDF-1.4 noi dung"))
    then = time.time() - hours_ago * HOUR
    os.utime(default_storage.path(stored), (then, then))
    return stored


def test_orphans_older_than_the_limit_are_removed_and_nothing_else(media, directory, sample_text, capsys):
    kept = services.import_document(data=sample_text.encode(), filename="tb-123.txt", user=None)
    os.utime(default_storage.path(kept.source_file.name), (time.time() - 90 * HOUR,) * 2)  # old, but referenced
    old = _left_behind("communiques/2025/tb-bi-ngat.pdf", hours_ago=30)
    young = _left_behind("communiques/2026/dang-nhap.pdf", hours_ago=2)  # an import may still be running

    call_command("remove_orphan_sources", "--hours", "24", "--dry-run")
    assert f"Sẽ xoá {old}" in capsys.readouterr().out and default_storage.exists(old)

    call_command("remove_orphan_sources", "--hours", "24")
    out = capsys.readouterr().out
    assert "Đã xoá 1 tệp mồ côi; giữ 1 tệp của thông báo, 1 tệp mới hơn 24 giờ." in out
    assert not default_storage.exists(old)
    assert default_storage.exists(young) and default_storage.exists(kept.source_file.name)
    assert len(stored_files(media)) == 2


def test_the_beat_task_runs_the_same_sweep(media, settings):
    settings.ORPHAN_SOURCE_HOURS = 6
    old = _left_behind("communiques/2026/tb-bi-ngat.docx", hours_ago=7)
    young = _left_behind("communiques/2026/tb-moi.docx", hours_ago=5)
    assert remove_orphan_sources() == 1
    assert not default_storage.exists(old) and default_storage.exists(young)
    assert "remove-orphan-sources" in settings.CELERY_BEAT_SCHEDULE


def test_a_limit_under_an_hour_is_refused(media):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="từ 1 trở lên"):
        call_command("remove_orphan_sources", "--hours", "0")
