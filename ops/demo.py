"""A clearly labelled demo data set that tells Tuban's known KIM history.

Known facts (kept exact): outreach in 2020 in Montong, Bangilan and Jatirogo; in
2021 in Kenduruan, Senori, Singgahan, Bancar, Tambakboyo, Semanding and Jenu, the
last on Thursday 2 December 2021 at Balai Desa Beji with 30 participants from
the kecamatan government, karang taruna, PKK, village website admins and
social-media activists; none yet in Palang, Widang, Plumpang, Rengel, Soko,
Parengan, Grabagan, Merakurak and Tuban. Kerek, Tuban's twentieth kecamatan,
is named in neither list, so the demo records nothing for it.
Everything else (other dates and venues, KIM names, SK numbers, officers) is
invented, flagged `is_demo`, and labelled as demo wherever it is shown.
"""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.models import User
from accounts.services import account_save
from decrees.models import Decree
from decrees.services import decree_submit
from districts.models import District, FormationTarget, KimGroup, Officer, OfficerRole, Regency, RegencyRules, Village
from kimtrack.dates import add_years
from outreach.models import OutreachEvent, ParticipantGroup

DEMO_NOTE = "DATA DEMO — rekaan untuk uji coba, bukan data sebenarnya."
G = ParticipantGroup
ALL_GROUPS = [G.DISTRICT_GOVERNMENT, G.KARANG_TARUNA, G.PKK, G.VILLAGE_WEBSITE_ADMINS, G.SOCIAL_MEDIA_ACTIVISTS]

# (kecamatan, date, venue, participants, groups, known fact?)
OUTREACH = [
    ("Montong", datetime.date(2020, 11, 5), "Pendopo Kecamatan Montong", 28, ALL_GROUPS[:3], False),
    ("Bangilan", datetime.date(2020, 11, 19), "Pendopo Kecamatan Bangilan", 32, ALL_GROUPS[:3], False),
    ("Jatirogo", datetime.date(2020, 12, 3), "Pendopo Kecamatan Jatirogo", 30, ALL_GROUPS[:4], False),
    ("Kenduruan", datetime.date(2021, 3, 18), "Pendopo Kecamatan Kenduruan", 26, ALL_GROUPS[:4], False),
    ("Senori", datetime.date(2021, 4, 8), "Pendopo Kecamatan Senori", 31, ALL_GROUPS, False),
    ("Singgahan", datetime.date(2021, 6, 10), "Pendopo Kecamatan Singgahan", 29, ALL_GROUPS, False),
    ("Bancar", datetime.date(2021, 8, 26), "Pendopo Kecamatan Bancar", 35, ALL_GROUPS, False),
    ("Tambakboyo", datetime.date(2021, 9, 23), "Pendopo Kecamatan Tambakboyo", 27, ALL_GROUPS, False),
    ("Semanding", datetime.date(2021, 10, 28), "Pendopo Kecamatan Semanding", 33, ALL_GROUPS, False),
    ("Jenu", datetime.date(2021, 12, 2), "Balai Desa Beji", 30, ALL_GROUPS, True),
]

