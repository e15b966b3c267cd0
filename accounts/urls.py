from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.account_list, name="list"),
    path("saya/", views.own_account, name="own"),
    path("baru/", views.account_create, name="create"),
    # Two explicit actions, not a toggle: a double submit cannot undo itself.
    path("<int:pk>/aktifkan/", views.account_activate, name="activate"),
    path("<int:pk>/nonaktifkan/", views.account_deactivate, name="deactivate"),
    path("<int:pk>/reset-sandi/", views.account_reset_password, name="reset_password"),
    path("<int:pk>/buka-kunci/", views.account_unlock, name="unlock"),
]
