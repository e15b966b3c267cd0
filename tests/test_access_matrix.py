"""Who may reach what: every project URL x every role, with the expected status.

403 = a read-only or wrong-role user attempting something they may not do;
404 = an object outside the user's area (nothing about it leaks).
A test walks Django's URL resolver: a view added without rows here fails.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse

from decrees.models import Decree
from decrees.services import decree_submit
from decrees.uploads import check_scan
from imports.models import ImportBatch
from kimtrack.stored_files import save_checked
from outreach.models import OutreachAttachment, OutreachEvent
from reading.models import Draft, DraftScan, Reading
from reading.services import create_draft
from reports.services import report_record
from tests.factories import KimFactory
from tests.files import sk_photo

ROLES = ["anonymous", "jenu_admin", "palang_admin", "tuban_staff", "lamongan_staff", "province_viewer"]
LOGIN = "login"  # expected: redirect to the login page


def row(anonymous, jenu_admin, palang_admin, tuban_staff, lamongan_staff, province_viewer):
    statuses = [anonymous, jenu_admin, palang_admin, tuban_staff, lamongan_staff, province_viewer]
    return dict(zip(ROLES, statuses, strict=True))


EVERYONE = row(LOGIN, 200, 200, 200, 200, 200)
IN_JENU_READ = row(LOGIN, 200, 404, 200, 404, 200)
IN_JENU_CHANGE = row(LOGIN, 200, 404, 200, 404, 403)
STAFF_DECISION = row(LOGIN, 403, 404, 302, 404, 403)
IN_JENU_CHANGE_POST = row(LOGIN, 302, 404, 302, 404, 403)
ACCOUNT_MANAGERS = row(LOGIN, 403, 403, 200, 200, 403)

# url name -> (method, how to build the URL from the world, expected statuses)
MATRIX = {
    "login": ("get", lambda w: reverse("login"), row(200, 302, 302, 302, 302, 302)),
    "logout": ("get", lambda w: reverse("logout"), row(LOGIN, 405, 405, 405, 405, 405)),
    "home": ("get", lambda w: reverse("home"), EVERYONE),
    "password_change": ("get", lambda w: reverse("password_change"), EVERYONE),
    "password_change_done": ("get", lambda w: reverse("password_change_done"), EVERYONE),
    # A personal preference, so read-only viewers may set it too; an empty form means "site default".
    "language_switch": ("post", lambda w: reverse("language_switch"), row(LOGIN, 302, 302, 302, 302, 302)),
    "districts:district_list": ("get", lambda w: reverse("districts:district_list"), EVERYONE),
    "districts:district_detail": (
        "get",
        lambda w: reverse("districts:district_detail", args=["35.23.12"]),
        IN_JENU_READ,
    ),
    "districts:village_detail": (
        "get",
        lambda w: reverse("districts:village_detail", args=["35.23.12.2009"]),
        IN_JENU_READ,
    ),
    "districts:kim_create": ("get", lambda w: reverse("districts:kim_create", args=["35.23.12"]), IN_JENU_CHANGE),
    "districts:regency_rules": (
        "get",
        lambda w: reverse("districts:regency_rules", args=["35.23"]),
        row(LOGIN, 403, 403, 200, 404, 403),
    ),
    "districts:kim_list": ("get", lambda w: reverse("districts:kim_list"), EVERYONE),
    "districts:kim_detail": ("get", lambda w: reverse("districts:kim_detail", args=[w["kim"].pk]), IN_JENU_READ),
    "districts:kim_edit": ("get", lambda w: reverse("districts:kim_edit", args=[w["kim"].pk]), IN_JENU_CHANGE),
    "districts:kim_officers": ("get", lambda w: reverse("districts:kim_officers", args=[w["kim"].pk]), IN_JENU_CHANGE),
    "decrees:queue": ("get", lambda w: reverse("decrees:queue"), row(LOGIN, 403, 403, 200, 200, 200)),
    "decrees:upload": ("get", lambda w: reverse("decrees:upload", args=[w["kim"].pk]), IN_JENU_CHANGE),
    "decrees:detail": ("get", lambda w: reverse("decrees:detail", args=[w["decree"].pk]), IN_JENU_READ),
    "decrees:verify": ("post", lambda w: reverse("decrees:verify", args=[w["decree"].pk]), STAFF_DECISION),
    "decrees:reject": ("post", lambda w: reverse("decrees:reject", args=[w["decree"].pk]), STAFF_DECISION),
    "decrees:withdraw": ("get", lambda w: reverse("decrees:withdraw", args=[w["decree"].pk]), IN_JENU_CHANGE),
    "decrees:scan": ("get", lambda w: reverse("decrees:scan", args=[w["scan"].pk]), IN_JENU_READ),
    "reading:draft_create": ("get", lambda w: reverse("reading:draft_create", args=[w["kim"].pk]), IN_JENU_CHANGE),
    "reading:draft": ("get", lambda w: reverse("reading:draft", args=[w["draft"].pk]), IN_JENU_CHANGE),
    "reading:draft_status": ("get", lambda w: reverse("reading:draft_status", args=[w["draft"].pk]), IN_JENU_CHANGE),
    "reading:draft_discard": ("get", lambda w: reverse("reading:draft_discard", args=[w["draft"].pk]), IN_JENU_CHANGE),
    "reading:draft_scan": (
        "get",
        lambda w: reverse("reading:draft_scan", args=[w["draft"].scans.get().pk]),
        IN_JENU_CHANGE,
    ),
    "reading:reread": ("post", lambda w: reverse("reading:reread", args=[w["decree"].pk]), IN_JENU_CHANGE_POST),
    "reading:search": ("get", lambda w: reverse("reading:search") + "?q=Beji", EVERYONE),
    "decrees:scan_preview": ("get", lambda w: reverse("decrees:scan_preview", args=[w["scan"].pk]), IN_JENU_READ),
    "village_map": ("get", lambda w: reverse("village_map"), EVERYONE),
    # Regency staff and kecamatan admins see one regency, never its neighbours: 403.
    "province_dashboard": (
        "get",
        lambda w: reverse("province_dashboard", args=["35"]),
        row(LOGIN, 403, 403, 403, 403, 200),
    ),
    "province_map_svg": (
        "get",
        lambda w: reverse("province_map_svg", args=["35"]),
        row(LOGIN, 403, 403, 403, 403, 200),
    ),
    "districts:targets": (
        "get",
        lambda w: reverse("districts:targets", args=["35.23"]),
        row(LOGIN, 403, 403, 200, 404, 403),
    ),
    "outreach:list": ("get", lambda w: reverse("outreach:list"), EVERYONE),
    "outreach:create": ("get", lambda w: reverse("outreach:create"), row(LOGIN, 403, 403, 200, 200, 403)),
    "outreach:detail": ("get", lambda w: reverse("outreach:detail", args=[w["event"].pk]), IN_JENU_READ),
    "outreach:edit": (
        "get",
        lambda w: reverse("outreach:edit", args=[w["event"].pk]),
        row(LOGIN, 403, 403, 200, 404, 403),
    ),
    "outreach:attachment": ("get", lambda w: reverse("outreach:attachment", args=[w["attachment"].pk]), IN_JENU_READ),
    "decrees:attach": ("get", lambda w: reverse("decrees:attach", args=[w["decree"].pk]), IN_JENU_CHANGE),
    "reports:province": (
        "get",
        lambda w: reverse("reports:province", args=["35.23"]),
        row(LOGIN, 403, 403, 200, 404, 403),
    ),
    "reports:download": (
        "get",
        lambda w: reverse("reports:download", args=[w["report"].pk]),
        row(LOGIN, 403, 403, 200, 404, 403),
    ),
    "public_page": ("get", lambda w: reverse("public_page"), row(200, 200, 200, 200, 200, 200)),
    "public_map": ("get", lambda w: reverse("public_map"), row(200, 200, 200, 200, 200, 200)),
    # Map shapes ship for Tuban only, so Lamongan's staff get 404 (their own regency has no map yet).
    "map_svg": ("get", lambda w: reverse("map_svg", args=["kecamatan"]), row(LOGIN, 200, 200, 200, 404, 200)),
    "reports:open_data": ("get", lambda w: reverse("reports:open_data"), row(200, 200, 200, 200, 200, 200)),
    "reports:open_data_csv": ("get", lambda w: reverse("reports:open_data_csv"), row(200, 200, 200, 200, 200, 200)),
    "reports:open_data_json": ("get", lambda w: reverse("reports:open_data_json"), row(200, 200, 200, 200, 200, 200)),
    "reports:robots": ("get", lambda w: reverse("reports:robots"), row(200, 200, 200, 200, 200, 200)),
    "imports:start": ("get", lambda w: reverse("imports:start"), row(LOGIN, 403, 403, 200, 200, 403)),
    "imports:template": ("get", lambda w: reverse("imports:template"), row(LOGIN, 403, 403, 200, 200, 403)),
    "imports:preview": (
        "get",
        lambda w: reverse("imports:preview", args=[w["batch"].pk]),
        row(LOGIN, 403, 403, 200, 404, 403),
    ),
    "imports:apply": (
        "post",
        lambda w: reverse("imports:apply", args=[w["batch"].pk]),
        row(LOGIN, 403, 403, 302, 404, 403),
    ),
    "healthz": ("get", lambda w: reverse("healthz"), row(200, 200, 200, 200, 200, 200)),
    "audit:log": ("get", lambda w: reverse("audit:log"), row(LOGIN, 403, 403, 200, 200, 403)),
    "accounts:unlock": (
        "post",
        lambda w: reverse("accounts:unlock", args=[w["jenu_admin"].pk]),
        row(LOGIN, 403, 403, 302, 404, 403),
    ),
    "accounts:list": ("get", lambda w: reverse("accounts:list"), ACCOUNT_MANAGERS),
    "accounts:create": ("get", lambda w: reverse("accounts:create"), ACCOUNT_MANAGERS),
    "accounts:toggle_active": (
        "get",
        lambda w: reverse("accounts:toggle_active", args=[w["jenu_admin"].pk]),
        row(LOGIN, 403, 403, 200, 404, 403),
    ),
    "accounts:reset_password": (
        "get",
        lambda w: reverse("accounts:reset_password", args=[w["jenu_admin"].pk]),
        row(LOGIN, 403, 403, 200, 404, 403),
    ),
}

# Refused writes, tried with POST as well: after a refusal the object is unchanged.
REFUSED_POSTS = [
    "reading:draft_create",
    "reading:draft",
    "reading:draft_discard",
    "reading:reread",
    "districts:kim_edit",
    "districts:kim_officers",
    "decrees:upload",
    "decrees:withdraw",
    "decrees:verify",
    "decrees:reject",
    "districts:kim_create",
    "districts:regency_rules",
]


@pytest.fixture
def world(beji, jenu_admin, palang_admin, tuban_staff, lamongan_staff, province_viewer):
    kim = KimFactory(name="KIM Beji Bersinar", village=beji)
    decree = decree_submit(
        kim=kim,
        number="188.45/1/2021",
        signed_on=datetime.date(2024, 12, 2),
        signatory="Kades",
        term_start=datetime.date(2024, 12, 2),
        term_end=datetime.date(2029, 12, 1),
        files=[sk_photo()],
        uploaded_by=jenu_admin,
    )
    event = OutreachEvent.objects.create(
        held_on=datetime.date(2021, 12, 2),
        district=beji.district,
        village=beji,
        venue="Balai Desa Beji",
        participant_count=30,
    )
    attachment = save_checked(OutreachAttachment(event=event), check_scan(sk_photo()), [])
    report = report_record(
        regency=beji.district.regency,
        report_date=datetime.date(2025, 1, 1),
        period="2024",
        file_format="csv",
        user=tuban_staff,
    )
    batch = ImportBatch(regency=beji.district.regency, original_name="kim.csv", created_by=tuban_staff)
    batch.file.save("import", ContentFile(b"tingkat,nama_kim,kode_kecamatan\nkecamatan,KIM Baru,35.23.18\n"))
    draft = create_draft(kim=kim, files=[sk_photo()], uploaded_by=jenu_admin)
    return {
        "draft": draft,
        "report": report,
        "batch": batch,
        "kim": kim,
        "decree": decree,
        "scan": decree.scans.get(),
        "event": event,
        "attachment": attachment,
        "jenu_admin": jenu_admin,
        "users": {
            "jenu_admin": jenu_admin,
            "palang_admin": palang_admin,
            "tuban_staff": tuban_staff,
            "lamongan_staff": lamongan_staff,
            "province_viewer": province_viewer,
        },
    }


def client_as(role, world, client_for, anon_client):
    return anon_client if role == "anonymous" else client_for(world["users"][role])


def snapshot(world):
    kim, decree = world["kim"], world["decree"]
    kim.refresh_from_db()
    decree.refresh_from_db()
    return (
        kim.name,
        kim.updated_at,
        decree.status,
        decree.rejection_reason,
        kim.officers.count(),
        Decree.objects.count(),
        Draft.objects.filter(decree__isnull=True).count(),
        Reading.objects.count(),
        DraftScan.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(MATRIX))
def test_access(world, client_for, anon_client, name, role):
    method, build, expected = MATRIX[name]
    client = client_as(role, world, client_for, anon_client)
    url = build(world)
    data = {"reason": "Nomor SK tidak terbaca jelas"} if name == "decrees:reject" else {}
    response = getattr(client, method)(url, data)
    if expected[role] == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), response
    else:
        assert response.status_code == expected[role], (name, role, response.status_code)


REFUSED_PAIRS = [(name, role) for name in REFUSED_POSTS for role in ROLES if MATRIX[name][2][role] not in (200, 302)]


@pytest.mark.parametrize(("name", "role"), REFUSED_PAIRS)
def test_refused_post_changes_nothing(world, client_for, anon_client, name, role):
    method, build, expected = MATRIX[name]
    client = client_as(role, world, client_for, anon_client)
    before = snapshot(world)
    response = client.post(
        build(world),
        {
            "name": "Diubah",
            "reason": "Alasan yang panjang",
            "number": "X",
            "level": "desa",
            "village": "35.23.12.2009",
            "member_count": 5,
        },
    )
    assert response.status_code in (302, 403, 404)
    if expected[role] == LOGIN:
        assert response["Location"].startswith(reverse("login"))
    assert snapshot(world) == before


def test_every_url_of_the_project_has_rows_in_the_matrix():
    names = set()

    def walk(resolver, namespace=""):
        for entry in resolver.url_patterns:
            if hasattr(entry, "url_patterns"):
                if entry.namespace == "admin":
                    continue
                walk(entry, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
            elif entry.name:
                names.add(f"{namespace}{entry.name}")

    walk(get_resolver())
    assert names - set(MATRIX) == set(), "views without access-matrix rows"


@pytest.mark.parametrize("role", ["province_viewer", "palang_admin", "lamongan_staff"])
def test_users_without_rights_see_no_action_buttons(world, client_for, role):
    client = client_for(world["users"][role])
    response = client.get(reverse("districts:kim_detail", args=[world["kim"].pk]))
    if response.status_code == 404:
        return
    page = response.content.decode()
    for label in ["Unggah SK", "Ubah profil", "Ubah pengurus"]:
        assert label not in page
    page = client.get(reverse("decrees:detail", args=[world["decree"].pk])).content.decode()
    assert ">Verifikasi<" not in page and ">Tolak<" not in page and "Tarik SK" not in page
