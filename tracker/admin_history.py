"""The admin's history pages in Vietnamese: choice labels instead of raw codes, dates as dd/mm/yyyy."""
from datetime import date, datetime

from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper


class VietnameseHistoryHelper(HistoricalRecordContextHelper):
    """`in_progress → awaiting` reads `Đang thực hiện → Chờ xác nhận hoàn thành`."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if field.choices and value is not None:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, datetime):
            return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if timezone.is_aware(value) \
                else value.strftime("%d/%m/%Y %H:%M")
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        if isinstance(value, bool):
            return "Có" if value else "Không"
        if value in (None, ""):
            return "–"
        return super().prepare_delta_change_value(change, value)


class VietnameseHistoryAdmin(SimpleHistoryAdmin):
    def get_historical_record_context_helper(self, request, historical_record):
        return VietnameseHistoryHelper(self.model, historical_record)
