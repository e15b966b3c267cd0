from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, ProtectedError, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from districts.filters import DistrictFilter, KimFilter
from districts.forms import (
    OFFICER_MAX_ROWS,
    OFFICER_ROWS_ADDED,
    ActivityTypeFormSet,
    ClassificationFormSet,
    CriterionFormSet,
    KimForm,
    KimMergeForm,
    KimMistakeForm,
    OfficerFormSet,
    OfficerRoleFormSet,
    RegencyRulesForm,
    TargetFormSet,
    officer_formset_with_more_rows,
)
from districts.history import kim_timeline
from districts.models import District, FormationTarget, KimGroup, Regency, RegencyRules, Village
from districts.services import kim_mark_mistaken as mark_mistaken
from districts.services import kim_merge as merge
from districts.services import mistake_problems, officers_save
from kimtrack import scope
from kimtrack.forms import attach_errors


def district_list(request):
    """Kecamatan the user may see, with their desa and kelurahan counts."""
    regencies = Regency.objects.for_user(request.user).order_by("code")
    districts = (
        District.objects.for_user(request.user)
        .select_related("regency")
        .annotate(
            desa_count=Count("villages", filter=Q(villages__kind=Village.Kind.DESA)),
            kelurahan_count=Count("villages", filter=Q(villages__kind=Village.Kind.KELURAHAN)),
        )
        .order_by("regency_id", "name")
    )
    district_filter = DistrictFilter(request.GET or None, queryset=districts, regencies=regencies)
    page = Paginator(district_filter.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "districts/district_list.html",
        {"page": page, "form": district_filter.form, "show_regency": len(regencies) > 1},
    )


KIMS_PER_PAGE = 50


def district_detail(request, code):
    district = get_object_or_404(District.objects.for_user(request.user).select_related("regency__province"), code=code)
    villages = district.villages.order_by("name")
    counts = villages.aggregate(
        desa=Count("code", filter=Q(kind=Village.Kind.DESA)),
        kelurahan=Count("code", filter=Q(kind=Village.Kind.KELURAHAN)),
    )
    # Paginated: a kecamatan may hold thousands of KIMs (one page of all of them was megabytes).
    kims = Paginator(district.kims.counted().for_list().order_by("level", "name", "pk"), KIMS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "districts/district_detail.html",
        {
            "district": district,
            "villages": villages,
            "counts": counts,
            "page": kims,
            "kims": kims.object_list,
            "events": district.outreach_events.held().with_order_in_year().order_by("held_on"),
            "planned_events": district.outreach_events.planned().order_by("held_on"),
            "can_edit": scope.can_manage(request.user, district.code),
        },
    )


def village_detail(request, code):
    village = get_object_or_404(
        Village.objects.for_user(request.user).select_related("district__regency__province"), code=code
    )
    return render(
        request,
        "districts/village_detail.html",
        {
            "village": village,
            "kims": village.kims.counted().for_list().order_by("name"),
            "can_edit": scope.can_manage(request.user, village.code),
        },
    )


def get_kim_for_user(request, pk, *, change=False):
    """A KIM inside the user's area (else 404) and whether they may change it (else 403 on change)."""
    kim = get_object_or_404(
        KimGroup.objects.for_user(request.user)
        .select_related("district__regency", "village", "classification")
        .with_formation_status()
        .with_liveliness(),
        pk=pk,
    )
    # A mistaken record is for staff only; a merged one leads to the KIM it was merged into.
    if not kim.is_counted and not kim.merged_into_id and not request.user.is_regency_staff:
        raise Http404
    # Merged and mistaken records are read-only: what they held lives on the kept KIM.
    can_edit = kim.is_counted and scope.can_manage(request.user, kim.district_id)
    if change and not can_edit:
        raise PermissionDenied
    return kim, can_edit


def kim_list(request):
    kims = KimGroup.objects.for_user(request.user).for_list().order_by("district__name", "level", "name")
    kim_filter = KimFilter(request.GET or None, queryset=kims, user=request.user)
    page = Paginator(kim_filter.qs, 25).get_page(request.GET.get("page"))
    manageable = [
        d for d in District.objects.for_user(request.user).order_by("name") if scope.can_manage(request.user, d.code)
    ]
    return render(
        request,
        "districts/kim_list.html",
        {"filter": kim_filter, "page": page, "add_districts": manageable if len(manageable) <= 30 else []},
    )


