from django.urls import path

from . import views

app_name = "tracker"
urlpatterns = [
    path("", views.task_list, name="task_list"),
    path("tong-hop/", views.dashboard, name="dashboard"),
    path("thong-bao-goi-y/", views.communique_suggestions, name="communique_suggestions"),
    path("<int:pk>/", views.task_detail, name="task_detail"),
    path("<int:pk>/bao-cao/", views.report, name="report"),
    path("<int:pk>/hoan-thanh/", views.mark_done, name="mark_done"),
    path("<int:pk>/xac-nhan/", views.confirm, name="confirm"),
    path("<int:pk>/gia-han/", views.extension_request, name="extension_request"),
    path("<int:pk>/gia-han/<int:ext_pk>/", views.extension_decision, name="extension_decision"),
    path("<int:pk>/trang-thai/", views.set_status, name="set_status"),
    path("bao-cao/<int:pk>/tep/", views.attachment, name="attachment"),
]
