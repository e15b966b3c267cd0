from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from districts.models import District, Village
from kimtrack import stored_files
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


@require_http_methods(["GET", "POST"])
def event_form(request, pk=None):
    if not _can_record(request.user):
        raise PermissionDenied
    event = get_object_or_404(OutreachEvent.objects.for_user(request.user), pk=pk) if pk else None
    form = OutreachForm(
        request.POST or None,
        request.FILES or None,
        instance=event,
        districts=District.objects.for_user(request.user),
        villages=Village.objects.for_user(request.user),
        initial={"district": request.GET.get("kecamatan")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = outreach_save(form=form, files=form.cleaned_data["files"], user=request.user)
        except ValidationError as exc:
            form.add_error("files", exc)
        else:
            messages.success(request, _("Sosialisasi disimpan."))
            return redirect(event)
    return render(request, "outreach/event_form.html", {"form": form, "event": event})


def attachment_file(request, pk):
    attachment = get_object_or_404(OutreachAttachment.objects.for_user(request.user), pk=pk)
    return stored_files.serve(attachment, request)
