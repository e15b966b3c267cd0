"""Administrative regions of Indonesia, keyed by official Kemendagri code."""

from django.db import models
from django.db.models.functions import Substr
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districts import codes


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
