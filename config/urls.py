from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from tracker.api import account


class PasswordChangeView(auth_views.PasswordChangeView):
    """A generated or reset password stops being required to change once it is changed."""

    def form_valid(self, form):
        form.user.must_change_password = False
        return super().form_valid(form)


class FaviconView(RedirectView):
    """Browsers ask /favicon.ico on pages without an icon link (admin, error pages): no 404 in the log."""

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.svg")


admin.site.site_header = "dondoc – Quản trị"
admin.site.site_title = "dondoc"
admin.site.index_title = "Quản trị hệ thống theo dõi kết luận"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="tracker:task_list", permanent=False)),
    path("favicon.ico", FaviconView.as_view()),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("nhiem-vu/", include("tracker.urls")),
    path("thong-bao/", include("ingest.urls")),
    path("", include("tracker.reports.urls")),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("tai-khoan/", account.account, name="account"),
    path("tai-khoan/ma/<int:pk>/thu-hoi/", account.revoke, name="account_token_revoke"),
    path("tai-khoan/lich/doi-dia-chi/", account.regenerate_feed, name="account_feed_regenerate"),
    path("tai-khoan/lich/don-vi/", account.feed_unit, name="account_feed_unit"),
]
# Nothing is served from MEDIA_ROOT directly: source files and attachments go through
# views that check access (ingest SourceFileView, tracker attachment), as downloads.