# Invented KIMs. SK dates are made relative to today, so the demo stays alive:
# (kecamatan or village code, KIM name, first SK signed, what its SKs show today)
DISTRICT_KIMS = [
    ("Montong", "KIM Montong Sejahtera", datetime.date(2020, 12, 14), "formed"),
    ("Bangilan", "KIM Bangilan Cerdas", datetime.date(2021, 1, 11), "formed"),
    ("Jatirogo", "KIM Jatirogo Informatif", datetime.date(2021, 2, 1), "expired"),
    ("Kenduruan", "KIM Kenduruan Maju", datetime.date(2021, 5, 3), "formed"),
    ("Senori", "KIM Senori Bersatu", datetime.date(2021, 6, 7), "expiring"),
    ("Singgahan", "KIM Singgahan Mandiri", datetime.date(2021, 8, 2), "rejected_then_formed"),
    ("Bancar", "KIM Bancar Bahari", datetime.date(2021, 10, 4), "formed"),
    ("Tambakboyo", "KIM Tambakboyo Samudra", None, "pending"),
    ("Semanding", "KIM Semanding Kreatif", None, "rejected"),
    ("Jenu", "KIM Jenu Berdaya", datetime.date(2022, 1, 17), "formed"),
]
VILLAGE_KIMS = [
    ("35.23.12.2009", "KIM Beji Bersinar", datetime.date(2022, 3, 7), "formed"),
    ("35.23.12.2016", "KIM Jenu Pesisir", datetime.date(2022, 4, 4), "formed"),
    ("35.23.12.2001", "KIM Karangasem Digital", None, "pending"),
    ("35.23.12.2005", "KIM Tasikharjo", None, "rejected"),
    ("35.23.12.2013", "KIM Jenggolo Muda", None, "no_decree"),
    ("35.23.10.2001", "KIM Montong Sae", datetime.date(2022, 8, 1), "formed"),
    ("35.23.03.2001", "KIM Bangilan Kidul", datetime.date(2023, 2, 6), "formed"),
    ("35.23.16.1003", "KIM Mondokan Kota", datetime.date(2023, 5, 8), "expiring"),
    ("35.23.06.2001", "KIM Tambakboyo Pantura", datetime.date(2024, 9, 2), "formed"),
    ("35.23.15.1006", "KIM Karang Kota", datetime.date(2025, 2, 3), "formed"),
]
TERM_YEARS = 3


def sk_history(first, outcome, today):
    """The SKs behind an outcome: [(signed_on, term_end, 'verified'|'rejected'|'pending'), ...]."""
    day = datetime.timedelta
    if outcome == "no_decree":
        return []
    if outcome == "pending":
        return [(today - day(12), add_years(today - day(12), TERM_YEARS), "pending")]
    if outcome == "rejected":
        return [(today - day(40), add_years(today - day(40), TERM_YEARS), "rejected")]
    history = []
    if outcome == "rejected_then_formed":
        history.append((first, add_years(first, TERM_YEARS), "rejected"))
        first += day(35)
    if outcome == "expired":
        return [(first, add_years(first, TERM_YEARS) - day(1), "verified")]
    signed = first
    while add_years(signed, TERM_YEARS) <= today:  # renewals every term, each superseding the last
        history.append((signed, add_years(signed, TERM_YEARS) - day(1), "verified"))
        signed = add_years(signed, TERM_YEARS)
    end = add_years(signed, TERM_YEARS) - day(1)
    if outcome == "expiring":
        end = today + day(45)
    history.append((signed, max(end, signed + day(30)), "verified"))
    return history


OFFICERS = [("Ketua", "Ketua demo"), ("Sekretaris", "Sekretaris demo"), ("Bendahara", "Bendahara demo")]


class DemoRefused(Exception):
    pass


