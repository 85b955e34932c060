"""Importing a communiqué: read the file (or pasted text), refuse duplicates, store it with its proposals.

All or nothing: on any failure no row and no stored file remain.
"""
from __future__ import annotations

import json
import logging
import os
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from ingest import selectors
from ingest.extraction import describe, propose
from ingest.models import Communique, Directive
from ingest.readers import ReadError, read_document, read_pasted
from tracker.models import User

from .owners import add_owners

logger = logging.getLogger(__name__)


class ImportRefused(Exception):
    """A communiqué was not imported; `message` is Vietnamese and can be shown as is."""

    def __init__(self, message: str, *, code: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code


class DuplicateImport(ImportRefused):
    """The same text was imported before; `existing` is that first import."""

    def __init__(self, existing: Communique):
        self.existing = existing
        self.imported_on = timezone.localtime(existing.imported_at).strftime("%d/%m/%Y")
        self.label = str(existing)
        super().__init__(f"Thông báo này đã được nhập ngày {self.imported_on} (xem “{self.label}”).",
                         code="duplicate")


def _read(data: bytes | None, filename: str, pasted: str | None):
    try:
        if data is not None:
            return read_document(data, filename, max_bytes=settings.IMPORT_MAX_BYTES)
        if pasted is not None and pasted.strip():
            return read_pasted(pasted)
    except ReadError as exc:
        raise ImportRefused(exc.message, code=exc.code) from exc
    raise ImportRefused("Chưa có nội dung: hãy chọn một tệp hoặc dán văn bản thông báo.", code="empty")


def _jsonable(extraction) -> dict:
    try:
        return json.loads(json.dumps(extraction.to_json(), ensure_ascii=False, default=str))
    except Exception:  # noqa: BLE001 - the record of proposals is a convenience, never a reason to refuse
        logger.exception("Extraction.to_json failed")
        return {}


def import_document(*, data: bytes | None, filename: str = "", pasted: str | None = None,
                    user: User | None = None, now: datetime | None = None) -> Communique:
    """Read a file (or pasted text), refuse duplicates, store it with its proposed directives.

    All or nothing: on any failure no row and no stored file remain. Refusals raise
    ImportRefused (DuplicateImport for a text seen before). The reader's warnings are
    left on the returned object as `import_warnings`. `now` dates the import (default: now).
    """
    filename = os.path.basename(filename or "")
    document = _read(data, filename, pasted)
    text = document.text
    if not text.strip():
        raise ImportRefused("Tệp trống: không có nội dung văn bản để nhập.", code="empty")
    if len(text) > settings.IMPORT_MAX_CHARS:
        # Extraction runs in the request; a book-length text would hold a web worker for minutes.
        raise ImportRefused(f"Văn bản quá dài ({len(text):,} ký tự, tối đa {settings.IMPORT_MAX_CHARS:,}): "
                            "một thông báo kết luận thường chỉ vài chục trang. Hãy tách thành nhiều tệp."
                            .replace(",", "."), code="too_long")
    digest = selectors.content_hash(text)
    existing = selectors.imported_before(digest)
    if existing:
        raise DuplicateImport(existing)
    try:
        extraction = propose(text)
    except Exception as exc:
        logger.exception("Extractor failed on %s", filename or "pasted text")
        raise ImportRefused("Không phân tích được nội dung thông báo (lỗi bộ trích xuất); "
                            "văn bản chưa được nhập. Hãy báo cho quản trị hệ thống.", code="extract") from exc

    stored_name = ""
    try:
        with transaction.atomic():
            communique = Communique(
                title=extraction.title or "",
                number=(extraction.number or "")[:64],
                issuer=(extraction.issuer or "")[:255],
                meeting_date=extraction.meeting_date if extraction.meeting_reported else None,
                issue_date=extraction.issue_date,
                province=(extraction.province or "")[:128],
                source_name=(filename if data is not None else "")[:255],
                source_format=(document.format or "")[:16],
                text=text,
                content_hash=digest,
                imported_by=user,
                extraction=_jsonable(extraction),
                imported_at=now or timezone.now(),
            )
            if data is not None:
                communique.source_file.save(filename or "thong-bao", ContentFile(data), save=False)
                stored_name = communique.source_file.name
            communique.save()
            _create_directives(communique, extraction.directives)
    except BaseException as exc:
        if stored_name:
            communique.source_file.storage.delete(stored_name)
        if isinstance(exc, IntegrityError):
            existing = selectors.imported_before(digest)
            if existing:  # a concurrent import of the same text won the race
                raise DuplicateImport(existing) from exc
        raise
    communique.import_warnings = list(getattr(document, "warnings", []) or [])
    return communique


def _create_directives(communique: Communique, proposals) -> None:
    wanted = set()
    for p in proposals:
        wanted.update(o.unit_id for o in p.owners if o.unit_id)
        if p.report_to_unit_id:
            wanted.add(p.report_to_unit_id)
    known = selectors.existing_unit_ids(wanted)
    length = len(communique.text)
    for order, p in enumerate(proposals):
        span_ok = p.start is not None and p.end is not None and 0 <= p.start <= p.end <= length
        directive = Directive.objects.create(
            communique=communique,
            order=order,
            text=p.text,
            start=p.start if span_ok else None,
            end=p.end if span_ok else None,
            report_to_text=(p.report_to or "")[:255],
            report_to_id=p.report_to_unit_id if p.report_to_unit_id in known else None,
            deadline=p.deadline,
            deadline_phrase=(p.deadline_phrase or "")[:255],
            deadline_source=p.deadline_source or "",
            deadline_evidence=describe(p.deadline_evidence)[:255] if p.deadline else "",
            recurring=bool(p.recurring),
        )
        add_owners(directive, [(o.name, o.role, o.unit_id, describe(o.source), o.unit_type) for o in p.owners],
                   known=known)
