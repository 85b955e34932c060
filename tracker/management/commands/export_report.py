"""`manage.py export_report --period 2026-Q3 [--unit CODE] [--as-of DD/MM/YYYY] --format xlsx|docx --output FILE`."""
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tracker.models import Unit
from tracker.reports import docx, periods, selectors, xlsx
from tracker.selectors import local_today


def _date(text: str):
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise CommandError(f"Ngày “{text}” không hợp lệ; dùng dd/mm/yyyy hoặc yyyy-mm-dd.")


class Command(BaseCommand):
    help = "Xuất báo cáo tình hình thực hiện của một kỳ ra tệp .xlsx hoặc .docx (dùng cho lịch chạy định kỳ)."

    def add_arguments(self, parser):
        parser.add_argument("--period", help="2026-11 (tháng), 2026-Q3 (quý), 2026-H1 (6 tháng), 2026 (năm)")
        parser.add_argument("--from", dest="start", help="từ ngày (thay cho --period)")
        parser.add_argument("--to", dest="end", help="đến ngày (thay cho --period)")
        parser.add_argument("--as-of", dest="as_of", help="số liệu đến ngày (mặc định: cuối kỳ, hoặc hôm nay)")
        parser.add_argument("--unit", help="mã đơn vị chủ trì; mặc định tất cả")
        parser.add_argument("--format", choices=("xlsx", "docx"), default="xlsx")
        parser.add_argument("--form", choices=docx.FORMS, default="party", help="thể thức .docx: party | state")
        parser.add_argument("--output", required=True)

    def handle(self, *args, **opts):
        try:
            if opts["period"]:
                period = periods.parse(opts["period"])
            elif opts["start"] and opts["end"]:
                period = periods.between(_date(opts["start"]), _date(opts["end"]))
            else:
                raise CommandError("Cần --period, hoặc cả --from và --to.")
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        as_of = _date(opts["as_of"]) if opts["as_of"] else min(period.end, local_today())
        scope = selectors.Scope()
        if opts["unit"]:
            scope.unit = Unit.objects.filter(code=opts["unit"]).first()
            if scope.unit is None:
                raise CommandError(f"Không có đơn vị mã “{opts['unit']}”.")
            scope.label = scope.unit.name
        report = selectors.period_report(scope, period, as_of)
        if opts["format"] == "xlsx":
            rows = xlsx.report_workbook(report, selectors.report_detail(scope, period, as_of), opts["output"])
        else:
            docx.report_document(report, opts["output"], form=opts["form"])
            rows = report["totals"]["total"]
        self.stdout.write(f"Đã xuất {opts['output']}: {report['period']['label']}, số liệu đến "
                          f"{as_of:%d/%m/%Y}, {rows} nhiệm vụ.")
