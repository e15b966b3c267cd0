"""Messages read as an Indonesian speaker writes them: no word twice in a row, with realistic names."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import KimFactory

DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)


def doubled(text):
    return [m.group(0) for m in DOUBLED.finditer(text)]


def test_failed_login_message_names_the_field_once(anon_client, jenu_admin):
    page = anon_client.post(reverse("login"), {"username": "admin_jenu", "password": "salah"})
    errors = " ".join(page.context["form"].non_field_errors())
    assert "Nama pengguna atau sandi salah" in errors and not doubled(errors)


@pytest.mark.parametrize("name", ["KIM Beji Bersinar", "Kelompok Informasi Masyarakat Jenu"])
def test_kim_saved_message_does_not_repeat_kim(client_for, jenu_admin, jenu, name):
    response = client_for(jenu_admin).post(
        reverse("districts:kim_create", args=[jenu.code]),
        {"name": name, "level": "kecamatan", "activity": "aktif", "member_count": 9},
        follow=True,
    )
    text = " ".join(str(m) for m in response.context["messages"])
    assert name in text and not doubled(text)


def test_notification_subjects_do_not_repeat_kim(
    beji, mailoutbox, jenu_admin, tuban_staff, django_capture_on_commit_callbacks
):
    import datetime

    from decrees.services import decree_reject, decree_submit
    from tests.files import sk_photo

    tuban_staff.email = "staf@example.org"
    tuban_staff.save()
    kim = KimFactory(name="KIM Beji Bersinar", village=beji)
    day = datetime.date(2025, 3, 3)
    with django_capture_on_commit_callbacks(execute=True):
        decree = decree_submit(
            kim=kim,
            number="140/1/2025",
            signed_on=day,
            signatory="Kades",
            term_start=day,
            term_end=datetime.date(2028, 3, 2),
            uploaded_by=jenu_admin,
            files=[sk_photo()],
        )
        decree_reject(decree=decree, by=tuban_staff, reason="Cap tidak terlihat")
    assert mailoutbox
    for mail in mailoutbox:
        assert not doubled(mail.subject) and not doubled(mail.body), mail.subject


# The doublings people reported, named so a failure says which one it is.
REPORTED = ["KIM KIM", "SK SK", "Desa Desa", "Kecamatan Kecamatan", "nama pengguna nama pengguna", "Camat Camat"]


def problems(text):
    """Doubled words in `text`: the reported pairs (any case) and any other word written twice in a row."""
    lowered = text.lower()
    return [pair for pair in REPORTED if pair.lower() in lowered] + doubled(text)


INLINE = {"a", "strong", "em", "b", "i", "span", "mark", "abbr", "code", "small", "time"}


class _Sentences(HTMLParser):
    """Page text with a break at every block boundary: a label cell beside its value is not a sentence."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")
        if tag not in INLINE:
            self.parts.append(" | ")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")
        if tag not in INLINE:
            self.parts.append(" | ")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def sentences(html):
    parser = _Sentences()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def said(response):
    """Everything a flow told the user: flash messages, and form errors of every form in the page."""
    parts = [str(m) for m in response.context["messages"]] if response.context else []
    forms = {}
    for context in response.context or []:
        for value in context.flatten().values():
            if hasattr(value, "errors") and hasattr(value, "non_field_errors"):
                forms[id(value)] = value
    for form in forms.values():
        parts += [str(e) for errors in form.errors.values() for e in errors]
    return parts


def test_every_message_of_the_sk_flow_reads_without_doubled_words(
    client_for, beji, jenu, jenu_admin, tuban_staff, mailoutbox, django_capture_on_commit_callbacks
):
    import datetime

    import time_machine

    from decrees.models import Decree
    from tests.decrees.conftest import SK_FIELDS
    from tests.files import sk_photo

    tuban_staff.email, jenu_admin.email = "staf@example.org", "jenu@example.org"
    tuban_staff.save()
    jenu_admin.save()
    village_kim = KimFactory(name="KIM Beji Sejahtera", village=beji, created_by=jenu_admin)
    district_kim = KimFactory(name="KIM Kecamatan Jenu", district=jenu, level="kecamatan", created_by=jenu_admin)
    admin, staff = client_for(jenu_admin), client_for(tuban_staff)
    texts = []

    def run(client, url, data=None, *, kim=None):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data, follow=True) if data is not None else client.get(url, follow=True)
        texts.extend(said(response))
        return response

    def upload(kim, **fields):
        return run(
            admin,
            reverse("decrees:upload", args=[kim.pk]),
            {**SK_FIELDS, **fields, "files": [sk_photo("hal-1.jpg")]},
        )

    with time_machine.travel(datetime.datetime(2025, 6, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        for kim in (village_kim, district_kim):
            upload(kim)  # accepted
            upload(kim, number="188.45/124/KPTS/414.403/2021")  # refused: one pending SK at a time
            upload(kim, signed_on="2099-01-01", term_start="2099-01-01", term_end="2098-01-01")  # refused fields
            decree = Decree.objects.get(kim=kim)
            run(staff, reverse("decrees:verify", args=[decree.pk]), {})  # refused: the statement is unticked
            run(staff, reverse("decrees:verify", args=[decree.pk]), {"confirm": "1"})
            upload(kim)  # refused: the number is recorded for this KIM
            upload(kim, number="188.45/200/KPTS/414.403/2022")
            newer = Decree.objects.get(kim=kim, status=Decree.Status.PENDING)
            run(staff, reverse("decrees:reject", args=[newer.pk]), {"reason": "Cap tidak terlihat"})
            run(admin, reverse("decrees:withdraw", args=[newer.pk]), {"reason": "Salah unggah berkas"})
            run(staff, reverse("decrees:verify", args=[newer.pk]), {"confirm": "1"})  # refused: decided already
            run(admin, reverse("decrees:draft_download", args=[kim.pk]))  # refused: formed, no draft needed
        run(
            admin,
            reverse("districts:kim_create", args=[jenu.code]),
            {
                "name": "KIM Beji Sejahtera",
                "level": "desa",
                "village": beji.code,
                "activity": "aktif",
                "member_count": 1,
            },
        )
        # Pages that put these names into headings and sentences: only the reported pairs are looked for
        # there, since a table may legitimately put the same word in two neighbouring cells.
        pages = [village_kim.get_absolute_url(), district_kim.get_absolute_url(), jenu.get_absolute_url()]
        pages += [decree.get_absolute_url() for decree in Decree.objects.all()]
        pages += [reverse("decrees:upload", args=[kim.pk]) for kim in (village_kim, district_kim)]
        for url in pages:
            text = sentences(admin.get(url).content.decode())
            lowered = text.lower()
            assert not [pair for pair in REPORTED if pair.lower() in lowered], (url, text)
    texts += [mail.subject for mail in mailoutbox] + [mail.body for mail in mailoutbox]
    assert len(mailoutbox) >= 4 and len(texts) > 15, texts
    assert any("KIM Beji Sejahtera" in text for text in texts)
    found = {text: problems(text) for text in texts if problems(text)}
    assert not found, found


def test_failed_login_messages_never_repeat_the_field_name(anon_client, jenu_admin):
    for data in ({"username": "admin_jenu", "password": "salah"}, {"username": "tidak_ada", "password": "salah"}):
        page = anon_client.post(reverse("login"), data)
        text = " ".join(said(page))
        assert text and not problems(text), text
