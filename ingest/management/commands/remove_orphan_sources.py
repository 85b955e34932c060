"""`manage.py remove_orphan_sources [--hours N] [--dry-run]`: delete stored source files no communiqué
refers to (an import killed mid-way), older than N hours. Beat runs the same sweep every 10 minutes."""
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ingest.services.cleanup import remove_orphan_sources


class Command(BaseCommand):
    help = "Xoá tệp nguồn không thuộc thông báo nào (nhập bị ngắt giữa chừng), cũ hơn N giờ."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=settings.ORPHAN_SOURCE_HOURS,
                            help=f"chỉ xoá tệp cũ hơn số giờ này (mặc định {settings.ORPHAN_SOURCE_HOURS}, tối thiểu 1)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không xoá")

    def handle(self, *args, hours, dry_run, **options):
        if hours < 1:
            raise CommandError("--hours phải từ 1 trở lên: một lần nhập có thể đang chạy.")
        result = remove_orphan_sources(older_than=timedelta(hours=hours), dry_run=dry_run)
        for name in result.removed:
            self.stdout.write(("Sẽ xoá " if dry_run else "Đã xoá ") + name)
        self.stdout.write(f"{'Sẽ xoá' if dry_run else 'Đã xoá'} {len(result.removed)} tệp mồ côi; giữ "
                          f"{result.referenced} tệp của thông báo, {result.kept_young} tệp mới hơn {hours} giờ.")
