"""/api/v1/: tracker's and ingest's endpoints on one router, the schema with its browsable page, the calendar feed.

Assembled here because config may import both apps (tracker never imports ingest).
"""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from ingest import api as ingest_api
from tracker.api import calendar, reports, views

app_name = "api"

router = DefaultRouter()
router.root_view_name = "root"
router.register("tasks", views.TaskViewSet, basename="task")
router.register("communiques", ingest_api.CommuniqueViewSet, basename="communique")
router.register("units", views.UnitViewSet, basename="unit")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("schema/docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("reports/period/", reports.PeriodReportView.as_view(), name="period-report"),
    path("reports/<int:pk>/attachment/", views.ReportAttachmentView.as_view(), name="report-attachment"),
    path("calendar/<str:key>.ics", calendar.feed, name="calendar"),
    path("", include(router.urls)),
]
