from django.apps import apps
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views as account_views
from accounts.views import language_switch
from kimtrack import views

# The SK reading assistant (OCR) is a plug-in: the site works without it in INSTALLED_APPS.
READING_URLS = [path("sk/", include("reading.urls"))] if apps.is_installed("reading") else []

urlpatterns = [
    path("", include("dashboard.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("audit/", include("audit.urls")),
    path("masuk/", account_views.LoginView.as_view(), name="login"),
    path("masuk/kode/", account_views.two_factor_verify, name="two_factor_verify"),
    path("dua-langkah/", account_views.two_factor_setup, name="two_factor_setup"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("sandi/ganti/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("sandi/ganti/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("sandi/lupa/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path("sandi/lupa/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "sandi/pulihkan/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("sandi/pulihkan/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("bahasa/", language_switch, name="language_switch"),
    path("", include("districts.urls")),
    path("", include("activities.urls")),
    path("", include("assessments.urls")),
    path("sk/", include("decrees.urls")),
    *READING_URLS,
    path("sosialisasi/", include("outreach.urls")),
    path("akun/", include("accounts.urls")),
    path("", include("reports.urls")),
    path("impor/", include("imports.urls")),
    path("admin/login/", account_views.admin_login),
    path("admin/", admin.site.urls),
]
