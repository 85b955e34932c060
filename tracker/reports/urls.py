from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("bao-cao/", views.report, name="report"),
    path("bao-cao/in/", views.report_print, name="print"),
    path("bao-cao/tai-ve.xlsx", views.report_export, {"fmt": "xlsx"}, name="xlsx"),
    path("bao-cao/tai-ve.docx", views.report_export, {"fmt": "docx"}, name="docx"),
    path("bao-cao/xuat/<slug:token>/", views.job, name="job"),
    path("bao-cao/xuat/<slug:token>/tep.xlsx", views.job_file, name="job_file"),
    path("nhiem-vu/tai-ve.xlsx", views.task_list_export, name="task_list_xlsx"),
    path("viec-cho-xu-ly/", views.inbox_page, name="inbox"),
    path("ca-nhan/", views.preferences, name="preferences"),
    path("nhiem-vu/<int:pk>/dieu-chinh/", views.correct_task, name="correct_task"),
    path("thong-bao/<int:pk>/bo-sung-nhiem-vu/", views.add_missed_task, name="add_missed_task"),
]