def demo_scan(kim_name, number):
    """A page image that says plainly it is a demo, not a real SK."""
    image = Image.new("RGB", (620, 877), (252, 252, 248))
    draw = ImageDraw.Draw(image)
    lines = ["CONTOH SK - DATA DEMO", "", "BUKAN DOKUMEN ASLI", "", kim_name, f"Nomor: {number}"]
    for i, line in enumerate(lines):
        draw.text((60, 120 + 40 * i), line, fill=(40, 40, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return SimpleUploadedFile("contoh-sk-demo.jpg", out.getvalue(), content_type="image/jpeg")


def demo_state():
    """'empty', 'demo' (demo loaded, no real KIMs) or 'real' (real KIMs exist)."""
    if KimGroup.objects.filter(is_demo=False).exists():
        return "real"
    return "demo" if KimGroup.objects.filter(is_demo=True).exists() else "empty"


@transaction.atomic
def load_demo(*, force=False):
    """Create demo accounts, outreach events, KIMs and SKs for Tuban; return {username: password}."""
    state = demo_state()
    if state == "real" and not force:
        raise DemoRefused("Database sudah berisi KIM nyata; demo tidak dimuat (pakai --force bila yakin).")
    if state == "demo":
        raise DemoRefused("Data demo sudah dimuat.")
    tuban = Regency.objects.get(code="35.23")
    RegencyRules.for_regency(tuban)
    FormationTarget.for_regency(tuban)
    districts = {d.name: d for d in District.objects.filter(regency=tuban)}

    logins = {}
    for username, role, area, name in [
        ("demo_staf", User.Role.STAFF, "35.23", "Staf Diskominfo (demo)"),
        ("demo_jenu", User.Role.DISTRICT_ADMIN, "35.23.12", "Admin Kecamatan Jenu (demo)"),
        ("demo_palang", User.Role.DISTRICT_ADMIN, "35.23.18", "Admin Kecamatan Palang (demo)"),
        ("demo_provinsi", User.Role.PROVINCE_VIEWER, "35", "Pemantau Diskominfo Jatim (demo)"),
    ]:
        user, _created, password = account_save(
            username=username, role=role, area_code=area, full_name=name, email=f"{username}@example.org"
        )
        logins[username] = (user, password)
    staff = logins["demo_staf"][0]

    for district_name, day, venue, count, groups, is_fact in OUTREACH:
        district = districts[district_name]
        village = Village.objects.get(code="35.23.12.2009") if district_name == "Jenu" else None
        OutreachEvent.objects.create(
            held_on=day,
            district=district,
            village=village,
            venue=venue,
            participant_count=count,
            participant_groups=[g.value for g in groups],
            is_demo=not is_fact,
            created_by=staff,
            speakers="Diskominfo Kabupaten Tuban",
            notes="" if is_fact else "DATA DEMO: tanggal, tempat dan jumlah peserta rekaan.",
        )

    roles = {r.name: r for r in OfficerRole.objects.filter(regency=tuban)}
    uploader = {"35.23.12": logins["demo_jenu"][0]}
    today = timezone.localdate()
    for district_name, name, first, outcome in DISTRICT_KIMS:
        district = districts[district_name]
        history = sk_history(first, outcome, today)
        _make_kim(name, district, None, history, roles, staff, uploader.get(district.code, staff))
    for code, name, first, outcome in VILLAGE_KIMS:
        village = Village.objects.select_related("district").get(code=code)
        history = sk_history(first, outcome, today)
        _make_kim(name, village.district, village, history, roles, staff, uploader.get(village.district_id, staff))
    return {username: password for username, (_user, password) in logins.items()}


def _make_kim(name, district, village, history, roles, staff, uploader):
    first = history[0][0] if history else datetime.date(2024, 9, 1)
    kim = KimGroup.objects.create(
        name=name,
        level=KimGroup.Level.VILLAGE if village else KimGroup.Level.DISTRICT,
        district=district,
        village=village,
        founded_on=first - datetime.timedelta(days=14),
        member_count=12,
        notes=DEMO_NOTE,
        is_demo=True,
        created_by=uploader,
        address=f"Sekretariat {name} (demo)",
    )
    for role_name, person in OFFICERS:
        Officer.objects.create(kim=kim, role=roles[role_name], name=f"{person} {name.removeprefix('KIM ')}")
    for index, (signed, term_end, outcome) in enumerate(history, start=1):
        number = f"DEMO-188.4/{index:02d}/{kim.district.code[-2:]}/{signed.year}"
        decree = decree_submit(
            kim=kim,
            number=number,
            signed_on=signed,
            signatory=f"{kim.issuing_office} (demo)",
            term_start=signed,
            term_end=term_end,
            files=[demo_scan(name, number)],
            uploaded_by=uploader,
            notify=False,
        )
        uploaded = datetime.datetime.combine(signed + datetime.timedelta(days=3), datetime.time(2), datetime.UTC)
        Decree.objects.filter(pk=decree.pk).update(created_at=min(uploaded, timezone.now()))
        if outcome == "verified":
            decree.verify(by=staff)
        elif outcome == "rejected":
            decree.reject(by=staff, reason="Cap dan tanda tangan tidak terbaca (demo).")
    return kim
