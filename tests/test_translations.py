"""The English catalogue is complete, and English users really get English (pages, messages, emails).

The completeness test extracts every translatable string from a fresh copy of the templates and the
code (Django's makemessages, as `make messages` does) and looks each one up in the committed
locale/en/LC_MESSAGES/django.po, so a string added without a translation fails here by name.
"""

import ast
import datetime
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.factories import KimFactory

CATALOGUE = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
# The same folders `make messages` leaves out (Makefile I18N_IGNORE).
NOT_SCANNED = {".venv", "node_modules", "bench", "tests", "staticfiles", "artifacts", "locale", ".git", "media-private"}
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%%")


def read_po(path):
    """{(msgid, msgid_plural): (msgstrs, fuzzy)} from a PO file as makemessages writes it (no header)."""
    entries = {}
    for block in Path(path).read_text(encoding="utf-8").split("\n\n"):
        fuzzy = False
        fields = {}
        current = None
        for line in block.splitlines():
            if line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in line
            elif line.startswith("#"):
                continue  # references, comments, obsolete (#~) entries
            elif line.startswith('"'):
                fields[current] += ast.literal_eval(line)
            else:
                current, _, value = line.partition(" ")
                fields[current] = ast.literal_eval(value)
        if fields.get("msgid"):
            msgstrs = [v for k, v in sorted(fields.items()) if k.startswith("msgstr")]
            entries[(fields["msgid"], fields.get("msgid_plural", ""))] = (msgstrs, fuzzy)
    return entries


def _untranslated(extracted, committed):
    """The msgids of `extracted` with no complete, non-fuzzy translation in `committed`."""
    missing = []
    for key in extracted:
        msgstrs, fuzzy = committed.get(key, ([], False))
        if fuzzy or not msgstrs or not all(msgstrs):
            missing.append(key[0])
    return missing


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """Every translatable string in our templates and code, extracted afresh with makemessages."""
    root = tmp_path_factory.mktemp("messages")
    source = Path(settings.BASE_DIR)
    for path in source.rglob("*"):
        relative = path.relative_to(source)
        if relative.parts[0] in NOT_SCANNED or path.suffix not in {".py", ".html", ".txt", ".js"}:
            continue
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, root / relative)
    (root / "locale").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setattr(settings, "LOCALE_PATHS", [root / "locale"])
        call_command("makemessages", locale=["en"], verbosity=0)
        js_files = list(root.glob("static/js/*.js"))
        if js_files:
            call_command("makemessages", locale=["en"], domain="djangojs", verbosity=0)
    django_po = root / "locale" / "en" / "LC_MESSAGES" / "django.po"
    djangojs_po = django_po.with_name("djangojs.po")
    return read_po(django_po), read_po(djangojs_po) if djangojs_po.exists() else {}


def test_every_template_and_code_string_has_an_english_translation(extracted):
    django_strings, _ = extracted
    assert len(django_strings) > 500  # the extraction really ran over templates and code
    missing = _untranslated(django_strings, read_po(CATALOGUE))
    assert not missing, (
        f"{len(missing)} strings have no English translation; run `make messages` and translate them in "
        f"{CATALOGUE.relative_to(settings.BASE_DIR)}:\n" + "\n".join(missing)
    )


def test_javascript_strings_have_english_translations_too(extracted):
    """Today the scripts take their words from the templates (data- attributes); if one ever calls gettext()."""
    _, js_strings = extracted
    js_catalogue = CATALOGUE.with_name("djangojs.po")
    missing = _untranslated(js_strings, read_po(js_catalogue) if js_catalogue.exists() else {})
    assert not missing, "JavaScript strings without English translation:\n" + "\n".join(missing)


def test_the_completeness_check_names_a_string_that_lacks_a_translation(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid "Simpan"\nmsgstr "Save"\n\n'
        '#, fuzzy\nmsgid "Simpan target"\nmsgstr "Save rules"\n\n'
        'msgid "%(n)s KIM"\nmsgid_plural "%(n)s KIM"\nmsgstr[0] "%(n)s KIM"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    extracted = {
        ("Simpan", ""): None,
        ("Simpan target", ""): None,
        ("%(n)s KIM", "%(n)s KIM"): None,
        ("Baru", ""): None,
    }
    assert _untranslated(extracted, read_po(po)) == ["Simpan target", "%(n)s KIM", "Baru"]