@require_http_methods(["GET", "POST"])
def kim_create(request, code):
    district = get_object_or_404(District.objects.for_user(request.user).select_related("regency"), code=code)
    if not scope.can_manage(request.user, district.code):
        raise PermissionDenied
    initial = {"level": KimGroup.Level.VILLAGE, "village": request.GET.get("village")}
    form = KimForm(request.POST or None, district=district, initial=initial)
    if request.method == "POST" and form.is_valid():
        kim = form.save(commit=False)
        kim.created_by = request.user
        try:
            with transaction.atomic():
                kim.save()
        except IntegrityError:
            # A double click or Back and save again raced this request: the other one saved first.
            form = _revalidated(KimForm(request.POST, district=district, initial=initial))
        else:
            messages.success(request, _("“%(name)s” disimpan. Tambahkan pengurus dan unggah SK-nya.") % {"name": kim})
            return redirect(kim)
    return render(request, "districts/kim_form.html", {"form": form, "district": district})


def _revalidated(form):
    """The form checked again after the database refused a save; it now names the KIM saved meanwhile."""
    if form.is_valid():
        raise IntegrityError("refused by the database although the KIM rules pass")
    return form


def kim_detail(request, pk):
    kim, can_edit = get_kim_for_user(request, pk)
    if kim.merged_into_id and not request.user.is_regency_staff:
        return redirect(kim.merged_into)
    decrees = kim.decrees.select_related("uploaded_by", "decided_by").annotate(scan_count=Count("scans"))
    return render(
        request,
        "districts/kim_detail.html",
        {
            "kim": kim,
            "can_edit": can_edit,
            "officers": kim.officers.select_related("role"),
            "decrees": decrees,
            # The reverse relation, so the KIM registry needs no import of the activities app.
            "activities": kim.activities.select_related("type").order_by("-date", "-created_at")[:20],
            "active_within_days": RegencyRules.read(kim.regency_id).active_within_days,
            "assessments": kim.assessments.select_related("suggested", "confirmed").order_by("-year"),
            "can_assess": scope.can_run_regency(request.user, kim.regency_id),
            "can_correct": kim.is_counted and scope.can_correct_registry(request.user, kim.regency_id),
            "merged_from": kim.merged_from.order_by("record_changed_at") if request.user.is_regency_staff else [],
            "timeline": kim_timeline(kim),
        },
    )


@require_http_methods(["GET", "POST"])
def kim_edit(request, pk):
    kim, _can_edit = get_kim_for_user(request, pk, change=True)
    form = KimForm(request.POST or None, instance=kim, district=kim.district)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            current = KimGroup.objects.select_for_update().get(pk=kim.pk)
            if form.cleaned_data["loaded_version"] != current.updated_at.isoformat():
                form.add_error(
                    None,
                    _(
                        "KIM ini sudah diubah orang lain sejak Anda membuka halaman ini. Perubahan Anda belum disimpan "
                        "dan masih ada di formulir; buka profil KIM di tab lain untuk melihat versi terbaru, "
                        "lalu simpan "
                        "lagi bila tetap perlu."
                    ),
                )
                form.data = form.data.copy()
                form.data["loaded_version"] = current.updated_at.isoformat()
            else:
                try:
                    with transaction.atomic():
                        form.save()
                except IntegrityError:
                    form = _revalidated(KimForm(request.POST, instance=current, district=kim.district))
                else:
                    messages.success(request, _("Perubahan profil KIM disimpan."))
                    return redirect(kim)
    return render(request, "districts/kim_form.html", {"form": form, "district": kim.district, "kim": kim})


def _get_kim_to_correct(request, pk):
    """A counted KIM the user may merge or mark (staff of its regency); 404 outside the area, 403 for others."""
    kim, _can_edit = get_kim_for_user(request, pk)
    if not scope.can_correct_registry(request.user, kim.regency_id):
        raise PermissionDenied
    if not kim.is_counted:
        raise PermissionDenied
    return kim


