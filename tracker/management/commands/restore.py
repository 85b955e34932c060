"""`manage.py restore ARCHIVE --yes`: put back the database and uploaded files of a backup."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracker.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Khôi phục cơ sở dữ liệu và các tệp đã tải lên từ một bản sao lưu (thay thế toàn bộ dữ liệu hiện có). "
            "Dừng máy chủ web và worker trước khi khôi phục.")

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--yes", action="store_true", help="không hỏi lại")

    def handle(self, *args, archive, yes=False, **options):
        if not yes:
            answer = input("Toàn bộ dữ liệu hiện có sẽ bị thay bằng bản sao lưu. Gõ 'co' để tiếp tục: ")
            if answer.strip().lower() not in ("co", "có"):
                raise CommandError("Đã hủy, không thay đổi gì.")
        try:
            summary = restore(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Đã khôi phục từ {summary.path} ({summary.files} tệp đính kèm)."))
