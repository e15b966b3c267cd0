from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """Coverage, the regency, kecamatan and province dashboards, maps and the public page."""

    name = "dashboard"
    verbose_name = _("Dasbor")
