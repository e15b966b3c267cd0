from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from decrees.forms import ReasonForm
from districts.models import District, Village
from kimtrack import stored_files
from kimtrack.responses import redirect_after_save
from outreach import ics
from outreach.forms import OutreachForm
from outreach.models import OutreachAttachment, OutreachEvent
from outreach.services import outreach_save


def _can_record(user):
    """Outreach is Diskominfo's own activity: staff (and superusers) record it."""
    return user.is_regency_staff


def event_list(request):
    events = (
        OutreachEvent.objects.for_user(request.user)
        .select_related("district", "village")
        .with_order_in_year()
        .order_by("-held_on", "-created_at")
    )
    page = Paginator(events, 30).get_page(request.GET.get("page"))
    return render(request, "outreach/event_list.html", {"page": page, "can_record": _can_record(request.user)})


def event_detail(request, pk):
    event = get_object_or_404(
        OutreachEvent.objects.for_user(request.user).select_related("district", "village").with_order_in_year(), pk=pk
    )
    return render(
        request,
        "outreach/event_detail.html",
        {"event": event, "attachments": event.attachments.all(), "can_record": _can_record(request.user)},
    )


def _get_event_to_record(request, pk):
    """An event inside the staff member's area (else 404); non-staff get 403."""
    if not _can_record(request.user):
        raise PermissionDenied
    return get_object_or_404(OutreachEvent.objects.for_user(request.user).select_related("district", "village"), pk=pk)


def _event_form(request, event, status):
    return OutreachForm(
        request.POST or None,
        request.FILES or None,
        instance=event,
        districts=District.objects.for_user(request.user),
        villages=Village.objects.for_user(request.user),
        initial={"district": request.GET.get("kecamatan")},
        status=status,
    )


def _save(request, form, message):
    """Save through the service; on a bad attachment, the error goes on the form and None is returned."""
    try:
        event = outreach_save(form=form, files=form.cleaned_data.get("files") or [], user=request.user)
    except ValidationError as exc:
        form.add_error("files", exc)
        return None
    messages.success(request, message)
    return event


@require_http_methods(["GET", "POST"])
def event_form(request, pk=None):
    """Record a held event, plan one (?rencana=1), or edit either; a cancelled event stays as it is."""
    if pk:
        event = _get_event_to_record(request, pk)
        if event.status == OutreachEvent.Status.CANCELLED:
            messages.error(request, _("Sosialisasi yang dibatalkan tidak bisa diubah."))
            return redirect(event)
        status = event.status
    else:
        if not _can_record(request.user):
            raise PermissionDenied
        event = None
        status = OutreachEvent.Status.PLANNED if request.GET.get("rencana") == "1" else OutreachEvent.Status.HELD
    form = _event_form(request, event, status)
    if request.method == "POST" and form.is_valid():
        saved = _save(
            request,
            form,
            _("Rencana sosialisasi disimpan.")
            if status == OutreachEvent.Status.PLANNED
            else _("Sosialisasi disimpan."),
        )
        if saved:
            return redirect_after_save(request, saved)
    return render(
        request,
        "outreach/event_form.html",
        {"form": form, "event": event, "planned": status == OutreachEvent.Status.PLANNED},
    )


def _only_planned(request, event):
    if not event.is_planned:
        messages.error(request, _("Sosialisasi ini bukan rencana lagi (sudah terlaksana atau dibatalkan)."))
        return redirect(event)
    return None


@require_http_methods(["GET", "POST"])
def event_record(request, pk):
    """A planned event took place: record its date, participants and attachments."""
    event = _get_event_to_record(request, pk)
    refused = _only_planned(request, event)
    if refused:
        return refused
    form = _event_form(request, event, OutreachEvent.Status.HELD)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, _("Sosialisasi dicatat terlaksana."))
        if saved:
            return redirect_after_save(request, saved)
    return render(request, "outreach/event_form.html", {"form": form, "event": event, "recording": True})


@require_http_methods(["GET", "POST"])
def event_cancel(request, pk):
    """Cancel a planned event that will not be held, or mark a held one entered by mistake; nothing is deleted."""
    event = _get_event_to_record(request, pk)
    if event.status == OutreachEvent.Status.CANCELLED:
        messages.error(request, _("Sosialisasi ini sudah dibatalkan."))
        return redirect(event)
    was_held = event.is_held
    form = ReasonForm(request.POST or None, label=_("Alasan pembatalan"))
    if request.method == "POST" and form.is_valid():
        try:
            event.cancel(reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error("reason", exc)
        else:
            if was_held:
                messages.success(request, _("Sosialisasi ditandai salah input; ia tidak lagi dihitung."))
            else:
                messages.success(request, _("Rencana sosialisasi dibatalkan."))
            return redirect(event)
    return render(request, "outreach/event_cancel.html", {"form": form, "event": event, "was_held": was_held})


@require_GET
def planned_calendar(request):
    """The planned events the user may see, as an iCalendar file for their calendar app."""
    events = (
        OutreachEvent.objects.for_user(request.user).planned().select_related("district", "village").order_by("held_on")
    )
    response = HttpResponse(ics.planned_ics(events, request=request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, "rencana-sosialisasi-kim.ics")
    response["Cache-Control"] = "private, no-store"
    return response


def attachment_file(request, pk):
    attachment = get_object_or_404(OutreachAttachment.objects.for_user(request.user), pk=pk)
    return stored_files.serve(attachment, request)
