from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from activities.forms import ActivityForm, CancelForm
from activities.models import Activity, ActivityPhoto
from activities.services import activity_record
from decrees.previews import build_preview, stored_preview
from districts.views import get_kim_for_user
from kimtrack import scope, stored_files
from kimtrack.forms import attach_errors
from kimtrack.responses import redirect_after_save


def get_activity_for_user(request, pk, *, change=False):
    """An activity of a KIM inside the user's area (else 404) and whether they may change it (else 403)."""
    activity = get_object_or_404(
        Activity.objects.for_user(request.user).select_related("kim__district", "kim__village", "type", "recorded_by"),
        pk=pk,
    )
    can_edit = scope.can_manage(request.user, activity.kim.district_id)
    if change and not can_edit:
        raise PermissionDenied
    return activity, can_edit


@require_http_methods(["GET", "POST"])
def activity_create(request, kim_pk):
    kim, _can_edit = get_kim_for_user(request, kim_pk, change=True)
    form = ActivityForm(request.POST or None, request.FILES or None, kim=kim)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity_record(
                kim=kim,
                photos=data["photos"],
                recorded_by=request.user,
                **{name: data[name] for name in ActivityForm.Meta.fields},
            )
        except ValidationError as exc:
            attach_errors(form, exc, field="photos")
        else:
            messages.success(request, _("Kegiatan “%(title)s” dicatat.") % {"title": data["title"]})
            return redirect_after_save(request, kim.get_absolute_url() + "#kegiatan")
    return render(request, "activities/activity_form.html", {"form": form, "kim": kim})


@require_GET
def activity_detail(request, pk):
    activity, can_edit = get_activity_for_user(request, pk)
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "kim": activity.kim,
            "photos": activity.photos.all(),
            "can_edit": can_edit and not activity.is_cancelled,
            "history": activity.history.select_related("history_user").order_by("-history_date"),
        },
    )


@require_http_methods(["GET", "POST"])
def activity_cancel(request, pk):
    activity, _can_edit = get_activity_for_user(request, pk, change=True)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity.cancel(by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            attach_errors(form, exc, field=None)
        else:
            messages.success(request, _("Kegiatan dibatalkan. Catatannya tetap tersimpan beserta alasannya."))
            return redirect(activity)
    return render(request, "activities/activity_cancel.html", {"form": form, "activity": activity})


@require_GET
def activity_photo(request, pk):
    """A photo's stored preview (no metadata), to users who may see the KIM; ?unduh=1 gives the full photo."""
    photo = get_object_or_404(ActivityPhoto.objects.for_user(request.user), pk=pk)
    if request.GET.get("unduh") == "1":
        return stored_files.serve(photo, request)
    preview = stored_preview(photo) or build_preview(photo)  # built at upload; once here for older photos
    if preview is None:
        raise Http404
    response = FileResponse(default_storage.open(preview, "rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
