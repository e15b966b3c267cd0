from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from jinja2 import TemplateError

from audit.models import AuditEvent
from decrees import draft_sk
from decrees.formation import FormationStatus
from decrees.forms import DecreeForm, DecreeTemplateForm, ReasonForm, ScanFilesForm, SearchForm
from decrees.models import DecisionConflict, Decree, Scan
from decrees.previews import stored_preview
from decrees.search import search_decrees, text_searchers
from decrees.services import (
    decree_attach_scans,
    decree_reject,
    decree_submit,
    decree_template_remove,
    decree_template_replace,
    decree_verify,
    decree_withdraw,
)
from decrees.signals import decree_page_panels, panels, upload_page_panels
from districts.models import Regency
from districts.views import get_kim_for_user
from kimtrack import scope, stored_files
from kimtrack.dates import long_date
from kimtrack.forms import attach_errors
from kimtrack.framing import framed_by_site
from kimtrack.responses import redirect_after_save

# Lazy: module constants must be translated per request, not once at import.
REJECT_LABEL = gettext_lazy("Alasan penolakan")
WITHDRAW_LABEL = gettext_lazy("Alasan penarikan")
CONFLICT = gettext_lazy("SK ini sudah diputus atau ditarik oleh orang lain. Periksa statusnya sekarang.")


def get_decree_for_user(request, pk):
    """An SK inside the user's area (else 404), with what the user may do to it."""
    decree = get_object_or_404(
        Decree.objects.for_user(request.user).select_related(
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


def _forbid_unless(allowed):
    if not allowed:
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def decree_upload(request, kim_pk):
    kim, _can_edit = get_kim_for_user(request, kim_pk, change=True)
    pending = kim.decrees.pending().first()
    if pending:
        # One SK at a time: the pending one is decided (or withdrawn) first.
        status = 409 if request.method == "POST" else 200
        return render(request, "decrees/decree_upload.html", {"kim": kim, "pending": pending}, status=status)
    rejected = kim.decrees.exclude(status=Decree.Status.WITHDRAWN).order_by("-created_at").first()
    rejected = rejected if rejected and rejected.status == Decree.Status.REJECTED else None
    initial = {k: getattr(rejected, k) for k in DecreeForm.Meta.fields} if rejected else None
    form = DecreeForm(request.POST or None, request.FILES or None, initial=initial)
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
            return redirect_after_save(request, decree)
    return render(
        request,
        "decrees/decree_upload.html",
        {
            "form": form,
            "kim": kim,
            "rejected": rejected,
            "panels": panels(upload_page_panels, request=request, kim=kim),
        },
    )


def verification_queue(request):
    _forbid_unless(request.user.is_regency_staff or request.user.is_province_viewer)
    pending = Decree.objects.for_user(request.user).for_queue()
    page = Paginator(pending, 25).get_page(request.GET.get("page"))
    return render(request, "decrees/queue.html", {"page": page})


@require_GET
def decree_search(request):
    """'Cari SK': SKs in the user's area by typed data and, where read, by the text of their scans."""
    form = SearchForm(request.GET or None)
    searchers = text_searchers()
    page, query = None, ""
    if form.is_valid():
        query = form.cleaned_data["q"]
        results = search_decrees(Decree.objects.for_user(request.user), query, searchers=searchers)
        page = Paginator(results.decrees, 20).get_page(request.GET.get("page"))
        passages = results.passages(page, query)
        for decree in page:
            decree.passage = passages.get(decree.pk, "")
    context = {
        "form": form,
        "page": page,
        "query": query,
        "reads_text": bool(searchers),
        "reading_on": any(searcher.reading_on for searcher in searchers),
    }
    return render(request, "decrees/search.html", context)


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
            "same_number": decree.same_number_elsewhere() if perms["is_verifier"] and decree.is_open else [],
            # Panels other apps add (the reading assistant's comparison), without decrees importing them.
            "panels": panels(decree_page_panels, request=request, decree=decree, perms=perms),
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
    if request.POST.get("confirm") != "1":
        # Verifying makes the KIM count as formed for its whole term: never by one careless click.
        messages.error(request, _("Centang pernyataan bahwa berkas sudah diperiksa, lalu tekan Verifikasi lagi."))
        return redirect(decree)
    try:
        decree_verify(decree=decree, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except DecisionConflict:
        messages.error(request, CONFLICT)
    else:
        messages.success(
            request,
            _("SK terverifikasi. %(kim)s tercatat terbentuk sampai %(end)s.")
            % {"kim": decree.kim, "end": long_date(decree.term_end)},
        )
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
    scan = get_object_or_404(Scan.objects.for_user(request.user), pk=pk)
    if not scan.is_image:
        raise Http404
    name = stored_preview(scan)  # built at upload; never decoded here, whatever the request rate
    if name is None:
        return redirect(scan)  # an older scan until `manage.py build_previews` has run: the original
    response = FileResponse(default_storage.open(name, "rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=86400"
    return response


def scan_file(request, pk):
    """Serve a scan only to users who may see its SK; never from a public URL.

    A PDF is shown in a frame on the SK page, so it may be framed by the site itself (never by
    another site); an image is shown with <img> and stays unframeable like every other response.
    """
    scan = get_object_or_404(Scan.objects.for_user(request.user), pk=pk)
    serve = framed_by_site(stored_files.serve) if scan.content_type == "application/pdf" else stored_files.serve
    return serve(scan, request)


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
            return redirect_after_save(request, decree)
    return render(request, "decrees/decree_attach.html", {"decree": decree, "form": form})


def _docx_response(content, filename):
    response = HttpResponse(content, content_type=draft_sk.DOCX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def draft_download(request, kim_pk):
    """The KIM's draft SK as a Word file. Reading only, so a province viewer may take it too."""
    kim, _can_edit = get_kim_for_user(request, kim_pk)
    if kim.formation_status == FormationStatus.FORMED:
        messages.info(request, _("KIM ini sudah terbentuk dengan SK terverifikasi; draf SK tidak diperlukan."))
        return redirect(kim)
    try:
        content = draft_sk.render_draft(kim)
    except TemplateError:
        # A regency template that rendered with the sample values can still trip on real data.
        messages.error(
            request,
            _("Templat draf SK kabupaten tidak bisa diisi untuk KIM ini. Minta staf kabupaten memeriksa templatnya."),
        )
        return redirect(kim)
    return _docx_response(content, f"draf-sk-{slugify(kim.name) or 'kim'}.docx")


def _regency_for_staff(request, code):
    regency = get_object_or_404(Regency.objects.for_user(request.user), code=code)
    if not scope.can_run_regency(request.user, regency.code):
        raise PermissionDenied
    return regency


@require_GET
def decree_template_download(request, code):
    """The template draft SKs of the regency are made from (its own, or the built-in one) to start editing from."""
    regency = _regency_for_staff(request, code)
    return _docx_response(draft_sk.template_bytes_for(regency), f"templat-draf-sk-{regency.code}.docx")


@require_POST
def decree_template_upload(request, code):
    regency = _regency_for_staff(request, code)
    back = redirect(reverse("districts:regency_rules", args=[regency.code]) + "#templat-sk")
    if request.POST.get("hapus") == "1":
        decree_template_remove(regency=regency)
        messages.success(request, _("Draf SK kembali memakai templat bawaan."))
        return back
    form = DecreeTemplateForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["file"]))
        return back
    try:
        decree_template_replace(regency=regency, upload=form.cleaned_data["file"], uploaded_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Templat draf SK disimpan; draf SK berikutnya memakai templat ini."))
    return back
