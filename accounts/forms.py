from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import USERNAME_TAKEN, User


class DistrictAccountForm(forms.ModelForm):
    """A staff member creates a kecamatan admin inside their own regency (saved by accounts.services)."""

    class Meta:
        model = User
        fields = ["username", "first_name", "email", "phone", "district"]
        labels = {"first_name": _("Nama lengkap"), "district": _("Kecamatan")}
        help_texts = {"username": _("Huruf, angka dan @/./+/-/_ saja; dipakai untuk masuk.")}

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        self.fields["district"].required = True
        self.fields["first_name"].required = True

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(USERNAME_TAKEN, code="unique")
        return username


class LanguageForm(forms.Form):
    """The language switch in the user menu: one of settings.LANGUAGES, or blank for the site's default."""

    language = forms.ChoiceField(
        label=_("Bahasa"), choices=[("", _("Bawaan situs")), *settings.LANGUAGES], required=False
    )
    next = forms.CharField(required=False)


class LoginForm(AuthenticationForm):
    """Django's sign-in form with a message that reads well in Indonesian.

    Django's own text puts the field's name into "Masukkan nama pengguna %(username)s ...", which
    the Indonesian catalogue already spells out: the page said "nama pengguna nama pengguna".
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Nama pengguna atau sandi salah. Perhatikan huruf besar dan kecil."),
    }


class OwnAccountForm(forms.ModelForm):
    """What every user may change about their own account: contact, mail language, weekly digest."""

    class Meta:
        model = User
        fields = ["first_name", "email", "phone", "language", "digest_opt_out"]


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=20,
        help_text=_("6 angka dari aplikasi autentikator, atau salah satu kode pemulihan."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )
