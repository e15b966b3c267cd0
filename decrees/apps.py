from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecreesConfig(AppConfig):
    name = "decrees"
    verbose_name = _("SK (surat keputusan)")
