from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from districts.models import Regency
from imports.models import ImportBatch
from imports.parsing import COLUMNS
from imports.services import apply_import, import_start, plan_import
from kimtrack.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE
from kimtrack.xlsx import Sheet

HELP = {
    "kode_kecamatan": "Kode Kemendagri kecamatan, mis. 35.23.12 (atau isi kolom kecamatan)",
    "kecamatan": "Nama kecamatan bila kode tidak diisi",
    "kode_desa": "Kode desa/kelurahan, mis. 35.23.12.2009 (untuk KIM tingkat desa/kelurahan)",
    "desa_kelurahan": "Nama desa/kelurahan bila kode tidak diisi",
    "tingkat": "kecamatan, desa atau kelurahan (wajib)",
    "nama_kim": "Nama KIM (wajib)",
    "tanggal_pembentukan": "Tanggal musyawarah pembentukan: 2021-12-02 atau 02/12/2021",
    "klasifikasi": "Sesuai aturan kabupaten, mis. Pemula, Madya, Utama",
    "status_keaktifan": "aktif, tidak aktif atau bubar",
    "nomor_sk": "Nomor SK seperti tertulis; SK diimpor tanpa berkas dan belum dihitung terbentuk",
}


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Berkas daftar KIM (XLSX atau CSV)"))


def _regency(request):
    """Import is for regency staff (and superusers): into the staff member's regency."""
    user = request.user
    if not user.is_regency_staff:
        raise PermissionDenied
    regencies = Regency.objects.for_user(user)
    wanted = request.POST.get("kabupaten") or request.GET.get("kabupaten")
    code = wanted or user.regency_id or settings.KIMTRACK_PUBLIC_REGENCY
    return get_object_or_404(regencies, code=code)


@require_http_methods(["GET", "POST"])
def start(request):
    regency = _regency(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = import_start(regency=regency, upload=form.cleaned_data["file"], user=request.user)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return redirect(batch)
    batches = ImportBatch.objects.filter(regency=regency).select_related("created_by")[:10]
    return render(
        request,
        "imports/start.html",
        {"form": form, "regency": regency, "batches": batches, "columns": [(c, HELP.get(c, "")) for c in COLUMNS]},
    )


def _batch(request, pk):
    _regency(request)
    return get_object_or_404(ImportBatch.objects.for_user(request.user), pk=pk)


def preview(request, pk):
    batch = _batch(request, pk)
    try:
        planned = plan_import(batch)
        error = None
    except ValidationError as exc:
        planned, error = [], " ".join(exc.messages)
    bad = sum(1 for row in planned if row.errors)
    return render(
        request,
        "imports/preview.html",
        {
            "batch": batch,
            "planned": planned,
            "error": error,
            "bad": bad,
            "can_apply": planned and not bad and batch.status == "pratinjau",
        },
    )


@require_POST
def apply(request, pk):
    batch = _batch(request, pk)
    try:
        batch = apply_import(batch=batch, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(batch)
    s = batch.summary
    messages.success(
        request,
        _("Impor diterapkan: %(new)d KIM baru, %(upd)d diperbarui, %(same)d sama, %(sk)d SK baru.")
        % {"new": s.get("baru", 0), "upd": s.get("diperbarui", 0), "same": s.get("sama", 0), "sk": s.get("sk_baru", 0)},
    )
    return redirect("districts:kim_list")


def template(request):
    _regency(request)
    sheet = Sheet("KIM")
    sheet.header(COLUMNS, [max(12, len(column) + 2) for column in COLUMNS])
    notes = Sheet.add_to(sheet.workbook, "Petunjuk")
    notes.header(["kolom", "isi"], [22, 80])
    for column in COLUMNS:
        notes.table_row([column, HELP.get(column, "")])
    response = HttpResponse(sheet.to_bytes(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="templat-impor-kim.xlsx"'
    return response
