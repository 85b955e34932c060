"""Report periods: month, quarter, half-year, year, or two dates; parsed from "2026-11", "2026-Q3", "2026-H1", "2026"."""
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError

KINDS = (("month", "Tháng"), ("quarter", "Quý"), ("half", "6 tháng"), ("year", "Năm"), ("range", "Từ ngày – đến ngày"))
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str  # "quý III năm 2026"
    code: str = ""  # "2026-Q3"; empty for two dates

    @property
    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches, for the monthly trend."""
        out, y, m = [], self.start.year, self.start.month
        while (y, m) <= (self.end.year, self.end.month):
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month(year: int, m: int) -> Period:
    return Period(date(year, m, 1), _month_end(year, m), f"tháng {m} năm {year}", f"{year}-{m:02d}")


def quarter(year: int, q: int) -> Period:
    return Period(date(year, 3 * q - 2, 1), _month_end(year, 3 * q), f"quý {ROMAN[q]} năm {year}", f"{year}-Q{q}")


def half(year: int, h: int) -> Period:
    label = "6 tháng đầu năm" if h == 1 else "6 tháng cuối năm"
    return Period(date(year, 6 * h - 5, 1), _month_end(year, 6 * h), f"{label} {year}", f"{year}-H{h}")


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), f"năm {y}", str(y))


def between(start: date, end: date) -> Period:
    if end < start:
        raise ValidationError("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.")
    return Period(start, end, f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}")


_CODE = re.compile(r"^(\d{4})(?:-(?:(\d{1,2})|[Qq]([1-4])|[Hh]([12])))?$")


def parse(code: str) -> Period:
    """A period from its code; a clear Vietnamese message for anything else."""
    found = _CODE.match((code or "").strip())
    if not found:
        raise ValidationError(f"Kỳ báo cáo “{code}” không hợp lệ; dùng dạng 2026-11 (tháng), 2026-Q3 (quý), "
                              "2026-H1 (6 tháng) hoặc 2026 (năm).")
    y, m, q, h = found.groups()
    y = int(y)
    if m:
        if not 1 <= int(m) <= 12:
            raise ValidationError(f"Tháng {m} không hợp lệ.")
        return month(y, int(m))
    if q:
        return quarter(y, int(q))
    if h:
        return half(y, int(h))
    return year(y)


def previous_month(today: date) -> Period:
    last = today.replace(day=1) - timedelta(days=1)
    return month(last.year, last.month)


def current_quarter(today: date) -> Period:
    return quarter(today.year, (today.month - 1) // 3 + 1)
