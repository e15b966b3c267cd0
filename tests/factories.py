"""factory-boy factories for KIMTrack models."""

import datetime

import factory

from accounts.models import User
from decrees.models import Decree
from districts.models import District, KimGroup, Province, Regency, Village


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ["code"]

    code = "35"
    name = "JAWA TIMUR"


class RegencyFactory(factory.django.DjangoModelFactory):
    """Default: Kabupaten Lamongan, a neighbour of Tuban, for 'other regency' cases."""

    class Meta:
        model = Regency
        django_get_or_create = ["code"]

    code = "35.24"
    name = "KABUPATEN LAMONGAN"
    province = factory.LazyAttribute(lambda o: ProvinceFactory(code=o.code[:2]))


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ["code"]

    code = "35.24.01"
    name = "Sukorame"
    regency = factory.LazyAttribute(lambda o: RegencyFactory(code=o.code[:5]))


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village
        django_get_or_create = ["code"]

    code = "35.24.01.2001"
    name = "Sukorame"
    district = factory.LazyAttribute(lambda o: DistrictFactory(code=o.code[:8]))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("name", locale="id_ID")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    class Params:
        staff_of = None  # a Regency
        admin_of = None  # a District
        viewer_of = None  # a Province

    role = factory.LazyAttribute(
        lambda o: "staf" if o.staff_of else "kecamatan" if o.admin_of else "provinsi" if o.viewer_of else ""
    )
    regency = factory.LazyAttribute(lambda o: o.staff_of)
    district = factory.LazyAttribute(lambda o: o.admin_of)
    province = factory.LazyAttribute(lambda o: o.viewer_of)


PASSWORD = "rahasia-uji-123"


class KimFactory(factory.django.DjangoModelFactory):
    """A village-level KIM; pass village= (and the district follows)."""

    class Meta:
        model = KimGroup

    name = factory.Sequence(lambda n: f"KIM Uji {n}")
    level = KimGroup.Level.VILLAGE
    village = None
    district = factory.LazyAttribute(lambda o: o.village.district if o.village else None)
    member_count = 10


class DecreeFactory(factory.django.DjangoModelFactory):
    """An SK without scans (tests of status logic); uploads go through decree_submit."""

    class Meta:
        model = Decree

    kim = factory.SubFactory(KimFactory)
    number = factory.Sequence(lambda n: f"188.45/{n}/KPTS/414.403/2021")
    signed_on = datetime.date(2021, 12, 10)
    signatory = "Drs. Contoh, M.Si."
    term_start = datetime.date(2021, 12, 10)
    term_end = datetime.date(2024, 12, 9)
    issuer = factory.LazyAttribute(lambda o: str(o.kim.issuing_office))
    uploaded_by = factory.SubFactory(UserFactory)
    # Distinct upload times in creation order, so "newest" and "oldest first" are well defined.
    created_at = factory.Sequence(
        lambda n: datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(minutes=n)
    )


def attach_scan(decree):
    """Give a factory-made SK a real (checked) scan file, as an upload would."""
    from decrees.models import Scan
    from kimtrack.stored_files import save_checked
    from kimtrack.uploads import check_scan
    from tests.files import sk_photo

    return save_checked(Scan(decree=decree, position=1), check_scan(sk_photo()), [])


def enrolled_device(user):
    """Give `user` a confirmed TOTP device, as after enrolment (for accounts that must have one)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="autentikator", confirmed=True)


def recovery_code(user):
    """A fresh single-use recovery code of `user` (enrolling them first), for signing in by the form."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    enrolled_device(user)
    device, _created = StaticDevice.objects.get_or_create(user=user, name="kode pemulihan", confirmed=True)
    token = StaticToken.random_token()
    device.token_set.create(token=token)
    return token