@require_http_methods(["GET", "POST"])
def kim_merge(request, pk):
    """Staff merge a KIM registered twice into the one kept, after a confirmation with a reason."""
    kim = _get_kim_to_correct(request, pk)
    form = KimMergeForm(request.POST or None, kim=kim)
    if request.method == "POST" and form.is_valid():
        into = form.cleaned_data["into"]
        try:
            merge(kim=kim, into=into, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            attach_errors(form, exc, field=None)
        else:
            messages.success(request, _("“%(old)s” digabung ke “%(kept)s”.") % {"old": kim.name, "kept": into.name})
            return redirect(into)
    return render(request, "districts/kim_merge.html", {"kim": kim, "form": form})


@require_http_methods(["GET", "POST"])
def kim_mark_mistaken(request, pk):
    """Staff mark a KIM entered by mistake, after a confirmation with a reason; nothing is deleted."""
    kim = _get_kim_to_correct(request, pk)
    form = KimMistakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mark_mistaken(kim=kim, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            attach_errors(form, exc, field=None)
        else:
            messages.success(
                request, _("“%(name)s” ditandai salah input dan tidak dihitung lagi.") % {"name": kim.name}
            )
            return redirect(kim)
    return render(request, "districts/kim_mistaken.html", {"kim": kim, "form": form, "problems": mistake_problems(kim)})


@require_http_methods(["GET", "POST"])
def kim_officers(request, pk):
    """The KIM's officer list on one page: as many rows as needed ("Tambah baris"), roles checked as a whole."""
    kim, _can_edit = get_kim_for_user(request, pk, change=True)
    formset = OfficerFormSet(request.POST or None, instance=kim, regency=kim.district.regency)
    if request.method == "POST" and "add_rows" in request.POST:
        # Without JavaScript the add-row button submits: the same rows come back, with empty ones after them.
        formset = officer_formset_with_more_rows(formset)
    elif request.method == "POST" and formset.is_valid():
        try:
            officers_save(formset=formset)
        except ValidationError as exc:
            formset.non_form_errors().extend(exc.messages)
        else:
            messages.success(request, _("Daftar pengurus disimpan."))
            return redirect(kim)
    return render(
        request,
        "districts/kim_officers.html",
        {"kim": kim, "formset": formset, "rows_added": OFFICER_ROWS_ADDED, "max_rows": OFFICER_MAX_ROWS},
    )


@require_http_methods(["GET", "POST"])
def regency_rules(request, code):
    regency = get_object_or_404(Regency.objects.for_user(request.user), code=code)
    if not scope.can_run_regency(request.user, regency.code):
        raise PermissionDenied
    rules = RegencyRules.for_regency(regency)
    data = request.POST or None
    form = RegencyRulesForm(data, instance=rules)
    formsets = [
        (_("Skala klasifikasi"), ClassificationFormSet(data, instance=regency, prefix="klasifikasi")),
        (_("Jabatan pengurus"), OfficerRoleFormSet(data, instance=regency, prefix="jabatan")),
        (_("Jenis kegiatan"), ActivityTypeFormSet(data, instance=regency, prefix="kegiatan")),
        (_("Kriteria penilaian tahunan"), CriterionFormSet(data, instance=regency, prefix="kriteria")),
    ]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for _title, f in formsets):
        try:
            with transaction.atomic():
                form.save()
                for _title, formset in formsets:
                    formset.save()
        except ProtectedError:
            messages.error(
                request,
                _(
                    "Klasifikasi, jabatan, jenis kegiatan atau kriteria yang masih dipakai tidak bisa dihapus. "
                    "Ubah namanya saja."
                ),
            )
        else:
            messages.success(request, _("Aturan KIM %(regency)s disimpan.") % {"regency": regency})
            return redirect("districts:regency_rules", code=regency.code)
    return render(
        request,
        "districts/regency_rules.html",
        {"regency": regency, "form": form, "sections": formsets, "formsets": [f for _title, f in formsets]},
    )


@require_http_methods(["GET", "POST"])
def formation_targets(request, code):
    """Staff set the legal basis and deadline of their regency's two targets."""
    regency = get_object_or_404(Regency.objects.for_user(request.user), code=code)
    if not scope.can_run_regency(request.user, regency.code):
        raise PermissionDenied
    FormationTarget.for_regency(regency)
    formset = TargetFormSet(request.POST or None, queryset=FormationTarget.objects.filter(regency=regency))
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, _("Target pembentukan disimpan."))
        return redirect("home")
    return render(request, "districts/targets.html", {"regency": regency, "formset": formset})
