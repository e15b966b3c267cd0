"""Administrative regions of Indonesia (keyed by official Kemendagri code) and the KIMs in them."""

import datetime
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Substr
from django.db.models.lookups import Exact, StartsWith
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts import codes
from districts.names import kim_name_key
from kimtrack.fields import PhoneField, SingleLineCharField
from kimtrack.scope import EVERYTHING, ScopedQuerySet, area_code


class RegionQuerySet(ScopedQuerySet):
    area_field = "code"


class RegencyQuerySet(RegionQuerySet):
    def for_user(self, user):
        """A kecamatan admin also sees the regency their kecamatan belongs to (its rules, its name)."""
        code = area_code(user)
        if code not in (None, EVERYTHING) and codes.level_of(code) == codes.DISTRICT:
            return self.filter(code=codes.regency_of(code))
        return super().for_user(user)


class Region(models.Model):
    """Fields and behaviour shared by every level of region."""

    name = SingleLineCharField(_("nama"), max_length=120, help_text=_("Nama resmi sebagaimana tertulis di sumber."))

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return codes.display_name(self.name)


class Province(Region):
    code = models.CharField(_("kode"), max_length=2, primary_key=True, validators=[codes.validator(codes.PROVINCE)])

    class Meta(Region.Meta):
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")


class Regency(Region):
    code = models.CharField(_("kode"), max_length=5, primary_key=True, validators=[codes.validator(codes.REGENCY)])
    province = models.ForeignKey(Province, models.PROTECT, related_name="regencies", verbose_name=_("provinsi"))

    objects = RegencyQuerySet.as_manager()

    class Meta(Region.Meta):
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__startswith=models.F("province_id")),
                name="districts_regency_code_in_province",
            )
        ]


class District(Region):
    """A kecamatan."""

    code = models.CharField(_("kode"), max_length=8, primary_key=True, validators=[codes.validator(codes.DISTRICT)])
    regency = models.ForeignKey(Regency, models.PROTECT, related_name="districts", verbose_name=_("kabupaten/kota"))

    objects = RegionQuerySet.as_manager()

    class Meta(Region.Meta):
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__startswith=models.F("regency_id")),
                name="districts_district_code_in_regency",
            )
        ]
        indexes = [models.Index(fields=["regency", "name"], name="districts_district_reg_name")]

    def get_absolute_url(self):
        return reverse("districts:district_detail", args=[self.code])


class Village(Region):
    """A desa, kelurahan or desa adat; which one is decided by the code alone."""

    class Kind(models.TextChoices):
        KELURAHAN = "kelurahan", _("Kelurahan")
        DESA = "desa", _("Desa")
        DESA_ADAT = "desa_adat", _("Desa adat")

    code = models.CharField(_("kode"), max_length=13, primary_key=True, validators=[codes.validator(codes.VILLAGE)])
    district = models.ForeignKey(District, models.PROTECT, related_name="villages", verbose_name=_("kecamatan"))
    # Derived by the database from the code (first digit of the last segment), so
    # it can never disagree with it and counts per kind need no Python.
    kind = models.GeneratedField(
        expression=models.Case(
            models.When(
                Exact(Substr("code", 10, 1), models.Value("1")),
                then=models.Value(Kind.KELURAHAN.value),
            ),
            models.When(
                Exact(Substr("code", 10, 1), models.Value("3")),
                then=models.Value(Kind.DESA_ADAT.value),
            ),
            default=models.Value(Kind.DESA.value),
        ),
        output_field=models.CharField(max_length=10, choices=Kind.choices),
        db_persist=True,
        verbose_name=_("jenis"),
    )

    objects = RegionQuerySet.as_manager()

    class Meta(Region.Meta):
        verbose_name = _("desa/kelurahan")
        verbose_name_plural = _("desa/kelurahan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__startswith=models.F("district_id")),
                name="districts_village_code_in_district",
            )
        ]
        indexes = [models.Index(fields=["district", "name"], name="districts_village_dist_name")]

    def get_absolute_url(self):
        return reverse("districts:village_detail", args=[self.code])

    def get_kind_display(self):
        # GeneratedField does not add get_FOO_display, so spell it out.
        return self.Kind(self.kind).label


