"""`manage.py recount_tallies`: rebuild the closed-task tally from the tasks (after bulk edits or a restore)."""
from django.core.management.base import BaseCommand

from tracker import selectors, tallies


class Command(BaseCommand):
    help = "Tính lại bảng đếm nhiệm vụ đã kết thúc (theo đơn vị, vai trò, loại) từ dữ liệu nhiệm vụ."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="chỉ so sánh, không ghi; mã lỗi 1 nếu lệch")

    def handle(self, *args, check=False, **opts):
        if check:
            counted, stored = tallies.counted(), tallies.stored()
            wrong = {k for k in counted.keys() | stored.keys() if counted.get(k, 0) != stored.get(k, 0)}
            self.stdout.write(f"{len(wrong)} dòng lệch trên {len(counted)} dòng.")
            # A unit's list reads its led tasks from Task.lead_unit alone (selectors.unit_branches).
            mismatched = selectors.lead_mismatches()
            if mismatched:
                shown = ", ".join(map(str, mismatched[:20]))
                self.stdout.write(f"{len(mismatched)} nhiệm vụ có đơn vị chủ trì khác phân công chủ trì: {shown}")
            if wrong or mismatched:
                raise SystemExit(1)
            return
        self.stdout.write(f"Đã tính lại {tallies.recount()} dòng.")
