from django import forms
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


class AccountFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False)


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=20,
        help_text=_("6 angka dari aplikasi autentikator, atau salah satu kode pemulihan."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )
