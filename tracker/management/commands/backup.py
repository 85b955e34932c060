"""`manage.py backup [PATH]`: the database and the uploaded files in one .tar.gz (default var/backups/)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracker.backup import BackupError, backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp đã tải lên vào một tệp .tar.gz (mặc định trong var/backups/)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, help="tệp hoặc thư mục đích")

    def handle(self, *args, path=None, **options):
        try:
            summary = backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Đã sao lưu ({summary.engine}, {summary.files} tệp đính kèm): {summary.path}"))
