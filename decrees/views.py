from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from audit.models import AuditEvent
from decrees.forms import DecreeForm, ReasonForm, ScanFilesForm
from decrees.models import DecisionConflict, Decree
from decrees.previews import preview_for
from decrees.services import decree_attach_scans, decree_reject, decree_submit, decree_verify, decree_withdraw
from districts.views import get_kim_for_user
from kimtrack import scope, stored_files
from reading import ocr
from reading.compare import compare, officer_matches

# Lazy: module constants must be translated per request, not once at import.
REJECT_LABEL = gettext_lazy("Alasan penolakan")
WITHDRAW_LABEL = gettext_lazy("Alasan penarikan")
CONFLICT = gettext_lazy("SK ini sudah diputus atau ditarik oleh orang lain. Periksa statusnya sekarang.")


def get_decree_for_user(request, pk):
    """An SK inside the user's area (else 404), with what the user may do to it."""
    decree = get_object_or_404(
        scope.decrees_for(request.user).select_related(
            "kim__district__regency", "kim__village", "uploaded_by", "decided_by", "withdrawn_by"
        ),
        pk=pk,
    )
    code = decree.kim.district_id
    can_decide = scope.can_verify(request.user, code)
    can_withdraw = scope.can_manage(request.user, code) and (
        decree.status in (Decree.Status.PENDING, Decree.Status.REJECTED)
        or (can_decide and decree.status == Decree.Status.VERIFIED)
    )
    return decree, {
        "can_decide": can_decide and decree.is_open,
        "can_withdraw": can_withdraw,
        "can_upload": scope.can_manage(request.user, code),
        "is_verifier": can_decide,
    }


def attach_errors(form, exc, field="files"):
    """Show a service's ValidationError on the form: per field, and the rest under `field`.

    File problems go under "Berkas SK"; a form without files passes field=None (top of the form).
    """
    if not hasattr(exc, "error_dict"):
        form.add_error(field, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _forbid_unless(allowed):
    if not allowed:
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def decree_upload(request, kim_pk):
    kim, _can_edit = get_kim_for_user(request, kim_pk, change=True)
    form = DecreeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            decree = decree_submit(
                kim=kim,
                uploaded_by=request.user,
                files=form.cleaned_data["files"],
                **{k: form.cleaned_data[k] for k in DecreeForm.Meta.fields},
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("SK diunggah dan menunggu verifikasi Diskominfo."))
            return redirect(decree)
    return render(request, "decrees/decree_upload.html", {"form": form, "kim": kim})


def verification_queue(request):
    _forbid_unless(request.user.is_regency_staff or request.user.is_province_viewer)
    pending = scope.decrees_for(request.user).for_queue()
    page = Paginator(pending, 25).get_page(request.GET.get("page"))
    return render(request, "decrees/queue.html", {"page": page})


def _reading_context(decree):
    """The latest reading of the SK's scans and how it compares with what was typed."""
    reading = decree.readings.order_by("-created_at").first()
    can_reread = ocr.available() and not (reading and reading.is_pending)
    if not reading or reading.status != reading.Status.DONE:
        return {"reading": reading, "can_reread": can_reread}
    rows = compare(decree, reading)
    return {
        "reading": reading,
        "comparison": rows,
        "mismatch_count": sum(row.is_mismatch for row in rows),
        "officers": officer_matches(decree.kim, reading.suggestions),
        "can_reread": can_reread,
    }


def _notification_failures(decree, perms):
    """E-mails about this SK that could not be sent (recorded by decrees.notifications), for staff."""
    if not perms["is_verifier"]:
        return []
    return AuditEvent.objects.filter(action=AuditEvent.Action.NOTIFICATION_FAILED, object_id=str(decree.pk))


def _detail(request, decree, perms, reject_form, status=200):
    return render(
        request,
        "decrees/decree_detail.html",
        {
            "decree": decree,
            "scans": decree.scans.all(),
            "reject_form": reject_form,
            "notification_failures": _notification_failures(decree, perms),
            **perms,
            **_reading_context(decree),
        },
        status=status,
    )


def decree_detail(request, pk):
    decree, perms = get_decree_for_user(request, pk)
    return _detail(request, decree, perms, ReasonForm(label=REJECT_LABEL))


@require_POST
def decree_verify_view(request, pk):
    decree, perms = get_decree_for_user(request, pk)
    _forbid_unless(perms["is_verifier"])
    try:
        decree_verify(decree=decree, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except DecisionConflict:
        messages.error(request, CONFLICT)
    else:
        messages.success(request, _("SK terverifikasi. KIM %(kim)s kini tercatat terbentuk.") % {"kim": decree.kim})
    return redirect(decree)


@require_POST
def decree_reject_view(request, pk):
    decree, perms = get_decree_for_user(request, pk)
    _forbid_unless(perms["is_verifier"])
    form = ReasonForm(request.POST, label=REJECT_LABEL)
    if not form.is_valid():
        return _detail(request, decree, perms, form, status=400)
    try:
        decree_reject(decree=decree, by=request.user, reason=form.cleaned_data["reason"])
    except DecisionConflict:
        messages.error(request, CONFLICT)
    else:
        messages.success(request, _("SK ditolak. Pengunggah diberi tahu alasannya."))
    return redirect(decree)


@require_http_methods(["GET", "POST"])
def decree_withdraw_view(request, pk):
    decree, perms = get_decree_for_user(request, pk)
    _forbid_unless(scope.can_manage(request.user, decree.kim.district_id))
    if not perms["can_withdraw"]:
        messages.error(request, _("SK dengan status ini tidak bisa ditarik oleh akun Anda."))
        return redirect(decree)
    form = ReasonForm(request.POST or None, label=WITHDRAW_LABEL)
    if request.method == "POST" and form.is_valid():
        try:
            decree_withdraw(decree=decree, by=request.user, reason=form.cleaned_data["reason"])
        except DecisionConflict:
            messages.error(request, _("SK ini sudah ditarik atau digantikan."))
        else:
            messages.success(request, _("SK ditarik. SK tetap tersimpan di riwayat."))
        return redirect(decree)
    return render(request, "decrees/decree_withdraw.html", {"decree": decree, "form": form})


def scan_preview(request, pk):
    """A reduced, metadata-free JPEG of an image scan, under the same scope rules as the original."""
    scan = get_object_or_404(scope.scans_for(request.user), pk=pk)
    if not scan.is_image:
        raise Http404
    response = FileResponse(default_storage.open(preview_for(scan), "rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=86400"
    return response


def scan_file(request, pk):
    """Serve a scan only to users who may see its SK; never from a public URL."""
    return stored_files.serve(get_object_or_404(scope.scans_for(request.user), pk=pk), request)


@require_http_methods(["GET", "POST"])
def decree_attach(request, pk):
    """Upload the scans of an SK that was imported without them."""
    decree, perms = get_decree_for_user(request, pk)
    _forbid_unless(perms["can_upload"])
    form = ScanFilesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            decree_attach_scans(decree=decree, files=form.cleaned_data["files"], by=request.user)
        except ValidationError as exc:
            form.add_error("files", exc)
        else:
            messages.success(request, _("Berkas SK ditambahkan; SK menunggu verifikasi."))
            return redirect(decree)
    return render(request, "decrees/decree_attach.html", {"decree": decree, "form": form})
