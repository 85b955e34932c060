"""Stored source files no communiqué refers to: what an import killed between writing its file and
committing its row (kill -9, a lost worker) leaves behind. The import's own failures clean up after
themselves; this catches the rest, once they are old enough that no import can still be running."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.files.storage import default_storage
from django.utils import timezone

from ingest.models import Communique

logger = logging.getLogger("ingest.cleanup")
SOURCES = "communiques"  # Communique.source_file's upload_to root


@dataclass
class Cleanup:
    removed: list[str] = field(default_factory=list)
    kept_young: int = 0
    referenced: int = 0


def _stored(folder: str):
    folders, files = default_storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _stored(f"{folder}/{sub}")


def remove_orphan_sources(*, older_than: timedelta, now: datetime | None = None, dry_run: bool = False) -> Cleanup:
    """Delete stored source files that no communiqué refers to and that are older than `older_than`."""
    if older_than < timedelta(hours=1):
        raise ValueError("older_than must leave a running import at least an hour")
    cutoff = (now or timezone.now()) - older_than
    result = Cleanup()
    if not default_storage.exists(SOURCES):
        return result
    referenced = set(Communique.objects.exclude(source_file="").values_list("source_file", flat=True))
    for name in _stored(SOURCES):
        if name in referenced:
            result.referenced += 1
        elif default_storage.get_modified_time(name) >= cutoff:
            result.kept_young += 1
        else:
            if not dry_run:
                default_storage.delete(name)
                logger.info("Removed orphaned source file %s", name)
            result.removed.append(name)
    return result
