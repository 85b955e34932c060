"""`manage.py succeed_unit CODE --into CODE` or `--rename "Tên mới"`: a merger or a rename, as the admin action does."""
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tracker import directory
from tracker.models import Unit


def _unit(code: str) -> Unit:
    try:
        return Unit.objects.get(code=code)
    except Unit.DoesNotExist:
        raise CommandError(f"Không có đơn vị mã “{code}”.") from None


class Command(BaseCommand):
    help = "Sáp nhập đơn vị vào đơn vị khác, hoặc đổi tên đơn vị (nhiệm vụ đang thực hiện chuyển sang đơn vị kế thừa)."

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="+", help="mã các đơn vị cũ")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--into", help="mã đơn vị kế thừa")
        target.add_argument("--rename", help="tên mới (chỉ với một đơn vị)")
        parser.add_argument("--note", default="", help="căn cứ: số quyết định, ngày")

    def handle(self, *args, codes, into=None, rename=None, note="", **options):
        if rename and len(codes) != 1:
            raise CommandError("Đổi tên: chỉ nêu một mã đơn vị.")
        try:
            for code in codes:
                old = _unit(code)
                done = (directory.rename(old, rename, user=None, note=note) if rename
                        else directory.succeed(old, _unit(into), user=None, note=note))
                self.stdout.write(f"{old} → {done.successor}: chuyển {done.moved_tasks} nhiệm vụ, "
                                  f"{done.moved_users} tài khoản, {done.moved_aliases} tên gọi khác.")
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
