"""Backup and restore of one install: the database and the uploaded files, in one .tar.gz.

SQLite is copied with its online-backup API (consistent while the app runs); PostgreSQL
with pg_dump / pg_restore. `manage.py backup` and `manage.py restore` call these.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from glob import glob
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.pgdump"
MANIFEST = "manifest.json"
MEDIA = "media"


class BackupError(Exception):
    pass


@dataclass
class Summary:
    path: Path
    engine: str
    files: int


def _pg_tool(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        raise BackupError(f"Không tìm thấy {name} (cài gói postgresql-client).")
    return found


def _pg_env() -> tuple[list[str], dict]:
    db = settings.DATABASES["default"]
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def backup(destination: Path | None = None) -> Summary:
    """Write a backup archive; return where, and how many uploaded files it holds."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    if destination is None or destination.is_dir():
        folder = destination or Path(settings.VAR_DIR) / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        destination = folder / f"dondoc-{stamp}.tar.gz"
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(tmp / SQLITE_NAME)
            with target:
                connection.connection.backup(target)  # online backup: a consistent copy while in use
            target.close()
            db_name = SQLITE_NAME
        elif connection.vendor == "postgresql":
            args, env = _pg_env()
            result = subprocess.run([_pg_tool("pg_dump"), "--format=custom", "--no-owner",
                                     "--file", str(tmp / PG_NAME), *args], env=env, capture_output=True, text=True)
            if result.returncode:
                raise BackupError(f"pg_dump lỗi: {result.stderr.strip()[:500]}")
            db_name = PG_NAME
        else:
            raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")
        files = [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
        manifest = {"created_at": timezone.now().isoformat(), "engine": connection.vendor, "database": db_name,
                    "media_files": len(files)}
        (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(tmp / MANIFEST, MANIFEST)
            archive.add(tmp / db_name, db_name)
            if media_root.exists():
                archive.add(media_root, MEDIA)
        partial.replace(destination)  # a half-written archive never looks like a backup
    return Summary(destination, connection.vendor, len(files))


def restore(archive_path: Path) -> Summary:
    """Replace the database and the uploaded files with those of a backup archive."""
    if not archive_path.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {archive_path}.")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        try:
            with tarfile.open(archive_path, "r:gz") as archive:
                archive.extractall(tmp, filter="data")
            manifest = json.loads((tmp / MANIFEST).read_text())
        except (tarfile.TarError, OSError, ValueError) as exc:
            raise BackupError(f"Tệp sao lưu hỏng hoặc không đúng định dạng ({exc}).") from None
        if manifest.get("engine") != connection.vendor:
            raise BackupError(f"Bản sao lưu của {manifest.get('engine')}, không khôi phục vào {connection.vendor} được.")
        if connection.vendor == "sqlite":
            source = sqlite3.connect(tmp / SQLITE_NAME)
            connection.ensure_connection()
            with source:
                source.backup(connection.connection)  # pages copied into the live database, WAL-safe
            source.close()
        else:
            args, env = _pg_env()
            result = subprocess.run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
                                     "--single-transaction", *args, str(tmp / PG_NAME)],
                                    env=env, capture_output=True, text=True)
            if result.returncode:
                raise BackupError(f"pg_restore lỗi: {result.stderr.strip()[:500]}")
        media_root = Path(settings.MEDIA_ROOT)
        restored = tmp / MEDIA
        if media_root.exists():
            old = media_root.with_name(media_root.name + ".before-restore")
            shutil.rmtree(old, ignore_errors=True)
            media_root.rename(old)
        if restored.exists():
            shutil.copytree(restored, media_root)
        else:
            media_root.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(media_root.with_name(media_root.name + ".before-restore"), ignore_errors=True)
    files = sum(1 for p in media_root.rglob("*") if p.is_file())
    return Summary(archive_path, connection.vendor, files)
