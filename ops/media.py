from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models


def referenced_files():
    """{storage name: 'app.Model pk'} for every file a row points to."""
    found = {}
    for model in apps.get_models():
        fields = [f for f in model._meta.get_fields() if isinstance(f, models.FileField)]
        if not fields or model.__name__.startswith("Historical"):  # history rows point at the same files
            continue
        for field in fields:
            for pk, name in model._default_manager.exclude(**{field.name: ""}).values_list("pk", field.name):
                found[name] = f"{model._meta.label} {pk}"
    return found


def _preview_names():
    """The storage name of the preview of every scan and activity photo (built at upload, if it could be)."""
    from activities.models import ActivityPhoto
    from decrees.models import Scan
    from decrees.previews import preview_name

    names = {preview_name(scan) for scan in Scan.objects.only("pk")}
    return names | {preview_name(photo) for photo in ActivityPhoto.objects.only("pk")}


def stored_previews():
    """The previews built so far: built once at upload and only ever served stored, so a backup keeps them."""
    return {name for name in _preview_names() if default_storage.exists(name)}


def derived_files():
    """Files made from others (previews, open-data exports): neither orphans while their source exists, nor missing."""
    from reports.export_cache import stored_exports  # open-data exports, regenerated at will

    return _preview_names() | set(stored_exports())
