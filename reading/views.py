"""Upload scans first, confirm the prefilled SK form. (Searching SK text is decrees' "Cari SK".)"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from decrees.forms import DecreeFieldsForm, ScanFilesForm
from decrees.models import Decree
from decrees.services import decree_submit
from decrees.views import get_decree_for_user
from districts.views import get_kim_for_user
from kimtrack import scope, stored_files
from kimtrack.forms import attach_errors
from kimtrack.responses import redirect_after_save
from reading import ocr
from reading.forms import OfficerImportForm, prefilled_form
from reading.models import Draft, DraftScan, Reading
from reading.services import adopt_draft, create_draft, discard_draft, import_officers
from reading.services import reread as reread_scans


def _get_draft_for_user(request, pk):
    """A draft in the user's area that the user may change (drafts are the uploader's office's work)."""
    draft = get_object_or_404(
        Draft.objects.for_user(request.user).select_related("kim__district", "kim__village", "decree"), pk=pk
    )
    if not scope.can_manage(request.user, draft.kim.district_id):
        raise PermissionDenied
    return draft


@require_http_methods(["GET", "POST"])
def draft_create(request, kim_pk):
    """Step 1 of "upload the scan first": store the files, queue their reading, go to the form."""
    kim, _can_edit = get_kim_for_user(request, kim_pk, change=True)
    form = ScanFilesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = create_draft(kim=kim, files=form.cleaned_data["files"], uploaded_by=request.user)
        except ValidationError as exc:
            form.add_error("files", exc)
        else:
            return redirect_after_save(request, draft)
    return render(request, "reading/draft_create.html", {"form": form, "kim": kim, "ocr_available": ocr.available()})


@require_http_methods(["GET", "POST"])
def draft_detail(request, pk):
    """Step 2: the SK form, prefilled from the reading once it is done; the admin confirms every field."""
    draft = _get_draft_for_user(request, pk)
    if draft.decree_id:
        messages.info(request, _("Draf ini sudah dikirim sebagai SK."))
        return redirect(draft.decree)
    reading = getattr(draft, "reading", None)
    if request.method == "POST":
        form = DecreeFieldsForm(request.POST)
        if form.is_valid():
            try:
                decree = decree_submit(
                    kim=draft.kim,
                    uploaded_by=request.user,
                    scans_from=lambda decree: adopt_draft(draft, decree),
                    **{k: form.cleaned_data[k] for k in DecreeFieldsForm.Meta.fields},
                )
            except ValidationError as exc:
                attach_errors(form, exc, field=None)
            else:
                messages.success(request, _("SK diunggah dan menunggu verifikasi Diskominfo."))
                return redirect(decree)
    else:
        form = prefilled_form(reading)
    officer_import = None
    if reading and reading.status == Reading.Status.DONE and (reading.suggestions or {}).get("officers"):
        officer_import = OfficerImportForm(reading=reading, kim=draft.kim)
    return render(
        request,
        "reading/draft_detail.html",
        {
            "draft": draft,
            "kim": draft.kim,
            "reading": reading,
            "form": form,
            "scans": draft.scans.all(),
            "officer_import": officer_import,
        },
    )


def draft_status(request, pk):
    """Polled by the draft page while the reading runs."""
    draft = _get_draft_for_user(request, pk)
    reading = getattr(draft, "reading", None)
    return JsonResponse(
        {"status": reading.status if reading else None, "pending": bool(reading and reading.is_pending)},
        headers={"Cache-Control": "no-store"},
    )


@require_http_methods(["GET", "POST"])
def draft_discard(request, pk):
    draft = _get_draft_for_user(request, pk)
    if draft.decree_id:
        return redirect(draft.decree)
    if request.method == "POST":
        kim = draft.kim
        discard_draft(draft)
        messages.success(request, _("Draf dan berkasnya dibuang."))
        return redirect(kim)
    return render(request, "reading/draft_discard.html", {"draft": draft})


def draft_scan(request, pk):
    """A draft's file, only for users who may work on the draft."""
    item = get_object_or_404(DraftScan.objects.for_user(request.user).select_related("draft__kim"), pk=pk)
    if not scope.can_manage(request.user, item.draft.kim.district_id):
        raise PermissionDenied
    return stored_files.serve(item, request)


@require_POST
def reread(request, pk):
    """Queue a new reading of an SK's scans; for those who see the comparison (verifiers, the area's office)."""
    decree, perms = get_decree_for_user(request, pk)
    if not (perms["is_verifier"] or perms["can_upload"]):
        raise PermissionDenied
    try:
        reread_scans(decree)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Berkas SK akan dibaca ulang; muat ulang halaman ini sebentar lagi."))
    return redirect(decree)


@require_POST
def officer_import(request, pk):
    """Add the officers a reading found, those the person ticked, to the KIM's officer list."""
    in_area = Q(decree__in=Decree.objects.for_user(request.user)) | Q(draft__in=Draft.objects.for_user(request.user))
    reading = get_object_or_404(Reading.objects.filter(in_area, status=Reading.Status.DONE), pk=pk)
    kim = reading.kim
    if not scope.can_manage(request.user, kim.district_id):
        raise PermissionDenied
    back = reading.decree if reading.decree_id else reading.draft
    form = OfficerImportForm(request.POST, reading=reading, kim=kim)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("officers", [_("Pilihan pengurus tidak sah.")])))
        return redirect(back)
    try:
        added = import_officers(kim=kim, officers=form.chosen(), by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(
        request, _("%(n)d pengurus ditambahkan ke daftar pengurus %(kim)s.") % {"n": len(added), "kim": kim}
    )
    return redirect(back)
