from django.urls import path

from decrees import views

app_name = "decrees"

urlpatterns = [
    path("verifikasi/", views.verification_queue, name="queue"),
    path("cari/", views.decree_search, name="search"),
    path("unggah/<uuid:kim_pk>/", views.decree_upload, name="upload"),
    path("<uuid:pk>/", views.decree_detail, name="detail"),
    path("<uuid:pk>/verifikasi/", views.decree_verify_view, name="verify"),
    path("<uuid:pk>/tolak/", views.decree_reject_view, name="reject"),
    path("<uuid:pk>/tarik/", views.decree_withdraw_view, name="withdraw"),
    path("<uuid:pk>/berkas/", views.decree_attach, name="attach"),
    path("berkas/<uuid:pk>/", views.scan_file, name="scan"),
    path("berkas/<uuid:pk>/pratinjau.jpg", views.scan_preview, name="scan_preview"),
    path("draf-sk/<uuid:kim_pk>/", views.draft_download, name="draft_download"),
    path("templat-draf/<str:code>/", views.decree_template_download, name="template_download"),
    path("templat-draf/<str:code>/unggah/", views.decree_template_upload, name="template_upload"),
]
