from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.account_list, name="list"),
    path("saya/", views.own_account, name="own"),
    path("baru/", views.account_create, name="create"),
    path("<int:pk>/aktif/", views.account_toggle_active, name="toggle_active"),
    path("<int:pk>/reset-sandi/", views.account_reset_password, name="reset_password"),
    path("<int:pk>/buka-kunci/", views.account_unlock, name="unlock"),
]
