"""Administrative regions of Indonesia (keyed by official Kemendagri code) and the KIMs in them."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Substr
from django.db.models.lookups import Exact, StartsWith
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts import codes
from kimtrack.validators import validate_single_line


class Region(models.Model):
    """Fields and behaviour shared by every level of region."""

    name = models.CharField(_("nama"), max_length=120, help_text=_("Nama resmi sebagaimana tertulis di sumber."))

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

    class Meta(Region.Meta):
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__startswith=models.F("province_id")),
                name="districts_regency_code_in_province",
            )
        ]

    @property
    def is_city(self):
        return self.name.upper().startswith("KOTA ")


class District(Region):
    """A kecamatan."""

    code = models.CharField(_("kode"), max_length=8, primary_key=True, validators=[codes.validator(codes.DISTRICT)])
    regency = models.ForeignKey(Regency, models.PROTECT, related_name="districts", verbose_name=_("kabupaten/kota"))

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


class RegencyRules(models.Model):
    """Per-regency rules for KIMs: they differ between regions, so they are data."""

    DEFAULT_CLASSIFICATIONS = ("Pemula", "Madya", "Utama")
    DEFAULT_OFFICER_ROLES = ("Ketua", "Sekretaris", "Bendahara", "Anggota pengurus")

    regency = models.OneToOneField(
        Regency, models.CASCADE, primary_key=True, related_name="kim_rules", verbose_name=_("kabupaten/kota")
    )
    min_members = models.PositiveSmallIntegerField(
        _("jumlah anggota minimal"), default=3, help_text=_("KIM dengan anggota lebih sedikit tidak bisa disimpan.")
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

    def __str__(self):
        return str(_("Aturan KIM %(regency)s") % {"regency": self.regency})

    @classmethod
    def for_regency(cls, regency):
        """The regency's rules, created with the Jatim defaults on first use."""
        rules, created = cls.objects.using("default").get_or_create(regency=regency)
        if created:
            Classification.objects.bulk_create(
                Classification(regency=regency, name=name, rank=rank)
                for rank, name in enumerate(cls.DEFAULT_CLASSIFICATIONS, start=1)
            )
            OfficerRole.objects.bulk_create(
                OfficerRole(regency=regency, name=name, rank=rank)
                for rank, name in enumerate(cls.DEFAULT_OFFICER_ROLES, start=1)
            )
        return rules


class RankedName(models.Model):
    name = models.CharField(_("nama"), max_length=60)
    rank = models.PositiveSmallIntegerField(_("urutan"), default=1)

    class Meta:
        abstract = True
        ordering = ["regency", "rank", "name"]

    def __str__(self):
        return self.name


class Classification(RankedName):
    """A grade on the regency's KIM classification scale (e.g. Pemula, Madya, Utama)."""

    regency = models.ForeignKey(Regency, models.CASCADE, related_name="kim_classifications")
    history = HistoricalRecords()

    class Meta(RankedName.Meta):
        verbose_name = _("klasifikasi KIM")
        verbose_name_plural = _("klasifikasi KIM")
        constraints = [models.UniqueConstraint(fields=["regency", "name"], name="districts_classification_unique")]


class OfficerRole(RankedName):
    """An officer position a regency recognises (Ketua, Sekretaris, ...)."""

    regency = models.ForeignKey(Regency, models.CASCADE, related_name="kim_officer_roles")
    history = HistoricalRecords()

    class Meta(RankedName.Meta):
        verbose_name = _("jabatan pengurus")
        verbose_name_plural = _("jabatan pengurus")
        constraints = [models.UniqueConstraint(fields=["regency", "name"], name="districts_officerrole_unique")]


class KimGroupQuerySet(models.QuerySet):
    def with_formation_status(self, today=None):
        """Annotate `formation_status`, computed by decrees.formation (the one place)."""
        from decrees.formation import formation_status_expression

        return self.annotate(formation_status=formation_status_expression(today))

    def formed(self, today=None):
        """KIMs formed on `today`. FORMED is the first rule of decrees.formation, so one EXISTS on the
        forming SKs answers it from the decree index, without computing every other status."""
        from decrees.formation import forming_decrees

        return self.filter(models.Exists(forming_decrees(today or timezone.localdate())))

    def covering(self, today=None):
        """Formed KIMs that cover their area: a dissolved (bubar) KIM no longer does, whatever its SK says."""
        return self.formed(today).exclude(activity=KimGroup.Activity.DISSOLVED)

    def for_list(self, today=None):
        return self.select_related("district", "village", "classification").with_formation_status(today)


class KimGroup(models.Model):
    """A Kelompok Informasi Masyarakat, at kecamatan or desa/kelurahan level."""

    class Level(models.TextChoices):
        DISTRICT = "kecamatan", _("Kecamatan")
        VILLAGE = "desa", _("Desa/Kelurahan")

    class Activity(models.TextChoices):
        ACTIVE = "aktif", _("Aktif")
        INACTIVE = "tidak_aktif", _("Tidak aktif")
        DISSOLVED = "bubar", _("Bubar")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(
        _("Nama KIM"),
        max_length=150,
        help_text=_("Misalnya “KIM Ronggolawe”."),
        validators=[validate_single_line],  # the name is the subject of notification e-mails
    )
    level = models.CharField(_("Tingkat"), max_length=10, choices=Level)
    district = models.ForeignKey(District, models.PROTECT, related_name="kims", verbose_name=_("kecamatan"))
    village = models.ForeignKey(
        Village, models.PROTECT, null=True, blank=True, related_name="kims", verbose_name=_("Desa/Kelurahan")
    )
    founded_on = models.DateField(
        _("tanggal pembentukan"), null=True, blank=True, help_text=_("Tanggal musyawarah pembentukan.")
    )
    address = models.TextField(_("alamat sekretariat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    social_links = models.TextField(
        _("media sosial"), blank=True, help_text=_("Satu tautan per baris (Facebook, Instagram, YouTube, …).")
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
        ]
        indexes = [models.Index(fields=["district", "level"], name="districts_kim_district_level")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("districts:kim_detail", args=[self.pk])

    @property
    def area(self):
        return self.village or self.district

    @property
    def regency_id(self):
        return self.district_id[:5]

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
    name = models.CharField(_("nama"), max_length=120)
    phone = models.CharField(_("telepon"), max_length=30, blank=True, help_text=_("Boleh dikosongkan."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengurus")
        verbose_name_plural = _("pengurus")
        ordering = ["kim", "role__rank", "name"]

    def __str__(self):
        return f"{self.role}: {self.name}"


class FormationTarget(models.Model):
    """A legal target: every kecamatan (or every desa/kelurahan) of a regency has a formed KIM by a deadline."""

    class Level(models.TextChoices):
        DISTRICT = "kecamatan", _("Setiap kecamatan")
        VILLAGE = "desa", _("Setiap desa/kelurahan")

    TUBAN_LEGAL_BASIS = "Peraturan Bupati Tuban Nomor 55 Tahun 2020 tentang Pembentukan Kelompok Informasi Masyarakat"

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
            is_tuban = regency.code == "35.23"
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


def region_exists(code):
    """Whether `code` is a known region of any level; a malformed code is none."""
    levels = {codes.PROVINCE: Province, codes.REGENCY: Regency, codes.DISTRICT: District, codes.VILLAGE: Village}
    model = levels.get(codes.level_of(code))
    return model is not None and model.objects.filter(code=code).exists()
