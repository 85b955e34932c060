"""`manage.py extract --json FILE`: print what the extractor proposes for one file; writes nothing."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingest.extraction import propose
from ingest.readers import ReadError, read_document


class Command(BaseCommand):
    help = "In ra các ý kết luận trích xuất từ một tệp thông báo (không ghi gì vào cơ sở dữ liệu)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help="in một đối tượng JSON (định dạng của bộ chấm điểm)")

    def handle(self, *args, file: Path, **options):
        try:
            document = read_document(file.read_bytes(), file.name)
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {file}: {exc.strerror}") from exc
        except ReadError as exc:
            raise CommandError(exc.message) from exc
        result = propose(document.text).to_json()
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(f"{result['number'] or '–'} · {result['meeting_date'] or '–'} · {result['title'] or ''}")
        for i, d in enumerate(result["directives"], 1):
            owners = ", ".join(f"{o['name']} ({o['role']})" for o in d["owners"]) or "—"
            self.stdout.write(f"{i}. [{d['deadline'] or 'không hạn'}] {owners}: {d['text'][:160]}")
