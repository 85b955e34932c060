"""`manage.py load_seeds`: the default unit directory, one demo login per role, and the seed communiqués.

Idempotent: a second run finds everything in place and changes nothing.
"""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from ingest import services as ingest_services
from ingest.models import Communique
from tracker.demo import set_demo_password
from tracker.directory import load_directory
from tracker.models import Unit, User

SEEDS = Path(settings.BASE_DIR) / "seeds"
DEMO_USERS = [
    # username, full name, role, unit code
    ("vanphong", "Nguyễn Thị Văn Phòng", User.Role.OFFICE, "VPTU"),
    ("thuongtruc", "Trần Văn Thường Trực", User.Role.VIEWER, "TTTU"),
    ("lanhdao.dongson", "Lê Văn Lãnh Đạo", User.Role.UNIT_HEAD, "HUA"),
    ("canbo.dongson", "Phạm Thị Cán Bộ", User.Role.UNIT_STAFF, "HUA"),
]


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị mặc định, tài khoản mẫu và các thông báo mẫu trong seeds/."

    def add_arguments(self, parser):
        parser.add_argument("--no-communiques", action="store_true", help="chỉ nạp đơn vị và tài khoản")

    def handle(self, *args, **options):
        loaded = load_directory(SEEDS / "units.json")
        self.stdout.write(f"Đơn vị: thêm {loaded.units}, tên gọi khác: thêm {loaded.aliases}.")
        created = self._demo_users()
        self.stdout.write(f"Tài khoản mẫu: thêm {len(created)}.")
        if not options["no_communiques"]:
            self._communiques()
        if created:
            self.stdout.write(self.style.SUCCESS(
                "Tài khoản mẫu – mật khẩu chỉ in một lần, phải đổi ở lần đăng nhập đầu:"))
        for username, _name, role, code in DEMO_USERS:
            shown = created.get(username, "(đã có, mật khẩu không đổi)")
            self.stdout.write(f"  {username:18} {shown:16} {User.Role(role).label} – {code}")

    def _demo_users(self) -> dict[str, str]:
        """The demo logins created now, with their passwords (to print once)."""
        created = {}
        for username, full_name, role, code in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                continue
            # Vietnamese names read family name first: keep the whole name in first_name.
            user = User(username=username, first_name=full_name, role=role,
                        unit=Unit.objects.get(code=code), email=f"{username}@donvi.local",
                        is_staff=role == User.Role.OFFICE)
            created[username] = set_demo_password(user)
            if role == User.Role.OFFICE:
                user.is_superuser = True
            user.save()
        return created

    def _communiques(self) -> None:
        office = User.objects.get(username="vanphong")
        fallback = Unit.objects.get(code=settings.OFFICE_UNIT_CODE)
        for path in sorted(SEEDS.glob("*.txt")):
            try:
                communique = ingest_services.import_document(
                    data=path.read_bytes(), filename=path.name, pasted=None, user=office)
            except ingest_services.DuplicateImport as exc:
                communique = exc.existing
            if communique.state == Communique.State.DRAFT:
                with transaction.atomic():
                    tasks = ingest_services.publish(communique, office, fallback_unit=fallback, notify=False)
                self.stdout.write(f"  {path.name}: {communique.number or '–'}, {len(tasks)} nhiệm vụ")
            else:
                self.stdout.write(f"  {path.name}: đã có ({communique.number or '–'})")
