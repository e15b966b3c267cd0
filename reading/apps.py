from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadingConfig(AppConfig):
    name = "reading"
    verbose_name = _("Pembacaan SK (OCR)")

    def ready(self):
        # The SK app announces; this app listens. decrees never imports reading.
        from decrees import signals
        from reading import hooks

        signals.scans_stored.connect(hooks.read_new_scans, dispatch_uid="reading.read_new_scans")
        signals.decree_page_panels.connect(hooks.comparison_panel, dispatch_uid="reading.comparison_panel")
        signals.upload_page_panels.connect(hooks.read_first_link, dispatch_uid="reading.read_first_link")
        signals.text_search.connect(hooks.read_text_search, dispatch_uid="reading.read_text_search")
