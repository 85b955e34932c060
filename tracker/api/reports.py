"""The period report's figures as JSON: the report page's own form, scope and selector (tracker.reports)."""
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker.reports import selectors
from tracker.reports import views as report_views

from .exceptions import FormInvalid

PARAMS = [
    OpenApiParameter("period", OpenApiTypes.STR, description="Kỳ: 2025-Q3, 2025-07, 2025-H1, 2025, hoặc range."),
    OpenApiParameter("start", OpenApiTypes.DATE, description="Với period=range: từ ngày."),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Với period=range: đến ngày."),
    OpenApiParameter("as_of", OpenApiTypes.DATE, description="Số liệu đến ngày (mặc định: cuối kỳ hoặc hôm nay)."),
    OpenApiParameter("unit", OpenApiTypes.INT, description="Văn phòng, lãnh đạo: một đơn vị chủ trì."),
    OpenApiParameter("group", OpenApiTypes.INT, description="Văn phòng, lãnh đạo: một nhóm đơn vị."),
    OpenApiParameter("communique", OpenApiTypes.INT, description="Văn phòng, lãnh đạo: một thông báo."),
    OpenApiParameter("issuer", OpenApiTypes.STR, description="Văn phòng, lãnh đạo: cơ quan ban hành."),
]


class PeriodReportView(APIView):
    """A unit's user gets their unit's figures only; naming another unit is a 404, as on the page."""

    @extend_schema(summary="Báo cáo tình hình thực hiện theo kỳ (số liệu)", parameters=PARAMS,
                   responses=OpenApiTypes.OBJECT)
    def get(self, request):
        form, scope, data = report_views._report_request(request)
        if scope is None:
            raise FormInvalid(form)
        return Response(selectors.period_report(scope, data["period_obj"], data["as_of"]))
