"""Who may reach what: every project URL x every role, with the expected status.

403 = a read-only or wrong-role user attempting something they may not do;
404 = an object outside the user's area (nothing about it leaks).
A test walks Django's URL resolver: a view added without rows here fails.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse

from activities.models import Activity
from activities.services import activity_record
from assessments.models import Assessment, CriterionScore
from assessments.services import assessment_save, criteria_of
from decrees.models import Decree
from decrees.services import decree_submit
from districts.models import ActivityType, RegencyRules
from imports.models import ImportBatch
from kimtrack.stored_files import save_checked
from kimtrack.uploads import check_scan
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
STAFF_PAGE = row(LOGIN, 403, 404, 200, 404, 403)  # a page of a Jenu object that only regency staff may use


def _officer_import_url(world):
    """The officer import of the draft's reading, once that reading has found officers."""
    reading = world["draft"].reading
    officers = [{"name": "Ahmad Fauzi", "role": "Ketua", "confidence": 0.9}]
    Reading.objects.filter(pk=reading.pk).update(status=Reading.Status.DONE, suggestions={"officers": officers})
    return reverse("reading:officer_import", args=[reading.pk])


# url name -> (method, how to build the URL from the world, expected statuses)
MATRIX = {
    "login": ("get", lambda w: reverse("login"), row(200, 302, 302, 302, 302, 302)),
    "logout": ("get", lambda w: reverse("logout"), row(LOGIN, 405, 405, 405, 405, 405)),
    "home": ("get", lambda w: reverse("home"), EVERYONE),
    # Password reset by e-mail is for people who cannot sign in: open to everyone.
    "password_reset": ("get", lambda w: reverse("password_reset"), row(200, 200, 200, 200, 200, 200)),
    "password_reset_done": ("get", lambda w: reverse("password_reset_done"), row(200, 200, 200, 200, 200, 200)),
    "password_reset_confirm": (
        "get",
        lambda w: reverse("password_reset_confirm", args=["MQ", "bukan-token"]),
        row(200, 200, 200, 200, 200, 200),
    ),
    "password_reset_complete": (
        "get",
        lambda w: reverse("password_reset_complete"),
        row(200, 200, 200, 200, 200, 200),
    ),
    # The code step needs a password step first (else back to the login page); enrolment is for everyone.
    "two_factor_verify": ("get", lambda w: reverse("two_factor_verify"), row(LOGIN, 302, 302, 302, 302, 302)),
    "two_factor_setup": ("get", lambda w: reverse("two_factor_setup"), EVERYONE),
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
    "districts:kim_merge": ("get", lambda w: reverse("districts:kim_merge", args=[w["kim"].pk]), STAFF_PAGE),
    "districts:kim_mistaken": ("get", lambda w: reverse("districts:kim_mistaken", args=[w["kim"].pk]), STAFF_PAGE),
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
    "decrees:search": ("get", lambda w: reverse("decrees:search") + "?q=Beji", EVERYONE),
    "reading:officer_import": ("post", lambda w: _officer_import_url(w), IN_JENU_CHANGE_POST),
    "decrees:scan_preview": ("get", lambda w: reverse("decrees:scan_preview", args=[w["scan"].pk]), IN_JENU_READ),
    "village_map": ("get", lambda w: reverse("village_map"), EVERYONE),
    # Read-only and scoped: each user sees the funnel of the kecamatan they may see.
    "funnel": ("get", lambda w: reverse("funnel"), EVERYONE),
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
    "outreach:record": (
        "get",
        lambda w: reverse("outreach:record", args=[w["planned_event"].pk]),
        row(LOGIN, 403, 403, 200, 404, 403),
    ),
    "outreach:cancel": (
        "get",
        lambda w: reverse("outreach:cancel", args=[w["planned_event"].pk]),
        row(LOGIN, 403, 403, 200, 404, 403),
    ),
    # Scoped like the list: another regency's staff get an empty calendar.
    "outreach:calendar": ("get", lambda w: reverse("outreach:calendar"), EVERYONE),
    "outreach:attachment": ("get", lambda w: reverse("outreach:attachment", args=[w["attachment"].pk]), IN_JENU_READ),
    # A draft SK changes nothing, so the province viewer may download it too.
    "decrees:draft_download": (
        "get",
        lambda w: reverse("decrees:draft_download", args=[w["kim"].pk]),
        IN_JENU_READ,
    ),
    "decrees:template_download": (
        "get",
        lambda w: reverse("decrees:template_download", args=["35.23"]),
        row(LOGIN, 403, 403, 200, 404, 403),
    ),
    "decrees:template_upload": (
        "post",
        lambda w: reverse("decrees:template_upload", args=["35.23"]),
        row(LOGIN, 403, 403, 302, 404, 403),
    ),
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
    "reports:print": (
        "get",
        lambda w: reverse("reports:print", args=[w["report"].pk]),
        row(LOGIN, 403, 403, 200, 404, 403),
    ),
    "reports:sent": (
        "get",
        lambda w: reverse("reports:sent", args=[w["report"].pk]),
        row(LOGIN, 403, 403, 200, 404, 403),
    ),
    # Exports cover a region inside the user's area; a region outside it is a 404, like the pages.
    "reports:kim_list_xlsx": ("get", lambda w: reverse("reports:kim_list_xlsx", args=["35.23.12"]), IN_JENU_READ),
    "reports:outreach_xlsx": ("get", lambda w: reverse("reports:outreach_xlsx", args=["35.23.12"]), IN_JENU_READ),
    "district_recap_xlsx": (
        "get",
        lambda w: reverse("district_recap_xlsx", args=["35.23"]),
        row(LOGIN, 404, 404, 200, 404, 200),
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
    "activities:create": ("get", lambda w: reverse("activities:create", args=[w["kim"].pk]), IN_JENU_CHANGE),
    "activities:detail": ("get", lambda w: reverse("activities:detail", args=[w["activity"].pk]), IN_JENU_READ),
    "activities:cancel": ("get", lambda w: reverse("activities:cancel", args=[w["activity"].pk]), IN_JENU_CHANGE),
    "activities:photo": (
        "get",
        lambda w: reverse("activities:photo", args=[w["activity"].photos.get().pk]),
        IN_JENU_READ,
    ),
    "assessments:list": ("get", lambda w: reverse("assessments:list"), EVERYONE),
    "assessments:export": ("get", lambda w: reverse("assessments:export"), EVERYONE),
    "assessments:create": ("get", lambda w: reverse("assessments:create", args=[w["kim"].pk]), STAFF_PAGE),
    "assessments:detail": ("get", lambda w: reverse("assessments:detail", args=[w["assessment"].pk]), IN_JENU_READ),
    "assessments:edit": ("get", lambda w: reverse("assessments:edit", args=[w["assessment"].pk]), STAFF_PAGE),
    "assessments:confirm": (
        "post",
        lambda w: reverse("assessments:confirm", args=[w["assessment"].pk]),
        STAFF_DECISION,
    ),
    "accounts:list": ("get", lambda w: reverse("accounts:list"), ACCOUNT_MANAGERS),
    # Everyone's own account page (mail language, weekly digest opt-out).
    "accounts:own": ("get", lambda w: reverse("accounts:own"), EVERYONE),
    "accounts:create": ("get", lambda w: reverse("accounts:create"), ACCOUNT_MANAGERS),
    "accounts:activate": (
        "get",
        lambda w: reverse("accounts:activate", args=[w["jenu_admin"].pk]),
        row(LOGIN, 403, 403, 200, 404, 403),
    ),
    "accounts:deactivate": (
        "get",
        lambda w: reverse("accounts:deactivate", args=[w["jenu_admin"].pk]),
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
    "reading:officer_import",
    "districts:kim_edit",
    "districts:kim_officers",
    "districts:kim_merge",
    "districts:kim_mistaken",
    "decrees:upload",
    "decrees:withdraw",
    "decrees:verify",
    "decrees:reject",
    "districts:kim_create",
    "districts:regency_rules",
    "activities:create",
    "activities:cancel",
    "assessments:create",
    "assessments:edit",
    "assessments:confirm",
    "decrees:template_upload",
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
    planned_event = OutreachEvent.objects.create(
        status=OutreachEvent.Status.PLANNED,
        held_on=datetime.date(2099, 1, 5),
        district=beji.district,
        venue="Pendopo Kecamatan Jenu",
    )
    report, _created = report_record(
        regency=beji.district.regency,
        report_date=datetime.date(2025, 1, 1),
        period="2024",
        file_format="csv",
        user=tuban_staff,
    )
    batch = ImportBatch(regency=beji.district.regency, original_name="kim.csv", created_by=tuban_staff)
    batch.file.save("import", ContentFile(b"tingkat,nama_kim,kode_kecamatan\nkecamatan,KIM Baru,35.23.18\n"))
    draft = create_draft(kim=kim, files=[sk_photo()], uploaded_by=jenu_admin)
    RegencyRules.for_regency(beji.district.regency)
    activity = activity_record(
        kim=kim,
        date=datetime.date(2021, 12, 3),
        type=ActivityType.objects.get(regency=beji.district.regency, name="Diskusi"),
        title="Diskusi warga",
        photos=[sk_photo()],
        recorded_by=jenu_admin,
    )
    assessment = assessment_save(
        kim=kim,
        year=2021,
        assessed_on=datetime.date(2021, 12, 20),
        scores={c: (70, "", "") for c in criteria_of(kim)},
        assessed_by=tuban_staff,
    )
    return {
        "assessment": assessment,
        "activity": activity,
        "draft": draft,
        "report": report,
        "batch": batch,
        "kim": kim,
        "decree": decree,
        "scan": decree.scans.get(),
        "event": event,
        "planned_event": planned_event,
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
        kim.record,
        decree.status,
        decree.rejection_reason,
        kim.officers.count(),
        Decree.objects.count(),
        Draft.objects.filter(decree__isnull=True).count(),
        Reading.objects.count(),
        DraftScan.objects.count(),
        Activity.objects.count(),
        Activity.objects.filter(cancelled_at__isnull=False).count(),
        Assessment.objects.count(),
        Assessment.objects.filter(confirmed__isnull=False).count(),
        CriterionScore.objects.order_by("pk").values_list("score", flat=True)[0],
        kim.classification_id,
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


# A method the view does not take is refused before anything else: 405, for every role that is logged in.
WRONG_METHODS = {
    "reports:download": "post",
    "reports:print": "post",
    "reports:sent": "put",
    "reports:province": "put",
    "reports:kim_list_xlsx": "post",
    "reports:outreach_xlsx": "post",
    "district_recap_xlsx": "post",
    "districts:kim_merge": "put",
    "districts:kim_mistaken": "put",
}


@pytest.mark.parametrize("role", ROLES[1:])
@pytest.mark.parametrize("name", list(WRONG_METHODS))
def test_wrong_method_is_405(world, client_for, anon_client, name, role):
    _method, build, _expected = MATRIX[name]
    response = getattr(client_as(role, world, client_for, anon_client), WRONG_METHODS[name])(build(world))
    assert response.status_code == 405, (name, role, response.status_code)


@pytest.mark.parametrize("role", ["jenu_admin", "palang_admin", "lamongan_staff", "province_viewer"])
def test_only_staff_of_the_regency_mark_a_report_sent(world, client_for, anon_client, role):
    report = world["report"]
    response = client_as(role, world, client_for, anon_client).post(
        reverse("reports:sent", args=[report.pk]), {"sent_on": datetime.date.today().isoformat(), "sent_via": "email"}
    )
    assert response.status_code == MATRIX["reports:sent"][2][role]
    report.refresh_from_db()
    assert report.sent_on is None


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
    for label in ["Unggah SK", "Ubah profil", "Ubah pengurus", "Tambah kegiatan", "Gabungkan", "Tandai salah input"]:
        assert label not in page
    page = client.get(reverse("decrees:detail", args=[world["decree"].pk])).content.decode()
    assert ">Verifikasi<" not in page and ">Tolak<" not in page and "Tarik SK" not in page
    page = client.get(reverse("activities:detail", args=[world["activity"].pk])).content.decode()
    assert "Batalkan kegiatan" not in page


# Django admin: change forms, history lists and old versions of the scoped objects. Only superusers
# (is_staff and is_superuser) enter; a site role, even regency staff, is sent to the admin login.
ADMIN_PAGES = {
    "decree_change": lambda w: reverse("admin:decrees_decree_change", args=[w["decree"].pk]),
    "decree_history": lambda w: reverse("admin:decrees_decree_history", args=[w["decree"].pk]),
    "decree_version": lambda w: reverse(
        "admin:decrees_decree_simple_history", args=[w["decree"].pk, w["decree"].history.earliest().history_id]
    ),
    "kim_change": lambda w: reverse("admin:districts_kimgroup_change", args=[w["kim"].pk]),
    "kim_history": lambda w: reverse("admin:districts_kimgroup_history", args=[w["kim"].pk]),
    "draft_change": lambda w: reverse("admin:reading_draft_change", args=[w["draft"].pk]),
    "user_change": lambda w: reverse("admin:accounts_user_change", args=[w["jenu_admin"].pk]),
    "user_history": lambda w: reverse("admin:accounts_user_history", args=[w["jenu_admin"].pk]),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(ADMIN_PAGES))
def test_admin_pages_are_closed_to_site_roles(world, client_for, anon_client, page, role):
    response = client_as(role, world, client_for, anon_client).get(ADMIN_PAGES[page](world))
    # Anonymous callers meet the site's login first (LoginRequiredMiddleware), signed-in ones the admin's.
    login = reverse("login") if role == "anonymous" else reverse("admin:login")
    assert response.status_code == 302 and response["Location"].startswith(login), response


@pytest.mark.parametrize("page", list(ADMIN_PAGES))
def test_admin_pages_open_for_superusers(world, client_for, superuser, page):
    assert client_for(superuser).get(ADMIN_PAGES[page](world)).status_code == 200


def test_admin_revert_of_an_sk_is_refused_even_for_superusers(world, client_for, superuser):
    world["decree"].verify(by=world["users"]["tuban_staff"])
    response = client_for(superuser).post(ADMIN_PAGES["decree_version"](world), {"number": "X"})
    assert response.status_code == 403
    world["decree"].refresh_from_db()
    assert world["decree"].status == Decree.Status.VERIFIED
