"""`manage.py load_seeds`: the demo — a real province's directory (DONDOC_PROVINCE), demo logins in
current units, and the seed communiqués as a few months of follow-up (see ingest.demo).

Idempotent: a second run finds everything in place and changes nothing.
"""
from django.conf import settings
from django.core.management.base import BaseCommand

from ingest.demo import DEMO_USERS, demo_unit, load_demo
from tracker.models import User


class Command(BaseCommand):
    help = "Nạp bản demo: danh mục đơn vị của tỉnh (DONDOC_PROVINCE), tài khoản mẫu và các thông báo mẫu trong seeds/."

    def add_arguments(self, parser):
        parser.add_argument("--no-communiques", action="store_true", help="chỉ nạp đơn vị và tài khoản")

    def handle(self, *args, **options):
        loaded, created, seeded = load_demo(communiques=not options["no_communiques"])
        self.stdout.write(f"{settings.DONDOC_PROVINCE}: {loaded.communes} xã, phường, đặc khu; "
                          f"đơn vị: thêm {loaded.units}, tên gọi khác: thêm {loaded.aliases}.")
        for s in seeded:
            self.stdout.write(f"  {s.name}: {s.label}, " + ("đã có" if s.existed else f"{s.tasks} nhiệm vụ"))
        self.stdout.write(f"Tài khoản mẫu: thêm {len(created)}.")
        if created:
            self.stdout.write(self.style.SUCCESS(
                "Tài khoản mẫu – mật khẩu chỉ in một lần, phải đổi ở lần đăng nhập đầu:"))
        for username, _, role, code in DEMO_USERS:
            shown = created.get(username, "(đã có, mật khẩu không đổi)")
            self.stdout.write(f"  {username:18} {shown:16} {User.Role(role).label} – {demo_unit(code)}")
        if len(created) < len(DEMO_USERS):
            self.stdout.write("  Quên mật khẩu một tài khoản: .venv/bin/python manage.py changepassword TÊN_ĐĂNG_NHẬP")
