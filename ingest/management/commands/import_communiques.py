"""`manage.py import_communiques PATH [PATH ...]`: bulk import through the same service as the import page.

Safe to re-run: texts already imported are reported as duplicates, never imported twice.
"""
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ingest import services
from ingest.readers import SUPPORTED_EXTENSIONS

IMPORTED, DUPLICATE, REFUSED = "imported", "duplicate", "refused"
LABELS = {IMPORTED: "Đã nhập", DUPLICATE: "Trùng", REFUSED: "Từ chối"}


def collect(paths: list[Path]) -> list[Path]:
    """Named files as given; folders searched recursively for supported files (hidden and lock files skipped)."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (child.is_file() and child.suffix.lower() in SUPPORTED_EXTENSIONS
                        and not child.name.startswith((".", "~$"))
                        and not any(part.startswith(".") for part in child.relative_to(path).parts[:-1])):
                    found.setdefault(child, None)
        elif path.exists():
            found.setdefault(path, None)
        else:
            raise CommandError(f"Không tìm thấy: {path}")
    return list(found)


class Command(BaseCommand):
    help = ("Nhập hàng loạt thông báo kết luận từ các tệp hoặc thư mục (.txt, .docx, .pdf, .html); "
            "chạy lại không nhập trùng.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--user", help="tên đăng nhập ghi là người nhập")
        parser.add_argument("--publish", action="store_true", help="ban hành nhiệm vụ ngay sau khi nhập")
        parser.add_argument("--fallback-office", action="store_true",
                            help="khi ban hành, giao các ý chưa có đơn vị chủ trì cho Văn phòng")

    def handle(self, *args, paths, user=None, publish=False, fallback_office=False, **options):
        importer = None
        if user:
            try:
                importer = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"Không có người dùng “{user}”.") from None
        files = collect(paths)
        if not files:
            raise CommandError("Không có tệp nào được hỗ trợ (.txt, .docx, .pdf, .html) trong các đường dẫn đã cho.")

        rows: list[tuple[str, str, str]] = []
        stream = getattr(self.stderr, "_out", self.stderr)
        try:
            for file in tqdm(files, desc="Nhập thông báo", unit="tệp", file=stream, dynamic_ncols=True):
                rows.append(self._import_one(file, importer, publish, fallback_office))
        except KeyboardInterrupt:
            # Ctrl-C: each file is imported in its own transaction, so what is listed is done.
            self._summary(rows)
            self.stderr.write(f"Đã dừng (Ctrl-C) sau {len(rows)}/{len(files)} tệp; chạy lại để nhập tiếp "
                              "(tệp đã nhập được báo trùng).")
            raise CommandError("Đã dừng giữa chừng.", returncode=130) from None
        self._summary(rows)
        refused = sum(1 for _, outcome, _ in rows if outcome == REFUSED)
        if refused:
            raise CommandError(f"{refused} tệp bị từ chối (xem bảng trên).", returncode=1)

    def _import_one(self, file: Path, importer, publish: bool, fallback_office: bool) -> tuple[str, str, str]:
        try:
            data = file.read_bytes()
        except OSError as exc:
            return str(file), REFUSED, f"Không đọc được tệp: {exc.strerror}"
        try:
            communique = services.import_document(data=data, filename=file.name, pasted=None, user=importer)
        except services.DuplicateImport as exc:
            return str(file), DUPLICATE, exc.message
        except services.ImportRefused as exc:
            return str(file), REFUSED, exc.message
        note = f"{communique} – {communique.directives.count()} ý kết luận"
        if publish:
            try:
                tasks = services.publish(communique, importer, fallback_unit=True if fallback_office else None)
            except ValidationError as exc:
                note += "; chưa ban hành: " + " ".join(exc.messages)
            else:
                note += f"; đã ban hành {len(tasks)} nhiệm vụ"
        return str(file), IMPORTED, note

    def _summary(self, rows: list[tuple[str, str, str]]) -> None:
        width = min(max((len(name) for name, _, _ in rows), default=10), 60)
        self.stdout.write("")
        self.stdout.write(f"{'Tệp':<{width}}  {'Kết quả':<8}  Ghi chú")
        self.stdout.write(f"{'-' * width}  {'-' * 8}  {'-' * 40}")
        for name, outcome, note in rows:
            shown = name if len(name) <= width else "…" + name[-(width - 1):]
            self.stdout.write(f"{shown:<{width}}  {LABELS[outcome]:<8}  {note}")
        counts = {key: sum(1 for _, outcome, _ in rows if outcome == key) for key in LABELS}
        line = f"Đã nhập: {counts[IMPORTED]} · Trùng: {counts[DUPLICATE]} · Từ chối: {counts[REFUSED]}"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(line) if not counts[REFUSED] else self.style.WARNING(line))
