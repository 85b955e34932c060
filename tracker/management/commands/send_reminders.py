"""`manage.py send_reminders [--date YYYY-MM-DD] [--dry-run]`: the daily sweep and sending, in the foreground.

The same code as the Celery tasks: sweep the date into the outbox (once per date),
then claim and send every due row through the configured email backend.
`--dry-run` prints, per recipient, what would be sent, and writes nothing.
"""
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from tracker.reminders import outbox
from tracker.reminders import sweep as sweeping
from tracker.selectors import local_today


class Command(BaseCommand):
    help = "Quét nhắc hạn cho một ngày (mặc định hôm nay, giờ Việt Nam) và gửi email ngay."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="coi ngày này là hôm nay (YYYY-MM-DD)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ in những email sẽ gửi, không gửi, không ghi gì")

    def handle(self, *args, **options):
        try:
            day = date.fromisoformat(options["date"]) if options["date"] else local_today()
        except ValueError:
            raise CommandError("Ngày không hợp lệ, cần dạng YYYY-MM-DD.") from None
        if options["dry_run"]:
            return self._dry_run(day)
        result = sweeping.sweep(day, enqueue=False)
        if result.already:
            self.stdout.write(f"Ngày {day:%d/%m/%Y} đã được quét trước đó: không tạo email mới.")
        else:
            span = "" if result.covers_from == day else f" (bù từ {result.covers_from:%d/%m/%Y})"
            self.stdout.write(f"Quét ngày {day:%d/%m/%Y}{span}: {result.items} mục nhắc hạn, "
                              f"{result.escalations} mục đôn đốc, {result.messages} email"
                              + (f", {result.rolled} nhiệm vụ định kỳ chuyển kỳ" if result.rolled else "") + ".")
        stats = outbox.send_pending()
        self.stdout.write(self.style.SUCCESS(
            f"Đã gửi {stats.sent} email; lỗi {stats.failed}; chờ gửi lại {stats.retrying}; bỏ qua {stats.skipped}."))

    def _dry_run(self, day):
        result, preview = sweeping.preview_sweep(day)
        if result.already:
            self.stdout.write(f"Ngày {day:%d/%m/%Y} đã được quét trước đó; email đang chờ gửi:")
        else:
            self.stdout.write(f"[Chạy thử] Quét ngày {day:%d/%m/%Y}: {result.items} mục nhắc hạn, "
                              f"{result.escalations} mục đôn đốc; sẽ gửi {len(preview)} email:")
        for p in preview:
            cc = f" (đồng gửi {p['cc']})" if p["cc"] else ""
            self.stdout.write(f"\n→ {p['recipient']}{cc} – {p['kind']}\n  {p['subject']}")
            for pk, url in p["tasks"]:
                self.stdout.write(f"    #{pk} {url}")
        self.stdout.write(f"\n[Chạy thử] Không gửi, không ghi gì. Tổng: {len(preview)} email.")
