from django.db.models import Count, Q
from django.shortcuts import render

from districts.models import Village
from kimtrack import scope


def home(request):
    """The signed-in user's starting page: their area at a glance."""
    user = request.user
    village_counts = scope.villages_for(user).aggregate(
        desa=Count("code", filter=Q(kind=Village.Kind.DESA)),
        kelurahan=Count("code", filter=Q(kind=Village.Kind.KELURAHAN)),
    )
    return render(
        request,
        "home.html",
        {
            "district_count": scope.districts_for(user).count(),
            "village_counts": village_counts,
            "regency_count": scope.regencies_for(user).count(),
        },
    )
