"""`manage.py load_province "Hà Tĩnh"`: the province's bodies, communes, wards and special zones, with old names.

Idempotent: a second run changes nothing; after the data packages change it adds and renames
(keeping old names as aliases) and never deletes a unit.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tracker.directory import load_province


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị của một tỉnh (cơ quan cấp tỉnh, xã, phường, đặc khu) từ dữ liệu đơn vị hành chính."

    def add_arguments(self, parser):
        parser.add_argument("province", nargs="?", default=None,
                            help=f"tên tỉnh, thành phố (mặc định DONDOC_PROVINCE: {settings.DONDOC_PROVINCE})")

    def handle(self, *args, province=None, **options):
        name = province or settings.DONDOC_PROVINCE
        try:
            loaded = load_province(name)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"{name}: {loaded.communes} xã, phường, đặc khu; thêm {loaded.units} đơn vị, "
                          f"{loaded.aliases} tên gọi khác; đổi tên {loaded.renamed}.")
        if loaded.missing:
            self.stdout.write(self.style.WARNING(
                f"{len(loaded.missing)} đơn vị không còn trong dữ liệu, giữ nguyên: {', '.join(loaded.missing)}"))
