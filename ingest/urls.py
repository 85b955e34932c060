from django.urls import path

from ingest import views

app_name = "ingest"
urlpatterns = [
    path("", views.CommuniqueListView.as_view(), name="communique_list"),
    path("nhap/", views.ImportView.as_view(), name="import"),
    path("nhap-nhieu/", views.BulkImportView.as_view(), name="import_bulk"),
    path("<int:pk>/", views.CommuniqueDetailView.as_view(), name="communique_detail"),
    path("<int:pk>/tep-goc/", views.SourceFileView.as_view(), name="source_file"),
    path("<int:pk>/duyet/", views.ReviewView.as_view(), name="review"),
    path("<int:pk>/duyet/them-y/", views.DirectiveAddView.as_view(), name="directive_add"),
    path("<int:pk>/ban-hanh/", views.PublishView.as_view(), name="publish"),
    path("y/<int:pk>/sua/", views.DirectiveUpdateView.as_view(), name="directive_update"),
    path("y/<int:pk>/duyet/", views.DirectiveReviewView.as_view(), name="directive_review"),
    path("y/<int:pk>/gop/", views.DirectiveMergeView.as_view(), name="directive_merge"),
    path("y/<int:pk>/tach/", views.DirectiveSplitView.as_view(), name="directive_split"),
    path("y/<int:pk>/xoa/", views.DirectiveDeleteView.as_view(), name="directive_delete"),
    path("don-vi-neu-ten/<int:pk>/gan/", views.OwnerMapView.as_view(), name="owner_map"),
]