TUBAN = "35.23"  # the regency whose own rules (Perbup 55/2020) come as defaults


class RegencyRules(models.Model):
    """Per-regency rules for KIMs: they differ between regions, so they are data."""

    class Expansion(models.TextChoices):
        """Which words the regency's pages and documents spell "KIM" out as."""

        KELOMPOK = "kelompok", _("Kelompok Informasi Masyarakat")
        KOMUNITAS = "komunitas", _("Komunitas Informasi Masyarakat")

    DEFAULT_CLASSIFICATIONS = ("Pemula", "Madya", "Utama")
    DEFAULT_OFFICER_ROLES = ("Ketua", "Sekretaris", "Bendahara", "Anggota pengurus")
    # Roles a KIM gives to one person only (a KIM has one Ketua); "Anggota pengurus" are many.
    DEFAULT_SINGLE_HOLDER_ROLES = ("Ketua", "Sekretaris", "Bendahara")
    # The national ADINDA activity types (Akses informasi, Diskusi, Implementasi, Networking, Diseminasi, Aspirasi).
    DEFAULT_ACTIVITY_TYPES = ("Akses informasi", "Diskusi", "Implementasi", "Networking", "Diseminasi", "Aspirasi")
    DEFAULT_ACTIVE_WITHIN_DAYS = 90
    # Lowest yearly assessment score (0-100) of each default grade.
    DEFAULT_CLASSIFICATION_MIN_SCORES = {"Pemula": 0, "Madya": 60, "Utama": 80}
    # Yearly assessment criteria and their weights, after the province's KIM contests.
    DEFAULT_CRITERIA = (
        ("Legalitas dan administrasi", 30),
        ("Situs web dan media sosial", 25),
        ("Kegiatan", 30),
        ("Kemitraan", 15),
    )
    # Tuban's own defaults; every other regency starts neutral and its staff fill these in.
    TUBAN_DEFAULTS = {
        "kim_expansion": Expansion.KELOMPOK,
        "legal_bases": (
            "Peraturan Bupati Tuban Nomor 55 Tahun 2020 tentang Pembentukan Kelompok Informasi Masyarakat\n"
            "Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2024"
        ),
    }

    regency = models.OneToOneField(
        Regency, models.CASCADE, primary_key=True, related_name="kim_rules", verbose_name=_("kabupaten/kota")
    )
    min_members = models.PositiveSmallIntegerField(
        _("jumlah anggota minimal"), default=3, help_text=_("KIM dengan anggota lebih sedikit tidak bisa disimpan.")
    )
    max_term_years = models.PositiveSmallIntegerField(
        _("masa bakti terpanjang (tahun)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("SK dengan masa bakti lebih panjang ditolak saat disimpan."),
    )
    kim_expansion = models.CharField(
        _("kepanjangan KIM"),
        max_length=10,
        choices=Expansion,
        blank=True,
        help_text=_("Sebutan yang dipakai di halaman dan dokumen; kosongkan untuk menulis “KIM” saja."),
    )
    active_within_days = models.PositiveSmallIntegerField(
        _("batas hari KIM aktif berkegiatan"),
        default=DEFAULT_ACTIVE_WITHIN_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("KIM berstatus “aktif berkegiatan” bila kegiatan terakhirnya paling lama sekian hari lalu."),
    )
    legal_bases = models.TextField(
        _("dasar hukum"),
        blank=True,
        help_text=_("Satu peraturan per baris; ditampilkan di dasbor, halaman publik dan dokumen."),
    )
    # Who signs the report sent to Diskominfo Provinsi (the signature block of the report file).
    signer_place = SingleLineCharField(
        _("tempat penandatanganan"), max_length=60, blank=True, help_text=_("Nama kota tempat laporan ditandatangani.")
    )
    signer_title = SingleLineCharField(
        _("jabatan penandatangan"),
        max_length=150,
        blank=True,
        help_text=_("Jabatan lengkap, misalnya “Kepala Dinas Komunikasi dan Informatika Kabupaten …”."),
    )
    signer_name = SingleLineCharField(_("nama penandatangan"), max_length=120, blank=True)
    signer_rank = SingleLineCharField(
        _("pangkat/golongan"), max_length=80, blank=True, help_text=_("Misalnya “Pembina Utama Muda (IV/c)”.")
    )
    signer_nip = models.CharField(
        _("NIP"), max_length=18, blank=True, help_text=_("18 angka, tanpa spasi; kosongkan bila bukan ASN.")
    )
    term_years = models.PositiveSmallIntegerField(
        _("masa bakti pengurus (tahun)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Dipakai pada draf SK (diktum masa bakti); 1–10 tahun."),
    )
    follow_up_days = models.PositiveSmallIntegerField(
        _("batas tindak lanjut sosialisasi (hari)"),
        default=60,
        validators=[MinValueValidator(7), MaxValueValidator(730)],
        help_text=_("Kecamatan yang disosialisasi lebih lama dari ini tanpa SK diunggah masuk daftar tindak lanjut."),
    )
    require_two_factor = models.BooleanField(
        _("wajibkan verifikasi dua langkah"),
        default=False,
        help_text=_(
            "Jika dicentang, semua akun kabupaten ini (juga admin kecamatan) harus memakai kode dari aplikasi "
            "autentikator saat masuk. Staf selalu wajib."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aturan KIM kabupaten")
        verbose_name_plural = _("aturan KIM kabupaten")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_years__gte=1, term_years__lte=10), name="districts_regencyrules_term_years_sane"
            ),
            models.CheckConstraint(
                condition=Q(follow_up_days__gte=7, follow_up_days__lte=730),
                name="districts_regencyrules_follow_up_days_sane",
            ),
        ]

    def __str__(self):
        return str(_("Aturan KIM %(regency)s") % {"regency": self.regency})

    def clean(self):
        if self.term_years and self.max_term_years and self.term_years > self.max_term_years:
            raise ValidationError(
                {"term_years": _("Masa bakti pada draf SK tidak boleh melebihi masa bakti terpanjang.")}
            )
        self.signer_nip = "".join(self.signer_nip.split())
        if self.signer_nip and not (self.signer_nip.isdigit() and len(self.signer_nip) == 18):
            raise ValidationError({"signer_nip": _("NIP terdiri dari 18 angka, mis. 197001012000031001.")})

    @property
    def kim_long_name(self):
        """ "Kelompok/Komunitas Informasi Masyarakat", or just "KIM" when the regency has not chosen."""
        return self.get_kim_expansion_display() if self.kim_expansion else "KIM"

    @property
    def legal_basis_list(self):
        return [line.strip() for line in self.legal_bases.splitlines() if line.strip()]

    @classmethod
    def seed_values(cls, regency_code):
        return dict(cls.TUBAN_DEFAULTS) if regency_code == TUBAN else {}

    @classmethod
    def read(cls, regency_code):
        """The rules to show for a regency, without writing: stored ones, else the unsaved defaults."""
        return cls.objects.filter(regency_id=regency_code).first() or cls(
            regency_id=regency_code, **cls.seed_values(regency_code)
        )

    @classmethod
    def for_regency(cls, regency):
        """The regency's rules, created with the Jatim defaults (and Tuban's own) on first use."""
        rules, created = cls.objects.using("default").get_or_create(
            regency=regency, defaults=cls.seed_values(regency.code)
        )
        if created:
            Classification.objects.bulk_create(
                Classification(
                    regency=regency, name=name, rank=rank, min_score=cls.DEFAULT_CLASSIFICATION_MIN_SCORES.get(name)
                )
                for rank, name in enumerate(cls.DEFAULT_CLASSIFICATIONS, start=1)
            )
            AssessmentCriterion.objects.bulk_create(
                AssessmentCriterion(regency=regency, name=name, rank=rank, weight=weight)
                for rank, (name, weight) in enumerate(cls.DEFAULT_CRITERIA, start=1)
            )
            OfficerRole.objects.bulk_create(
                OfficerRole(
                    regency=regency, name=name, rank=rank, single_holder=name in cls.DEFAULT_SINGLE_HOLDER_ROLES
                )
                for rank, name in enumerate(cls.DEFAULT_OFFICER_ROLES, start=1)
            )
            ActivityType.objects.bulk_create(
                ActivityType(regency=regency, name=name, rank=rank)
                for rank, name in enumerate(cls.DEFAULT_ACTIVITY_TYPES, start=1)
            )
        return rules


