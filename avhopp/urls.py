from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.views import LoginView
from applications.views.identity import identity_erase, identity_page
from avhopp.views import accessibility_statement

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("login/", LoginView.as_view(), name="login"),
    path(
        "tillganglighet/",
        accessibility_statement,
        name="accessibility_statement",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("login/", include("accounts.urls")),
    path("granskning/", include("audit.urls")),
    path("ansokningar/<int:pk>/identitet/", identity_page, name="application_identity"),
    path(
        "ansokningar/<int:pk>/identitet/radera/",
        identity_erase,
        name="application_identity_erase",
    ),
    path("admin/", admin.site.urls),
    path("reports/", include("reports.urls")),
    path("", include("applications.urls")),
]
