from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments.export import write_xlsx
from assessments.forms import AssessmentForm, ConfirmForm
from assessments.models import Assessment
from assessments.services import assessment_confirm, assessment_save, criteria_of
from districts.views import get_kim_for_user
from kimtrack import scope
from kimtrack.forms import attach_errors
from kimtrack.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE


def get_assessment_for_user(request, pk, *, change=False):
    """An assessment of a KIM in the user's area (else 404); changing it is for the regency's staff (else 403)."""
    assessment = get_object_or_404(Assessment.objects.for_user(request.user).for_list(), pk=pk)
    can_assess = scope.can_run_regency(request.user, assessment.kim.regency_id)
    if change and not can_assess:
        raise PermissionDenied
    return assessment, can_assess


def _filtered(request):
    assessments = Assessment.objects.for_user(request.user).for_list().prefetch_related("scores")
    year = request.GET.get("tahun", "")
    if year.isdigit():
        assessments = assessments.filter(year=int(year))
    return assessments.order_by("-year", "kim__district__name", "kim__name"), year


@require_GET
def assessment_list(request):
    assessments, year = _filtered(request)
    page = Paginator(assessments, 50).get_page(request.GET.get("page"))
    return render(request, "assessments/assessment_list.html", {"page": page, "year": year})


@require_GET
def assessment_export(request):
    assessments, year = _filtered(request)
    response = HttpResponse(write_xlsx(assessments, year=year), content_type=XLSX_CONTENT_TYPE)
    name = f"penilaian-kim-{year or 'semua'}-{timezone.localdate().isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _edit(request, kim, assessment=None):
    criteria = criteria_of(kim)
    form = AssessmentForm(request.POST or None, criteria=criteria, assessment=assessment)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = assessment_save(
                kim=kim,
                year=data["year"],
                assessed_on=data["assessed_on"],
                notes=data["notes"],
                scores=form.scores(),
                assessed_by=request.user,
                assessment=assessment,
            )
        except ValidationError as exc:
            attach_errors(form, exc, field=None)
        else:
            messages.success(request, _("Penilaian %(year)s disimpan.") % {"year": saved.year})
            return redirect(saved)
    return render(
        request,
        "assessments/assessment_form.html",
        {"form": form, "kim": kim, "assessment": assessment, "no_criteria": not criteria},
    )


@require_http_methods(["GET", "POST"])
def assessment_create(request, kim_pk):
    kim, _can_edit = get_kim_for_user(request, kim_pk)
    # A merged or mistaken record is read-only: its assessments belong on the kept KIM.
    if not kim.is_counted or not scope.can_run_regency(request.user, kim.regency_id):
        raise PermissionDenied
    return _edit(request, kim)


@require_http_methods(["GET", "POST"])
def assessment_edit(request, pk):
    assessment, _can = get_assessment_for_user(request, pk, change=True)
    return _edit(request, assessment.kim, assessment)


@require_GET
def assessment_detail(request, pk):
    assessment, can_assess = get_assessment_for_user(request, pk)
    form = ConfirmForm(
        regency_id=assessment.kim.regency_id,
        initial={"classification": assessment.confirmed or assessment.suggested},
    )
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "kim": assessment.kim,
            "scores": assessment.scores.all(),
            "can_assess": can_assess,
            "confirm_form": form,
            "history": assessment.kim.assessments.select_related("suggested", "confirmed").order_by("-year"),
        },
    )


@require_POST
def assessment_confirm_view(request, pk):
    assessment, _can = get_assessment_for_user(request, pk, change=True)
    form = ConfirmForm(request.POST, regency_id=assessment.kim.regency_id)
    if form.is_valid():
        assessment_confirm(assessment=assessment, classification=form.cleaned_data["classification"], by=request.user)
        messages.success(
            request,
            _("Klasifikasi %(name)s ditetapkan untuk %(kim)s.")
            % {"name": form.cleaned_data["classification"], "kim": assessment.kim},
        )
    else:
        messages.error(request, _("Pilih klasifikasi dari skala kabupaten/kota KIM ini."))
    return redirect(assessment)