def test_translations_keep_every_placeholder():
    wrong = []
    for (msgid, plural), (msgstrs, _fuzzy) in read_po(CATALOGUE).items():
        expected = sorted(PLACEHOLDER.findall(plural or msgid))
        for index, msgstr in enumerate(msgstrs):
            # The singular of a plural may say "one" instead of the count.
            if sorted(PLACEHOLDER.findall(msgstr)) != expected and not (plural and index == 0):
                wrong.append(f"{msgid!r} -> {msgstr!r}")
    assert not wrong, "\n".join(wrong)


def _as(client_for, user, language):
    user.language = language
    user.save(update_fields=["language"])
    return client_for(user)


def test_an_english_user_reads_the_dashboard_in_english(english_compiled, client_for, tuban_staff):
    page = _as(client_for, tuban_staff, "en").get(reverse("home")).content.decode()
    assert 'lang="en"' in page
    assert "KIM formation in" in page and "Pembentukan KIM" not in page
    assert ">Home<" in page and ">Sign out<" in page


def test_an_indonesian_user_reads_the_dashboard_in_indonesian(english_compiled, client_for, tuban_staff):
    page = _as(client_for, tuban_staff, "id").get(reverse("home")).content.decode()
    assert 'lang="id"' in page
    assert "Pembentukan KIM" in page and ">Beranda<" in page and "KIM formation in" not in page


def test_form_labels_and_the_message_after_saving_follow_the_users_language(
    english_compiled, client_for, jenu_admin, jenu
):
    english = _as(client_for, jenu_admin, "en")
    form = english.get(reverse("districts:kim_create", args=[jenu.code])).content.decode()
    assert "KIM name" in form and "Nama KIM" not in form
    response = english.post(
        reverse("districts:kim_create", args=[jenu.code]),
        {"name": "KIM Jenu Maju", "level": "kecamatan", "activity": "aktif", "member_count": 9},
        follow=True,
    )
    assert "“KIM Jenu Maju” saved. Add its officers and upload its SK." in response.content.decode()

    refused = english.post(reverse("districts:kim_create", args=[jenu.code]), {"name": "", "level": "kecamatan"})
    assert "Check the fields marked below" in refused.content.decode()


def test_dates_follow_the_users_language(english_compiled, client_for, beji, jenu_admin):
    kim = KimFactory(village=beji, founded_on=datetime.date(2024, 12, 1))
    assert "Dec" in _as(client_for, jenu_admin, "en").get(kim.get_absolute_url()).content.decode()
    assert "Des" in _as(client_for, jenu_admin, "id").get(kim.get_absolute_url()).content.decode()


def test_a_request_does_not_leave_its_language_behind(english_compiled, client_for, tuban_staff):
    _as(client_for, tuban_staff, "en").get(reverse("home"))
    assert translation.get_language() == settings.LANGUAGE_CODE


def test_emails_are_written_in_each_recipients_language(
    english_compiled, beji, jenu_admin, tuban_staff, mailoutbox, django_capture_on_commit_callbacks
):
    from decrees.services import decree_reject, decree_submit
    from tests.factories import UserFactory
    from tests.files import sk_photo

    tuban_staff.email, tuban_staff.language = "staf.en@example.org", "en"
    tuban_staff.save()
    UserFactory(role="staf", regency=tuban_staff.regency, email="staf.id@example.org")
    jenu_admin.email = "jenu@example.org"  # no language of their own: the site's (Indonesian)
    jenu_admin.save()
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
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert subjects == {
        "staf.en@example.org": "New SK awaiting verification: KIM Beji Bersinar",
        "staf.id@example.org": "SK baru menunggu verifikasi: KIM Beji Bersinar",
    }
    english_body = next(m.body for m in mailoutbox if m.to == ["staf.en@example.org"])
    assert "was uploaded by" in english_body

    jenu_admin.language = "en"
    jenu_admin.save()
    with django_capture_on_commit_callbacks(execute=True):
        decree_reject(decree=decree, by=tuban_staff, reason="Cap tidak terlihat")
    rejected = mailoutbox[-1]
    assert rejected.to == ["jenu@example.org"]
    assert rejected.subject == "SK rejected: KIM Beji Bersinar"
    assert "Reason: Cap tidak terlihat" in rejected.body
    assert translation.get_language() == settings.LANGUAGE_CODE