class RankedName(models.Model):
    name = SingleLineCharField(_("nama"), max_length=60)
    rank = models.PositiveSmallIntegerField(_("urutan"), default=1)

    class Meta:
        abstract = True
        ordering = ["regency", "rank", "name"]

    def __str__(self):
        return self.name


class Classification(RankedName):
    """A grade on the regency's KIM classification scale (e.g. Pemula, Madya, Utama)."""

    regency = models.ForeignKey(Regency, models.CASCADE, related_name="kim_classifications")
    min_score = models.PositiveSmallIntegerField(
        _("nilai minimal"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Nilai penilaian tahunan (0–100) terendah untuk klasifikasi ini; kosong: tidak pernah disarankan."),
    )
    history = HistoricalRecords()

    class Meta(RankedName.Meta):
        verbose_name = _("klasifikasi KIM")
        verbose_name_plural = _("klasifikasi KIM")
        constraints = [models.UniqueConstraint(fields=["regency", "name"], name="districts_classification_unique")]


class OfficerRole(RankedName):
    """An officer position a regency recognises (Ketua, Sekretaris, ...)."""

    regency = models.ForeignKey(Regency, models.CASCADE, related_name="kim_officer_roles")
    single_holder = models.BooleanField(
        _("dipegang satu orang"),
        default=False,
        help_text=_("Jika dicentang, setiap KIM hanya boleh punya satu pengurus dengan jabatan ini."),
    )
    history = HistoricalRecords()

    class Meta(RankedName.Meta):
        verbose_name = _("jabatan pengurus")
        verbose_name_plural = _("jabatan pengurus")
        constraints = [models.UniqueConstraint(fields=["regency", "name"], name="districts_officerrole_unique")]


KIMID_HOST = "kim.id"


def validate_kimid_site(value):
    """A KIM.id site is an https address on kim.id itself or one of its subdomains, nothing else."""
    try:
        parts = urlsplit(value)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        host, port, parts = "", None, None
    on_kimid = host == KIMID_HOST or host.endswith("." + KIMID_HOST)
    if parts is None or parts.scheme != "https" or not on_kimid or parts.username or parts.password or port:
        raise ValidationError(
            _(
                "Situs KIM.id harus berupa alamat https di kim.id, misalnya https://namakim.kim.id "
                "(tertulis: %(value)s)."
            ),
            code="kimid_site",
            params={"value": value},
        )


def on_kimid():
    """The one rule of "registered on KIM.id": a KIM.id number or a KIM.id site is on record."""
    return ~Q(kimid_number="") | ~Q(kimid_site="")


class ActivityType(RankedName):
    """A kind of KIM activity the regency recognises (by default the six ADINDA types)."""

    regency = models.ForeignKey(Regency, models.CASCADE, related_name="kim_activity_types")
    history = HistoricalRecords()

    class Meta(RankedName.Meta):
        verbose_name = _("jenis kegiatan")
        verbose_name_plural = _("jenis kegiatan")
        constraints = [models.UniqueConstraint(fields=["regency", "name"], name="districts_activitytype_unique")]


class AssessmentCriterion(RankedName):
    """A criterion of the regency's yearly KIM assessment, with its weight in the total score."""

    regency = models.ForeignKey(Regency, models.CASCADE, related_name="kim_assessment_criteria")
    weight = models.PositiveSmallIntegerField(
        _("bobot"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Bobot relatif terhadap kriteria lain, misalnya 30."),
    )
    history = HistoricalRecords()

    class Meta(RankedName.Meta):
        verbose_name = _("kriteria penilaian")
        verbose_name_plural = _("kriteria penilaian")
        constraints = [models.UniqueConstraint(fields=["regency", "name"], name="districts_criterion_unique")]


def counted_kims(prefix=""):
    """The one rule of "this KIM counts": it is neither merged into another nor entered by mistake.

    `prefix` reaches the KIM from another model ("kim__" from an SK). Every count, map, report and
    public list reaches this through `KimGroup.objects.counted()` or `Decree.objects.forming()`.
    """
    return Q(**{f"{prefix}record": KimGroup.Record.CURRENT})


class KimGroupQuerySet(ScopedQuerySet):
    area_field = "district__code"

    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create skips save(): the name key the constraints compare is set here too.
        objs = list(objs)
        for kim in objs:
            kim.sync_name_key()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if "name" in fields:
            for kim in objs:
                kim.sync_name_key()
            fields = [*fields, "normalized_name"]
        return super().bulk_update(objs, fields, *args, **kwargs)

    def counted(self):
        """KIMs that count: merged and mistaken records stay on file (and in history) but out of every count."""
        return self.filter(counted_kims())

    def _decrees(self):
        """The SKs of the KIM in the outer query, reached through the relation (the registry imports no SK code)."""
        decree_model = self.model._meta.get_field("decrees").related_model
        return decree_model.objects.filter(kim=models.OuterRef("pk"))

    def with_formation_status(self, on=None):
        """Annotate `formation_status`, decided by decrees.formation (the one place)."""
        return self.annotate(formation_status=self._decrees().formation_status(on=on))

    def formed(self, on=None):
        """KIMs with an SK that forms them on `on`: one EXISTS on `Decree.objects.forming` (counted KIMs only)."""
        return self.filter(models.Exists(self._decrees().forming(on=on)))

    def covering(self, on=None):
        """Formed KIMs that cover their area: a dissolved (bubar) KIM no longer does, whatever its SK says."""
        return self.formed(on).exclude(activity=KimGroup.Activity.DISSOLVED)

    def with_liveliness(self, on=None):
        """Annotate `last_activity_on` and `liveliness`, decided by activities.liveliness (the one place).

        Reached through the relation, like the formation status: the registry imports no activity code.
        """
        activity_model = self.model._meta.get_field("activities").related_model
        return activity_model.objects.liveliness_of(self, on)

    def registered_on_kimid(self):
        return self.filter(on_kimid())

    def not_on_kimid(self):
        return self.exclude(on_kimid())

    def for_list(self, on=None):
        return (
            self.select_related("district", "village", "classification").with_formation_status(on).with_liveliness(on)
        )


class KimGroup(models.Model):
    """A Kelompok Informasi Masyarakat, at kecamatan or desa/kelurahan level."""

    class Level(models.TextChoices):
        DISTRICT = "kecamatan", _("Kecamatan")
        VILLAGE = "desa", _("Desa/Kelurahan")

    class Activity(models.TextChoices):
        ACTIVE = "aktif", _("Aktif")
        INACTIVE = "tidak_aktif", _("Tidak aktif")
        DISSOLVED = "bubar", _("Bubar")

    class Record(models.TextChoices):
        """Whether this row is a KIM at all: merged and mistaken rows stay on file, out of every count."""

        CURRENT = "tercatat", _("Tercatat")
        MERGED = "digabung", _("Digabung ke KIM lain")
        MISTAKEN = "salah_input", _("Salah input")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Single line: the name is the subject of notification e-mails.
    name = SingleLineCharField(_("Nama KIM"), max_length=150, help_text=_("Misalnya “KIM Ronggolawe”."))
    level = models.CharField(_("Tingkat"), max_length=10, choices=Level)
    district = models.ForeignKey(District, models.PROTECT, related_name="kims", verbose_name=_("kecamatan"))
    village = models.ForeignKey(
        Village, models.PROTECT, null=True, blank=True, related_name="kims", verbose_name=_("Desa/Kelurahan")
    )
    founded_on = models.DateField(
        _("tanggal pembentukan"), null=True, blank=True, help_text=_("Tanggal musyawarah pembentukan.")
    )
    address = models.TextField(_("alamat sekretariat"), blank=True)
    phone = PhoneField(_("telepon"), blank=True, help_text=_("Misalnya 0812-3456-7890 atau (0356) 321456."))
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    social_links = models.TextField(
        _("media sosial"), blank=True, help_text=_("Satu tautan per baris (Facebook, Instagram, YouTube, …).")
    )
    kimid_number = models.CharField(
        _("Nomor KIM.id"),
        max_length=40,
        blank=True,
        help_text=_("Nomor registrasi KIM di platform nasional KIM.id; kosongkan bila belum terdaftar."),
    )
    kimid_site = models.URLField(
        _("Situs KIM.id"),
        blank=True,
        validators=[validate_kimid_site],
        help_text=_("Alamat situs KIM di KIM.id, misalnya https://namakim.kim.id."),
    )
    classification = models.ForeignKey(
        Classification, models.PROTECT, null=True, blank=True, related_name="kims", verbose_name=_("klasifikasi")
    )
    classified_on = models.DateField(_("tanggal penilaian klasifikasi"), null=True, blank=True)
    activity = models.CharField(_("status keaktifan"), max_length=12, choices=Activity, default=Activity.ACTIVE)
    member_count = models.PositiveIntegerField(_("jumlah anggota"), null=True, blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    is_demo = models.BooleanField(_("data demo"), default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    # kim_name_key(name), kept in sync by save(): what the one-name-per-area constraint compares.
    normalized_name = models.CharField(_("nama pembanding"), max_length=150, editable=False, default="")
    # Changed only by districts.services (merge, mark as mistaken), which audits; never hard-deleted.
    record = models.CharField(
        _("status catatan"), max_length=12, choices=Record, default=Record.CURRENT, editable=False
    )
    record_reason = models.TextField(_("alasan"), blank=True, editable=False)
    merged_into = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        editable=False,
        verbose_name=_("digabung ke"),
    )
    record_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("ditandai oleh"),
    )
    record_changed_at = models.DateTimeField(_("ditandai"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = KimGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("KIM")
        verbose_name_plural = _("KIM")
        ordering = ["district_id", "village_id", "name"]
        constraints = [
            # A kecamatan-level KIM has no village; a village-level KIM has one,
            # and it lies inside the KIM's kecamatan (codes nest).
            models.CheckConstraint(
                condition=Q(level="kecamatan", village__isnull=True)
                | Q(Q(level="desa", village__isnull=False), StartsWith(F("village_id"), F("district_id"))),
                name="districts_kimgroup_level_matches_area",
            ),
            # One KIM, one record: a name (as kim_name_key compares it) once per kecamatan and once per
            # desa/kelurahan among counted KIMs, so a double click or Back and save again racing in two
            # requests is refused by the database too. Two constraints, because NULL villages are distinct.
            models.UniqueConstraint(
                fields=["district", "normalized_name"],
                condition=Q(level="kecamatan", record="tercatat"),
                name="districts_kimgroup_one_name_per_district",
            ),
            models.UniqueConstraint(
                fields=["village", "normalized_name"],
                condition=Q(level="desa", record="tercatat"),
                name="districts_kimgroup_one_name_per_village",
            ),
            models.CheckConstraint(
                condition=Q(record="digabung", merged_into__isnull=False)
                | (~Q(record="digabung") & Q(merged_into__isnull=True)),
                name="districts_kimgroup_merged_has_target",
            ),
            models.CheckConstraint(
                condition=Q(record="tercatat") | ~Q(record_reason=""), name="districts_kimgroup_record_has_reason"
            ),
            models.CheckConstraint(condition=~Q(merged_into=F("id")), name="districts_kimgroup_not_merged_into_itself"),
        ]
        indexes = [models.Index(fields=["district", "level"], name="districts_kim_district_level")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sync_name_key()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "normalized_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("districts:kim_detail", args=[self.pk])

    def sync_name_key(self):
        """Set `normalized_name` from the name; a duplicate found on file by migration 0016 keeps its "~" suffix."""
        if self.normalized_name.split("~")[0] != kim_name_key(self.name):
            self.normalized_name = kim_name_key(self.name)

    @property
    def is_counted(self):
        return self.record == self.Record.CURRENT

    def same_name_in_area(self):
        """The counted KIM of the same kecamatan or desa/kelurahan whose name is this one's, if any."""
        if not self.is_counted or not self.name or not self.district_id:
            return None
        if self.level == self.Level.DISTRICT:
            area = Q(level=self.Level.DISTRICT, district_id=self.district_id)
        elif self.level == self.Level.VILLAGE and self.village_id:
            area = Q(level=self.Level.VILLAGE, village_id=self.village_id)
        else:
            return None
        others = KimGroup.objects.counted().filter(area, normalized_name=kim_name_key(self.name)).exclude(pk=self.pk)
        return others.select_related("district", "village").order_by("created_at").first()

    def clean(self):
        """The KIM rules, reached by every write path (form, import, admin) through full_clean()."""
        errors = {}
        # Kept for the form, which shows a link to it beside the message (the message itself stays text).
        self.duplicate_of = self.same_name_in_area()
        if self.duplicate_of is not None:
            errors["name"] = _(
                "Sudah ada KIM bernama “%(name)s” di %(area)s. Satu KIM dicatat sekali saja: buka KIM itu "
                "dan lengkapi datanya di sana."
            ) % {"name": self.duplicate_of.name, "area": self.duplicate_of.area}
        if self.level == self.Level.VILLAGE and not self.village_id:
            errors["village"] = _("Pilih desa/kelurahan untuk KIM tingkat desa/kelurahan.")
        elif self.level == self.Level.DISTRICT and self.village_id:
            errors["village"] = _("KIM tingkat kecamatan tidak memiliki desa/kelurahan; kosongkan pilihan ini.")
        elif self.village_id and self.district_id and not self.village_id.startswith(self.district_id + "."):
            errors["village"] = _("Desa/kelurahan ini tidak berada di kecamatan KIM.")
        if self.member_count is not None and self.district_id:
            rules = RegencyRules.read(codes.regency_of(self.district_id))
            if self.member_count < rules.min_members:
                errors["member_count"] = _("Jumlah anggota minimal %(n)d orang menurut aturan %(regency)s.") % {
                    "n": rules.min_members,
                    "regency": self.district.regency,
                }
        if self.classified_on and not self.classification_id:
            errors["classification"] = _("Isi klasifikasi bila tanggal penilaian diisi.")
        elif self.classification_id and self.district_id:
            if self.classification.regency_id != codes.regency_of(self.district_id):
                errors["classification"] = _("Klasifikasi ini milik kabupaten lain.")
        today = timezone.localdate()
        if self.founded_on and self.founded_on > today:
            errors["founded_on"] = _("Tanggal pembentukan tidak boleh di masa depan.")
        if self.classified_on and self.classified_on > today:
            errors["classified_on"] = _("Tanggal penilaian tidak boleh di masa depan.")
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # The one-name-per-area constraints are clean()'s duplicate rule with a friendlier message and
        # a link; normalized_name is set only by save(). The database still enforces them.
        super().validate_constraints(exclude={*(exclude or ()), "normalized_name"})

    @property
    def area(self):
        return self.village or self.district

    @property
    def is_on_kimid(self):
        return bool(self.kimid_number or self.kimid_site)

    @property
    def regency_id(self):
        return codes.regency_of(self.district_id)

    @property
    def issuing_office(self):
        """Who signs this KIM's SK: Camat, Kepala Desa or Lurah of its area."""
        if self.level == self.Level.DISTRICT:
            return _("Camat %(name)s") % {"name": self.district.display_name}
        if self.village.kind == Village.Kind.KELURAHAN:
            return _("Lurah %(name)s") % {"name": self.village.display_name}
        return _("Kepala Desa %(name)s") % {"name": self.village.display_name}


class Officer(models.Model):
    """A named officer of a KIM (ketua, sekretaris, ...)."""

    kim = models.ForeignKey(KimGroup, models.CASCADE, related_name="officers", verbose_name=_("KIM"))
    role = models.ForeignKey(OfficerRole, models.PROTECT, related_name="+", verbose_name=_("jabatan"))
    name = SingleLineCharField(_("nama"), max_length=120)
    phone = PhoneField(_("telepon"), blank=True, help_text=_("Misalnya 0812-3456-7890; boleh dikosongkan."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengurus")
        verbose_name_plural = _("pengurus")
        ordering = ["kim", "role__rank", "name"]

    def __str__(self):
        return f"{self.role}: {self.name}"


def single_holder_clashes(kim, *, planned=(), replaced=(), only=None):
    """The one rule of "a role held by one person only": the roles `kim`'s officers would fill more than once.

    Officer.clean() sees one officer, not its siblings, so every writer asks here about the list as
    it will stand: the officers stored now, less `replaced` (pks being edited or removed), plus
    `planned` ((role, name) pairs being written). Returns [(role, [names])], empty when all is well;
    `only` limits the answer to one role (adding one officer is not blocked by an old clash elsewhere).
    Asking about the final list (not officer by officer) lets a form swap two people's roles in one save.
    """
    stored = Officer.objects.filter(kim_id=kim.pk).exclude(pk__in=list(replaced)).select_related("role")
    holders = {}
    for role, name in [*((officer.role, officer.name) for officer in stored), *planned]:
        if role is not None and role.single_holder and (only is None or role == only):
            holders.setdefault(role, []).append(name)
    return [(role, names) for role, names in sorted(holders.items(), key=lambda item: item[0].rank) if len(names) > 1]


def single_holder_error(clashes):
    """The message for single_holder_clashes(): which role, who holds it, how to fix it."""
    return ValidationError(
        [
            ValidationError(
                _(
                    "Jabatan “%(role)s” hanya boleh dipegang satu orang, tetapi terisi %(count)d kali (%(names)s). "
                    "Ganti jabatan atau hapus salah satunya."
                ),
                code="single_holder",
                params={"role": role.name, "count": len(names), "names": ", ".join(names)},
            )
            for role, names in clashes
        ]
    )


class FormationTarget(models.Model):
    """A legal target: every kecamatan (or every desa/kelurahan) of a regency has a formed KIM by a deadline."""

    class Level(models.TextChoices):
        DISTRICT = "kecamatan", _("Setiap kecamatan")
        VILLAGE = "desa", _("Setiap desa/kelurahan")

    TUBAN_LEGAL_BASIS = "Peraturan Bupati Tuban Nomor 55 Tahun 2020 tentang Pembentukan Kelompok Informasi Masyarakat"
    # The national rules every regency's SK cites, after its own legal basis.
    NATIONAL_LEGAL_BASES = (
        "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik",
        "Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2024",
    )

    regency = models.ForeignKey(
        Regency, models.CASCADE, related_name="formation_targets", verbose_name=_("kabupaten/kota")
    )
    level = models.CharField(_("tingkat"), max_length=10, choices=Level)
    legal_basis = models.CharField(_("dasar hukum"), max_length=300)
    deadline = models.DateField(_("tenggat"), null=True, blank=True, help_text=_("Kosongkan bila belum ditetapkan."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target pembentukan")
        verbose_name_plural = _("target pembentukan")
        ordering = ["regency", "level"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "level"], name="districts_formationtarget_one_per_level")
        ]

    def __str__(self):
        return f"{self.get_level_display()} — {self.regency}"

    @classmethod
    def for_regency(cls, regency):
        """The regency's two targets; Tuban's come with the Perbup 55/2020 defaults, others empty."""
        # Read from the primary even on a replica-read page: this may create the rows.
        existing = {t.level: t for t in cls.objects.using("default").filter(regency=regency)}
        if len(existing) < 2:
            is_tuban = regency.code == TUBAN
            defaults = {
                cls.Level.DISTRICT: datetime.date(2022, 12, 31) if is_tuban else None,
                cls.Level.VILLAGE: None,
            }
            for level, deadline in defaults.items():
                if level not in existing:
                    existing[level] = cls.objects.create(
                        regency=regency,
                        level=level,
                        legal_basis=cls.TUBAN_LEGAL_BASIS if is_tuban else "",
                        deadline=deadline,
                    )
        return existing[cls.Level.DISTRICT], existing[cls.Level.VILLAGE]

    @classmethod
    def legal_bases_for(cls, kim):
        """What an SK forming `kim` cites under Mengingat: its regency's basis for its level, then national rules."""
        targets = dict(zip((cls.Level.DISTRICT, cls.Level.VILLAGE), cls.for_regency(kim.district.regency), strict=True))
        own = targets[kim.level].legal_basis.strip()
        return [own, *cls.NATIONAL_LEGAL_BASES] if own else list(cls.NATIONAL_LEGAL_BASES)


def region_exists(code):
    """Whether `code` is a known region of any level; a malformed code is none."""
    levels = {codes.PROVINCE: Province, codes.REGENCY: Regency, codes.DISTRICT: District, codes.VILLAGE: Village}
    model = levels.get(codes.level_of(code))
    return model is not None and model.objects.filter(code=code).exists()
