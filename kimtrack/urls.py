from django.apps import apps
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import LoginForm
from accounts.views import language_switch
from kimtrack import views

# The SK reading assistant (OCR) is a plug-in: the site works without it in INSTALLED_APPS.
READING_URLS = [path("sk/", include("reading.urls"))] if apps.is_installed("reading") else []

urlpatterns = [
    path("", include("dashboard.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("audit/", include("audit.urls")),
    path(
        "masuk/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("sandi/ganti/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("sandi/ganti/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("bahasa/", language_switch, name="language_switch"),
    path("", include("districts.urls")),
    path("sk/", include("decrees.urls")),
    *READING_URLS,
    path("sosialisasi/", include("outreach.urls")),
    path("akun/", include("accounts.urls")),
    path("", include("reports.urls")),
    path("impor/", include("imports.urls")),
    path("admin/", admin.site.urls),
]
