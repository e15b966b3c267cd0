"""Which responses the site's pages may frame: a PDF scan on the SK page and the dashboard maps, by the site only."""

import datetime

import pytest
from django.urls import reverse

from decrees.models import Scan
from decrees.services import decree_submit
from tests.decrees.conftest import SK_FIELDS
from tests.files import sk_pdf, sk_photo


def directive(response, name):
    """The source list of one CSP directive, exactly as sent."""
    found = [part.strip() for part in response["Content-Security-Policy"].split(";") if part.strip().startswith(name)]
    assert len(found) == 1, response["Content-Security-Policy"]
    return found[0]


def submitted(kim, user, files):
    """An SK uploaded through the one upload service, as the upload page does."""
    dates = {k: datetime.date.fromisoformat(SK_FIELDS[k]) for k in ("signed_on", "term_start", "term_end")}
    return decree_submit(kim=kim, uploaded_by=user, files=files, **{**SK_FIELDS, **dates})


def test_pdf_scan_may_be_framed_by_the_site_only(client_for, jenu_admin, tuban_staff, beji_kim, media_files):
    decree = submitted(beji_kim, jenu_admin, [sk_pdf()])
    scan = decree.scans.get()
    response = client_for(tuban_staff).get(scan.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert directive(response, "frame-ancestors") == "frame-ancestors 'self'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # The rest of the policy is unchanged: still no plugins, scripts only from the site.
    assert directive(response, "object-src") == "object-src 'none'"
    assert directive(response, "script-src") == "script-src 'self'"
    # And the SK page frames exactly that URL.
    page = client_for(tuban_staff).get(decree.get_absolute_url()).content.decode()
    assert f'<iframe src="{scan.get_absolute_url()}"' in page


def test_image_scan_and_pages_stay_unframeable(client_for, jenu_admin, tuban_staff, beji_kim, media_files):
    decree = submitted(beji_kim, jenu_admin, [sk_photo()])
    client = client_for(tuban_staff)
    for url in (decree.scans.get().get_absolute_url(), decree.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert directive(response, "frame-ancestors") == "frame-ancestors 'none'"
        assert response["X-Frame-Options"] == "DENY"


def test_pdf_scan_outside_the_area_is_404(client_for, jenu_admin, palang_admin, beji_kim, media_files):
    scan = submitted(beji_kim, jenu_admin, [sk_pdf()]).scans.get()
    assert client_for(palang_admin).get(reverse("decrees:scan", args=[scan.pk])).status_code == 404
    assert Scan.objects.count() == 1


@pytest.mark.parametrize("level", ["kecamatan", "desa"])
def test_map_documents_send_a_valid_same_origin_policy(client_for, tuban_staff, level):
    response = client_for(tuban_staff).get(reverse("map_svg", args=[level]))
    assert response.status_code == 200
    assert directive(response, "frame-ancestors") == "frame-ancestors 'self'"  # not "'none' 'self'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_province_map_sends_a_valid_same_origin_policy(client_for, province_viewer):
    response = client_for(province_viewer).get(reverse("province_map_svg", args=["35"]))
    assert response.status_code == 200
    assert directive(response, "frame-ancestors") == "frame-ancestors 'self'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
