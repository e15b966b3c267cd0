from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from districts.forms import DistrictFilterForm
from districts.models import Village
from kimtrack import scope


def district_list(request):
    """Kecamatan the user may see, with their desa and kelurahan counts."""
    regencies = list(scope.regencies_for(request.user).order_by("code"))
    form = DistrictFilterForm(request.GET or None, regencies=regencies)
    districts = (
        scope.districts_for(request.user)
        .select_related("regency")
        .annotate(
            desa_count=Count("villages", filter=Q(villages__kind=Village.Kind.DESA)),
            kelurahan_count=Count("villages", filter=Q(villages__kind=Village.Kind.KELURAHAN)),
        )
        .order_by("regency_id", "name")
    )
    if form.is_valid():
        if form.cleaned_data["q"]:
            districts = districts.filter(name__icontains=form.cleaned_data["q"])
        if form.cleaned_data.get("regency"):
            districts = districts.filter(regency_id=form.cleaned_data["regency"])
    page = Paginator(districts, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "districts/district_list.html",
        {"page": page, "form": form, "show_regency": len(regencies) > 1},
    )


def district_detail(request, code):
    district = get_object_or_404(scope.districts_for(request.user).select_related("regency__province"), code=code)
    villages = district.villages.order_by("name")
    counts = villages.aggregate(
        desa=Count("code", filter=Q(kind=Village.Kind.DESA)),
        kelurahan=Count("code", filter=Q(kind=Village.Kind.KELURAHAN)),
    )
    return render(
        request,
        "districts/district_detail.html",
        {
            "district": district,
            "villages": villages,
            "counts": counts,
            "can_edit": scope.can_manage(request.user, district.code),
        },
    )


def village_detail(request, code):
    village = get_object_or_404(
        scope.villages_for(request.user).select_related("district__regency__province"), code=code
    )
    return render(
        request,
        "districts/village_detail.html",
        {"village": village, "can_edit": scope.can_manage(request.user, village.code)},
    )
